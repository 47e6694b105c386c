"""Settings come from the environment; production refuses to run without a real secret key."""

import logging
{%- if cookiecutter.database != "none" %}
from pathlib import Path
{%- endif %}

import pytest

from {{ cookiecutter.project_slug }} import (
    create_app,
)
from {{ cookiecutter.project_slug }}.config import (
    MissingSecretKeyError,
)

STRONG_KEY = "k" * 32


@pytest.fixture(autouse=True)
def _no_settings_from_outside(monkeypatch: pytest.MonkeyPatch{% if cookiecutter.database != "none" %}, tmp_path: Path{% endif %}) -> None:
    for name in ("SECRET_KEY", "LOG_LEVEL", "FLASK_DEBUG"):
        monkeypatch.delenv(name, raising=False)
{%- if cookiecutter.database != "none" %}
    # Apps made here by create_app() itself must not open the development database either.
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'config.sqlite3'}")
{%- endif %}


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOG_LEVEL", "WARNING")

    app = create_app({"TESTING": True})

    assert app.config["LOG_LEVEL"] == "WARNING"
    assert logging.getLogger().level == logging.WARNING


def test_production_refuses_to_start_without_a_secret_key() -> None:
    with pytest.raises(MissingSecretKeyError, match="SECRET_KEY"):
        create_app()


def test_production_refuses_a_short_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", "too-short")

    with pytest.raises(MissingSecretKeyError):
        create_app()


def test_production_takes_the_secret_key_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SECRET_KEY", STRONG_KEY)

    app = create_app()

    assert app.config["SECRET_KEY"] == STRONG_KEY
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_debug_mode_makes_up_a_key_for_each_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FLASK_DEBUG", "1")

    first, second = create_app(), create_app()

    assert len(first.config["SECRET_KEY"]) >= 32
    assert first.config["SECRET_KEY"] != second.config["SECRET_KEY"]
