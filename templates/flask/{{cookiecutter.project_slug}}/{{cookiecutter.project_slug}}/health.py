{%- set db = cookiecutter.database != "none" -%}
{%- set redis = cookiecutter.realtime == "yes" or cookiecutter.tasks == "celery" -%}
"""Liveness and readiness, for load balancers and container orchestrators.

``/health`` says the process answers, and touches nothing else: a database outage must not
get every instance restarted. ``/ready`` says whether this instance can do its work now
{%- if db and redis %} (the database and, where ``REDIS_URL`` is set, Redis answer)
{%- elif db %} (the database answers)
{%- elif redis %} (Redis answers, where ``REDIS_URL`` is set)
{%- endif %}.
A 503 that names what failed takes the instance out of the rotation until it recovers.
"""

import logging
from collections.abc import Callable

{% if redis -%}
from flask import current_app
{% endif -%}
from flask.typing import ResponseReturnValue
{%- if cookiecutter.api_docs == "yes" %}
from flask_smorest import Blueprint
{%- endif %}
{%- if redis %}
from redis import Redis
{%- endif %}
{%- if db %}
from sqlalchemy import text

from .extensions import db
{%- endif %}
{%- if cookiecutter.api_docs == "yes" %}

bp = Blueprint("health", __name__, description="Liveness and readiness of the service")
{%- endif %}

log = logging.getLogger(__name__)
{%- if redis %}
#: Readiness waits this long for Redis, so that a probe never hangs.
REDIS_TIMEOUT_SECONDS = 2.0
{%- endif %}
{%- if db %}


def database_answers() -> None:
    db.session.execute(text("SELECT 1"))
    db.session.rollback()
{%- endif %}
{%- if redis %}


def redis_answers() -> None:
    url = current_app.config["REDIS_URL"]
    if url:
        client = Redis.from_url(
            url,
            socket_timeout=REDIS_TIMEOUT_SECONDS,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        )
        try:
            client.ping()
        finally:
            client.close()
{%- endif %}


#: What readiness checks, by the name a failure reports.
CHECKS: dict[str, Callable[[], None]] = {
{%- if db %}
    "database": database_answers,
{%- endif %}
{%- if redis %}
    "redis": redis_answers,
{%- endif %}
{%- if db or redis %}
{% endif -%}
}


def readiness() -> ResponseReturnValue:
    """200 when every check passes; else 503 naming the failed ones (details are logged)."""
    failed: list[str] = []
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            log.exception("readiness: %s does not answer", name)
            failed.append(name)
    if failed:
        return {"status": "unavailable", "failed": failed}, 503
    return {"status": "ok"}
{%- if cookiecutter.api_docs == "yes" %}


@bp.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@bp.get("/ready")
def ready() -> ResponseReturnValue:
    return readiness()
{%- else %}


def health() -> dict[str, str]:
    """Registered on the app itself rather than a blueprint: load balancers call it all
    the time, and Flask does extra work on every request to a blueprint's route."""
    return {"status": "ok"}


def ready() -> ResponseReturnValue:
    return readiness()
{%- endif %}
