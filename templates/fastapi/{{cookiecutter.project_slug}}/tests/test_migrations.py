{%- from "_flags.j2" import pg with context -%}
"""The migrations build exactly the tables the models describe."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fastapi.testclient import TestClient
from sqlalchemy import Connection, inspect
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.db import DatabaseUnavailableError, alembic_config
from app.main import create_app
from app.models import Base
from tests.conftest import Database


def _differences(connection: Connection) -> Any:
    return compare_metadata(MigrationContext.configure(connection), Base.metadata)


def _table_names(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def table_names(session: AsyncSession) -> set[str]:
    """Inspection is synchronous: it runs on the async connection through run_sync."""
    connection = await session.connection()
    return await connection.run_sync(_table_names)


@pytest.mark.anyio
async def test_the_migrations_match_the_models(session: AsyncSession) -> None:
    connection = await session.connection()

    assert await connection.run_sync(_differences) == []


@pytest.mark.anyio
async def test_the_migrations_create_every_table(session: AsyncSession) -> None:
    assert await table_names(session) == {*Base.metadata.tables, "alembic_version"}


def test_the_migrations_downgrade_to_nothing_and_back(
    database_url: str, database: Database
) -> None:
    """Through Alembic's async environment, as ``alembic downgrade`` and ``upgrade`` run."""
    config = alembic_config(database_url)

    command.downgrade(config, "base")
    assert database.run(table_names) <= {"alembic_version"}

    command.upgrade(config, "head")
    assert database.run(table_names) == {*Base.metadata.tables, "alembic_version"}


def test_a_database_out_of_reach_stops_the_start_with_one_line(
    make_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    """Never a silent fall-back, nor a page of traceback: which database, and why."""
{%- if pg %}
    url = "postgresql+asyncpg://postgres:hidden@127.0.0.1:1/nowhere"
{%- else %}
    url = f"sqlite+aiosqlite:///{tmp_path / 'no-such-directory' / 'app.db'}"
{%- endif %}
    app = create_app(make_settings(database_url=url, migrate_on_startup=True))

    with pytest.raises(DatabaseUnavailableError) as raised, TestClient(app):
        pass

    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith("cannot connect to the database ")
{%- if pg %}
    assert "127.0.0.1:1/nowhere" in message
    assert "hidden" not in message
{%- else %}
    assert "no-such-directory" in message
{%- endif %}
