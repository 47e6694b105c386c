"""Outgoing mail: SMTP from the environment in production, the console in development,
and through a real SMTP server here."""

import json
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.mail import send_mail
from pytest_django import Settings

from .smtp import Inbox, smtp_inbox
from .test_settings import production_env, run

SHOW = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, "
    "s.EMAIL_HOST_USER, s.DEFAULT_FROM_EMAIL]))"
)


@pytest.fixture
def inbox(settings: Settings) -> Iterator[Inbox]:
    yield from smtp_inbox(settings)


def test_mail_goes_out_through_a_real_smtp_server(inbox: Inbox) -> None:
    sent = send_mail("Hello", "The body.", None, ["ada@example.com"])

    [message] = inbox.wait_for(1)
    assert sent == 1
    assert message["Subject"] == "Hello"
    assert message["To"] == "ada@example.com"
    assert message["From"] == settings.DEFAULT_FROM_EMAIL
    assert str(message.get_payload()).strip() == "The body."


def test_production_sends_over_smtp_as_the_environment_says() -> None:
    env = production_env(
        DJANGO_EMAIL_HOST="smtp.example.com",
        DJANGO_EMAIL_HOST_USER="mailer",
        DJANGO_DEFAULT_FROM_EMAIL="noreply@example.com",
    )

    done = run(["-c", SHOW], env)

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.com",
        587,
        True,
        "mailer",
        "noreply@example.com",
    ]


def test_production_does_not_deploy_without_the_mail_host() -> None:
    env = production_env()
    del env["DJANGO_EMAIL_HOST"]

    done = run(["manage.py", "check"], env)

    assert done.returncode != 0
    assert "DJANGO_EMAIL_HOST is not set" in done.stderr


def test_development_prints_mail_to_the_console() -> None:
    env = production_env(DJANGO_SETTINGS_MODULE="config.settings.local")
    del env["DJANGO_EMAIL_HOST"]

    done = run(["-c", SHOW], env)

    assert done.returncode == 0, done.stderr
    backend = json.loads(done.stdout)[0]
    assert backend == "django.core.mail.backends.console.EmailBackend"
