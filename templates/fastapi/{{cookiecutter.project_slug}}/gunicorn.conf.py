{%- set secret = cookiecutter.auth == "yes" or cookiecutter.admin == "yes" -%}
"""gunicorn's settings, read from the directory it starts in: the production server.

The settings are checked once, here in the master process, before any worker starts: a
missing or wrong setting stops gunicorn with one line on standard error, rather than with
a traceback from every worker it would boot and boot again.
"""

from typing import Any

from pydantic import ValidationError

from app.config import Settings, settings_error
{%- if secret %}

NO_SECRET_KEY = "SECRET_KEY must be set: gunicorn is the production server"
{%- endif %}


def on_starting(server: Any) -> None:
    """gunicorn's hook, called in the master before it binds and forks."""
    try:
        {% if secret %}settings = {% endif %}Settings()
    except ValidationError as error:
        raise SystemExit(f"error: {settings_error(error)}") from None
{%- if secret %}
    if not settings.has_secret_key:
        # Every worker must sign with the same key, whatever ENVIRONMENT says: a key made
        # up per process would make each worker refuse the others' tokens and cookies.
        raise SystemExit(f"error: {NO_SECRET_KEY}")
{%- endif %}
