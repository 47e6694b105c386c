{%- if cookiecutter.html == "yes" -%}
from django.test import Client
from django.urls import reverse
from pytest_django import Settings


def test_the_home_page_shows_the_project_name(
    client: Client, settings: Settings
) -> None:
    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert response.context["project_name"] == settings.PROJECT_NAME


def test_the_project_name_is_escaped_as_text(
    client: Client, settings: Settings
) -> None:
    settings.PROJECT_NAME = '<script>alert("name")</script> & co'

    page = client.get(reverse("home")).content.decode()

    assert "&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt; &amp; co" in page
    assert "<script>" not in page
{%- else -%}
{% if cookiecutter.auth == "yes" -%}
import pytest
{% endif -%}
from django.test import Client
from django.urls import reverse
from pytest_django import Settings
{%- if cookiecutter.auth == "yes" %}

from {{ cookiecutter.project_slug }}.users.models import User
{%- endif %}


def test_home_names_the_project(client: Client, settings: Settings) -> None:
    settings.PROJECT_NAME = 'Any "text" <at all>'

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert response.json()["project"] == 'Any "text" <at all>'
{%- if cookiecutter.auth == "yes" %}


def test_home_says_nobody_is_signed_in(client: Client) -> None:
    assert client.get(reverse("home")).json()["user"] is None


@pytest.mark.django_db
def test_home_names_the_signed_in_user(client: Client) -> None:
    client.force_login(User.objects.create_user("ada"))

    assert client.get(reverse("home")).json()["user"] == "ada"
{%- endif %}
{%- endif %}
