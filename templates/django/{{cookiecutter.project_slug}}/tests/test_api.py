from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from {{ cookiecutter.project_slug }}.notes.models import Note
from {{ cookiecutter.project_slug }}.users.models import User

from .pages import Page

pytestmark = pytest.mark.django_db


def test_anyone_reads_the_notes(client: Client) -> None:
    Note.objects.create(title="Public")

    response = client.get(reverse("note-list"))

    assert response.status_code == 200
    assert [note["title"] for note in response.json()["results"]] == ["Public"]


def test_visitors_cannot_write(client: Client) -> None:
    response = client.post(
        reverse("note-list"), {"title": "Anonymous"}, content_type="application/json"
    )

    assert response.status_code == 403
    assert not Note.objects.exists()


def test_a_signed_in_user_creates_a_note(client: Client) -> None:
    client.force_login(User.objects.create_user("ada"))

    response = client.post(
        reverse("note-list"),
        {"title": "Mine", "body": "Text"},
        content_type="application/json",
    )

    assert response.status_code == 201
    assert Note.objects.get().title == "Mine"
    assert set(response.json()) == {"id", "title", "body", "created_at"}


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
    assert set(data["components"]["schemas"]["Note"]["properties"]) == {
        "id",
        "title",
        "body",
        "created_at",
    }


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
