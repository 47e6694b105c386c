{%- set auth = cookiecutter.auth == "yes" -%}
"""The admin interface is never open: every page needs a login."""
{% if not auth %}
from collections.abc import Callable, Iterator
{% endif %}
import pytest
from fastapi.testclient import TestClient
{%- if auth %}
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.users import create_user
{%- else %}

from app.config import Settings
from app.main import create_app
{%- endif %}

{%- if auth %}

ADMIN_LOGIN = {"username": "root", "password": "root password"}


@pytest.fixture
def admin_client(client: TestClient, engine: Engine) -> TestClient:
    with Session(engine) as session:
        create_user(session, "root", "root password", superuser=True)
        create_user(session, "mallory", "user password")
    return client


def test_a_superuser_signs_in_and_sees_the_models(admin_client: TestClient) -> None:
    login = admin_client.post("/admin/login", data=ADMIN_LOGIN)

    assert login.status_code == 200
    assert admin_client.get("/admin/item/list").status_code == 200
    assert admin_client.get("/admin/user/list").status_code == 200


def test_a_user_who_is_not_a_superuser_cannot_sign_in(admin_client: TestClient) -> None:
    login = admin_client.post(
        "/admin/login", data={"username": "mallory", "password": "user password"}
    )

    assert login.status_code == 400
    assert_login_required(admin_client)


def test_a_wrong_password_cannot_sign_in(admin_client: TestClient) -> None:
    login = admin_client.post(
        "/admin/login", data={"username": "root", "password": "wrong password"}
    )

    assert login.status_code == 400
    assert_login_required(admin_client)
{%- else %}

PASSWORD = "the admin password for tests"
ADMIN_LOGIN = {"username": "root", "password": PASSWORD}


@pytest.fixture
def admin_client(make_settings: Callable[..., Settings]) -> Iterator[TestClient]:
    app = create_app(make_settings(admin_username="root", admin_password=PASSWORD))
    with TestClient(app) as client:
        yield client


def test_the_admin_account_signs_in_and_sees_the_models(
    admin_client: TestClient,
) -> None:
    login = admin_client.post("/admin/login", data=ADMIN_LOGIN)

    assert login.status_code == 200
    assert admin_client.get("/admin/item/list").status_code == 200


def test_a_wrong_password_or_name_cannot_sign_in(admin_client: TestClient) -> None:
    for username, password in [("root", "wrong"), ("admin", PASSWORD), ("", "")]:
        login = admin_client.post(
            "/admin/login", data={"username": username, "password": password}
        )
        assert login.status_code == 400
    assert_login_required(admin_client)


def test_without_a_password_there_is_no_admin_at_all(client: TestClient) -> None:
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/login").status_code == 404
{%- endif %}


def test_every_admin_page_needs_a_login(admin_client: TestClient) -> None:
    assert_login_required(admin_client)


def test_signing_out_ends_the_session(admin_client: TestClient) -> None:
    admin_client.post("/admin/login", data=ADMIN_LOGIN)
    assert admin_client.get("/admin/", follow_redirects=False).status_code == 200

    admin_client.get("/admin/logout")

    assert_login_required(admin_client)


def assert_login_required(client: TestClient) -> None:
    for path in ["/admin/", "/admin/item/list"]:
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 302, path
        assert response.headers["location"].endswith("/admin/login")
