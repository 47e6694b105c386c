"""Publish and subscribe: in this process's memory, or through Redis across processes.

With one worker process, memory is enough. With several (``--workers N``), a message
published in one process must reach the WebSockets held by the others: set ``REDIS_URL``
and every process publishes to, and listens on, the same Redis channels.
"""

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any, Protocol

from redis.asyncio import Redis
from redis.asyncio.client import PubSub

logger = logging.getLogger(__name__)


class Broker(Protocol):
    async def publish(self, channel: str, message: str) -> None: ...

    def subscribe(
        self, channel: str
    ) -> AbstractAsyncContextManager[AsyncIterator[str]]:
        """Once entered, every message published to ``channel`` arrives, in order."""
        ...

    async def close(self) -> None: ...


class MemoryBroker:
    """Channels in this process; a subscriber that falls behind loses messages."""

    def __init__(self, backlog: int = 1000) -> None:
        self.backlog = backlog
        self._queues: dict[str, set[asyncio.Queue[str]]] = {}

    async def publish(self, channel: str, message: str) -> None:
        for queue in self._queues.get(channel, set()).copy():
            try:
                queue.put_nowait(message)
            except asyncio.QueueFull:
                logger.warning("a subscriber to %s is too slow; dropped", channel)

    @asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[AsyncIterator[str]]:
        queue: asyncio.Queue[str] = asyncio.Queue(self.backlog)
        self._queues.setdefault(channel, set()).add(queue)
        try:
            yield _drain(queue)
        finally:
            subscribers = self._queues[channel]
            subscribers.discard(queue)
            if not subscribers:
                del self._queues[channel]

    async def close(self) -> None:
        self._queues.clear()


async def _drain(queue: asyncio.Queue[str]) -> AsyncIterator[str]:
    while True:
        yield await queue.get()


class RedisBroker:
    """Redis pub/sub through redis-py's asyncio client: one connection per subscriber."""

    def __init__(self, url: str) -> None:
        self._redis = Redis.from_url(url, decode_responses=True)

    async def publish(self, channel: str, message: str) -> None:
        await self._redis.publish(channel, message)

    @asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[AsyncIterator[str]]:
        async with self._redis.pubsub() as pubsub:
            await pubsub.subscribe(channel)
            # Wait for Redis to confirm, so nothing published from now on is missed.
            while await _next(pubsub) != ("subscribe", None):
                pass
            yield _messages(pubsub)

    async def close(self) -> None:
        await self._redis.aclose()


async def _next(pubsub: PubSub) -> tuple[str, str | None]:
    message: dict[str, Any] | None = await pubsub.get_message(timeout=None)
    if message is None:
        return ("", None)
    data = message["data"] if message["type"] == "message" else None
    return (str(message["type"]), data)


async def _messages(pubsub: PubSub) -> AsyncIterator[str]:
    while True:
        kind, data = await _next(pubsub)
        if kind == "message" and data is not None:
            yield data


def make_broker(redis_url: str | None) -> Broker:
    return RedisBroker(redis_url) if redis_url else MemoryBroker()
