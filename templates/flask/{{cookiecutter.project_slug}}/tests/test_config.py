{%- from "_flags.j2" import signs, rt with context -%}
"""Settings come from the environment; production refuses to run without what it needs."""

import logging
{%- if cookiecutter.database != "none" %}
from pathlib import Path
{%- endif %}

import pytest

from {{ cookiecutter.project_slug }} import (
    create_app,
)
{%- if signs or rt or cookiecutter.tasks == "celery" or cookiecutter.email == "yes" %}
from {{ cookiecutter.project_slug }}.config import (
    ProductionSettingsError,
)
{%- endif %}

STRONG_KEY = "k" * 32
#: What production needs besides the secret key.
{%- set production = [] %}
{%- if rt %}{% set _ = production.append('"ALLOWED_HOSTS": "example.com"') %}{% endif %}
{%- if cookiecutter.tasks == "celery" %}{% set _ = production.append('"REDIS_URL": "redis://redis.example:6379/0"') %}{% endif %}
{%- if cookiecutter.email == "yes" %}{% set _ = production.append('"SMTP_HOST": "smtp.example.com"') %}{% endif %}
{%- if production %}
PRODUCTION: dict[str, str] = {
{%- for entry in production %}
    {{ entry }},
{%- endfor %}
}
{%- else %}
PRODUCTION: dict[str, str] = {}
{%- endif %}


@pytest.fixture(autouse=True)
def _no_settings_from_outside(monkeypatch: pytest.MonkeyPatch{% if cookiecutter.database != "none" %}, tmp_path: Path{% endif %}) -> None:
    for name in (
        "SECRET_KEY",
        "LOG_LEVEL",
        "FLASK_DEBUG",
        "ALLOWED_HOSTS",
        "REDIS_URL",
        "SMTP_HOST",
    ):
        monkeypatch.delenv(name, raising=False)
{%- if cookiecutter.database != "none" %}
    # Apps made here by create_app() itself must not open the development database either.
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'config.sqlite3'}")
{%- endif %}


def production(monkeypatch: pytest.MonkeyPatch, **settings: str) -> None:
    """Export production's settings, with ``settings`` on top."""
    for name, value in {**PRODUCTION, **settings}.items():
        monkeypatch.setenv(name, value)


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    monkeypatch.setenv("HSTS_PRELOAD", "true")

    app = create_app({"TESTING": True})

    assert app.config["LOG_LEVEL"] == "WARNING"
    assert logging.getLogger().level == logging.WARNING
    assert app.config["HSTS_PRELOAD"] is True
{%- if signs %}


def test_production_refuses_to_start_without_a_secret_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    production(monkeypatch)

    with pytest.raises(ProductionSettingsError, match="SECRET_KEY"):
        create_app()


def test_production_refuses_a_short_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    production(monkeypatch, SECRET_KEY="too-short")

    with pytest.raises(ProductionSettingsError, match="SECRET_KEY"):
        create_app()


def test_production_takes_the_secret_key_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    production(monkeypatch, SECRET_KEY=STRONG_KEY)

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
{%- else %}


def test_nothing_signs_so_production_needs_no_secret_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    production(monkeypatch)

    app = create_app()

    assert not app.config.get("SECRET_KEY")
    assert app.test_client().get("/health").status_code == 200
{%- endif %}
{%- if rt %}


def test_production_refuses_to_start_without_allowed_hosts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
{%- if signs %}
    monkeypatch.setenv("SECRET_KEY", STRONG_KEY)
{%- endif %}

    with pytest.raises(ProductionSettingsError, match="ALLOWED_HOSTS"):
        create_app()


def test_allowed_hosts_are_a_comma_separated_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hosts = "example.com, .example.org"
    production(monkeypatch{% if signs %}, SECRET_KEY=STRONG_KEY{% endif %}, ALLOWED_HOSTS=hosts)

    assert create_app().config["ALLOWED_HOSTS"] == ["example.com", ".example.org"]
{%- endif %}

{%- for name, option in [("REDIS_URL", cookiecutter.tasks == "celery"), ("SMTP_HOST", cookiecutter.email == "yes")] if option %}


def test_production_refuses_to_start_without_{{ name|lower }}(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    production(monkeypatch{% if signs %}, SECRET_KEY=STRONG_KEY{% endif %})
    monkeypatch.delenv("{{ name }}")

    with pytest.raises(ProductionSettingsError, match="{{ name }}"):
        create_app()
{%- endfor %}
