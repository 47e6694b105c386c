"""The application factory: every app, test or server, is built by ``create_app``."""

import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask

from {{ cookiecutter.project_slug }}.config import Config
from {{ cookiecutter.project_slug }}.health import bp as health_bp


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    """Build the app from ``Config``, then ``FLASK_*`` variables, then ``overrides``."""
    app = Flask(__name__)
    app.config.from_object(Config)
    app.config.from_prefixed_env()
    if overrides:
        app.config.update(overrides)
    logging.basicConfig(level=app.config["LOG_LEVEL"])
    app.register_blueprint(health_bp)
    return app
