{%- from "_flags.j2" import auth with context -%}
"""The example resource: create, read, update and delete through the JSON API.
{%- if auth %}

Anyone reads; a signed-in user creates and owns; only the owner changes and deletes.
{%- else %}

There are no accounts: anyone reads and writes.
{%- endif %}
"""

import pytest
{%- if auth %}
from conftest import Account, MakeAccount, bearer
from flask import Flask
{%- endif %}
from flask.testing import FlaskClient
{%- if auth %}
from werkzeug.test import TestResponse

from {{ cookiecutter.project_slug }}.extensions import (
    db,
)
from {{ cookiecutter.project_slug }}.models import (
    Item,
)


class Api:
    """The test client, sending an API token for one account with every request."""

    def __init__(self, client: FlaskClient, headers: dict[str, str]) -> None:
        self.client = client
        self.headers = headers

    def get(self, url: str) -> TestResponse:
        return self.client.get(url, headers=self.headers)

    def post(self, url: str, **kwargs: object) -> TestResponse:
        return self.client.post(url, headers=self.headers, **kwargs)

    def put(self, url: str, **kwargs: object) -> TestResponse:
        return self.client.put(url, headers=self.headers, **kwargs)

    def delete(self, url: str) -> TestResponse:
        return self.client.delete(url, headers=self.headers)


@pytest.fixture
def api(client: FlaskClient, account: Account) -> Api:
    """A client signed in as ``account`` by an API token."""
    return Api(client, bearer(client, account))


@pytest.fixture
def someone_else(client: FlaskClient, make_account: MakeAccount) -> Api:
    """A client signed in as another account."""
    eve = make_account("eve@example.com", "another password")
    return Api(client, bearer(client, eve))
{%- else %}


@pytest.fixture
def api(client: FlaskClient) -> FlaskClient:
    return client
{%- endif %}


def test_an_item_is_created_read_updated_and_deleted(api: {% if auth %}Api{% else %}FlaskClient{% endif %}) -> None:
    created = api.post("/items/", json={"name": "First", "description": "The first"})
    assert created.status_code == 201
    item = created.get_json()
{%- if auth %}
    assert item == {
        "id": item["id"],
        "name": "First",
        "description": "The first",
        "owner_id": item["owner_id"],
    }
{%- else %}
    assert item == {"id": item["id"], "name": "First", "description": "The first"}
{%- endif %}
    url = f"/items/{item['id']}"

    assert api.get(url).get_json() == item
    assert api.get("/items/").get_json() == [item]

    updated = api.put(url, json={"name": "Renamed", "description": ""})
    assert updated.status_code == 200
    renamed = {**item, "name": "Renamed", "description": ""}
    assert api.get(url).get_json() == renamed

    assert api.delete(url).status_code == 204
    assert api.get(url).status_code == 404
    assert api.get("/items/").get_json() == []


def test_the_description_is_optional(api: {% if auth %}Api{% else %}FlaskClient{% endif %}) -> None:
    created = api.post("/items/", json={"name": "Bare"})

    assert created.status_code == 201
    assert created.get_json()["description"] == ""


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"name": ""},
        {"name": "x" * 101},
        {"name": 42},
        {"name": "Fine", "colour": "unknown field"},
    ],
    ids=["no-name", "empty-name", "long-name", "not-a-string", "unknown-field"],
)
def test_an_invalid_item_is_refused(api: {% if auth %}Api{% else %}FlaskClient{% endif %}, body: dict[str, object]) -> None:
    response = api.post("/items/", json=body)

    assert response.status_code == 422
    assert response.get_json()["errors"]
    assert api.get("/items/").get_json() == []


def test_a_body_that_is_not_json_is_refused(api: {% if auth %}Api{% else %}FlaskClient{% endif %}) -> None:
    response = api.post("/items/", data={"name": "From a form"})

    assert response.status_code == 422
    assert api.get("/items/").get_json() == []


def test_a_missing_item_is_404(api: {% if auth %}Api{% else %}FlaskClient{% endif %}) -> None:
    assert api.get("/items/999").status_code == 404
    assert api.put("/items/999", json={"name": "Nobody"}).status_code == 404
    assert api.delete("/items/999").status_code == 404
{%- if auth %}


def test_anyone_reads_but_only_a_signed_in_user_creates(
    client: FlaskClient, api: Api
) -> None:
    made = api.post("/items/", json={"name": "Public"}).get_json()

    assert client.get("/items/").get_json() == [made]
    assert client.get(f"/items/{made['id']}").get_json() == made
    refused = client.post("/items/", json={"name": "Anonymous"})
    assert refused.status_code == 401
    assert client.get("/items/").get_json() == [made]


def test_the_creator_is_recorded_as_the_owner(
    app: Flask, api: Api, account: Account
) -> None:
    made = api.post("/items/", json={"name": "Mine"}).get_json()

    with app.app_context():
        item = db.session.get(Item, made["id"])
        assert item is not None
        assert item.owner.email == account.email
        assert made["owner_id"] == item.owner.id


def test_only_the_owner_changes_or_deletes_an_item(
    client: FlaskClient, api: Api, someone_else: Api
) -> None:
    made = api.post("/items/", json={"name": "Mine"}).get_json()
    url = f"/items/{made['id']}"

    assert someone_else.put(url, json={"name": "Taken"}).status_code == 403
    assert someone_else.delete(url).status_code == 403
    assert client.put(url, json={"name": "Taken"}).status_code == 401
    assert client.delete(url).status_code == 401
    assert client.get(url).get_json() == made

    assert api.delete(url).status_code == 204


def test_a_session_from_logging_in_works_too(logged_in: FlaskClient) -> None:
    created = logged_in.post("/items/", json={"name": "From a session"})

    assert created.status_code == 201
{%- endif %}
