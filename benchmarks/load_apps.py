"""The apps ``bench_load.py`` compares: each starter, and a bare app of its framework.

A bare app is what the framework's own documentation starts from: its defaults, the same
views' work (a health answer, a read of the same rows), the same server and worker count.
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from harness import child_environment, empty_dir, stackwise_new

from support.servers import Postgres

ROWS = 20
SLUG = "load_app"


@dataclass(frozen=True)
class Setup:
    project: Path
    venv: Path
    database_url: str
    postgres: Postgres


Command = tuple[list[str], Path, dict[str, str]]


def _run(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
    subprocess.run(argv, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)


def _prepare(bin_dir: Path, postgres: Postgres, base: Path, framework: str, database: str) -> Setup:
    """Generate the starter with PostgreSQL and install it into a venv of its own."""
    empty_dir(base)
    _run(
        stackwise_new(
            bin_dir, framework, "Load App", base, "database=postgresql", "docker=no", "ci=none"
        ),
        base,
    )
    project = base / SLUG
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], base)
    _run(
        [str(venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check", "-e", "."],
        project,
    )
    return Setup(project, venv, postgres.create_database(database), postgres)


def _seed(setup: Setup, sql: str) -> None:
    psql = shutil.which("psql") or "psql"
    _run([psql, setup.database_url, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], setup.project)


@dataclass(frozen=True)
class Goal:
    """What the starter must reach on a path at a connection count: its requests/s at
    least ``ratio`` times the bare app's, and, when ``tail`` is set, its p99 latency at
    most ``tail`` times its own p50."""

    ratio: float = 1.0
    tail: float | None = None


@dataclass(frozen=True)
class AppSpec:
    title: str
    paths: tuple[str, ...]
    prepare: Callable[[Path, Postgres, Path], Setup]
    starter_command: Callable[[Setup, int, int], Command]
    bare_command: Callable[[Setup, int, int], Command]
    describe: Callable[[int], str]
    headers: dict[str, str]
    #: (path, connections) -> its goal; 1.0x of the bare app where none is given.
    goals: dict[tuple[str, int], Goal] = field(default_factory=dict)

    def goal(self, path: str, connections: int) -> Goal:
        return self.goals.get((path, connections), Goal())


# ---------------------------------------------------------------------------------- Flask

BARE_FLASK = """\
import os

from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import select

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
db = SQLAlchemy(app)


class Item(db.Model):
    __tablename__ = "items"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100))
    description = db.Column(db.Text)


@app.get("/health")
def health():
    return {"status": "ok"}


@app.get("/items/")
def items():
    rows = db.session.scalars(select(Item).order_by(Item.id))
    return [{"id": i.id, "name": i.name, "description": i.description} for i in rows]
"""


def _flask_prepare(bin_dir: Path, postgres: Postgres, base: Path) -> Setup:
    setup = _prepare(bin_dir, postgres, base, "flask", "load_flask")
    env = child_environment(
        DATABASE_URL=_sqlalchemy_url(setup.database_url), SECRET_KEY=secrets.token_urlsafe(48)
    )
    _run([str(setup.venv / "bin" / "flask"), "--app", SLUG, "db", "upgrade"], setup.project, env)
    values = ", ".join(f"('item {n}', 'a description of item {n}')" for n in range(ROWS))
    _seed(setup, f"INSERT INTO items (name, description) VALUES {values}")
    (base / "bare_flask.py").write_text(BARE_FLASK, encoding="utf-8")
    return setup


def _sqlalchemy_url(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def _flask_starter(setup: Setup, workers: int, port: int) -> Command:
    env = child_environment(
        DATABASE_URL=_sqlalchemy_url(setup.database_url),
        SECRET_KEY=secrets.token_urlsafe(48),
        WEB_CONCURRENCY=str(workers),
        PORT=str(port),
    )
    argv = [str(setup.venv / "bin" / "gunicorn"), "--no-control-socket", f"{SLUG}:create_app()"]
    return argv, setup.project, env


def _flask_bare(setup: Setup, workers: int, port: int) -> Command:
    env = child_environment(DATABASE_URL=_sqlalchemy_url(setup.database_url))
    argv = [
        str(setup.venv / "bin" / "gunicorn"),
        "--no-control-socket",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "bare_flask:app",
    ]
    return argv, setup.project.parent, env


# --------------------------------------------------------------------------------- Django

BARE_DJANGO_SETTINGS = '''\
"""Django's startproject defaults, with the starter's apps so that its views can run."""

from urllib.parse import urlsplit
import os

from config.settings.base import INSTALLED_APPS, AUTH_USER_MODEL, TEMPLATES  # noqa: F401

_db = urlsplit(os.environ["DATABASE_URL"])
SECRET_KEY = "bench-only-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "config.urls"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": _db.path.lstrip("/"),
        "USER": _db.username,
        "HOST": _db.hostname,
        "PORT": _db.port,
    }
}
USE_TZ = True
'''


def _django_env(setup: Setup, **extra: str) -> dict[str, str]:
    return child_environment(
        DATABASE_URL=setup.database_url,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(48),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        **extra,
    )


def _django_prepare(bin_dir: Path, postgres: Postgres, base: Path) -> Setup:
    setup = _prepare(bin_dir, postgres, base, "django", "load_django")
    env = _django_env(setup, DJANGO_SETTINGS_MODULE="config.settings.production")
    _run(
        [str(setup.venv / "bin" / "python"), "manage.py", "migrate", "--no-input"],
        setup.project,
        env,
    )
    values = ", ".join(f"('note {n}', 'the body of note {n}', now())" for n in range(ROWS))
    _seed(setup, f"INSERT INTO notes_note (title, body, created_at) VALUES {values}")
    (setup.project / "bare_settings.py").write_text(BARE_DJANGO_SETTINGS, encoding="utf-8")
    return setup


def _django_gunicorn(setup: Setup, workers: int, port: int) -> list[str]:
    """The Dockerfile's server command; the two apps differ in their settings only."""
    return [
        str(setup.venv / "bin" / "gunicorn"),
        "--no-control-socket",
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
    ]


def _django_starter(setup: Setup, workers: int, port: int) -> Command:
    return _django_gunicorn(setup, workers, port), setup.project, _django_env(setup)


def _django_bare(setup: Setup, workers: int, port: int) -> Command:
    env = _django_env(setup, DJANGO_SETTINGS_MODULE="bare_settings")
    return _django_gunicorn(setup, workers, port), setup.project, env


# -------------------------------------------------------------------------------- FastAPI

BARE_FASTAPI = """\
import os
from collections.abc import Iterator

from fastapi import Depends, FastAPI
from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

engine = create_engine(os.environ["DATABASE_URL"])


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    description: Mapped[str]


def get_session() -> Iterator[Session]:
    with Session(engine) as session:
        yield session


app = FastAPI()


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/items")
def items(session: Session = Depends(get_session)) -> list[dict[str, object]]:
    rows = session.scalars(select(Item).order_by(Item.id).limit(100))
    return [{"id": i.id, "name": i.name, "description": i.description} for i in rows]
"""


def _fastapi_env(setup: Setup, **extra: str) -> dict[str, str]:
    """The bare app's: the tutorial's synchronous engine, on psycopg."""
    return child_environment(DATABASE_URL=_sqlalchemy_url(setup.database_url), **extra)


def _fastapi_starter_env(setup: Setup, **extra: str) -> dict[str, str]:
    """The starter's: its async engine, on asyncpg, as its ``.env.example`` names it."""
    url = setup.database_url.replace("postgresql://", "postgresql+asyncpg://", 1)
    return child_environment(DATABASE_URL=url, **extra)


def _fastapi_prepare(bin_dir: Path, postgres: Postgres, base: Path) -> Setup:
    setup = _prepare(bin_dir, postgres, base, "fastapi", "load_fastapi")
    alembic = [str(setup.venv / "bin" / "alembic"), "upgrade", "head"]
    _run(alembic, setup.project, _fastapi_starter_env(setup))
    # The bare app's driver: the starter has none of its own for synchronous SQLAlchemy.
    pip = [str(setup.venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check"]
    _run([*pip, "psycopg[binary]>=3.3"], setup.project)
    values = ", ".join(f"('item {n}', 'a description of item {n}')" for n in range(ROWS))
    _seed(setup, f"INSERT INTO items (name, description) VALUES {values}")
    (base / "bare_fastapi.py").write_text(BARE_FASTAPI, encoding="utf-8")
    return setup


def _gunicorn_uvicorn(setup: Setup, app: str, workers: int, port: int) -> list[str]:
    """The FastAPI starter's Dockerfile command, on this port and worker count."""
    return [
        str(setup.venv / "bin" / "gunicorn"),
        "--no-control-socket",
        app,
        "--worker-class",
        "uvicorn_worker.UvicornWorker",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
    ]


def _fastapi_starter(setup: Setup, workers: int, port: int) -> Command:
    argv = _gunicorn_uvicorn(setup, "app.main:app", workers, port)
    return argv, setup.project, _fastapi_starter_env(setup, ENVIRONMENT="production")


def _fastapi_bare(setup: Setup, workers: int, port: int) -> Command:
    argv = _gunicorn_uvicorn(setup, "bare_fastapi:app", workers, port)
    return argv, setup.project.parent, _fastapi_env(setup)


APPS: dict[str, AppSpec] = {
    "flask": AppSpec(
        title="Flask",
        paths=("/health", "/items/"),
        prepare=_flask_prepare,
        starter_command=_flask_starter,
        bare_command=_flask_bare,
        describe=lambda w: (
            f'Starter: `gunicorn --no-control-socket "{SLUG}:create_app()"` with its '
            f"`gunicorn.conf.py`, production config, `WEB_CONCURRENCY={w}`. "
            "Bare: a one-file Flask app with Flask-SQLAlchemy's defaults and the same query, "
            f"`gunicorn --workers {w}`."
        ),
        headers={},
    ),
    "django": AppSpec(
        title="Django",
        paths=("/health", "/notes/"),
        prepare=_django_prepare,
        starter_command=_django_starter,
        bare_command=_django_bare,
        describe=lambda w: (
            "Starter: `gunicorn config.wsgi`, as its Dockerfile runs it, with "
            "`config.settings.production` "
            "(persistent, health-checked connections: `CONN_MAX_AGE=600`, `CONN_HEALTH_CHECKS`), "
            f"{w} workers, behind a proxy that says HTTPS (`X-Forwarded-Proto: https`). Bare: the "
            "same views under startproject's default settings (`CONN_MAX_AGE=0`: a new "
            f"connection per request), {w} workers."
        ),
        headers={"X-Forwarded-Proto": "https"},
    ),
    "fastapi": AppSpec(
        title="FastAPI",
        paths=("/health", "/items"),
        prepare=_fastapi_prepare,
        starter_command=_fastapi_starter,
        bare_command=_fastapi_bare,
        describe=lambda w: (
            "Starter: its Dockerfile's `gunicorn app.main:app --worker-class "
            f"uvicorn_worker.UvicornWorker`, `ENVIRONMENT=production`, {w} workers; async "
            "end to end (an `AsyncSession` per request on asyncpg, its pool of 10 + 10 "
            "connections a worker). Bare: a one-file app as FastAPI's SQL tutorial writes it "
            "(a synchronous engine with SQLAlchemy's defaults on psycopg, a session "
            f"dependency, `def` path operations in the thread pool), under the same server, "
            f"{w} workers."
        ),
        headers={},
        goals={
            ("/items", 32): Goal(ratio=1.3, tail=5.0),
        },
    ),
}
