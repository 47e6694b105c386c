"""Notes for the tests{% if cookiecutter.auth == "yes" %}, each with an owner, as every note has one{% endif %}."""

from {{ cookiecutter.project_slug }}.notes.models import Note
{%- if cookiecutter.auth == "yes" %}
from {{ cookiecutter.project_slug }}.users.models import User


def writer() -> User:
    """The owner of the notes a test makes without naming one."""
    user, _ = User.objects.get_or_create(username="writer")
    return user
{%- endif %}


{% if cookiecutter.auth == "yes" -%}
def make_note(title: str = "A note", body: str = "", owner: User | None = None) -> Note:
{%- else -%}
def make_note(title: str = "A note", body: str = "") -> Note:
{%- endif %}
    return Note.objects.create(title=title, body=body{% if cookiecutter.auth == "yes" %}, owner=owner or writer(){% endif %})


def make_notes(count: int) -> None:
    {%- if cookiecutter.auth == "yes" %}
    owner = writer()
    {%- endif %}
    Note.objects.bulk_create(Note(title=f"Note {n}"{% if cookiecutter.auth == "yes" %}, owner=owner{% endif %}) for n in range(count))
