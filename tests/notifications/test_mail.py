"""MIME building: what a mail client parses is what was written, Azerbaijani letters included."""

from __future__ import annotations

import email
import email.header
from email import policy

import pytest

from umid_events.notifications.mail import Attachment, CalendarPart, MailContent, build_mime

SUBJECTS = [
    "Qeydiyyat təsdiqləndi: İctimai dinləmə çox uzun başlıq ilə ki, bölünsün gərək 78 simvoldan artıq",
    "Xatırlatma: sabah saat 10:00-da “Elektron hökumət portalından istifadə: Qırmızı Qəsəbə” təlimi",
    "ÇŞĞÜÖƏİI çşğüöəıi " * 8,
    "Plain ASCII subject that is long enough to need folding on any sensible mail transport agent",
]


def parse(content: MailContent):
    raw = build_mime(content).as_bytes()
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998
    assert b"\n" not in raw.replace(b"\r\n", b"")  # every line ends in CRLF, as SMTP wants
    return email.message_from_bytes(raw, policy=policy.default)


def content(**fields) -> MailContent:
    values = {"sender": "Ümid Events <umid@example.az>", "to_email": "eli@example.az",
              "to_name": "Əli Şükürov", "subject": "Salam", "text_body": "Salam, Əli!\n",
              "html_body": "<p>Salam, Əli!</p>\n", "message_id": "<1@example.az>"}
    values.update(fields)
    return MailContent(**values)


def decoded(raw: bytes, header: str) -> str:
    """A header as mail clients read it: RFC 2047 section 6.2 ignores the whitespace between
    two encoded words (Python's own address parser kept it before CPython gh-128110)."""
    value = email.message_from_bytes(raw)[header].replace("\r\n", "").replace("\n", "")  # unfolded
    return str(email.header.make_header(email.header.decode_header(value)))


@pytest.mark.parametrize("subject", SUBJECTS)
def test_long_azerbaijani_headers_survive_exactly(subject):
    name = "Məmmədova Şəhla Əliqızı Hüseynqulu Çələbi Ağaverdiyeva-Özbəkova"
    message = content(subject=subject.strip(), to_name=name)
    parsed = parse(message)
    assert parsed["Subject"] == subject.strip()
    assert parsed["From"].addresses[0].display_name == "Ümid Events"
    raw = build_mime(message).as_bytes()
    assert decoded(raw, "To") == f"{name} <eli@example.az>"
    assert decoded(raw, "Subject") == subject.strip()


def test_a_message_without_attachments_is_text_and_html_alternatives():
    parsed = parse(content(text_body="Görüş: ğüşıöçə\n" * 40))
    assert parsed.get_content_type() == "multipart/alternative"
    text, html = parsed.iter_parts()
    assert text.get_content().replace("\r\n", "\n") == "Görüş: ğüşıöçə\n" * 40
    assert html.get_content_type() == "text/html"
    assert parsed["Message-ID"] == "<1@example.az>"
    assert parsed["Auto-Submitted"] == "auto-generated"


def test_calendar_alternative_and_attachment_keep_their_bytes():
    ics = "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nSUMMARY:Ləğv edildi\r\nEND:VCALENDAR\r\n".encode()
    other = "BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nSUMMARY:Başqa\r\nEND:VCALENDAR\r\n".encode()
    parsed = parse(content(calendar=CalendarPart("CANCEL", ics),
                           attachments=(Attachment("ləğv.ics", "text/calendar", other),)))
    alternative, attachment = parsed.iter_parts()
    calendar = list(alternative.iter_parts())[2]
    assert calendar["Content-Type"].params == {"charset": "utf-8", "method": "CANCEL"}
    assert calendar.get_payload(decode=True) == ics
    assert attachment.get_filename() == "ləğv.ics"
    assert attachment["Content-Type"].params == {"charset": "utf-8", "method": "PUBLISH"}
    assert attachment.get_payload(decode=True) == other


@pytest.mark.parametrize("subject", [*SUBJECTS, "Two  spaces", " leading", "tab\there", "Salam"])
def test_the_shortcut_for_plain_headers_writes_the_bytes_compat32_writes(subject):
    """``WIRE`` writes short plain-ASCII headers directly instead of through ``Header``; every
    byte must still be what the standard compat32 policy writes."""
    from umid_events.notifications.mail import WIRE

    ics = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nSUMMARY:Dəvət\r\nEND:VCALENDAR\r\n".encode()
    message = build_mime(content(
        subject=subject, to_name="Məmmədova Şəhla Əliqızı Hüseynqulu Çələbi Ağaverdiyeva-Özbəkova",
        calendar=CalendarPart("REQUEST", ics),
        attachments=(Attachment("invite.ics", "text/calendar; method=REQUEST", ics),
                     Attachment("ləğv.ics", "text/calendar", ics))))
    assert message.policy is WIRE
    standard = policy.compat32.clone(linesep="\r\n")
    assert message.as_bytes() == message.as_bytes(policy=standard)


@pytest.mark.parametrize("body", [
    "Qiymət = 10 AZN; 50% endirim =3D deyil\n",
    "Sətrin sonunda boşluq   \nvə tab\t\n",
    "Uzun sətir " + "ə" * 300 + " son\n",
    "--=_ boundary-like line\n.\nFrom the organisers\n",
])
def test_text_bodies_come_back_exactly(body):
    parsed = parse(content(text_body=body, html_body=f"<p>{body}</p>"))
    text, html = parsed.iter_parts()
    assert text["Content-Transfer-Encoding"] == "quoted-printable"
    assert text.get_content().replace("\r\n", "\n") == body
    assert html.get_content().replace("\r\n", "\n") == f"<p>{body}</p>"
