"""Leadership-team dialogues (issue 20): the dialogue, its members, their
answers with no link to the member, the agreed behaviours, and the
förvaltning's samsyn.

Revision ID: 2de0daf646b7
Revises: 7a1e5c3d9b20
Create Date: 2026-12-06 23:28:01.724498

"""
from alembic import op
import sqlalchemy as sa


revision = '2de0daf646b7'
down_revision = "7a1e5c3d9b20"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('team_dialogues',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('leader_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('team_name', sa.String(length=200), nullable=False),
    sa.Column('concept', sa.String(length=40), nullable=False),
    sa.Column('content_version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('meeting_on', sa.Date(), nullable=True),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('agreed_at', sa.DateTime(), nullable=True),
    sa.Column('commitments', sa.Text(), nullable=False),
    sa.Column('followup_on', sa.Date(), nullable=True),
    sa.Column('followup_reminded_on', sa.Date(), nullable=True),
    sa.Column('followed_up_at', sa.DateTime(), nullable=True),
    sa.Column('followup_note', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('oppen', 'stangd')", name=op.f('ck_team_dialogues_status_known')),
    sa.ForeignKeyConstraint(['leader_id'], ['users.id'], name=op.f('fk_team_dialogues_leader_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['org_units.id'], name=op.f('fk_team_dialogues_unit_id_org_units'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_dialogues'))
    )
    with op.batch_alter_table('team_dialogues', schema=None) as batch_op:
        batch_op.create_index('ix_team_dialogues_leader', ['leader_id', 'opened_at'], unique=False)

    op.create_table('team_shared_views',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('behaviours', sa.String(length=1000), nullable=False),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_team_shared_views_recorded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_shared_views'))
    )
    op.create_table('team_dialogue_agreed',
    sa.Column('dialogue_id', sa.Integer(), nullable=False),
    sa.Column('behaviour', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['dialogue_id'], ['team_dialogues.id'], name=op.f('fk_team_dialogue_agreed_dialogue_id_team_dialogues'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('dialogue_id', 'behaviour', name=op.f('pk_team_dialogue_agreed'))
    )
    op.create_table('team_dialogue_members',
    sa.Column('dialogue_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('answered', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['dialogue_id'], ['team_dialogues.id'], name=op.f('fk_team_dialogue_members_dialogue_id_team_dialogues'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_team_dialogue_members_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('dialogue_id', 'user_id', name=op.f('pk_team_dialogue_members'))
    )
    with op.batch_alter_table('team_dialogue_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_dialogue_members_user_id'), ['user_id'], unique=False)

    op.create_table('team_dialogue_responses',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('dialogue_id', sa.Integer(), nullable=False),
    sa.Column('submitted_on', sa.Date(), nullable=False),
    sa.Column('meaning', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['dialogue_id'], ['team_dialogues.id'], name=op.f('fk_team_dialogue_responses_dialogue_id_team_dialogues'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_dialogue_responses')),
    sqlite_with_rowid=False
    )
    with op.batch_alter_table('team_dialogue_responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_dialogue_responses_dialogue_id'), ['dialogue_id'], unique=False)

    op.create_table('team_dialogue_priorities',
    sa.Column('response_id', sa.String(length=32), nullable=False),
    sa.Column('behaviour', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['response_id'], ['team_dialogue_responses.id'], name=op.f('fk_team_dialogue_priorities_response_id_team_dialogue_responses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('response_id', 'behaviour', name=op.f('pk_team_dialogue_priorities')),
    sqlite_with_rowid=False
    )
    op.create_table('team_dialogue_ratings',
    sa.Column('response_id', sa.String(length=32), nullable=False),
    sa.Column('behaviour', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Integer(), nullable=True),
    sa.CheckConstraint('value IS NULL OR (value BETWEEN 1 AND 5)', name=op.f('ck_team_dialogue_ratings_value_range')),
    sa.ForeignKeyConstraint(['response_id'], ['team_dialogue_responses.id'], name=op.f('fk_team_dialogue_ratings_response_id_team_dialogue_responses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('response_id', 'behaviour', name=op.f('pk_team_dialogue_ratings')),
    sqlite_with_rowid=False
    )


def downgrade():
    op.drop_table('team_dialogue_ratings')
    op.drop_table('team_dialogue_priorities')
    with op.batch_alter_table('team_dialogue_responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_dialogue_responses_dialogue_id'))

    op.drop_table('team_dialogue_responses')
    with op.batch_alter_table('team_dialogue_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_dialogue_members_user_id'))

    op.drop_table('team_dialogue_members')
    op.drop_table('team_dialogue_agreed')
    op.drop_table('team_shared_views')
    with op.batch_alter_table('team_dialogues', schema=None) as batch_op:
        batch_op.drop_index('ix_team_dialogues_leader')

    op.drop_table('team_dialogues')
