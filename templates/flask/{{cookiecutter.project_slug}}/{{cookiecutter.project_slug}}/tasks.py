{%- set db = cookiecutter.database != "none" -%}
"""Background tasks on Celery, tied to the app factory as Flask's Celery pattern does.

``create_app`` calls ``celery_init_app``, which makes the Celery app from
``app.config["CELERY"]`` (see ``config.celery_settings``: Redis at ``REDIS_URL`` as broker
and result backend, time limits, late acknowledgement) and keeps it in
``app.extensions["celery"]``. Every task runs inside an app context of that Flask app, so
it uses the database and the settings as a view does. Tasks are ``shared_task``s: they
belong to whichever Celery app is current, and this module imports no app.

The worker starts from ``make_celery.py``, which builds the app::

    celery -A make_celery worker --loglevel INFO

Queue a task with ``.delay(...)`` once the data it needs is committed, never inside the
request's transaction: the worker may run it before the request ends.
"""

import logging
{%- if cookiecutter.email == "yes" %}
import smtplib
{%- endif %}
from typing import Any

from celery import Celery, Task, shared_task
from flask import Flask
{%- if db %}

from .extensions import db
from .models import Item
{%- endif %}

log = logging.getLogger(__name__)
#: Errors worth trying again: the network or a server that is briefly away.
TRANSIENT = (ConnectionError, TimeoutError{% if cookiecutter.email == "yes" %}, smtplib.SMTPServerDisconnected{% endif %})
#: Retries wait 1, 2, 4... seconds (with jitter), at most RETRY_BACKOFF_MAX, then give up.
RETRY = {
    "autoretry_for": TRANSIENT,
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
}


def celery_init_app(app: Flask) -> Celery:
    """The Celery app of ``app``, whose tasks run in ``app``'s context."""

    class FlaskTask(Task):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            with app.app_context():
                return self.run(*args, **kwargs)

    celery_app = Celery(app.name, task_cls=FlaskTask)
    celery_app.config_from_object(app.config["CELERY"])
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    return celery_app
{%- if db %}


@shared_task(acks_late=True, **RETRY)
def item_created(item_id: int) -> str | None:
    """The example task, queued when an item is created: it logs the item, and stands for
    the work (notifications, indexing, thumbnails) that should not slow the request down.

    Its result is what it did; ``None`` if the item was deleted before the task ran.
    """
    item = db.session.get(Item, item_id)
    if item is None:
        return None
    done = f"item {item.id} created: {item.name}"
    log.info(done)
    return done
{%- else %}


@shared_task(acks_late=True, **RETRY)
def announce(message: str) -> str:
    """The example task: it logs ``message``, and stands for the work (notifications,
    reports, calls to other services) that should not slow a request down."""
    log.info("announced: %s", message)
    return message
{%- endif %}
{%- if cookiecutter.email == "yes" %}


@shared_task(acks_late=True, **RETRY)
def deliver_mail(to: str, subject: str, body: str) -> None:
    """Send a message now; ``mail.send_mail`` queues this. A server that is away (a
    connection error or timeout, ``smtplib``'s included) is tried again with backoff."""
    from .mail import deliver, message

    deliver(message(to, subject, body))
{%- endif %}
