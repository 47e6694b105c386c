{%- from "_flags.j2" import redis with context -%}
"""The probes (/health: alive; /ready: able to serve) and the request id every response
carries."""

import json
import re

import pytest
{%- if redis %}
from django.conf import settings
{%- endif %}
from django.test import Client
from django.urls import reverse
{%- if redis %}
from pytest_django import Settings
{%- endif %}

from .test_settings import FRESH, {% if cookiecutter.database == "postgresql" or redis %}free_port, {% endif %}production_env


def test_health_reports_ok(client: Client) -> None:
    response = client.get(reverse("health"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_refuses_writes(client: Client) -> None:
    assert client.post(reverse("health")).status_code == 405


@pytest.mark.django_db
def test_ready_reports_what_it_checked(client: Client) -> None:
    response = client.get(reverse("ready"))

    assert response.status_code == 200
{%- if redis %}
    assert response.json() == {
        "status": "ok",
        "checked": ["database", "redis"] if settings.REDIS_URL else ["database"],
    }
{%- else %}
    assert response.json() == {"status": "ok", "checked": ["database"]}
{%- endif %}
{%- if redis %}


@pytest.mark.django_db
def test_ready_fails_while_redis_does_not_answer(
    client: Client, settings: Settings
) -> None:
    settings.REDIS_URL = f"redis://127.0.0.1:{free_port()}/0"

    response = client.get(reverse("ready"))

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failed": ["redis"]}
{%- endif %}


#: /ready in a fresh process on the production settings, its database out of reach.
{%- if cookiecutter.database == "postgresql" %}
UNREACHABLE_DATABASE = f"postgres://app@127.0.0.1:{free_port()}/app"
{%- else %}
UNREACHABLE_DATABASE = "sqlite:////nonexistent-directory/db.sqlite3"
{%- endif %}
READY = (
    "import json, django; django.setup(); from django.test import Client; "
    "response = Client(HTTP_HOST='10.0.0.7').get('/ready'); "
    "print(response.status_code, json.dumps(response.json()))"
)

{%- if cookiecutter.tasks == "celery" %}
# Redis is down too (production_env names a closed port): both are named.
READY_ENV = production_env(DATABASE_URL=UNREACHABLE_DATABASE)
FAILED_CHECKS = ["database", "redis"]
{%- elif cookiecutter.realtime == "yes" %}
READY_ENV = production_env(DATABASE_URL=UNREACHABLE_DATABASE, REDIS_URL="")
FAILED_CHECKS = ["database"]
{%- else %}
READY_ENV = production_env(DATABASE_URL=UNREACHABLE_DATABASE)
FAILED_CHECKS = ["database"]
{%- endif %}

READY_FAILING = FRESH.add("/ready without its database", ["-c", READY], READY_ENV)


def test_ready_fails_while_the_database_does_not_answer() -> None:
    done = FRESH.result(READY_FAILING)

    assert done.returncode == 0, done.stderr
    status, body = done.stdout.split(" ", 1)
    assert status == "503"
    assert json.loads(body) == {"status": "unavailable", "failed": FAILED_CHECKS}


def test_every_response_carries_a_request_id(client: Client) -> None:
    first = client.get(reverse("health"))["X-Request-ID"]
    second = client.get(reverse("health"))["X-Request-ID"]

    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("abc-123_X.y", True),
        ("a" * 200, True),
        ("a" * 201, False),
        ("has space", False),
        ("semi;colon", False),
        ("", False),
    ],
)
def test_a_sane_request_id_is_kept_any_other_replaced(
    client: Client, given: str, kept: bool
) -> None:
    returned = client.get(reverse("health"), HTTP_X_REQUEST_ID=given)["X-Request-ID"]

    assert (returned == given) is kept
    assert re.fullmatch(r"[A-Za-z0-9._-]{1,200}", returned)
