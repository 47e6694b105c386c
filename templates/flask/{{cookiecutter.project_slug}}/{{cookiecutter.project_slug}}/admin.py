{%- set login_page = cookiecutter.auth == "yes" and cookiecutter.html == "yes" -%}
"""The admin at /admin: Flask-Admin views of the models, for administrators only.
{% if cookiecutter.auth == "yes" %}
An administrator is an account whose ``is_admin`` is set: ``flask create-admin EMAIL``
makes one. Other users get 403.
{%- if login_page %} Visitors who are not logged in go to the log-in page.
{%- else %} Visitors who are not logged in are asked for an
administrator's e-mail address and password (HTTP Basic).
{%- endif %}
{%- else %}
There are no accounts, so the admin asks for user ``admin`` and ``ADMIN_PASSWORD`` (HTTP
Basic; serve it over HTTPS only). While ``ADMIN_PASSWORD`` is not set, the admin is closed.
{%- endif %}
Admin forms carry a CSRF token (Flask-Admin's ``SecureForm``).
"""

{% if cookiecutter.auth == "no" -%}
import hmac
{% endif -%}
from typing import Any
{% if cookiecutter.auth == "yes" %}
import click
{%- endif %}
{%- if login_page %}
from flask import Flask, abort, redirect, request, url_for
{%- elif cookiecutter.auth == "yes" %}
from flask import Flask, Response, abort
{%- else %}
from flask import Flask, Response, current_app, request
{%- endif %}
from flask.typing import ResponseReturnValue
from flask_admin import Admin, AdminIndexView
from flask_admin.contrib.sqla import ModelView
from flask_admin.form import SecureForm
{%- if cookiecutter.auth == "yes" %}
from flask_login import current_user
{%- endif %}

from .extensions import db
from .models import Item{% if cookiecutter.auth == "yes" %}, User, find_user, normalize_email{% endif %}
from .security import allow_event_handlers, csp_nonce
{%- if cookiecutter.auth == "no" %}

ADMIN_USERNAME = "admin"
{%- endif %}

#: The inline event handlers of Flask-Admin's (2.x, Bootstrap 4) model pages: the filter
#: menu, the delete button's confirmation, and the bulk actions. The Content-Security-Policy
#: of the admin's pages allows these by hash, and no others; a test fails when a Flask-Admin
#: release renders one that is not here.
FLASK_ADMIN_HANDLERS = (
    "return false;",
    "return faHelpers.safeConfirm('Are you sure you want to delete this record?');",
    "return modelActions.execute('delete');",
)


class AdministratorsOnly:
    """Flask-Admin's access checks, the same for every view of the admin."""

    def is_accessible(self) -> bool:
        """Whether the current request comes from an administrator."""
{%- if cookiecutter.auth == "yes" %}
        return bool(current_user.is_authenticated and current_user.is_admin)
{%- else %}
        password: str = current_app.config["ADMIN_PASSWORD"]
        credentials = request.authorization
        if not password or credentials is None or credentials.type != "basic":
            return False
        # Compared in constant time, so that the answer's timing tells nothing.
        given = f"{credentials.username}:{credentials.password}".encode()
        return hmac.compare_digest(given, f"{ADMIN_USERNAME}:{password}".encode())
{%- endif %}

    def inaccessible_callback(self, name: str, **kwargs: Any) -> ResponseReturnValue:
        """The answer to anyone else."""
{%- if cookiecutter.auth == "yes" %}
        if current_user.is_authenticated:
            abort(403)
{%- endif %}
{%- if login_page %}
        return redirect(url_for("auth.login", next=request.full_path))
{%- else %}
        challenge = {"WWW-Authenticate": 'Basic realm="admin"'}
        return Response("Log in as an administrator.", 401, challenge)
{%- endif %}

    def render(self, template: str, **kwargs: Any) -> Any:
        """Flask-Admin's page, with its inline event handlers allowed by the policy."""
        allow_event_handlers(FLASK_ADMIN_HANDLERS)
        return super().render(template, **kwargs)  # type: ignore[misc]


class ProtectedIndexView(AdministratorsOnly, AdminIndexView):
    """The admin's home page."""


class ProtectedModelView(AdministratorsOnly, ModelView):
    form_base_class = SecureForm
{%- if cookiecutter.auth == "yes" %}


class ItemView(ProtectedModelView):
    """Items made here belong to the administrator who makes them."""

    column_list = ("name", "description", "owner")
    form_excluded_columns = ("owner",)

    def on_model_change(self, form: Any, model: Item, is_created: bool) -> None:
        if is_created:
            model.owner_id = current_user.id


class UserView(ProtectedModelView):
    """Accounts are made by registering or by ``create-admin``; the hash stays hidden."""

    can_create = False
    column_exclude_list = ("password_hash",)
    column_searchable_list = ("email",)
    form_excluded_columns = ("password_hash",)
{%- endif %}


def init_admin(app: Flask) -> None:
    admin = Admin(
        app,
        name=app.config["PROJECT_NAME"],
        index_view=ProtectedIndexView(),
        # Flask-Admin's inline scripts carry the request's nonce, which the
        # Content-Security-Policy then allows (security.py).
        csp_nonce_generator=csp_nonce,
    )
    admin.add_view({% if cookiecutter.auth == "yes" %}ItemView{% else %}ProtectedModelView{% endif %}(Item, db))
{%- if cookiecutter.auth == "yes" %}
    admin.add_view(UserView(User, db))

    @app.cli.command("create-admin")
    @click.argument("email")
    @click.password_option()
    def create_admin(email: str, password: str) -> None:
        """Make EMAIL an administrator with PASSWORD, creating the account if there is none."""
        user = find_user(email)
        if user is None:
            user = User(email=normalize_email(email))
            db.session.add(user)
        user.set_password(password)
        user.is_admin = True
        db.session.commit()
        click.echo(f"{user.email} is an administrator.")
{%- endif %}
