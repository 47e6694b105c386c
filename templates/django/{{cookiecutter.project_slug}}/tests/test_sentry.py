"""Error reports: sent to the server SENTRY_DSN names (here one on 127.0.0.1 that keeps
what it receives), and nothing at all without a DSN."""

import gzip
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from .test_settings import production_env, run

#: A view that raises, requested on the production settings; then the SDK's queue is sent.
RAISE = """
import django
django.setup()
import sentry_sdk
from django.test import Client
from django.urls import path
from config import urls

def fail(request):
    raise RuntimeError("an error for Sentry")

urls.urlpatterns.append(path("fail", fail))
client = Client(
    HTTP_HOST="example.com", HTTP_X_FORWARDED_PROTO="https", raise_request_exception=False
)
print(client.get("/fail").status_code, sentry_sdk.get_client().is_active())
sentry_sdk.flush(timeout=10)
"""


@pytest.fixture
def sentry_server() -> Iterator[tuple[str, list[tuple[str, bytes]]]]:
    """A local stand-in for Sentry: its DSN, and the (path, envelope) pairs it receives."""
    received: list[tuple[str, bytes]] = []

    class Collector(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if self.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            received.append((self.path, body))
            self.send_response(200)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://public@127.0.0.1:{server.server_port}/1", received
    finally:
        server.shutdown()
        server.server_close()


def test_an_error_is_reported_to_the_dsns_server(
    sentry_server: tuple[str, list[tuple[str, bytes]]],
) -> None:
    dsn, received = sentry_server

    done = run(["-c", RAISE], production_env(SENTRY_DSN=dsn, SENTRY_RELEASE="1.2.3"))

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["500", "True"]
    events = [body for path, body in received if b'"type":"event"' in body]
    assert [path for path, _ in received][:1] == ["/api/1/envelope/"]
    assert len(events) == 1
    assert b"an error for Sentry" in events[0]
    assert b'"environment":"production"' in events[0]
    assert b'"release":"1.2.3"' in events[0]


def test_without_a_dsn_the_sdk_is_not_started() -> None:
    done = run(["-c", RAISE], production_env(SENTRY_DSN=""))

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["500", "False"]
