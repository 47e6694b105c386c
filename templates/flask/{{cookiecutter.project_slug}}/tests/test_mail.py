{%- set celery = cookiecutter.tasks == "celery" -%}
"""Mail reaches a real SMTP server (aiosmtpd, on 127.0.0.1){% if celery %}, sent by a real
Celery worker{% endif %}; without ``SMTP_HOST`` it stays in the outbox."""
{%- if celery %}

from typing import Any
{%- endif %}

import pytest
from conftest import TIMEOUT, AppFactory, Inbox
from flask import Flask

from {{ cookiecutter.project_slug }}.mail import {% if celery %}deliver, message, {% endif %}outbox, send_mail


@pytest.fixture
def app(make_app: AppFactory, smtp_server: tuple[Inbox, int]) -> Flask:
    """A testing app that sends its mail to ``smtp_server``{% if celery %}, whose Celery app the
    ``celery_worker`` fixture runs{% endif %}."""
    return make_app(
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=smtp_server[1],
        SMTP_STARTTLS=False,
        MAIL_FROM="shop@example.com",
    )


def test_mail_reaches_the_smtp_server(
    app: Flask, smtp_server: tuple[Inbox, int]{% if celery %}, celery_worker: Any{% endif %}
) -> None:
    inbox = smtp_server[0]

    with app.app_context():
        send_mail("ada@example.com", "Your order", "It ships today.")

    assert inbox.arrived.wait(TIMEOUT), "no message reached the SMTP server"
    envelope, sent = inbox.messages[0]
    assert envelope.mail_from == "shop@example.com"
    assert envelope.rcpt_tos == ["ada@example.com"]
    assert sent["From"] == "shop@example.com"
    assert sent["Subject"] == "Your order"
    payload = sent.get_payload(decode=True)
    assert isinstance(payload, bytes)
    assert payload.strip() == b"It ships today."
    assert outbox(app) == []


def test_without_an_smtp_host_mail_stays_in_the_outbox(make_app: AppFactory) -> None:
    app = make_app()

    with app.app_context():
{%- if celery %}
        deliver(message("ada@example.com", "Your order", "It ships today."))
{%- else %}
        send_mail("ada@example.com", "Your order", "It ships today.")
{%- endif %}

    [kept] = outbox(app)
    assert kept["To"] == "ada@example.com"
    assert kept["Subject"] == "Your order"
