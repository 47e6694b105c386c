"""The application: ``create_app`` builds it, ``app`` is what the server imports."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.api import health
from app.config import Settings, get_settings

logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    logger.info("%s starting", app.title)
    yield
    logger.info("%s stopped", app.title)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    logging.basicConfig(level=settings.log_level)
    app = FastAPI(
        title=settings.project_name,
        version={{ cookiecutter.version|quoted }},
        lifespan=lifespan,
    )
    app.include_router(health.router)
    return app


app = create_app()
