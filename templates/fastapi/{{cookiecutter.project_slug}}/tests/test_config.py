{%- from "_flags.j2" import db, pg, auth, admin, realtime, secret, celery, mail with context -%}
import importlib
{%- if secret %}
import stat
{%- endif %}
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

{% if celery -%}
import celery
{% endif -%}
import pytest
from pydantic import ValidationError

from app.config import Settings, settings_error
{%- if secret %}
from app.main import create_app
{%- endif %}

ROOT = Path(__file__).resolve().parent.parent
#: What production needs besides its defaults.
{%- if secret or realtime or mail %}
PRODUCTION: dict[str, Any] = {
{%- if secret %}
    "secret_key": "k" * 40,
{%- endif %}
{%- if realtime %}
    "allowed_hosts": "app.example",
{%- endif %}
{%- if mail %}
    "smtp_host": "mail.example",
{%- endif %}
}
{%- else %}
PRODUCTION: dict[str, Any] = {}
{%- endif %}


def test_unset_environment_means_production() -> None:
    settings = Settings(_env_file=None, **PRODUCTION)

    assert settings.environment == "production"
{%- if db %}
    assert not settings.migrates_on_startup
{%- endif %}


def test_the_env_example_asks_for_development(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``cp .env.example .env`` is the next step after installing: development, then."""
    monkeypatch.chdir(tmp_path)

    settings = Settings(_env_file=ROOT / ".env.example")

    assert settings.environment == "development"
{%- if db %}
    assert settings.migrates_on_startup
{%- endif %}
{%- if pg %}
    # compose.yaml's dev-db, not SQLite.
    assert settings.database_url == (
        "postgresql+asyncpg://postgres@127.0.0.1:5432/{{ cookiecutter.project_slug }}"
    )
{%- endif %}


@contextmanager
def fresh_modules(package: str) -> Iterator[None]:
    """Imports of ``package`` inside run its modules' code again, as in a new process;
    afterwards the modules are those of before, which the other tests use."""

    def ours(name: str) -> bool:
        return name == package or name.startswith(f"{package}.")

    saved = {name: module for name, module in sys.modules.items() if ours(name)}
{%- if celery %}
    # A new Celery app makes itself Celery's current app: the tests' one comes back too.
    current = celery.current_app._get_current_object()
{%- endif %}
    for name in saved:
        del sys.modules[name]
    try:
        yield
    finally:
        for name in [name for name in sys.modules if ours(name)]:
            del sys.modules[name]
        sys.modules.update(saved)
{%- if celery %}
        current.set_current()
{%- endif %}


def test_importing_the_app_builds_nothing_whatever_the_environment_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tests import ``app.main``: ENVIRONMENT=production in ``.env`` or the shell,
    without the rest of production's settings, must not stop them."""
    (tmp_path / ".env").write_text("ENVIRONMENT=production\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ENVIRONMENT", "production")

    with fresh_modules("app"):
        importlib.import_module("app.main")


def test_lists_are_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORS_ALLOWED_ORIGINS", "https://a.example, https://b.example")

    settings = Settings(_env_file=None, environment="test")

    assert settings.cors_allowed_origins == ["https://a.example", "https://b.example"]
    empty = Settings(_env_file=None, environment="test", cors_allowed_origins="")
    assert empty.cors_allowed_origins == []


def test_a_settings_error_is_one_line() -> None:
    with pytest.raises(ValidationError) as raised:
        Settings(_env_file=None, environment="staging")

    message = settings_error(raised.value)
    assert "\n" not in message
    assert message.startswith("ENVIRONMENT: Input should be")


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "test")
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    monkeypatch.setenv("PROJECT_NAME", "From the environment")

    settings = Settings(_env_file=None)

    assert settings.log_level == "WARNING"
    assert settings.project_name == "From the environment"


def test_an_env_file_is_read_and_the_environment_wins(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("ENVIRONMENT=test\nLOG_LEVEL=ERROR\nPROJECT_NAME=File\n")
    monkeypatch.setenv("PROJECT_NAME", "From the environment")

    settings = Settings(_env_file=env_file)

    assert settings.environment == "test"
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
        Settings(_env_file=None, **{**PRODUCTION, "secret_key": "too short"})


def test_production_starts_with_a_secret_key_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    key = "k" * 40
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("SECRET_KEY", key)

    others = {name: value for name, value in PRODUCTION.items() if name != "secret_key"}
    settings = Settings(_env_file=None, **others)

    assert settings.secret_key.get_secret_value() == key


def test_development_keeps_one_key_across_restarts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``uvicorn --reload`` starts the app again on every change: a new key each time
    would end every token and admin session."""
    monkeypatch.chdir(tmp_path)

    first = Settings(_env_file=None, environment="development")
    second = Settings(_env_file=None, environment="development")

    assert len(first.secret_key.get_secret_value()) >= 32
    assert first.secret_key == second.secret_key
    assert not first.has_secret_key
    key_file = tmp_path / ".secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert ".secret_key" in (ROOT / ".gitignore").read_text().splitlines()


def test_tests_make_up_a_key_per_process_and_write_none(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)

    first = Settings(_env_file=None, environment="test")
    second = Settings(_env_file=None, environment="test")

    assert first.secret_key != second.secret_key
    assert list(tmp_path.iterdir()) == []
{%- endif %}
{%- if pg %}


@pytest.mark.parametrize(
    "scheme", ["postgresql", "postgres", "postgresql+psycopg", "postgresql+asyncpg"]
)
def test_postgresql_urls_use_asyncpg(scheme: str) -> None:
    settings = Settings(
        _env_file=None, environment="test", database_url=f"{scheme}://u@db:5432/app"
    )

    assert settings.database_url == "postgresql+asyncpg://u@db:5432/app"
{%- elif db %}


@pytest.mark.parametrize("scheme", ["sqlite", "sqlite+aiosqlite"])
def test_sqlite_urls_use_aiosqlite(scheme: str) -> None:
    settings = Settings(
        _env_file=None, environment="test", database_url=f"{scheme}:////data/app.db"
    )

    assert settings.database_url == "sqlite+aiosqlite:////data/app.db"
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
            migrate_on_startup=migrate_on_startup,
            **PRODUCTION,
        )

    assert settings().migrates_on_startup is migrates
    assert settings(migrate_on_startup=not migrates).migrates_on_startup is not migrates
{%- endif %}
