import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import CreateModel
from pytest_django import Settings

import config.settings.base
from {{ cookiecutter.project_slug }}.users.models import User

PASSWORD = "a-long-unusual-passphrase"


@pytest.fixture
def real_hashers(settings: Settings) -> None:
    """The hashers every other environment uses (the test settings swap in a fast one)."""
    settings.PASSWORD_HASHERS = config.settings.base.PASSWORD_HASHERS


def test_the_project_uses_its_own_user_model() -> None:
    assert get_user_model() is User


def test_the_first_migration_creates_the_user_model() -> None:
    migration = MigrationLoader(None).get_migration("users", "0001_initial")

    created = [op.name for op in migration.operations if isinstance(op, CreateModel)]

    assert created == ["User"]


@pytest.mark.django_db
def test_passwords_are_stored_hashed() -> None:
    user = User.objects.create_user("ada", password=PASSWORD)

    assert user.password != PASSWORD
    assert user.check_password(PASSWORD)


@pytest.mark.django_db
@pytest.mark.usefixtures("real_hashers")
def test_new_passwords_are_hashed_with_argon2() -> None:
    User.objects.create_user("ada", password=PASSWORD)

    stored = User.objects.get(username="ada").password

    assert stored.startswith("argon2$argon2id$")


@pytest.mark.django_db
@pytest.mark.usefixtures("real_hashers")
def test_an_older_pbkdf2_hash_still_logs_in_and_is_upgraded_to_argon2() -> None:
    # As Django 3.2 made them: its default then, 260,000 iterations.
    older = PBKDF2PasswordHasher().encode(PASSWORD, "older-salt", iterations=260_000)
    User.objects.create(username="ada", password=older)

    assert authenticate(username="ada", password=PASSWORD) is not None
    assert User.objects.get(username="ada").password.startswith("argon2$")
    assert authenticate(username="ada", password="wrong") is None
