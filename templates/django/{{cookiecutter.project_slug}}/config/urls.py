"""The project's URLs: each app's own, mounted under a prefix."""
{% if cookiecutter.admin == "yes" %}
from django.contrib import admin
{%- endif %}
from django.urls import include, path
{%- if cookiecutter.api_docs == "yes" %}
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
{%- endif %}

urlpatterns = [
    path("", include("{{ cookiecutter.project_slug }}.urls")),
    path("notes/", include("{{ cookiecutter.project_slug }}.notes.urls")),
{%- if cookiecutter.auth == "yes" %}
    path("accounts/", include("{{ cookiecutter.project_slug }}.users.urls")),
{%- endif %}
{%- if cookiecutter.admin == "yes" %}
    path("admin/", admin.site.urls),
{%- endif %}
{%- if cookiecutter.api_docs == "yes" %}
    path("api/", include("{{ cookiecutter.project_slug }}.notes.api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        # The split view serves its start-up script as a file of its own, and the template
        # has no inline style: the page keeps to the Content-Security-Policy.
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="api_docs/swagger_ui.html"
        ),
        name="api-docs",
    ),
{%- endif %}
]
