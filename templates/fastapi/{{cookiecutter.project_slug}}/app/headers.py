"""Security headers on every HTTP response, as a small ASGI middleware.

- ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: strict-origin-when-cross-origin``
  and ``X-Frame-Options: DENY`` on every response;
- a ``Content-Security-Policy`` on HTML pages, unless the page set its own: scripts,
  styles, fonts and images from this origin only (no inline scripts or styles), no
  framing, no plugins, forms posting to this origin only. The starter's pages hold to it:
  their scripts and styles are files it serves itself;
- in production, ``Strict-Transport-Security`` for a year, with ``includeSubDomains`` and
  ``preload`` only when ``HSTS_INCLUDE_SUBDOMAINS`` and ``HSTS_PRELOAD`` ask for them.
  Browsers heed it only over HTTPS, which production is served behind.
"""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.config import Settings

#: The policy of every HTML page that does not set one of its own.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HSTS_MAX_AGE = 31_536_000


def strict_transport_security(settings: Settings) -> str | None:
    """The ``Strict-Transport-Security`` value for these settings; None outside
    production, where the app is served over plain HTTP."""
    if settings.environment != "production":
        return None
    value = f"max-age={HSTS_MAX_AGE}"
    if settings.hsts_include_subdomains:
        value += "; includeSubDomains"
    if settings.hsts_preload:
        value += "; preload"
    return value


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.headers = {
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "strict-origin-when-cross-origin",
            "X-Frame-Options": "DENY",
        }
        self.policy = CONTENT_SECURITY_POLICY
        hsts = strict_transport_security(settings)
        if hsts is not None:
            self.headers["Strict-Transport-Security"] = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers.setdefault(name, value)
                if headers.get("content-type", "").startswith("text/html"):
                    headers.setdefault("Content-Security-Policy", self.policy)
            await send(message)

        await self.app(scope, receive, send_with_headers)
