// The error summary of a participant's form (templates/macros/participant.html): it takes the
// focus when the page opens, so that a screen reader reads it and the phone shows it; each of
// its links moves the focus to its field and shows the field's label or question with it.
// Without this script the summary is still the first thing on the page and its links still
// scroll to the fields.
(function () {
  var summary = document.querySelector('[data-error-summary]');
  if (!summary) return;
  if (!window.location.hash || window.location.hash === '#' + summary.id) summary.focus();
  summary.addEventListener('click', function (event) {
    var link = event.target.closest('a[href^="#"]');
    var input = link && document.getElementById(link.getAttribute('href').slice(1));
    if (!input) return;
    event.preventDefault();
    var legend = input.closest('fieldset') && input.closest('fieldset').querySelector('legend');
    var label = input.type === 'radio' && legend ? legend
      : document.querySelector('label[for="' + input.id + '"]') || input.closest('label') || legend;
    (label || input).scrollIntoView();
    input.focus({preventScroll: true});
    if (window.history && history.replaceState) history.replaceState(null, '', '#' + input.id);
  });
})();
