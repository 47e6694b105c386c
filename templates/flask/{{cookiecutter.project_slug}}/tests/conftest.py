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

{% if cookiecutter.database == "postgresql" -%}
import os
{% endif -%}
{% if csrf -%}
import re
{% endif -%}
{% if cookiecutter.database == "postgresql" -%}
import uuid
{% endif -%}
from collections.abc import Callable{% if db %}, Iterator{% endif %}
{%- if cookiecutter.auth == "yes" %}
from dataclasses import dataclass
{%- endif %}
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
{%- if cookiecutter.database == "postgresql" %}
from sqlalchemy import MetaData, create_engine, text
from sqlalchemy.engine import make_url
{%- elif db %}
from sqlalchemy import MetaData
{%- endif %}
{%- if csrf or cookiecutter.auth == "yes" %}
from werkzeug.test import TestResponse
{%- endif %}

from {{ cookiecutter.project_slug }} import (
    create_app,
)
{%- if cookiecutter.database == "postgresql" %}
from {{ cookiecutter.project_slug }}.config import (
    Config,
    sqlalchemy_url,
)
{%- endif %}
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
{%- if csrf %}
CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token_in(page: TestResponse) -> str:
    """The CSRF token of the form on ``page``, as a browser would send it back."""
    found = CSRF_FIELD.search(page.get_data(as_text=True))
    assert found is not None, "the page has no CSRF token"
    return found.group(1)
{%- endif %}
{%- if cookiecutter.database == "sqlite" %}


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('database') / 'test.sqlite3'}"
{%- elif cookiecutter.database == "postgresql" %}


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    given = os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL")
    server = make_url(sqlalchemy_url(given or Config.DATABASE_URL))
    name = f"test_{uuid.uuid4().hex}"
    maintenance = create_engine(server, isolation_level="AUTOCOMMIT")
    with maintenance.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
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
        app = create_app({"TESTING": True, "DATABASE_URL": database_url, **settings})
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
        return create_app({"TESTING": True, **settings})

    return make


@pytest.fixture
def app(make_app: AppFactory) -> Flask:
    return make_app()
{%- endif %}


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
{%- if cookiecutter.auth == "yes" %}


@dataclass(frozen=True)
class Account:
    email: str
    password: str


LogIn = Callable[[str, str], TestResponse]


@pytest.fixture
def account(app: Flask) -> Account:
    """An account in the test database (not logged in)."""
    account = Account("ada@example.com", "correct horse battery staple")
    with app.app_context():
        user = User(email=account.email)
        user.set_password(account.password)
        db.session.add(user)
        db.session.commit()
    return account


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
