#!/usr/bin/env python
"""Django's command-line utility; it uses the local (development) settings by default."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    # Settings that refuse to load (a variable missing from the environment) say which in
    # one line; a traceback would only bury it.
    try:
        settings.SECRET_KEY  # noqa: B018 (reading it loads the settings module)
    except ImproperlyConfigured as error:
        sys.exit(f"manage.py: {error}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
