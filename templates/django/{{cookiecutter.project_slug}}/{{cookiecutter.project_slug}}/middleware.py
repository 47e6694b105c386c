"""Middleware of the project's own."""

import re
import uuid
from collections.abc import Callable

from django.core.signals import request_finished
from django.http import HttpRequest, HttpResponse

from {{ cookiecutter.project_slug }} import logs
from {{ cookiecutter.project_slug }}.views import health, ready

#: An X-Request-ID a proxy or client sent that is kept as it is; any other is replaced.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,200}")


def request_id(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Name each request: the ``X-Request-ID`` it came with, if sane, or a new one.

    The id goes on every log line written while it is handled (Django's own "Not Found"
    and error lines included, which it writes once the middleware is done: the id is
    cleared when the request finishes) and back in the response's ``X-Request-ID``, so
    that a user's report, the proxy's log and ours meet.
    """
    request_finished.connect(clear_request_id, dispatch_uid="request_id.clear")

    def middleware(request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        current = given if SANE_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        logs.request_id.set(current)
        response = get_response(request)
        response["X-Request-ID"] = current
        return response

    return middleware


def clear_request_id(**kwargs: object) -> None:
    logs.request_id.set("-")


def health_check(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Answer ``/health`` and ``/ready`` first, before anything reads the Host header.

    Probes address the server by its IP address (the image's HEALTHCHECK, a load balancer),
    which DJANGO_ALLOWED_HOSTS need not list, and over plain HTTP: they get their answer,
    while every other request still has to name an allowed host.
    """
    probes = {"/health": health, "/ready": ready}

    def middleware(request: HttpRequest) -> HttpResponse:
        probe = probes.get(request.path)
        if probe is not None:
            return probe(request)
        return get_response(request)

    return middleware
