"""area sums of reflections and feedback responses for the dashboards, filled
from the existing answers; feedback responses indexed by round and group

Revision ID: c101f5cd24e4
Revises: 4c631a5f6e7e
Create Date: 2026-11-23 15:25:00.000000

"""
from alembic import op
import sqlalchemy as sa

# As toolbox/reflection/summary.py and toolbox/feedback/summary.py compute the
# rows when this revision was made: per submitted reflection (per response)
# and area, the sum and count of the answer values.
REFLECTION_BACKFILL = """
INSERT INTO reflection_area_sums
    (reflection_id, area, user_id, submitted_at, value_sum, value_count)
SELECT a.reflection_id, a.area, r.user_id, r.submitted_at, SUM(a.value), COUNT(a.value)
FROM reflection_answers a JOIN reflections r ON r.id = a.reflection_id
WHERE r.status = 'inskickad' AND a.value IS NOT NULL
GROUP BY a.reflection_id, a.area, r.user_id, r.submitted_at
"""
FEEDBACK_BACKFILL = """
INSERT INTO feedback_area_sums
    (response_id, area, round_id, rater_group, submitted_on, value_sum, value_count)
SELECT a.response_id, a.area, r.round_id, r.rater_group, r.submitted_on,
       SUM(a.value), COUNT(a.value)
FROM feedback_answers a JOIN feedback_responses r ON r.id = a.response_id
WHERE a.value IS NOT NULL
GROUP BY a.response_id, a.area, r.round_id, r.rater_group, r.submitted_on
"""


# revision identifiers, used by Alembic.
revision = 'c101f5cd24e4'
down_revision = '4c631a5f6e7e'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('reflection_area_sums',
    sa.Column('reflection_id', sa.Integer(), nullable=False),
    sa.Column('area', sa.String(length=20), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.Column('value_sum', sa.Integer(), nullable=False),
    sa.Column('value_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['reflection_id'], ['reflections.id'], name=op.f('fk_reflection_area_sums_reflection_id_reflections'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('reflection_id', 'area', name=op.f('pk_reflection_area_sums'))
    )
    op.create_index(
        'ix_reflection_area_sums_area_submitted',
        'reflection_area_sums',
        ['area', 'submitted_at', 'user_id', 'value_sum', 'value_count'],
        unique=False,
    )
    op.execute(REFLECTION_BACKFILL)

    op.create_table('feedback_area_sums',
    sa.Column('response_id', sa.String(length=32), nullable=False),
    sa.Column('area', sa.String(length=20), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('rater_group', sa.String(length=20), nullable=False),
    sa.Column('submitted_on', sa.Date(), nullable=False),
    sa.Column('value_sum', sa.Integer(), nullable=False),
    sa.Column('value_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['response_id'], ['feedback_responses.id'], name=op.f('fk_feedback_area_sums_response_id_feedback_responses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('response_id', 'area', name=op.f('pk_feedback_area_sums')),
    sqlite_with_rowid=False
    )
    op.create_index(
        'ix_feedback_area_sums_area_submitted',
        'feedback_area_sums',
        ['area', 'submitted_on', 'round_id', 'rater_group', 'value_sum', 'value_count'],
        unique=False,
    )
    op.execute(FEEDBACK_BACKFILL)

    op.drop_index('ix_feedback_responses_round_id', table_name='feedback_responses')
    op.create_index(
        'ix_feedback_responses_round_group',
        'feedback_responses',
        ['round_id', 'rater_group'],
        unique=False,
    )


def downgrade():
    op.drop_index('ix_feedback_responses_round_group', table_name='feedback_responses')
    op.create_index(
        'ix_feedback_responses_round_id', 'feedback_responses', ['round_id'], unique=False
    )
    op.drop_index('ix_feedback_area_sums_area_submitted', table_name='feedback_area_sums')
    op.drop_table('feedback_area_sums')
    op.drop_index('ix_reflection_area_sums_area_submitted', table_name='reflection_area_sums')
    op.drop_table('reflection_area_sums')
