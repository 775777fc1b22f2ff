"""What registering sends: through the one outbox, in the participant's language."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import icalendar
import pytest
import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.extensions import db
from umid_events.notifications import tasks
from umid_events.notifications.kinds import MessageKind
from umid_events.notifications.models import OutgoingMessage
from umid_events.notifications.tasks import HANDOVER_MARGIN_SECONDS, HANDOVER_SECONDS, get_queue
from umid_events.registrations.models import Registration

from ..conftest import csrf_token, run_worker_producers
from .conftest import register


def _outbox():
    run_worker_producers()
    db.session.expire_all()
    return list(db.session.scalars(sa.select(OutgoingMessage).order_by(OutgoingMessage.id)))


def test_a_confirmation_with_the_calendar_entry_and_the_personal_link(client, open_event):
    register(client, open_event)
    [message] = _outbox()
    registration = db.session.scalars(sa.select(Registration)).one()
    assert (message.kind, message.to_email, message.event_id) == (
        MessageKind.CONFIRMATION, "aygun@example.org", open_event.id)
    assert message.subject == f"Qeydiyyatdan keçdiniz: {open_event.title}"
    assert f"/p/{registration.personal_token}" in message.text_body
    assert "Salam, Aygün Həsənova!" in message.text_body
    [attachment] = message.attachments
    assert attachment.filename == "event.ics" and attachment.content_type == "text/calendar"
    [event] = icalendar.Calendar.from_ical(attachment.data).walk("VEVENT")
    assert str(event["UID"]) == open_event.uid
    assert str(event["CONFERENCE"]) == "https://zoom.us/j/81234567890"


def test_english_speakers_get_english_mail(client, open_event):
    client.get("/lang/en")
    register(client, open_event)
    [message] = _outbox()
    assert message.language == "en" and message.subject.startswith("You are registered")
    [attachment] = message.attachments  # the calendar entry speaks English too
    [vevent] = icalendar.Calendar.from_ical(attachment.data).walk("VEVENT")
    assert str(vevent["DESCRIPTION"]).startswith("Details: ")


def test_no_email_means_no_mail_and_no_error(client, open_event):
    register(client, open_event, email="")
    assert _outbox() == []
    assert db.session.scalars(sa.select(Registration)).one() is not None


def test_waiting_list_and_moving_up_are_told(client, open_event):
    open_event.capacity = 1
    db.session.commit()
    register(client, open_event, email="first@example.org", phone="")
    register(client, open_event, full_name="Rəşad Quliyev", email="second@example.org", phone="")
    waiting_notice = _outbox()[-1]
    assert waiting_notice.to_email == "second@example.org"
    assert waiting_notice.subject.startswith("Gözləmə siyahısındasınız")
    assert waiting_notice.attachments == []  # no calendar entry, and so no link, yet

    first = db.session.scalars(sa.select(Registration).order_by(Registration.id)).first()
    client.post(f"/p/{first.personal_token}/cancel",
                data={"csrf_token": csrf_token(client, f"/p/{first.personal_token}/cancel")})
    promoted = _outbox()[-1]
    assert (promoted.kind, promoted.to_email) == (MessageKind.WAITLIST_PROMOTION, "second@example.org")
    assert promoted.subject.startswith("Yer sizindir")
    assert promoted.attachments[0].filename == "event.ics"


def test_registering_again_sends_the_link_to_the_address_on_file_only(client, open_event):
    register(client, open_event)
    run_worker_producers()
    again = register(client, open_event, phone="", email="AYGUN@example.org", full_name="AYGUN HESENOVA")
    assert "/p/" not in again.get_data(as_text=True)  # never shown on screen to whoever typed it
    resent = _outbox()[-1]
    assert resent.to_email == "aygun@example.org" and resent.subject.startswith("Keçidiniz")


def test_the_worker_writes_the_mail_right_after_the_registration_is_saved(app, client, open_event):
    huey = get_queue(app).huey
    huey.flush()
    register(client, open_event)
    db.session.expire_all()
    assert db.session.scalars(sa.select(OutgoingMessage)).all() == []  # the page did not wait
    assert db.session.scalars(sa.select(Registration)).one().confirmation_due_at is not None
    [job] = huey.pending()  # queued with its start time: the worker holds it until then
    assert (job.name, job.args) == ("notifications.produce", (["write_registration_mail"],))
    assert job.eta - datetime.now(UTC).replace(tzinfo=None) <= timedelta(seconds=HANDOVER_SECONDS)
    huey.execute(job, timestamp=job.eta)  # what `flask worker` does with it when it is due
    db.session.expire_all()
    [message] = db.session.scalars(sa.select(OutgoingMessage)).all()
    assert message.subject.startswith("Qeydiyyatdan keçdiniz")
    assert db.session.scalars(sa.select(Registration)).one().confirmation_due_at is None
    huey.execute(job, timestamp=job.eta)  # the same job twice (or the minute's run) writes nothing more
    assert len(_outbox()) == 1


def test_registrations_of_the_same_moment_share_one_job_that_writes_all_their_mail(
        app, client, open_event, monkeypatch):
    monkeypatch.setattr(tasks, "HANDOVER_SECONDS", 30)  # "the same moment", however slow the machine
    huey = get_queue(app).huey
    huey.flush()
    for n in range(3):
        register(client, open_event, full_name=f"Qonaq {n}", email=f"guest{n}@example.org",
                 phone=f"050 555 00 0{n}")
    [job] = huey.pending()
    huey.execute(job, timestamp=job.eta)
    assert sorted(message.to_email for message in _outbox()) == [
        "guest0@example.org", "guest1@example.org", "guest2@example.org"]


def test_a_registration_made_when_the_scheduled_job_is_about_to_start_schedules_another(
        app, client, open_event):
    queue = get_queue(app)
    queue.huey.flush()
    register(client, open_event, email="first@example.org", phone="")
    # The scheduled run is about to start (or started): a later commit cannot count on it.
    key = ("write_registration_mail",)
    queue.handed_over[key] = time.time() + HANDOVER_MARGIN_SECONDS / 2
    register(client, open_event, full_name="Rəşad Quliyev", email="second@example.org", phone="")
    assert len(queue.huey.pending()) == 2


@pytest.mark.parametrize("action", ["cancel", "erase"])
def test_no_confirmation_for_a_registration_cancelled_before_its_mail_was_written(
        client, open_event, action):
    register(client, open_event)
    token = db.session.scalars(sa.select(Registration)).one().personal_token
    client.post(f"/p/{token}/{action}",
                data={"csrf_token": csrf_token(client, f"/p/{token}/{action}"), "scope": "everything"})
    # no confirmation; a cancellation is told (nobody is told anything after an erasure)
    assert [message.kind for message in _outbox()] == ([MessageKind.CANCELLATION] if action == "cancel" else [])


def test_the_outbox_shows_the_confirmations_the_worker_has_still_to_write(
        client, open_event, make_user, login):
    """Were the worker stopped, organisers would otherwise see no trace of the new mail."""
    register(client, open_event)
    register(client, open_event, full_name="Rəşad Quliyev", email="rashad@example.org",
             phone="055 765 43 21")
    login(make_user(Role.ORGANISER))
    outbox = client.get("/staff/outbox").get_data(as_text=True)
    assert "data-mail-backlog" in outbox and "Təsdiq: 2" in outbox
    run_worker_producers()
    assert "data-mail-backlog" not in client.get("/staff/outbox").get_data(as_text=True)
