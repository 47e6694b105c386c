"""Password hashing (Argon2, through pwdlib) and access tokens (JWT, through PyJWT)."""

import secrets
from datetime import UTC, datetime, timedelta
from functools import cache

import jwt
from pwdlib import PasswordHash

from app.config import Settings

ALGORITHM = "HS256"

password_hash = PasswordHash.recommended()


def hash_password(password: str) -> str:
    return password_hash.hash(password)


def verify_password(password: str, hashed: str) -> bool:
    return password_hash.verify(password, hashed)


@cache
def dummy_hash() -> str:
    """A hash to verify against when there is no such user, so that a login takes as
    long whether or not the name exists."""
    return hash_password(secrets.token_urlsafe())


def create_access_token(
    subject: str, settings: Settings, expires_delta: timedelta | None = None
) -> str:
    lifetime = expires_delta or timedelta(minutes=settings.access_token_expire_minutes)
    payload = {"sub": subject, "exp": datetime.now(UTC) + lifetime}
    key = settings.secret_key.get_secret_value()
    return jwt.encode(payload, key, algorithm=ALGORITHM)


def decode_access_token(token: str, settings: Settings) -> int | None:
    """The user id a valid, unexpired token names; None for any other token."""
    try:
        payload = jwt.decode(
            token,
            settings.secret_key.get_secret_value(),
            algorithms=[ALGORITHM],
            options={"require": ["exp", "sub"]},
        )
        return int(payload["sub"])
    except (jwt.InvalidTokenError, ValueError):
        return None
