{%- from "_flags.j2" import sqlite with context -%}
"""The database engine and sessions (SQLAlchemy's asyncio extension), and the migrations
runner."""

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

#: The project root: pyproject.toml holds Alembic's configuration.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: Connections each worker process keeps open, and may open beyond that under load. An
#: async worker has as many requests reading at once as it has clients, so the pool keeps
#: enough open that a busy worker does not close and reopen them; requests beyond
#: POOL_SIZE + MAX_OVERFLOW wait for a connection without holding anything else.
#: PostgreSQL allows 100 connections by default: mind WEB_CONCURRENCY x the two.
POOL_SIZE = 10
MAX_OVERFLOW = 10
#: Seconds after which a pooled connection is replaced, before servers and proxies drop
#: idle ones. Connections are not pinged before each use, which would cost a round trip
#: per request: one the database dropped fails one request, and the pool then replaces
#: all of its connections.
POOL_RECYCLE = 1800


def make_engine(database_url: str) -> AsyncEngine:
    engine = create_async_engine(
        database_url,
        pool_size=POOL_SIZE,
        max_overflow=MAX_OVERFLOW,
        pool_recycle=POOL_RECYCLE,
    )
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _enforce_foreign_keys)
    return engine


def _enforce_foreign_keys(connection: Any, _: Any) -> None:
    """SQLite checks foreign keys (and cascades deletes) only when each connection asks."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # Attributes stay loaded after a commit: reading an expired one would mean I/O that
    # an async session cannot do implicitly.
    return async_sessionmaker(engine, expire_on_commit=False)


def alembic_config(database_url: str) -> Config:
    """Alembic's configuration (from pyproject.toml), aimed at ``database_url``."""
    config = Config(toml_file=PROJECT_ROOT / "pyproject.toml")
    config.attributes["database_url"] = database_url
    return config


class DatabaseUnavailableError(RuntimeError):
    """The database cannot be reached; the message is one line that says where."""


def migrate(database_url: str) -> None:
    """Upgrade the database to the latest revision, as ``alembic upgrade head`` does.

    Alembic's environment runs its own event loop: call this from a thread (or a
    process) that is not running one."""
{%- if sqlite %}
    url = make_url(database_url)
    directory = Path(url.database or "").parent
    if url.database not in (None, "", ":memory:") and not directory.is_dir():
        # Said before aiosqlite's thread meets it: SQLite says only "unable to open
        # database file", and the thread outlives the event loop it would tell.
        where = url.render_as_string(hide_password=True)
        raise DatabaseUnavailableError(
            f"cannot connect to the database {where}: "
            f"the directory {directory} does not exist"
        )
{%- endif %}
    try:
        command.upgrade(alembic_config(database_url), "head")
    except (OperationalError, OSError) as error:
        raise DatabaseUnavailableError(unreachable(database_url, error)) from None


def unreachable(database_url: str, error: OperationalError | OSError) -> str:
    """One line: which database (its password hidden) and the driver's first line.

    asyncpg raises ``OSError`` itself when nothing listens at the address; SQLAlchemy
    wraps what the drivers raise once connected in ``OperationalError``."""
    where = make_url(database_url).render_as_string(hide_password=True)
    cause = error.orig if isinstance(error, OperationalError) and error.orig else error
    lines = str(cause).strip().splitlines()
    reason = lines[0] if lines else type(cause).__name__
    return f"cannot connect to the database {where}: {reason}"
