import pytest
from django.contrib.auth import get_user_model
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import CreateModel

from {{ cookiecutter.project_slug }}.users.models import User


def test_the_project_uses_its_own_user_model() -> None:
    assert get_user_model() is User


def test_the_first_migration_creates_the_user_model() -> None:
    migration = MigrationLoader(None).get_migration("users", "0001_initial")

    created = [op.name for op in migration.operations if isinstance(op, CreateModel)]

    assert created == ["User"]


@pytest.mark.django_db
def test_passwords_are_stored_hashed() -> None:
    user = User.objects.create_user("ada", password="a-long-unusual-passphrase")

    assert user.password != "a-long-unusual-passphrase"
    assert user.check_password("a-long-unusual-passphrase")
