"""Goals on published periods: a quarter, half-year or year instead of any two
dates (issue 16). Each existing goal moves to the shortest published period
that holds its dates (across a new year: the year of its end), and the move
is written to the audit log.

Revision ID: 9b4e6d2a7c1f
Revises: 7f2a9c4e1b3d
Create Date: 2026-12-06 18:20:00.000000

"""
from datetime import date, datetime, timezone

from alembic import op
import sqlalchemy as sa

revision = "9b4e6d2a7c1f"
down_revision = "7f2a9c4e1b3d"
branch_labels = None
depends_on = None

goals = sa.table(
    "analysis_goals",
    sa.column("id", sa.Integer),
    sa.column("metric", sa.String),
    sa.column("period_start", sa.Date),
    sa.column("period_end", sa.Date),
    sa.column("period_key", sa.String),
)
audit = sa.table(
    "audit_events",
    sa.column("at", sa.DateTime),
    sa.column("action", sa.String),
    sa.column("target", sa.String),
    sa.column("detail", sa.Text),
    sa.column("address", sa.String),
)


def as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def containing(start: date, end: date) -> str:
    """The key of the shortest published period that holds start..end (a
    frozen copy of toolbox.privacy.periods.containing)."""
    if start.year != end.year:
        return str(end.year)
    first, last = (start.month - 1) // 3 + 1, (end.month - 1) // 3 + 1
    if first == last:
        return f"{end.year}-K{last}"
    if (first - 1) // 2 == (last - 1) // 2:
        return f"{end.year}-H{1 if last <= 2 else 2}"
    return str(end.year)


def upgrade():
    with op.batch_alter_table("analysis_goals") as batch:
        batch.add_column(sa.Column("period_key", sa.String(length=10), nullable=True))
    connection = op.get_bind()
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    rows = connection.execute(
        sa.select(goals.c.id, goals.c.metric, goals.c.period_start, goals.c.period_end)
    ).all()
    for goal_id, metric, start, end in rows:
        start, end = as_date(start), as_date(end)
        key = containing(start, end)
        connection.execute(goals.update().where(goals.c.id == goal_id).values(period_key=key))
        connection.execute(
            audit.insert().values(
                at=now,
                action="goal_period_migrated",
                target=f"Mål {goal_id} ({metric})",
                detail=(
                    f"Perioden {start.isoformat()}–{end.isoformat()} blev {key}: mål gäller "
                    "nu publicerade perioder (kvartal, halvår, år)."
                ),
                address="migration",
            )
        )
    with op.batch_alter_table("analysis_goals") as batch:
        batch.alter_column("period_key", existing_type=sa.String(length=10), nullable=False)
        batch.drop_column("period_start")
        batch.drop_column("period_end")


def downgrade():
    with op.batch_alter_table("analysis_goals") as batch:
        batch.add_column(sa.Column("period_start", sa.Date(), nullable=True))
        batch.add_column(sa.Column("period_end", sa.Date(), nullable=True))
    connection = op.get_bind()
    for goal_id, key in connection.execute(sa.select(goals.c.id, goals.c.period_key)).all():
        year = int(key[:4])
        first, last = 1, 4
        if "-H" in key:
            first, last = (1, 2) if key.endswith("1") else (3, 4)
        elif "-K" in key:
            first = last = int(key[-1])
        end = date(year + 1, 1, 1) if last == 4 else date(year, 3 * last + 1, 1)
        connection.execute(
            goals.update()
            .where(goals.c.id == goal_id)
            .values(
                period_start=date(year, 3 * first - 2, 1),
                period_end=date.fromordinal(end.toordinal() - 1),
            )
        )
    with op.batch_alter_table("analysis_goals") as batch:
        batch.alter_column("period_start", existing_type=sa.Date(), nullable=False)
        batch.alter_column("period_end", existing_type=sa.Date(), nullable=False)
        batch.drop_column("period_key")
