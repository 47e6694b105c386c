{%- set db = cookiecutter.database != "none" -%}
{%- set auth = cookiecutter.auth == "yes" -%}
{%- set admin = cookiecutter.admin == "yes" -%}
{%- set docs = cookiecutter.api_docs == "yes" -%}
{%- set html = cookiecutter.html == "yes" -%}
{%- set realtime = cookiecutter.realtime == "yes" -%}
{%- set routers = ["health"] -%}
{%- if auth %}{% set routers = ["auth"] + routers %}{% endif -%}
{%- if db %}{% set routers = routers + ["items"] %}{% endif -%}
{%- if html %}{% set routers = routers + ["pages"] %}{% endif -%}
{%- if realtime %}{% set routers = routers + ["realtime"] %}{% endif -%}
"""The application: ``create_app`` builds one from settings; ``app`` is what servers run."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
{%- if db %}
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
{%- endif %}

{% if admin -%}
from app.admin import setup_admin
{% endif -%}
from app.api import {{ routers|join(", ") }}
{%- if realtime %}
from app.broker import make_broker
{%- endif %}
from app.config import Settings, get_settings
{%- if db %}
from app.db import make_engine, make_session_factory, migrate
{%- endif %}
from app.log import configure_logging

logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Runs once per worker process: before the first request, and after the last."""
    settings: Settings = app.state.settings
{%- if db %}
    engine: Engine = app.state.engine
    if settings.migrates_on_startup:
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
    engine.dispose()
{%- endif %}
    logger.info("%s stopped", settings.project_name)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level)
    app = FastAPI(
        title=settings.project_name,
        version={{ cookiecutter.version|pystr }},
        description={{ cookiecutter.description|pystr }},
        lifespan=lifespan,
{%- if not docs %}
        # No interactive docs and no schema: api_docs was turned off.
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
{%- endif %}
    )
    app.state.settings = settings
{%- if db %}
    engine = app.state.engine = make_engine(settings.database_url)
    app.state.session_factory = make_session_factory(engine)
{%- endif %}
    app.add_api_route("/health", health.health, tags=["health"])
{%- for router in routers if router != "health" %}
    app.include_router({{ router }}.router)
{%- endfor %}
{%- if admin %}
    setup_admin(app, settings, app.state.session_factory)
{%- endif %}
    return app


app = create_app()
