"""System checks of the project's own: what the deploy needs from the environment but the
settings cannot require when they load (collectstatic in the image build runs without it)."""

from typing import Any

from django.conf import settings
from django.core import checks


@checks.register()
def required_settings(**kwargs: Any) -> list[checks.CheckMessage]:
    """An error for each setting production.py's REQUIRED_SETTINGS names that is empty,
    naming the environment variable it is read from: ``manage.py check`` and ``migrate``
    stop on it."""
    required: dict[str, str] = getattr(settings, "REQUIRED_SETTINGS", {})
    return [
        checks.Error(
            f"{variable} is not set: the settings read it from the environment",
            id="core.E001",
        )
        for name, variable in required.items()
        if not getattr(settings, name, "")
    ]
