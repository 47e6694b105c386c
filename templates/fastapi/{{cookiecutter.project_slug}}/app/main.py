{%- from "_flags.j2" import db, auth, admin, docs, html, realtime, celery, sentry with context -%}
{%- set static = docs or admin -%}
{%- set routers = ["health"] -%}
{%- if auth %}{% set routers = ["auth"] + routers %}{% endif -%}
{%- if auth and cookiecutter.email == "yes" %}{% set routers = routers + ["password_reset"] %}{% endif -%}
{%- if db %}{% set routers = routers + ["items"] %}{% endif -%}
{%- if html %}{% set routers = routers + ["pages"] %}{% endif -%}
{%- if realtime %}{% set routers = routers + ["realtime"] %}{% endif -%}
{%- if docs %}{% set routers = routers + ["docs"] %}{% endif -%}
"""The application: ``create_app`` builds one from settings.

Servers run ``app.main:app``, which is built on first use rather than when this module is
imported: the tests import ``create_app`` and build their apps from settings of their own,
whatever the shell or ``.env`` says (``ENVIRONMENT=production`` there would otherwise fail
the import for want of a ``SECRET_KEY``).
"""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
{%- if static %}
from pathlib import Path
{%- endif %}

from fastapi import FastAPI
{%- if static %}
from fastapi.staticfiles import StaticFiles
{%- endif %}
{%- if db %}
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.concurrency import run_in_threadpool
{%- endif %}
from starlette.middleware.cors import CORSMiddleware

{% if admin -%}
from app.admin import setup_admin
{% endif -%}
from app.api import {{ routers|sort|join(", ") }}
{%- if realtime %}
from app.broker import make_broker
{%- endif %}
from app.config import Settings, get_settings
{%- if db %}
from app.db import make_engine, make_session_factory, migrate
{%- endif %}
from app.headers import SecurityHeadersMiddleware
from app.log import RequestIdMiddleware, configure_logging
{%- if sentry %}
from app.monitoring import init_sentry
{%- endif %}
{%- if celery %}
from app.tasks import configure as configure_tasks
{%- endif %}

logger = logging.getLogger(__name__)
{%- if static %}

#: Files the pages load: {% if docs %}the docs' start-up script{% endif %}{% if docs and admin %} and {% endif %}{% if admin %}the admin's CSRF script{% endif %} here{% if docs %}, and
#: Swagger UI and ReDoc from the ``fastapi-offline`` package{% endif %}.
STATIC = Path(__file__).resolve().parent / "static"
{%- endif %}


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Runs once per worker process: before the first request, and after the last."""
    settings: Settings = app.state.settings
{%- if db %}
    engine: AsyncEngine = app.state.engine
    if settings.migrates_on_startup:
        # In a thread: Alembic's environment runs an event loop of its own.
        await run_in_threadpool(migrate, settings.database_url)
{%- endif %}
{%- if realtime %}
    broker = app.state.broker = make_broker(settings.redis_url)
    if settings.redis_url is None and settings.environment == "production":
        logger.warning("REDIS_URL is not set: WebSocket messages stay in this process")
{%- endif %}
    logger.info("%s started (%s)", settings.project_name, settings.environment)
    yield
{%- if realtime %}
    await broker.close()
{%- endif %}
{%- if db %}
    await engine.dispose()
{%- endif %}
    logger.info("%s stopped", settings.project_name)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.json_logs)
{%- if sentry %}
    init_sentry(settings)
{%- endif %}
{%- if celery %}
    configure_tasks(settings)
{%- endif %}
    app = FastAPI(
        title=settings.project_name,
        version={{ cookiecutter.version|pystr }},
        description={{ cookiecutter.description|pystr }},
        lifespan=lifespan,
        # FastAPI's own docs pages load Swagger UI and ReDoc from a CDN: app/api/docs.py
        # serves them from the app itself.
        docs_url=None,
        redoc_url=None,
{%- if not docs %}
        # No schema either: api_docs was turned off.
        openapi_url=None,
{%- endif %}
    )
    app.state.settings = settings
    if settings.cors_allowed_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_allowed_origins,
            allow_methods=["*"],
            allow_headers=["*"],
        )
    # Added after CORS, so that it wraps it: the headers go on every response, 404s and
    # CORS preflight answers included.
    app.add_middleware(SecurityHeadersMiddleware, settings=settings)
    # Outermost of all: every log line of the request, the other middleware's included,
    # carries its id.
    app.add_middleware(RequestIdMiddleware)
{%- if db %}
    engine = app.state.engine = make_engine(settings.database_url)
    app.state.session_factory = make_session_factory(engine)
{%- endif %}
    app.add_api_route("/health", health.health, tags=["health"])
    app.add_api_route("/ready", health.ready, tags=["health"])
{%- for router in routers if router != "health" %}
    app.include_router({{ router }}.router)
{%- endfor %}
{%- if static %}
{%- if docs %}
    static = StaticFiles(directory=STATIC, packages=[("fastapi_offline", "static")])
{%- else %}
    static = StaticFiles(directory=STATIC)
{%- endif %}
    app.mount("/static", static, name="static")
{%- endif %}
{%- if admin %}
    setup_admin(app, settings, app.state.session_factory)
{%- endif %}
    return app


#: Declared for type checkers; ``__getattr__`` below makes it.
app: FastAPI


def __getattr__(name: str) -> FastAPI:
    """``app.main:app``, the app servers run, built from the environment on first use."""
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    global app
    app = create_app()
    return app
