import pytest
from django.db import connection
from django.test import Client


@pytest.mark.django_db
def test_healthz_ok_when_database_answers(resident):
    response = resident.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_a_load_balancer_by_ip_over_http(settings):
    # Production settings: HTTPS redirect on, only the public host allowed.
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["portal.example.jp"]
    client = Client(HTTP_HOST="10.0.0.12:8000")
    assert client.get("/healthz").status_code == 200
    assert client.head("/healthz").status_code == 200
    # Every other page still redirects or refuses the unknown host.
    assert client.get("/").status_code == 400
    assert Client(HTTP_HOST="portal.example.jp").get("/").status_code == 301


@pytest.mark.django_db(transaction=True)
def test_healthz_503_when_database_is_unreachable(resident, tmp_path):
    # Point the real connection at a database that cannot be reached.
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = str(tmp_path / "missing-dir" / "db.sqlite3")
    else:
        connection.settings_dict["PORT"] = "1"
        connection.settings_dict["OPTIONS"] = {**saved.get("OPTIONS", {}), "connect_timeout": 2}
    try:
        response = resident.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
