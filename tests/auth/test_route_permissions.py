"""What staff see when a page is above their role (the matrix of every route is in
test_authorisation_matrix.py)."""

from __future__ import annotations

from umid_events.auth.models import Role


def test_a_moderator_cannot_reach_admin_or_organiser_pages(client, make_user, login):
    login(make_user(Role.MODERATOR))
    for url in ("/admin/users", "/admin/users/new", "/directory/communities", "/directory/people"):
        response = client.get(url)
        assert response.status_code == 403
        assert "Hesabınızın bu səhifəni açmağa icazəsi yoxdur." in response.get_data(as_text=True)
    assert client.get("/plan").status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in_and_back(client, make_user):
    make_user(Role.ADMIN)  # past the first-run set-up
    response = client.get("/directory/people?q=Quba")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
