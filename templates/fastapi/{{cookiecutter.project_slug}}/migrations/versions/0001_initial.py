{%- from "_flags.j2" import auth, admin with context -%}
"""The initial tables: items{% if auth %}, each with its owner, and users{% endif %}.

Revision ID: 0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
{%- if auth %}
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=50), nullable=False),
        sa.Column("hashed_password", sa.String(length=255), nullable=False),
{%- if cookiecutter.email == "yes" %}
        sa.Column("email", sa.String(length=254), nullable=True),
{%- endif %}
        sa.Column("is_active", sa.Boolean(), nullable=False),
{%- if admin %}
        sa.Column("is_superuser", sa.Boolean(), nullable=False),
{%- endif %}
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
{%- if cookiecutter.email == "yes" %}
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
{%- endif %}
    )
{%- endif %}
    op.create_table(
        "items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
{%- if auth %}
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_items_owner_id_users"),
            ondelete="CASCADE",
        ),
{%- endif %}
        sa.PrimaryKeyConstraint("id", name=op.f("pk_items")),
    )
{%- if auth %}
    op.create_index(op.f("ix_items_owner_id"), "items", ["owner_id"])
{%- endif %}


def downgrade() -> None:
{%- if auth %}
    op.drop_index(op.f("ix_items_owner_id"), table_name="items")
{%- endif %}
    op.drop_table("items")
{%- if auth %}
    op.drop_table("users")
{%- endif %}
