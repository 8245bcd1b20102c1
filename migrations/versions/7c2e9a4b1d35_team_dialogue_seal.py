"""team_dialogues: the seal's claim and day (issue 20 review: a closed
dialogue's memberships are blanked and the database's traces cleared, retried
by cron until done)

Revision ID: 7c2e9a4b1d35
Revises: 5b8d2f4a6c10
Create Date: 2026-12-07 02:40:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "7c2e9a4b1d35"
down_revision = "5b8d2f4a6c10"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("team_dialogues") as batch_op:
        batch_op.add_column(sa.Column("seal_claimed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("sealed_on", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("team_dialogues") as batch_op:
        batch_op.drop_column("sealed_on")
        batch_op.drop_column("seal_claimed_at")
