"""Flask's signed-cookie sessions, without their cost on requests that bring no session.

Flask builds a signer for every request once a secret key is set, even when no session
cookie came in and none goes out. Health checks and API clients send no cookie, so this
interface hands them an empty session directly and skips writing an untouched one; every
request with a session cookie goes through Flask's own code unchanged.
"""

from flask import Flask, Request, Response
from flask.sessions import (
    SecureCookieSession,
    SecureCookieSessionInterface,
    SessionMixin,
)


class CookieSessionInterface(SecureCookieSessionInterface):
    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if app.secret_key and self.get_cookie_name(app) not in request.cookies:
            return self.session_class()
        return super().open_session(app, request)

    def save_session(
        self, app: Flask, session: SessionMixin, response: Response
    ) -> None:
        if not session and not session.modified and not session.accessed:
            return
        super().save_session(app, session, response)
