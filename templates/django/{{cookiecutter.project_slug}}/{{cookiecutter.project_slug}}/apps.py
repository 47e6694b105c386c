from django.apps import AppConfig


class MainConfig(AppConfig):
    """The project's own app: the health endpoint and the home page."""

    name = "{{ cookiecutter.project_slug }}"
