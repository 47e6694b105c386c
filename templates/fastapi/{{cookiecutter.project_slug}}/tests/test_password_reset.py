{%- from "_flags.j2" import celery with context -%}
"""Password reset by e-mail, end to end: the token travels through a real SMTP server on
127.0.0.1 (aiosmtpd){% if celery %}, sent by a Celery task that a real worker runs{% endif %}."""

import re
from collections.abc import Iterator
from datetime import timedelta
{%- if celery %}
from typing import Any
{%- endif %}

import pytest
from fastapi.testclient import TestClient

from app.api.password_reset import REQUESTED
from app.config import Settings
from app.main import create_app
from app.security import create_access_token
from tests.conftest import Inbox, SettingsFactory

ACCOUNT = {
    "username": "ada",
    "password": "the old password",
    "email": "Ada@Example.com",
}
#: A JWT, on a line of its own in the message.
TOKEN = re.compile(r"\bey[\w-]+\.[\w-]+\.[\w-]+")


@pytest.fixture
def settings(
    make_settings: SettingsFactory, smtp_server: tuple[Inbox, int]
) -> Settings:
    """The app's settings, its mail going to the test's SMTP server."""
    return make_settings(
        smtp_host="127.0.0.1",
        smtp_port=smtp_server[1],
        smtp_starttls=False,
        mail_from="shop@example.com",
    )


@pytest.fixture
def client(client: TestClient{% if celery %}, celery_worker: Any{% endif %}) -> Iterator[TestClient]:
    assert client.post("/users", json=ACCOUNT).status_code == 201
    yield client


def log_in(client: TestClient, password: str) -> int:
    form = {"username": ACCOUNT["username"], "password": password}
    return client.post("/auth/token", data=form).status_code


def mailed_token(client: TestClient, inbox: Inbox, address: str) -> str:
    response = client.post("/auth/password-reset", json={"email": address})
    assert response.status_code == 202
    assert response.json() == REQUESTED
    message = inbox.wait()
    assert message["To"] == "ada@example.com"
    assert message["From"] == "shop@example.com"
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    [token] = TOKEN.findall(body.decode())
    return str(token)


def test_a_mailed_token_sets_a_new_password_once(
    client: TestClient, smtp_server: tuple[Inbox, int]
) -> None:
    token = mailed_token(client, smtp_server[0], "ADA@example.com ")
    new = {"token": token, "password": "the new password"}

    assert client.post("/auth/password-reset/confirm", json=new).status_code == 200
    assert log_in(client, "the new password") == 200
    assert log_in(client, "the old password") == 401
    again = client.post("/auth/password-reset/confirm", json=new)
    assert again.status_code == 400
    assert again.json() == {
        "detail": "The reset token is invalid, expired or already used"
    }


def test_an_unknown_address_gets_the_same_reply_and_no_mail(
    client: TestClient, smtp_server: tuple[Inbox, int]
) -> None:
    response = client.post("/auth/password-reset", json={"email": "nobody@example.com"})

    assert response.status_code == 202
    assert response.json() == REQUESTED
    assert not smtp_server[0].arrived.wait(1)


def test_an_expired_token_is_refused(
    smtp_server: tuple[Inbox, int], settings: Settings{% if celery %}, celery_worker: Any{% endif %}
) -> None:
    expired = settings.model_copy(update={"password_reset_max_age": -1})
    with TestClient(create_app(expired)) as client:
        assert client.post("/users", json=ACCOUNT).status_code == 201
        token = mailed_token(client, smtp_server[0], "ada@example.com")
        new = {"token": token, "password": "the new password"}

        assert client.post("/auth/password-reset/confirm", json=new).status_code == 400
        assert log_in(client, "the old password") == 200


def test_an_access_token_is_no_reset_token(
    client: TestClient, settings: Settings
) -> None:
    access = create_access_token("1", settings, timedelta(minutes=5))
    new = {"token": access, "password": "the new password"}

    assert client.post("/auth/password-reset/confirm", json=new).status_code == 400
    assert log_in(client, "the old password") == 200
