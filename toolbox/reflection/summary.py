"""Per-area sums of submitted reflections (ReflectionAreaSum), rewritten from
the answers whenever a reflection's answers or status are written."""

from sqlalchemy import column, delete, func, insert, select, table

from toolbox.extensions import db
from toolbox.reflection.models import (
    SUBMITTED,
    Reflection,
    ReflectionAnswer,
    ReflectionAreaSum,
)

# The author's unit, read when the sums are written (at submission): kept with them.
USERS = table("users", column("id"), column("unit_id"))
COLUMNS = (
    "reflection_id",
    "area",
    "user_id",
    "submitted_at",
    "unit_id",
    "value_sum",
    "value_count",
)


def refresh(reflection_ids: list[int]) -> None:
    """Rewrite the sums of these reflections (a draft has none), in the caller's transaction."""
    if not reflection_ids:
        return
    db.session.flush()
    db.session.execute(
        delete(ReflectionAreaSum).where(ReflectionAreaSum.reflection_id.in_(reflection_ids))
    )
    sums = (
        select(
            ReflectionAnswer.reflection_id,
            ReflectionAnswer.area,
            Reflection.user_id,
            Reflection.submitted_at,
            USERS.c.unit_id,
            func.sum(ReflectionAnswer.value),
            func.count(ReflectionAnswer.value),
        )
        .join(Reflection, Reflection.id == ReflectionAnswer.reflection_id)
        .join(USERS, USERS.c.id == Reflection.user_id)
        .where(
            ReflectionAnswer.reflection_id.in_(reflection_ids),
            Reflection.status == SUBMITTED,
            ReflectionAnswer.value.is_not(None),
        )
        .group_by(
            ReflectionAnswer.reflection_id,
            ReflectionAnswer.area,
            Reflection.user_id,
            Reflection.submitted_at,
            USERS.c.unit_id,
        )
    )
    db.session.execute(insert(ReflectionAreaSum).from_select(COLUMNS, sums))
