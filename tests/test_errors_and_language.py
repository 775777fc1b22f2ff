"""Error pages and the language switch: Azerbaijani first, English on request."""

from __future__ import annotations

from umid_events.auth.models import Role


def test_pages_speak_azerbaijani_by_default_and_english_on_request(client):
    page = client.get("/nowhere")
    assert page.status_code == 404
    assert "Səhifə tapılmadı" in page.get_data(as_text=True)
    assert '<html lang="az">' in page.get_data(as_text=True)

    switched = client.get("/lang/en?next=/nowhere")
    assert switched.headers["Location"] == "/nowhere"
    english = client.get("/nowhere").get_data(as_text=True)
    assert "Page not found" in english and '<html lang="en">' in english

    client.get("/lang/az")
    assert "Səhifə tapılmadı" in client.get("/nowhere").get_data(as_text=True)


def test_language_switch_does_not_redirect_off_site(client):
    assert client.get("/lang/en?next=https://evil.example/").headers["Location"] == "/"
    assert client.get("/lang/xx").status_code == 302


def test_error_pages_in_both_languages(client, make_user, login):
    login(make_user(Role.MODERATOR))
    forbidden = client.get("/admin/users")
    assert forbidden.status_code == 403
    assert "Giriş qadağandır" in forbidden.get_data(as_text=True)
    assert "Access denied" in client.get("/admin/users?lang=en").get_data(as_text=True)
    not_allowed = client.delete("/plan")
    assert not_allowed.status_code == 405
    assert "İcazə verilmir" in not_allowed.get_data(as_text=True)


def test_a_huge_upload_gets_a_clear_413_page(app, client, make_user):
    make_user(Role.ADMIN)
    body = b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = client.post("/login", data=body, content_type="application/octet-stream")
    assert response.status_code == 413
    assert "Fayl çox böyükdür" in response.get_data(as_text=True)


def test_an_unexpected_error_shows_the_500_page_in_azerbaijani(app, client, make_user, login, programme,
                                                               monkeypatch):
    login(make_user(Role.ORGANISER))
    from umid_events.programmes import views

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.services, "plan_progress", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    try:
        response = client.get("/plan")
    finally:
        app.config["PROPAGATE_EXCEPTIONS"] = None
    assert response.status_code == 500
    assert "Nəsə səhv getdi" in response.get_data(as_text=True)


def test_healthz_and_errors_answer_json_to_json_clients(client):
    response = client.get("/nowhere", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json()["error"] == "Səhifə tapılmadı"


def test_visitors_get_the_light_public_error_page_and_staff_their_own(client, make_user, login):
    """A participant's stale link from WhatsApp ends on the public frame (no Bootstrap to load
    on a slow line); a signed-in organiser keeps the staff menu."""
    page = client.get("/p/no-such-token").get_data(as_text=True)
    assert "Səhifə tapılmadı" in page and "css/participant.css" in page and "bootstrap" not in page
    assert 'href="/"' in page  # the way back
    login(make_user(Role.ORGANISER))
    staff = client.get("/staff/events/999999").get_data(as_text=True)
    assert "Səhifə tapılmadı" in staff and "bootstrap" in staff and "participant.css" not in staff


def test_the_error_page_still_shows_when_its_frame_cannot_read_the_database(client, monkeypatch):
    import sqlalchemy as sa

    from umid_events.proposals import public

    def database_down(*_args, **_kwargs):
        raise sa.exc.OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(public, "current_programme", database_down)
    page = client.get("/nowhere")
    assert page.status_code == 404
    assert "Səhifə tapılmadı" in page.get_data(as_text=True) and 'href="/"' in page.get_data(as_text=True)
