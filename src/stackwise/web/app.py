"""The app factory: routes, the Host check and the bounds on what a request may send.

Every endpoint is a thin adapter over ``stackwise.api``; bad answers are a 400 naming every
bad key with the CLI's messages. Nothing is kept between requests.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from stackwise.web import routes
from stackwise.web.served import Builtins, Served

STATIC = Path(__file__).parent / "static"
#: The hosts a loopback server answers to when no ``allowed_hosts`` are given.
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
#: ``uvicorn --factory stackwise.web:create_app`` reads the allowed hosts from here.
HOSTS_VARIABLE = "STACKWISE_ALLOWED_HOSTS"


def allowed_hosts(host: str, extra: Sequence[str] = ()) -> list[str]:
    """The ``Host`` values a server bound to ``host`` answers: the host itself (and the
    loopback names when it is a loopback address), and each ``--allowed-host``."""
    name = f"[{host}]" if ":" in host and not host.startswith("[") else host
    hosts = [*LOOPBACK] if name in LOOPBACK else []
    if name not in ("0.0.0.0", "[::]") and name not in hosts:  # never a Host
        hosts.append(name)
    return [*hosts, *(h for h in extra if h not in hosts)]


def create_app(hosts: Sequence[str] | None = None, served: Served | None = None) -> Starlette:
    """The web page and API, answering only requests whose ``Host`` is one of ``hosts``
    (by default ``$STACKWISE_ALLOWED_HOSTS``, comma-separated, else the loopback names),
    for the built-in templates or what ``served`` serves (``served.OneTemplate``)."""
    if hosts is None:
        configured = os.environ.get(HOSTS_VARIABLE, "")
        hosts = [h.strip() for h in configured.split(",") if h.strip()] or list(LOOPBACK)
    app = Starlette(
        routes=[
            Route("/", routes.home, methods=["GET"]),
            Route("/api/questions", routes.questions, methods=["GET"]),
            Route("/api/recommend", routes.recommend, methods=["POST"]),
            Route("/api/options", routes.options, methods=["GET"]),
            Route("/api/preview", routes.preview, methods=["GET"]),
            Route("/starter.zip", routes.starter, methods=["GET", "POST"]),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))],
    )
    app.state.served = served or Builtins()
    return app
