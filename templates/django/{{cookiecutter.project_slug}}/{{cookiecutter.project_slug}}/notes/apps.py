from django.apps import AppConfig


class NotesConfig(AppConfig):
    """The example app: a model, its views and URLs; copy its shape for your own apps."""

    name = "{{ cookiecutter.project_slug }}.notes"
    label = "notes"
    verbose_name = "Notes"
