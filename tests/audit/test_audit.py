"""The audit log: pages and downloads of personal data are recorded with who opened them (and
nothing personal), refused or failed requests are not, routing changes keep the old and new
authority, admins alone read the log, and entries past the retention go."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from umid_events.audit.models import AuditAction, AuditEntry
from umid_events.audit.services import purge_audit_entries, record_audit_entry
from umid_events.auth.models import Role
from umid_events.core.types import utcnow
from umid_events.directory.models import Organisation, OrganisationKind, Person
from umid_events.extensions import db
from umid_events.proposals import services as proposals
from umid_events.proposals.models import ProposalStatus
from umid_events.registrations.models import ParticipantGroup, Registration, RegistrationStatus

from ..conftest import csrf_token, post_form
from ..registrations.conftest import community, open_event  # noqa: F401

NAME, PHONE, EMAIL = "Şəhla Qəmbərova", "+994501112233", "shahla.qambarova@example.org"


def _entries() -> list[AuditEntry]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id)))


def _no_personal_data(entry: AuditEntry) -> None:
    stored = " ".join(str(getattr(entry, column.key)) for column in AuditEntry.__table__.columns)
    for secret in (NAME, "Şəhla", PHONE, "501112233", EMAIL):
        assert secret not in stored


@pytest.fixture
def registered(open_event, community):  # noqa: F811
    """Two confirmed registrations for the event, one of them the person of NAME, PHONE, EMAIL."""
    for name, phone, email in ((NAME, PHONE, EMAIL),
                               ("Elçin Babayev", "+994552223344", None)):
        person = Person(full_name=name, phone=phone, email=email, community_id=community.id)
        db.session.add(Registration(event_id=open_event.id, person=person, status=RegistrationStatus.CONFIRMED,
                                    group=ParticipantGroup.COMMUNITY_MEMBER, consent_at=datetime.now(UTC)))
    db.session.commit()
    return open_event


def test_opening_a_persons_page_records_one_entry_naming_the_user_and_no_personal_data(
        client, make_user, login, registered):
    organiser = login(make_user(Role.ORGANISER, full_name="Nigar Quliyeva"))
    person = db.session.scalar(sa.select(Person).where(Person.phone == PHONE))
    page = client.get(f"/staff/contacts/people/{person.id}")
    assert page.status_code == 200 and NAME in page.get_data(as_text=True)

    [entry] = _entries()
    assert (entry.action, entry.subject, entry.object_type, entry.object_id) == (
        AuditAction.VIEWED_PERSONAL_DATA, "person", "person", person.id)
    assert entry.user_id == organiser.id and entry.user_label.startswith("Nigar Quliyeva")
    assert entry.endpoint == "contacts.edit_person" and entry.ip_address == "127.0.0.1"
    assert entry.at > utcnow() - timedelta(minutes=1)
    _no_personal_data(entry)


def test_an_events_registrations_page_records_one_entry(client, make_user, login, registered):
    login(make_user(Role.ORGANISER))
    assert client.get(f"/staff/events/{registered.id}/registrations").status_code == 200
    [entry] = _entries()
    assert (entry.action, entry.object_type, entry.object_id) == (
        AuditAction.VIEWED_PERSONAL_DATA, "event", registered.id)
    assert entry.summary == f"registrations of event {registered.id}"
    _no_personal_data(entry)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_records_its_format_and_number_of_rows(client, make_user, login, registered, fmt):
    login(make_user(Role.ORGANISER))
    response = client.get(f"/staff/events/{registered.id}/registrations.{fmt}")
    assert response.status_code == 200
    [entry] = _entries()
    assert (entry.action, entry.file_format, entry.row_count) == (AuditAction.EXPORTED_PERSONAL_DATA, fmt, 2)
    assert entry.summary == f"registrations of event {registered.id}, {fmt.upper()}, 2 rows"
    assert entry.endpoint == "event_registrations.export"
    _no_personal_data(entry)


def test_refused_failed_and_empty_requests_record_nothing(client, make_user, login, registered):
    assert client.get(f"/staff/events/{registered.id}/registrations").status_code == 302  # to sign in
    login(make_user(Role.MODERATOR))
    assert client.get(f"/staff/events/{registered.id}/registrations").status_code == 403
    assert client.get(f"/staff/events/{registered.id}/registrations.csv").status_code == 403
    assert client.get("/directory/people").status_code == 403
    client.post("/logout")
    login(make_user(Role.ORGANISER))
    assert client.get("/staff/contacts/people/999999").status_code == 404
    assert client.get("/staff/events/999999/registrations.csv").status_code == 404
    assert client.get("/staff/contacts/people/new").status_code == 200  # an empty form shows no one
    assert _entries() == []


def test_a_refused_edit_shows_the_person_again_and_the_entry_is_committed_alone(
        client, make_user, login, registered):
    """The form (GET) and the refused edit that shows it again (POST): two entries, and what the
    view left uncommitted is not saved with them."""
    login(make_user(Role.ORGANISER))
    person = db.session.scalar(sa.select(Person).where(Person.phone == PHONE))
    response = post_form(client, f"/staff/contacts/people/{person.id}",
                         {"full_name": "", "version": "x"})  # refused: the page shows the errors
    assert response.status_code == 200
    assert [entry.object_id for entry in _entries()] == [person.id, person.id]
    assert db.session.get(Person, person.id).full_name == NAME


def test_lists_of_people_record_what_was_listed(client, make_user, login, registered):
    login(make_user(Role.ORGANISER))
    for url in ("/directory/people", "/staff/contacts/", f"/staff/events/{registered.id}/attendance",
                "/staff/outbox"):
        assert client.get(url).status_code == 200, url
    assert [(entry.subject, entry.endpoint) for entry in _entries()] == [
        ("people", "directory.people"), ("contacts", "contacts.index"),
        ("attendance", "attendance.index"), ("outbox", "notifications.index")]


# --- proposals' routing ------------------------------------------------------------------------

@pytest.fixture
def authorities(app_context):
    found = [Organisation(name="Quba Rayon İcra Hakimiyyəti", kind=OrganisationKind.LOCAL_EXECUTIVE),
             Organisation(name="Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi", kind=OrganisationKind.EXECUTIVE)]
    db.session.add_all(found)
    db.session.commit()
    return found


def _proposal(organiser, authority=None, text="Kənd yolu təmir olunsun."):
    proposal, _created = proposals.record_proposal(
        proposals.ProposalDraft(text=text, authority_id=authority.id if authority else None), by=organiser)
    db.session.commit()
    return proposal


def test_changing_the_authority_of_a_proposal_records_the_old_and_new_names(
        client, make_user, login, authorities):
    organiser = login(make_user(Role.ORGANISER))
    quba, ministry = authorities
    proposal = _proposal(organiser, quba)
    assert _entries() == []  # recording a proposal with its authority is no re-routing
    url = f"/staff/proposals/{proposal.id}/edit"
    response = client.post(url, data={
        "csrf_token": csrf_token(client, url), "text": proposal.text, "title": proposal.title,
        "topic_id": "0", "authority_id": str(ministry.id), "event_id": "0", "origin": "letter",
        "community_id": "0", "proposer_group": "", "version": str(proposal.version)})
    assert response.status_code == 302
    routing = [entry for entry in _entries() if entry.action == AuditAction.CHANGED_PROPOSAL_ROUTING]
    assert len(routing) == 1
    assert routing[0].summary == (f"proposal {proposal.id}: Quba Rayon İcra Hakimiyyəti → "
                                  "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi")
    assert (routing[0].user_id, routing[0].object_id, routing[0].endpoint) == (
        organiser.id, proposal.id, "proposals.edit")

    proposals.update_proposal(proposal, by=organiser, version=None, title="", text="Başqa mətn",
                              topic_id=None, authority_id=ministry.id, community_id=None,
                              proposer_group=None, show_name=False)
    db.session.commit()  # the same authority: no new entry
    proposals.update_proposal(proposal, by=organiser, version=None, title="", text="Başqa mətn",
                              topic_id=None, authority_id=None, community_id=None,
                              proposer_group=None, show_name=False)
    db.session.commit()
    routing = [entry for entry in _entries() if entry.action == AuditAction.CHANGED_PROPOSAL_ROUTING]
    assert [entry.summary for entry in routing][1:] == [
        f"proposal {proposal.id}: Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi → —"]


def test_a_refused_edit_records_no_routing_change(make_user, authorities, app_context):
    organiser = make_user(Role.ORGANISER)
    proposal = _proposal(organiser, authorities[0])
    with pytest.raises(proposals.ProposalRefused):
        proposals.update_proposal(proposal, by=organiser, version=None, title="", text="  ",
                                  topic_id=None, authority_id=authorities[1].id, community_id=None,
                                  proposer_group=None, show_name=False)
    db.session.rollback()
    assert _entries() == []


def test_sending_proposals_in_bulk_records_each_with_its_authority(make_user, authorities, app_context):
    organiser = make_user(Role.ORGANISER)
    first, second = _proposal(organiser, authorities[0]), _proposal(organiser, authorities[1], "İkinci")
    proposals.change_statuses([first, second], ProposalStatus.ACCEPTED, by=organiser)
    result = proposals.change_statuses([first, second], ProposalStatus.SENT, by=organiser,
                                       dossier_reference="ÜMİD-2026/12-007")
    db.session.commit()
    assert result.changed == 2
    forwarded = [entry for entry in _entries() if entry.action == AuditAction.FORWARDED_PROPOSAL]
    assert [entry.summary for entry in forwarded] == [
        f"proposal {first.id} → Quba Rayon İcra Hakimiyyəti, dossier ÜMİD-2026/12-007",
        f"proposal {second.id} → Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi, dossier ÜMİD-2026/12-007"]
    assert {entry.user_id for entry in forwarded} == {organiser.id}


# --- the admin page -----------------------------------------------------------------------------

def _entry(action, user, at, **fields):
    entry = record_audit_entry(action, user=user, at=at, **fields)
    db.session.commit()
    return entry


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.ORGANISER])
def test_only_admins_open_the_audit_log(client, make_user, login, role):
    login(make_user(role))
    assert client.get("/admin/audit").status_code == 403
    assert client.get("/admin/audit/export.csv").status_code == 403
    assert _entries() == []


def test_admins_see_the_entries_newest_first_and_filter_them(app, client, make_user, login):
    admin = make_user(Role.ADMIN, full_name="Admin Əliyev")
    organiser = make_user(Role.ORGANISER, full_name="Nigar Quliyeva")
    moderator = make_user(Role.MODERATOR, full_name="Tural Həsənov")
    now = utcnow()
    _entry(AuditAction.VIEWED_PERSONAL_DATA, organiser, now - timedelta(days=10), subject="people")
    _entry(AuditAction.EXPORTED_PERSONAL_DATA, organiser, now - timedelta(days=2), subject="registrations",
           object_type="event", object_id=12, file_format="csv", rows=48)
    _entry(AuditAction.CHANGED_PROPOSAL_ROUTING, moderator, now - timedelta(hours=1), subject="proposal",
           object_type="proposal", object_id=5, summary="proposal 5: A → B")
    login(admin)

    page = client.get("/admin/audit").get_data(as_text=True)
    assert page.count("data-audit-entry=") == 3
    assert page.index('data-audit-entry="changed_proposal_routing"') \
        < page.index('data-audit-entry="exported_personal_data"') \
        < page.index('data-audit-entry="viewed_personal_data"')
    assert "proposal 5: A → B" in page and "48" in page and "730" in page  # the retention
    assert 'href="/admin/audit"' in client.get("/plan").get_data(as_text=True)  # in the staff menu

    def shown(**args) -> list[str]:
        body = client.get("/admin/audit", query_string=args).get_data(as_text=True)
        return [action for action in ("viewed_personal_data", "exported_personal_data",
                                      "changed_proposal_routing") if f'data-audit-entry="{action}"' in body]

    assert shown(action="exported_personal_data") == ["exported_personal_data"]
    assert shown(user=moderator.id) == ["changed_proposal_routing"]
    assert shown(user=organiser.id) == ["viewed_personal_data", "exported_personal_data"]
    day = lambda delta: (now - timedelta(days=delta)).astimezone(  # noqa: E731
        __import__("zoneinfo").ZoneInfo("Asia/Baku")).date().isoformat()
    assert shown(**{"from": day(3), "to": day(1)}) == ["exported_personal_data"]
    assert shown(**{"to": day(5)}) == ["viewed_personal_data"]
    assert shown(action="nonsense", user="x", **{"from": "yesterday"}) == [
        "viewed_personal_data", "exported_personal_data", "changed_proposal_routing"]


def test_the_log_pages_through_many_entries(client, make_user, login):
    organiser = make_user(Role.ORGANISER)
    now = utcnow()
    for number in range(55):
        record_audit_entry(AuditAction.VIEWED_PERSONAL_DATA, user=organiser, subject="people",
                           at=now - timedelta(minutes=number))
    db.session.commit()
    login(make_user(Role.ADMIN))
    first = client.get("/admin/audit").get_data(as_text=True)
    assert first.count("data-audit-entry=") == 50 and "page=2" in first
    assert client.get("/admin/audit?page=2").get_data(as_text=True).count("data-audit-entry=") == 5
    assert client.get("/admin/audit?page=9").status_code == 200


def test_admins_download_the_log_as_csv_safe_against_formulas(client, make_user, login):
    organiser = make_user(Role.ORGANISER, full_name="=HYPERLINK(\"http://x\")")
    _entry(AuditAction.EXPORTED_PERSONAL_DATA, organiser, utcnow() - timedelta(hours=1), subject="registrations",
           object_type="event", object_id=3, file_format="xlsx", rows=7)
    admin = login(make_user(Role.ADMIN))
    response = client.get("/admin/audit/export.csv?action=exported_personal_data")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 2 and rows[1][2].startswith("'=HYPERLINK")
    assert rows[1][3:8] == ["exported_personal_data", "registrations", "event 3", "xlsx", "7"]
    [download] = [entry for entry in _entries() if entry.action == AuditAction.EXPORTED_AUDIT_LOG]
    assert (download.user_id, download.row_count) == (admin.id, 1)


def test_an_entry_outlives_its_account(make_user, app_context):
    organiser = make_user(Role.ORGANISER, full_name="Keçmiş İşçi")
    _entry(AuditAction.VIEWED_PERSONAL_DATA, organiser, utcnow(), subject="people")
    db.session.delete(db.session.get(type(organiser), organiser.id))
    db.session.commit()
    [entry] = _entries()
    assert entry.user_label.startswith("Keçmiş İşçi")
    if db.engine.dialect.name == "postgresql":  # SQLite here does not enforce foreign keys
        assert entry.user_id is None


# --- retention ----------------------------------------------------------------------------------

def test_purge_removes_only_the_entries_older_than_the_retention(app, make_user, app_context):
    organiser = make_user(Role.ORGANISER)
    now = datetime(2026, 12, 1, 12, tzinfo=UTC)
    assert app.config["AUDIT_RETENTION_DAYS"] == 730
    for days in (731, 730.9, 729, 1):
        _entry(AuditAction.VIEWED_PERSONAL_DATA, organiser, now - timedelta(days=days), subject=f"{days}")
    assert purge_audit_entries(now) == 2
    db.session.commit()
    assert [entry.subject for entry in _entries()] == ["729", "1"]


def test_the_purge_command_and_the_workers_job(app, make_user, app_context):
    from umid_events.notifications.tasks import run_producers

    organiser = make_user(Role.ORGANISER)
    _entry(AuditAction.VIEWED_PERSONAL_DATA, organiser, utcnow() - timedelta(days=800), subject="old")
    _entry(AuditAction.VIEWED_PERSONAL_DATA, organiser, utcnow() - timedelta(days=800), subject="old too")
    _entry(AuditAction.VIEWED_PERSONAL_DATA, organiser, utcnow(), subject="new")
    result = app.test_cli_runner().invoke(args=["audit", "purge"])
    assert result.exit_code == 0 and "deleted: 2" in result.output
    _entry(AuditAction.VIEWED_PERSONAL_DATA, organiser, utcnow() - timedelta(days=800), subject="old again")
    run_producers(["purge_old_audit_entries"])
    assert [entry.subject for entry in _entries()] == ["new"]


def test_a_retention_of_zero_keeps_everything(app, make_user, app_context, monkeypatch):
    monkeypatch.setitem(app.config, "AUDIT_RETENTION_DAYS", 0)
    _entry(AuditAction.VIEWED_PERSONAL_DATA, make_user(Role.ORGANISER), utcnow() - timedelta(days=5000))
    assert purge_audit_entries() == 0
    assert "without a limit" in app.test_cli_runner().invoke(args=["audit", "purge"]).output


def test_the_retention_comes_from_the_environment(monkeypatch):
    from config import config_for

    monkeypatch.setenv("AUDIT_RETENTION_DAYS", "365")
    assert config_for("testing").from_env()["AUDIT_RETENTION_DAYS"] == 365


def test_the_demo_leaves_entries_for_the_admin_page(app, client, make_user, login):
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    actions = {entry.action for entry in _entries()}
    assert {AuditAction.VIEWED_PERSONAL_DATA, AuditAction.EXPORTED_PERSONAL_DATA, AuditAction.ISSUED_DOSSIER,
            AuditAction.CHANGED_PROPOSAL_ROUTING} <= actions
    people = db.session.scalars(sa.select(Person.full_name)).all()
    stored = " ".join(f"{entry.summary} {entry.user_label}" for entry in _entries())
    assert not any(name in stored for name in people)
    login(make_user(Role.ADMIN))
    assert client.get("/admin/audit").get_data(as_text=True).count("data-audit-entry=") >= 10


def test_the_outcomes_pages_that_name_people_are_recorded(client, make_user, login, registered):
    login(make_user(Role.ORGANISER))
    person = db.session.scalar(sa.select(Person).where(Person.phone == PHONE))
    for url in ("/staff/outcomes", f"/staff/outcomes/payments/new?q={NAME[:5]}",
                f"/staff/outcomes/payments/new/{person.id}"):
        assert client.get(url).status_code == 200, url
    assert [(entry.subject, entry.object_id) for entry in _entries()] == [
        ("outcomes", None), ("people", None), ("person", person.id)]
    for entry in _entries():
        _no_personal_data(entry)
