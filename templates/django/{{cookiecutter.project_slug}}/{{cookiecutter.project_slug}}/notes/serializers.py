from rest_framework import serializers

from {{ cookiecutter.project_slug }}.notes.models import Note


class NoteSerializer(serializers.ModelSerializer[Note]):
    class Meta:
        model = Note
        fields = ("id", "title", "body", "created_at")
        read_only_fields = ("id", "created_at")
