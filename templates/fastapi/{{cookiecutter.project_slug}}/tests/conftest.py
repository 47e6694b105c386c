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
from collections.abc import AsyncIterator, {% if db %}Awaitable, {% endif %}Callable, Iterator
from typing import Any{% if db %}, TypeVar{% endif %}

{% if db -%}
import anyio
{% endif -%}
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx2 import ASGITransport, AsyncClient
{%- if auth %}
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
{%- endif %}
{%- if pg %}
from sqlalchemy import URL, make_url, text
from sqlalchemy.exc import OperationalError
{%- endif %}
{%- if db %}
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
{%- endif %}

{% if auth -%}
from app import security
{% endif -%}
from app.config import Settings
{%- if pg %}
from app.db import make_engine, make_session_factory, migrate, unreachable
{%- elif db %}
from app.db import make_engine, make_session_factory, migrate
{%- endif %}
from app.main import create_app
{%- if db %}
from app.models import Base
{%- endif %}

SettingsFactory = Callable[..., Settings]
{%- if db %}
T = TypeVar("T")
{%- endif %}
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


async def _on_server(server: URL, statement: str) -> None:
    """Runs ``statement`` outside a transaction, as CREATE and DROP DATABASE need."""
    engine = make_engine(server.render_as_string(hide_password=False))
    try:
        autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")
        async with autocommit.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    """A new, migrated database on the server, dropped when the tests end."""
    server = _server()
    name = f"test_{uuid.uuid4().hex[:12]}"
    try:
        anyio.run(_on_server, server, f'CREATE DATABASE "{name}"')
    except (OperationalError, OSError) as error:
        # One line, not a traceback per test; never a silent fall-back to SQLite.
        where = server.render_as_string(hide_password=False)
        pytest.exit(f"{unreachable(where, error)} ({HOW_TO_START})", returncode=1)
    try:
        url = server.set(database=name).render_as_string(hide_password=False)
        migrate(url)
        yield url
    finally:
        drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
        anyio.run(_on_server, server, drop)
{%- elif db %}


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A new, migrated SQLite file in a temporary directory."""
    url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    migrate(url)
    return url
{%- endif %}
{%- if db %}


class Database:
    """The test database, for tests that are not async themselves (the command line,
    the admin through ``TestClient``): ``run`` awaits ``work`` with a session of its
    own, in an event loop of its own."""

    def __init__(self, url: str) -> None:
        self.url = url

    def run(self, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
        return anyio.run(self._run, work)

    async def _run(self, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
        engine = make_engine(self.url)
        try:
            async with make_session_factory(engine)() as session:
                return await work(session)
        finally:
            await engine.dispose()


@pytest.fixture
def database(database_url: str) -> Database:
    return Database(database_url)


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine of its own on the test database, for async tests."""
    engine = make_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
async def session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    async with make_session_factory(engine)() as session:
        yield session


async def _delete_all(session: AsyncSession) -> None:
    for table in reversed(Base.metadata.sorted_tables):
        await session.execute(table.delete())
    await session.commit()


@pytest.fixture(autouse=True)
def _empty_tables(database: Database) -> Iterator[None]:
    """Every test starts with empty tables."""
    yield
    database.run(_delete_all)
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
    """The app from a synchronous test: ``TestClient`` runs it in an event loop of its
    own, in another thread."""
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def anyio_backend() -> str:
    """Async tests (``@pytest.mark.anyio``) run on asyncio, as uvicorn runs the app."""
    return "asyncio"


@pytest.fixture
async def async_client(app: FastAPI) -> AsyncIterator[AsyncClient]:
    """The app on the async test's own event loop, its lifespan around the test."""
    transport = ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        AsyncClient(transport=transport, base_url="http://testserver") as client,
    ):
        yield client
