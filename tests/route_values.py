"""A real value for every kind of URL argument, taken from the demo programme.

Tests that walk the whole URL map (accessibility, authorisation, security headers) open each
parameterised route once with one of these; a new kind of argument fails them until it is given
one here.
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from umid_events.attendance.services import upload_report
from umid_events.certificates.models import Certificate
from umid_events.contacts import importing
from umid_events.contacts import services as contacts
from umid_events.contacts.models import ContactGroup
from umid_events.directory.models import Community, District, Organisation, Person
from umid_events.documents.models import Dossier, DossierVersion, PressPublication, PressRelease
from umid_events.events.kinds import EventKind, EventStatus
from umid_events.events.models import Event
from umid_events.extensions import db
from umid_events.invitations.models import Invitation
from umid_events.notifications.models import OutgoingMessage
from umid_events.outcomes.models import DialoguePlatform, PaymentFollowUp, TerminalApplication
from umid_events.proposals.models import AuthorityAnswer, Proposal
from umid_events.registrations.models import Registration

BAKU = ZoneInfo("Asia/Baku")


def _first(model, *where):
    return db.session.scalar(sa.select(model.id).where(*where).order_by(model.id).limit(1))


def _zoom_report(event: Event) -> bytes:
    """A Zoom participants report of ``event`` naming its first registered people."""
    names = db.session.scalars(sa.select(Person.full_name).join(Registration).where(
        Registration.event_id == event.id).order_by(Person.id).limit(4)).all()
    start = event.starts_at.astimezone(BAKU)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["Name (Original Name)", "User Email", "Join Time", "Leave Time",
                     "Duration (Minutes)", "Guest", "Recording Consent"])
    for number, name in enumerate([*names, "Naməlum Qonaq"]):
        minutes = 90 - 20 * number
        writer.writerow([name, "", start.strftime("%m/%d/%Y %I:%M:%S %p"),
                         (start + timedelta(minutes=minutes)).strftime("%m/%d/%Y %I:%M:%S %p"),
                         minutes, "No", "Y"])
    return buffer.getvalue().encode("utf-8")


def _contact_import(organiser, *, imported: bool) -> str:
    """An import of two people, its columns chosen (and saved to the contacts if ``imported``)."""
    table = importing.read_table("people.csv", (
        "Ad, soyad;E-poçt;Telefon;Təşkilat\r\n"
        "Şəhla Əliyeva;shahla@example.org;050 123 45 67;Quba QHT\r\n"
        "Aygün Həsənova;;+994 55 222 33 44;\r\n").encode("utf-8-sig"))
    batch = contacts.start_import(table, filename="people.csv", actor=organiser, group_id=None)
    contacts.save_mapping(batch, importing.guess_mapping(batch.header))
    if imported:
        contacts.import_contacts(batch)
    db.session.flush()
    return batch.token


def representatives(organiser) -> dict[tuple[str | None, str], object]:
    """A value for each URL argument, from the demo data: ``(endpoint, argument)`` for those that
    depend on the page, ``(None, argument)`` otherwise."""
    held = db.session.scalar(sa.select(Event).where(
        Event.kind == EventKind.SEMINAR, Event.status == EventStatus.HELD))
    upcoming = db.session.scalar(sa.select(Event).where(
        Event.kind == EventKind.SEMINAR, Event.status == EventStatus.PUBLISHED))
    report = upload_report(held, _zoom_report(held), "zoom.csv", actor=organiser)
    unknown = upload_report(held, "Kim,Nə vaxt\r\nAygün,10\r\n".encode(), "other.csv", actor=organiser)
    values = {
        (None, "event_id"): held.id,
        ("events.edit", "event_id"): upcoming.id,  # a held event is no longer edited
        ("invitations.index", "event_id"): upcoming.id,  # the demo invited people to this one
        ("invitations.preview", "event_id"): upcoming.id,
        ("attendance.preview", "upload_id"): report.id,
        ("attendance.mapping", "upload_id"): unknown.id,  # the mapping step of attendance.preview
        (None, "proposal_id"): _first(Proposal),
        (None, "message_id"): _first(OutgoingMessage),
        (None, "group_id"): _first(ContactGroup),
        (None, "person_id"): _first(Person),
        (None, "user_id"): organiser.id,
        (None, "community_id"): _first(Community),
        (None, "district_id"): _first(District),
        (None, "organisation_id"): _first(Organisation),
        (None, "dossier_id"): _first(Dossier),
        ("outcomes.edit_platform", "record_id"): _first(DialoguePlatform),
        ("outcomes.edit_terminal", "record_id"): _first(TerminalApplication),
        (None, "token"): _contact_import(organiser, imported=False),
        ("contacts.done", "token"): _contact_import(organiser, imported=True),
        # what belongs to an event belongs to the held seminar (or, for invitations, the
        # upcoming one), so that the pair of ids in one URL matches
        (None, "registration_id"): _first(Registration, Registration.event_id == held.id),
        (None, "upload_id"): report.id,
        ("invitations.send_on_whatsapp", "event_id"): upcoming.id,
        (None, "invitation_id"): _first(Invitation, Invitation.event_id == upcoming.id),
        (None, "publication_id"): _first(PressPublication, PressPublication.press_release_id.in_(
            sa.select(PressRelease.id).where(PressRelease.event_id == held.id))),
        ("outcomes.delete_payment", "record_id"): _first(PaymentFollowUp),
        ("outcomes.delete_platform", "record_id"): _first(DialoguePlatform),
        ("outcomes.platform_document", "record_id"): _first(DialoguePlatform),
        ("outcomes.delete_terminal", "record_id"): _first(TerminalApplication),
        ("outcomes.terminal_letter", "record_id"): _first(TerminalApplication),
        (None, "answer_id"): _first(AuthorityAnswer),
        (None, "programme_id"): held.programme_id,
    }
    certificate = db.session.scalar(sa.select(Certificate).order_by(Certificate.id).limit(1))
    values[(None, "certificate_id")] = certificate.id  # certificates are for trainings
    for endpoint in ("download", "email_one", "restore", "revoke"):
        values[(f"certificates.{endpoint}", "event_id")] = certificate.event_id
    dossier_id = values[(None, "dossier_id")]
    values[(None, "number")] = db.session.scalar(sa.select(DossierVersion.number).where(
        DossierVersion.dossier_id == dossier_id).order_by(DossierVersion.number).limit(1))
    db.session.commit()
    return values
