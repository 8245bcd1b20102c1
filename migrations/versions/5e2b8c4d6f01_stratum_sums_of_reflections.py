"""stratum sums of reflections beside the area and principle sums: the
disclosure rule of the dashboards reads who gave a value in which stratum
from rows written at submission, not from the answers that every saved draft
rewrites (each draft saved had made every worker work out the self-assessment
tables again); filled from the stored answers

Revision ID: 5e2b8c4d6f01
Revises: 8d3f1b7c2e60
Create Date: 2026-12-07 07:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from flask import current_app

revision = "5e2b8c4d6f01"
down_revision = "8d3f1b7c2e60"
branch_labels = None
depends_on = None

# As toolbox/reflection/summary.py computes the rows when this revision was
# made: per submitted reflection and stratum (the statements of one area
# carrying the same principles, "area|principle,…", from the question set of
# the version it was answered on; a statement the content does not know in
# "area|"), the sum and count of its values. A reflection's unit is the one
# its area sums keep (the unit at submission).
BACKFILL = """
INSERT INTO reflection_stratum_sums
    (reflection_id, stratum, user_id, submitted_at, unit_id, value_sum, value_count)
SELECT a.reflection_id, COALESCE(q.stratum, a.area || '|'), r.user_id, r.submitted_at,
       (SELECT MAX(s.unit_id) FROM reflection_area_sums s WHERE s.reflection_id = r.id),
       SUM(a.value), COUNT(a.value)
FROM reflection_answers a
JOIN reflections r ON r.id = a.reflection_id
LEFT JOIN question_strata q
  ON q.version = r.question_set_version AND q.question_key = a.question_key
WHERE r.status = 'inskickad' AND a.value IS NOT NULL
GROUP BY a.reflection_id, COALESCE(q.stratum, a.area || '|'), r.id, r.user_id, r.submitted_at
"""


def question_strata() -> list[dict]:
    content = current_app.extensions["toolbox.content"]["sv"]  # strata: the same in both
    return [
        {"version": version, "question_key": key, "stratum": area + "|" + ",".join(principles)}
        for (version, key), (area, principles) in content.strata("sjalvskattning").items()
    ]


def upgrade():
    op.create_table(
        "reflection_stratum_sums",
        sa.Column("reflection_id", sa.Integer(), nullable=False),
        sa.Column("stratum", sa.String(length=200), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("value_sum", sa.Integer(), nullable=False),
        sa.Column("value_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["reflection_id"],
            ["reflections.id"],
            name=op.f("fk_reflection_stratum_sums_reflection_id_reflections"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "reflection_id", "stratum", name=op.f("pk_reflection_stratum_sums")
        ),
    )
    op.create_index(
        "ix_reflection_stratum_sums_submitted",
        "reflection_stratum_sums",
        ["submitted_at", "unit_id", "user_id", "stratum", "value_count"],
        unique=False,
    )
    # The statements' strata, for the backfill only.
    mapping = op.create_table(
        "question_strata",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("question_key", sa.String(length=60), nullable=False),
        sa.Column("stratum", sa.String(length=200), nullable=False),
    )
    rows = question_strata()
    if rows:
        op.bulk_insert(mapping, rows)
    op.execute(BACKFILL)
    op.drop_table("question_strata")


def downgrade():
    op.drop_index("ix_reflection_stratum_sums_submitted", table_name="reflection_stratum_sums")
    op.drop_table("reflection_stratum_sums")
