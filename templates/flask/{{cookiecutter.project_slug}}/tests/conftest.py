{%- set db = cookiecutter.database != "none" -%}
{#- Pages with CSRF tokens: the account forms, and the admin's. -#}
{%- set csrf = (cookiecutter.auth == "yes" and cookiecutter.html == "yes") or cookiecutter.admin == "yes" -%}
{% if db -%}
"""Fixtures: apps built by ``create_app`` in testing mode, on a database of the tests' own.
{%- else -%}
"""Fixtures: apps built by ``create_app`` in testing mode."""
{%- endif %}
{%- if cookiecutter.database == "sqlite" %}

The tests use a new SQLite file in a temporary directory, never the development database;
each test starts with it empty.
{%- elif cookiecutter.database == "postgresql" %}

The tests use a new PostgreSQL database, created for them and dropped after them, on the
server of ``TEST_DATABASE_URL`` (or else ``DATABASE_URL``, or else the default in
``config.py``); the database that URL names is only used to create and drop this one, so
the role needs the CREATEDB privilege. Each test starts with it empty; the development
database is never touched.
{%- endif %}
{%- if db %}
"""
{%- endif %}

import base64
import hashlib
{% if cookiecutter.database == "postgresql" -%}
import os
{% endif -%}
import re
{% if cookiecutter.email == "yes" -%}
import socket
import threading
{% endif -%}
{% if cookiecutter.database == "postgresql" -%}
import uuid
{% endif -%}
from collections.abc import Callable, Iterator
{%- if cookiecutter.auth == "yes" %}
from dataclasses import dataclass
{%- endif %}
{%- if cookiecutter.email == "yes" %}
from email import message_from_bytes
from email.message import Message
{%- endif %}
from html.parser import HTMLParser
{%- if cookiecutter.database == "postgresql" %}
from pathlib import Path
{%- endif %}
from typing import Any

import pytest
{%- if cookiecutter.email == "yes" %}
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
{%- endif %}
{%- if cookiecutter.tasks == "celery" %}
from celery import Celery
from celery.contrib.testing import tasks as celery_testing_tasks
{%- endif %}
{%- if cookiecutter.database == "postgresql" %}
from dotenv import dotenv_values
{%- endif %}
from flask import Flask
from flask.testing import FlaskClient
{%- if cookiecutter.database == "postgresql" %}
from sqlalchemy import MetaData, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
{%- elif db %}
from sqlalchemy import MetaData
{%- endif %}
{%- if csrf or cookiecutter.auth == "yes" %}
from werkzeug.test import TestResponse
{%- endif %}

from {{ cookiecutter.project_slug }} import (
    create_app,
)
from {{ cookiecutter.project_slug }}.config import (
    FROM_ENVIRONMENT,
{%- if cookiecutter.database == "postgresql" %}
    Config,
    sqlalchemy_url,
{%- endif %}
)
{%- if db %}
from {{ cookiecutter.project_slug }}.extensions import (
    db,
)
{%- endif %}
{%- if cookiecutter.auth == "yes" %}
from {{ cookiecutter.project_slug }}.models import (
    User,
)
{%- endif %}

AppFactory = Callable[..., Flask]
{%- if cookiecutter.tasks == "celery" %}
#: Celery's ping task, which its test worker runs before it starts: kept registered.
CELERY_PING = celery_testing_tasks.ping
{%- endif %}
#: What every test app has, before a test's own settings.
TESTING: dict[str, Any] = {
    "TESTING": True,
{%- if cookiecutter.tasks == "celery" %}
    # Tasks queued by the views stay in this process; tests/test_tasks.py runs a worker.
    "CELERY_BROKER_URL": "memory://",
    "CELERY_RESULT_BACKEND": "cache+memory://",
{%- endif %}
}
NONCE = re.compile(r"'nonce-([^']+)'")
{%- if cookiecutter.database == "postgresql" %}
#: The project's .env, as `flask` reads it: the tests take the database server from it.
DOTENV = dotenv_values(Path(__file__).resolve().parents[1] / ".env")


def outside(name: str) -> str | None:
    """A setting from the environment, else from .env."""
    return os.environ.get(name) or DOTENV.get(name)


#: The server the tests make their database on, read before the settings are cleared.
TEST_SERVER = (
    outside("TEST_DATABASE_URL") or outside("DATABASE_URL") or Config.DATABASE_URL
)
{%- endif %}


@pytest.fixture(scope="session", autouse=True)
def _settings_from_the_tests_only() -> Iterator[None]:
    """Unset the app's settings that the shell or a sourced ``.env`` may have exported
    (``FLASK_DEBUG``, ``SECRET_KEY``, ``DATABASE_URL``...): each test sets what it needs."""
    with pytest.MonkeyPatch.context() as patch:
        for name in (*FROM_ENVIRONMENT, "FLASK_DEBUG"):
            patch.delenv(name, raising=False)
        yield
{%- if csrf %}


CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token_in(page: TestResponse) -> str:
    """The CSRF token of the form on ``page``, as a browser would send it back."""
    found = CSRF_FIELD.search(page.get_data(as_text=True))
    assert found is not None, "the page has no CSRF token"
    return found.group(1)
{%- endif %}


class PageParts(HTMLParser):
    """What a page loads and runs: its scripts, styles and style attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.assets: list[str] = []
        self.nonces: list[str | None] = []
        self.handlers: list[str] = []
        self._inline: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if "style" in found:
            self.problems.append(f"a style attribute on <{tag}>")
        self.handlers += [value or "" for name, value in attrs if name.startswith("on")]
        url = found.get("src") if tag in {"script", "img"} else None
        if tag == "link" and found.get("rel") in {"stylesheet", "icon"}:
            url = found.get("href")
        if url is not None:
            self.assets.append(url)
        if tag in {"script", "style"} and url is None:
            self._inline = tag
            self.nonces.append(found.get("nonce"))

    def handle_endtag(self, tag: str) -> None:
        self._inline = None


def csp_problems(client: FlaskClient, path: str) -> list[str]:
    """How the page at ``path`` breaks its own Content-Security-Policy: inline scripts and
    styles without the policy's nonce, style attributes, assets from other origins or that
    are not there."""
    page = client.get(path)
    assert page.status_code == 200, f"{path}: {page.status_code}"
    policy = page.headers["Content-Security-Policy"]
    allowed = set(NONCE.findall(policy))
    parts = PageParts()
    parts.feed(page.get_data(as_text=True))
    problems = [f"{path}: {problem}" for problem in parts.problems]
    for nonce in parts.nonces:
        if nonce is None or nonce not in allowed:
            problems.append(f"{path}: an inline script or style without the nonce")
    for handler in parts.handlers:
        digest = base64.b64encode(hashlib.sha256(handler.encode()).digest()).decode()
        if "'unsafe-hashes'" not in policy or f"'sha256-{digest}'" not in policy:
            problems.append(f"{path}: the event handler {handler!r} is not allowed")
    for url in parts.assets:
        if url.startswith("data:"):
            continue
        if not url.startswith("/") or url.startswith("//"):
            problems.append(f"{path}: {url} is not on this site")
        elif client.get(url).status_code != 200:
            problems.append(f"{path}: {url} is missing")
    return problems
{%- if cookiecutter.database == "sqlite" %}


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('database') / 'test.sqlite3'}"
{%- elif cookiecutter.database == "postgresql" %}


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    server = make_url(sqlalchemy_url(TEST_SERVER))
    name = f"test_{uuid.uuid4().hex}"
    maintenance = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with maintenance.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as error:
        where = make_url(TEST_SERVER).render_as_string(hide_password=True)
        reason = str(error.orig).strip().splitlines()[0]
        pytest.exit(
            f"PostgreSQL at {where} cannot be used ({reason}): start it{% if cookiecutter.docker == 'yes' %} (docker compose up -d db){% endif %} or set TEST_DATABASE_URL",
            returncode=1,
        )
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with maintenance.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        maintenance.dispose()
{%- endif %}
{%- if db %}


@pytest.fixture
def make_app(database_url: str) -> Iterator[AppFactory]:
    """``make_app(**settings)``: a testing app on the test database, ``settings`` on top."""
    made: list[Flask] = []

    def make(**settings: Any) -> Flask:
        app = create_app({**TESTING, "DATABASE_URL": database_url, **settings})
        made.append(app)
        return app

    yield make
    for app in made:
        with app.app_context():
            db.session.remove()
            if app is made[0]:
                empty_the_database()
            db.engine.dispose()


def empty_the_database() -> None:
    """Drop every table, the models' and Alembic's alike, for the next test."""
    tables = MetaData()
    tables.reflect(db.engine)
    tables.drop_all(db.engine)


@pytest.fixture
def app(make_app: AppFactory) -> Flask:
    """A testing app whose database holds the models' tables."""
    app = make_app()
    with app.app_context():
        db.create_all()
    return app
{%- else %}


@pytest.fixture
def make_app() -> AppFactory:
    """``make_app(**settings)``: a testing app, ``settings`` on top."""

    def make(**settings: Any) -> Flask:
        return create_app({**TESTING, **settings})

    return make


@pytest.fixture
def app(make_app: AppFactory) -> Flask:
    return make_app()
{%- endif %}


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
{%- if cookiecutter.email == "yes" %}


#: How long a test waits for a message to reach the SMTP server.
TIMEOUT = 10.0


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()
{%- endif %}
{%- if cookiecutter.tasks == "celery" %}


@pytest.fixture
def celery_app(app: Flask) -> Celery:
    """The app's own Celery app, for Celery's ``celery_worker`` fixture: a worker in a
    thread, whose tasks run in ``app``'s context."""
    celery: Celery = app.extensions["celery"]
    return celery
{%- endif %}
{%- if cookiecutter.auth == "yes" %}


@dataclass(frozen=True)
class Account:
    email: str
    password: str


LogIn = Callable[[str, str], TestResponse]


MakeAccount = Callable[[str, str], Account]


@pytest.fixture
def make_account(app: Flask) -> MakeAccount:
    """``make_account(email, password)``: an account in the test database (not logged in)."""

    def make(email: str, password: str) -> Account:
        with app.app_context():
            user = User(email=email)
            user.set_password(password)
            db.session.add(user)
            db.session.commit()
        return Account(email, password)

    return make


@pytest.fixture
def account(make_account: MakeAccount) -> Account:
    """An account in the test database (not logged in)."""
    return make_account("ada@example.com", "correct horse battery staple")


def bearer(client: FlaskClient, account: Account) -> dict[str, str]:
    """The Authorization header of an API token for ``account``, as a client gets one."""
    body = {"email": account.email, "password": account.password}
    response = client.post("/auth/token", json=body)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.get_json()['access_token']}"}


@pytest.fixture
def log_in(client: FlaskClient) -> LogIn:
    """``log_in(email, password)``: the response to logging in as a user would."""

    def log_in(email: str, password: str) -> TestResponse:
{%- if cookiecutter.html == "yes" %}
        token = csrf_token_in(client.get("/auth/login"))
        data = {"email": email, "password": password, "csrf_token": token}
        return client.post("/auth/login", data=data)
{%- else %}
        return client.post("/auth/login", json={"email": email, "password": password})
{%- endif %}

    return log_in


@pytest.fixture
def logged_in(client: FlaskClient, account: Account, log_in: LogIn) -> FlaskClient:
    """The test client, logged in as ``account``."""
    response = log_in(account.email, account.password)
    assert response.status_code == {% if cookiecutter.html == "yes" %}302{% else %}200{% endif %}, response.text
    return client
{%- endif %}
