{%- set pages = cookiecutter.html == "yes" or cookiecutter.auth == "yes" or cookiecutter.admin == "yes" or cookiecutter.api_docs == "yes" -%}
"""The security headers on the responses (all but /health, which answers first), and the
Content-Security-Policy that the project's own pages keep to."""
{% if pages %}
import pytest
{%- endif %}
from django.test import Client
from django.urls import reverse
{%- if pages %}

{%- if cookiecutter.html == "yes" and cookiecutter.auth == "yes" %}

from {{ cookiecutter.project_slug }}.users.models import User
{%- endif %}

{% if cookiecutter.html == "yes" %}from .notes import make_note
{% endif %}from .pages import Page
{%- endif %}

#: The policy's directives: this site's own files only, and no framing.
POLICY = {
    "default-src": "'self'",
{%- if cookiecutter.api_docs == "yes" %}
    "img-src": "'self' data:",
{%- endif %}
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def directives(header: str) -> dict[str, str]:
    """A Content-Security-Policy header as a mapping of directive to sources."""
    pairs = (part.strip().partition(" ") for part in header.split(";"))
    return {name: sources for name, _, sources in pairs}


def test_responses_carry_the_security_headers(client: Client) -> None:
    response = client.get(reverse("home"))

    assert directives(response["Content-Security-Policy"]) == POLICY
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
{%- if pages %}


#: Every kind of page the project serves, as a signed-in user (pytest-django's superuser{% if cookiecutter.admin == "yes" %},
#: who sees the admin too{% endif %}).
PAGES = [
{%- if cookiecutter.html == "yes" %}
    "home",
    "notes:list",
    "notes:create",
{%- endif %}
{%- if cookiecutter.auth == "yes" %}
    "login",
    "signup",
{%- if cookiecutter.email == "yes" %}
    "password_reset",
    "password_reset_done",
    "password_reset_complete",
{%- endif %}
{%- endif %}
{%- if cookiecutter.admin == "yes" %}
    "admin:index",
    "admin:notes_note_changelist",
    "admin:notes_note_add",
    "admin:users_user_changelist",
    "admin:users_user_add",
{%- endif %}
{%- if cookiecutter.api_docs == "yes" %}
    "api-docs",
{%- endif %}
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_the_pages_keep_to_the_content_security_policy(
    admin_client: Client, name: str
) -> None:
    response = admin_client.get(reverse(name))
    page = Page(response.content.decode())

    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == POLICY
    assert page.inline == []
    assert page.external == []
{%- endif %}
{%- if cookiecutter.html == "yes" %}


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["notes:detail", "notes:update", "notes:delete"])
def test_the_note_pages_keep_to_the_content_security_policy(
    admin_client: Client, {% if cookiecutter.auth == "yes" %}admin_user: User, {% endif %}name: str
) -> None:
    note = make_note("Shown"{% if cookiecutter.auth == "yes" %}, owner=admin_user{% endif %})

    response = admin_client.get(reverse(name, args=[note.pk]))
    page = Page(response.content.decode())

    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == POLICY
    assert page.inline == []
    assert page.external == []
{%- endif %}
