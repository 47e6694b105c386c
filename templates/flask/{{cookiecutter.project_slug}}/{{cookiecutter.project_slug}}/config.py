{%- from "_flags.j2" import signs, rt, api, celery, redis, mail, sentry with context -%}
"""Settings: the defaults below, then environment variables of the same name.

`flask` loads a `.env` file into the environment first (see `.env.example`); gunicorn and
containers take the environment as it is.
{%- if signs %} There is no default secret key: outside debug and
testing mode the app refuses to start without a strong `SECRET_KEY`.
{%- else %} Nothing in this app signs anything (no sessions, no
log-in, no CSRF tokens), so it needs no `SECRET_KEY`.
{%- endif %}
{%- if rt %}

Production also needs `ALLOWED_HOSTS`, the host names whose pages may open the WebSocket.
{%- endif %}
{%- if celery %}

Production also needs `REDIS_URL`, the Celery broker and result backend.
{%- endif %}
{%- if mail %}

Production also needs `SMTP_HOST`: mail goes out through that server; debug and testing
mode write it to the log instead, unless `SMTP_HOST` is set.
{%- endif %}
"""

import os
{%- if signs %}
import secrets
{%- endif %}
from collections.abc import Mapping
from typing import Any{% if api or rt %}, ClassVar{% endif %}

from flask import Flask

#: Settings an environment variable of the same name overrides, when set and not empty.
FROM_ENVIRONMENT = (
{%- if signs %}
    "SECRET_KEY",
{%- endif %}
    "LOG_LEVEL",
    "LOG_FORMAT",
    "HSTS_INCLUDE_SUBDOMAINS",
    "HSTS_PRELOAD",
{%- if api %}
    "CORS_ALLOWED_ORIGINS",
{%- endif %}
{%- if rt %}
    "ALLOWED_HOSTS",
{%- endif %}
{%- if cookiecutter.database != "none" %}
    "DATABASE_URL",
{%- endif %}
{%- if redis %}
    "REDIS_URL",
{%- endif %}
{%- if mail %}
    "SMTP_HOST",
    "SMTP_PORT",
    "SMTP_STARTTLS",
    "SMTP_USERNAME",
    "SMTP_PASSWORD",
    "MAIL_FROM",
{%- endif %}
{%- if sentry %}
    "SENTRY_DSN",
    "SENTRY_ENVIRONMENT",
    "SENTRY_RELEASE",
    "SENTRY_TRACES_SAMPLE_RATE",
{%- endif %}
{%- if cookiecutter.admin == "yes" and cookiecutter.auth == "no" %}
    "ADMIN_PASSWORD",
{%- endif %}
{%- if cookiecutter.auth == "yes" %}
    "API_TOKEN_MAX_AGE",
{%- endif %}
)
#: Settings that are on/off: "1", "true", "yes" or "on" (any case) turn them on.
FLAGS = ("HSTS_INCLUDE_SUBDOMAINS", "HSTS_PRELOAD"{% if mail %}, "SMTP_STARTTLS"{% endif %})
#: Settings that hold a comma-separated list.
{%- set lists = [] %}
{%- if api %}{% set _ = lists.append('"CORS_ALLOWED_ORIGINS"') %}{% endif %}
{%- if rt %}{% set _ = lists.append('"ALLOWED_HOSTS"') %}{% endif %}
LISTS: tuple[str, ...] = ({{ lists|join(", ") }}{% if lists|length == 1 %},{% endif %})
{%- if signs %}
MIN_SECRET_KEY_LENGTH = 32
{%- endif %}
{%- if rt %}
#: The hosts that may open the WebSocket in debug and testing mode, when none are set.
DEVELOPMENT_HOSTS = ["localhost", "127.0.0.1"]
{%- endif %}


class Config:
    # The name as it was given.
    PROJECT_NAME = {{ cookiecutter.project_name|pystr }}
    VERSION = {{ cookiecutter.version|pystr }}
    LOG_LEVEL = "INFO"
    # "json": one JSON object per line; "text": plain lines. Empty: text in debug and
    # testing mode, JSON otherwise (production).
    LOG_FORMAT = ""
{%- if signs %}
    # Deliberately empty: production takes it from the environment, see production_problem.
    SECRET_KEY = ""
    SESSION_COOKIE_SAMESITE = "Lax"
{%- endif %}
    # Strict-Transport-Security covers subdomains / asks for the browsers' preload list only
    # when these are set: both are hard to take back.
    HSTS_INCLUDE_SUBDOMAINS = False
    HSTS_PRELOAD = False
{%- if api %}
    # The origins (scheme://host[:port]) whose pages may call the JSON API; empty: none.
    CORS_ALLOWED_ORIGINS: ClassVar[list[str]] = []
{%- endif %}
{%- if rt %}
    # The host names whose pages may open the WebSocket (".example.com": it and its
    # subdomains; "*": any). Required in production; see DEVELOPMENT_HOSTS.
    ALLOWED_HOSTS: ClassVar[list[str]] = []
{%- endif %}
{%- if cookiecutter.auth == "yes" %}
    # How long an API token from POST /auth/token is valid, in seconds.
    API_TOKEN_MAX_AGE = 3600
{%- endif %}
{%- if cookiecutter.auth == "yes" and mail %}
    # How long a password reset code is valid, in seconds.
    PASSWORD_RESET_MAX_AGE = 3600
{%- endif %}
{%- if cookiecutter.database == "sqlite" %}
    # A relative SQLite path is a file in the instance/ folder.
    DATABASE_URL = "sqlite:///{{ cookiecutter.project_slug }}.sqlite3"
{%- elif cookiecutter.database == "postgresql" %}
    DATABASE_URL = "postgresql://localhost/{{ cookiecutter.project_slug }}"
{%- endif %}
{%- if cookiecutter.database != "none" %}
    # The pool keeps connections open between requests, unchecked: a ping before each use
    # would cost a round trip per request. A connection the database dropped fails one
    # request, and the pool then replaces its connections; pool_recycle retires them before
    # servers and proxies time out idle ones.
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict[str, Any]] = {"pool_recycle": 1800}
{%- endif %}
{%- if redis %}
{%- if rt and celery %}
    # Celery's broker and result backend, and the WebSocket's channel between processes.
    # Required in production; empty in debug mode: redis://localhost:6379/0 for Celery,
    # and WebSocket messages stay in this process.
{%- elif celery %}
    # Celery's broker and result backend. Required in production; empty in debug mode:
    # redis://localhost:6379/0.
{%- else %}
    # Empty: WebSocket messages stay in this process. Set it when running several workers.
{%- endif %}
    REDIS_URL = ""
{%- endif %}
{%- if celery %}
    # Tests set these to run tasks without Redis ("memory://", "cache+memory://");
    # empty: REDIS_URL.
    CELERY_BROKER_URL = ""
    CELERY_RESULT_BACKEND = ""
{%- endif %}
{%- if mail %}
    # Outgoing mail. Empty SMTP_HOST: in debug and testing mode, mail is logged, not sent.
    SMTP_HOST = ""
    SMTP_PORT = 587
    SMTP_STARTTLS = True
    SMTP_USERNAME = ""
    SMTP_PASSWORD = ""
    MAIL_FROM = "{{ cookiecutter.project_slug }}@localhost"
{%- endif %}
{%- if sentry %}
    # Empty: the Sentry SDK is not initialised and nothing is sent.
    SENTRY_DSN = ""
    # Empty: "development" in debug mode, "testing" in testing mode, else "production".
    SENTRY_ENVIRONMENT = ""
    # Empty: the SDK's own guess (a git commit or SENTRY_RELEASE in the environment).
    SENTRY_RELEASE = ""
    # The share of requests traced for performance monitoring; 0.0: none.
    SENTRY_TRACES_SAMPLE_RATE = 0.0
{%- endif %}
{%- if rt %}
    REALTIME_CHANNEL = "{{ cookiecutter.project_slug }}:broadcast"
    # Ping idle WebSocket clients so that proxies keep the connection open.
    SOCK_SERVER_OPTIONS: ClassVar[dict[str, Any]] = {"ping_interval": 25}
{%- endif %}
{%- if cookiecutter.admin == "yes" and cookiecutter.auth == "no" %}
    # The admin asks for user "admin" and this password; while it is empty the admin is closed.
    ADMIN_PASSWORD = ""
{%- endif %}
{%- if cookiecutter.api_docs == "yes" %}
    API_TITLE = PROJECT_NAME
    API_VERSION = VERSION
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/"
    OPENAPI_JSON_PATH = "openapi.json"
    # No OPENAPI_SWAGGER_UI_PATH: flask-smorest's page loads Swagger UI from a CDN and runs
    # an inline script; api_docs/ serves a page of its own, assets included.
{%- endif %}


class ProductionSettingsError(RuntimeError):
    """Raised when the app would run in production without a setting it must have."""


def configure(app: Flask, overrides: Mapping[str, Any] | None = None) -> None:
    """Load ``Config``, then the environment, then ``overrides`` (tests use these)."""
    app.config.from_object(Config)
    for name in FROM_ENVIRONMENT:
        if os.environ.get(name):
            app.config[name] = parse(name, os.environ[name])
    app.config.update(overrides or {})
{%- if cookiecutter.database == "postgresql" %}
    app.config["SQLALCHEMY_DATABASE_URI"] = sqlalchemy_url(app.config["DATABASE_URL"])
{%- elif cookiecutter.database == "sqlite" %}
    app.config["SQLALCHEMY_DATABASE_URI"] = app.config["DATABASE_URL"]
{%- endif %}
{%- if signs %}
    if not (app.debug or app.testing):
        app.config["SESSION_COOKIE_SECURE"] = True
{%- endif %}
{%- if celery %}
    app.config["CELERY"] = celery_settings(app.config)
{%- endif %}


def parse(name: str, value: str) -> Any:
    """An environment variable's text as the setting's type."""
    if name in FLAGS:
        return value.strip().lower() in {"1", "true", "yes", "on"}
    if name in LISTS:
        return [item.strip() for item in value.split(",") if item.strip()]
{%- if cookiecutter.auth == "yes" %}
    if name == "API_TOKEN_MAX_AGE":
        return int(value)
{%- endif %}
{%- if mail %}
    if name == "SMTP_PORT":
        return int(value)
{%- endif %}
{%- if sentry %}
    if name == "SENTRY_TRACES_SAMPLE_RATE":
        return float(value)
{%- endif %}
    return value
{%- if celery %}


def celery_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    """Celery's settings, as Flask's Celery pattern keeps them: in ``app.config["CELERY"]``.

    A task that runs longer than the soft limit gets ``SoftTimeLimitExceeded`` to clean up
    in; at the hard limit the worker kills it. ``acks_late``: a task a worker took is
    acknowledged when done, so a worker that dies takes no task with it (tasks must then
    be safe to run twice); ``reject_on_worker_lost`` puts such a task back in the queue.
    """
    redis = settings["REDIS_URL"] or "redis://localhost:6379/0"
    return {
        "broker_url": settings["CELERY_BROKER_URL"] or redis,
        "result_backend": settings["CELERY_RESULT_BACKEND"] or redis,
        "task_time_limit": 300,
        "task_soft_time_limit": 240,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "broker_connection_retry_on_startup": True,
        # The worker logs through the app's logging (JSON lines in production), to the real
        # standard error: redirected into logging, the app's handler would write into itself
        # and every line of the worker would be lost.
        "worker_hijack_root_logger": False,
        "worker_redirect_stdouts": False,
    }
{%- endif %}


def production_problem(settings: Mapping[str, Any]) -> str | None:
    """What production ``settings`` lack, in one line; ``None`` when nothing is missing.

    gunicorn.conf.py asks this of the environment before gunicorn starts any worker, so that
    the server stops once with this line; ``create_app`` asks it too, outside debug and
    testing mode.
    """
{%- if signs %}
    if len(settings.get("SECRET_KEY") or "") < MIN_SECRET_KEY_LENGTH:
        return (
            f"SECRET_KEY must be set to at least {MIN_SECRET_KEY_LENGTH} random characters "
            "outside debug mode, for example the output of: "
            'python -c "import secrets; print(secrets.token_urlsafe(32))"'
        )
{%- endif %}
{%- if rt %}
    hosts = settings.get("ALLOWED_HOSTS") or []
    if isinstance(hosts, str):
        hosts = parse("ALLOWED_HOSTS", hosts)
    if not hosts:
        return (
            "ALLOWED_HOSTS must name the hosts whose pages may open the WebSocket "
            "outside debug mode, comma-separated, for example: example.com,www.example.com"
        )
{%- endif %}
{%- if celery %}
    if not settings.get("REDIS_URL"):
        return (
            "REDIS_URL must name the Redis server of Celery's broker outside debug mode, "
            "for example: redis://localhost:6379/0"
        )
{%- endif %}
{%- if mail %}
    if not settings.get("SMTP_HOST"):
        return "SMTP_HOST must name the server that sends mail outside debug mode"
{%- endif %}
    return None


def check_production_settings(app: Flask) -> None:
    """Refuse to run in production without its settings; fill them in for development.
{%- if signs %}

    Debug and testing mode get a random key for this process only, so sessions end when
    the process does; set ``SECRET_KEY`` in ``.env`` to keep them across restarts.
    {% endif %}"""
    if app.debug or app.testing:
{%- if signs %}
        if not app.config.get("SECRET_KEY"):
            app.config["SECRET_KEY"] = secrets.token_urlsafe(32)
            app.logger.info("SECRET_KEY is not set: using a random one for this run")
{%- endif %}
{%- if rt %}
        if not app.config["ALLOWED_HOSTS"]:
            app.config["ALLOWED_HOSTS"] = DEVELOPMENT_HOSTS
{%- endif %}
        return
    problem = production_problem(app.config)
    if problem:
        raise ProductionSettingsError(problem)
{%- if cookiecutter.database == "postgresql" %}


def sqlalchemy_url(url: str) -> str:
    """Point ``postgres://`` and ``postgresql://`` URLs at the psycopg 3 driver."""
    for scheme in ("postgres://", "postgresql://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url.removeprefix(scheme)
    return url
{%- endif %}
