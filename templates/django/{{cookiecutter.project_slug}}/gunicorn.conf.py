"""gunicorn's settings; it reads this file from the working directory. Run the site with

    gunicorn --no-control-socket config.wsgi

``--no-control-socket``: gunicorn 25.1 and later otherwise open a control socket under
``$XDG_RUNTIME_DIR`` or ``~/.gunicorn/``, which a server has no use for.
"""

import os

from django.core.exceptions import ImproperlyConfigured

# The production settings unless another module is asked for, as in config/wsgi.py.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")


def load_settings() -> None:
    """Load the settings here, in gunicorn's master process, before any worker starts.

    The production settings refuse to load without DJANGO_SECRET_KEY{% if cookiecutter.database == "postgresql" %} or DATABASE_URL{% endif %}: the
    server then stops once, with that one line, instead of each worker failing to boot with
    a traceback of its own.
    """
    from django.conf import settings

    try:
        settings.SECRET_KEY  # noqa: B018 (reading it loads the settings module)
    except ImproperlyConfigured as error:
        raise SystemExit(f"gunicorn: {error}") from None


load_settings()
