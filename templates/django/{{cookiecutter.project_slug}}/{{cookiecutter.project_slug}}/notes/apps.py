from django.apps import AppConfig


class NotesConfig(AppConfig):
    """The example app: a model, its views and URLs; copy its shape for your own apps."""

    name = "{{ cookiecutter.project_slug }}.notes"
    label = "notes"
    verbose_name = "Notes"
{%- if cookiecutter.tasks == "celery" %}

    def ready(self) -> None:
        # Connects the signal that queues the example task for each new note.
        from {{ cookiecutter.project_slug }}.notes import signals  # noqa: F401
{%- endif %}
