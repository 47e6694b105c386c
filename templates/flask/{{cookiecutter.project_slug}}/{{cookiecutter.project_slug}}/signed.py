"""Values signed for one account: the API's tokens and the password-reset codes.

Each holds the account's id and a fingerprint of its password hash, signed with
``SECRET_KEY`` by itsdangerous (as Flask's session cookie is) under a salt of its own,
so a value made for one purpose never passes for another's, and a new password ends
every value signed before it.
"""

import hashlib
from typing import Any

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from .extensions import db
from .models import User


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def fingerprint(user: User) -> str:
    """Changes whenever the password does."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def sign(user: User, salt: str) -> str:
    signed: str = _serializer(salt).dumps(
        {"user": user.id, "password": fingerprint(user)}
    )
    return signed


def signed_user(value: str, salt: str, max_age: int) -> User | None:
    """The account ``value`` was signed for, if it is valid, younger than ``max_age``
    seconds and made since the last password change; ``None`` for anything else."""
    try:
        data: Any = _serializer(salt).loads(value, max_age=max_age)
    except BadSignature:  # also SignatureExpired, its subclass
        return None
    if not isinstance(data, dict) or not isinstance(data.get("user"), int):
        return None
    user = db.session.get(User, data["user"])
    if user is None or data.get("password") != fingerprint(user):
        return None
    return user
