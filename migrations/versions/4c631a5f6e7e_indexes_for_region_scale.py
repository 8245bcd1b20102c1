"""indexes for region scale: dashboards' reflection aggregates, ranked catalog search

Revision ID: 4c631a5f6e7e
Revises: 13c8aad2d12b
Create Date: 2026-11-23 13:45:00.000000

"""
from alembic import op

# Copied from toolbox/catalog/search.py as it was when this revision was made:
# a stored tsvector, so that ranking reads it instead of parsing every match.
PG_VECTOR_DDL = (
    "ALTER TABLE catalog_items ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('swedish', search_text)) STORED",
    "CREATE INDEX IF NOT EXISTS ix_catalog_items_fts ON catalog_items USING gin (search_vector)",
)
# As revision 93b92473de5b made it.
PG_OLD_INDEX = (
    "CREATE INDEX IF NOT EXISTS ix_catalog_items_fts ON catalog_items USING gin "
    "(to_tsvector('swedish', search_text))"
)


# revision identifiers, used by Alembic.
revision = '4c631a5f6e7e'
down_revision = '13c8aad2d12b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        'ix_reflections_status_submitted',
        'reflections',
        ['status', 'submitted_at', 'user_id'],
        unique=False,
    )
    op.drop_index('ix_reflection_answers_area', table_name='reflection_answers')
    op.create_index(
        'ix_reflection_answers_area',
        'reflection_answers',
        ['area', 'reflection_id', 'value'],
        unique=False,
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_catalog_items_fts")
        for statement in PG_VECTOR_DDL:
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_catalog_items_fts")
        op.execute("ALTER TABLE catalog_items DROP COLUMN IF EXISTS search_vector")
        op.execute(PG_OLD_INDEX)
    op.drop_index('ix_reflection_answers_area', table_name='reflection_answers')
    op.create_index(
        'ix_reflection_answers_area', 'reflection_answers', ['area', 'reflection_id'], unique=False
    )
    op.drop_index('ix_reflections_status_submitted', table_name='reflections')
