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
from simple_websocket import Client
from werkzeug.serving import make_server

from {{ cookiecutter.project_slug }}.realtime import (
    Broker,
    MemoryBroker,
    RedisBroker,
    broker,
)

REDIS_URL = os.environ.get("TEST_REDIS_URL") or os.environ.get("REDIS_URL")
TIMEOUT = 10.0


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
def connected(url: str) -> Iterator[Client]:
    client = Client.connect(url)
    try:
        yield client
    finally:
        client.close()


def wait_for_subscribers(messages: Broker, count: int) -> None:
    """Wait until ``count`` connections listen, so that none misses the message."""
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
        wait_for_subscribers(messages, 2)
        sender.send("across workers")

        assert listener.receive(TIMEOUT) == "across workers"
        assert sender.receive(TIMEOUT) == "across workers"
