"""A WebSocket echo: every text message goes out through the channel layer to every
connected client, so it reaches clients of other server processes too when Redis is the
layer."""

from typing import Any

from channels.generic.websocket import AsyncWebsocketConsumer

#: The group every echo connection joins.
GROUP = "echo"
#: WebSocket close code for data the endpoint cannot accept (RFC 6455).
UNSUPPORTED_DATA = 1003


class EchoConsumer(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        await self.channel_layer.group_add(GROUP, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(GROUP, self.channel_name)

    async def receive(
        self, text_data: str | None = None, bytes_data: bytes | None = None
    ) -> None:
        if text_data is None:
            await self.close(code=UNSUPPORTED_DATA)
            return
        await self.channel_layer.group_send(
            GROUP, {"type": "echo.message", "text": text_data}
        )

    async def echo_message(self, event: dict[str, Any]) -> None:
        await self.send(text_data=event["text"])
