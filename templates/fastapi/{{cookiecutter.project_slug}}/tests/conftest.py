{%- from "_flags.j2" import db, pg, auth, admin, secret, celery, mail with context -%}
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
{%- endif %}
{%- if mail %}
import socket
import threading
{%- endif %}
{%- if pg %}
import uuid
{%- endif %}
from collections.abc import AsyncIterator, {% if db %}Awaitable, {% endif %}Callable, Iterator
{%- if mail %}
from email import message_from_bytes
from email.message import Message
{%- endif %}
from typing import Any{% if db %}, TypeVar{% endif %}

{% if db -%}
import anyio
{% endif -%}
import pytest
{%- if mail %}
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
{%- endif %}
{%- if celery %}
from celery import Celery
from celery.contrib.testing import tasks as celery_testing_tasks
{%- endif %}
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

{% if auth and celery -%}
from app import security, tasks
{% elif auth -%}
from app import security
{% elif celery -%}
from app import tasks
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
{%- if celery %}
#: Celery's ping task, which its test worker runs before it starts: kept registered.
CELERY_PING = celery_testing_tasks.ping
{%- endif %}
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
{%- if celery %}
            # Tasks queued by the app stay in this process, on Celery's in-memory
            # transport; tests/test_tasks.py runs a worker for them (and Redis, too).
            "redis_url": None,
            "celery_broker_url": "memory://",
            "celery_result_backend": "cache+memory://",
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
{%- if mail %}


#: How long a test waits for a message to reach the SMTP server.
MAIL_TIMEOUT = 10.0


class Inbox:
    """An aiosmtpd handler that keeps what it is sent."""

    def __init__(self) -> None:
        self.messages: list[tuple[Envelope, Message]] = []
        self.arrived = threading.Event()

    async def handle_DATA(
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        content = envelope.content
        raw = content if isinstance(content, bytes) else str(content).encode()
        self.messages.append((envelope, message_from_bytes(raw)))
        self.arrived.set()
        return "250 OK"

    def wait(self) -> Message:
        """The first message, once it has arrived."""
        assert self.arrived.wait(MAIL_TIMEOUT), f"no mail in {MAIL_TIMEOUT}s"
        return self.messages[0][1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    """A real SMTP server on 127.0.0.1 (aiosmtpd, in a thread), and its port."""
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()
{%- endif %}
{%- if celery %}


@pytest.fixture
def celery_app(app: FastAPI) -> Celery:
    """The app's Celery app, configured by ``create_app``, for Celery's
    ``celery_worker`` fixture: a worker in a thread of this process."""
    return tasks.celery_app
{%- endif %}
