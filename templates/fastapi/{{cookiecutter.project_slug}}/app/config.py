{%- from "_flags.j2" import db, pg, auth, admin, realtime, secret, celery, redis, mail, sentry with context -%}
"""Settings from environment variables (and a ``.env`` file, if there is one).

Every field is read from the variable of the same name in capitals: ``log_level`` from
``LOG_LEVEL``, and so on. Environment variables win over ``.env``. Lists are
comma-separated: ``CORS_ALLOWED_ORIGINS=https://a.example,https://b.example``.

Production is what the app gets unless ``ENVIRONMENT=development`` (or ``test``) asks for
something else, so a server that was not told is never in development mode.
"""
{% if secret %}
import os
import secrets
{%- endif %}
from functools import lru_cache
{%- if secret %}
from pathlib import Path
{%- endif %}
from typing import Annotated, {% if secret %}Any, {% endif %}Literal{% if secret or realtime or mail %}, Self{% endif %}

{% if secret -%}
from pydantic import (
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
{% elif realtime or mail -%}
from pydantic import {% if mail %}SecretStr, {% endif %}ValidationError, field_validator, model_validator
{% else -%}
from pydantic import ValidationError, field_validator
{% endif -%}
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

Environment = Literal["development", "test", "production"]
#: ``json``: one JSON object per line; ``text``: lines for a person; unset: JSON in
#: production, text elsewhere.
LogFormat = Literal["", "json", "text"]
#: A comma-separated list in the environment (``a,b``); empty means none.
CommaSeparated = Annotated[list[str], NoDecode]
{%- if pg %}
#: Database URL schemes, and the async driver's scheme read in their place.
ASYNC_SCHEMES = {
    "postgresql://": "postgresql+asyncpg://",
    "postgres://": "postgresql+asyncpg://",
    "postgresql+psycopg://": "postgresql+asyncpg://",
}
{%- elif db %}
#: Database URL schemes, and the async driver's scheme read in their place.
ASYNC_SCHEMES = {"sqlite://": "sqlite+aiosqlite://"}
{%- endif %}
{%- if realtime %}

#: The hosts development accepts WebSocket origins from when ``ALLOWED_HOSTS`` is unset.
DEVELOPMENT_HOSTS = ["localhost", "127.0.0.1"]
{%- endif %}
{%- if secret %}

#: The shortest secret key production accepts: HS256 needs a key of at least 32 bytes.
MIN_SECRET_KEY_LENGTH = 32
#: Where development keeps the key it made, so that a restart (``--reload``) keeps it;
#: relative to the directory the app starts in, and ignored by git and Docker.
DEVELOPMENT_KEY_FILE = Path(".secret_key")


def _default_secret_key(data: dict[str, Any]) -> SecretStr:
    """The key when ``SECRET_KEY`` is unset: never used in production, which refuses
    to start without one (see ``_check_production``).

    Development keeps one key in ``DEVELOPMENT_KEY_FILE``, made on the first start, so
    tokens and the admin's session survive a reload and every worker signs alike; tests
    get a key for this process only.
    """
    if data.get("environment") != "development":
        return SecretStr(secrets.token_urlsafe(32))
    try:
        return SecretStr(DEVELOPMENT_KEY_FILE.read_text("utf-8").strip())
    except FileNotFoundError:
        key = secrets.token_urlsafe(48)
        # Readable by this user only; "x" fails if another process wrote it meanwhile.
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
        descriptor = os.open(DEVELOPMENT_KEY_FILE, flags, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(key + "\n")
        return SecretStr(key)
{%- endif %}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    #: Unset means production, which refuses to start without the settings it needs.
    environment: Environment = "production"
    project_name: str = {{ cookiecutter.project_name|pystr }}
    log_level: str = "INFO"
    log_format: LogFormat = ""
{%- if db %}
{%- if pg %}
    #: Read through asyncpg: ``postgresql://``, ``postgres://`` and
    #: ``postgresql+psycopg://`` URLs are read as ``postgresql+asyncpg://``.
    database_url: str = "postgresql+asyncpg://postgres@localhost:5432/{{ cookiecutter.project_slug }}"
{%- else %}
    #: Read through aiosqlite: ``sqlite://`` URLs are read as ``sqlite+aiosqlite://``.
    database_url: str = "sqlite+aiosqlite:///./app.db"
{%- endif %}
    #: Apply the migrations when the app starts; unset means in development only.
    migrate_on_startup: bool | None = None
{%- endif %}
{%- if secret %}
    #: Signs {% if auth %}access tokens{% endif %}{% if auth and admin %} and {% endif %}{% if admin %}the admin session cookie{% endif %}; required in production and by gunicorn.
    secret_key: SecretStr = Field(default_factory=_default_secret_key)
{%- endif %}
{%- if auth %}
    access_token_expire_minutes: int = 30
{%- endif %}
{%- if auth and mail %}
    #: Seconds a password reset token stays valid.
    password_reset_max_age: int = 3600
{%- endif %}
{%- if admin and not auth %}
    #: The admin login; without a password the admin is not served at all.
    admin_username: str = "admin"
    admin_password: SecretStr | None = None
{%- endif %}
{%- if celery %}
    #: Redis: the Celery broker and result backend{% if realtime %}, and the channel WebSocket
    #: messages fan out through across worker processes{% endif %}.
    redis_url: str | None = "redis://localhost:6379/0"
    #: Where tasks are queued and their results kept; unset means ``REDIS_URL``.
    celery_broker_url: str | None = None
    celery_result_backend: str | None = None
{%- elif realtime %}
    #: Fan WebSocket messages out through Redis, across worker processes; unset keeps
    #: them in this process's memory.
    redis_url: str | None = None
{%- endif %}
{%- if realtime %}
    #: The host names a WebSocket's ``Origin`` may name; required in production, and
    #: ``localhost,127.0.0.1`` elsewhere when unset.
    allowed_hosts: CommaSeparated = []
{%- endif %}
{%- if mail %}
    #: Outgoing mail: without ``SMTP_HOST`` (development and tests) messages are logged
    #: and kept in ``app.mail.outbox`` instead; production requires it.
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_starttls: bool = True
    smtp_username: str = ""
    smtp_password: SecretStr = SecretStr("")
    mail_from: str = "noreply@localhost"
{%- endif %}
{%- if sentry %}
    #: Errors go to Sentry only when this is set; unset, the SDK is not even started.
    sentry_dsn: str = ""
    #: Unset means ``ENVIRONMENT``.
    sentry_environment: str = ""
    sentry_release: str = ""
    #: The share of requests traced for performance, 0.0 to 1.0.
    sentry_traces_sample_rate: float = 0.0
{%- endif %}
    #: The origins (``https://app.example``) whose pages may call this API from a
    #: browser; empty, the default, allows no cross-origin calls.
    cors_allowed_origins: CommaSeparated = []
    #: Add ``includeSubDomains`` and ``preload`` to Strict-Transport-Security: only once
    #: every subdomain serves HTTPS, as browsers then refuse plain HTTP for all of them.
    hsts_include_subdomains: bool = False
    hsts_preload: bool = False

    @field_validator({% if realtime %}"allowed_hosts", {% endif %}"cors_allowed_origins", mode="before")
    @classmethod
    def _split_commas(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value
{%- if db %}

    @field_validator("database_url")
    @classmethod
    def _use_async_driver(cls, value: str) -> str:
        """The app's engine is async: a URL without a driver, or with the usual sync one,
        gets the async driver, so the URLs that hosting platforms give work as they are."""
        for scheme in ASYNC_SCHEMES:
            if value.startswith(scheme):
                return ASYNC_SCHEMES[scheme] + value.removeprefix(scheme)
        return value
{%- endif %}
{%- if secret or realtime or mail %}

    @model_validator(mode="after")
    def _check_production(self) -> Self:
        if self.environment != "production":
{%- if realtime %}
            self.allowed_hosts = self.allowed_hosts or list(DEVELOPMENT_HOSTS)
{%- endif %}
            return self
{%- if secret %}
        if not self.has_secret_key:
            raise ValueError("SECRET_KEY must be set in production")
        if len(self.secret_key.get_secret_value()) < MIN_SECRET_KEY_LENGTH:
            raise ValueError(
                f"SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} characters long"
            )
{%- endif %}
{%- if realtime %}
        if not self.allowed_hosts:
            raise ValueError("ALLOWED_HOSTS must be set in production")
{%- endif %}
{%- if mail %}
        if not self.smtp_host:
            raise ValueError("SMTP_HOST must be set in production")
{%- endif %}
        return self
{%- endif %}
{%- if secret %}

    @property
    def has_secret_key(self) -> bool:
        """Whether ``SECRET_KEY`` was given, rather than made up for development."""
        return "secret_key" in self.model_fields_set
{%- endif %}

    @property
    def json_logs(self) -> bool:
        """One JSON object per log line: ``LOG_FORMAT``, else in production only."""
        if self.log_format:
            return self.log_format == "json"
        return self.environment == "production"
{%- if db %}

    @property
    def migrates_on_startup(self) -> bool:
        if self.migrate_on_startup is None:
            return self.environment == "development"
        return self.migrate_on_startup
{%- endif %}


def settings_error(error: ValidationError) -> str:
    """A one-line message for settings that do not validate, for a server to print."""
    problems = []
    for detail in error.errors():
        message = str(detail["msg"]).removeprefix("Value error, ")
        where = ".".join(str(part) for part in detail["loc"]).upper()
        problems.append(f"{where}: {message}" if where else message)
    return "; ".join(problems)


@lru_cache
def get_settings() -> Settings:
    return Settings()
