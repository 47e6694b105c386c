import pytest
from django.test import Client
from django.urls import reverse

from {{ cookiecutter.project_slug }}.notes.models import Note

from .notes import make_note

pytestmark = pytest.mark.django_db


def test_the_admin_asks_visitors_to_log_in(client: Client) -> None:
    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_admin_lists_notes(admin_client: Client) -> None:
    make_note(title="Seen in the admin")

    response = admin_client.get(reverse("admin:notes_note_changelist"))

    assert response.status_code == 200
    assert "Seen in the admin" in response.content.decode()


def test_the_admin_adds_a_note(admin_client: Client) -> None:
    response = admin_client.post(
        reverse("admin:notes_note_add"), {"title": "Added in the admin", "body": ""}
    )

    assert response.status_code == 302
    note = Note.objects.get(title="Added in the admin")
{%- if cookiecutter.auth == "yes" %}
    assert note.owner.username == "admin"  # the administrator who added it
{%- else %}
    assert note.body == ""
{%- endif %}


def test_the_admin_manages_users(admin_client: Client) -> None:
    assert admin_client.get(reverse("admin:users_user_changelist")).status_code == 200
