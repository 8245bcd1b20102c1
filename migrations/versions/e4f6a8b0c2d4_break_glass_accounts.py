"""Break-glass accounts (issue 19): with single sign-on the region can turn
local passwords off for everyone but accounts flagged for emergency access.
Existing accounts are not flagged.

Revision ID: e4f6a8b0c2d4
Revises: c3d5e7f9a1b2
Create Date: 2026-12-06 23:50:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "e4f6a8b0c2d4"
down_revision = "c3d5e7f9a1b2"
branch_labels = None
depends_on = None


def upgrade():
    # A plain ADD COLUMN: SQLite can add one with a constant default in place.
    op.add_column(
        "users",
        sa.Column("break_glass", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade():
    with op.batch_alter_table("users") as batch:
        batch.drop_column("break_glass")
