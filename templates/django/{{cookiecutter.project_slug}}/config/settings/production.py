"""Production settings. Everything secret or site-specific comes from the environment, and
the server refuses to start without the secret key{% if cookiecutter.database == "postgresql" %} and the database URL{% endif %}."""

import os

from .base import *  # noqa: F403
from .base import LOGGING, database, env_bool, env_list, {% if cookiecutter.sentry == "yes" %}init_sentry, {% endif %}required

DEBUG = False
SECRET_KEY = required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

{%- if cookiecutter.realtime == "yes" %}

# Daphne serves the project over ASGI, where Django's documentation advises against
# persistent connections{% if cookiecutter.database == "postgresql" %}: psycopg's connection pool reuses them instead, and
# checks each one before handing it out{% endif %}.
{%- if cookiecutter.database == "postgresql" %}
DATABASES = {"default": database(required("DATABASE_URL"), conn_health_checks=True)}
DATABASES["default"].setdefault("OPTIONS", {})["pool"] = True
{%- else %}
DATABASES = {"default": database(os.environ.get("DATABASE_URL"))}
{%- endif %}
{%- else %}

# Persistent connections, checked before reuse: a request does not pay for a new one.
DATABASES = {
    "default": database(
        {% if cookiecutter.database == "postgresql" %}required("DATABASE_URL"){% else %}os.environ.get("DATABASE_URL"){% endif %},
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    ),
}
{%- endif %}

# HTTPS only. Behind a proxy that terminates TLS, the proxy must set X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HSTS for a year. includeSubDomains and preload bind every subdomain, and (preload) the
# browsers' built-in list, for a long time: they are yours to opt in to, off by default.
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", False
)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
# check --deploy warns while those two are off; they are off by choice (see above).
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]

# One JSON object per line, for the log collector.
LOGGING["handlers"]["console"]["formatter"] = "json"
{%- if cookiecutter.tasks == "celery" %}

# The workers and the web processes must share one Redis: no default here. Read now,
# required below: the image collects its static files without it.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
{%- endif %}
{%- if cookiecutter.tasks == "celery" or cookiecutter.email == "yes" %}
# Checked by `manage.py check` and `migrate` ({{ cookiecutter.project_slug }}/checks.py): without them the
# deploy stops there, before the servers start.
REQUIRED_SETTINGS = {
{%- if cookiecutter.tasks == "celery" %}
    "REDIS_URL": "REDIS_URL",
{%- endif %}
{%- if cookiecutter.email == "yes" %}
    "EMAIL_HOST": "DJANGO_EMAIL_HOST",
{%- endif %}
}
{%- endif %}
{%- if cookiecutter.sentry == "yes" %}

init_sentry(environment="production")
{%- endif %}
