{%- if cookiecutter.html == "yes" -%}
import pytest
from django.test import Client
from django.urls import reverse

from {{ cookiecutter.project_slug }}.notes.models import Note
{%- if cookiecutter.auth == "yes" %}
from {{ cookiecutter.project_slug }}.users.models import User
{%- endif %}

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(client: Client) -> Client:
    """A client that may write notes: {% if cookiecutter.auth == "yes" %}a signed-in user.{% else %}anyone, as there are no accounts.{% endif %}"""
{%- if cookiecutter.auth == "yes" %}
    client.force_login(User.objects.create_user("ada"))
{%- endif %}
    return client


def test_the_list_shows_the_newest_notes_first(client: Client) -> None:
    Note.objects.create(title="Older")
    Note.objects.create(title="Newer")

    response = client.get(reverse("notes:list"))

    assert response.status_code == 200
    assert [note.title for note in response.context["notes"]] == ["Newer", "Older"]


def test_the_list_is_paginated(client: Client) -> None:
    Note.objects.bulk_create(Note(title=f"Note {n}") for n in range(25))

    first = client.get(reverse("notes:list"))
    second = client.get(reverse("notes:list"), {"page": 2})

    assert len(first.context["notes"]) == 20
    assert len(second.context["notes"]) == 5


def test_titles_are_escaped(client: Client) -> None:
    Note.objects.create(title="<b>bold</b>")

    page = client.get(reverse("notes:list")).content.decode()

    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "<b>bold</b>" not in page


def test_a_note_has_its_own_page(client: Client) -> None:
    note = Note.objects.create(title="Shopping", body="Milk\n\nBread")

    response = client.get(note.get_absolute_url())

    assert response.status_code == 200
    assert "<p>Milk</p>" in response.content.decode()


def test_a_missing_note_is_not_found(client: Client) -> None:
    assert client.get(reverse("notes:detail", kwargs={"pk": 404})).status_code == 404
{%- if cookiecutter.auth == "yes" %}


def test_writing_a_note_needs_a_signed_in_user(client: Client) -> None:
    response = client.post(reverse("notes:create"), {"title": "Anonymous"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not Note.objects.exists()
{%- endif %}


def test_writing_a_note_saves_it(writer: Client) -> None:
    response = writer.post(reverse("notes:create"), {"title": "Mine", "body": "Text"})

    note = Note.objects.get()
    assert (note.title, note.body) == ("Mine", "Text")
    assert response["Location"] == note.get_absolute_url()


def test_a_note_needs_a_title(writer: Client) -> None:
    response = writer.post(reverse("notes:create"), {"title": "", "body": "Text"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"title": ["This field is required."]}
    assert not Note.objects.exists()
{%- else -%}
import pytest
from django.test import Client
from django.urls import reverse

from {{ cookiecutter.project_slug }}.notes.models import Note
from {{ cookiecutter.project_slug }}.notes.views import LIST_LIMIT

pytestmark = pytest.mark.django_db


def test_the_list_shows_the_newest_notes_first(client: Client) -> None:
    Note.objects.create(title="Older")
    Note.objects.create(title="Newer", body="Text")

    response = client.get(reverse("notes:list"))

    assert response.status_code == 200
    notes = response.json()["notes"]
    assert [note["title"] for note in notes] == ["Newer", "Older"]
    assert set(notes[0]) == {"id", "title", "body", "created_at"}


def test_the_list_stops_at_its_limit(client: Client) -> None:
    Note.objects.bulk_create(Note(title=f"Note {n}") for n in range(LIST_LIMIT + 1))

    assert len(client.get(reverse("notes:list")).json()["notes"]) == LIST_LIMIT


def test_a_note_has_its_own_url(client: Client) -> None:
    note = Note.objects.create(title="Shopping", body="Milk")

    response = client.get(note.get_absolute_url())

    assert response.status_code == 200
    assert response.json()["title"] == "Shopping"
    assert response.json()["id"] == note.pk


def test_a_missing_note_is_not_found(client: Client) -> None:
    assert client.get(reverse("notes:detail", kwargs={"pk": 404})).status_code == 404


def test_the_list_is_read_only(client: Client) -> None:
    assert client.post(reverse("notes:list"), {"title": "No"}).status_code == 405
{%- endif %}
