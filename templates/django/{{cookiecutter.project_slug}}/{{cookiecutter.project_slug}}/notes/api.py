"""The notes API (Django REST Framework): anyone may read, signed-in users may write."""

from rest_framework import routers, viewsets

from {{ cookiecutter.project_slug }}.notes.models import Note
from {{ cookiecutter.project_slug }}.notes.serializers import NoteSerializer


class NoteViewSet(viewsets.ModelViewSet[Note]):
    queryset = Note.objects.all()
    serializer_class = NoteSerializer


router = routers.DefaultRouter()
router.register("notes", NoteViewSet, basename="note")
urlpatterns = router.urls
