"""Azerbaijani for the knowledge checks' phases and "after" invitation, and the sentences whose
suffixes come from umid_events.core.aztext (the placeholder carries the suffix, not the text)."""

AZ = {
    "Thank you: %(score)s of %(total)d answers were right.":
        "Təşəkkür edirik: %(total)d cavabdan %(score)s düzgündür.",
    "The session is over, so these answers now count for after the session. Check them and send them again.":
        "Sessiya bitib, ona görə bu cavablar artıq sessiyadan sonrakı cavablar kimi sayılır. "
        "Onları yoxlayın və yenidən göndərin.",
    "The event was cancelled: there are no questions to answer.":
        "Tədbir ləğv edilib: cavablandırılacaq sual yoxdur.",
    "These answers count for before the session.": "Bu cavablar sessiyadan əvvəlki cavablar kimi sayılır.",
    "These answers count for after the session.": "Bu cavablar sessiyadan sonrakı cavablar kimi sayılır.",
    "You can send them until the session ends at %(time)s.":
        "Onları sessiya saat %(time)s bitənədək göndərə bilərsiniz.",
    "The questions after the session open once it is over.": "Sessiyadan sonrakı suallar sessiya bitəndə açılır.",
    "The questions after “%(title)s”": "“%(title)s” tədbirindən sonrakı suallar",
    "Thank you for taking part in “%(title)s”. Please answer a few short questions, the same ones as before the "
    "session, so that we see what the session gave. It takes two minutes:":
        "“%(title)s” tədbirində iştirak etdiyiniz üçün təşəkkür edirik. Sessiyadan əvvəlki suallarla eyni olan "
        "bir neçə qısa suala cavab verin ki, sessiyanın nə verdiyini görək. Bu, iki dəqiqə çəkir:",
    "Thank you for coming to %(title)s. The questions after it:":
        "%(title)s tədbirinə gəldiyiniz üçün təşəkkür edirik. Sonrakı suallar:",
}
