"""The committed migrations build exactly the schema the models declare."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from conftest import AppFactory
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from {{ cookiecutter.project_slug }}.extensions import (
    db,
)

MIGRATIONS = str(Path(__file__).resolve().parents[1] / "migrations")
COMPARE = {"compare_type": True}


def test_the_migrations_match_the_models(make_app: AppFactory) -> None:
    with make_app().app_context():
        upgrade(directory=MIGRATIONS)
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts=COMPARE)
            differences = compare_metadata(context, db.metadata)

    assert differences == [], "run `flask db migrate` and review the new migration"


def test_the_migrations_can_be_undone(make_app: AppFactory) -> None:
    with make_app().app_context():
        upgrade(directory=MIGRATIONS)
        downgrade(directory=MIGRATIONS, revision="base")
        tables = set(inspect(db.engine).get_table_names())

    assert tables <= {"alembic_version"}
