{%- from "_flags.j2" import db, pg, auth, admin, secret with context -%}
{% if pg -%}
"""Test apps, each built from its own settings, on a test database of their own.

The tests create a new database on the PostgreSQL server that ``TEST_DATABASE_URL``
names (else ``DATABASE_URL``'s server), never touch any other, and drop it at the end.
"""
{%- elif db -%}
"""Test apps, each built from its own settings, on a test database of their own."""
{%- else -%}
"""Test apps, each built from its own settings."""
{%- endif %}
{% if pg %}
import os
import uuid
{%- endif %}
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
{%- if auth %}
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
{%- endif %}
{%- if pg %}
from sqlalchemy import URL, Engine, make_url, text
from sqlalchemy.exc import OperationalError
{%- elif db %}
from sqlalchemy import Engine
{%- endif %}

{% if auth -%}
from app import security
{% endif -%}
from app.config import Settings
{%- if pg %}
from app.db import make_engine, migrate, unreachable
{%- elif db %}
from app.db import make_engine, migrate
{%- endif %}
from app.main import create_app
{%- if db %}
from app.models import Base
{%- endif %}

SettingsFactory = Callable[..., Settings]
{%- if secret %}

#: A key for tests only: each test app signs with it.
TEST_SECRET_KEY = "test-secret-key-for-the-test-suite-only-0123456789"
{%- endif %}
{%- if pg %}
#: What to do when the server is not there.
{%- if cookiecutter.docker == "yes" %}
HOW_TO_START = "start it with docker compose up -d dev-db, or set TEST_DATABASE_URL"
{%- else %}
HOW_TO_START = "start a PostgreSQL server there, or set TEST_DATABASE_URL"
{%- endif %}


def _server() -> URL:
    """The server to create the test database on, in the form the app connects with."""
    url = os.environ.get("TEST_DATABASE_URL")
    settings = (
        Settings(environment="test", database_url=url)
        if url
        else Settings(environment="test")
    )
    return make_url(settings.database_url)


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    """A new, migrated database on the server, dropped when the tests end."""
    server = _server()
    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = make_engine(server.render_as_string(hide_password=False))
    autocommit = admin.execution_options(isolation_level="AUTOCOMMIT")
    try:
        with autocommit.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as error:
        # One line, not a traceback per test; never a silent fall-back to SQLite.
        where = server.render_as_string(hide_password=False)
        pytest.exit(f"{unreachable(where, error)} ({HOW_TO_START})", returncode=1)
    try:
        url = server.set(database=name).render_as_string(hide_password=False)
        migrate(url)
        yield url
    finally:
        with autocommit.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
{%- elif db %}


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A new, migrated SQLite file in a temporary directory."""
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    migrate(url)
    return url
{%- endif %}
{%- if db %}


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def _empty_tables(engine: Engine) -> Iterator[None]:
    """Every test starts with empty tables."""
    yield
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
{%- endif %}


{% if auth -%}
@pytest.fixture(autouse=True)
def _fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id still, with a small cost: the app's default (pwdlib's recommended
    parameters) is meant to be slow, and the tests hash many passwords."""
    cheap = Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(security, "password_hash", PasswordHash((cheap,)))


{% endif -%}
@pytest.fixture(autouse=True)
def _no_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Variables such as ``ENVIRONMENT`` set in the shell do not reach the tests."""
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)


@pytest.fixture
def make_settings({% if db %}database_url: str{% endif %}) -> SettingsFactory:
    """Builds test settings: ``.env`` is not read, and the fixture above has emptied the
    environment of settings, so each field not given here has its default."""

    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "environment": "test",
{%- if db %}
            "database_url": database_url,
{%- endif %}
{%- if secret %}
            "secret_key": TEST_SECRET_KEY,
{%- endif %}
            **overrides,
        }
        return Settings(_env_file=None, **values)

    return make


@pytest.fixture
def settings(make_settings: SettingsFactory) -> Settings:
    return make_settings()


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client
