"""``stackwise serve``: a stateless web page and HTTP API over ``stackwise.api``.

Importing this package imports Starlette (the ``serve`` extra); the CLI imports it only
when ``stackwise serve`` runs. ``create_app`` is a factory a team can run under uvicorn or
gunicorn with several workers: ``uvicorn --factory stackwise.web:create_app``.
"""

from __future__ import annotations

from stackwise.web.app import create_app

__all__ = ["create_app"]
