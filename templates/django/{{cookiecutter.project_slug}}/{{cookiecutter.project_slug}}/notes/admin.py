from django.contrib import admin
{%- if cookiecutter.auth == "yes" %}
from django.forms import ModelForm
from django.http import HttpRequest
{%- endif %}

from {{ cookiecutter.project_slug }}.notes.models import Note
{%- if cookiecutter.auth == "yes" %}
from {{ cookiecutter.project_slug }}.users.models import User
{%- endif %}


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin[Note]):
    list_display = ("title", {% if cookiecutter.auth == "yes" %}"owner", {% endif %}"created_at")
    search_fields = ("title", "body")
    date_hierarchy = "created_at"
{%- if cookiecutter.auth == "yes" %}
    readonly_fields = ("owner",)

    def save_model(
        self, request: HttpRequest, obj: Note, form: ModelForm[Note], change: bool
    ) -> None:
        """A note added in the admin is the administrator's own."""
        if not change and isinstance(request.user, User):
            obj.owner = request.user
        super().save_model(request, obj, form, change)
{%- endif %}
