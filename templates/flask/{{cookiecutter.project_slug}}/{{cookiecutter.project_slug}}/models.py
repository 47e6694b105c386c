"""The database models, in SQLAlchemy 2.0 style. Change them, then run
``flask --app {{ cookiecutter.project_slug }} db migrate`` and review the new migration."""

{% if cookiecutter.auth == "yes" -%}
from functools import cache

{% endif -%}
from sqlalchemy import {% if cookiecutter.auth == "yes" %}ForeignKey, {% endif %}String, Text{% if cookiecutter.auth == "yes" %}, select{% endif %}
from sqlalchemy.orm import Mapped, mapped_column{% if cookiecutter.auth == "yes" %}, relationship{% endif %}
{%- if cookiecutter.auth == "yes" %}
from werkzeug.security import check_password_hash, generate_password_hash
{%- endif %}

from .extensions import Base{% if cookiecutter.auth == "yes" %}, db{% endif %}


class Item(Base):
    """The example resource: the items routes create, read, update and delete these.
{%- if cookiecutter.auth == "yes" %}

    Anyone may read items; a logged-in user creates them and is recorded as their owner,
    and only the owner may change or delete one.
    {% endif %}"""

    __tablename__ = "items"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
{%- if cookiecutter.auth == "yes" %}
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    owner: Mapped["User"] = relationship()
{%- endif %}
{%- if cookiecutter.api_docs == "no" %}

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
{%- if cookiecutter.auth == "yes" %}
            "owner_id": self.owner_id,
{%- endif %}
        }
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


def authenticate(email: str, password: str) -> User | None:
    """The account with this e-mail address and password, else ``None``.

    An unknown address still costs one password check, against a hash of no account, so
    that the time an answer takes does not tell which addresses have an account.
    """
    user = find_user(email)
    if user is None:
        check_password_hash(dummy_hash(), password)
        return None
    return user if user.check_password(password) else None


@cache
def dummy_hash() -> str:
    """A hash made like every account's (same method and cost), of no one's password."""
    return generate_password_hash("not the password of any account")


def normalize_email(email: str) -> str:
    return email.strip().lower()
{%- endif %}
