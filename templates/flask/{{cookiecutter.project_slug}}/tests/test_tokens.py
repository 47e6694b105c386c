"""API tokens: a client that keeps no cookies signs in with POST /auth/token."""

import pytest
from conftest import Account, AppFactory, bearer
from flask import Flask
from flask.testing import FlaskClient

from {{ cookiecutter.project_slug }}.extensions import (
    db,
)
from {{ cookiecutter.project_slug }}.models import (
    find_user,
)


def create(client: FlaskClient, headers: dict[str, str]) -> int:
    """The status of creating an item with these headers."""
    return client.post("/items/", json={"name": "x"}, headers=headers).status_code


def test_a_token_signs_the_client_in(client: FlaskClient, account: Account) -> None:
    response = client.post(
        "/auth/token", json={"email": account.email, "password": account.password}
    )

    assert response.status_code == 200
    body = response.get_json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 3600
    assert "Set-Cookie" not in response.headers
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    made = client.post("/items/", json={"name": "By token"}, headers=headers)
    assert made.status_code == 201


@pytest.mark.parametrize(
    "body",
    [
        {"email": "ada@example.com", "password": "not the password"},
        {"email": "nobody@example.com", "password": "correct horse battery staple"},
    ],
    ids=["wrong-password", "unknown-address"],
)
def test_wrong_credentials_get_no_token(
    client: FlaskClient, account: Account, body: dict[str, str]
) -> None:
    assert client.post("/auth/token", json=body).status_code == 401


@pytest.mark.parametrize(
    "token",
    ["", "not-a-token", "eyJ1c2VyIjoxfQ.forged.signature"],
    ids=["empty", "junk", "forged"],
)
def test_a_bad_token_signs_no_one_in(client: FlaskClient, token: str) -> None:
    headers = {"Authorization": f"Bearer {token}"}

    assert create(client, headers) == 401


def test_a_token_expires(make_app: AppFactory, account: Account) -> None:
    client = make_app(API_TOKEN_MAX_AGE=-1).test_client()
    headers = bearer(client, account)

    assert create(client, headers) == 401


def test_a_new_password_ends_the_old_tokens(
    app: Flask, client: FlaskClient, account: Account
) -> None:
    headers = bearer(client, account)
    with app.app_context():
        user = find_user(account.email)
        assert user is not None
        user.set_password("a brand new password")
        db.session.commit()

    assert create(client, headers) == 401
