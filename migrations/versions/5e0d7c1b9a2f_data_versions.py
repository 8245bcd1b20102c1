"""data_versions: how often each table has been written to, for the shared
results each worker keeps (toolbox/datacache.py)

Revision ID: 5e0d7c1b9a2f
Revises: c101f5cd24e4
Create Date: 2026-11-23 18:50:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "5e0d7c1b9a2f"
down_revision = "c101f5cd24e4"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "data_versions",
        sa.Column("table_name", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", name=op.f("pk_data_versions")),
    )


def downgrade():
    op.drop_table("data_versions")
