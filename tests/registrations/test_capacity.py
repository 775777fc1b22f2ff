"""Capacity and the waiting list, also under many simultaneous registrations."""

from __future__ import annotations

import threading

import sqlalchemy as sa

from umid_events.directory.models import Gender
from umid_events.extensions import db
from umid_events.registrations import services
from umid_events.registrations.models import ParticipantGroup, Registration, RegistrationStatus

from ..conftest import csrf_token, run_worker_producers
from .conftest import register


def _statuses(event):
    db.session.expire_all()
    return [r.status for r in db.session.scalars(
        sa.select(Registration).where(Registration.event_id == event.id).order_by(Registration.id))]


def test_people_beyond_capacity_wait_and_move_up_when_someone_cancels(client, open_event):
    open_event.capacity = 2
    db.session.commit()
    for number in range(3):
        register(client, open_event, full_name=f"Şəxs {number}", phone=f"05012345{60 + number}", email="")
    assert _statuses(open_event) == [RegistrationStatus.CONFIRMED, RegistrationStatus.CONFIRMED,
                                     RegistrationStatus.WAITLISTED]
    page = client.get(f"/r/{open_event.registration_token}").get_data(as_text=True)
    assert "Bütün yerlər tutulub" in page

    first = db.session.scalars(sa.select(Registration).order_by(Registration.id)).first()
    client.post(f"/p/{first.personal_token}/cancel",
                data={"csrf_token": csrf_token(client, f"/p/{first.personal_token}/cancel")})
    assert _statuses(open_event) == [RegistrationStatus.CANCELLED, RegistrationStatus.CONFIRMED,
                                     RegistrationStatus.CONFIRMED]
    db.session.refresh(open_event)
    assert open_event.confirmed_count == 2


def test_simultaneous_registrations_never_exceed_capacity(app, open_event):
    open_event.capacity = 5
    db.session.commit()
    event_id, start = open_event.id, threading.Barrier(20)
    errors = []

    def register_one(number: int):
        with app.test_request_context():
            try:
                start.wait(timeout=30)
                event = db.session.get(type(open_event), event_id)
                services.register_participant(event, services.ParticipantDetails(
                    full_name=f"Eyni anda {number}", email=None, phone=f"+9945012300{number:02d}",
                    community_id=event.community_id, group=ParticipantGroup.COMMUNITY_MEMBER,
                    organisation_name=None, gender=Gender.NOT_STATED))
                db.session.commit()
            except Exception as error:  # noqa: BLE001 - collected and asserted below
                db.session.rollback()
                errors.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=register_one, args=(number,)) for number in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    statuses = _statuses(open_event)
    assert statuses.count(RegistrationStatus.CONFIRMED) == 5
    assert statuses.count(RegistrationStatus.WAITLISTED) == 15
    db.session.refresh(open_event)
    assert open_event.confirmed_count == 5


def test_the_last_seat_taken_meanwhile_gives_the_waiting_list_mail_only(app, open_event):
    """The page loaded the event with a seat free; when the seat went meanwhile, the person is
    on the waiting list and gets that message alone."""
    from umid_events.notifications.models import OutgoingMessage

    open_event.capacity = 1
    db.session.commit()
    # Another registration takes the last seat after this request loaded the event.
    db.session.execute(sa.update(type(open_event).__table__).where(
        type(open_event).__table__.c.id == open_event.id).values(confirmed_count=1))
    with app.test_request_context():
        registration = services.register_participant(open_event, services.ParticipantDetails(
            full_name="Gecikən Şəxs", email="gecikan@example.org", phone=None,
            community_id=open_event.community_id, group=ParticipantGroup.COMMUNITY_MEMBER,
            organisation_name=None, gender=Gender.NOT_STATED))
        db.session.commit()
    run_worker_producers()
    assert registration.status == RegistrationStatus.WAITLISTED
    subjects = [m.subject for m in db.session.scalars(sa.select(OutgoingMessage).where(
        OutgoingMessage.to_email == "gecikan@example.org"))]
    assert len(subjects) == 1 and subjects[0].startswith("Gözləmə siyahısındasınız")


def test_taking_a_seat_changes_the_count_and_nothing_else_of_the_event(client, open_event):
    """The seat is written with the registration in one statement on PostgreSQL: the event's
    stamps (the calendar's DTSTAMP, the feeds' validators) and version stay as they were."""
    open_event.capacity = 10
    db.session.commit()
    before = (open_event.created_at, open_event.updated_at, open_event.version, open_event.title)
    register(client, open_event, full_name="Sakit Oturan", phone="0501234599", email="sakit@example.org")
    db.session.refresh(open_event)
    assert open_event.confirmed_count == 1
    assert (open_event.created_at, open_event.updated_at, open_event.version, open_event.title) == before
