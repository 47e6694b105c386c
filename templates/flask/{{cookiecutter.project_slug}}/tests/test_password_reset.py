{%- set celery = cookiecutter.tasks == "celery" -%}
"""Password reset by e-mail, end to end: the code travels through a real SMTP server
(aiosmtpd, on 127.0.0.1){% if celery %}, sent by a real Celery worker{% endif %}."""

import re
import time
{%- if celery %}
from typing import Any
{%- endif %}

import pytest
from conftest import TIMEOUT, Account, AppFactory, Inbox, MakeAccount
from flask import Flask
from flask.testing import FlaskClient

from {{ cookiecutter.project_slug }}.extensions import (
    db,
)
from {{ cookiecutter.project_slug }}.models import (
    User,
)
from {{ cookiecutter.project_slug }}.password_reset import REQUESTED, reset_token

CODE = re.compile(r"[A-Za-z0-9_.-]{40,}")
NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture
def app(make_app: AppFactory, smtp_server: tuple[Inbox, int]) -> Flask:
    """A testing app whose mail goes to ``smtp_server``."""
    app = make_app(
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=smtp_server[1],
        SMTP_STARTTLS=False,
        MAIL_FROM="accounts@example.com",
    )
    with app.app_context():
        db.create_all()
    return app


@pytest.fixture
def inbox(smtp_server: tuple[Inbox, int]{% if celery %}, celery_worker: Any{% endif %}) -> Inbox:
    """What the SMTP server received{% if celery %}, with a worker sending the mail{% endif %}."""
    return smtp_server[0]


def token_status(client: FlaskClient, email: str, password: str) -> int:
    """The status of asking for an API token with these credentials: 200 if they are right."""
    body = {"email": email, "password": password}
    return client.post("/auth/token", json=body).status_code


def code_from(inbox: Inbox) -> str:
    assert inbox.arrived.wait(TIMEOUT), "no message reached the SMTP server"
    _, sent = inbox.messages[-1]
    text = sent.get_payload(decode=True)
    assert isinstance(text, bytes)
    [code] = [line for line in text.decode().splitlines() if CODE.fullmatch(line)]
    return code


def test_a_reset_code_by_mail_sets_a_new_password_once(
    client: FlaskClient, account: Account, inbox: Inbox
) -> None:
    asked = client.post("/auth/password-reset", json={"email": account.email})

    assert asked.status_code == 202
    assert asked.get_json() == REQUESTED
    code = code_from(inbox)
    envelope, sent = inbox.messages[-1]
    assert envelope.rcpt_tos == [account.email]
    assert sent["From"] == "accounts@example.com"

    body = {"token": code, "password": NEW_PASSWORD}
    changed = client.post("/auth/password-reset/confirm", json=body)

    assert changed.status_code == 200, changed.text
    assert token_status(client, account.email, NEW_PASSWORD) == 200
    assert token_status(client, account.email, account.password) != 200
    again = {"token": code, "password": "yet another passphrase"}
    reused = client.post("/auth/password-reset/confirm", json=again)
    assert reused.status_code == 400
    assert token_status(client, account.email, NEW_PASSWORD) == 200


def test_the_reply_is_the_same_without_an_account(
    client: FlaskClient, make_account: MakeAccount, inbox: Inbox
) -> None:
    make_account("ada@example.com", "correct horse battery staple")

    known = client.post("/auth/password-reset", json={"email": "ada@example.com"})
    unknown = client.post("/auth/password-reset", json={"email": "eve@example.com"})

    assert unknown.status_code == known.status_code
    assert unknown.get_json() == known.get_json()
    code_from(inbox)
    time.sleep(0.5)  # time for a second message, were one sent
    recipients = [envelope.rcpt_tos for envelope, _ in inbox.messages]
    assert recipients == [["ada@example.com"]]


def test_an_expired_code_is_refused(
    app: Flask, client: FlaskClient, account: Account
) -> None:
    with app.app_context():
        user = db.session.scalars(db.select(User)).one()
        code = reset_token(user)
    app.config["PASSWORD_RESET_MAX_AGE"] = -1

    body = {"token": code, "password": NEW_PASSWORD}
    response = client.post("/auth/password-reset/confirm", json=body)

    assert response.status_code == 400
    assert token_status(client, account.email, account.password) == 200


@pytest.mark.parametrize("code", ["", "not-a-code", "x" * 60])
def test_a_forged_code_is_refused(
    client: FlaskClient, account: Account, code: str
) -> None:
    body = {"token": code, "password": NEW_PASSWORD}

    assert client.post("/auth/password-reset/confirm", json=body).status_code == 400
    assert token_status(client, account.email, account.password) == 200


def test_a_short_new_password_is_refused(
    app: Flask, client: FlaskClient, account: Account
) -> None:
    with app.app_context():
        code = reset_token(db.session.scalars(db.select(User)).one())

    body = {"token": code, "password": "short"}
    response = client.post("/auth/password-reset/confirm", json=body)

    assert response.status_code == 422
    assert token_status(client, account.email, account.password) == 200
