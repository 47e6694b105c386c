{%- set db = cookiecutter.database != "none" -%}
{%- set redis = cookiecutter.realtime == "yes" or cookiecutter.tasks == "celery" -%}
"""Liveness, readiness, the request id and the log lines that carry it."""

import json
import logging
{%- if redis %}
import os
{%- endif %}
import re
{%- if db %}
from pathlib import Path
{%- endif %}

import pytest
from conftest import AppFactory
from flask import Flask
from flask.testing import FlaskClient

NEW_ID = re.compile(r"[0-9a-f]{32}")
{%- if redis %}
#: A real Redis server for the readiness check, as the other Redis tests use.
REDIS_URL = os.environ.get("TEST_REDIS_URL") or os.environ.get("REDIS_URL")
{%- endif %}
{%- if cookiecutter.database == "sqlite" %}


def closed_database(tmp_path: Path) -> str:
    """A database that cannot be opened: a file in a folder that does not exist."""
    return f"sqlite:///{tmp_path / 'missing' / 'test.sqlite3'}"
{%- elif cookiecutter.database == "postgresql" %}


def closed_database(tmp_path: Path) -> str:
    """A database server that is not there: nothing listens on port 9."""
    return "postgresql://nobody@127.0.0.1:9/nothing"
{%- endif %}


def test_health_reports_ok(client: FlaskClient) -> None:
    response = client.get("/health")

    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_ready_reports_ok_when_everything_answers(client: FlaskClient) -> None:
    response = client.get("/ready")

    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
{%- if db %}


def test_ready_is_503_naming_the_database_when_it_is_down(
    app: Flask, make_app: AppFactory, tmp_path: Path
) -> None:
    down = make_app(DATABASE_URL=closed_database(tmp_path))

    response = down.test_client().get("/ready")

    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "failed": ["database"]}
    assert down.test_client().get("/health").status_code == 200
{%- endif %}
{%- if redis %}


def test_ready_is_503_naming_redis_when_it_is_down(app: Flask) -> None:
    app.config["REDIS_URL"] = "redis://127.0.0.1:9/0"

    response = app.test_client().get("/ready")

    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "failed": ["redis"]}


@pytest.mark.skipif(not REDIS_URL, reason="needs TEST_REDIS_URL (or REDIS_URL)")
def test_ready_asks_redis_when_it_is_set(app: Flask) -> None:
    app.config["REDIS_URL"] = REDIS_URL

    response = app.test_client().get("/ready")

    assert response.status_code == 200, response.get_json()
{%- endif %}


@pytest.mark.parametrize("sent", ["abc-123", "a.B_c-9", "x" * 200])
def test_a_sane_request_id_comes_back(client: FlaskClient, sent: str) -> None:
    response = client.get("/health", headers={"X-Request-ID": sent})

    assert response.headers["X-Request-ID"] == sent


@pytest.mark.parametrize("sent", ["x" * 201, "a b", "a\\nb", "<script>", ""])
def test_any_other_request_id_is_replaced(client: FlaskClient, sent: str) -> None:
    response = client.get("/health", headers={"X-Request-ID": sent})

    assert NEW_ID.fullmatch(response.headers["X-Request-ID"])


def test_each_request_without_an_id_gets_a_new_one(client: FlaskClient) -> None:
    first, second = client.get("/health"), client.get("/health")

    assert NEW_ID.fullmatch(first.headers["X-Request-ID"])
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]


def log_in_a_request(app: Flask, request_id: str) -> None:
    with app.test_request_context(headers={"X-Request-ID": request_id}):
        app.preprocess_request()
        logging.getLogger("{{ cookiecutter.project_slug }}.example").warning("stock is %s", "low")


def test_production_logs_one_json_object_per_line_with_the_request_id(
    make_app: AppFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    log_in_a_request(make_app(LOG_FORMAT="json"), "req-42")

    line = capsys.readouterr().err.strip().splitlines()[-1]
    entry = json.loads(line)
    assert entry["message"] == "stock is low"
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "{{ cookiecutter.project_slug }}.example"
    assert entry["request_id"] == "req-42"
    assert entry["time"].endswith("+00:00")


def test_development_logs_plain_lines_with_the_request_id(
    app: Flask, capsys: pytest.CaptureFixture[str]
) -> None:
    log_in_a_request(app, "req-43")

    line = capsys.readouterr().err.strip().splitlines()[-1]
    assert line.endswith("WARNING {{ cookiecutter.project_slug }}.example [req-43]: stock is low")
