{%- if cookiecutter.html == "yes" -%}
"""Pages that list, show and create notes."""

{% if cookiecutter.auth == "yes" -%}
from django.contrib.auth.mixins import LoginRequiredMixin
{% endif -%}
from django.views.generic import CreateView, DetailView, ListView

from {{ cookiecutter.project_slug }}.notes.forms import NoteForm
from {{ cookiecutter.project_slug }}.notes.models import Note


class NoteListView(ListView[Note]):
    model = Note
    context_object_name = "notes"
    paginate_by = 20


class NoteDetailView(DetailView[Note]):
    model = Note


class NoteCreateView({% if cookiecutter.auth == "yes" %}LoginRequiredMixin, {% endif %}CreateView[Note, NoteForm]):
    """{% if cookiecutter.auth == "yes" %}Signed-in users write notes; anyone else is sent to the login page.{% else %}Anyone may write a note: there are no user accounts to limit it to.{% endif %}"""

    model = Note
    form_class = NoteForm
{%- else -%}
"""JSON views that list and show notes: the example of a database read."""

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from {{ cookiecutter.project_slug }}.notes.models import Note

#: The newest notes the list returns.
LIST_LIMIT = 50


def as_json(note: Note) -> dict[str, Any]:
    return {
        "id": note.pk,
        "title": note.title,
        "body": note.body,
        "created_at": note.created_at.isoformat(),
    }


@require_GET
def note_list(request: HttpRequest) -> JsonResponse:
    notes = Note.objects.all()[:LIST_LIMIT]
    return JsonResponse({"notes": [as_json(note) for note in notes]})


@require_GET
def note_detail(request: HttpRequest, pk: int) -> JsonResponse:
    return JsonResponse(as_json(get_object_or_404(Note, pk=pk)))
{%- endif %}
