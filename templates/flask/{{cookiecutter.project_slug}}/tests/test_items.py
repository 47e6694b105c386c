{%- set auth = cookiecutter.auth == "yes" -%}
"""The example resource: create, read, update and delete through the JSON API."""

import pytest
from flask.testing import FlaskClient


@pytest.fixture
def api({% if auth %}logged_in{% else %}client{% endif %}: FlaskClient) -> FlaskClient:
{%- if auth %}
    """The items routes need a logged-in user: a client logged in as one."""
    return logged_in
{%- else %}
    return client
{%- endif %}


def test_an_item_is_created_read_updated_and_deleted(api: FlaskClient) -> None:
    created = api.post("/items/", json={"name": "First", "description": "The first"})
    assert created.status_code == 201
    item = created.get_json()
    assert item == {"id": item["id"], "name": "First", "description": "The first"}
    url = f"/items/{item['id']}"

    assert api.get(url).get_json() == item
    assert api.get("/items/").get_json() == [item]

    updated = api.put(url, json={"name": "Renamed", "description": ""})
    assert updated.status_code == 200
    renamed = {"id": item["id"], "name": "Renamed", "description": ""}
    assert api.get(url).get_json() == renamed

    assert api.delete(url).status_code == 204
    assert api.get(url).status_code == 404
    assert api.get("/items/").get_json() == []


def test_the_description_is_optional(api: FlaskClient) -> None:
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
def test_an_invalid_item_is_refused(api: FlaskClient, body: dict[str, object]) -> None:
    response = api.post("/items/", json=body)

    assert response.status_code == 422
    assert response.get_json()["errors"]
    assert api.get("/items/").get_json() == []


def test_a_body_that_is_not_json_is_refused(api: FlaskClient) -> None:
    response = api.post("/items/", data={"name": "From a form"})

    assert response.status_code == 422
    assert api.get("/items/").get_json() == []


def test_a_missing_item_is_404(api: FlaskClient) -> None:
    assert api.get("/items/999").status_code == 404
    assert api.put("/items/999", json={"name": "Nobody"}).status_code == 404
    assert api.delete("/items/999").status_code == 404
{%- if auth %}


def test_the_items_routes_need_a_logged_in_user(client: FlaskClient) -> None:
    assert client.get("/items/").status_code == 401
    assert client.post("/items/", json={"name": "Sneaky"}).status_code == 401
{%- endif %}
