import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from {{ cookiecutter.project_slug }}.users.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-unusual-passphrase"


def test_the_login_page_has_a_form(client: Client) -> None:
    response = client.get(reverse("login"))

    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_signing_up_creates_the_account_and_signs_in(client: Client) -> None:
    response = client.post(
        reverse("signup"),
        {
            "username": "ada",
            "email": "ada@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    user = User.objects.get(username="ada")
    assert user.email == "ada@example.com"
    assert user.check_password(PASSWORD)
    assert client.session[SESSION_KEY] == str(user.pk)


def test_sign_up_refuses_passwords_that_differ(client: Client) -> None:
    response = client.post(
        reverse("signup"),
        {"username": "ada", "password1": PASSWORD, "password2": PASSWORD + "!"},
    )

    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert not User.objects.exists()


def test_sign_up_refuses_a_common_password(client: Client) -> None:
    response = client.post(
        reverse("signup"),
        {"username": "ada", "password1": "password", "password2": "password"},
    )

    assert response.status_code == 200
    assert not User.objects.exists()


def test_logging_in_with_the_right_password(client: Client) -> None:
    user = User.objects.create_user("ada", password=PASSWORD)

    response = client.post(reverse("login"), {"username": "ada", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.session[SESSION_KEY] == str(user.pk)


def test_logging_in_returns_to_the_page_asked_for(client: Client) -> None:
    # The login form posts back to its own address, ?next= included.
    User.objects.create_user("ada", password=PASSWORD)
    page = reverse("notes:list")

    response = client.post(
        f"{reverse('login')}?next={page}", {"username": "ada", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == page


def test_logging_in_with_a_wrong_password(client: Client) -> None:
    User.objects.create_user("ada", password=PASSWORD)

    response = client.post(reverse("login"), {"username": "ada", "password": "wrong"})

    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_logging_out_takes_a_post(client: Client) -> None:
    client.force_login(User.objects.create_user("ada"))

    assert client.get(reverse("logout")).status_code == 405
    assert SESSION_KEY in client.session
    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert SESSION_KEY not in client.session
