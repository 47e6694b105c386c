from typing import {% if cookiecutter.email == "yes" and cookiecutter.tasks == "celery" %}Any, {% endif %}ClassVar

from django import forms
from django.contrib.auth.forms import {% if cookiecutter.email == "yes" and cookiecutter.tasks == "celery" %}PasswordResetForm, {% endif %}UserCreationForm, UsernameField
{%- if cookiecutter.email == "yes" and cookiecutter.tasks == "celery" %}
from django.db import transaction
from django.template import loader
{%- endif %}

from {{ cookiecutter.project_slug }}.users.models import User
{%- if cookiecutter.email == "yes" and cookiecutter.tasks == "celery" %}
from {{ cookiecutter.project_slug }}.users.tasks import send_email
{%- endif %}


class SignUpForm(UserCreationForm[User]):
    """Django's sign-up form (username, password twice, checked by the password
    validators) for the project's user model, with an optional e-mail address."""

    class Meta:
        model = User
        fields = ("username", "email")
        field_classes: ClassVar[dict[str, type[forms.Field]]] = {
            "username": UsernameField
        }
{%- if cookiecutter.email == "yes" and cookiecutter.tasks == "celery" %}


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset form, its mail sent by a Celery task: the request does not
    wait for the mail server, and a server that is briefly away is retried."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(
            loader.render_to_string(subject_template_name, context).splitlines()
        )
        body = loader.render_to_string(email_template_name, context)
        transaction.on_commit(
            lambda: send_email.delay(subject, body, from_email, [to_email])
        )
{%- endif %}
