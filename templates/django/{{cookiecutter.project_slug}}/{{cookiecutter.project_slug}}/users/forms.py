from typing import ClassVar

from django import forms
from django.contrib.auth.forms import UserCreationForm, UsernameField

from {{ cookiecutter.project_slug }}.users.models import User


class SignUpForm(UserCreationForm[User]):
    """Django's sign-up form (username, password twice, checked by the password
    validators) for the project's user model, with an optional e-mail address."""

    class Meta:
        model = User
        fields = ("username", "email")
        field_classes: ClassVar[dict[str, type[forms.Field]]] = {
            "username": UsernameField
        }
