"""A WebSocket chat: every text a client sends reaches every client in the same room.

Messages are JSON: ``{"type": "ready", "room": ...}`` once the socket is subscribed, then
``{"type": "message", "room": ..., "text": ...}`` for each message in the room.
"""

import json
from collections.abc import AsyncIterator
from typing import Annotated

import anyio
from fastapi import APIRouter, Path, WebSocket

from app.dependencies import BrokerDep

router = APIRouter(tags=["realtime"])

Room = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


@router.websocket("/ws/{room}")
async def chat(websocket: WebSocket, room: Room, broker: BrokerDep) -> None:
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


async def _forward(messages: AsyncIterator[str], websocket: WebSocket) -> None:
    async for message in messages:
        await websocket.send_text(message)
