{%- from "_flags.j2" import auth with context -%}
"""The admin interface (SQLAdmin) at ``/admin``, behind a login, its forms protected
against CSRF (``app/csrf.py``).

{% if auth -%}
Only active superusers sign in: ``python -m app.cli create-user NAME --superuser``.
{%- else -%}
The login is one account from the environment, ``ADMIN_USERNAME`` and ``ADMIN_PASSWORD``.
Without ``ADMIN_PASSWORD`` the admin is not served at all, so it is never open.
{%- endif %}
"""

import logging
{%- if not auth %}
import secrets
{%- endif %}
from pathlib import Path

from fastapi import FastAPI
from sqladmin import Admin, ModelView
from sqladmin.authentication import AuthenticationBackend
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.middleware import Middleware
from starlette.requests import Request

from app.config import Settings
from app.csrf import CSRFMiddleware, csrf_token
from app.models import Item{% if auth %}, User{% endif %}
{%- if auth %}
from app.users import authenticate
{%- endif %}

logger = logging.getLogger(__name__)

#: Templates that take the place of SQLAdmin's own of the same name (``sqladmin/...``).
TEMPLATES = Path(__file__).resolve().parent / "admin_templates"


class ItemAdmin(ModelView, model=Item):
{%- if auth %}
    column_list = (Item.id, Item.name, Item.owner)
{%- else %}
    column_list = (Item.id, Item.name)
{%- endif %}
    column_searchable_list = (Item.name,)
{%- if auth %}


class UserAdmin(ModelView, model=User):
    column_list = (User.id, User.username, User.is_active, User.is_superuser)
    column_searchable_list = (User.username,)
    # Users sign up through the API or the command line, which hash their passwords.
    can_create = False
    form_excluded_columns = (User.hashed_password,)
    column_details_exclude_list = (User.hashed_password,)
{%- endif %}


class AdminAuth(AuthenticationBackend):
{%- if auth %}
    """Signs in active superusers, and checks on each request that they still are."""

    def __init__(
        self, settings: Settings, session_factory: async_sessionmaker[AsyncSession]
    ) -> None:
{%- else %}
    """Signs in the one account that ``ADMIN_USERNAME`` and ``ADMIN_PASSWORD`` name."""

    def __init__(self, settings: Settings, password: str) -> None:
{%- endif %}
        super().__init__(
            secret_key=settings.secret_key.get_secret_value(),
            https_only=settings.environment == "production",
        )
        # Inside the session middleware, which decodes the session the token is kept in.
        self.middlewares.append(Middleware(CSRFMiddleware))
{%- if auth %}
        self.session_factory = session_factory
{%- else %}
        self.username = settings.admin_username
        self.password = password
{%- endif %}

    async def login(self, request: Request) -> bool:
        form = await request.form()
        username, password = form.get("username"), form.get("password")
        if not isinstance(username, str) or not isinstance(password, str):
            return False
{%- if auth %}
        async with self.session_factory() as session:
            user = await authenticate(session, username, password)
        if user is None or not user.is_superuser:
            return False
        request.session.update({"user_id": user.id})
{%- else %}
        # Compare both, in constant time, so the response time tells nothing.
        ok_name = secrets.compare_digest(username.encode(), self.username.encode())
        ok_password = secrets.compare_digest(password.encode(), self.password.encode())
        if not (ok_name and ok_password):
            return False
        request.session.update({"admin": True})
{%- endif %}
        return True

    async def logout(self, request: Request) -> bool:
        request.session.clear()
        return True

    async def authenticate(self, request: Request) -> bool:
{%- if auth %}
        user_id = request.session.get("user_id")
        if not isinstance(user_id, int):
            return False
        async with self.session_factory() as session:
            user = await session.get(User, user_id)
        return user is not None and user.is_active and user.is_superuser
{%- else %}
        return request.session.get("admin") is True
{%- endif %}


def setup_admin(
    app: FastAPI, settings: Settings, session_factory: async_sessionmaker[AsyncSession]
) -> None:
{%- if auth %}
    backend = AdminAuth(settings, session_factory)
{%- else %}
    if settings.admin_password is None:
        logger.warning("ADMIN_PASSWORD is not set: the admin interface is not served")
        return
    backend = AdminAuth(settings, settings.admin_password.get_secret_value())
{%- endif %}
    admin = Admin(
        app,
        session_maker=session_factory,
        title=settings.project_name,
        authentication_backend=backend,
        templates_dir=str(TEMPLATES),
    )
    admin.templates.env.globals["csrf_token"] = csrf_token
    admin.add_view(ItemAdmin)
{%- if auth %}
    admin.add_view(UserAdmin)
{%- endif %}
