{%- if cookiecutter.html == "yes" -%}
import pytest
from django.test import Client
from django.urls import reverse

from {{ cookiecutter.project_slug }}.notes.models import Note
{%- if cookiecutter.auth == "yes" %}
from {{ cookiecutter.project_slug }}.users.models import User
{%- endif %}

from .notes import make_note, make_notes

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(client: Client) -> Client:
    """A client that may write notes: {% if cookiecutter.auth == "yes" %}a signed-in user, ada.{% else %}anyone, as there are no accounts.{% endif %}"""
{%- if cookiecutter.auth == "yes" %}
    client.force_login(User.objects.create_user("ada"))
{%- endif %}
    return client


def test_the_list_shows_the_newest_notes_first(client: Client) -> None:
    make_note(title="Older")
    make_note(title="Newer")

    response = client.get(reverse("notes:list"))

    assert response.status_code == 200
    assert [note.title for note in response.context["notes"]] == ["Newer", "Older"]


def test_the_list_is_paginated(client: Client) -> None:
    make_notes(25)

    first = client.get(reverse("notes:list"))
    second = client.get(reverse("notes:list"), {"page": 2})

    assert len(first.context["notes"]) == 20
    assert len(second.context["notes"]) == 5


def test_titles_are_escaped(client: Client) -> None:
    make_note(title="<b>bold</b>")

    page = client.get(reverse("notes:list")).content.decode()

    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "<b>bold</b>" not in page


def test_a_note_has_its_own_page(client: Client) -> None:
    note = make_note(title="Shopping", body="Milk\n\nBread")

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
{%- if cookiecutter.auth == "yes" %}
    assert note.owner.username == "ada"
{%- endif %}


def test_a_note_needs_a_title(writer: Client) -> None:
    response = writer.post(reverse("notes:create"), {"title": "", "body": "Text"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"title": ["This field is required."]}
    assert not Note.objects.exists()
{%- if cookiecutter.auth == "yes" %}


def test_the_owner_edits_a_note(writer: Client) -> None:
    note = make_note("Draft", owner=User.objects.get(username="ada"))

    page = writer.get(note.get_absolute_url()).content.decode()
    response = writer.post(
        reverse("notes:update", args=[note.pk]), {"title": "Final", "body": ""}
    )

    assert reverse("notes:update", args=[note.pk]) in page
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.title == "Final"


def test_the_owner_deletes_a_note(writer: Client) -> None:
    note = make_note("Old", owner=User.objects.get(username="ada"))

    response = writer.post(reverse("notes:delete", args=[note.pk]))

    assert response["Location"] == reverse("notes:list")
    assert not Note.objects.exists()


@pytest.mark.parametrize("action", ["update", "delete"])
def test_another_user_may_not_change_a_note(writer: Client, action: str) -> None:
    note = make_note("Someone else's")  # by another user

    page = writer.get(note.get_absolute_url()).content.decode()
    response = writer.post(
        reverse(f"notes:{action}", args=[note.pk]), {"title": "Mine now", "body": ""}
    )

    assert reverse(f"notes:{action}", args=[note.pk]) not in page
    assert response.status_code == 403
    assert Note.objects.get().title == "Someone else's"


@pytest.mark.parametrize("action", ["update", "delete"])
def test_visitors_are_sent_to_log_in_to_change_a_note(
    client: Client, action: str
) -> None:
    note = make_note("Kept")

    response = client.post(
        reverse(f"notes:{action}", args=[note.pk]), {"title": "Changed", "body": ""}
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert Note.objects.get().title == "Kept"
{%- else %}


def test_anyone_edits_a_note(client: Client) -> None:
    note = make_note("Draft")

    response = client.post(
        reverse("notes:update", args=[note.pk]), {"title": "Final", "body": ""}
    )

    assert response.status_code == 302
    note.refresh_from_db()
    assert note.title == "Final"


def test_anyone_deletes_a_note(client: Client) -> None:
    note = make_note("Old")

    response = client.post(reverse("notes:delete", args=[note.pk]))

    assert response["Location"] == reverse("notes:list")
    assert not Note.objects.exists()
{%- endif %}
{%- else -%}
import pytest
from django.test import Client
from django.urls import reverse

from {{ cookiecutter.project_slug }}.notes.views import LIST_LIMIT

from .notes import make_note, make_notes

pytestmark = pytest.mark.django_db


def test_the_list_shows_the_newest_notes_first(client: Client) -> None:
    make_note(title="Older")
    make_note(title="Newer", body="Text")

    response = client.get(reverse("notes:list"))

    assert response.status_code == 200
    notes = response.json()["notes"]
    assert [note["title"] for note in notes] == ["Newer", "Older"]
    assert set(notes[0]) == {"id", "title", "body", {% if cookiecutter.auth == "yes" %}"owner", {% endif %}"created_at"}


def test_the_list_stops_at_its_limit(client: Client) -> None:
    make_notes(LIST_LIMIT + 1)

    assert len(client.get(reverse("notes:list")).json()["notes"]) == LIST_LIMIT


def test_a_note_has_its_own_url(client: Client) -> None:
    note = make_note(title="Shopping", body="Milk")

    response = client.get(note.get_absolute_url())

    assert response.status_code == 200
    assert response.json()["title"] == "Shopping"
    assert response.json()["id"] == note.pk


def test_a_missing_note_is_not_found(client: Client) -> None:
    assert client.get(reverse("notes:detail", kwargs={"pk": 404})).status_code == 404


def test_the_list_is_read_only(client: Client) -> None:
    assert client.post(reverse("notes:list"), {"title": "No"}).status_code == 405
{%- endif %}
