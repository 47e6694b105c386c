"""A WebSocket broadcast at /ws: each text message a client sends goes to every connected client.

Messages travel through a broker. In one process an in-memory broker is enough; with several
processes (gunicorn workers, or servers) set ``REDIS_URL`` and they share Redis pub/sub.
"""

import queue
import threading
from typing import Protocol

from flask import Blueprint, Flask, current_app
from redis import Redis
from redis.client import PubSub
from simple_websocket import Server

from .extensions import sock

#: How long a connection waits for its client before it delivers broadcast messages.
POLL_SECONDS = 0.05
EXTENSION_KEY = f"{__name__}.broker"

bp = Blueprint("realtime", __name__)


class Subscription(Protocol):
    def pending(self) -> list[str]:
        """The messages published since the last call, without waiting."""

    def close(self) -> None: ...


class Broker(Protocol):
    def publish(self, message: str) -> None: ...

    def subscribe(self) -> Subscription: ...

    def subscriber_count(self) -> int: ...


class MemoryBroker:
    """Subscribers of this process only: one queue each."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queues: set[queue.SimpleQueue[str]] = set()

    def publish(self, message: str) -> None:
        with self._lock:
            queues = list(self._queues)
        for q in queues:
            q.put(message)

    def subscribe(self) -> "MemorySubscription":
        subscription = MemorySubscription(self)
        with self._lock:
            self._queues.add(subscription.queue)
        return subscription

    def subscriber_count(self) -> int:
        with self._lock:
            return len(self._queues)

    def unsubscribe(self, q: queue.SimpleQueue[str]) -> None:
        with self._lock:
            self._queues.discard(q)


class MemorySubscription:
    def __init__(self, broker: MemoryBroker) -> None:
        self.broker = broker
        self.queue: queue.SimpleQueue[str] = queue.SimpleQueue()

    def pending(self) -> list[str]:
        messages = []
        while True:
            try:
                messages.append(self.queue.get_nowait())
            except queue.Empty:
                return messages

    def close(self) -> None:
        self.broker.unsubscribe(self.queue)


class RedisBroker:
    """Subscribers of every process that uses the same Redis server and channel."""

    def __init__(self, url: str, channel: str) -> None:
        self.client = Redis.from_url(url, decode_responses=True)
        self.channel = channel

    def publish(self, message: str) -> None:
        self.client.publish(self.channel, message)

    def subscribe(self) -> "RedisSubscription":
        return RedisSubscription(self.client, self.channel)

    def subscriber_count(self) -> int:
        return sum(int(count) for _, count in self.client.pubsub_numsub(self.channel))


class RedisSubscription:
    def __init__(self, client: Redis, channel: str) -> None:
        self.pubsub = PubSub(client.connection_pool, ignore_subscribe_messages=True)
        self.pubsub.subscribe(channel)

    def pending(self) -> list[str]:
        messages = []
        while (message := self.pubsub.get_message(timeout=0)) is not None:
            messages.append(str(message["data"]))
        return messages

    def close(self) -> None:
        self.pubsub.close()


def broker() -> Broker:
    """The current app's broker."""
    found: Broker = current_app.extensions[EXTENSION_KEY]
    return found


@sock.route("/ws", bp=bp)
def broadcast(ws: Server) -> None:
    """Relay this client's text messages to everyone, and everyone's to this client."""
    messages = broker()
    subscription = messages.subscribe()
    try:
        while True:
            received = ws.receive(timeout=POLL_SECONDS)
            if isinstance(received, str):
                messages.publish(received)
            for message in subscription.pending():
                ws.send(message)
    finally:
        subscription.close()


def init_realtime(app: Flask) -> None:
    url = app.config["REDIS_URL"]
    channel = app.config["REALTIME_CHANNEL"]
    chosen: Broker = RedisBroker(url, channel) if url else MemoryBroker()
    app.extensions[EXTENSION_KEY] = chosen
    app.register_blueprint(bp)
