{%- set smorest = cookiecutter.api_docs == "yes" -%}
{%- set basic = cookiecutter.admin == "yes" and cookiecutter.html == "no" -%}
"""API tokens: how clients that are not browsers sign in to the JSON API.

``POST /auth/token`` with ``{"email": ..., "password": ...}`` answers
``{"access_token": ..., "token_type": "bearer", "expires_in": ...}``; the client then sends
``Authorization: Bearer <access_token>`` with each request. A token is the account's id,
signed with ``SECRET_KEY`` (itsdangerous, as Flask's session cookie is) and valid for
``API_TOKEN_MAX_AGE`` seconds; it also holds a fingerprint of the password hash, so a new
password ends every token made before it.

Browsers keep using the session cookie of {% if cookiecutter.html == "yes" %}the log-in form{% else %}``POST /auth/login``{% endif %}.
{%- if smorest %}

``/openapi.json`` declares both ways in (``bearerAuth`` and ``sessionCookie``), so Swagger
UI's "Authorize" button takes a token.
{%- endif %}
{%- if basic %}

The same request loader also takes HTTP Basic with an account's e-mail address and
password: it is how a browser reaches the admin pages here, having no log-in form.
{%- endif %}
"""

{% if smorest -%}
from flask import Request, abort, current_app
from flask.typing import ResponseReturnValue
from flask_smorest import Api, Blueprint
from marshmallow import Schema, fields
{%- else -%}
from flask import Blueprint, Request, current_app, request
from flask.typing import ResponseReturnValue
{%- endif %}

from . import signed
from .extensions import login_manager
from .models import User, authenticate

SALT = "api-token"
{%- if smorest %}
#: The OpenAPI security schemes, and the requirement that a route takes either.
SECURITY_SCHEMES: dict[str, dict[str, str]] = {
    "bearerAuth": {"type": "http", "scheme": "bearer"},
    "sessionCookie": {"type": "apiKey", "in": "cookie", "name": "session"},
}
SIGNED_IN: list[dict[str, list[str]]] = [{name: []} for name in SECURITY_SCHEMES]

bp = Blueprint(
    "tokens", __name__, url_prefix="/auth", description="API tokens for clients"
)


class CredentialsSchema(Schema):
    email = fields.String(required=True)
    password = fields.String(required=True, load_only=True)


class TokenSchema(Schema):
    access_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer()
{%- else %}

bp = Blueprint("tokens", __name__, url_prefix="/auth")
{%- endif %}


def issue_token(user: User) -> str:
    return signed.sign(user, SALT)


def user_for_token(token: str) -> User | None:
    """The account a valid, unexpired token was issued to; ``None`` for any other token."""
    return signed.signed_user(token, SALT, current_app.config["API_TOKEN_MAX_AGE"])


@login_manager.request_loader
def load_user_from_request(req: Request) -> User | None:
    """The user of a request that brings no session cookie, from its Authorization header."""
    credentials = req.authorization
    if credentials is None:
        return None
    if credentials.type == "bearer" and credentials.token:
        return user_for_token(credentials.token)
{%- if basic %}
    if credentials.type == "basic":
        return authenticate(credentials.username or "", credentials.password or "")
{%- endif %}
    return None
{%- if smorest %}


@bp.post("/token")
@bp.arguments(CredentialsSchema)
@bp.response(200, TokenSchema)
@bp.alt_response(401, description="Wrong e-mail address or password")
def token(credentials: dict[str, str]) -> ResponseReturnValue:
    """Exchange an e-mail address and password for an API token."""
    user = authenticate(credentials["email"], credentials["password"])
    if user is None:
        abort(401, "Wrong e-mail address or password.")
    return {
        "access_token": issue_token(user),
        "token_type": "bearer",
        "expires_in": current_app.config["API_TOKEN_MAX_AGE"],
    }


def document_security(api: Api) -> None:
    """Declare the ways in, so that the OpenAPI document and Swagger UI offer them."""
    for name, scheme in SECURITY_SCHEMES.items():
        api.spec.components.security_scheme(name, scheme)
{%- else %}


@bp.post("/token")
def token() -> ResponseReturnValue:
    """Exchange an e-mail address and password (a JSON body) for an API token."""
    data = request.get_json(silent=True)
    email = data.get("email") if isinstance(data, dict) else None
    password = data.get("password") if isinstance(data, dict) else None
    if not isinstance(email, str) or not isinstance(password, str):
        return {"errors": {"json": "email and password are required"}}, 422
    user = authenticate(email, password)
    if user is None:
        return {"message": "Wrong e-mail address or password."}, 401
    return {
        "access_token": issue_token(user),
        "token_type": "bearer",
        "expires_in": current_app.config["API_TOKEN_MAX_AGE"],
    }
{%- endif %}
