"""Follow-ups after the trainings: a family that paid online, flagged when nobody trained it."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.extensions import db
from umid_events.outcomes.models import PaymentFollowUp

from ..conftest import post_form

PAYMENT = {"household": "Həsənovlar ailəsi", "service": "utilities", "portal": "hesab.az",
           "paid_on": "2022-06-01", "confirmation": "receipt", "note": ""}


def _count():
    return db.session.scalar(sa.select(sa.func.count(PaymentFollowUp.id)))


def test_find_the_person_then_record_the_payment(client, organiser, people):
    found = client.get("/staff/outcomes/payments/new?q=hesenova&lang=en").get_data(as_text=True)
    assert "Aygün Həsənova" in found and "Rəşad" not in found
    url = f"/staff/outcomes/payments/new/{people['trained'].id}?lang=en"
    assert "has not attended any e-government training" not in client.get(url).get_data(as_text=True)
    assert post_form(client, url, PAYMENT).status_code == 302
    page = client.get("/staff/outcomes?lang=en").get_data(as_text=True)
    assert "Payment recorded." in page and "Flagged" not in page
    assert "Həsənovlar ailəsi" in page and "hesab.az" in page and "no training attended" not in page
    payment = db.session.scalar(sa.select(PaymentFollowUp))
    assert (payment.paid_on, payment.portal, payment.service.value) == (date(2022, 6, 1), "hesab.az", "utilities")


def test_a_person_who_never_attended_a_training_is_allowed_but_flagged(client, organiser, people):
    url = f"/staff/outcomes/payments/new/{people['untrained'].id}?lang=en"
    assert "has not attended any e-government training" in client.get(url).get_data(as_text=True)
    assert post_form(client, url, PAYMENT).status_code == 302
    page = client.get("/staff/outcomes?lang=en").get_data(as_text=True)
    assert "Payment recorded." in page
    assert "Flagged: Rəşad Quliyev has not attended any e-government training of the programme." in page
    assert "no training attended" in page
    assert _count() == 1


def test_the_same_payment_twice_is_refused(client, organiser, people):
    url = f"/staff/outcomes/payments/new/{people['trained'].id}?lang=en"
    post_form(client, url, PAYMENT)
    again = post_form(client, url, {**PAYMENT, "portal": "HESAB.AZ "})
    assert again.status_code == 200
    assert "This payment is already recorded: same person, service, portal and date." in again.get_data(as_text=True)
    assert _count() == 1
    other_service = post_form(client, url, {**PAYMENT, "service": "fine"})
    assert other_service.status_code == 302 and _count() == 2


def test_bad_input_is_explained_and_kept(client, organiser, people):
    url = f"/staff/outcomes/payments/new/{people['trained'].id}?lang=en"
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    page = post_form(client, url, {**PAYMENT, "paid_on": tomorrow, "portal": ""}).get_data(as_text=True)
    assert "The date cannot be in the future." in page
    assert "This field is required." in page
    assert "Həsənovlar ailəsi" in page  # what was typed is kept
    page = post_form(client, url, {**PAYMENT, "paid_on": "31.02.2022"}).get_data(as_text=True)
    assert "Not a valid date value." in page or "Enter a date." in page
    assert _count() == 0


def test_delete_a_payment(client, organiser, people):
    post_form(client, f"/staff/outcomes/payments/new/{people['trained'].id}", PAYMENT)
    payment_id = db.session.scalar(sa.select(PaymentFollowUp.id))
    response = post_form(client, f"/staff/outcomes/payments/{payment_id}/delete", {},
                         token_from="/staff/outcomes")
    assert response.status_code == 302 and _count() == 0


def test_only_organisers_record_outcomes(client, make_user, login, people):
    assert "/login" in client.get("/staff/outcomes").headers["Location"]
    login(make_user(Role.MODERATOR))
    assert client.get("/staff/outcomes").status_code == 403
    assert client.get(f"/staff/outcomes/payments/new/{people['trained'].id}").status_code == 403
    assert client.get("/staff/outcomes/terminals/new").status_code == 403
