from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from {{ cookiecutter.project_slug }}.notes.models import Note
{%- if cookiecutter.auth == "yes" %}
from {{ cookiecutter.project_slug }}.users.models import User
{%- endif %}

from .notes import make_note
from .pages import Page

pytestmark = pytest.mark.django_db

FIELDS = {"id", "title", "body", {% if cookiecutter.auth == "yes" %}"owner", {% endif %}"created_at"}


def post(client: Client, fields: dict[str, str]) -> Any:
    return client.post(reverse("note-list"), fields, content_type="application/json")


def change(client: Client, note: Note, method: str) -> Any:
    """A PATCH or DELETE of ``note``."""
    url = reverse("note-detail", args=[note.pk])
    if method == "patch":
        return client.patch(url, {"title": "Changed"}, content_type="application/json")
    return client.delete(url)


def test_anyone_reads_the_notes(client: Client) -> None:
    make_note(title="Public")

    response = client.get(reverse("note-list"))

    assert response.status_code == 200
    assert [note["title"] for note in response.json()["results"]] == ["Public"]
{%- if cookiecutter.auth == "yes" %}


def test_visitors_cannot_write(client: Client) -> None:
    response = post(client, {"title": "Anonymous"})

    # 401 with a challenge: an API client knows to sign in.
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Session realm="api"'
    assert not Note.objects.exists()


def test_a_signed_in_user_creates_a_note_as_its_owner(client: Client) -> None:
    client.force_login(User.objects.create_user("ada"))

    response = post(client, {"title": "Mine", "body": "Text", "owner": "someone"})

    assert response.status_code == 201
    assert set(response.json()) == FIELDS
    assert response.json()["owner"] == "ada"
    note = Note.objects.get()
    assert (note.title, note.owner.username) == ("Mine", "ada")


def test_basic_auth_signs_api_clients_in(client: Client) -> None:
    User.objects.create_user("ada", password="a-long-unusual-passphrase")
    # "ada:a-long-unusual-passphrase", base64-encoded.
    token = "YWRhOmEtbG9uZy11bnVzdWFsLXBhc3NwaHJhc2U="

    response = client.post(
        reverse("note-list"),
        {"title": "By curl"},
        content_type="application/json",
        headers={"authorization": f"Basic {token}"},
    )

    assert response.status_code == 201
    assert response.json()["owner"] == "ada"


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_the_owner_changes_and_deletes_a_note(client: Client, method: str) -> None:
    ada = User.objects.create_user("ada")
    note = make_note("Draft", owner=ada)
    client.force_login(ada)

    response = change(client, note, method)

    assert response.status_code == (200 if method == "patch" else 204)
    assert Note.objects.filter(title="Draft").count() == 0


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_another_user_may_not_change_a_note(client: Client, method: str) -> None:
    note = make_note("Someone else's")
    client.force_login(User.objects.create_user("ada"))

    response = change(client, note, method)

    assert response.status_code == 403
    assert Note.objects.get().title == "Someone else's"


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_visitors_may_not_change_a_note(client: Client, method: str) -> None:
    note = make_note("Kept")

    response = change(client, note, method)

    assert response.status_code == 401
    assert Note.objects.get().title == "Kept"
{%- else %}


def test_anyone_writes_a_note(client: Client) -> None:
    # No user accounts: nothing to sign in with, so anyone writes.
    response = post(client, {"title": "Anonymous", "body": "Text"})

    assert response.status_code == 201
    assert set(response.json()) == FIELDS
    assert Note.objects.get().title == "Anonymous"


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_anyone_changes_and_deletes_a_note(client: Client, method: str) -> None:
    note = make_note("Draft")

    response = change(client, note, method)

    assert response.status_code == (200 if method == "patch" else 204)
    assert Note.objects.filter(title="Draft").count() == 0
{%- endif %}


def schema(client: Client) -> dict[str, Any]:
    response = client.get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    data: dict[str, Any] = response.json()
    return data


def test_the_schema_lists_the_notes_api(client: Client, settings: Settings) -> None:
    data = schema(client)

    assert data["info"]["title"] == settings.PROJECT_NAME
    assert set(data["paths"]["/api/notes/"]) == {"get", "post"}
    assert set(data["paths"]["/api/notes/{id}/"]) == {"get", "put", "patch", "delete"}
    assert set(data["components"]["schemas"]["Note"]["properties"]) == FIELDS


def test_the_docs_page_loads_nothing_from_another_site(client: Client) -> None:
    response = client.get(reverse("api-docs"))
    page = Page(response.content.decode())

    assert response.status_code == 200
    assert page.external == []
    assert page.inline == []
    # Swagger UI's files, the page's style sheet and its start-up script, all from here.
    assert len(page.assets) == 5
    for url in page.assets:
        assert client.get(url).status_code == 200, url


def test_the_docs_script_loads_the_schema_alone(client: Client) -> None:
    script = client.get(reverse("api-docs"), {"script": ""})

    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    text = script.content.decode()
    assert reverse("api-schema") in text
    assert '"validatorUrl": null' in text


ORIGIN = "https://app.example.com"


def test_an_allowed_origin_may_read_the_api(client: Client, settings: Settings) -> None:
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]

    response = client.get(reverse("note-list"), headers={"origin": ORIGIN})

    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert "Access-Control-Allow-Credentials" not in response


def test_an_allowed_origin_passes_the_preflight(
    client: Client, settings: Settings
) -> None:
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]

    response = client.options(
        reverse("note-list"),
        headers={"origin": ORIGIN, "access-control-request-method": "POST"},
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert "POST" in response["Access-Control-Allow-Methods"]


def test_other_origins_get_no_cross_origin_access(
    client: Client, settings: Settings
) -> None:
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]

    response = client.get(
        reverse("note-list"), headers={"origin": "https://elsewhere.example"}
    )

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_no_origin_is_allowed_by_default(client: Client) -> None:
    response = client.get(reverse("note-list"), headers={"origin": ORIGIN})

    assert "Access-Control-Allow-Origin" not in response
