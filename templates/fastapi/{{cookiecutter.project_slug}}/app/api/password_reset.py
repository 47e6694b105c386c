"""Password reset by e-mail: ``POST /auth/password-reset`` and its ``/confirm``.

``POST /auth/password-reset`` with ``{"email": ...}`` mails that account a reset token and
answers 202 with the same words whether or not the address has an account, so the reply
tells nobody who has one. ``POST /auth/password-reset/confirm`` with ``{"token": ...,
"password": ...}`` sets the new password.

The token is a JWT (PyJWT, as the access tokens), signed with ``SECRET_KEY``, with a
purpose of its own (so that an access token never passes for one, nor one for an access
token, which has no ``purpose``), expiring after ``PASSWORD_RESET_MAX_AGE`` seconds, and
holding a fingerprint of the password hash: once the password changes, the token no
longer matches, so it works once.
"""

import hashlib
from datetime import UTC, datetime, timedelta

import jwt
from fastapi import APIRouter, HTTPException, status
from pydantic import BaseModel, Field
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from app.config import Settings
from app.dependencies import SessionDep, SettingsDep
from app.mail import send_mail
from app.models import User
from app.security import ALGORITHM, hash_password

router = APIRouter(prefix="/auth/password-reset", tags=["auth"])
PURPOSE = "password-reset"
#: The one reply to a reset request, account or not.
REQUESTED = {"detail": "If an account has this address, a reset token is on its way."}


class ResetRequest(BaseModel):
    email: str = Field(max_length=254)


class ResetConfirm(BaseModel):
    token: str = Field(max_length=2000)
    password: str = Field(min_length=8, max_length=128)


def fingerprint(user: User) -> str:
    """Changes whenever the password does, which spends the token."""
    return hashlib.sha256(user.hashed_password.encode()).hexdigest()[:16]


def reset_token(user: User, settings: Settings) -> str:
    lifetime = timedelta(seconds=settings.password_reset_max_age)
    payload = {
        "sub": str(user.id),
        "purpose": PURPOSE,
        "fp": fingerprint(user),
        "exp": datetime.now(UTC) + lifetime,
    }
    return jwt.encode(payload, settings.secret_key.get_secret_value(), ALGORITHM)


def read_token(token: str, settings: Settings) -> tuple[int, str] | None:
    """The user id and fingerprint a valid reset token holds; None for any other."""
    try:
        payload = jwt.decode(
            token,
            settings.secret_key.get_secret_value(),
            algorithms=[ALGORITHM],
            options={"require": ["exp", "sub", "purpose", "fp"]},
        )
        if payload["purpose"] != PURPOSE:
            return None
        return int(payload["sub"]), str(payload["fp"])
    except (jwt.InvalidTokenError, ValueError):
        return None


@router.post("", status_code=status.HTTP_202_ACCEPTED)
async def request_reset(
    body: ResetRequest, session: SessionDep, settings: SettingsDep
) -> dict[str, str]:
    query = select(User).where(User.email == body.email.strip().lower())
    user = (await session.scalars(query)).first()
    if user is not None and user.is_active and user.email:
        text = (
            f"Someone asked to reset the password of {user.username}.\n\n"
            "To choose a new one, POST this token with the new password to "
            "/auth/password-reset/confirm within "
            f"{settings.password_reset_max_age // 60} minutes:\n\n"
            f"{reset_token(user, settings)}\n\n"
            "If it was not you, ignore this message: the password stays as it is.\n"
        )
        await send_mail(settings, user.email, "Reset your password", text)
    return REQUESTED


@router.post("/confirm")
async def confirm_reset(
    body: ResetConfirm, session: SessionDep, settings: SettingsDep
) -> dict[str, str]:
    found = read_token(body.token, settings)
    user = await session.get(User, found[0]) if found else None
    if found is None or user is None or fingerprint(user) != found[1]:
        raise HTTPException(
            status_code=status.HTTP_400_BAD_REQUEST,
            detail="The reset token is invalid, expired or already used",
        )
    user.hashed_password = await run_in_threadpool(hash_password, body.password)
    await session.commit()
    return {"detail": "The password is changed."}
