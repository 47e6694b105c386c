{%- from "_flags.j2" import celery with context -%}
"""Outgoing mail: through a real SMTP server on 127.0.0.1 (aiosmtpd){% if celery %}, sent by
a Celery task that a real worker runs{% endif %}, and into the outbox without ``SMTP_HOST``."""
{% if celery %}
from typing import Any
{% endif %}
import pytest

from app import mail
from app.config import Settings
from tests.conftest import Inbox, SettingsFactory


def smtp_settings(make_settings: SettingsFactory, port: int) -> Settings:
    return make_settings(
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_starttls=False,
        mail_from="shop@example.com",
    )


@pytest.mark.anyio
async def test_a_message_reaches_the_smtp_server(
    make_settings: SettingsFactory, smtp_server: tuple[Inbox, int]{% if celery %}, celery_worker: Any{% endif %}
) -> None:
    inbox, port = smtp_server
    settings = smtp_settings(make_settings, port)
{%- if celery %}
    from app import tasks

    tasks.configure(settings)
{%- endif %}

    await mail.send_mail(settings, "ada@example.com", "Welcome", "Hello, Ada.")

    received = inbox.wait()
    assert received["From"] == "shop@example.com"
    assert received["To"] == "ada@example.com"
    assert received["Subject"] == "Welcome"
    assert str(received.get_payload()).strip() == "Hello, Ada."
    envelope = inbox.messages[0][0]
    assert envelope.rcpt_tos == ["ada@example.com"]


def test_without_smtp_host_the_message_goes_to_the_outbox(
    make_settings: SettingsFactory,
) -> None:
    settings = make_settings()
    mail.outbox.clear()

    mail.deliver(settings, mail.message(settings, "bob@example.com", "Hi", "Hello."))

    assert [(m["To"], m["Subject"]) for m in mail.outbox] == [("bob@example.com", "Hi")]


def test_production_requires_an_smtp_host(make_settings: SettingsFactory) -> None:
    with pytest.raises(ValueError, match="SMTP_HOST must be set in production"):
        make_settings(
            environment="production",
{%- if cookiecutter.realtime == "yes" %}
            allowed_hosts="app.example",
{%- endif %}
        )
