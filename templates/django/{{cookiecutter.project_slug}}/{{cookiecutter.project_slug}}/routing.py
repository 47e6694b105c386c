from django.urls import path

from {{ cookiecutter.project_slug }}.consumers import EchoConsumer

websocket_urlpatterns = [
    path("ws/echo/", EchoConsumer.as_asgi()),
]
