from django.apps import AppConfig


class MainConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}"
