{%- from "_flags.j2" import auth, realtime with context -%}
"""The admin interface is never open: every page needs a login, and every form a CSRF
token."""

import re
from collections.abc import Callable{% if not auth %}, Iterator{% endif %}

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.main import create_app
from app.models import Item{% if auth %}, User{% endif %}
{%- if auth %}
from app.users import create_user
{%- endif %}
from tests.conftest import Database
{%- if auth %}

ADMIN_LOGIN = {"username": "root", "password": "root password"}


async def add_users(session: AsyncSession) -> None:
    await create_user(session, "root", "root password", superuser=True)
    await create_user(session, "mallory", "user password")


@pytest.fixture
def users(database: Database) -> None:
    database.run(add_users)


@pytest.fixture
def admin_client(client: TestClient, users: None) -> TestClient:
    return client


def admin_app(
    make_settings: Callable[..., Settings],
    base_url: str = "http://testserver",
    **overrides: str,
) -> TestClient:
    return TestClient(create_app(make_settings(**overrides)), base_url=base_url)
{%- else %}

PASSWORD = "the admin password for tests"
ADMIN_LOGIN = {"username": "root", "password": PASSWORD}


def admin_app(
    make_settings: Callable[..., Settings],
    base_url: str = "http://testserver",
    **overrides: str,
) -> TestClient:
    account = {"admin_username": "root", "admin_password": PASSWORD}
    settings = make_settings(**account, **overrides)
    return TestClient(create_app(settings), base_url=base_url)


@pytest.fixture
def admin_client(make_settings: Callable[..., Settings]) -> Iterator[TestClient]:
    with admin_app(make_settings) as client:
        yield client
{%- endif %}


def csrf_token(client: TestClient, path: str = "/admin/login") -> str:
    """The token an admin page gives its scripts, as a browser would read it."""
    page = client.get(path)
    assert page.status_code == 200, path
    found = re.search(r'<meta name="csrf-token" content="([^"]+)">', page.text)
    assert found is not None, page.text
    return found.group(1)


def login(client: TestClient, credentials: dict[str, str]) -> int:
    """Signs in through the login form with its token; the response's status."""
    token = csrf_token(client)
    response = client.post("/admin/login", data={**credentials, "csrf_token": token})
    return response.status_code


async def count_items(session: AsyncSession) -> int:
    return await session.scalar(select(func.count()).select_from(Item)) or 0


async def an_item_id(session: AsyncSession) -> int:
    return (await session.scalars(select(Item.id))).one()
{%- if auth %}


async def root_id(session: AsyncSession) -> int:
    return (await session.scalars(select(User.id).where(User.username == "root"))).one()
{%- endif %}
{%- if auth %}


def test_a_superuser_signs_in_and_sees_the_models(admin_client: TestClient) -> None:
    assert login(admin_client, ADMIN_LOGIN) == 200
    assert admin_client.get("/admin/item/list").status_code == 200
    assert admin_client.get("/admin/user/list").status_code == 200


def test_a_user_who_is_not_a_superuser_cannot_sign_in(admin_client: TestClient) -> None:
    mallory = {"username": "mallory", "password": "user password"}
    assert login(admin_client, mallory) == 400
    assert_login_required(admin_client)


def test_a_wrong_password_cannot_sign_in(admin_client: TestClient) -> None:
    wrong = {"username": "root", "password": "wrong password"}
    assert login(admin_client, wrong) == 400
    assert_login_required(admin_client)
{%- else %}


def test_the_admin_account_signs_in_and_sees_the_models(
    admin_client: TestClient,
) -> None:
    assert login(admin_client, ADMIN_LOGIN) == 200
    assert admin_client.get("/admin/item/list").status_code == 200


def test_a_wrong_password_or_name_cannot_sign_in(admin_client: TestClient) -> None:
    for username, password in [("root", "wrong"), ("admin", PASSWORD), ("", "")]:
        assert login(admin_client, {"username": username, "password": password}) == 400
    assert_login_required(admin_client)


def test_without_a_password_there_is_no_admin_at_all(client: TestClient) -> None:
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/login").status_code == 404
{%- endif %}


def test_every_admin_page_needs_a_login(admin_client: TestClient) -> None:
    assert_login_required(admin_client)


def test_signing_out_ends_the_session(admin_client: TestClient) -> None:
    login(admin_client, ADMIN_LOGIN)
    assert admin_client.get("/admin/", follow_redirects=False).status_code == 200

    admin_client.get("/admin/logout")

    assert_login_required(admin_client)


def test_the_login_form_refuses_a_post_without_the_csrf_token(
    admin_client: TestClient,
) -> None:
    """Another site's page could otherwise sign the browser in to an account of its
    choosing."""
    csrf_token(admin_client)

    for token in [None, "a guess"]:
        data = {**ADMIN_LOGIN, **({"csrf_token": token} if token else {})}
        refused = admin_client.post("/admin/login", data=data)
        assert refused.status_code == 403
        assert refused.text == "CSRF token missing or invalid"
    assert_login_required(admin_client)


def test_the_admin_forms_refuse_posts_without_the_csrf_token(
    admin_client: TestClient, database: Database
) -> None:
    login(admin_client, ADMIN_LOGIN)
    token = csrf_token(admin_client, "/admin/item/create")
    form = {"name": "Lamp", "description": "Brass"}
{%- if auth %}
    form["owner"] = str(database.run(root_id))
{%- endif %}

    without = admin_client.post("/admin/item/create", data=form, follow_redirects=False)
    forged = admin_client.post(
        "/admin/item/create",
        data={**form, "csrf_token": "x" * 43},
        follow_redirects=False,
    )
    assert without.status_code == forged.status_code == 403
    assert database.run(count_items) == 0

    created = admin_client.post(
        "/admin/item/create",
        data={**form, "csrf_token": token},
        follow_redirects=False,
    )
    assert created.status_code == 302
    assert database.run(count_items) == 1

    delete = f"/admin/item/delete?pks={database.run(an_item_id)}"
    assert admin_client.delete(delete).status_code == 403
    assert database.run(count_items) == 1
    deleted = admin_client.delete(delete, headers={"X-CSRF-Token": token})
    assert deleted.status_code == 200
    assert database.run(count_items) == 0


def test_the_admin_pages_load_the_script_that_sends_the_token(
    admin_client: TestClient,
) -> None:
    page = admin_client.get("/admin/login")
    script = admin_client.get("/static/admin.js")

    assert '<script src="http://testserver/static/admin.js"></script>' in page.text
    assert script.status_code == 200
    assert "X-CSRF-Token" in script.text
    assert "csrf_token" in script.text


def test_the_admin_pages_have_no_inline_script(admin_client: TestClient) -> None:
    """The Content-Security-Policy refuses inline scripts: the admin's own are files."""
    login(admin_client, ADMIN_LOGIN)

    for path in ["/admin/login", "/admin/", "/admin/item/list", "/admin/item/create"]:
        page = admin_client.get(path)
        assert page.headers["content-security-policy"].startswith("default-src 'self'")
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page.text) == [], path


def test_the_session_cookie_is_secure_in_production(
    make_settings: Callable[..., Settings],{% if auth %} users: None{% endif %}
) -> None:
    """Production is served over HTTPS; the cookie must never travel without it."""
{%- if realtime and cookiecutter.email == "yes" %}
    overrides = {
        "environment": "production",
        "allowed_hosts": "testserver",
        "smtp_host": "mail.example",
    }
{%- else %}
    overrides = {"environment": "production"{% if realtime %}, "allowed_hosts": "testserver"{% endif %}{% if cookiecutter.email == "yes" %}, "smtp_host": "mail.example"{% endif %}}
{%- endif %}
    with admin_app(make_settings, "https://testserver", **overrides) as client:
        token = csrf_token(client)
        login = client.post(
            "/admin/login",
            data={**ADMIN_LOGIN, "csrf_token": token},
            follow_redirects=False,
        )

    assert login.status_code == 302
    cookie = login.headers["set-cookie"].lower()
    assert "; secure" in cookie
    assert "; httponly" in cookie


def assert_login_required(client: TestClient) -> None:
    for path in ["/admin/", "/admin/item/list"]:
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 302, path
        assert response.headers["location"].endswith("/admin/login")
