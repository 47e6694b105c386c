"""The initial schema{% if cookiecutter.auth == "yes" %}: items and users{% else %}: items{% endif %}.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_items")),
    )
{%- if cookiecutter.auth == "yes" %}
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
{%- if cookiecutter.admin == "yes" %}
        sa.Column("is_admin", sa.Boolean(), nullable=False),
{%- endif %}
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
{%- endif %}


def downgrade() -> None:
{%- if cookiecutter.auth == "yes" %}
    op.drop_table("users")
{%- endif %}
    op.drop_table("items")
