{%- from "_flags.j2" import celery with context -%}
"""Outgoing mail, through the standard library's ``smtplib``.

The SMTP server comes from the environment: ``SMTP_HOST``, ``SMTP_PORT`` (587),
``SMTP_STARTTLS`` (true: the connection is upgraded to TLS before anything is sent),
``SMTP_USERNAME`` and ``SMTP_PASSWORD`` (when the server wants a login) and ``MAIL_FROM``.
Without ``SMTP_HOST``, in development and the tests (production requires it), a message
is logged and kept in ``outbox`` instead of sent.

``smtplib`` blocks, so {% if celery %}``send_mail`` queues a Celery task that sends the
message (``app.tasks.deliver_mail``, tried again with backoff while the server is away):
the request does not wait for the SMTP server at all{% else %}``send_mail`` runs it in a
worker thread: the event loop serves other requests while the server answers{% endif %}.
The standard library rather than aiosmtplib: no extra dependency, and the same code sends
from a thread{% if celery %}, and from a Celery task,{% endif %} as it would from a script.
"""

import logging
import smtplib
import ssl
from email.message import EmailMessage

{% if not celery -%}
import anyio

{% endif -%}
from app.config import Settings
{%- if celery %}
from app.tasks import deliver_mail, enqueue
{%- endif %}

logger = logging.getLogger(__name__)
#: Seconds to wait for the SMTP server before giving up.
TIMEOUT = 10
#: The messages "sent" without ``SMTP_HOST``, oldest first.
outbox: list[EmailMessage] = []


def message(settings: Settings, to: str, subject: str, body: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = settings.mail_from
    mail["To"] = to
    mail["Subject"] = subject
    mail.set_content(body)
    return mail


def deliver(settings: Settings, mail: EmailMessage) -> None:
    """Send ``mail`` now, blocking until the server took it (or into ``outbox``)."""
    if not settings.smtp_host:
        outbox.append(mail)
        logger.info("mail to %s kept (no SMTP_HOST): %s", mail["To"], mail["Subject"])
        return
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT) as smtp:
        if settings.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.smtp_username:
            password = settings.smtp_password.get_secret_value()
            smtp.login(settings.smtp_username, password)
        smtp.send_message(mail)
    logger.info("mail sent to %s: %s", mail["To"], mail["Subject"])


async def send_mail(settings: Settings, to: str, subject: str, body: str) -> None:
    """Send a plain-text message{% if celery %} by a Celery task{% else %} from a worker thread{% endif %}."""
{%- if celery %}
    await enqueue(deliver_mail, to, subject, body)
{%- else %}
    mail = message(settings, to, subject, body)
    await anyio.to_thread.run_sync(deliver, settings, mail)
{%- endif %}
