"""Organisers issue certificates from the attendance page: to the present, once, when enabled."""

from __future__ import annotations

import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.certificates.models import Certificate
from umid_events.extensions import db

from ..conftest import post_form
from .conftest import NAME, add_participant


def _attendance(event) -> str:
    return f"/staff/events/{event.id}/attendance"


def _press(client, event, action: str):
    return post_form(client, f"/staff/events/{event.id}/certificates/{action}", {},
                     token_from=_attendance(event), follow_redirects=True)


def _holders() -> dict[str, str]:
    db.session.expire_all()
    return {each.name: each.serial for each in db.session.scalars(sa.select(Certificate))}


def test_every_present_participant_gets_one_and_the_absent_none(client, training, organiser):
    page = _press(client, training, "issue").get_data(as_text=True)
    assert "2 sertifikat verildi." in page
    assert _holders() == {"Elçin Həsənov": "ÜMİD-2022-T-0001", NAME: "ÜMİD-2022-T-0002"}
    # Rəşad left after 10 minutes, Leyla never came: neither has a certificate
    assert "İştirak edən 2 nəfər üçün 2 sertifikat verilib." in page
    panel = page.split('id="certificates-list"', 1)[1]
    assert NAME in panel and "Rəşad Quliyev" not in panel and "Leyla Məmmədova" not in panel


def test_issuing_again_adds_only_the_newly_present(client, training, organiser):
    _press(client, training, "issue")
    again = _press(client, training, "issue").get_data(as_text=True)
    assert "Yeni sertifikat yoxdur" in again
    assert len(_holders()) == 2

    add_participant(training, "Nərgiz Babayeva", email="nergiz@example.org", minutes=100)
    db.session.commit()
    _press(client, training, "issue")
    holders = _holders()
    assert len(holders) == 3 and holders["Nərgiz Babayeva"] == "ÜMİD-2022-T-0003"


def test_serial_numbers_go_on_across_events_of_the_same_year_and_kind(client, training, organiser,
                                                                       programme):
    from umid_events.events.models import Event

    _press(client, training, "issue")
    second = Event(programme_id=programme.id, kind="training", community_id=training.community_id,
                   title="Elektron hökumət: ikinci təlim", starts_at=training.starts_at.replace(month=6),
                   ends_at=training.ends_at.replace(month=6), status=training.status,
                   certificates_enabled=True)
    db.session.add(second)
    db.session.flush()
    add_participant(second, "Aynur Rzayeva", email=None, minutes=120)
    db.session.commit()
    _press(client, second, "issue")
    assert _holders()["Aynur Rzayeva"] == "ÜMİD-2022-T-0003"


def test_an_event_without_certificates_refuses_with_a_clear_message(client, training, organiser):
    training.certificates_enabled = False
    db.session.commit()
    page = _press(client, training, "issue").get_data(as_text=True)
    assert "Bu tədbir üçün sertifikatlar aktiv deyil. Əvvəlcə onları aktivləşdirin" in page
    assert _holders() == {}

    page = _press(client, training, "enable").get_data(as_text=True)
    assert "Bu tədbir üçün sertifikatlar aktivləşdirildi." in page
    _press(client, training, "issue")
    assert len(_holders()) == 2


def test_moderators_see_the_count_but_cannot_issue_or_download(client, training, make_user, login):
    login(make_user(Role.MODERATOR))
    page = client.get(_attendance(training)).get_data(as_text=True)
    assert "İştirak edən 2 nəfər üçün 0 sertifikat verilib." in page
    assert "Sertifikatları ver" not in page
    response = post_form(client, f"/staff/events/{training.id}/certificates/issue", {},
                         token_from=_attendance(training))  # the page's sign-out form has a token
    assert response.status_code == 403
    assert _holders() == {}
    assert client.get(f"/staff/events/{training.id}/certificates/all.zip").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, training):
    response = client.get(f"/staff/events/{training.id}/certificates/all.zip")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_revoking_and_restoring(client, training, organiser):
    _press(client, training, "issue")
    db.session.expire_all()
    certificate = db.session.scalars(sa.select(Certificate).where(Certificate.name == NAME)).one()
    page = _press(client, training, f"{certificate.id}/revoke").get_data(as_text=True)
    assert "Sertifikat ləğv edildi." in page and "Ləğv edilib: 1." in page
    assert "İştirak edən 2 nəfər üçün 1 sertifikat verilib." in page
    _press(client, training, "issue")  # a revoked certificate is not issued anew
    assert len(_holders()) == 2
    page = _press(client, training, f"{certificate.id}/restore").get_data(as_text=True)
    assert "Sertifikat yenidən etibarlıdır." in page


def test_staff_download_of_all_as_a_zip(client, training, organiser):
    import io
    import zipfile

    _press(client, training, "issue")
    response = client.get(f"/staff/events/{training.id}/certificates/all.zip")
    assert response.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert sorted(names) == ["sertifikat-UMID-2022-T-0001.pdf", "sertifikat-UMID-2022-T-0002.pdf"]
