{%- set db = cookiecutter.database != "none" -%}
{%- set pg = cookiecutter.database == "postgresql" -%}
{%- set auth = cookiecutter.auth == "yes" -%}
{%- set admin = cookiecutter.admin == "yes" -%}
{%- set secret = auth or admin -%}
from pathlib import Path

import pytest
{%- if secret %}
from pydantic import ValidationError
{%- endif %}

from app.config import Settings
{%- if secret %}
from app.main import create_app
{%- endif %}


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    monkeypatch.setenv("PROJECT_NAME", "From the environment")

    settings = Settings(_env_file=None)

    assert settings.log_level == "WARNING"
    assert settings.project_name == "From the environment"


def test_an_env_file_is_read_and_the_environment_wins(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("LOG_LEVEL=ERROR\nPROJECT_NAME=From the file\n")
    monkeypatch.setenv("PROJECT_NAME", "From the environment")

    settings = Settings(_env_file=env_file)

    assert settings.log_level == "ERROR"
    assert settings.project_name == "From the environment"
{%- if secret %}


def test_production_refuses_to_start_without_a_secret_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")

    with pytest.raises(ValidationError, match="SECRET_KEY must be set in production"):
        create_app(Settings(_env_file=None))


def test_production_refuses_a_short_secret_key() -> None:
    with pytest.raises(ValidationError, match="at least 32 characters"):
        Settings(_env_file=None, environment="production", secret_key="too short")


def test_production_starts_with_a_secret_key_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    key = "k" * 40
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("SECRET_KEY", key)

    settings = Settings(_env_file=None)

    assert settings.secret_key.get_secret_value() == key


def test_development_makes_up_a_key_per_process_and_never_reuses_one() -> None:
    first = Settings(_env_file=None, environment="development")
    second = Settings(_env_file=None, environment="development")

    assert len(first.secret_key.get_secret_value()) >= 32
    assert first.secret_key != second.secret_key
{%- endif %}
{%- if pg %}


@pytest.mark.parametrize("scheme", ["postgresql", "postgres", "postgresql+psycopg"])
def test_postgresql_urls_use_psycopg(scheme: str) -> None:
    settings = Settings(_env_file=None, database_url=f"{scheme}://u@db:5432/app")

    assert settings.database_url == "postgresql+psycopg://u@db:5432/app"
{%- endif %}
{%- if db %}


@pytest.mark.parametrize(
    ("environment", "migrates"),
    [("development", True), ("test", False), ("production", False)],
)
def test_migrations_run_on_startup_in_development_only_unless_told(
    environment: str, migrates: bool
) -> None:
    def settings(migrate_on_startup: bool | None = None) -> Settings:
        return Settings(
            _env_file=None,
            environment=environment,
{%- if secret %}
            secret_key="k" * 40,
{%- endif %}
            migrate_on_startup=migrate_on_startup,
        )

    assert settings().migrates_on_startup is migrates
    assert settings(migrate_on_startup=not migrates).migrates_on_startup is not migrates
{%- endif %}
