"""Security headers on every response, set by one ``after_request`` function.

A small function rather than flask-talisman: Talisman redirects plain HTTP to HTTPS and
rewrites the session cookie's settings on each request, which the proxy in front and
``config.py`` already own, and it sends HSTS only on requests it sees as HTTPS. This sends:

- ``Content-Security-Policy``: scripts, styles, fonts and fetches from this site only, no
  inline script or style unless it carries the request's nonce (see ``csp_nonce``), images
  also as ``data:`` URLs (Swagger UI's icons), no plugins, and no framing;
- ``X-Frame-Options: DENY`` for browsers that predate ``frame-ancestors``;
- ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: strict-origin-when-cross-origin``;
- outside debug mode, ``Strict-Transport-Security`` for a year, with ``includeSubDomains``
  and ``preload`` only when ``HSTS_INCLUDE_SUBDOMAINS`` / ``HSTS_PRELOAD`` are set: both
  bind every subdomain, and preloading is hard to undo. Browsers ignore the header on plain
  HTTP, so the development server on http://127.0.0.1 is not pinned to HTTPS.
"""

import base64
import hashlib
import secrets
from collections.abc import Iterable

from flask import Flask, Response, current_app, g

HSTS_SECONDS = 31_536_000
NONCE_KEY = "csp_nonce"
HANDLERS_KEY = "csp_handler_hashes"


def csp_nonce() -> str:
    """This request's nonce, made on first use; the policy then allows tags that carry it."""
    nonce: str | None = g.get(NONCE_KEY)
    if nonce is None:
        nonce = secrets.token_urlsafe(16)
        setattr(g, NONCE_KEY, nonce)
    return nonce


def allow_event_handlers(handlers: Iterable[str]) -> None:
    """Let this response's pages run exactly these inline event handlers (``onclick="..."``).

    For pages of libraries that still use them (Flask-Admin): CSP allows a handler only by
    the hash of its text, with ``'unsafe-hashes'``; any other handler stays blocked.
    """
    hashes = {
        base64.b64encode(hashlib.sha256(handler.encode()).digest()).decode()
        for handler in handlers
    }
    setattr(g, HANDLERS_KEY, sorted(hashes))


def content_security_policy(nonce: str | None, handler_hashes: list[str]) -> str:
    inline = f" 'nonce-{nonce}'" if nonce else ""
    if handler_hashes:
        inline += " 'unsafe-hashes'" + "".join(f" 'sha256-{h}'" for h in handler_hashes)
    directives = {
        "default-src": "'self'",
        "script-src": f"'self'{inline}",
        "style-src": f"'self'{inline}",
        "img-src": "'self' data:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def strict_transport_security() -> str:
    value = f"max-age={HSTS_SECONDS}"
    if current_app.config["HSTS_INCLUDE_SUBDOMAINS"]:
        value += "; includeSubDomains"
    if current_app.config["HSTS_PRELOAD"]:
        value += "; preload"
    return value


def set_security_headers(response: Response) -> Response:
    headers = response.headers
    policy = content_security_policy(g.get(NONCE_KEY), g.get(HANDLERS_KEY, []))
    headers.setdefault("Content-Security-Policy", policy)
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if not current_app.debug:
        headers.setdefault("Strict-Transport-Security", strict_transport_security())
    return response


def init_security(app: Flask) -> None:
    app.after_request(set_security_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
