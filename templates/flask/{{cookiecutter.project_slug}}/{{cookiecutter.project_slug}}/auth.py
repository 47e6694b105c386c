{%- if cookiecutter.html == "yes" -%}
"""Accounts: register, log in and log out through HTML forms (Flask-Login, Flask-WTF)."""

from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_user, logout_user

from .extensions import db, login_manager
from .forms import LoginForm, LogoutForm, RegisterForm
from .models import User, authenticate, normalize_email

bp = Blueprint("auth", __name__, url_prefix="/auth")
login_manager.login_view = "auth.login"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id))


@bp.app_context_processor
def logout_form() -> dict[str, LogoutForm]:
    """The base layout's log-out button posts this form, CSRF token included."""
    return {"logout_form": LogoutForm()}


@bp.route("/register", methods=["GET", "POST"])
def register() -> ResponseReturnValue:
    form = RegisterForm()
    if form.validate_on_submit():
        user = User(email=normalize_email(form.email.data or ""))
        user.set_password(form.password.data or "")
        db.session.add(user)
        db.session.commit()
        login_user(user)
        flash("Your account is ready.")
        return redirect(url_for("pages.index"))
    return render_template("auth/register.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data or "", form.password.data or "")
        if user is not None:
            login_user(user)
            target = local_path(request.args.get("next"))
            return redirect(target or url_for("pages.index"))
        flash("Wrong e-mail address or password.")
        return render_template("auth/login.html", form=form), 401
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    if not LogoutForm().validate_on_submit():
        abort(400)
    logout_user()
    flash("You are logged out.")
    return redirect(url_for("pages.index"))


def local_path(target: str | None) -> str | None:
    """``target`` if it is a path on this site; never a URL to another (an open redirect)."""
    if not target or not target.startswith("/") or "\\" in target:
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc else target
{%- else -%}
"""Accounts as a JSON API: register, log in, log out, and who is logged in (Flask-Login).

Log-in keeps the user in Flask's signed session cookie. Request bodies must be JSON, which
a form on another site cannot send, and the cookie is SameSite=Lax. Clients that keep no
cookies take a token from ``POST /auth/token`` instead (``tokens.py``).
"""

from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask import Blueprint, abort, make_response, request
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_user, logout_user

from .extensions import db, login_manager
from .models import User, authenticate, find_user, normalize_email

bp = Blueprint("auth", __name__, url_prefix="/auth")
PASSWORD_LENGTH = range(8, 257)


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id))


def public(user: User) -> dict[str, Any]:
    return {"id": user.id, "email": user.email}


def credentials() -> tuple[str, str]:
    """The e-mail address and password in the JSON body, or a 422 response."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(make_response({"errors": {"json": "a JSON object is required"}}, 422))
    email, password = text_field(data, "email"), text_field(data, "password")
    errors = {}
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as error:
        errors["email"] = f"an e-mail address is required ({error})"
    if len(password) not in PASSWORD_LENGTH:
        errors["password"] = "a password of 8 to 256 characters is required"
    if errors:
        abort(make_response({"errors": errors}, 422))
    return normalize_email(email), password


def text_field(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


@bp.post("/register")
def register() -> ResponseReturnValue:
    email, password = credentials()
    if find_user(email) is not None:
        return {"message": "An account with this e-mail address exists already."}, 409
    user = User(email=email)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    login_user(user)
    return public(user), 201


@bp.post("/login")
def login() -> ResponseReturnValue:
    email, password = credentials()
    user = authenticate(email, password)
    if user is None:
        return {"message": "Wrong e-mail address or password."}, 401
    login_user(user)
    return public(user)


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    logout_user()
    return "", 204


@bp.get("/me")
def me() -> ResponseReturnValue:
    """The logged-in user: a protected route."""
    if not current_user.is_authenticated:
        return {"message": "Log in first."}, 401
    return public(current_user)
{%- endif %}
