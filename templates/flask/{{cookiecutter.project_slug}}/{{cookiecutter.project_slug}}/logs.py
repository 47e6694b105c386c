"""Logs a machine can read, and the request id that ties a request's lines together.

Production writes one JSON object per line to standard error, for a log collector to parse;
debug and testing mode write plain lines for a person. Either way every line made while a
request is handled carries that request's id: the ``X-Request-ID`` it came with, when that
is a sane one (a proxy or load balancer in front sets it), or else a new one. The response
returns it in ``X-Request-ID``, so that a user's report can be matched to the server's lines.

The standard library does it all: a formatter of a few lines, no extra dependency.
"""

import json
import logging
import re
import sys
import uuid
from datetime import UTC, datetime
from typing import Any, TextIO

from flask import Flask, Response, g, has_request_context, request

HEADER = "X-Request-ID"
#: An id from outside is kept only when it is this: short, and safe to put in a log line.
SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,200}")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"
#: The fields of a record that every JSON line has, under these names.
JSON_FIELDS = {"levelname": "level", "name": "logger", "request_id": "request_id"}


def request_id_from(header: str | None) -> str:
    """The request's id: the one it came with if that is sane, else a new uuid4 in hex."""
    if header is not None and SANE_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


def current_request_id() -> str | None:
    """The id of the request being handled; ``None`` outside a request."""
    if has_request_context():
        found: str | None = g.get("request_id")
        return found
    return None


class RequestIdFilter(logging.Filter):
    """Puts ``request_id`` on every record ("-" outside a request) for the formatters."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id() or "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line: time, level, logger, message, request_id,
    and the traceback when there is one."""

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
    """Writes to whatever ``sys.stderr`` is at the time, as ``logging.lastResort`` does,
    so that a test capturing standard error sees the lines."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def configure_logging(level: str, json_lines: bool) -> None:
    """Log to standard error at ``level``, as JSON lines or plain text.

    The handler is this module's own: a second app in the process replaces it, and
    handlers that were already there (pytest's) are kept.
    """
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, StderrHandler)]:
        root.removeHandler(handler)
    handler = StderrHandler()
    handler.addFilter(RequestIdFilter())
    formatter = JsonFormatter() if json_lines else logging.Formatter(TEXT_FORMAT)
    handler.setFormatter(formatter)
    root.addHandler(handler)
    root.setLevel(level)


def take_request_id() -> None:
    g.request_id = request_id_from(request.headers.get(HEADER))


def return_request_id(response: Response) -> Response:
    response.headers[HEADER] = g.get("request_id") or request_id_from(None)
    return response


def init_logging(app: Flask) -> None:
    """Configure logging for ``app`` and give each of its requests an id."""
    json_lines = app.config["LOG_FORMAT"] == "json"
    if not app.config["LOG_FORMAT"]:
        json_lines = not (app.debug or app.testing)
    configure_logging(app.config["LOG_LEVEL"], json_lines)
    app.before_request(take_request_id)
    app.after_request(return_request_id)
