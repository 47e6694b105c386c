{%- from "_flags.j2" import db, mail with context -%}
"""Background tasks on Celery: a plain Celery app, its workers on Redis.

``celery_app`` takes its configuration from the settings (``REDIS_URL`` as broker and
result backend, time limits, late acknowledgement) when it first needs it: the worker
reads the environment then, and ``create_app`` hands it the app's own settings first, so
that a test's app and its tasks agree. Start a worker beside the web server::

    celery -A app.tasks worker --loglevel INFO

Path operations queue a task with ``.delay(...)`` once the data it needs is committed,
never inside the request's transaction (the worker may run it before the request ends),
and never wait for its result: the work happens outside the request. ``.delay`` talks to
Redis with a blocking client, so the request queues it from a worker thread
(``enqueue``), and the event loop serves other requests meanwhile.
{%- if db %}

Tasks are synchronous functions: one that needs the database runs its async code with
``asyncio.run``, on an engine of its own that it disposes of.
{%- endif %}
"""
{% if db %}
import asyncio
{%- endif %}
import logging
{%- if mail %}
import smtplib
{%- endif %}
from functools import partial
from typing import Any

from celery import Celery
from celery.result import AsyncResult
from starlette.concurrency import run_in_threadpool

from app.config import Settings, get_settings
{%- if db %}
from app.db import make_engine, make_session_factory
from app.models import Item
{%- endif %}

logger = logging.getLogger(__name__)
#: Seconds a task may run: past the soft limit it is asked to stop (SoftTimeLimitExceeded
#: is raised in it), past the hard one its worker process is replaced.
TIME_LIMIT = 300
SOFT_TIME_LIMIT = 240
#: Errors worth trying again: the network, or a server that is briefly away.
TRANSIENT = (ConnectionError, TimeoutError{% if mail %}, smtplib.SMTPServerDisconnected{% endif %})
#: Retries wait 1, 2, 4... seconds (with jitter), at most 600, then give up.
RETRY: dict[str, Any] = {
    "autoretry_for": TRANSIENT,
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
}

celery_app = Celery("app")
#: The settings the tasks run with: the app's, once ``configure`` is called.
_settings: Settings | None = None


def celery_config(settings: Settings) -> dict[str, Any]:
    """Celery's configuration from the app's settings."""
    return {
        "broker_url": settings.celery_broker_url or settings.redis_url,
        "result_backend": settings.celery_result_backend or settings.redis_url,
        "task_time_limit": TIME_LIMIT,
        "task_soft_time_limit": SOFT_TIME_LIMIT,
        # Acknowledged once done, not when received: a worker that dies mid-task leaves
        # it to another. Tasks must therefore be safe to run twice.
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        # One task at a time per process: a long one does not hold others back.
        "worker_prefetch_multiplier": 1,
        "broker_connection_retry_on_startup": True,
        "task_serializer": "json",
        "result_serializer": "json",
        "accept_content": ["json"],
        "result_expires": 3600,
    }


def configure(settings: Settings) -> Celery:
    """Point ``celery_app`` and the tasks at ``settings``; ``create_app`` calls this."""
    global _settings
    _settings = settings
    celery_app.conf.update(celery_config(settings))
    return celery_app


@celery_app.on_configure.connect
def _from_the_environment(sender: Celery, **_: Any) -> None:
    """In a worker (or ``celery inspect``), where no app was made: the environment's
    settings, read when Celery first needs its configuration."""
    if _settings is None:
        sender.conf.update(celery_config(get_settings()))


def settings() -> Settings:
    return _settings or get_settings()


async def enqueue(task: Any, *args: Any) -> AsyncResult:
    """Queue ``task`` from a path operation, without blocking the event loop; the
    caller does not wait for the task, only for Redis to take it."""
    result: AsyncResult = await run_in_threadpool(partial(task.delay, *args))
    return result
{%- if db %}


@celery_app.task(acks_late=True, **RETRY)
def item_created(item_id: int) -> str | None:
    """The example task, queued when an item is created: it logs the item, and stands
    for the work (notifications, indexing, thumbnails) that should not slow the request.

    Its result is what it did; ``None`` if the item was deleted before the task ran.
    """
    return asyncio.run(_describe_item(item_id))


async def _describe_item(item_id: int) -> str | None:
    engine = make_engine(settings().database_url)
    try:
        async with make_session_factory(engine)() as session:
            item = await session.get(Item, item_id)
    finally:
        await engine.dispose()
    if item is None:
        return None
    done = f"item {item.id} created: {item.name}"
    logger.info(done)
    return done
{%- else %}


@celery_app.task(acks_late=True, **RETRY)
def announce(message: str) -> str:
    """The example task: it logs ``message``, and stands for the work (notifications,
    reports, calls to other services) that should not slow a request down."""
    logger.info("announced: %s", message)
    return message
{%- endif %}
{%- if mail %}


@celery_app.task(acks_late=True, **RETRY)
def deliver_mail(to: str, subject: str, body: str) -> None:
    """Send a message now; ``app.mail.send_mail`` queues this. A server that is away
    (a connection error or timeout, ``smtplib``'s included) is tried again with backoff."""
    from app.mail import deliver, message

    deliver(settings(), message(settings(), to, subject, body))
{%- endif %}
