"""The database engine and sessions, and the migrations runner."""

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

#: The project root: pyproject.toml holds Alembic's configuration.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: Connections each process keeps open, and may open beyond that under load.
POOL_SIZE = 5
MAX_OVERFLOW = 10
#: Sessions that can hold a connection at once: the session dependency admits no more.
MAX_SESSIONS = POOL_SIZE + MAX_OVERFLOW
#: Seconds after which a pooled connection is replaced, before servers and proxies drop
#: idle ones. Connections are not pinged before each use, which would cost a round trip
#: per request: one the database dropped fails one request, and the pool then replaces
#: all of its connections.
POOL_RECYCLE = 1800


def make_engine(database_url: str) -> Engine:
    sqlite = database_url.startswith("sqlite")
    engine = create_engine(
        database_url,
        # SQLite: sessions are used in the worker threads that run the path operations.
        connect_args={"check_same_thread": False} if sqlite else {},
        pool_size=POOL_SIZE,
        max_overflow=MAX_OVERFLOW,
        pool_recycle=POOL_RECYCLE,
    )
    if sqlite:
        event.listen(engine, "connect", _enforce_foreign_keys)
    return engine


def _enforce_foreign_keys(connection: Any, _: Any) -> None:
    """SQLite checks foreign keys (and cascades deletes) only when each connection asks."""
    connection.execute("PRAGMA foreign_keys=ON")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(database_url: str) -> Config:
    """Alembic's configuration (from pyproject.toml), aimed at ``database_url``."""
    config = Config(toml_file=PROJECT_ROOT / "pyproject.toml")
    config.attributes["database_url"] = database_url
    return config


class DatabaseUnavailableError(RuntimeError):
    """The database cannot be reached; the message is one line that says where."""


def migrate(database_url: str) -> None:
    """Upgrade the database to the latest revision, as ``alembic upgrade head`` does."""
    try:
        command.upgrade(alembic_config(database_url), "head")
    except OperationalError as error:
        raise DatabaseUnavailableError(unreachable(database_url, error)) from None


def unreachable(database_url: str, error: OperationalError) -> str:
    """One line: which database (its password hidden) and the driver's first line."""
    where = make_url(database_url).render_as_string(hide_password=True)
    reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
    return f"cannot connect to the database {where}: {reason}"
