import os

import pytest
from channels.testing import WebsocketCommunicator
from django.conf import settings

from config.asgi import application
from config.settings.base import channel_layers

#: Seconds a test waits for a message: channels' default of one is short for a busy
#: machine with the Redis channel layer between the two ends.
TIMEOUT = 10


def echo(origin: bytes = b"http://testserver") -> WebsocketCommunicator:
    """A client of the echo endpoint, on a page of ``origin`` (by default, this site)."""
    return WebsocketCommunicator(
        application, "/ws/echo/", headers=[(b"origin", origin)]
    )


async def connect() -> WebsocketCommunicator:
    communicator = echo()
    connected, _ = await communicator.connect(timeout=TIMEOUT)
    assert connected
    return communicator


@pytest.mark.asyncio
async def test_a_message_comes_back() -> None:
    client = await connect()

    await client.send_to(text_data="hello")

    assert await client.receive_from(timeout=TIMEOUT) == "hello"
    await client.disconnect()


@pytest.mark.asyncio
async def test_a_message_reaches_every_client() -> None:
    first, second = await connect(), await connect()

    await first.send_to(text_data="to everyone")

    assert await first.receive_from(timeout=TIMEOUT) == "to everyone"
    assert await second.receive_from(timeout=TIMEOUT) == "to everyone"
    await first.disconnect()
    await second.disconnect()


@pytest.mark.asyncio
async def test_binary_frames_close_the_connection() -> None:
    client = await connect()

    await client.send_to(bytes_data=b"\x00\x01")

    closed = await client.receive_output(timeout=TIMEOUT)

    assert closed == {"type": "websocket.close", "code": 1003}


@pytest.mark.asyncio
async def test_pages_of_other_sites_cannot_connect() -> None:
    connected, _ = await echo(b"https://elsewhere.example").connect(timeout=TIMEOUT)

    assert not connected


def test_the_channel_layer_follows_redis_url() -> None:
    backend = settings.CHANNEL_LAYERS["default"]["BACKEND"]

    if os.environ.get("REDIS_URL"):
        assert backend == "channels_redis.core.RedisChannelLayer"
    else:
        assert backend == "channels.layers.InMemoryChannelLayer"


def test_redis_url_selects_redis_for_every_process() -> None:
    layers = channel_layers("redis://cache.example:6379/0")

    assert layers["default"]["BACKEND"] == "channels_redis.core.RedisChannelLayer"
    assert layers["default"]["CONFIG"] == {"hosts": ["redis://cache.example:6379/0"]}
    assert channel_layers(None) == {
        "default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}
    }
