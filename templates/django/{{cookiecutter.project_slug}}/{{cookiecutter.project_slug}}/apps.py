from django.apps import AppConfig


class MainConfig(AppConfig):
    """The project's own app: the home page, the health endpoint{% if cookiecutter.html == "yes" or cookiecutter.auth == "yes" %}, the base template{% endif %}{% if cookiecutter.realtime == "yes" %}, the WebSocket consumer{% endif %}."""

    name = "{{ cookiecutter.project_slug }}"
    # A fixed label, so that no package name can clash with another app's (auth, users, ...).
    label = "core"

    def ready(self) -> None:
        # Registers the project's system checks.
        from {{ cookiecutter.project_slug }} import checks  # noqa: F401
