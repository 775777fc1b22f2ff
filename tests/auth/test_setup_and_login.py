"""First-run set-up, signing in and out, throttling, CSRF."""

from __future__ import annotations

import sqlalchemy as sa

from umid_events.auth.models import Role, User
from umid_events.extensions import db

from ..conftest import PASSWORD, post_form


def test_first_visit_offers_setup_which_creates_the_admin_once(client):
    assert client.get("/login").headers["Location"].endswith("/setup")
    page = client.get("/setup").get_data(as_text=True)
    assert "İlkin quraşdırma" in page

    response = post_form(client, "/setup", {
        "full_name": "Leyla Həsənova", "email": "Leyla@Example.org",
        "password": PASSWORD, "confirm": PASSWORD,
    })
    assert response.status_code == 302
    admin = db.session.scalar(sa.select(User))
    assert (admin.email, admin.role, admin.full_name) == ("leyla@example.org", Role.ADMIN, "Leyla Həsənova")
    assert admin.password_hash != PASSWORD
    # signed in at once, and the set-up page is gone for good
    assert client.get("/admin/users").status_code == 200
    assert client.get("/setup").status_code == 404


def test_setup_form_errors_are_in_azerbaijani_and_keep_what_was_typed(client):
    response = post_form(client, "/setup", {
        "full_name": "   ", "email": "not-an-email", "password": "short", "confirm": "other",
    })
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Bu sahə mütləq doldurulmalıdır." in page
    assert "E-poçt ünvanı düzgün deyil." in page
    assert "10 ilə 200 simvol arasında yazın." in page
    assert 'value="not-an-email"' in page
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_sign_in_and_out(client, make_user):
    user = make_user(Role.ORGANISER, email="orxan@example.org")
    response = post_form(client, "/login?next=/directory/communities",
                         {"email": "ORXAN@example.org ", "password": PASSWORD})
    assert response.headers["Location"] == "/directory/communities"
    assert client.get("/directory/communities").status_code == 200
    post_form(client, "/logout", {}, token_from="/plan")
    assert client.get("/directory/communities").status_code == 302
    db.session.refresh(user)
    assert user.last_login_at is not None


def test_wrong_password_says_so_without_telling_which_part(client, make_user):
    make_user(Role.ORGANISER, email="tural@example.org")
    for email, password in (("tural@example.org", "wrong password"), ("nobody@example.org", PASSWORD)):
        page = post_form(client, "/login", {"email": email, "password": password}).get_data(as_text=True)
        assert "E-poçt və ya şifrə yanlışdır." in page


def test_login_never_redirects_off_site(client, make_user):
    make_user(Role.ORGANISER, email="aygun@example.org")
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        response = post_form(client, f"/login?next={target}",
                             {"email": "aygun@example.org", "password": PASSWORD},
                             token_from="/login")
        assert response.headers["Location"] == "/plan"
        post_form(client, "/logout", {}, token_from="/plan")


def test_deactivated_account_cannot_sign_in(client, make_user):
    user = make_user(Role.MODERATOR, email="ilkin@example.org")
    user.active = False
    db.session.commit()
    page = post_form(client, "/login", {"email": "ilkin@example.org", "password": PASSWORD})
    assert "E-poçt və ya şifrə yanlışdır." in page.get_data(as_text=True)


def test_login_attempts_are_throttled_per_address(client, make_user):
    make_user(Role.ORGANISER, email="kamran@example.org")
    statuses = [
        post_form(client, "/login", {"email": "kamran@example.org", "password": "guess"}).status_code
        for _ in range(11)
    ]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429
    # even the right password is refused until the window passes
    blocked = post_form(client, "/login", {"email": "kamran@example.org", "password": PASSWORD})
    assert blocked.status_code == 429
    assert "Həddindən çox cəhd" in blocked.get_data(as_text=True)


def test_a_form_without_csrf_token_is_refused(client, make_user):
    make_user(Role.ORGANISER, email="nicat@example.org")
    response = client.post("/login", data={"email": "nicat@example.org", "password": PASSWORD})
    assert response.status_code == 400
    assert "Formanın vaxtı bitib" in response.get_data(as_text=True)
    assert client.get("/plan").status_code == 302  # not signed in


def test_admin_manages_accounts_but_cannot_remove_the_last_admin(client, make_user, login):
    admin = login(make_user(Role.ADMIN, email="admin@example.org"))
    response = post_form(client, "/admin/users/new", {
        "full_name": "Günay Quliyeva", "email": "gunay@example.org", "role": "moderator",
        "password": PASSWORD, "confirm": PASSWORD,
    })
    assert response.status_code == 302
    moderator = db.session.scalar(sa.select(User).where(User.email == "gunay@example.org"))
    assert moderator.role == Role.MODERATOR

    duplicate = post_form(client, "/admin/users/new", {
        "full_name": "Another", "email": "GUNAY@example.org", "role": "organiser",
        "password": PASSWORD, "confirm": PASSWORD,
    })
    assert "Bu e-poçt ünvanı ilə hesab artıq mövcuddur." in duplicate.get_data(as_text=True)

    demote_self = post_form(client, f"/admin/users/{admin.id}", {
        "full_name": admin.full_name, "role": "organiser", "active": "y",
    }, follow_redirects=True)
    assert "Sonuncu aktiv administrator" in demote_self.get_data(as_text=True)
    db.session.refresh(admin)
    assert admin.role == Role.ADMIN
