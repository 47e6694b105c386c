{%- from "_flags.j2" import auth with context -%}
"""The items API from async tests: the app reads and writes on the test's event loop."""

import threading

import anyio
import pytest
from fastapi import FastAPI
from httpx2 import AsyncClient
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db import MAX_OVERFLOW, POOL_SIZE

pytestmark = pytest.mark.anyio
{%- if auth %}


async def sign_in(client: AsyncClient, username: str) -> dict[str, str]:
    """A new user's ``Authorization`` header."""
    credentials = {"username": username, "password": "a long password"}
    assert (await client.post("/users", json=credentials)).status_code == 201
    response = await client.post("/auth/token", data=credentials)
    return {"Authorization": f"Bearer {response.json()['access_token']}"}
{%- endif %}


@pytest.fixture
async def writer(async_client: AsyncClient) -> AsyncClient:
    """A client that may write items{% if auth %}: it sends a signed-in user's token{% else %}: any client may{% endif %}."""
{%- if auth %}
    async_client.headers.update(await sign_in(async_client, "writer"))
{%- endif %}
    return async_client


async def test_items_are_created_read_updated_and_deleted(writer: AsyncClient) -> None:
    created = await writer.post("/items", json={"name": "Lamp", "description": "Brass"})
    assert created.status_code == 201
    item = created.json()
{%- if auth %}
    writer_id = (await writer.get("/users/me")).json()["id"]
    assert item == {
        "id": item["id"],
        "name": "Lamp",
        "description": "Brass",
        "owner_id": writer_id,
    }
{%- else %}
    assert item == {"id": item["id"], "name": "Lamp", "description": "Brass"}
{%- endif %}
    path = f"/items/{item['id']}"

    assert (await writer.get(path)).json() == item
    assert (await writer.get("/items")).json() == [item]

    updated = await writer.patch(path, json={"name": "Desk lamp"})
    assert updated.status_code == 200
    assert updated.json() == {**item, "name": "Desk lamp"}

    deleted = await writer.delete(path)
    assert deleted.status_code == 204
    assert deleted.content == b""
    assert (await writer.get(path)).status_code == 404
    assert (await writer.get("/items")).json() == []


async def test_a_missing_item_is_404_for_every_method(writer: AsyncClient) -> None:
    assert (await writer.get("/items/999")).status_code == 404
    assert (await writer.patch("/items/999", json={"name": "x"})).status_code == 404
    assert (await writer.delete("/items/999")).status_code == 404


async def test_invalid_items_are_refused_with_422(writer: AsyncClient) -> None:
    assert (await writer.post("/items", json={"name": ""})).status_code == 422
    assert (await writer.post("/items", json={"name": "x" * 101})).status_code == 422
    item = (await writer.post("/items", json={"name": "Lamp"})).json()
    assert item["description"] == ""
    refused = await writer.patch(f"/items/{item['id']}", json={"name": None})
    assert refused.status_code == 422


async def test_many_more_requests_at_once_than_connections_all_succeed(
    writer: AsyncClient,
) -> None:
    """Requests beyond the pool's connections wait for one on the event loop, holding
    no thread, and all succeed."""
    await writer.post("/items", json={"name": "Lamp"})
    statuses: list[int] = []

    async def read() -> None:
        statuses.append((await writer.get("/items")).status_code)

    async with anyio.create_task_group() as requests:
        for _ in range(3 * (POOL_SIZE + MAX_OVERFLOW)):
            requests.start_soon(read)

    assert statuses == [200] * 3 * (POOL_SIZE + MAX_OVERFLOW)


async def test_the_read_runs_on_the_event_loop(
    app: FastAPI, writer: AsyncClient
) -> None:
    """The query goes out through the async driver from the thread that runs the event
    loop: no thread pool stands between the path operation and the database."""
    await writer.post("/items", json={"name": "Lamp"})
    engine: AsyncEngine = app.state.engine
    threads: list[int] = []

    def on_query(*_: object) -> None:
        threads.append(threading.get_ident())

    event.listen(engine.sync_engine, "before_cursor_execute", on_query)
    try:
        assert (await writer.get("/items")).status_code == 200
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", on_query)

    assert engine.dialect.is_async
    assert threads == [threading.get_ident()]


async def test_the_list_pages_with_offset_and_limit(writer: AsyncClient) -> None:
    for name in ["a", "b", "c"]:
        await writer.post("/items", json={"name": name})

    page = (await writer.get("/items", params={"offset": 1, "limit": 1})).json()

    assert [item["name"] for item in page] == ["b"]
    assert (await writer.get("/items", params={"limit": 0})).status_code == 422
{%- if auth %}


async def test_anyone_reads_but_writing_needs_a_token(writer: AsyncClient) -> None:
    item = (await writer.post("/items", json={"name": "Lamp"})).json()
    path = f"/items/{item['id']}"
    del writer.headers["Authorization"]

    assert (await writer.get(path)).json() == item
    assert (await writer.get("/items")).json() == [item]
    assert (await writer.post("/items", json={"name": "Lamp"})).status_code == 401
    assert (await writer.patch(path, json={"name": "x"})).status_code == 401
    assert (await writer.delete(path)).status_code == 401


async def test_only_the_owner_changes_or_deletes_an_item(writer: AsyncClient) -> None:
    item = (await writer.post("/items", json={"name": "Lamp"})).json()
    other = await sign_in(writer, "other")
    path = f"/items/{item['id']}"

    changed = await writer.patch(path, json={"name": "Mine now"}, headers=other)
    deleted = await writer.delete(path, headers=other)

    assert changed.status_code == deleted.status_code == 403
    assert changed.json() == {"detail": "Only the item's owner may change it"}
    assert (await writer.get(path, headers=other)).json() == item
    theirs = await writer.post("/items", json={"name": "Theirs"}, headers=other)
    assert theirs.json()["owner_id"] != item["owner_id"]
    assert (await writer.delete(path)).status_code == 204
{%- else %}


async def test_without_accounts_anyone_writes(async_client: AsyncClient) -> None:
    """There are no users (auth was not chosen): no request needs a token."""
    item = (await async_client.post("/items", json={"name": "Lamp"})).json()
    path = f"/items/{item['id']}"

    assert (await async_client.patch(path, json={"name": "x"})).status_code == 200
    assert (await async_client.delete(path)).status_code == 204
{%- endif %}
