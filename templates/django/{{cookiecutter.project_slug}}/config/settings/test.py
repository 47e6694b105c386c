"""Settings for the test suite: pytest-django creates a test database of its own (in memory
for SQLite, ``test_<name>`` on PostgreSQL), never the development one."""

{% if cookiecutter.database == "postgresql" or cookiecutter.realtime == "yes" or cookiecutter.tasks == "celery" -%}
import os

{% endif -%}
from .base import *  # noqa: F403
from .base import database
{%- if cookiecutter.database == "postgresql" %}

# PostgreSQL, as chosen, on the server TEST_DATABASE_URL names: pytest-django creates
# test_<name> there. Never DATABASE_URL's, which in a deploy shell is production's; without
# TEST_DATABASE_URL, pytest stops with this one line.
if not os.environ.get("TEST_DATABASE_URL", "").strip():
    raise SystemExit(
        "pytest: TEST_DATABASE_URL is not set: the tests run on PostgreSQL, on a server "
        "where they may create a database (see .env.example)"
    )
DATABASES = {"default": database(os.environ["TEST_DATABASE_URL"])}
{%- else %}

# SQLite in memory, whatever DATABASE_URL says: the tests never open another database.
DATABASES = {"default": database(None)}
{%- endif %}

SECRET_KEY = "test-suite-only-not-a-secret"
ALLOWED_HOSTS = ["testserver", "localhost"]
# Test users need no protection; the fastest hasher keeps the suite quick.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
{%- if cookiecutter.html == "yes" or cookiecutter.admin == "yes" or cookiecutter.api_docs == "yes" %}
# Plain storage, and WhiteNoise looking for files as they are asked for (as in
# development): the tests need no collectstatic run first.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
{%- endif %}
{%- if cookiecutter.realtime == "yes" or cookiecutter.tasks == "celery" %}
# Redis only where TEST_REDIS_URL names one (a Redis the tests may use); /ready checks it.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "").strip()
{%- endif %}
{%- if cookiecutter.tasks == "celery" %}
# Tasks queued outside tests/test_tasks.py's worker wait in memory, never in a real Redis.
CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = "cache+memory://"
{%- endif %}
{%- if cookiecutter.email == "yes" %}
# Mail stays in django.core.mail.outbox; tests that need a real SMTP server start one.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
{%- endif %}
