import pytest
from flask.testing import FlaskClient

from {{ cookiecutter.project_slug }} import create_app


def test_health_reports_ok(client: FlaskClient) -> None:
    response = client.get("/health")

    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASK_LOG_LEVEL", "WARNING")

    assert create_app().config["LOG_LEVEL"] == "WARNING"
