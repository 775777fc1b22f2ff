"""RFC 2047 in every header of every kind of mail: no encoded word longer than 75 characters, no
line with one longer than 78, and the text comes back exactly as mail clients decode it.

Every template in templates/email is one kind of mail; each is rendered with long Azerbaijani
values (so that its subject, like the sender's and the addressee's names, needs several encoded
words), sent through the outbox to the test SMTP server, and read from what the server received.
"""

from __future__ import annotations

import email
import email.header
import re

import pytest
from jinja2 import meta

from umid_events.extensions import db
from umid_events.notifications.kinds import MessageKind
from umid_events.notifications.mail import MAX_ENCODED_WORD, EncodedWords
from umid_events.notifications.services import queue_templated_message

from ..conftest import ROOT
from .conftest import all_sent, running_consumer, wait_for

ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")
KINDS = sorted(path.stem for path in (ROOT / "templates" / "email").glob("*.txt")
               if path.stem != "layout")
LONG = "Şəki, Gəncə, Lənkəran və Qubanın “Gənc Liderlər” məktəbi: ödənişsiz İT təlimi 🎓"
NAME = "Məmmədova Şəhla Əliqızı Hüseynqulu Çələbi Ağaverdiyeva-Özbəkova"
SENDER = "Ümid Events — “Ümid” Sosial İnkişafa Dəstək İctimai Birliyi <umid@example.az>"


def decoded(value: str) -> str:
    """A header value as mail clients read it (unfolded; RFC 2047 section 6.2: the space
    between two encoded words is not part of the text)."""
    unfolded = value.replace("\r\n", "").replace("\n", "")
    return str(email.header.make_header(email.header.decode_header(unfolded)))


def context_for(env, template: str) -> dict:
    """A value for every variable the mail's two templates use: long text, links for URLs."""
    names = set()
    for suffix in ("txt", "html"):
        source = env.loader.get_source(env, f"email/{template}.{suffix}")[0]
        names |= meta.find_undeclared_variables(env.parse(source))
    names -= {"subject", "language", *env.globals}
    return {name: f"https://events.example.az/{name}/Ab3" if name.endswith("_url") else LONG
            for name in names}


def check_headers(raw: bytes) -> list[str]:
    """What breaks RFC 2047 / 5322 in the headers of ``raw`` and all its parts."""
    problems = []
    for part in email.message_from_bytes(raw).walk():
        for name, value in part.raw_items():
            for word in ENCODED_WORD.findall(value):
                if len(word) > MAX_ENCODED_WORD:
                    problems.append(f"{name}: a {len(word)}-character encoded word {word}")
            lines = f"{name}: {value}".splitlines()
            if ENCODED_WORD.search(value) and max(map(len, lines)) > 78:
                problems.append(f"{name}: a line of {max(map(len, lines))} characters")
    return problems


def test_every_kind_of_mail_keeps_encoded_words_within_75_characters(make_mail_app, smtp_server):
    assert {"invitation", "registration_confirmed", "event_cancelled", "reminder",
            "certificate"} <= set(KINDS)
    mail_app = make_mail_app(smtp=smtp_server, MAIL_DEFAULT_SENDER=SENDER)
    with mail_app.app_context():
        from umid_events.notifications.services import _email_environment

        env = _email_environment("az")
        sent = {}
        for template in KINDS:
            message = queue_templated_message(
                template=template, to_email=f"{template.replace('_', '-')}@example.az",
                to_name=NAME, language="az", context=context_for(env, template),
                kind=MessageKind.TEST)
            sent[message.message_id_header] = (template, message.subject)
        db.session.commit()
    with running_consumer(mail_app):
        wait_for(lambda: all_sent(mail_app, len(KINDS)), "one mail of every kind sent")

    assert len(smtp_server.received) == len(KINDS)
    for received in smtp_server.received:
        headers = email.message_from_bytes(received.raw)
        template, subject = sent[headers["Message-ID"]]
        assert check_headers(received.raw) == [], template
        if LONG in subject:  # it did need several words (the test message's subject is fixed)
            assert len(ENCODED_WORD.findall(headers["Subject"])) > 1, template
        assert decoded(headers["Subject"]) == subject, template
        assert decoded(headers["To"]) == f"{NAME} <{received.rcpt_tos[0]}>", template
        assert decoded(headers["From"]) == SENDER, template


@pytest.mark.parametrize("text", [
    NAME, LONG * 4, "ə" * 200, "🎉" * 60, "a" * 10 + "ş" * 90, "Tək", "iki  boşluq   və\ttab",
    "Qiymət = 10 AZN? 50% _endirim_ =?utf-8?q?saxta?=", "İ̇ki nöqtəli İ (i + U+0307)",
])
@pytest.mark.parametrize("header", ["Subject", "To", "List-Unsubscribe-Post-Something-Long"])
def test_encoded_words_fit_and_come_back_exactly(text, header):
    suffix = " <leyla@example.az>" if header == "To" else ""
    folded = EncodedWords(text, header, suffix).encode("\r\n")
    lines = f"{header}: {folded}".split("\r\n")
    assert all(len(line) <= 78 for line in lines), lines
    assert all(line.startswith(" ") for line in lines[1:])  # folded, never a bare line
    words = ENCODED_WORD.findall(folded)
    assert words and all(len(word) <= MAX_ENCODED_WORD for word in words)
    for word in words:  # each word holds whole letters: it decodes on its own
        [(data, charset)] = email.header.decode_header(word)
        data.decode(charset)
    assert decoded(folded) == text + suffix
