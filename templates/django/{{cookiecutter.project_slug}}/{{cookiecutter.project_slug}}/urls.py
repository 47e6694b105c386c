from django.urls import path

from {{ cookiecutter.project_slug }} import views

urlpatterns = [
    path("health", views.health, name="health"),
]
