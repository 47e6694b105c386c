"""The database models, in SQLAlchemy 2.0 style. Change them, then run
``flask --app {{ cookiecutter.project_slug }} db migrate`` and review the new migration."""

from sqlalchemy import String, Text{% if cookiecutter.auth == "yes" %}, select{% endif %}
from sqlalchemy.orm import Mapped, mapped_column
{%- if cookiecutter.auth == "yes" %}
from werkzeug.security import check_password_hash, generate_password_hash
{%- endif %}

from .extensions import Base{% if cookiecutter.auth == "yes" %}, db{% endif %}


class Item(Base):
    """The example resource: the items routes create, read, update and delete these."""

    __tablename__ = "items"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
{%- if cookiecutter.api_docs == "no" %}

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "description": self.description}
{%- endif %}
{%- if cookiecutter.auth == "yes" %}


class User(Base):
    """An account. Only a hash of the password is stored (Werkzeug's default, scrypt)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
{%- if cookiecutter.admin == "yes" %}
    is_admin: Mapped[bool] = mapped_column(default=False)
{%- endif %}

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    # What Flask-Login asks of a user object.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)


def find_user(email: str) -> User | None:
    """The account with this e-mail address; addresses are compared in lower case."""
    return db.session.scalar(select(User).where(User.email == normalize_email(email)))


def normalize_email(email: str) -> str:
    return email.strip().lower()
{%- endif %}
