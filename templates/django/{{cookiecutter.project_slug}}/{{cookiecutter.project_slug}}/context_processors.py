from django.conf import settings
from django.http import HttpRequest


def project(request: HttpRequest) -> dict[str, str]:
    """The project's name for every page; templates escape it like any other text."""
    return {"project_name": settings.PROJECT_NAME}
