{%- from "_flags.j2" import db, sqlite, pg, redis with context -%}
"""Liveness, readiness, the request id and the log lines that carry it."""

import json
import logging
{%- if redis %}
import os
{%- endif %}
import re
{%- if sqlite %}
from pathlib import Path
{%- endif %}

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx2 import AsyncClient

from app.main import create_app
from tests.conftest import SettingsFactory

NEW_ID = re.compile(r"[0-9a-f]{32}")
{%- if redis %}
#: A real Redis server for the readiness check, as the other Redis tests use.
REDIS_URL = os.environ.get("TEST_REDIS_URL") or os.environ.get("REDIS_URL")
{%- endif %}
{%- if sqlite %}


def closed_database(tmp_path: Path) -> str:
    """A database that cannot be opened: a file in a folder that does not exist."""
    return f"sqlite+aiosqlite:///{tmp_path / 'missing' / 'test.db'}"
{%- elif pg %}


def closed_database() -> str:
    """A database server that is not there: nothing listens on port 9."""
    return "postgresql+asyncpg://nobody@127.0.0.1:9/nothing"
{%- endif %}


def test_health_reports_ok(client: TestClient) -> None:
    response = client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.anyio
async def test_health_reports_ok_to_an_async_client(async_client: AsyncClient) -> None:
    response = await async_client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_reports_ok_when_everything_answers(client: TestClient) -> None:
    response = client.get("/ready")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
{%- if db %}
{%- if sqlite %}


def test_ready_is_503_naming_the_database_when_it_is_down(
    make_settings: SettingsFactory, tmp_path: Path
) -> None:
    down = create_app(make_settings(database_url=closed_database(tmp_path)))
{%- else %}


def test_ready_is_503_naming_the_database_when_it_is_down(
    make_settings: SettingsFactory,
) -> None:
    down = create_app(make_settings(database_url=closed_database()))
{%- endif %}

    with TestClient(down) as client:
        response = client.get("/ready")
        alive = client.get("/health")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failed": ["database"]}
    assert alive.status_code == 200
{%- endif %}
{%- if redis %}


def test_ready_is_503_naming_redis_when_it_is_down(
    make_settings: SettingsFactory,
) -> None:
    down = create_app(make_settings(redis_url="redis://127.0.0.1:9/0"))

    with TestClient(down) as client:
        response = client.get("/ready")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failed": ["redis"]}


@pytest.mark.skipif(not REDIS_URL, reason="needs TEST_REDIS_URL (or REDIS_URL)")
def test_ready_asks_redis_when_it_is_set(make_settings: SettingsFactory) -> None:
    with TestClient(create_app(make_settings(redis_url=REDIS_URL))) as client:
        response = client.get("/ready")

    assert response.status_code == 200, response.json()
{%- endif %}


@pytest.mark.parametrize("sent", ["abc-123", "a.B_c-9", "x" * 200])
def test_a_sane_request_id_comes_back(client: TestClient, sent: str) -> None:
    response = client.get("/health", headers={"X-Request-ID": sent})

    assert response.headers["X-Request-ID"] == sent


@pytest.mark.parametrize("sent", ["x" * 201, "a b", "a/b", "<script>", ""])
def test_any_other_request_id_is_replaced(client: TestClient, sent: str) -> None:
    response = client.get("/health", headers={"X-Request-ID": sent})

    assert NEW_ID.fullmatch(response.headers["X-Request-ID"])
    assert response.headers["X-Request-ID"] != sent


def test_each_request_without_an_id_gets_a_new_one(client: TestClient) -> None:
    first, second = client.get("/health"), client.get("/health")

    assert NEW_ID.fullmatch(first.headers["X-Request-ID"])
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]


def test_an_error_response_carries_the_request_id(client: TestClient) -> None:
    response = client.get("/no-such-page", headers={"X-Request-ID": "req-404"})

    assert response.status_code == 404
    assert response.headers["X-Request-ID"] == "req-404"


def log_in_a_request(app: FastAPI, request_id: str) -> None:
    """A route that logs, called with ``request_id``."""

    async def stock() -> dict[str, str]:
        logging.getLogger("app.example").warning("stock is %s", "low")
        return {}

    app.add_api_route("/stock", stock)
    with TestClient(app) as client:
        client.get("/stock", headers={"X-Request-ID": request_id})


def test_production_logs_one_json_object_per_line_with_the_request_id(
    make_settings: SettingsFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    log_in_a_request(create_app(make_settings(log_format="json")), "req-42")

    lines = capsys.readouterr().err.strip().splitlines()
    entries = [json.loads(line) for line in lines]
    [entry] = [e for e in entries if e["logger"] == "app.example"]
    assert entry["message"] == "stock is low"
    assert entry["level"] == "WARNING"
    assert entry["request_id"] == "req-42"
    assert entry["time"].endswith("+00:00")


def test_production_is_json_unless_told_otherwise(
    make_settings: SettingsFactory,
) -> None:
    production = {
        "environment": "production",
{%- if cookiecutter.realtime == "yes" %}
        "allowed_hosts": "app.example",
{%- endif %}
{%- if cookiecutter.email == "yes" %}
        "smtp_host": "mail.example",
{%- endif %}
    }

    assert make_settings().json_logs is False
    assert make_settings(log_format="json").json_logs is True
    assert make_settings(**production).json_logs is True
    assert make_settings(**production, log_format="text").json_logs is False


def test_development_logs_plain_lines_with_the_request_id(
    app: FastAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    log_in_a_request(app, "req-43")

    lines = capsys.readouterr().err.strip().splitlines()
    assert any(
        line.endswith("WARNING app.example [req-43]: stock is low") for line in lines
    ), lines
