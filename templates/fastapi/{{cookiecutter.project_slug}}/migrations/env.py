"""Alembic's entry point: applies the migrations to the database the settings name.

``alembic upgrade head`` reads ``DATABASE_URL`` through the settings; ``app.db.migrate``
passes the URL of the app it migrates. The app's engine is async (asyncpg, aiosqlite), so
this is Alembic's asyncio environment: the migrations run on an async connection through
``run_sync``, in an event loop of their own.
"""

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from app.config import get_settings
from app.db import make_engine
from app.log import configure_logging
from app.models import Base

config = context.config
target_metadata = Base.metadata


def database_url() -> str:
    passed = config.attributes.get("database_url")
    if isinstance(passed, str):
        return passed
    settings = get_settings()
    configure_logging(settings.log_level, settings.json_logs)
    return settings.database_url


def run_migrations_offline() -> None:
    """Print the SQL (``alembic upgrade head --sql``) instead of running it."""
    url = database_url()
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        render_as_batch=url.startswith("sqlite"),
    )
    with context.begin_transaction():
        context.run_migrations()


def do_run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite alters a table by copying it; batch mode writes that for us.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_async_migrations() -> None:
    # The app's engine (SQLite enforces foreign keys), disposed of before the event
    # loop closes.
    engine = make_engine(database_url())
    try:
        async with engine.connect() as connection:
            await connection.run_sync(do_run_migrations)
    finally:
        await engine.dispose()


def run_migrations_online() -> None:
    asyncio.run(run_async_migrations())


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
