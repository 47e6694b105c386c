"""The migrations build exactly the tables the models describe."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from app.db import alembic_config
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


def table_names(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())
