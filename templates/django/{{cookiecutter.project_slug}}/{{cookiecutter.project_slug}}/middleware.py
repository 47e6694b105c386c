"""Middleware of the project's own."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from {{ cookiecutter.project_slug }}.views import health


def health_check(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Answer ``/health`` first, before anything reads the Host header.

    Probes address the server by its IP address (the image's HEALTHCHECK, a load balancer),
    which DJANGO_ALLOWED_HOSTS need not list, and over plain HTTP: they get their answer,
    while every other request still has to name an allowed host.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.path == "/health":
            return health(request)
        return get_response(request)

    return middleware
