"""feedback: rounds sealed after close (seal.py), comments keep their rater group

Existing rounds start unsealed (sealed_on NULL): the next `send-reminders`
seals every round that has ended. Existing comments get no group (NULL): they show only when
every group that answered the round is shown.

Revision ID: 7f2a9c4e1b3d
Revises: 5e0d7c1b9a2f
Create Date: 2026-12-06 18:00:00.000000

"""

from alembic import op
import sqlalchemy as sa

revision = "7f2a9c4e1b3d"
down_revision = "5e0d7c1b9a2f"
branch_labels = None
depends_on = None

GROUP_CHECK = "rater_group IN ('medarbetare', 'kollegor', 'chef')"
# SQLite rebuilds the table in batch mode; it stays WITHOUT ROWID.
NO_ROWID = {"sqlite_with_rowid": False}


def upgrade():
    with op.batch_alter_table("feedback_rounds", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sealed_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("seal_claimed_at", sa.DateTime(), nullable=True))
        batch_op.drop_column("invitees_forgotten")

    with op.batch_alter_table("feedback_comments", schema=None, table_kwargs=NO_ROWID) as batch_op:
        batch_op.add_column(sa.Column("rater_group", sa.String(length=20), nullable=True))
        batch_op.create_check_constraint(
            batch_op.f("ck_feedback_comments_group_known"), GROUP_CHECK
        )


def downgrade():
    with op.batch_alter_table("feedback_comments", schema=None, table_kwargs=NO_ROWID) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_feedback_comments_group_known"), type_="check")
        batch_op.drop_column("rater_group")

    with op.batch_alter_table("feedback_rounds", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("invitees_forgotten", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.execute("UPDATE feedback_rounds SET invitees_forgotten = (sealed_on IS NOT NULL)")
    with op.batch_alter_table("feedback_rounds", schema=None) as batch_op:
        batch_op.alter_column("invitees_forgotten", server_default=None)
        batch_op.drop_column("seal_claimed_at")
        batch_op.drop_column("sealed_on")
