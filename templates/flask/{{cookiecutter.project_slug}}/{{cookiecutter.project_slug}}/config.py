"""Settings: the defaults below, then environment variables of the same name.

`flask` loads a `.env` file into the environment first (see `.env.example`); gunicorn and
containers take the environment as it is. There is no default secret key: outside debug and
testing mode the app refuses to start without a strong `SECRET_KEY`.
"""

import os
import secrets
from collections.abc import Mapping
from typing import Any{% if cookiecutter.database != "none" or cookiecutter.realtime == "yes" %}, ClassVar{% endif %}

from flask import Flask

#: Settings an environment variable of the same name overrides, when set and not empty.
FROM_ENVIRONMENT = (
    "SECRET_KEY",
    "LOG_LEVEL",
{%- if cookiecutter.database != "none" %}
    "DATABASE_URL",
{%- endif %}
{%- if cookiecutter.realtime == "yes" %}
    "REDIS_URL",
{%- endif %}
{%- if cookiecutter.admin == "yes" and cookiecutter.auth == "no" %}
    "ADMIN_PASSWORD",
{%- endif %}
)
MIN_SECRET_KEY_LENGTH = 32


class Config:
    # The name as it was given.
    PROJECT_NAME = {{ cookiecutter.project_name|pystr }}
    VERSION = {{ cookiecutter.version|pystr }}
    LOG_LEVEL = "INFO"
    # Deliberately empty: production takes it from the environment, see require_secret_key.
    SECRET_KEY = ""
    SESSION_COOKIE_SAMESITE = "Lax"
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
{%- if cookiecutter.realtime == "yes" %}
    # Empty: WebSocket messages stay in this process. Set it when running several workers.
    REDIS_URL = ""
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
    OPENAPI_SWAGGER_UI_PATH = "docs"
    OPENAPI_SWAGGER_UI_URL = "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/"
{%- endif %}


class MissingSecretKeyError(RuntimeError):
    """Raised when the app would run in production without a strong secret key."""


def configure(app: Flask, overrides: Mapping[str, Any] | None = None) -> None:
    """Load ``Config``, then the environment, then ``overrides`` (tests use these)."""
    app.config.from_object(Config)
    for name in FROM_ENVIRONMENT:
        if os.environ.get(name):
            app.config[name] = os.environ[name]
    app.config.update(overrides or {})
{%- if cookiecutter.database == "postgresql" %}
    app.config["SQLALCHEMY_DATABASE_URI"] = sqlalchemy_url(app.config["DATABASE_URL"])
{%- elif cookiecutter.database == "sqlite" %}
    app.config["SQLALCHEMY_DATABASE_URI"] = app.config["DATABASE_URL"]
{%- endif %}
    if not (app.debug or app.testing):
        app.config["SESSION_COOKIE_SECURE"] = True


def require_secret_key(app: Flask) -> None:
    """Refuse to run in production without ``SECRET_KEY``; invent one for development.

    Debug and testing mode get a random key for this process only, so sessions end when
    the process does; set ``SECRET_KEY`` in ``.env`` to keep them across restarts.
    """
    key = app.config.get("SECRET_KEY") or ""
    if app.debug or app.testing:
        if not key:
            app.config["SECRET_KEY"] = secrets.token_urlsafe(32)
            app.logger.info("SECRET_KEY is not set: using a random one for this run")
        return
    if len(key) < MIN_SECRET_KEY_LENGTH:
        raise MissingSecretKeyError(
            f"SECRET_KEY must be set to at least {MIN_SECRET_KEY_LENGTH} random characters "
            "outside debug mode, for example the output of: "
            'python -c "import secrets; print(secrets.token_urlsafe(32))"'
        )
{%- if cookiecutter.database == "postgresql" %}


def sqlalchemy_url(url: str) -> str:
    """Point ``postgres://`` and ``postgresql://`` URLs at the psycopg 3 driver."""
    for scheme in ("postgres://", "postgresql://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url.removeprefix(scheme)
    return url
{%- endif %}
