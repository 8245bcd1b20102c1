"""Per-area and per-principle sums of submitted reflections
(ReflectionAreaSum, ReflectionPrincipleSum), rewritten from the answers
whenever a reflection's answers or status are written."""

from sqlalchemy import (
    Integer,
    String,
    column,
    delete,
    func,
    insert,
    literal,
    select,
    table,
    union_all,
)

from toolbox.content import get_content
from toolbox.extensions import db
from toolbox.reflection.models import (
    QUESTION_SET,
    SUBMITTED,
    Reflection,
    ReflectionAnswer,
    ReflectionAreaSum,
    ReflectionPrincipleSum,
)

# The author's unit, read when the sums are written (at submission): kept with them.
USERS = table("users", column("id"), column("unit_id"))
COLUMNS = ("user_id", "submitted_at", "unit_id", "value_sum", "value_count")


def refresh(reflection_ids: list[int]) -> None:
    """Rewrite the sums of these reflections (a draft has none), in the caller's transaction."""
    if not reflection_ids:
        return
    db.session.flush()
    for model in (ReflectionAreaSum, ReflectionPrincipleSum):
        db.session.execute(delete(model).where(model.reflection_id.in_(reflection_ids)))
    area = ReflectionAnswer.area
    db.session.execute(
        insert(ReflectionAreaSum).from_select(
            ("reflection_id", "area", *COLUMNS), sums(reflection_ids, area)
        )
    )
    principles = question_principles(QUESTION_SET)
    principle = principles.c.principle
    db.session.execute(
        insert(ReflectionPrincipleSum).from_select(
            ("reflection_id", "principle", *COLUMNS),
            sums(reflection_ids, principle).join(
                principles,
                (principles.c.version == Reflection.question_set_version)
                & (principles.c.question_key == ReflectionAnswer.question_key),
            ),
        )
    )


def sums(reflection_ids: list[int], dimension):
    """Per reflection and value of `dimension`: the sum and count of its values."""
    return (
        select(
            ReflectionAnswer.reflection_id,
            dimension,
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
            dimension,
            Reflection.user_id,
            Reflection.submitted_at,
            USERS.c.unit_id,
        )
    )


def question_principles(name: str):
    """The principles of the statements of every version of a question set,
    as rows (version, question_key, principle) to join in SQL."""
    rows = [
        select(
            literal(version, Integer).label("version"),
            literal(key, String).label("question_key"),
            literal(principle, String).label("principle"),
        )
        for version, key, principle in get_content().question_principles(name)
    ]
    return union_all(*rows).subquery("question_principles")
