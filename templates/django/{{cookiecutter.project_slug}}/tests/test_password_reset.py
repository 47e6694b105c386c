"""Password reset by e-mail, end to end through a real SMTP server{% if cookiecutter.tasks == "celery" %} (the mail sent by a
real Celery worker){% endif %}: the link works once, expires, and the reply never says whether
an address has an account."""

import re
from collections.abc import Iterator

import pytest
{%- if cookiecutter.tasks == "celery" %}
from celery import Celery
from celery.contrib.testing.worker import TestWorkController
{%- endif %}
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from pytest_django import Settings

from {{ cookiecutter.project_slug }}.users.models import User
{%- if cookiecutter.tasks == "celery" %}
from {{ cookiecutter.project_slug }}.users.tasks import send_email
{%- endif %}

from .smtp import Inbox, smtp_inbox
{%- if cookiecutter.tasks == "celery" %}
from .test_tasks import celery_config  # noqa: F401 (the project's Celery settings)
{%- endif %}

pytestmark = pytest.mark.django_db{% if cookiecutter.tasks == "celery" %}(transaction=True){% endif %}

OLD = "an-old-unusual-passphrase"
NEW = "a-new-unusual-passphrase"


@pytest.fixture
def inbox(settings: Settings) -> Iterator[Inbox]:
    yield from smtp_inbox(settings)
{%- if cookiecutter.tasks == "celery" %}


@pytest.fixture
def worker(celery_app: Celery, celery_worker: TestWorkController) -> None:
    """A real worker sends the mail (the task imported above, before the test app is
    made, is one of its tasks)."""
    assert send_email.name in celery_app.tasks
{%- endif %}


def make_user() -> User:
    return User.objects.create_user("ada", "ada@example.com", OLD)


def ask_for_a_link(client: Client, email: str) -> tuple[int, str]:
    response = client.post(reverse("password_reset"), {"email": email})
    return response.status_code, response["Location"]


{% if cookiecutter.tasks == "celery" -%}
def test_a_mailed_link_sets_a_new_password_once(
    client: Client, inbox: Inbox, worker: None
) -> None:
{%- else -%}
def test_a_mailed_link_sets_a_new_password_once(client: Client, inbox: Inbox) -> None:
{%- endif %}
    user = make_user()

    assert ask_for_a_link(client, "ada@example.com") == (
        302,
        reverse("password_reset_done"),
    )
    [message] = inbox.wait_for(1)
    assert message["To"] == "ada@example.com"
    found = re.search(
        r"http://testserver(/accounts/reset/\S+/)", str(message.get_payload())
    )
    assert found is not None
    link = found.group(1)

    # Django swaps the token for a session and shows the form at .../set-password/.
    form = client.get(link)
    assert form.status_code == 302
    done = client.post(form["Location"], {"new_password1": NEW, "new_password2": NEW})
    assert (done.status_code, done["Location"]) == (
        302,
        reverse("password_reset_complete"),
    )
    user.refresh_from_db()
    assert user.check_password(NEW)

    again = Client().get(link, follow=True)
    assert "This link no longer works" in again.content.decode()


def test_an_unknown_address_gets_the_same_reply_and_no_mail(
    client: Client, inbox: Inbox{% if cookiecutter.tasks == "celery" %}, worker: None{% endif %}
) -> None:
    make_user()

    unknown = ask_for_a_link(client, "nobody@example.com")
    known = ask_for_a_link(client, "ada@example.com")

    assert unknown == known
    # The one message is the known address's: none went to the unknown one.
    assert [message["To"] for message in inbox.wait_for(1)] == ["ada@example.com"]
    assert len(inbox.messages) == 1


def test_an_expired_link_no_longer_works(client: Client, settings: Settings) -> None:
    user = make_user()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    # Any age is past a timeout below zero.
    settings.PASSWORD_RESET_TIMEOUT = -1

    response = client.get(
        reverse("password_reset_confirm", args=[uid, token]), follow=True
    )

    assert "This link no longer works" in response.content.decode()
