{%- from "_flags.j2" import admin with context -%}
"""Creating users and checking their passwords."""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import User
from app.security import dummy_hash, hash_password, verify_password


class UsernameTakenError(Exception):
    pass


def get_by_username(session: Session, username: str) -> User | None:
    return session.scalars(select(User).where(User.username == username)).first()


{% if admin -%}
def create_user(
    session: Session, username: str, password: str, *, superuser: bool = False
) -> User:
    user = User(
        username=username,
        hashed_password=hash_password(password),
        is_superuser=superuser,
    )
{%- else -%}
def create_user(session: Session, username: str, password: str) -> User:
    user = User(username=username, hashed_password=hash_password(password))
{%- endif %}
    session.add(user)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise UsernameTakenError(username) from None
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with this name and password, or None."""
    user = get_by_username(session, username)
    if user is None:
        verify_password(password, dummy_hash())
        return None
    if not verify_password(password, user.hashed_password) or not user.is_active:
        return None
    return user
