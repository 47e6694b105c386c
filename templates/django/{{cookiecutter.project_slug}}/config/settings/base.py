{%- from "_flags.j2" import static, redis with context -%}
"""Settings shared by every environment; ``local``, ``test`` and ``production`` build on them.

What differs per deploy comes from environment variables (see ``.env.example``).
"""

import os
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
{%- if cookiecutter.sentry == "yes" %}
import sentry_sdk
{%- endif %}
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
{%- if cookiecutter.sentry == "yes" %}
{%- if cookiecutter.tasks == "celery" %}
from sentry_sdk.integrations.celery import CeleryIntegration
{%- endif %}
from sentry_sdk.integrations.django import DjangoIntegration
{%- endif %}

# Lets generic Django classes take type parameters at run time (ListView[Note], ...).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def required(name: str) -> str:
    """An environment variable that must be set: the settings refuse to load without it."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set: the settings read it from the environment"
        )
    return value


def env_bool(name: str, default: bool) -> bool:
    """A yes/no environment variable: 1, true, yes or on (any case) mean yes."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated environment variable as a list, blanks dropped."""
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


def database(
    url: str | None, *, conn_max_age: int = 0, conn_health_checks: bool = False
) -> dict[str, Any]:
    """The database a ``DATABASE_URL`` names; without one, a SQLite file beside manage.py."""
    if url:
        parsed = dj_database_url.parse(
            url, conn_max_age=conn_max_age, conn_health_checks=conn_health_checks
        )
        return dict(parsed)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
        "CONN_MAX_AGE": conn_max_age,
        "CONN_HEALTH_CHECKS": conn_health_checks,
    }
{%- if cookiecutter.realtime == "yes" %}


def channel_layers(redis_url: str | None) -> dict[str, dict[str, Any]]:
    """Redis when ``REDIS_URL`` is set, so every server process shares the channel layer;
    the in-memory layer otherwise, which only reaches clients of the same process."""
    if redis_url:
        return {
            "default": {
                "BACKEND": "channels_redis.core.RedisChannelLayer",
                "CONFIG": {"hosts": [redis_url]},
            }
        }
    return {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
{%- endif %}

{%- if cookiecutter.sentry == "yes" %}


def init_sentry(environment: str) -> None:
    """Report errors to Sentry once SENTRY_DSN is set; without it the SDK is not started
    and nothing leaves the process. The tests never start it."""
    dsn = os.environ.get("SENTRY_DSN", "").strip()
    if not dsn:
        return
    sentry_sdk.init(
        dsn=dsn,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "").strip() or environment,
        release=os.environ.get("SENTRY_RELEASE", "").strip() or None,
        # Performance traces are opt-in (0.0: none); errors are always sent.
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE") or "0"),
        # No user names, e-mail or IP addresses, cookies or request bodies in the reports.
        send_default_pii=False,
        integrations=[DjangoIntegration(){% if cookiecutter.tasks == "celery" %}, CeleryIntegration(){% endif %}],
    )
{%- endif %}


PROJECT_NAME = {{ cookiecutter.project_name|pystr }}

INSTALLED_APPS = [
{%- if cookiecutter.realtime == "yes" %}
    # Daphne first: its runserver serves WebSockets as well as HTTP.
    "daphne",
{%- elif static %}
    # WhiteNoise serves static files in development exactly as in production.
    "whitenoise.runserver_nostatic",
{%- endif %}
{%- if cookiecutter.admin == "yes" %}
    "django.contrib.admin",
{%- endif %}
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
{%- if cookiecutter.api_docs == "yes" %}
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
{%- endif %}
{%- if cookiecutter.realtime == "yes" %}
    "channels",
{%- endif %}
    "{{ cookiecutter.project_slug }}",
    "{{ cookiecutter.project_slug }}.users",
    "{{ cookiecutter.project_slug }}.notes",
]

MIDDLEWARE = [
    # First: every response, even /health's, carries the request's id, and every log line
    # written while handling it.
    "{{ cookiecutter.project_slug }}.middleware.request_id",
    # /health and /ready answer before host validation and the HTTPS redirect (see its docstring).
    "{{ cookiecutter.project_slug }}.middleware.health_check",
    "django.middleware.security.SecurityMiddleware",
{%- if cookiecutter.api_docs == "yes" %}
    # Before anything that may answer first (CommonMiddleware's redirects, WhiteNoise).
    "corsheaders.middleware.CorsMiddleware",
{%- endif %}
{%- if static %}
    "whitenoise.middleware.WhiteNoiseMiddleware",
{%- endif %}
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

# Headers on the responses (production adds HSTS; /health answers before them, see
# {{ cookiecutter.project_slug }}/middleware.py): no MIME sniffing, no Referer to other sites, no framing, and
# a Content-Security-Policy that allows this site's own files only: no inline script or
# style, nothing from a CDN. Loosen it here for what you add.
{%- if cookiecutter.html == "yes" or cookiecutter.auth == "yes" or cookiecutter.admin == "yes" or cookiecutter.api_docs == "yes" %}
# tests/test_headers.py checks that every page keeps to it.
{%- endif %}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
{%- if cookiecutter.api_docs == "yes" %}
        # Swagger UI's style sheet draws its icons from data: URLs.
        "img-src": [SELF, "data:"],
{%- endif %}
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
{%- if cookiecutter.realtime == "yes" %}
ASGI_APPLICATION = "config.asgi.application"
{%- endif %}

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
{%- if cookiecutter.html == "yes" or cookiecutter.auth == "yes" %}
                "{{ cookiecutter.project_slug }}.context_processors.project",
{%- endif %}
            ],
        },
    },
]

{% if cookiecutter.database == "postgresql" -%}
# PostgreSQL everywhere, as chosen, never a quiet SQLite: local.py and production.py take
# the database from DATABASE_URL (required), test.py from TEST_DATABASE_URL.
{% else -%}
# DATABASE_URL picks the database; without it, SQLite, so the project runs with no server.
# The tests get a database of their own (in memory).
DATABASES = {"default": database(os.environ.get("DATABASE_URL"))}
{% endif -%}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A custom user model from the first migration, as Django's documentation advises.
AUTH_USER_MODEL = "users.User"
# Argon2 first, as Django's documentation recommends: new passwords are hashed with it. The
# others stay to read older hashes (PBKDF2 is Django's default), each upgraded to Argon2 the
# next time its user logs in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
{%- if cookiecutter.auth == "yes" %}
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
{%- endif %}

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
{%- if static %}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed files with hashed names, collected at build time and served by WhiteNoise
    # with far-future cache headers.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
{%- endif %}
{%- if cookiecutter.api_docs == "yes" %}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
{%- if cookiecutter.auth == "yes" %}
    # The login page's session (401 with a challenge when it is missing), or Basic auth.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "{{ cookiecutter.project_slug }}.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
    # Views say who may write (notes: signed-in users, the owner for changes).
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticatedOrReadOnly"
    ],
{%- else %}
    # No user accounts: anyone reads and writes.
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
{%- endif %}
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": PROJECT_NAME,
    "DESCRIPTION": {{ cookiecutter.description|pystr }},
    "VERSION": {{ cookiecutter.version|pystr }},
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the sidecar package, served with the other static files, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No badge from the public validator service: the page talks to this site only.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}
# Cross-origin access to the API (/api/ only), for the sites DJANGO_CORS_ALLOWED_ORIGINS
# names (comma-separated, e.g. https://app.example.com); none by default. Without
# credentials: a page of another site calls the API without the user's session cookie.
CORS_ALLOWED_ORIGINS = env_list("DJANGO_CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/"
{%- endif %}
{%- if redis %}

{%- if cookiecutter.tasks == "celery" %}
# Redis: Celery's broker and result store{% if cookiecutter.realtime == "yes" %}, and the channel layer's{% endif %}. A Redis on this machine in
# development; production requires REDIS_URL. /ready checks that it answers.
REDIS_URL = os.environ.get("REDIS_URL", "").strip() or "redis://localhost:6379/0"
{%- else %}
# Redis for the channel layer, when REDIS_URL names one; /ready then checks that it answers.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
{%- endif %}
{%- endif %}
{%- if cookiecutter.realtime == "yes" %}

CHANNEL_LAYERS = channel_layers(os.environ.get("REDIS_URL"))
{%- endif %}
{%- if cookiecutter.tasks == "celery" %}

# Celery (config/celery.py reads the settings named CELERY_*).
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_RESULT_EXPIRES = 24 * 60 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task that hangs is stopped: SoftTimeLimitExceeded after 4 minutes lets it clean up,
# and its worker process is replaced after 5.
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_TIME_LIMIT = 300
# Acknowledged when done, not when received: the task of a worker that dies runs again
# on another (so tasks must be idempotent), and each worker process holds one at a time.
# Redis hands an unacknowledged task out again after an hour, well past the time limit.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The worker logs through LOGGING below (JSON in production), as the web process does.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
{%- endif %}

{% if cookiecutter.email == "yes" -%}
# Outgoing mail over SMTP, from the environment (production requires the host; local.py
# prints mail to the console unless DJANGO_EMAIL_HOST names a server, such as Mailpit;
# the tests keep it in memory).
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "").strip()
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT") or "587")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = (
    os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "").strip() or "webmaster@localhost"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
{%- if cookiecutter.auth == "yes" %}
# A password reset link works once, for an hour.
PASSWORD_RESET_TIMEOUT = 60 * 60
{%- endif %}

{% endif -%}
# Logs to standard output, each line with the id of the request it belongs to (see
# {{ cookiecutter.project_slug }}/logs.py): readable in development, one JSON object per line in production.
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "{{ cookiecutter.project_slug }}.logs.RequestIdFilter"},
    },
    "formatters": {
        "plain": {
            "format": "{asctime} {levelname} {name} [{request_id}] {message}",
            "style": "{",
        },
        "json": {"()": "{{ cookiecutter.project_slug }}.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
    },
}
