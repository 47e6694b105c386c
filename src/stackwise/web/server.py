"""Run the app under uvicorn: what ``stackwise serve`` does once its options are parsed."""

from __future__ import annotations

import threading
import time
import webbrowser
from collections.abc import Sequence

import uvicorn

from stackwise.web.app import allowed_hosts, create_app
from stackwise.web.served import Served


def url_of(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # a bind-all address
    return f"http://{f'[{shown}]' if ':' in shown else shown}:{port}/"


def run(
    host: str,
    port: int,
    extra_hosts: Sequence[str] = (),
    open_page: bool = False,
    served: Served | None = None,
) -> None:
    """Serve until interrupted; with ``open_page``, open the page once the server listens."""
    app = create_app(allowed_hosts(host, extra_hosts), served)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="info"))
    if open_page:
        threading.Thread(target=_open_when_started, args=(server, host, port), daemon=True).start()
    server.run()


def _open_when_started(server: uvicorn.Server, host: str, port: int) -> None:
    while not server.started:
        if server.should_exit:
            return
        time.sleep(0.05)
    webbrowser.open(url_of(host, port))
