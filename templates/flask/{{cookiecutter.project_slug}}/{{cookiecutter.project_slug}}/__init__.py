{%- from "_flags.j2" import signs, api with context -%}
"""The application factory: every app (server, command line, test) comes from ``create_app``."""

from collections.abc import Mapping
from typing import Any

from flask import Flask
{%- if api %}
from flask_cors import CORS
{%- endif %}
{%- if cookiecutter.api_docs == "yes" %}
from flask_smorest import Api
{%- endif %}

from . import config
{%- if cookiecutter.admin == "yes" %}
from .admin import init_admin
{%- endif %}
{%- if cookiecutter.api_docs == "yes" %}
from .api_docs import bp as docs_bp
{%- endif %}
{%- if cookiecutter.auth == "yes" %}
from .auth import bp as auth_bp
{%- endif %}
{%- set extensions = [] %}
{%- if cookiecutter.database != "none" %}{% set _ = extensions.extend(["db", "migrate"]) %}{% endif %}
{%- if cookiecutter.auth == "yes" %}{% set _ = extensions.append("login_manager") %}{% endif %}
{%- if cookiecutter.realtime == "yes" %}{% set _ = extensions.append("sock") %}{% endif %}
{%- if extensions %}
from .extensions import {{ extensions|sort|join(", ") }}
{%- endif %}
{%- if cookiecutter.api_docs == "yes" %}
from .health import bp as health_bp
{%- else %}
from .health import health, ready
{%- endif %}
{%- if cookiecutter.database != "none" %}
from .items import bp as items_bp
{%- endif %}
from .logs import init_logging
{%- if cookiecutter.sentry == "yes" %}
from .monitoring import init_sentry
{%- endif %}
{%- if cookiecutter.html == "yes" %}
from .pages import bp as pages_bp
{%- endif %}
{%- if cookiecutter.auth == "yes" and cookiecutter.email == "yes" %}
from .password_reset import bp as password_reset_bp
{%- endif %}
{%- if cookiecutter.realtime == "yes" %}
from .realtime import init_realtime
{%- endif %}
from .security import init_security
{%- if signs %}
from .sessions import CookieSessionInterface
{%- endif %}
{%- if cookiecutter.tasks == "celery" %}
from .tasks import celery_init_app
{%- endif %}
{%- if cookiecutter.auth == "yes" %}
from .tokens import bp as tokens_bp
{%- if cookiecutter.api_docs == "yes" %}
from .tokens import document_security
{%- endif %}
{%- endif %}


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    """Build the app from ``Config``, then environment variables, then ``overrides``."""
    app = Flask(__name__)
{%- if signs %}
    app.session_interface = CookieSessionInterface()
{%- endif %}
    config.configure(app, overrides)
    init_logging(app)
    config.check_production_settings(app)
{%- if cookiecutter.sentry == "yes" %}
    init_sentry(app)
{%- endif %}
    init_security(app)
{%- if api %}
    if app.config["CORS_ALLOWED_ORIGINS"]:
        # Only these origins' pages may read the API's answers; no cookies cross.
        CORS(app, origins=app.config["CORS_ALLOWED_ORIGINS"])
{%- endif %}
{%- if cookiecutter.database != "none" %}

    db.init_app(app)
    migrate.init_app(app, db)
{%- endif %}
{%- if cookiecutter.auth == "yes" %}
    login_manager.init_app(app)
{%- endif %}
{%- if cookiecutter.realtime == "yes" %}
    sock.init_app(app)
{%- endif %}
{%- if cookiecutter.tasks == "celery" %}
    celery_init_app(app)
{%- endif %}
{%- if cookiecutter.api_docs == "yes" %}

    # The API blueprints go through flask-smorest, which puts them in the OpenAPI document.
    api = Api(app)
    api.register_blueprint(health_bp)
{%- if cookiecutter.database != "none" %}
    api.register_blueprint(items_bp)
{%- endif %}
{%- if cookiecutter.auth == "yes" %}
    api.register_blueprint(tokens_bp)
    document_security(api)
{%- endif %}
    app.register_blueprint(docs_bp)
{%- else %}

    app.add_url_rule("/health", view_func=health)
    app.add_url_rule("/ready", view_func=ready)
{%- if cookiecutter.database != "none" %}
    app.register_blueprint(items_bp)
{%- endif %}
{%- if cookiecutter.auth == "yes" %}
    app.register_blueprint(tokens_bp)
{%- endif %}
{%- endif %}
{%- if cookiecutter.auth == "yes" %}
    app.register_blueprint(auth_bp)
{%- endif %}
{%- if cookiecutter.auth == "yes" and cookiecutter.email == "yes" %}
    app.register_blueprint(password_reset_bp)
{%- endif %}
{%- if cookiecutter.html == "yes" %}
    app.register_blueprint(pages_bp)
{%- endif %}
{%- if cookiecutter.admin == "yes" %}
    init_admin(app)
{%- endif %}
{%- if cookiecutter.realtime == "yes" %}
    init_realtime(app)
{%- endif %}
    return app
