"""The WebSocket broadcast, over real connections to a real (development) server."""

import os
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from conftest import AppFactory
from flask import Flask
from simple_websocket import Client, Server
from simple_websocket import ConnectionError as HandshakeRefused
from werkzeug.serving import make_server

from {{ cookiecutter.project_slug }}.realtime import (
    Broker,
    MemoryBroker,
    RedisBroker,
    broker,
)

REDIS_URL = os.environ.get("TEST_REDIS_URL") or os.environ.get("REDIS_URL")
TIMEOUT = 10.0
IDLE_CONNECTIONS = 20


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """Serve ``app`` on a free local port; yields its WebSocket URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"ws://127.0.0.1:{server.port}/ws"
    finally:
        server.shutdown()
        thread.join(TIMEOUT)


@contextmanager
def connected(url: str, origin: str | None = None) -> Iterator[Client]:
    client = Client.connect(url, headers=origin_header(origin))
    try:
        yield client
    finally:
        client.close()


def origin_header(origin: str | None) -> dict[bytes, bytes] | None:
    """The handshake's Origin header, as a browser on that origin sends it."""
    return {b"Origin": origin.encode()} if origin else None


def handshake_status(url: str, origin: str) -> int:
    """The status the server answers a handshake from ``origin`` with (101: accepted)."""
    try:
        client = Client.connect(url, headers=origin_header(origin))
    except HandshakeRefused as refused:
        return refused.status_code or 0
    client.close()
    return 101


def wait_for_subscribers(messages: Broker, count: int) -> None:
    """Wait until ``count`` connections of this process listen, so none misses the message."""
    deadline = time.monotonic() + TIMEOUT
    while messages.subscriber_count() < count:
        assert time.monotonic() < deadline, f"{messages.subscriber_count()} listening"
        time.sleep(0.01)


def broker_of(app: Flask) -> Broker:
    with app.app_context():
        return broker()


def test_without_redis_the_broker_is_in_memory(make_app: AppFactory) -> None:
    assert isinstance(broker_of(make_app(REDIS_URL="")), MemoryBroker)


def test_a_message_reaches_every_client(make_app: AppFactory) -> None:
    app = make_app(REDIS_URL="")

    with serving(app) as url, connected(url) as sender, connected(url) as listener:
        wait_for_subscribers(broker_of(app), 2)
        sender.send("hello")

        assert listener.receive(TIMEOUT) == "hello"
        assert sender.receive(TIMEOUT) == "hello"


@pytest.mark.skipif(not REDIS_URL, reason="needs TEST_REDIS_URL (or REDIS_URL)")
def test_with_redis_a_message_reaches_another_process(
    make_app: AppFactory,
) -> None:
    settings = {"REDIS_URL": REDIS_URL, "REALTIME_CHANNEL": f"test:{uuid.uuid4().hex}"}
    first, second = make_app(**settings), make_app(**settings)
    messages = broker_of(first)
    assert isinstance(messages, RedisBroker)

    with (
        serving(first) as first_url,
        serving(second) as second_url,
        connected(first_url) as sender,
        connected(second_url) as listener,
    ):
        wait_for_subscribers(messages, 1)
        wait_for_subscribers(broker_of(second), 1)
        sender.send("across workers")

        assert listener.receive(TIMEOUT) == "across workers"
        assert sender.receive(TIMEOUT) == "across workers"


@pytest.mark.parametrize(
    "origin",
    ["http://localhost:5000", "http://127.0.0.1:8000", None],
    ids=["localhost", "loopback", "no-origin"],
)
def test_the_apps_own_pages_and_other_clients_may_connect(
    make_app: AppFactory, origin: str | None
) -> None:
    with serving(make_app(REDIS_URL="")) as url, connected(url, origin) as client:
        client.send("hello")

        assert client.receive(TIMEOUT) == "hello"


@pytest.mark.parametrize(
    "origin",
    ["https://evil.example", "http://localhost.evil.example", "null"],
    ids=["other-site", "lookalike", "null"],
)
def test_a_page_of_another_site_may_not_connect(
    make_app: AppFactory, origin: str
) -> None:
    with serving(make_app(REDIS_URL="")) as url:
        assert handshake_status(url, origin) == 403


def test_allowed_hosts_set_the_sites_that_may_connect(make_app: AppFactory) -> None:
    app = make_app(REDIS_URL="", ALLOWED_HOSTS=[".example.com"])

    with serving(app) as url:
        with connected(url, "https://www.example.com") as client:
            client.send("from a subdomain")
            assert client.receive(TIMEOUT) == "from a subdomain"
        assert handshake_status(url, "http://localhost:5000") == 403


def test_idle_connections_do_not_wake_up(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An idle connection waits for its client; it must not poll (a poll every 50 ms of 100
    connections cost a tenth of a core)."""
    receives: list[float] = []
    receive = Server.receive

    def counted(self: Server, timeout: float | None = None) -> object:
        receives.append(time.monotonic())
        return receive(self, timeout)

    monkeypatch.setattr(Server, "receive", counted)
    app = make_app(REDIS_URL="")
    with serving(app) as url:
        clients = [Client.connect(url) for _ in range(IDLE_CONNECTIONS)]
        try:
            wait_for_subscribers(broker_of(app), IDLE_CONNECTIONS)
            deadline = time.monotonic() + TIMEOUT
            while len(receives) < IDLE_CONNECTIONS and time.monotonic() < deadline:
                time.sleep(0.01)  # each connection's first wait for its client
            before = len(receives)
            time.sleep(1.0)
            woken = len(receives) - before
        finally:
            for client in clients:
                client.close()

    assert woken == 0, f"{IDLE_CONNECTIONS} idle connections woke {woken} times"
