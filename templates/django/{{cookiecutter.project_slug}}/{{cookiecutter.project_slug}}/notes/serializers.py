from rest_framework import serializers

from {{ cookiecutter.project_slug }}.notes.models import Note


class NoteSerializer(serializers.ModelSerializer[Note]):
{%- if cookiecutter.auth == "yes" %}
    #: The owner's user name; the API records the signed-in user, never a client's choice.
    owner = serializers.ReadOnlyField(source="owner.username")
{% endif %}
    class Meta:
        model = Note
        fields = ("id", "title", "body", {% if cookiecutter.auth == "yes" %}"owner", {% endif %}"created_at")
        read_only_fields = ("id", {% if cookiecutter.auth == "yes" %}"owner", {% endif %}"created_at")
