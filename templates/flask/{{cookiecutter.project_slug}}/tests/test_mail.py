{%- set celery = cookiecutter.tasks == "celery" -%}
"""Mail reaches a real SMTP server (aiosmtpd, on 127.0.0.1){% if celery %}, sent by a real
Celery worker{% endif %}; without ``SMTP_HOST`` it stays in the outbox."""

import socket
import threading
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
{%- if celery %}
from typing import Any
{%- endif %}

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from conftest import AppFactory
from flask import Flask

from {{ cookiecutter.project_slug }}.mail import {% if celery %}deliver, message, {% endif %}outbox, send_mail

#: How long a test waits for a message to arrive.
TIMEOUT = 10.0


class Inbox:
    """An aiosmtpd handler that keeps what it is sent."""

    def __init__(self) -> None:
        self.messages: list[tuple[Envelope, Message]] = []
        self.arrived = threading.Event()

    async def handle_DATA(
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        content = envelope.content
        raw = content if isinstance(content, bytes) else str(content).encode()
        self.messages.append((envelope, message_from_bytes(raw)))
        self.arrived.set()
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


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
