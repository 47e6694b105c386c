{%- if cookiecutter.html == "yes" -%}
"""Pages that list, show, write, edit and delete notes. {% if cookiecutter.auth == "yes" %}Anyone reads; signed-in users write;
only a note's owner edits or deletes it (anyone else signed in gets 403, visitors the login
page).{% else %}Anyone reads, writes, edits and deletes:
there are no user accounts to limit it to.{% endif %}"""

from typing import Any

{% if cookiecutter.auth == "yes" -%}
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.http import HttpResponse
{% endif -%}
from django.urls import reverse_lazy
from django.views.generic import (
    CreateView,
    DeleteView,
    DetailView,
    ListView,
    UpdateView,
)

from {{ cookiecutter.project_slug }}.notes.forms import NoteForm
from {{ cookiecutter.project_slug }}.notes.models import Note
{%- if cookiecutter.auth == "yes" %}
from {{ cookiecutter.project_slug }}.users.models import User
{%- endif %}


{% if cookiecutter.auth == "yes" -%}
def may_change(user: object, note: Note) -> bool:
    """Only the note's owner edits or deletes it."""
    return isinstance(user, User) and note.owner_id == user.pk


{% endif -%}
class NoteListView(ListView[Note]):
    model = Note
    context_object_name = "notes"
    paginate_by = 20


class NoteDetailView(DetailView[Note]):
    model = Note

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["may_change"] = {% if cookiecutter.auth == "yes" %}may_change(self.request.user, self.object){% else %}True{% endif %}
        return context


class NoteCreateView({% if cookiecutter.auth == "yes" %}LoginRequiredMixin, {% endif %}CreateView[Note, NoteForm]):
    """{% if cookiecutter.auth == "yes" %}Signed-in users write notes, as their owner; anyone else is sent to the login page.{% else %}Anyone may write a note: there are no user accounts to limit it to.{% endif %}"""

    model = Note
    form_class = NoteForm
{%- if cookiecutter.auth == "yes" %}

    def form_valid(self, form: NoteForm) -> HttpResponse:
        user = self.request.user
        assert isinstance(user, User)  # LoginRequiredMixin lets no visitor through
        form.instance.owner = user
        return super().form_valid(form)
{%- endif %}


{% if cookiecutter.auth == "yes" -%}
class NoteUpdateView(
    LoginRequiredMixin, UserPassesTestMixin, UpdateView[Note, NoteForm]
):
{%- else -%}
class NoteUpdateView(UpdateView[Note, NoteForm]):
{%- endif %}
    model = Note
    form_class = NoteForm
{%- if cookiecutter.auth == "yes" %}

    def test_func(self) -> bool:
        """The owner only: other signed-in users get 403 (visitors, the login page)."""
        return may_change(self.request.user, self.get_object())
{%- endif %}


class NoteDeleteView({% if cookiecutter.auth == "yes" %}LoginRequiredMixin, UserPassesTestMixin, {% endif %}DeleteView[Note, Any]):
    model = Note
    success_url = reverse_lazy("notes:list")
{%- if cookiecutter.auth == "yes" %}

    def test_func(self) -> bool:
        """The owner only: other signed-in users get 403 (visitors, the login page)."""
        return may_change(self.request.user, self.get_object())
{%- endif %}
{%- else -%}
"""JSON views that list and show notes: the example of a database read. {% if cookiecutter.api_docs == "yes" %}Writing is the
REST API's (/api/notes/){% elif cookiecutter.admin == "yes" %}Notes are
written in the admin{% else %}Add views that
write as the project needs them{% endif %}."""

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
{%- if cookiecutter.auth == "yes" %}
        "owner": note.owner.get_username(),
{%- endif %}
        "created_at": note.created_at.isoformat(),
    }


@require_GET
def note_list(request: HttpRequest) -> JsonResponse:
    notes = Note.objects.{% if cookiecutter.auth == "yes" %}select_related("owner"){% else %}all(){% endif %}[:LIST_LIMIT]
    return JsonResponse({"notes": [as_json(note) for note in notes]})


@require_GET
def note_detail(request: HttpRequest, pk: int) -> JsonResponse:
    return JsonResponse(as_json(get_object_or_404(Note, pk=pk)))
{%- endif %}
