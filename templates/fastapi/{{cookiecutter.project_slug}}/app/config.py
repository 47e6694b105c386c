{%- set db = cookiecutter.database != "none" -%}
{%- set pg = cookiecutter.database == "postgresql" -%}
{%- set auth = cookiecutter.auth == "yes" -%}
{%- set admin = cookiecutter.admin == "yes" -%}
{%- set realtime = cookiecutter.realtime == "yes" -%}
{%- set secret = auth or admin -%}
"""Settings from environment variables (and a ``.env`` file, if there is one).

Every field is read from the variable of the same name in capitals: ``log_level`` from
``LOG_LEVEL``, and so on. Environment variables win over ``.env``.
"""
{% if secret %}
import secrets
{%- endif %}
from functools import lru_cache
from typing import Literal{% if secret %}, Self{% endif %}

{% if secret and pg -%}
from pydantic import Field, SecretStr, field_validator, model_validator
{% elif secret -%}
from pydantic import Field, SecretStr, model_validator
{% elif pg -%}
from pydantic import field_validator
{% endif -%}
from pydantic_settings import BaseSettings, SettingsConfigDict

Environment = Literal["development", "test", "production"]
{%- if secret %}

#: The shortest secret key production accepts: HS256 needs a key of at least 32 bytes.
MIN_SECRET_KEY_LENGTH = 32


def _random_secret() -> SecretStr:
    """A key for this process only, for development and tests: never used in production."""
    return SecretStr(secrets.token_urlsafe(32))
{%- endif %}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    #: ``production`` refuses to start without the secrets it needs.
    environment: Environment = "development"
    project_name: str = {{ cookiecutter.project_name|pystr }}
    log_level: str = "INFO"
{%- if db %}
{%- if pg %}
    #: ``postgresql://`` and ``postgres://`` URLs are read as ``postgresql+psycopg://``.
    database_url: str = "postgresql+psycopg://postgres@localhost:5432/{{ cookiecutter.project_slug }}"
{%- else %}
    database_url: str = "sqlite:///./app.db"
{%- endif %}
    #: Apply the migrations when the app starts; unset means in development only.
    migrate_on_startup: bool | None = None
{%- endif %}
{%- if secret %}
    #: Signs {% if auth %}access tokens{% endif %}{% if auth and admin %} and {% endif %}{% if admin %}the admin session cookie{% endif %}; required in production.
    secret_key: SecretStr = Field(default_factory=_random_secret)
{%- endif %}
{%- if auth %}
    access_token_expire_minutes: int = 30
{%- endif %}
{%- if admin and not auth %}
    #: The admin login; without a password the admin is not served at all.
    admin_username: str = "admin"
    admin_password: SecretStr | None = None
{%- endif %}
{%- if realtime %}
    #: Fan WebSocket messages out through Redis, across worker processes; unset keeps
    #: them in this process's memory.
    redis_url: str | None = None
{%- endif %}
{%- if pg %}

    @field_validator("database_url")
    @classmethod
    def _use_psycopg(cls, value: str) -> str:
        for scheme in ("postgresql://", "postgres://"):
            if value.startswith(scheme):
                return "postgresql+psycopg://" + value.removeprefix(scheme)
        return value
{%- endif %}
{%- if secret %}

    @model_validator(mode="after")
    def _production_needs_a_secret_key(self) -> Self:
        if self.environment != "production":
            return self
        if "secret_key" not in self.model_fields_set:
            raise ValueError("SECRET_KEY must be set in production")
        if len(self.secret_key.get_secret_value()) < MIN_SECRET_KEY_LENGTH:
            raise ValueError(
                f"SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} characters long"
            )
        return self
{%- endif %}
{%- if db %}

    @property
    def migrates_on_startup(self) -> bool:
        if self.migrate_on_startup is None:
            return self.environment == "development"
        return self.migrate_on_startup
{%- endif %}


@lru_cache
def get_settings() -> Settings:
    return Settings()
