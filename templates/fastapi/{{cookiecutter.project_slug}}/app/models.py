{%- from "_flags.j2" import auth, admin with context -%}
"""The database tables, as typed SQLAlchemy models.

A change here needs a migration: ``alembic revision --autogenerate -m "what changed"``.
"""

{% if auth -%}
from sqlalchemy import ForeignKey, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
{%- else -%}
from sqlalchemy import MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
{%- endif %}

# Constraint names that are the same on every database, so migrations can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Item(Base):
    """The example resource: replace it with your own.{% if auth %} Anyone reads items; a
    signed-in user creates them and becomes their owner, who alone changes and deletes them.{% endif %}"""

    __tablename__ = "items"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
{%- if auth %}
    #: The user who created the item; their items go when they do.
    owner_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    owner: Mapped["User"] = relationship()
{%- endif %}
{%- if auth %}


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    hashed_password: Mapped[str] = mapped_column(String(255))
{%- if cookiecutter.email == "yes" %}
    #: Where a password reset is mailed; optional, lowercase, one account per address.
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
{%- endif %}
    is_active: Mapped[bool] = mapped_column(default=True)
{%- if admin %}
    #: Superusers may sign in to the admin interface.
    is_superuser: Mapped[bool] = mapped_column(default=False)

    def __str__(self) -> str:
        """How the admin names a user: as an item's owner, say."""
        return self.username
{%- endif %}
{%- endif %}
