{%- set html = cookiecutter.html == "yes" -%}
{%- if html -%}
"""Accounts through the HTML forms: register, log in, log out; CSRF and protected routes."""
{%- else -%}
"""Accounts through the JSON API: register, log in, log out; passwords, protected routes."""
{%- endif %}

import pytest
from conftest import Account, LogIn{% if html %}, csrf_token_in{% endif %}
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.security import check_password_hash

from {{ cookiecutter.project_slug }} import (
    models,
)
from {{ cookiecutter.project_slug }}.extensions import (
    db,
)
from {{ cookiecutter.project_slug }}.models import (
    User,
)
{%- if not html %}

PROTECTED = "/auth/me"
{%- endif %}

PASSWORD = "a long enough password"


def signed_in(client: FlaskClient) -> bool:
    """Whether the client's session is logged in{% if html %}: the pages then offer to log out{% endif %}."""
{%- if html %}
    return "Log out" in client.get("/").get_data(as_text=True)
{%- else %}
    return client.get(PROTECTED).status_code == 200
{%- endif %}
{%- if html %}


def register(client: FlaskClient, email: str, password: str, confirm: str) -> int:
    token = csrf_token_in(client.get("/auth/register"))
    data = {"email": email, "password": password, "confirm": confirm}
    return client.post("/auth/register", data={**data, "csrf_token": token}).status_code


def test_registering_makes_an_account(app: Flask, client: FlaskClient) -> None:
    assert register(client, "Grace@Example.com", PASSWORD, PASSWORD) == 302

    assert signed_in(client)
    with app.app_context():
        user = db.session.scalars(select(User)).one()
    assert user.email == "grace@example.com"
    assert user.password_hash.startswith("scrypt:")
    assert user.check_password(PASSWORD)


def test_an_address_registers_once(client: FlaskClient, account: Account) -> None:
    assert register(client, account.email.upper(), PASSWORD, PASSWORD) == 200

    assert not signed_in(client)


@pytest.mark.parametrize(
    ("password", "confirm"), [("short", "short"), (PASSWORD, "a different one")]
)
def test_a_weak_or_mistyped_password_is_refused(
    client: FlaskClient, password: str, confirm: str
) -> None:
    assert register(client, "new@example.com", password, confirm) == 200

    assert not signed_in(client)
{%- else %}


def test_registering_makes_an_account(app: Flask, client: FlaskClient) -> None:
    body = {"email": "Grace@Example.com", "password": PASSWORD}
    response = client.post("/auth/register", json=body)

    assert response.status_code == 201
    assert client.get(PROTECTED).get_json() == response.get_json()
    with app.app_context():
        user = db.session.scalars(select(User)).one()
    assert user.email == "grace@example.com"
    assert user.password_hash.startswith("scrypt:")
    assert user.check_password(PASSWORD)


def test_an_address_registers_once(client: FlaskClient, account: Account) -> None:
    body = {"email": account.email.upper(), "password": PASSWORD}

    assert client.post("/auth/register", json=body).status_code == 409
    assert not signed_in(client)


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"email": "not an address", "password": PASSWORD},
        {"email": "new@example.com", "password": "short"},
    ],
    ids=["empty", "bad-address", "short-password"],
)
def test_invalid_details_are_refused(client: FlaskClient, body: dict[str, str]) -> None:
    response = client.post("/auth/register", json=body)

    assert response.status_code == 422
    assert response.get_json()["errors"]
{%- endif %}


def test_the_right_password_logs_in(
    client: FlaskClient, account: Account, log_in: LogIn
) -> None:
    response = log_in(account.email, account.password)
{% if html %}
    assert response.status_code == 302
    assert signed_in(client)
{%- else %}
    assert response.status_code == 200
    assert client.get(PROTECTED).get_json()["email"] == account.email
{%- endif %}


def test_a_wrong_password_does_not_log_in(
    client: FlaskClient, account: Account, log_in: LogIn
) -> None:
    response = log_in(account.email, "not the password")

    assert response.status_code == 401
{%- if html %}
    assert "Wrong e-mail address or password." in response.text
{%- endif %}
    assert not signed_in(client)


def test_an_unknown_address_costs_one_password_check_as_a_wrong_password_does(
    client: FlaskClient,
    account: Account,
    log_in: LogIn,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Otherwise the answer to an unknown address comes sooner, telling it has no account."""
    checks: list[str] = []

    def counted(pwhash: str, password: str) -> bool:
        checks.append(pwhash)
        return check_password_hash(pwhash, password)

    monkeypatch.setattr(models, "check_password_hash", counted)

    assert log_in("nobody@example.com", PASSWORD).status_code == 401
    assert len(checks) == 1
    assert log_in(account.email, "not the password").status_code == 401
    assert len(checks) == 2
    # The same method and cost, so the same time.
    assert checks[0].split("$")[0] == checks[1].split("$")[0]


def test_an_unknown_account_does_not_log_in(client: FlaskClient, log_in: LogIn) -> None:
    assert log_in("nobody@example.com", PASSWORD).status_code == 401
    assert not signed_in(client)


def test_a_form_from_another_site_cannot_log_in(
    client: FlaskClient, account: Account
) -> None:
    # Another site's form can post the fields, but {% if html %}not this site's CSRF token{% else %}not as JSON{% endif %}.
    data = {"email": account.email, "password": account.password}

    assert client.post("/auth/login", data=data).status_code == {% if html %}200{% else %}422{% endif %}
    assert not signed_in(client)
{%- if html %}


def test_logging_out_needs_the_csrf_token(logged_in: FlaskClient) -> None:
    assert logged_in.post("/auth/logout").status_code == 400
    assert signed_in(logged_in)

    token = csrf_token_in(logged_in.get("/"))
    assert logged_in.post("/auth/logout", data={"csrf_token": token}).status_code == 302
    assert not signed_in(logged_in)


@pytest.mark.parametrize(
    ("next_page", "destination"),
    [
        ("/items/", "/items/"),
        ("https://elsewhere.example/", "/"),
        ("//elsewhere.example/", "/"),
        ("/\\\\elsewhere.example/", "/"),
    ],
)
def test_after_logging_in_only_pages_of_this_site_are_followed(
    client: FlaskClient, account: Account, next_page: str, destination: str
) -> None:
    token = csrf_token_in(client.get("/auth/login"))
    data = {"email": account.email, "password": account.password, "csrf_token": token}

    response = client.post("/auth/login", query_string={"next": next_page}, data=data)

    assert response.status_code == 302
    assert response.headers["Location"] == destination
{%- else %}


def test_logging_out_ends_the_session(logged_in: FlaskClient) -> None:
    assert signed_in(logged_in)

    assert logged_in.post("/auth/logout").status_code == 204
    assert not signed_in(logged_in)
{%- endif %}
