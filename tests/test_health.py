def test_healthz_reports_database_and_migrations_at_head(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    report = response.get_json()
    assert report["status"] == "ok"
    assert report["database"]["ok"] is True
    assert report["migrations"]["at_head"] is True
    assert report["migrations"]["current"] == report["migrations"]["head"]
