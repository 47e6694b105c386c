{%- set celery = cookiecutter.tasks == "celery" -%}
"""Outgoing mail through the standard library's smtplib, behind one typed function.

``send_mail(to, subject, body)`` is all the app calls{% if celery %}; it queues the Celery
task ``deliver_mail``, so that a slow or absent mail server never holds a request up, and
the task retries with backoff while the server is away{% endif %}. The server comes from
the environment: ``SMTP_HOST``, ``SMTP_PORT`` (587), ``SMTP_STARTTLS`` (on),
``SMTP_USERNAME``, ``SMTP_PASSWORD``; the sender is ``MAIL_FROM``.

Without ``SMTP_HOST`` (allowed in debug and testing mode only) nothing is sent: each message
is logged, as a console backend would, and kept in the app's ``outbox`` for the tests.
"""

import logging
import smtplib
import ssl
from email.message import EmailMessage

from flask import Flask, current_app
{%- if celery %}

from .tasks import deliver_mail
{%- endif %}

OUTBOX_KEY = f"{__name__}.outbox"
#: How long a conversation with the mail server may stall before it fails.
SMTP_TIMEOUT_SECONDS = 30
log = logging.getLogger(__name__)


def message(to: str, subject: str, body: str) -> EmailMessage:
    """A plain-text message from ``MAIL_FROM``."""
    mail = EmailMessage()
    mail["From"] = current_app.config["MAIL_FROM"]
    mail["To"] = to
    mail["Subject"] = subject
    mail.set_content(body)
    return mail


def send_mail(to: str, subject: str, body: str) -> None:
    """Send a plain-text message to ``to``{% if celery %}, through a Celery task{% endif %}."""
{%- if celery %}
    deliver_mail.delay(to, subject, body)
{%- else %}
    deliver(message(to, subject, body))
{%- endif %}


def deliver(mail: EmailMessage) -> None:
    """Hand ``mail`` to the SMTP server now; without ``SMTP_HOST``, to the outbox."""
    settings = current_app.config
    if not settings["SMTP_HOST"]:
        outbox(current_app).append(mail)
        log.info("mail not sent (no SMTP_HOST): to %s: %s", mail["To"], mail["Subject"])
        return
    with smtplib.SMTP(
        settings["SMTP_HOST"], settings["SMTP_PORT"], timeout=SMTP_TIMEOUT_SECONDS
    ) as smtp:
        if settings["SMTP_STARTTLS"]:
            smtp.starttls(context=ssl.create_default_context())
        if settings["SMTP_USERNAME"]:
            smtp.login(settings["SMTP_USERNAME"], settings["SMTP_PASSWORD"])
        smtp.send_message(mail)


def outbox(app: Flask) -> list[EmailMessage]:
    """The messages ``app`` would have sent, had ``SMTP_HOST`` been set."""
    found: list[EmailMessage] = app.extensions.setdefault(OUTBOX_KEY, [])
    return found
