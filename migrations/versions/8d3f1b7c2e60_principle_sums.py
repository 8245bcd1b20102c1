"""principle sums of reflections and feedback responses beside the area sums
(issue 20: every dashboard figure per principle), filled from the stored
answers; a goal's area becomes its focus (an area or a principle)
(goals on the new metrics need no change of schema)

Revision ID: 8d3f1b7c2e60
Revises: 7c2e9a4b1d35
Create Date: 2026-12-07 02:50:00.000000

"""
from alembic import op
import sqlalchemy as sa
from flask import current_app

revision = "8d3f1b7c2e60"
down_revision = "7c2e9a4b1d35"
branch_labels = None
depends_on = None

# The metrics goals could be set on before this revision.
EARLIER_METRICS = ("skattning", "aterkoppling", "skattat", "kontrollspann", "chefsstod")
# The principles of the framework when this revision was made.
PRINCIPLES = (
    "tillit", "medborgarfokus", "helhetssyn", "handlingsutrymme", "stod", "kunskap", "oppenhet"
)

# As toolbox/reflection/summary.py and toolbox/feedback/summary.py compute the
# rows when this revision was made: per submitted reflection (per response)
# and principle, the sum and count of the values of the statements carrying
# it, the principles read from the question sets (content/questions/) of the
# version each was answered on. Every answer is still stored, so every sum is
# filled. A reflection's unit is the one its area sums keep (the unit at
# submission), not the author's unit today.
REFLECTION_BACKFILL = """
INSERT INTO reflection_principle_sums
    (reflection_id, principle, user_id, submitted_at, unit_id, value_sum, value_count)
SELECT a.reflection_id, q.principle, r.user_id, r.submitted_at,
       (SELECT MAX(s.unit_id) FROM reflection_area_sums s WHERE s.reflection_id = r.id),
       SUM(a.value), COUNT(a.value)
FROM reflection_answers a
JOIN reflections r ON r.id = a.reflection_id
JOIN question_principles q
  ON q.name = 'sjalvskattning' AND q.version = r.question_set_version
 AND q.question_key = a.question_key
WHERE r.status = 'inskickad' AND a.value IS NOT NULL
GROUP BY a.reflection_id, q.principle, r.id, r.user_id, r.submitted_at
"""
FEEDBACK_BACKFILL = """
INSERT INTO feedback_principle_sums
    (response_id, principle, round_id, rater_group, submitted_on, value_sum, value_count)
SELECT a.response_id, q.principle, r.round_id, r.rater_group, r.submitted_on,
       SUM(a.value), COUNT(a.value)
FROM feedback_answers a
JOIN feedback_responses r ON r.id = a.response_id
JOIN feedback_rounds f ON f.id = r.round_id
JOIN question_principles q
  ON q.name = 'aterkoppling' AND q.version = f.question_set_version
 AND q.question_key = a.question_key
WHERE a.value IS NOT NULL
GROUP BY a.response_id, q.principle, r.round_id, r.rater_group, r.submitted_on
"""


def question_principles() -> list[dict]:
    content = current_app.extensions["toolbox.content"]["sv"]  # principles: the same in both
    return [
        {"name": name, "version": version, "question_key": key, "principle": principle}
        for name in ("sjalvskattning", "aterkoppling")
        for version, key, principle in content.question_principles(name)
    ]


def upgrade():
    op.create_table(
        "reflection_principle_sums",
        sa.Column("reflection_id", sa.Integer(), nullable=False),
        sa.Column("principle", sa.String(length=20), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("value_sum", sa.Integer(), nullable=False),
        sa.Column("value_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["reflection_id"],
            ["reflections.id"],
            name=op.f("fk_reflection_principle_sums_reflection_id_reflections"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "reflection_id", "principle", name=op.f("pk_reflection_principle_sums")
        ),
    )
    op.create_index(
        "ix_reflection_principle_sums_principle_submitted",
        "reflection_principle_sums",
        ["principle", "submitted_at", "unit_id", "user_id", "value_sum", "value_count"],
        unique=False,
    )
    op.create_table(
        "feedback_principle_sums",
        sa.Column("response_id", sa.String(length=32), nullable=False),
        sa.Column("principle", sa.String(length=20), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("rater_group", sa.String(length=20), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=False),
        sa.Column("value_sum", sa.Integer(), nullable=False),
        sa.Column("value_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["feedback_responses.id"],
            name=op.f("fk_feedback_principle_sums_response_id_feedback_responses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "response_id", "principle", name=op.f("pk_feedback_principle_sums")
        ),
        sqlite_with_rowid=False,
    )
    op.create_index(
        "ix_feedback_principle_sums_principle_submitted",
        "feedback_principle_sums",
        ["principle", "submitted_on", "round_id", "rater_group", "value_sum", "value_count"],
        unique=False,
    )
    # The statements' principles, for the backfill only.
    mapping = op.create_table(
        "question_principles",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("question_key", sa.String(length=60), nullable=False),
        sa.Column("principle", sa.String(length=20), nullable=False),
    )
    rows = question_principles()
    if rows:
        op.bulk_insert(mapping, rows)
    op.execute(REFLECTION_BACKFILL)
    op.execute(FEEDBACK_BACKFILL)
    op.drop_table("question_principles")
    # Renamed in place (SQLite 3.25+ and PostgreSQL): a copied table would
    # take the actions' links to their goals with it.
    op.execute("ALTER TABLE analysis_goals RENAME COLUMN area TO focus")


def downgrade():
    # The earlier version knows no metric added with this revision and would
    # fail on a goal on one: those goals are removed (their actions stay,
    # without a goal). A goal on a principle has no area to go back to: it
    # keeps no focus (the earlier version then shows every area together).
    op.execute(
        "DELETE FROM analysis_goals WHERE metric NOT IN ("
        + ", ".join(f"'{key}'" for key in EARLIER_METRICS)
        + ")"
    )
    op.execute(
        "UPDATE analysis_goals SET focus = NULL WHERE focus IN ("
        + ", ".join(f"'{key}'" for key in PRINCIPLES)
        + ")"
    )
    op.execute("ALTER TABLE analysis_goals RENAME COLUMN focus TO area")
    op.drop_index(
        "ix_feedback_principle_sums_principle_submitted", table_name="feedback_principle_sums"
    )
    op.drop_table("feedback_principle_sums")
    op.drop_index(
        "ix_reflection_principle_sums_principle_submitted",
        table_name="reflection_principle_sums",
    )
    op.drop_table("reflection_principle_sums")
