"""A WebSocket chat: every text a client sends reaches every client in the same room.

Messages are JSON: ``{"type": "ready", "room": ...}`` once the socket is subscribed, then
``{"type": "message", "room": ..., "text": ...}`` for each message in the room.

Browsers let any page open a WebSocket to any site, with that site's cookies, and say
which page it was in the ``Origin`` header; CORS does not apply. So, as Django Channels'
``AllowedHostsOriginValidator`` does, a handshake whose ``Origin`` names a host outside
``ALLOWED_HOSTS`` is refused (HTTP 403). One without ``Origin`` comes from a program, not
a browser page, and is accepted.
"""

import json
from collections.abc import AsyncIterator
from typing import Annotated
from urllib.parse import urlsplit

import anyio
from fastapi import APIRouter, Path, WebSocket, status

from app.config import Settings
from app.dependencies import BrokerDep

router = APIRouter(tags=["realtime"])

Room = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


@router.websocket("/ws/{room}")
async def chat(websocket: WebSocket, room: Room, broker: BrokerDep) -> None:
    settings: Settings = websocket.app.state.settings
    if not origin_allowed(websocket.headers.get("origin"), settings.allowed_hosts):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    channel = f"room:{room}"
    await websocket.accept()
    async with broker.subscribe(channel) as messages:
        await websocket.send_json({"type": "ready", "room": room})
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(_forward, messages, websocket)
            async for text in websocket.iter_text():
                message = {"type": "message", "room": room, "text": text}
                await broker.publish(channel, json.dumps(message))
            tasks.cancel_scope.cancel()


def origin_allowed(origin: str | None, allowed_hosts: list[str]) -> bool:
    """Whether a handshake with this ``Origin`` header may open a socket: none at all,
    or one whose host is in ``allowed_hosts`` (any port; ``*`` allows every host)."""
    if origin is None:
        return True
    try:
        host = urlsplit(origin).hostname
    except ValueError:
        return False
    if host is None:
        return False
    return "*" in allowed_hosts or host in (name.lower() for name in allowed_hosts)


async def _forward(messages: AsyncIterator[str], websocket: WebSocket) -> None:
    async for message in messages:
        await websocket.send_text(message)
