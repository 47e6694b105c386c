{%- from "_flags.j2" import auth with context -%}
{%- set login_page = auth and cookiecutter.html == "yes" -%}
"""The admin is for administrators only, and its forms need their CSRF token."""

{% if not login_page -%}
import base64

{% endif -%}

import pytest
{%- if login_page %}
from conftest import Account, LogIn, csp_problems, csrf_token_in
{%- elif auth %}
from conftest import Account, csp_problems, csrf_token_in
{%- else %}
from conftest import AppFactory, csp_problems, csrf_token_in
{%- endif %}
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from {{ cookiecutter.project_slug }}.extensions import (
    db,
)
from {{ cookiecutter.project_slug }}.models import (
    Item,
{%- if auth %}
    User,
{%- endif %}
)

{%- if not auth %}

PASSWORD = "the admin password"
{%- endif %}
{%- if not login_page %}


def basic(username: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def basic_client(app: Flask, username: str, password: str) -> FlaskClient:
    """A test client that sends ``username`` and ``password`` (HTTP Basic) on every request."""
    client = app.test_client()
    header = basic(username, password)["Authorization"]
    client.environ_base["HTTP_AUTHORIZATION"] = header
    return client
{%- endif %}
{%- if auth %}


@pytest.fixture
def administrator(app: Flask) -> Account:
    """An administrator's account, made as the README says: ``flask create-admin``."""
    account = Account("root@example.com", "the administrator's password")
    answers = f"{account.password}\n{account.password}\n"
    cli = app.test_cli_runner()
    done = cli.invoke(args=["create-admin", account.email], input=answers)
    assert done.exit_code == 0, done.output
    return account
{%- if login_page %}


@pytest.fixture
def admin_client(
    client: FlaskClient, administrator: Account, log_in: LogIn
) -> FlaskClient:
    assert log_in(administrator.email, administrator.password).status_code == 302
    return client
{%- else %}


@pytest.fixture
def admin_client(app: Flask, administrator: Account) -> FlaskClient:
    return basic_client(app, administrator.email, administrator.password)
{%- endif %}


def test_create_admin_makes_one(app: Flask, administrator: Account) -> None:
    with app.app_context():
        user = db.session.scalars(select(User)).one()
    assert (user.email, user.is_admin) == (administrator.email, True)
    assert user.check_password(administrator.password)
{%- if login_page %}


def test_visitors_are_sent_to_log_in(client: FlaskClient) -> None:
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=")
{%- else %}


def test_visitors_are_asked_for_a_password(
    client: FlaskClient, administrator: Account
) -> None:
    response = client.get("/admin/")
    wrong = client.get("/admin/", headers=basic(administrator.email, "not it"))

    assert response.status_code == wrong.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Basic")
{%- endif %}


def test_users_who_are_not_administrators_are_refused(logged_in: FlaskClient) -> None:
    assert logged_in.get("/admin/").status_code == 403
    assert logged_in.get("/admin/item/").status_code == 403
{%- else %}


@pytest.fixture
def admin_client(make_app: AppFactory) -> FlaskClient:
    app = make_app(ADMIN_PASSWORD=PASSWORD)
    with app.app_context():
        db.create_all()
    return basic_client(app, "admin", PASSWORD)


def test_without_admin_password_the_admin_is_closed(make_app: AppFactory) -> None:
    client = make_app(ADMIN_PASSWORD="").test_client()

    assert client.get("/admin/").status_code == 401
    assert client.get("/admin/", headers=basic("admin", "")).status_code == 401
    assert client.get("/admin/item/", headers=basic("admin", "x")).status_code == 401


def test_a_wrong_password_is_refused(make_app: AppFactory) -> None:
    client = make_app(ADMIN_PASSWORD=PASSWORD).test_client()

    response = client.get("/admin/", headers=basic("admin", "not the password"))

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Basic")
    assert client.get("/admin/", headers=basic("someone", PASSWORD)).status_code == 401
{%- endif %}


def test_administrators_see_the_models(admin_client: FlaskClient) -> None:
    assert admin_client.get("/admin/").status_code == 200
    assert admin_client.get("/admin/item/").status_code == 200
{%- if auth %}
    assert admin_client.get("/admin/user/").status_code == 200
{%- endif %}


def test_the_admin_keeps_to_its_content_security_policy(
    admin_client: FlaskClient,
) -> None:
    """Flask-Admin's inline scripts carry the nonce, its event handlers are allowed by
    hash, and nothing else inline runs."""
    token = csrf_token_in(admin_client.get("/admin/item/new/"))
    made = {"name": "Listed", "description": "", "csrf_token": token}
    assert admin_client.post("/admin/item/new/", data=made).status_code == 302
    listing = admin_client.get("/admin/item/").get_data(as_text=True)
    assert "onclick=" in listing  # the delete button's confirmation, among others

    pages = ["/admin/", "/admin/item/", "/admin/item/new/", "/admin/item/edit/?id=1"]
    for path in pages:
        assert csp_problems(admin_client, path) == []


def test_admin_forms_need_their_csrf_token(admin_client: FlaskClient) -> None:
    forged = {"name": "Forged", "description": ""}
    refused = admin_client.post("/admin/item/new/", data=forged)
    token = csrf_token_in(admin_client.get("/admin/item/new/"))
    made = {"name": "Made", "description": "", "csrf_token": token}
    accepted = admin_client.post("/admin/item/new/", data=made)

    assert refused.status_code == 200
    assert accepted.status_code == 302
    with admin_client.application.app_context():
        assert db.session.scalar(select(func.count()).select_from(Item)) == 1
        assert db.session.scalars(select(Item.name)).one() == "Made"
