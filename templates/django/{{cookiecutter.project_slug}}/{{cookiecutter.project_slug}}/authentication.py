"""How API clients sign in: with the session of the login page, or HTTP Basic auth."""

from drf_spectacular.authentication import SessionScheme as SpectacularSessionScheme
from rest_framework import authentication
from rest_framework.request import Request


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication, with a challenge: a visitor's request that needs a
    signed-in user gets 401 Unauthorized, as an API client expects, rather than 403."""

    def authenticate_header(self, request: Request) -> str:
        return 'Session realm="api"'


# drf-spectacular registers the extension in an untyped __init_subclass__.
class SessionScheme(SpectacularSessionScheme):  # type: ignore[no-untyped-call]
    """The session in the OpenAPI schema, described as for DRF's own class (the cookie)."""

    target_class = "{{ cookiecutter.project_slug }}.authentication.SessionAuthentication"
