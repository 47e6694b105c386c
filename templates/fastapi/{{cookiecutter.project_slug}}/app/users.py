{%- from "_flags.j2" import admin with context -%}
"""Creating users and checking their passwords.

Argon2 is slow on purpose, and CPU-bound: hashing and verifying run in a worker thread,
so that the event loop serves other requests meanwhile.
"""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.concurrency import run_in_threadpool

from app.models import User
from app.security import dummy_hash, hash_password, verify_password


class UsernameTakenError(Exception):
    pass


async def get_by_username(session: AsyncSession, username: str) -> User | None:
    users = await session.scalars(select(User).where(User.username == username))
    return users.first()


{% if admin -%}
async def create_user(
    session: AsyncSession,
    username: str,
    password: str,
    *,
    superuser: bool = False,
{%- if cookiecutter.email == "yes" %}
    email: str | None = None,
{%- endif %}
) -> User:
    user = User(
        username=username,
        hashed_password=await run_in_threadpool(hash_password, password),
        is_superuser=superuser,
{%- if cookiecutter.email == "yes" %}
        email=email,
{%- endif %}
    )
{%- elif cookiecutter.email == "yes" -%}
async def create_user(
    session: AsyncSession, username: str, password: str, *, email: str | None = None
) -> User:
    hashed = await run_in_threadpool(hash_password, password)
    user = User(username=username, hashed_password=hashed, email=email)
{%- else -%}
async def create_user(session: AsyncSession, username: str, password: str) -> User:
    hashed = await run_in_threadpool(hash_password, password)
    user = User(username=username, hashed_password=hashed)
{%- endif %}
    session.add(user)
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
        raise UsernameTakenError(username) from None
    return user


async def authenticate(
    session: AsyncSession, username: str, password: str
) -> User | None:
    """The active user with this name and password, or None."""
    user = await get_by_username(session, username)
    if user is None:
        await run_in_threadpool(verify_password, password, dummy_hash())
        return None
    if not await run_in_threadpool(verify_password, password, user.hashed_password):
        return None
    return user if user.is_active else None
