"""The starters the image tier builds: a row per case, so that a new option joins by data.

Each framework's defaults, and combinations that together take every value of
``database``, ``realtime`` and ``html`` (Python 3.11 only: the stand-in base has no other).
The PostgreSQL cases run under compose, with Redis (``realtime``) and a Celery worker (``tasks``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from support.images import Case

WEB_APP = {"auth": "yes", "admin": "yes", "html": "yes"}
ALL_ON = {
    "database": "postgresql",
    "realtime": "yes",
    "api_docs": "yes",
    "tasks": "celery",
    **WEB_APP,
}
NO_DATABASE = {"database": "none", "realtime": "yes", "html": "yes"}

#: Run as one container, on SQLite or no database.
STANDALONE = {
    "flask": Case("flask", {}, secret=False),
    "flask-web-app": Case("flask", WEB_APP, secret=True, static_pages=("/", "/admin/")),
    "flask-no-database": Case("flask", NO_DATABASE, secret=False, static_pages=("/",)),
    "flask-locked": Case("flask", {}, secret=False, locked="click==8.1.8"),
    "fastapi": Case("fastapi", {}, secret=False, static_pages=("/docs",)),
    "fastapi-no-database": Case("fastapi", NO_DATABASE, secret=False, static_pages=("/docs",)),
    "fastapi-locked": Case("fastapi", {}, secret=False, locked="annotated-types==0.6.0"),
    "django": Case("django", {}, secret=True),
    "django-web-app": Case("django", WEB_APP, secret=True, static_pages=("/", "/admin/login/")),
    "django-locked": Case("django", {}, secret=True, locked="sqlparse==0.5.0"),
}
#: Run under compose, with the PostgreSQL (and Redis) it names.
COMPOSED = {
    "flask-postgresql": Case("flask", ALL_ON, secret=True, static_pages=("/", "/admin/")),
    "fastapi-postgresql": Case(
        "fastapi", ALL_ON, secret=True, static_pages=("/docs", "/admin/login")
    ),
    "django-postgresql": Case("django", ALL_ON, secret=True, static_pages=("/", "/admin/login/")),
}
CASES = {**STANDALONE, **COMPOSED}


def group(name: str) -> str:
    """A case's xdist group: its own, but one for all the compose cases, whose compose files
    publish the same ports on 127.0.0.1 and so run one after the other."""
    return "image-compose" if name in COMPOSED else f"image-{name}"


def each(names: Iterable[str]) -> list[Any]:
    """The cases named, as parameters of ``built``, each in its case's xdist group."""
    return [
        pytest.param(name, id=name, marks=pytest.mark.xdist_group(group(name))) for name in names
    ]
