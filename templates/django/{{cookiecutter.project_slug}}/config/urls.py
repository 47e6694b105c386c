"""The project's URLs: each app's own, mounted under a prefix."""
{% if cookiecutter.admin == "yes" %}
from django.contrib import admin
{%- endif %}
from django.urls import include, path
{%- if cookiecutter.api_docs == "yes" %}
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
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
        SpectacularSwaggerView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
{%- endif %}
]
