"""Sentry: an error reaches a Sentry server (here a local one) when ``SENTRY_DSN`` names
it, without personal data; without ``SENTRY_DSN`` the SDK is not started."""

import gzip
import json
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import sentry_sdk
from fastapi.testclient import TestClient

from app.main import create_app
from tests.conftest import SettingsFactory


class Envelopes(ThreadingHTTPServer):
    """A stand-in Sentry on 127.0.0.1 that keeps the events it is sent."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), EnvelopeHandler)
        self.events: list[dict[str, Any]] = []

    @property
    def dsn(self) -> str:
        return f"http://public@127.0.0.1:{self.server_address[1]}/1"


class EnvelopeHandler(BaseHTTPRequestHandler):
    server: Envelopes

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        items = [json.loads(line) for line in body.splitlines() if line.strip()]
        # An envelope: a header line, then each item's header and payload.
        self.server.events += [item for item in items[1:] if "exception" in item]
        self.send_response(200)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the tests read what came, not the access log."""


@pytest.fixture
def sentry() -> Iterator[Envelopes]:
    server = Envelopes()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)
    server.shutdown()
    server.server_close()


def test_an_unhandled_error_is_reported_without_personal_data(
    make_settings: SettingsFactory, sentry: Envelopes
) -> None:
    app = create_app(make_settings(sentry_dsn=sentry.dsn, sentry_release="shop@1.2.3"))

    async def boom() -> None:
        raise RuntimeError("the example error")

    app.add_api_route("/boom", boom)
    # Made here, so that they are in no source line the event quotes.
    cookie, token = uuid.uuid4().hex, uuid.uuid4().hex
    with TestClient(app, raise_server_exceptions=False) as client:
        client.cookies.set("session", cookie)
        response = client.get("/boom", headers={"Authorization": f"Bearer {token}"})
    sentry_sdk.flush(timeout=10)

    assert response.status_code == 500
    assert len(sentry.events) == 1
    event = sentry.events[0]
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert event["environment"] == "test"
    assert event["release"] == "shop@1.2.3"
    assert event["request"]["url"].endswith("/boom")
    assert cookie not in json.dumps(event)
    assert token not in json.dumps(event)


def test_without_a_dsn_the_sdk_is_not_started(make_settings: SettingsFactory) -> None:
    create_app(make_settings())

    assert not sentry_sdk.is_initialized()
