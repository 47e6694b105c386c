"""A WebSocket broadcast at /ws: each text message a client sends goes to every connected client.

Only pages of the hosts in ``ALLOWED_HOSTS`` may open it: a browser sends the page's
``Origin`` with the handshake (and this site's cookies, whichever site the page is on), so
a handshake whose ``Origin`` names another host is refused with 403 before it is accepted,
as Django Channels' ``AllowedHostsOriginValidator`` does. Clients that are not browsers send
no ``Origin`` and are accepted.

Messages travel through a broker. In one process an in-memory broker is enough; with several
processes (gunicorn workers, or servers) set ``REDIS_URL`` and they share Redis pub/sub: one
subscription per process, whose thread hands each message to the process's connections.

Nothing polls: each connection's thread blocks until its client sends something, and a
second thread per connection blocks until a message is there to send. An idle connection
costs two sleeping threads and wakes up only for simple-websocket's ping (``ping_interval``).
"""

import logging
import queue
import threading
import time
from collections.abc import Iterator
from typing import Protocol
from urllib.parse import urlsplit

from flask import Blueprint, Flask, current_app, request
from flask.typing import ResponseReturnValue
from redis import Redis
from redis.client import PubSub
from simple_websocket import ConnectionClosed, Server

from .extensions import sock

EXTENSION_KEY = f"{__name__}.broker"
#: How long the Redis listener waits before it reconnects after losing the server.
RECONNECT_SECONDS = 1.0
#: The longest the Redis listener sleeps in one read: once a minute per process, not per
#: connection, it wakes to read again.
LISTEN_SECONDS = 60.0

bp = Blueprint("realtime", __name__)
log = logging.getLogger(__name__)


class Broker(Protocol):
    def publish(self, message: str) -> None: ...

    def subscribe(self) -> "Subscription": ...

    def subscriber_count(self) -> int:
        """The connections of this process that listen."""


class Subscription:
    """One connection's messages: iterating blocks until the next one, and ends on close."""

    def __init__(self, broker: "MemoryBroker") -> None:
        self.broker = broker
        self.queue: queue.SimpleQueue[str | None] = queue.SimpleQueue()

    def __iter__(self) -> Iterator[str]:
        while (message := self.queue.get()) is not None:
            yield message

    def close(self) -> None:
        self.broker.unsubscribe(self)
        self.queue.put(None)


class MemoryBroker:
    """Subscribers of this process only: one queue each."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscriptions: set[Subscription] = set()

    def publish(self, message: str) -> None:
        self.deliver(message)

    def deliver(self, message: str) -> None:
        """Put ``message`` in every subscriber's queue."""
        with self._lock:
            subscriptions = list(self._subscriptions)
        for subscription in subscriptions:
            subscription.queue.put(message)

    def subscribe(self) -> Subscription:
        subscription = Subscription(self)
        with self._lock:
            self._subscriptions.add(subscription)
        return subscription

    def subscriber_count(self) -> int:
        with self._lock:
            return len(self._subscriptions)

    def unsubscribe(self, subscription: Subscription) -> None:
        with self._lock:
            self._subscriptions.discard(subscription)


class RedisBroker(MemoryBroker):
    """Subscribers of every process that uses the same Redis server and channel.

    Messages are published to Redis; one daemon thread per process listens on the channel
    (a blocking read, no polling) and delivers each message to this process's subscribers.
    The process subscribes when its first connection does, so that an app that never
    serves the WebSocket (a Celery worker, a command) never connects to Redis for it.
    """

    def __init__(self, url: str, channel: str) -> None:
        super().__init__()
        self.client = Redis.from_url(url, decode_responses=True)
        self.channel = channel
        self.pubsub: PubSub | None = None
        self._starting = threading.Lock()

    def publish(self, message: str) -> None:
        self.client.publish(self.channel, message)

    def subscribe(self) -> Subscription:
        with self._starting:
            if self.pubsub is None:
                self.pubsub = self._subscribed()
                listener = threading.Thread(
                    target=self._listen,
                    args=(self.pubsub,),
                    name=self.channel,
                    daemon=True,
                )
                listener.start()
        return super().subscribe()

    def _subscribed(self) -> PubSub:
        """A subscription to the channel that the server has confirmed."""
        pubsub = PubSub(self.client.connection_pool)
        pubsub.subscribe(self.channel)
        # The server's confirmation: from then on, no message is missed.
        pubsub.get_message(timeout=5.0)
        pubsub.ignore_subscribe_messages = True
        return pubsub

    def _listen(self, pubsub: PubSub) -> None:
        while True:
            try:
                # A blocking read of the socket: it returns when a message comes, or
                # after LISTEN_SECONDS without one.
                message = pubsub.get_message(timeout=LISTEN_SECONDS)
                if message is not None and message["type"] == "message":
                    self.deliver(str(message["data"]))
            except Exception:  # the server went away: log, wait, subscribe again
                log.exception("lost the Redis channel %s; reconnecting", self.channel)
                time.sleep(RECONNECT_SECONDS)
                try:
                    pubsub.close()
                    pubsub = self.pubsub = self._subscribed()
                except Exception:
                    log.exception("Redis is still unreachable")


def broker() -> Broker:
    """The current app's broker."""
    found: Broker = current_app.extensions[EXTENSION_KEY]
    return found


def origin_allowed(origin: str | None, allowed_hosts: list[str]) -> bool:
    """Whether a handshake with this ``Origin`` header may open the WebSocket.

    No header: a client that is not a browser, accepted. Otherwise the origin's host name
    must be in ``allowed_hosts``, where ``.example.com`` stands for example.com and its
    subdomains and ``*`` for any host. ``Origin: null`` (a sandboxed or local page) is refused.
    """
    if origin is None:
        return True
    host = urlsplit(origin).hostname
    if not host:
        return False
    for pattern in (entry.lower() for entry in allowed_hosts):
        if pattern == "*" or host == pattern:
            return True
        if pattern.startswith(".") and (host == pattern[1:] or host.endswith(pattern)):
            return True
    return False


@bp.before_request
def check_origin() -> ResponseReturnValue | None:
    """Refuse a handshake from another site's page before it is accepted."""
    origin = request.headers.get("Origin")
    if not origin_allowed(origin, current_app.config["ALLOWED_HOSTS"]):
        return {"message": "This origin may not open the WebSocket."}, 403
    return None


def forward(subscription: Subscription, ws: Server) -> None:
    """Send each message of ``subscription`` to the client, until either side closes."""
    try:
        for message in subscription:
            ws.send(message)
    except ConnectionClosed:
        pass


@sock.route("/ws", bp=bp)
def broadcast(ws: Server) -> None:
    """Relay this client's text messages to everyone, and everyone's to this client."""
    messages = broker()
    subscription = messages.subscribe()
    sender = threading.Thread(target=forward, args=(subscription, ws), daemon=True)
    sender.start()
    try:
        while True:
            received = ws.receive()  # blocks; ConnectionClosed once the client leaves
            if isinstance(received, str):
                messages.publish(received)
    finally:
        subscription.close()
        sender.join()


def init_realtime(app: Flask) -> None:
    url = app.config["REDIS_URL"]
    channel = app.config["REALTIME_CHANNEL"]
    chosen: Broker = RedisBroker(url, channel) if url else MemoryBroker()
    app.extensions[EXTENSION_KEY] = chosen
    app.register_blueprint(bp)
