"""Settings for the test suite: pytest-django creates a test database of its own (in memory
for SQLite, ``test_<name>`` on PostgreSQL), never the development one."""

from .base import *  # noqa: F403

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
