"""The home page and a health endpoint for load balancers and container orchestrators."""

{% if cookiecutter.html == "no" -%}
from django.conf import settings
{% endif -%}
from django.http import HttpRequest, {% if cookiecutter.html == "yes" %}HttpResponse, {% endif %}JsonResponse
{%- if cookiecutter.html == "yes" %}
from django.shortcuts import render
{%- endif %}
from django.views.decorators.http import require_GET


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


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
