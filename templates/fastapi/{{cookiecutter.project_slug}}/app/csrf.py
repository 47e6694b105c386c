"""CSRF protection for the admin interface, as Django's admin and Flask-Admin's
``SecureForm`` have it: SQLAdmin's own forms have none.

The token is a random value kept in the admin's signed session cookie (the synchronizer
token pattern). Its pages carry it in ``<meta name="csrf-token">`` (the templates in
``app/admin_templates``), and ``app/static/admin.js`` sends it back as the ``csrf_token``
field of every form and the ``X-CSRF-Token`` header of SQLAdmin's scripted requests
(deleting). Every request to the admin that is not GET, HEAD, OPTIONS or TRACE, the login
included, is refused with 403 unless it carries the session's token. Another site can make
a browser send the cookie, but cannot read the token from the admin's pages.
"""

import secrets

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SESSION_KEY = "csrf_token"
FORM_FIELD = "csrf_token"
HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
REFUSED = "CSRF token missing or invalid"


def csrf_token(request: Request) -> str:
    """The session's token, made on first use; for the admin's templates."""
    token = request.session.get(SESSION_KEY)
    if not isinstance(token, str):
        token = request.session[SESSION_KEY] = secrets.token_urlsafe(32)
    return token


class CSRFMiddleware:
    """Refuses unsafe requests without the session's token; runs inside the session
    middleware, which has put the decoded session in the scope."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        expected = scope.get("session", {}).get(SESSION_KEY)
        sent = await _sent_token(scope, _replay(body, receive))
        if not (
            isinstance(expected, str)
            and sent is not None
            and secrets.compare_digest(sent.encode(), expected.encode())
        ):
            refused = PlainTextResponse(REFUSED, status_code=403)
            await refused(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)


async def _sent_token(scope: Scope, receive: Receive) -> str | None:
    """The token from the header, else from the form's field."""
    request = Request(scope, receive)
    header = request.headers.get(HEADER)
    if header is not None:
        return header
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith(("application/x-www-form-urlencoded", "multipart/")):
        return None
    async with request.form() as form:
        value = form.get(FORM_FIELD)
        return None if isinstance(value, UploadFile) else value


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands the app the body already read, then passes on what the
    server sends next (the client's disconnect)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
