{%- from "_flags.j2" import redis with context -%}
"""The home page, and the probes of load balancers and container orchestrators: /health
(the process is alive: no I/O) and /ready (it can serve: the database{% if redis %} and Redis{% endif %} answer)."""

{% if redis -%}
import redis
{% endif -%}
{% if cookiecutter.html == "no" or redis -%}
from django.conf import settings
{% endif -%}
from django.db import DatabaseError, connection
from django.http import HttpRequest, {% if cookiecutter.html == "yes" %}HttpResponse, {% endif %}JsonResponse
{%- if cookiecutter.html == "yes" %}
from django.shortcuts import render
{%- endif %}
from django.views.decorators.http import require_GET


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True
{%- if redis %}


def redis_answers() -> bool:
    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2
    )
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False
    finally:
        client.close()
{%- endif %}


@require_GET
def ready(request: HttpRequest) -> JsonResponse:
    """200 when what the requests need answers; 503 naming what does not, so that a load
    balancer sends no traffic here meanwhile."""
    checks = {"database": database_answers}
{%- if redis %}
    if settings.REDIS_URL:
        checks["redis"] = redis_answers
{%- endif %}
    failed = [name for name, answers in checks.items() if not answers()]
    if failed:
        return JsonResponse({"status": "unavailable", "failed": failed}, status=503)
    return JsonResponse({"status": "ok", "checked": list(checks)})


@require_GET
{%- if cookiecutter.html == "yes" %}
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "{{ cookiecutter.project_slug }}/home.html")
{%- else %}
def home(request: HttpRequest) -> JsonResponse:
    """What this service is{% if cookiecutter.auth == "yes" %}, and who is signed in{% endif %}."""
    body: dict[str, str | None] = {"project": settings.PROJECT_NAME}
{%- if cookiecutter.auth == "yes" %}
    body["user"] = (
        request.user.get_username() if request.user.is_authenticated else None
    )
{%- endif %}
    return JsonResponse(body)
{%- endif %}
