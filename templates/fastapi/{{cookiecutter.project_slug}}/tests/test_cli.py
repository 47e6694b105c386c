{%- from "_flags.j2" import admin with context -%}
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.cli import main
from app.config import Settings
from app.models import User
from app.users import authenticate{% if admin %}, get_by_username{% endif %}
from tests.conftest import Database


async def sign_in_carol(session: AsyncSession) -> User | None:
    return await authenticate(session, "carol", "a long password")


def test_create_user_adds_a_user_who_can_sign_in(
    settings: Settings, database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        ["create-user", "carol"], settings=settings, password=lambda: "a long password"
    )

    assert status == 0
    assert "Created user 'carol'" in capsys.readouterr().out
    user = database.run(sign_in_carol)
    assert user is not None
{%- if admin %}
    assert not user.is_superuser
{%- endif %}


def test_create_user_refuses_a_taken_name_and_a_short_password(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    def create(name: str, password: str) -> int:
        return main(["create-user", name], settings=settings, password=lambda: password)

    assert create("dave", "long enough") == 0

    assert create("dave", "long enough") == 1
    assert "already a user named 'dave'" in capsys.readouterr().err
    assert create("erin", "short") == 1
    assert "at least 8 characters" in capsys.readouterr().err
{%- if admin %}


def test_create_user_makes_superusers(settings: Settings, database: Database) -> None:
    status = main(
        ["create-user", "root", "--superuser"],
        settings=settings,
        password=lambda: "a long password",
    )

    assert status == 0
    user = database.run(lambda session: get_by_username(session, "root"))
    assert user is not None and user.is_superuser
{%- endif %}
