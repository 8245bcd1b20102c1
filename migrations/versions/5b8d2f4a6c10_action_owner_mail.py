"""analysis_actions: the owner's e-mail address and the due date they were
reminded of (issue 21: action owners are mailed)

Revision ID: 5b8d2f4a6c10
Revises: 3908cb97a7e3
Create Date: 2026-12-07 00:10:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "5b8d2f4a6c10"
down_revision = "3908cb97a7e3"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("analysis_actions") as batch_op:
        batch_op.add_column(
            sa.Column("owner_email", sa.String(length=254), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("reminded_for", sa.Date(), nullable=True))
    # The model sets the default; the server default only filled existing rows.
    with op.batch_alter_table("analysis_actions") as batch_op:
        batch_op.alter_column("owner_email", server_default=None)


def downgrade():
    with op.batch_alter_table("analysis_actions") as batch_op:
        batch_op.drop_column("reminded_for")
        batch_op.drop_column("owner_email")
