"""Units kept with the answers (issue 16): a reflection's area sums and a
feedback round hold the unit the manager had when submitting or opening, so
that a later move changes no figure leadership has already seen. Existing
rows take the manager's unit now.

Revision ID: c3d5e7f9a1b2
Revises: 9b4e6d2a7c1f
Create Date: 2026-12-06 18:45:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "c3d5e7f9a1b2"
down_revision = "9b4e6d2a7c1f"
branch_labels = None
depends_on = None

OLD_INDEX = ("area", "submitted_at", "user_id", "value_sum", "value_count")
NEW_INDEX = ("area", "submitted_at", "unit_id", "user_id", "value_sum", "value_count")


def upgrade():
    with op.batch_alter_table("reflection_area_sums") as batch:
        batch.add_column(sa.Column("unit_id", sa.Integer(), nullable=True))
        batch.drop_index("ix_reflection_area_sums_area_submitted")
        batch.create_index("ix_reflection_area_sums_area_submitted", list(NEW_INDEX))
    with op.batch_alter_table("feedback_rounds") as batch:
        batch.add_column(sa.Column("unit_id", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE reflection_area_sums SET unit_id ="
        " (SELECT unit_id FROM users WHERE users.id = reflection_area_sums.user_id)"
    )
    op.execute(
        "UPDATE feedback_rounds SET unit_id ="
        " (SELECT unit_id FROM users WHERE users.id = feedback_rounds.manager_id)"
    )


def downgrade():
    with op.batch_alter_table("feedback_rounds") as batch:
        batch.drop_column("unit_id")
    with op.batch_alter_table("reflection_area_sums") as batch:
        batch.drop_index("ix_reflection_area_sums_area_submitted")
        batch.create_index("ix_reflection_area_sums_area_submitted", list(OLD_INDEX))
        batch.drop_column("unit_id")
