"""Per-area, per-principle and per-stratum sums of submitted reflections
(ReflectionAreaSum, ReflectionPrincipleSum, ReflectionStratumSum), rewritten from the answers
whenever a reflection's answers or status are written."""

from collections.abc import Iterable

from sqlalchemy import (
    ColumnElement,
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
    ReflectionStratumSum,
)

# The author's unit, read when the sums are written (at submission): kept with them.
USERS = table("users", column("id"), column("unit_id"))
COLUMNS = ("user_id", "submitted_at", "unit_id", "value_sum", "value_count")


def refresh(reflection_ids: list[int]) -> None:
    """Rewrite the sums of these reflections (a draft has none), in the caller's transaction."""
    if not reflection_ids:
        return
    db.session.flush()
    for model in (ReflectionAreaSum, ReflectionPrincipleSum, ReflectionStratumSum):
        db.session.execute(delete(model).where(model.reflection_id.in_(reflection_ids)))
    area = ReflectionAnswer.area
    db.session.execute(
        insert(ReflectionAreaSum).from_select(
            ("reflection_id", "area", *COLUMNS), sums(reflection_ids, area)
        )
    )
    principles = question_principles(QUESTION_SET)
    db.session.execute(
        insert(ReflectionPrincipleSum).from_select(
            ("reflection_id", "principle", *COLUMNS),
            sums(reflection_ids, principles.c.principle).join(principles, answered(principles)),
        )
    )
    strata = question_strata(QUESTION_SET)
    # A statement the content does not know counts in its area alone, as in the area sums.
    stratum = func.coalesce(strata.c.stratum, stratum_name(area, ""))
    db.session.execute(
        insert(ReflectionStratumSum).from_select(
            ("reflection_id", "stratum", *COLUMNS),
            sums(reflection_ids, stratum).outerjoin(strata, answered(strata)),
        )
    )


def answered(
    statements,
    version: ColumnElement = Reflection.question_set_version,
    question_key: ColumnElement = ReflectionAnswer.question_key,
) -> ColumnElement:
    """Join condition: the rows of `statements` (version, question_key, …) of
    an answer's statement (a reflection's, unless other columns are given)."""
    return (statements.c.version == version) & (statements.c.question_key == question_key)


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
            # The ids pick the reflections, not their answers: the planner then knows that it
            # starts from at most as many rows as ids, also when its statistics lag behind a
            # bulk load (the demo seed, 40,000 reflections in one transaction). Picking the
            # answers, it began from every submitted reflection and looked the ids' answers
            # up again for each of them and each statement.
            Reflection.id.in_(reflection_ids),
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
    return statement_rows(
        "principle", "question_principles", get_content().question_principles(name)
    )


def question_strata(name: str):
    """The stratum of the statements of every version of a question set
    (content.strata), as rows (version, question_key, stratum) to join in SQL."""
    rows = [
        (version, key, stratum_name(area, ",".join(principles)))
        for (version, key), (area, principles) in get_content().strata(name).items()
    ]
    return statement_rows("stratum", "question_strata", rows)


def stratum_name(area, principles):
    """A stratum as one value, "area|principle,…" (strings, or columns in SQL)."""
    return area + "|" + principles


def statement_rows(column: str, name: str, rows: Iterable[tuple[int, str, str]]):
    """Rows (version, question_key, `column`) as a subquery `name`."""
    selects = [
        select(
            literal(version, Integer).label("version"),
            literal(key, String).label("question_key"),
            literal(value, String).label(column),
        )
        for version, key, value in rows
    ]
    return union_all(*selects).subquery(name)
