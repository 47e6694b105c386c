{%- from "_flags.j2" import auth with context -%}
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient


{%- if auth %}


def sign_in(client: TestClient, username: str) -> dict[str, str]:
    """A new user's ``Authorization`` header."""
    credentials = {"username": username, "password": "a long password"}
    assert client.post("/users", json=credentials).status_code == 201
    token = client.post("/auth/token", data=credentials).json()["access_token"]
    return {"Authorization": f"Bearer {token}"}
{%- endif %}


@pytest.fixture
def writer(client: TestClient) -> TestClient:
    """A client that may write items{% if auth %}: it sends a signed-in user's token{% else %}: any client may{% endif %}."""
{%- if auth %}
    client.headers.update(sign_in(client, "writer"))
{%- endif %}
    return client


def test_items_are_created_read_updated_and_deleted(writer: TestClient) -> None:
    created = writer.post("/items", json={"name": "Lamp", "description": "Brass"})
    assert created.status_code == 201
    item = created.json()
{%- if auth %}
    writer_id = writer.get("/users/me").json()["id"]
    assert item == {
        "id": item["id"],
        "name": "Lamp",
        "description": "Brass",
        "owner_id": writer_id,
    }
{%- else %}
    assert item == {"id": item["id"], "name": "Lamp", "description": "Brass"}
{%- endif %}

    assert writer.get(f"/items/{item['id']}").json() == item
    assert writer.get("/items").json() == [item]

    updated = writer.patch(f"/items/{item['id']}", json={"name": "Desk lamp"})
    assert updated.status_code == 200
    assert updated.json() == {**item, "name": "Desk lamp"}

    deleted = writer.delete(f"/items/{item['id']}")
    assert deleted.status_code == 204
    assert deleted.content == b""
    assert writer.get(f"/items/{item['id']}").status_code == 404
    assert writer.get("/items").json() == []


def test_a_missing_item_is_404_for_every_method(writer: TestClient) -> None:
    assert writer.get("/items/999").status_code == 404
    assert writer.patch("/items/999", json={"name": "x"}).status_code == 404
    assert writer.delete("/items/999").status_code == 404


def test_invalid_items_are_refused_with_422(writer: TestClient) -> None:
    assert writer.post("/items", json={"name": ""}).status_code == 422
    assert writer.post("/items", json={"name": "x" * 101}).status_code == 422
    item = writer.post("/items", json={"name": "Lamp"}).json()
    assert item["description"] == ""
    refused = writer.patch(f"/items/{item['id']}", json={"name": None})
    assert refused.status_code == 422


def test_many_more_requests_at_once_than_connections_all_succeed(
    writer: TestClient,
) -> None:
    """More requests than threads and connections: without the session dependency's
    limit, threads block on the pool while the connections wait for a thread, and
    requests fail after the pool's 30 s timeout."""
    writer.post("/items", json={"name": "Lamp"})

    def status(_: int) -> int:
        return writer.get("/items").status_code

    with ThreadPoolExecutor(max_workers=200) as pool:
        statuses = list(pool.map(status, range(400)))

    assert statuses == [200] * 400


def test_the_list_pages_with_offset_and_limit(writer: TestClient) -> None:
    for name in ["a", "b", "c"]:
        writer.post("/items", json={"name": name})

    page = writer.get("/items", params={"offset": 1, "limit": 1}).json()

    assert [item["name"] for item in page] == ["b"]
    assert writer.get("/items", params={"limit": 0}).status_code == 422
{%- if auth %}


def test_anyone_reads_but_writing_needs_a_token(writer: TestClient) -> None:
    item = writer.post("/items", json={"name": "Lamp"}).json()
    del writer.headers["Authorization"]

    assert writer.get(f"/items/{item['id']}").json() == item
    assert writer.get("/items").json() == [item]
    assert writer.post("/items", json={"name": "Lamp"}).status_code == 401
    assert writer.patch(f"/items/{item['id']}", json={"name": "x"}).status_code == 401
    assert writer.delete(f"/items/{item['id']}").status_code == 401


def test_only_the_owner_changes_or_deletes_an_item(writer: TestClient) -> None:
    item = writer.post("/items", json={"name": "Lamp"}).json()
    other = sign_in(writer, "other")
    path = f"/items/{item['id']}"

    changed = writer.patch(path, json={"name": "Mine now"}, headers=other)
    deleted = writer.delete(path, headers=other)

    assert changed.status_code == deleted.status_code == 403
    assert changed.json() == {"detail": "Only the item's owner may change it"}
    assert writer.get(path, headers=other).json() == item
    theirs = writer.post("/items", json={"name": "Theirs"}, headers=other).json()
    assert theirs["owner_id"] != item["owner_id"]
    assert writer.delete(path).status_code == 204
{%- else %}


def test_without_accounts_anyone_writes(client: TestClient) -> None:
    """There are no users (auth was not chosen): no request needs a token."""
    item = client.post("/items", json={"name": "Lamp"}).json()

    assert client.patch(f"/items/{item['id']}", json={"name": "x"}).status_code == 200
    assert client.delete(f"/items/{item['id']}").status_code == 204
{%- endif %}
