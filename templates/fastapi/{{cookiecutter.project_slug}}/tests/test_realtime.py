"""The WebSocket chat, in one process's memory and through Redis across processes."""

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager

import pytest
from fastapi.testclient import TestClient
from starlette.testclient import WebSocketTestSession
from starlette.websockets import WebSocketDisconnect

from app.broker import MemoryBroker, RedisBroker
from app.config import Settings
from app.main import create_app

#: A Redis server for the cross-process tests; they are skipped without one.
REDIS_URL = os.environ.get("TEST_REDIS_URL")
needs_redis = pytest.mark.skipif(
    not REDIS_URL, reason="set TEST_REDIS_URL to test fan-out through Redis"
)


def new_room() -> str:
    return f"room-{uuid.uuid4().hex[:12]}"


def message(room: str, text: str) -> dict[str, str]:
    return {"type": "message", "room": room, "text": text}


@contextmanager
def subscribed(
    *places: tuple[TestClient, str],
) -> Iterator[list[WebSocketTestSession]]:
    """A socket for each (client, room), once the server says it is in the room."""
    with ExitStack() as stack:
        sockets = [
            stack.enter_context(client.websocket_connect(f"/ws/{room}"))
            for client, room in places
        ]
        for socket, (_, room) in zip(sockets, places, strict=True):
            assert socket.receive_json() == {"type": "ready", "room": room}
        yield sockets


def assert_each_hears_only_itself(
    alice: WebSocketTestSession,
    alice_room: str,
    bob: WebSocketTestSession,
    bob_room: str,
) -> None:
    """Both speak; had either heard the other, one of them would hear the other first."""
    alice.send_text("from alice")
    bob.send_text("from bob")

    assert alice.receive_json() == message(alice_room, "from alice")
    assert bob.receive_json() == message(bob_room, "from bob")


def test_a_message_reaches_everyone_in_the_room(client: TestClient) -> None:
    room = new_room()
    with subscribed((client, room), (client, room)) as (alice, bob):
        alice.send_text("hello")

        assert alice.receive_json() == message(room, "hello")
        assert bob.receive_json() == message(room, "hello")


def test_other_rooms_do_not_hear_it(client: TestClient) -> None:
    first, second = new_room(), new_room()
    with subscribed((client, first), (client, second)) as (alice, bob):
        assert_each_hears_only_itself(alice, first, bob, second)


def test_a_room_name_must_be_a_simple_word(client: TestClient) -> None:
    with (
        pytest.raises(WebSocketDisconnect) as closed,
        client.websocket_connect("/ws/not%20a%20word"),
    ):
        pass

    assert closed.value.code == 1008


def test_without_redis_each_process_keeps_its_own_messages(
    make_settings: Callable[..., Settings],
) -> None:
    room = new_room()
    first, second = create_app(make_settings()), create_app(make_settings())
    with TestClient(first) as one, TestClient(second) as other:
        assert isinstance(first.state.broker, MemoryBroker)
        with subscribed((one, room), (other, room)) as (alice, bob):
            assert_each_hears_only_itself(alice, room, bob, room)


@needs_redis
def test_with_redis_a_message_reaches_the_room_in_every_process(
    make_settings: Callable[..., Settings],
) -> None:
    room = new_room()
    # Two apps, each with its own Redis connections, stand for two worker processes.
    first = create_app(make_settings(redis_url=REDIS_URL))
    second = create_app(make_settings(redis_url=REDIS_URL))
    with TestClient(first) as one, TestClient(second) as other:
        assert isinstance(first.state.broker, RedisBroker)
        with subscribed((one, room), (other, room)) as (alice, bob):
            alice.send_text("across processes")

            assert bob.receive_json() == message(room, "across processes")
            assert alice.receive_json() == message(room, "across processes")


def test_a_page_on_an_allowed_host_may_open_a_socket(
    make_settings: Callable[..., Settings],
) -> None:
    room = new_room()
    app = create_app(make_settings(allowed_hosts="chat.example,localhost"))
    with TestClient(app) as client:
        for origin in ["https://chat.example", "http://localhost:8000"]:
            headers = {"Origin": origin}
            with client.websocket_connect(f"/ws/{room}", headers=headers) as socket:
                assert socket.receive_json() == {"type": "ready", "room": room}


def test_a_page_on_another_host_may_not(make_settings: Callable[..., Settings]) -> None:
    """A foreign page would otherwise talk on the user's behalf, with their cookies."""
    app = create_app(make_settings(allowed_hosts="chat.example"))
    foreign = ["https://evil.example", "https://chat.example.evil.example", "null"]
    with TestClient(app) as client:
        for origin in foreign:
            headers = {"Origin": origin}
            with (
                pytest.raises(WebSocketDisconnect) as closed,
                client.websocket_connect(f"/ws/{new_room()}", headers=headers),
            ):
                pass
            assert closed.value.code == 1008, origin


def test_a_client_that_is_not_a_browser_sends_no_origin_and_may(
    client: TestClient,
) -> None:
    room = new_room()
    with client.websocket_connect(f"/ws/{room}") as socket:
        assert socket.receive_json() == {"type": "ready", "room": room}


def test_development_allows_localhost_when_allowed_hosts_is_unset(
    make_settings: Callable[..., Settings],
) -> None:
    assert make_settings(environment="development").allowed_hosts == [
        "localhost",
        "127.0.0.1",
    ]
