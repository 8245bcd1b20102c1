"""kept_results: costly cached results kept for every worker and instance
(toolbox/db/cache.py, `cached(..., shared=...)`)

Revision ID: 7a1e5c3d9b20
Revises: e4f6a8b0c2d4
Create Date: 2026-12-06 23:50:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "7a1e5c3d9b20"
down_revision = "e4f6a8b0c2d4"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "kept_results",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("versions", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_kept_results")),
    )
    op.create_index(
        op.f("ix_kept_results_computed_at"), "kept_results", ["computed_at"], unique=False
    )


def downgrade():
    op.drop_index(op.f("ix_kept_results_computed_at"), table_name="kept_results")
    op.drop_table("kept_results")
