"""Cancelling in two steps (told by mail or SMS, with a way back) and erasing with a stated scope
(this registration or everything), after which the personal link answers 404."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import sqlalchemy as sa

from umid_events.certificates.models import Certificate, RevocationReason
from umid_events.certificates.services import issue_certificates
from umid_events.directory.models import Person
from umid_events.events.kinds import LinkVisibility
from umid_events.extensions import db
from umid_events.notifications.kinds import Channel, MessageKind
from umid_events.notifications.models import OutgoingMessage
from umid_events.registrations.models import ParticipantGroup, Registration, RegistrationStatus

from ..certificates.conftest import NAME, TITLE, registration_of, training  # noqa: F401  (fixture)
from ..conftest import csrf_token, run_worker_producers
from .conftest import register


def _outbox(kind: MessageKind | None = None) -> list[OutgoingMessage]:
    run_worker_producers()
    db.session.expire_all()
    query = sa.select(OutgoingMessage).order_by(OutgoingMessage.id)
    if kind is not None:
        query = query.where(OutgoingMessage.kind == kind)
    return list(db.session.scalars(query))


def _only_registration() -> Registration:
    db.session.expire_all()
    return db.session.scalars(sa.select(Registration)).one()


def _post(client, url: str, data: dict | None = None, *, token_from: str | None = None):
    return client.post(url, data={"csrf_token": csrf_token(client, token_from or url), **(data or {})})


def _text(response) -> str:
    return response.get_data(as_text=True)


# --- cancelling ------------------------------------------------------------------------------

def test_cancel_asks_first_then_cancels_and_mails(client, open_event):
    register(client, open_event)
    token = _only_registration().personal_token
    personal = _text(client.get(f"/p/{token}"))
    assert f'href="/p/{token}/cancel"' in personal  # a link to the question, not a form that cancels

    question = _text(client.get(f"/p/{token}/cancel"))
    assert "Qeydiyyatınız ləğv edilsin?" in question
    assert "Yeriniz gözləmə siyahısında növbəti şəxsə keçir" in question
    assert "Bəli, qeydiyyatımı ləğv et" in question and "Qeydiyyatımı saxla" in question
    assert _only_registration().status == RegistrationStatus.CONFIRMED  # looking changes nothing

    answer = _post(client, f"/p/{token}/cancel")
    assert answer.status_code == 302 and answer.headers["Location"] == f"/p/{token}"
    assert _only_registration().status == RegistrationStatus.CANCELLED
    [notice] = _outbox(MessageKind.CANCELLATION)
    assert (notice.channel, notice.to_email) == (Channel.EMAIL, "aygun@example.org")
    assert notice.subject == f"Qeydiyyatınız ləğv edildi: {open_event.title}"
    assert f"/p/{token}" in notice.text_body and "yenidən qeydiyyatdan keçə bilərsiniz" in notice.text_body
    calendar = notice.calendar_data.decode()  # the phone's calendar removes the entry
    assert notice.calendar_method == "CANCEL" and "METHOD:CANCEL\r\n" in calendar
    assert f"UID:{open_event.uid}" in calendar.replace("\r\n ", "") and "STATUS:CANCELLED" in calendar
    assert "mailto:aygun@example.org" in calendar

    after = _text(client.get(f"/p/{token}"))
    assert "Qeydiyyatınız ləğv edildi." in after and "Ləğv edilib" in after
    assert "Hələ boş yer var" in after and "Yenidən qeydiyyatdan keç" in after
    assert client.get(f"/p/{token}/cancel").status_code == 302  # nothing left to ask


def test_a_participant_who_chose_sms_gets_an_sms(client, open_event):
    register(client, open_event, email="", channel="sms")
    token = _only_registration().personal_token
    _post(client, f"/p/{token}/cancel")
    [notice] = _outbox(MessageKind.CANCELLATION)
    assert (notice.channel, notice.to_phone) == (Channel.SMS, "+994501234567")
    assert notice.text_body.startswith("Qeydiyyatınız ləğv edildi: Praktik məsləhət")  # shortened to fit
    assert f"/p/{token}" in notice.text_body


def test_cancelling_twice_changes_nothing_the_second_time(client, open_event):
    open_event.capacity = 1
    db.session.commit()
    register(client, open_event)
    register(client, open_event, full_name="Rəşad Quliyev", email="rashad@example.org", phone="055 765 43 21")
    first = db.session.scalars(sa.select(Registration).order_by(Registration.id)).first()
    token = first.personal_token
    data = {"csrf_token": csrf_token(client, f"/p/{token}/cancel")}
    for _ in range(2):  # a double tap on a slow line: the same form twice
        assert client.post(f"/p/{token}/cancel", data=data).status_code == 302
    db.session.expire_all()
    statuses = [each.status for each in db.session.scalars(sa.select(Registration).order_by(Registration.id))]
    assert statuses == [RegistrationStatus.CANCELLED, RegistrationStatus.CONFIRMED]
    db.session.refresh(open_event)
    assert open_event.confirmed_count == 1
    assert len(_outbox(MessageKind.CANCELLATION)) == 1
    assert len(_outbox(MessageKind.WAITLIST_PROMOTION)) == 1


def test_register_again_reuses_the_registration_and_is_safe_twice(client, open_event):
    register(client, open_event)
    registration = _only_registration()
    token, first_id = registration.personal_token, registration.id
    assert len(_outbox(MessageKind.CONFIRMATION)) == 1
    _post(client, f"/p/{token}/cancel")
    data = {"csrf_token": csrf_token(client, f"/p/{token}")}
    for _ in range(2):
        answer = client.post(f"/p/{token}/register-again", data=data)
        assert answer.status_code == 302 and answer.headers["Location"] == f"/p/{token}"
    registration = _only_registration()
    assert (registration.id, registration.status) == (first_id, RegistrationStatus.CONFIRMED)
    db.session.refresh(open_event)
    assert open_event.confirmed_count == 1
    confirmations = _outbox(MessageKind.CONFIRMATION)
    assert len(confirmations) == 2  # the first registration's, and this one's
    page = _text(client.get(f"/p/{token}"))
    assert "Yenidən qeydiyyatdan keçdiniz." in page and "Qeydiyyatımı ləğv et" in page


def test_register_again_when_full_joins_the_end_of_the_waiting_list(client, open_event):
    open_event.capacity = 1
    db.session.commit()
    register(client, open_event)
    first = _only_registration()
    _post(client, f"/p/{first.personal_token}/cancel")
    register(client, open_event, full_name="Rəşad Quliyev", email="rashad@example.org", phone="055 765 43 21")
    page = _text(client.get(f"/p/{first.personal_token}"))
    assert "Bütün yerlər tutulub, amma yenidən gözləmə siyahısına yazıla bilərsiniz." in page
    _post(client, f"/p/{first.personal_token}/register-again", token_from=f"/p/{first.personal_token}")
    db.session.expire_all()
    assert db.session.get(Registration, first.id).status == RegistrationStatus.WAITLISTED
    assert "Gözləmə siyahısındasınız" in _outbox(MessageKind.CONFIRMATION)[-1].subject


def test_no_register_again_once_registration_has_closed(client, open_event):
    register(client, open_event)
    token = _only_registration().personal_token
    _post(client, f"/p/{token}/cancel")
    data = {"csrf_token": csrf_token(client, f"/p/{token}")}
    open_event.registration_closes_at = open_event.starts_at - timedelta(days=10)
    db.session.commit()
    assert "Yenidən qeydiyyatdan keç" not in _text(client.get(f"/p/{token}"))
    client.post(f"/p/{token}/register-again", data=data)
    assert _only_registration().status == RegistrationStatus.CANCELLED
    assert "Bu tədbirə qeydiyyat bağlanıb." in _text(client.get(f"/p/{token}"))


# --- calendar buttons ------------------------------------------------------------------------

def _calendar_details(page: str, host: str) -> dict:
    start = page.index(f'href="https://{host}')
    url = page[start + 6:page.index('"', start + 6)].replace("&amp;", "&")
    return {key: values[0] for key, values in parse_qs(urlparse(url).query).items()}


def test_calendar_buttons_carry_the_join_link_only_when_allowed(client, open_event):
    register(client, open_event)
    token = _only_registration().personal_token
    page = _text(client.get(f"/p/{token}"))
    join = f"http://localhost/p/{token}/join"
    google = _calendar_details(page, "calendar.google.com")
    outlook = _calendar_details(page, "outlook.live.com")
    office = _calendar_details(page, "outlook.office.com")
    assert join in google["details"] and google["location"] == join
    assert join in outlook["body"] and join in office["body"] and office["subject"] == open_event.title
    assert f'href="/p/{token}/event.ics"' in page
    assert "zoom.us" not in page  # the meeting's own address stays behind the Join button

    open_event.link_visibility = LinkVisibility.STAFF  # the organiser holds the link back
    db.session.commit()
    page = _text(client.get(f"/p/{token}"))
    for host, field in (("calendar.google.com", "details"), ("outlook.live.com", "body"),
                        ("outlook.office.com", "body")):
        assert "/join" not in _calendar_details(page, host)[field]


def test_someone_waiting_gets_calendar_buttons_without_the_join_link(client, open_event):
    open_event.capacity = 0
    db.session.commit()
    register(client, open_event)
    registration = _only_registration()
    assert registration.status == RegistrationStatus.WAITLISTED
    page = _text(client.get(f"/p/{registration.personal_token}"))
    assert "/join" not in _calendar_details(page, "calendar.google.com")["details"]


# --- erasure ---------------------------------------------------------------------------------

def _second_registration(event, person: Person) -> Registration:
    """The same person registered for another event too."""
    other = Registration(event=event, person=person, status=RegistrationStatus.CONFIRMED,
                         group=ParticipantGroup.COMMUNITY_MEMBER, consent_at=event.starts_at - timedelta(days=9))
    db.session.add(other)
    db.session.commit()
    return other


def _holder_setup(open_event, held):
    issue_certificates(held, actor=None)
    db.session.commit()
    here = registration_of(held, NAME)
    here.organisation_name = "Quba Gənclər Birliyi"
    db.session.commit()
    elsewhere = _second_registration(open_event, here.person)
    certificate = db.session.scalars(sa.select(Certificate).where(Certificate.person_id == here.person_id)).one()
    return here, elsewhere, certificate


def test_the_erase_page_states_each_scope_before_the_click(client, open_event, training):  # noqa: F811
    here, _elsewhere, _certificate = _holder_setup(open_event, training)
    page = _text(client.get(f"/p/{here.personal_token}/erase"))
    assert f"Yalnız bu qeydiyyat: “{TITLE}”" in page and "Mənimlə bağlı hər şey" in page
    assert page.count('type="radio" name="scope"') == 2 and "checked" not in page  # nothing chosen for them
    assert (f"“{TITLE}” üzrə sertifikatınız ləğv ediləcək: kimsə onu yoxlayanda adınız olmadan, "
            "sahibinin istəyi ilə ləğv edildiyi görünəcək.") in page
    assert f"Bütün qeydiyyatlarınız ləğv edilir, bunlar da daxil olmaqla: {open_event.title}." in page
    assert "digər qeydiyyatlarınız üçün təşkilatçılarda qalır" in page

    # sent without a choice: told so, nothing deleted
    answer = _text(_post(client, f"/p/{here.personal_token}/erase"))
    assert "Nəyin silinəcəyini seçin." in answer and 'href="#scope-registration"' in answer
    db.session.expire_all()
    assert here.person.full_name == NAME and here.status == RegistrationStatus.CONFIRMED


def test_erasing_this_registration_only(client, open_event, training):  # noqa: F811
    here, elsewhere, certificate = _holder_setup(open_event, training)
    token = here.personal_token
    page = _text(_post(client, f"/p/{token}/erase", {"scope": "registration"}))
    assert "Bu səhifənin linki artıq işləmir" in page
    for url in (f"/p/{token}", f"/p/{token}/edit", f"/p/{token}/cancel", f"/p/{token}/erase",
                f"/p/{token}/event.ics", f"/p/{token}/proposals/new", f"/p/{token}/certificate.pdf"):
        assert client.get(url).status_code == 404, url
    db.session.expire_all()
    assert here.status == RegistrationStatus.CANCELLED and here.organisation_name is None
    assert here.person.full_name == NAME and here.person.anonymised_at is None  # kept for the other event
    assert client.get(f"/p/{elsewhere.personal_token}").status_code == 200
    assert elsewhere.status == RegistrationStatus.CONFIRMED
    certificate = db.session.get(Certificate, certificate.id)
    assert certificate.revocation_reason == RevocationReason.HOLDER and certificate.name == "—"
    verification = _text(client.get(f"/c/{certificate.token}"))
    assert "Bu sertifikat ləğv edilib." in verification
    assert "tarixində sahibinin istəyi ilə ləğv edilib." in verification and NAME not in verification


def test_erasing_everything_ends_every_link(client, open_event, training):  # noqa: F811
    here, elsewhere, certificate = _holder_setup(open_event, training)
    tokens = (here.personal_token, elsewhere.personal_token)
    page = _text(_post(client, f"/p/{here.personal_token}/erase", {"scope": "everything"}))
    assert "Şəxsi səhifələrinizin linkləri artıq işləmir." in page
    for token in tokens:
        for url in (f"/p/{token}", f"/p/{token}/edit", f"/p/{token}/proposals/new", f"/p/{token}/knowledge"):
            assert client.get(url).status_code == 404, url
    db.session.expire_all()
    person = db.session.get(Person, here.person_id)
    assert (person.full_name, person.email, person.phone) == ("—", None, None)
    assert {here.status, elsewhere.status} == {RegistrationStatus.CANCELLED}
    assert here.organisation_name is None
    verification = _text(client.get(f"/c/{certificate.token}"))
    assert "sahibinin istəyi ilə ləğv edilib" in verification and NAME not in verification
    assert db.session.get(Certificate, certificate.id).revocation_reason == RevocationReason.HOLDER


def test_an_old_link_of_someone_erased_before_answers_404(client, open_event):
    """Erased before the links got new tokens: the link still ends."""
    register(client, open_event)
    registration = _only_registration()
    registration.person.anonymised_at = registration.created_at
    db.session.commit()
    assert client.get(f"/p/{registration.personal_token}").status_code == 404
