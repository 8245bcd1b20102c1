"""Programme plan and återrapportering (issue 20): the programme's activities,
the report's editable summary per period, and the activity an action of the
åtgärdsplan belongs to.

Revision ID: 3908cb97a7e3
Revises: 2de0daf646b7
Create Date: 2026-12-06 23:36:56.079543

"""
from alembic import op
import sqlalchemy as sa


revision = '3908cb97a7e3'
down_revision = '2de0daf646b7'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('programme_activities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('track', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('planerad', 'pagar', 'genomford', 'avbruten')", name=op.f('ck_programme_activities_status_known')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_programme_activities_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_activities'))
    )
    op.create_table('programme_report_intros',
    sa.Column('period_key', sa.String(length=10), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_programme_report_intros_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('period_key', name=op.f('pk_programme_report_intros'))
    )
    with op.batch_alter_table('analysis_actions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('activity_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_analysis_actions_activity_id'), ['activity_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_analysis_actions_activity_id_programme_activities'),
            'programme_activities', ['activity_id'], ['id'], ondelete='SET NULL',
        )


def downgrade():
    with op.batch_alter_table('analysis_actions', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_analysis_actions_activity_id_programme_activities'), type_='foreignkey'
        )
        batch_op.drop_index(batch_op.f('ix_analysis_actions_activity_id'))
        batch_op.drop_column('activity_id')
    op.drop_table('programme_report_intros')
    op.drop_table('programme_activities')
