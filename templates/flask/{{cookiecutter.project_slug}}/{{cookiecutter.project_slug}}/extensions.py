"""The Flask extensions, created once here and bound to each app in ``create_app``."""
{%- if cookiecutter.database != "none" %}

{% if cookiecutter.auth == "yes" -%}
from flask_login import LoginManager
{% endif -%}
from flask_migrate import Migrate
{% if cookiecutter.realtime == "yes" -%}
from flask_sock import Sock
{% endif -%}
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Named constraints, so that migrations can drop and alter them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """The base of every model. Models subclass it (not ``db.Model``) so that mypy checks
    them; ``db`` shares its metadata."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
{%- if cookiecutter.auth == "yes" %}
login_manager = LoginManager()
{%- endif %}
{%- if cookiecutter.realtime == "yes" %}
sock = Sock()
{%- endif %}
{%- else %}

from flask_sock import Sock

sock = Sock()
{%- endif %}
