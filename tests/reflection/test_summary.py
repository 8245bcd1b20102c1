"""The per-area sums the dashboards read (ReflectionAreaSum) stay equal to the
answers through submission, a change, deletion and the demo seeder."""

from pathlib import Path

from sqlalchemy import func, select

from toolbox.demo.org import seed_org
from toolbox.demo.reflection import seed_reflections
from toolbox.extensions import db
from toolbox.reflection import service
from toolbox.reflection.models import ReflectionAnswer, ReflectionAreaSum

CONTENT = Path(__file__).resolve().parents[2] / "content"


def stored() -> dict[tuple[int, str], tuple[int, int]]:
    rows = db.session.execute(
        select(
            ReflectionAreaSum.reflection_id,
            ReflectionAreaSum.area,
            ReflectionAreaSum.value_sum,
            ReflectionAreaSum.value_count,
        )
    )
    return {(rid, area): (total, count) for rid, area, total, count in rows}


def from_answers(reflection_id: int) -> dict[tuple[int, str], tuple[int, int]]:
    rows = db.session.execute(
        select(ReflectionAnswer.area, func.sum(ReflectionAnswer.value), func.count())
        .where(ReflectionAnswer.reflection_id == reflection_id, ReflectionAnswer.value.is_not(None))
        .group_by(ReflectionAnswer.area)
    )
    return {(reflection_id, area): (total, count) for area, total, count in rows}


def answer_all(reflection, value_of) -> None:
    """Answer every statement: value_of(number) gives '1'–'5' or 'vet-ej'."""
    for section in service.question_set(reflection).sections:
        raw = {q.key: value_of(n) for n, q in enumerate(section.questions)}
        service.save_section(reflection, section, raw, "")


def test_sums_follow_submission_change_and_deletion(ctx, make_user):
    user = make_user(roles=("chef",))
    draft = service.start(user.id)
    answer_all(draft, lambda n: "4")
    db.session.commit()
    assert stored() == {}, "a draft is not counted"

    service.submit(draft)
    db.session.commit()
    sections = service.question_set(draft).sections
    assert stored() == {
        (draft.id, s.area): (4 * len(s.questions), len(s.questions)) for s in sections
    }

    # "Vet ej" is left out; an area answered only with it has no row.
    first = sections[0]
    service.save_section(draft, first, {q.key: service.DONT_KNOW for q in first.questions}, "")
    second = sections[1]
    service.save_section(
        draft, second, {q.key: str(1 + n % 5) for n, q in enumerate(second.questions)}, ""
    )
    db.session.commit()
    assert (draft.id, first.area) not in stored()
    expected_second = sum(1 + n % 5 for n in range(len(second.questions)))
    assert stored()[(draft.id, second.area)] == (expected_second, len(second.questions))
    assert stored() == from_answers(draft.id)

    service.delete_reflection(draft, user.id)
    db.session.commit()
    assert stored() == {}


def test_sums_of_the_demo_reflections_match_their_answers(ctx):
    seed_org(CONTENT, "small")
    seed_reflections(CONTENT, "small")
    db.session.commit()
    ids = db.session.scalars(select(ReflectionAnswer.reflection_id).distinct()).all()
    assert ids
    expected = {}
    for reflection_id in ids:
        expected |= from_answers(reflection_id)
    assert stored() == expected
