"""The notes API (Django REST Framework): {% if cookiecutter.auth == "yes" %}anyone reads, signed-in users write, and only a
note's owner changes or deletes it.{% else %}anyone reads and writes, as there are no user
accounts to limit it to.{% endif %}"""

{% if cookiecutter.auth == "yes" -%}
from rest_framework import permissions, routers, serializers, viewsets
{%- else -%}
from rest_framework import routers, viewsets
{%- endif %}

from {{ cookiecutter.project_slug }}.notes.models import Note
{%- if cookiecutter.auth == "yes" %}
from {{ cookiecutter.project_slug }}.notes.permissions import IsOwnerOrReadOnly
{%- endif %}
from {{ cookiecutter.project_slug }}.notes.serializers import NoteSerializer


class NoteViewSet(viewsets.ModelViewSet[Note]):
    queryset = Note.objects.{% if cookiecutter.auth == "yes" %}select_related("owner"){% else %}all(){% endif %}
    serializer_class = NoteSerializer
{%- if cookiecutter.auth == "yes" %}
    permission_classes = (permissions.IsAuthenticatedOrReadOnly, IsOwnerOrReadOnly)

    def perform_create(self, serializer: serializers.BaseSerializer[Note]) -> None:
        serializer.save(owner=self.request.user)
{%- endif %}


router = routers.DefaultRouter()
router.register("notes", NoteViewSet, basename="note")
urlpatterns = router.urls
