"""Development settings, the default for ``manage.py``: DEBUG on, SQLite unless
DATABASE_URL names another database."""

import os

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
# For your own machine only: production refuses to start without DJANGO_SECRET_KEY.
SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY", "django-insecure-local-development-only"
)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
