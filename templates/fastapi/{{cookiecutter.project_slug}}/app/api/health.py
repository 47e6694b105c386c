{%- from "_flags.j2" import db, redis with context -%}
"""Liveness and readiness, for load balancers and container orchestrators.

``/health`` says the process answers, and does no I/O: a liveness probe that fails
restarts the container, which a database that is away would not mend. ``/ready`` says
whether the app can serve: {% if db %}the database answers{% endif %}{% if db and redis %} and {% endif %}{% if redis %}Redis answers (when ``REDIS_URL`` is set){% endif %}{% if not db and not redis %}there is nothing it depends on, so it is ready when it answers{% endif %};
otherwise 503, naming what failed, so that a load balancer sends its traffic elsewhere.

``create_app`` adds both to the app itself rather than through an ``APIRouter``: load
balancers call them all the time, and FastAPI does extra work on every request to a route
of an included router.
"""
{% if db or redis %}
import asyncio
import logging
{% endif %}
from fastapi import Request
from fastapi.responses import JSONResponse
{%- if redis %}
from redis.asyncio import Redis
{%- endif %}
{%- if db %}
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
{%- endif %}
{%- if db or redis %}

logger = logging.getLogger(__name__)
#: Seconds each check may take: a server that does not answer by then is not ready.
TIMEOUT = 3.0
{%- endif %}


async def health() -> dict[str, str]:
    return {"status": "ok"}
{%- if db %}


async def database_answers(engine: AsyncEngine) -> bool:
    try:
        async with asyncio.timeout(TIMEOUT), engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as error:  # any failure at all means not ready
        logger.warning("readiness: the database does not answer: %s", error)
        return False
    return True
{%- endif %}
{%- if redis %}


async def redis_answers(url: str) -> bool:
    client = Redis.from_url(url, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT)
    try:
        async with asyncio.timeout(TIMEOUT):
            await client.ping()
    except Exception as error:  # any failure at all means not ready
        logger.warning("readiness: Redis does not answer: %s", error)
        return False
    finally:
        await client.aclose()
    return True
{%- endif %}


async def ready(request: Request) -> JSONResponse:
    """200 when everything the app needs answers; 503 naming what does not."""
    failed: list[str] = []
{%- if db %}
    if not await database_answers(request.app.state.engine):
        failed.append("database")
{%- endif %}
{%- if redis %}
    redis_url = request.app.state.settings.redis_url
    if redis_url and not await redis_answers(redis_url):
        failed.append("redis")
{%- endif %}
    if failed:
        body = {"status": "unavailable", "failed": failed}
        return JSONResponse(body, status_code=503)
    return JSONResponse({"status": "ok"})
