{%- from "_flags.j2" import pg with context -%}
"""The migrations build exactly the tables the models describe."""

from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fastapi.testclient import TestClient
from sqlalchemy import Engine, inspect

from app.config import Settings
from app.db import DatabaseUnavailableError, alembic_config
from app.main import create_app
from app.models import Base


def test_the_migrations_match_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = compare_metadata(context, Base.metadata)

    assert differences == []


def test_the_migrations_create_every_table(engine: Engine) -> None:
    assert table_names(engine) == {*Base.metadata.tables, "alembic_version"}


def test_the_migrations_downgrade_to_nothing_and_back(
    database_url: str, engine: Engine
) -> None:
    config = alembic_config(database_url)

    command.downgrade(config, "base")
    assert table_names(engine) <= {"alembic_version"}

    command.upgrade(config, "head")
    assert table_names(engine) == {*Base.metadata.tables, "alembic_version"}


def test_a_database_out_of_reach_stops_the_start_with_one_line(
    make_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    """Never a silent fall-back, nor a page of traceback: which database, and why."""
{%- if pg %}
    url = "postgresql+psycopg://postgres:hidden@127.0.0.1:1/nowhere"
{%- else %}
    url = f"sqlite:///{tmp_path / 'no-such-directory' / 'app.db'}"
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


def table_names(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())
