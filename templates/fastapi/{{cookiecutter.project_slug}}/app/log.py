"""Logs a machine can read, and the request id that ties a request's lines together.

Production writes one JSON object per line to standard error, for a log collector to
parse; development and tests write plain lines for a person (``LOG_FORMAT`` overrides
either). Every line made while a request is handled carries that request's id: the
``X-Request-ID`` it came with when that is a sane one (a proxy in front sets it), else a
new one. The response returns it in ``X-Request-ID``, so that a user's report can be
matched to the server's lines.

The standard library does it all: a formatter of a few lines and a context variable, which
each request's task has its own copy of; no extra dependency.
"""

import json
import logging
import re
import sys
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, TextIO

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER = "X-Request-ID"
#: An id from outside is kept only when it is this: short, and safe in a log line.
SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,200}")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"
#: The fields of a record that every JSON line has, under these names.
JSON_FIELDS = {"levelname": "level", "name": "logger", "request_id": "request_id"}
#: The id of the request being handled in this context; "-" outside a request.
request_id: ContextVar[str] = ContextVar("request_id", default="-")


def request_id_from(header: str | None) -> str:
    """The request's id: the one it came with if that is sane, else a new uuid4 in hex."""
    if header is not None and SANE_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Puts ``request_id`` on every record, for the formatters."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line: time, level, logger, message,
    request_id, and the traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "message": record.getMessage(),
        }
        for attribute, key in JSON_FIELDS.items():
            entry[key] = getattr(record, attribute, None)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


class StderrHandler(logging.StreamHandler[TextIO]):
    """Writes to whatever ``sys.stderr`` is at the time, as ``logging.lastResort``
    does, so that a test capturing standard error sees the lines."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def configure_logging(level: str, json_lines: bool) -> None:
    """Log to standard error at ``level``, as JSON lines or plain text.

    The handler is this module's own: a second app in the process replaces it, and
    handlers that were there already (pytest's) are kept. uvicorn's and gunicorn's
    loggers pass their records up to it.
    """
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, StderrHandler)]:
        root.removeHandler(handler)
    handler = StderrHandler()
    handler.addFilter(RequestIdFilter())
    formatter = JsonFormatter() if json_lines else logging.Formatter(TEXT_FORMAT)
    handler.setFormatter(formatter)
    root.addHandler(handler)
    root.setLevel(level.upper())


class RequestIdMiddleware:
    """Gives each HTTP request its id for the log lines made while it is handled, and
    returns it in the response's ``X-Request-ID``. Pure ASGI: nothing is buffered."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        current = request_id_from(Headers(scope=scope).get(HEADER))
        token = request_id.set(current)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[HEADER] = current
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_id.reset(token)
