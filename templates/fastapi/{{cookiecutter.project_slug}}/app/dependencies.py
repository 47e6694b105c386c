{%- from "_flags.j2" import db, auth, realtime with context -%}
"""The dependencies that path operations declare.

Each reads what ``create_app`` or its lifespan put on ``app.state``, so an app built with
its own settings, as the tests build them, gets everything that comes from them.
"""
{% if db %}
from collections.abc import AsyncIterator
{%- endif %}
from typing import Annotated

from fastapi import Depends{% if auth %}, HTTPException{% endif %}, Request{% if auth %}, status{% endif %}
{%- if auth %}
from fastapi.security import OAuth2PasswordBearer
{%- endif %}
{%- if db %}
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
{%- endif %}
{%- if realtime %}
from starlette.requests import HTTPConnection
{%- endif %}

{% if realtime -%}
from app.broker import Broker
{% endif -%}
from app.config import Settings
{%- if auth %}
from app.models import User
from app.security import decode_access_token
{%- endif %}


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]
{%- if db %}


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request, on the event loop: no thread waits on the database."""
    factory: async_sessionmaker[AsyncSession] = request.app.state.session_factory
    async with factory() as session:
        yield session


#: ``scope="function"`` closes the session, and so gives its connection back to the
#: pool, as soon as the path operation returns, before the response is sent.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
{%- endif %}
{%- if auth %}

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token")


async def get_current_user(
    token: Annotated[str, Depends(oauth2_scheme)],
    session: SessionDep,
    settings: SettingsDep,
) -> User:
    """The active user the bearer token names; 401 for anything else."""
    user_id = decode_access_token(token, settings)
    user = await session.get(User, user_id) if user_id is not None else None
    if user is None or not user.is_active:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Could not validate credentials",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]
{%- endif %}
{%- if realtime %}


async def get_broker(connection: HTTPConnection) -> Broker:
    broker: Broker = connection.app.state.broker
    return broker


BrokerDep = Annotated[Broker, Depends(get_broker)]
{%- endif %}
