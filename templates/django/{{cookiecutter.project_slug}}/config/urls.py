from django.urls import include, path

urlpatterns = [
    path("", include("{{ cookiecutter.project_slug }}.urls")),
]
