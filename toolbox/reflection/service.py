"""Drafts, submission, deletion and history of a manager's own reflections.

Privacy (PRODUCT.md section 5): a reflection is read only through
own_reflection, which answers 404 to everyone but its author – HR,
leadership and administrators included."""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from toolbox import clock
from toolbox.audit.service import record
from toolbox.clock import utcnow
from toolbox.content import AreaSection, Question, QuestionSet, get_content
from toolbox.extensions import db
from toolbox.reflection import reminders, summary
from toolbox.reflection.models import (
    DRAFT,
    QUESTION_SET,
    SUBMITTED,
    Reflection,
    ReflectionAnswer,
    ReflectionAreaSum,
    ReflectionNote,
    ReflectionPrincipleSum,
)
from toolbox.reflection.scoring import Score, from_sql

DONT_KNOW = "vet-ej"  # the form value of "Vet ej / ej aktuellt"


class Incomplete(Exception):
    """Statements are still unanswered; submission waits for them."""

    def __init__(self, missing: list[Question]):
        super().__init__(", ".join(q.key for q in missing))
        self.missing = missing


def own_reflection(reflection_id: int, user_id: int, for_change: bool = False) -> Reflection:
    """The reflection if `user_id` wrote it; 404 for anyone else, whatever their role.

    `for_change`: locked until the request ends, for a request that changes
    it (a step saved, the draft submitted). Another such request for it (the
    draft in two tabs, a button pressed twice) waits, then reads what this
    one wrote: two saves do not both insert a step's answers, and a save
    that waited for a submit finds the reflection submitted and changes
    nothing."""
    query = select(Reflection).where(Reflection.id == reflection_id, Reflection.user_id == user_id)
    if for_change:
        query = query.with_for_update().execution_options(populate_existing=True)
    return db.first_or_404(query)


def question_set(reflection: Reflection | None = None) -> QuestionSet:
    """The version a reflection was given on, or the latest for a new one."""
    version = reflection.question_set_version if reflection else None
    return get_content().question_set(QUESTION_SET, version)


def current_draft(user_id: int) -> Reflection | None:
    return db.session.scalar(
        select(Reflection).where(Reflection.user_id == user_id, Reflection.status == DRAFT)
    )


def start(user_id: int) -> Reflection:
    """The manager's draft; a new one on the latest question set if there is none."""
    draft = current_draft(user_id)
    if draft is not None:
        return draft
    draft = Reflection(user_id=user_id, question_set_version=question_set().version)
    try:
        with db.session.begin_nested():
            db.session.add(draft)
    except IntegrityError:  # another request started one a moment ago
        return current_draft(user_id)
    return draft


def answers_of(reflection_id: int) -> dict[str, int | None]:
    """Answered statements: key → value 1–5, or None for "Vet ej"."""
    return answers_of_each([reflection_id])[reflection_id]


def answers_of_each(reflection_ids: list[int]) -> dict[int, dict[str, int | None]]:
    """answers_of for several reflections, in one query."""
    found: dict[int, dict[str, int | None]] = {rid: {} for rid in reflection_ids}
    rows = db.session.execute(
        select(
            ReflectionAnswer.reflection_id, ReflectionAnswer.question_key, ReflectionAnswer.value
        ).where(ReflectionAnswer.reflection_id.in_(reflection_ids))
    )
    for reflection_id, key, value in rows:
        found[reflection_id][key] = value
    return found


def notes_of(reflection_id: int) -> dict[str, str]:
    rows = db.session.execute(
        select(ReflectionNote.area, ReflectionNote.text).where(
            ReflectionNote.reflection_id == reflection_id
        )
    )
    return dict(rows.all())


def parse_answer(raw: str | None) -> tuple[bool, int | None]:
    """A form value as (answered, value): '' unanswered, 'vet-ej' → None, '1'–'5'."""
    if not raw:
        return False, None
    if raw == DONT_KNOW:
        return True, None
    return True, int(raw)


def save_section(
    reflection: Reflection, section: AreaSection, raw: dict[str, str | None], note: str
) -> None:
    """Replace the draft's answers and note for one area with what was posted
    (the draft read with own_reflection(…, for_change=True))."""
    keys = [q.key for q in section.questions]
    db.session.execute(
        delete(ReflectionAnswer).where(
            ReflectionAnswer.reflection_id == reflection.id,
            ReflectionAnswer.question_key.in_(keys),
        )
    )
    for key in keys:
        answered, value = parse_answer(raw.get(key))
        if answered:
            db.session.add(
                ReflectionAnswer(
                    reflection_id=reflection.id, question_key=key, area=section.area, value=value
                )
            )
    db.session.execute(
        delete(ReflectionNote).where(
            ReflectionNote.reflection_id == reflection.id, ReflectionNote.area == section.area
        )
    )
    if note.strip():
        db.session.add(
            ReflectionNote(reflection_id=reflection.id, area=section.area, text=note.strip())
        )
    reflection.updated_at = utcnow()
    db.session.flush()
    summary.refresh([reflection.id])


@dataclass(frozen=True)
class StepSaved:
    """A step saved to the draft: its statements still unanswered, and the
    number of the step after it (None after the last)."""

    gaps: list[Question]
    next_step: int | None


def save_step(
    reflection: Reflection, step: int, raw: dict[str, str | None], note: str
) -> StepSaved:
    """Save step `step` (1-based) of a draft and say what the step still lacks."""
    sections = question_set(reflection).sections
    section = sections[step - 1]
    save_section(reflection, section, raw, note)
    # save_section replaced every answer of the section, so what was posted is what is stored.
    gaps = [q for q in section.questions if not parse_answer(raw.get(q.key))[0]]
    return StepSaved(gaps, step + 1 if step < len(sections) else None)


def missing(questions: Iterable[Question], answers: dict[str, int | None]) -> list[Question]:
    return [q for q in questions if q.key not in answers]


def first_open_step(reflection: Reflection) -> int | None:
    """The first step (1-based) with an unanswered statement; None when all are done."""
    answers = answers_of(reflection.id)
    for number, section in enumerate(question_set(reflection).sections, start=1):
        if missing(section.questions, answers):
            return number
    return None


def submit(reflection: Reflection) -> None:
    """Submit a complete draft; raises Incomplete otherwise."""
    gaps = missing(question_set(reflection).questions, answers_of(reflection.id))
    if gaps:
        raise Incomplete(gaps)
    reflection.status = SUBMITTED
    reflection.submitted_at = utcnow()
    db.session.flush()
    summary.refresh([reflection.id])
    reminders.reschedule(reflection.user_id, clock.today())


def delete_reflection(reflection: Reflection, actor_id: int) -> None:
    """Remove the reflection with its answers and notes from the database."""
    reflection_id, user_id = reflection.id, reflection.user_id
    for model in (ReflectionAreaSum, ReflectionPrincipleSum, ReflectionAnswer, ReflectionNote):
        db.session.execute(delete(model).where(model.reflection_id == reflection_id))
    db.session.execute(delete(Reflection).where(Reflection.id == reflection_id))
    db.session.expunge(reflection)
    # The event names what was removed, never what was answered.
    record("reflection_deleted", actor_id=actor_id, target=f"Självskattning {reflection_id}")
    db.session.flush()
    reminders.reschedule(user_id, clock.today())


@dataclass(frozen=True)
class HistoryRow:
    reflection: Reflection
    areas: dict[str, Score]


def submitted(user_id: int) -> list[Reflection]:
    return list(
        db.session.scalars(
            select(Reflection)
            .where(Reflection.user_id == user_id, Reflection.status == SUBMITTED)
            .order_by(Reflection.submitted_at, Reflection.id)
        )
    )


def area_scores(reflection_ids: list[int]) -> dict[int, dict[str, Score]]:
    """Mean, answered and "Vet ej" per reflection and area, computed in SQL."""
    found: dict[int, dict[str, Score]] = {rid: {} for rid in reflection_ids}
    if not reflection_ids:
        return found
    rows = db.session.execute(
        select(
            ReflectionAnswer.reflection_id,
            ReflectionAnswer.area,
            func.avg(ReflectionAnswer.value),
            func.count(ReflectionAnswer.value),
            func.count(),
        )
        .where(ReflectionAnswer.reflection_id.in_(reflection_ids))
        .group_by(ReflectionAnswer.reflection_id, ReflectionAnswer.area)
    )
    for reflection_id, area, mean, answered, total in rows:
        found[reflection_id][area] = from_sql(mean, answered, total)
    return found


def history(user_id: int) -> list[HistoryRow]:
    """The manager's submitted reflections, oldest first, with area scores."""
    reflections = submitted(user_id)
    scores = area_scores([r.id for r in reflections])
    return [HistoryRow(r, scores[r.id]) for r in reflections]


def previous_of(reflection: Reflection) -> Reflection | None:
    """The author's submitted reflection just before this one."""
    return db.session.scalar(
        select(Reflection)
        .where(
            Reflection.user_id == reflection.user_id,
            Reflection.status == SUBMITTED,
            Reflection.submitted_at < reflection.submitted_at,
        )
        .order_by(Reflection.submitted_at.desc(), Reflection.id.desc())
        .limit(1)
    )
