{%- if cookiecutter.realtime == "yes" -%}
"""The ASGI entry point: ``daphne config.asgi:application`` serves HTTP and WebSockets."""

import os

from django.core.asgi import get_asgi_application
from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

# Set up Django before importing anything that uses models (the consumers, the auth stack).
# Settings that refuse to load (no DJANGO_SECRET_KEY{% if cookiecutter.database == "postgresql" %} or DATABASE_URL{% endif %} in production) stop
# the server with their one-line message rather than a traceback.
try:
    django_asgi_app = get_asgi_application()
except ImproperlyConfigured as error:
    raise SystemExit(f"config.asgi: {error}") from None

from channels.auth import AuthMiddlewareStack
from channels.routing import ProtocolTypeRouter, URLRouter
from channels.security.websocket import AllowedHostsOriginValidator

from {{ cookiecutter.project_slug }}.routing import websocket_urlpatterns

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        # Only pages of the allowed hosts may open a WebSocket (no cross-site hijacking).
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
{%- else -%}
"""The ASGI entry point, for asynchronous servers."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_asgi_application()
{%- endif %}
