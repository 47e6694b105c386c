from typing import Any

from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.views import APIView

from {{ cookiecutter.project_slug }}.notes.models import Note


class IsOwnerOrReadOnly(permissions.BasePermission):
    """Anyone reads a note; only its owner changes or deletes it."""

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return isinstance(obj, Note) and obj.owner_id == request.user.pk
