"""Development settings, the default for ``manage.py``: DEBUG on, {% if cookiecutter.database == "postgresql" %}the PostgreSQL database
DATABASE_URL names (compose.yaml's for development, see .env.example){% else %}SQLite unless
DATABASE_URL names another database{% endif %}."""

import os

from .base import *  # noqa: F403
from .base import {% if cookiecutter.database == "postgresql" %}database, {% endif %}env_list{% if cookiecutter.sentry == "yes" %}, init_sentry{% endif %}{% if cookiecutter.database == "postgresql" %}, required{% endif %}

DEBUG = True
# For your own machine only: production refuses to start without DJANGO_SECRET_KEY.
SECRET_KEY = (
    os.environ.get("DJANGO_SECRET_KEY") or "django-insecure-local-development-only"
)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
{%- if cookiecutter.database == "postgresql" %}
DATABASES = {"default": database(required("DATABASE_URL"))}
{%- endif %}
{%- if cookiecutter.email == "yes" %}
# Mail is printed here unless DJANGO_EMAIL_HOST names a server (compose.yaml's Mailpit).
if not os.environ.get("DJANGO_EMAIL_HOST", "").strip():
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
{%- endif %}
{%- if cookiecutter.sentry == "yes" %}

init_sentry(environment="development")
{%- endif %}
