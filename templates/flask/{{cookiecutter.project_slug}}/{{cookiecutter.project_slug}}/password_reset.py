"""Password reset by e-mail, as a JSON API under ``/auth/password-reset``.

``POST /auth/password-reset`` with ``{"email": ...}`` mails that account a reset code and
answers 202 with the same words whether or not the address has an account, so the reply
tells nobody who has one. ``POST /auth/password-reset/confirm`` with ``{"token": ...,
"password": ...}`` sets the new password.

The code is signed with ``SECRET_KEY`` (itsdangerous, a salt of its own, so that no other
signed value passes for one), expires after ``PASSWORD_RESET_MAX_AGE`` seconds, and holds a
fingerprint of the password hash: once the password changes, the code no longer matches,
so it works once.
"""

from typing import Any

from flask import Blueprint, current_app, request, url_for
from flask.typing import ResponseReturnValue

from . import signed
from .extensions import db
from .mail import send_mail
from .models import User, find_user, normalize_email

bp = Blueprint("password_reset", __name__, url_prefix="/auth/password-reset")
SALT = "password-reset"
PASSWORD_LENGTH = range(8, 257)
#: The one reply to a reset request, account or not.
REQUESTED = {
    "message": "If an account has this address, a reset code is on its way to it."
}


def reset_token(user: User) -> str:
    return signed.sign(user, SALT)


def user_for_reset_token(token: str) -> User | None:
    """The account of a valid, unexpired, unspent code; ``None`` for anything else."""
    return signed.signed_user(token, SALT, current_app.config["PASSWORD_RESET_MAX_AGE"])


def body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    return data if isinstance(data, dict) else {}


@bp.post("")
def request_reset() -> ResponseReturnValue:
    email = body().get("email")
    user = find_user(normalize_email(email)) if isinstance(email, str) else None
    if user is not None:
        minutes = current_app.config["PASSWORD_RESET_MAX_AGE"] // 60
        confirm = url_for(".confirm_reset", _external=True)
        send_mail(
            user.email,
            "Reset your password",
            f"To choose a new password, send this code with it to {confirm}:\n\n"
            f"{reset_token(user)}\n\nThe code works once, for {minutes} minutes. "
            "If you did not ask for it, ignore this message: your password stays.",
        )
    return REQUESTED, 202


@bp.post("/confirm")
def confirm_reset() -> ResponseReturnValue:
    data = body()
    token, password = data.get("token"), data.get("password")
    if not isinstance(password, str) or len(password) not in PASSWORD_LENGTH:
        problem = "a password of 8 to 256 characters is required"
        return {"errors": {"password": problem}}, 422
    user = user_for_reset_token(token) if isinstance(token, str) else None
    if user is None:
        return {"message": "This reset code is not valid (any more)."}, 400
    user.set_password(password)
    db.session.commit()
    return {"message": "Your password has been changed."}
