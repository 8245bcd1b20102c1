"""The per-area sums the dashboards read (ReflectionAreaSum) and the
per-stratum sums their disclosure rule reads (ReflectionStratumSum) stay
equal to the answers through submission, a change, deletion and the demo
seeder; a saved draft writes none."""

from pathlib import Path

from sqlalchemy import func, select

from toolbox.content import get_content
from toolbox.demo.org import seed_org
from toolbox.demo.reflection import seed_reflections
from toolbox.extensions import db
from toolbox.reflection import service
from toolbox.reflection.models import (
    Reflection,
    ReflectionAnswer,
    ReflectionAreaSum,
    ReflectionStratumSum,
)

CONTENT = Path(__file__).resolve().parents[2] / "content"


def stored(key=ReflectionAreaSum.area) -> dict[tuple[int, str], tuple[int, int]]:
    """The sums of the model of `key` (its area, or its stratum), by reflection and key."""
    sums = key.class_
    rows = db.session.execute(select(sums.reflection_id, key, sums.value_sum, sums.value_count))
    return {(rid, found): (total, count) for rid, found, total, count in rows}


def from_answers(reflection_id: int) -> dict[tuple[int, str], tuple[int, int]]:
    rows = db.session.execute(
        select(ReflectionAnswer.area, func.sum(ReflectionAnswer.value), func.count())
        .where(ReflectionAnswer.reflection_id == reflection_id, ReflectionAnswer.value.is_not(None))
        .group_by(ReflectionAnswer.area)
    )
    return {(reflection_id, area): (total, count) for area, total, count in rows}


def stored_strata() -> dict[tuple[int, str], tuple[int, int]]:
    return stored(ReflectionStratumSum.stratum)


def strata_from_answers(reflection_id: int) -> dict[tuple[int, str], tuple[int, int]]:
    """The content's strata of the answered statements, worked out in Python
    ("area|principle,…"; a statement the content does not know in "area|")."""
    version = db.session.get(Reflection, reflection_id).question_set_version
    strata = get_content().strata("sjalvskattning")
    found: dict[tuple[int, str], tuple[int, int]] = {}
    answers = db.session.execute(
        select(ReflectionAnswer.question_key, ReflectionAnswer.area, ReflectionAnswer.value).where(
            ReflectionAnswer.reflection_id == reflection_id, ReflectionAnswer.value.is_not(None)
        )
    )
    for key, answer_area, value in answers:
        area, principles = strata.get((version, key), (answer_area, ()))
        name = (reflection_id, f"{area}|{','.join(principles)}")
        total, count = found.get(name, (0, 0))
        found[name] = (total + value, count + 1)
    return found


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
    assert stored() == stored_strata() == {}, "a draft is not counted"

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
    assert stored_strata() == strata_from_answers(draft.id)
    assert not any(stratum.startswith(f"{first.area}|") for _, stratum in stored_strata())

    service.delete_reflection(draft, user.id)
    db.session.commit()
    assert stored() == stored_strata() == {}


def test_sums_of_the_demo_reflections_match_their_answers(ctx):
    seed_org(CONTENT, "small")
    seed_reflections(CONTENT, "small")
    db.session.commit()
    ids = db.session.scalars(select(ReflectionAnswer.reflection_id).distinct()).all()
    assert ids
    expected, strata = {}, {}
    for reflection_id in ids:
        expected |= from_answers(reflection_id)
        strata |= strata_from_answers(reflection_id)
    assert stored() == expected
    assert stored_strata() == strata


def test_a_statement_the_content_does_not_know_counts_in_its_area_alone(ctx, make_user):
    user = make_user(roles=("chef",))
    reflection = service.start(user.id)
    answer_all(reflection, lambda n: "vet-ej")
    area = service.question_set(reflection).sections[0].area
    db.session.add(
        ReflectionAnswer(reflection_id=reflection.id, question_key="okand", area=area, value=5)
    )
    service.submit(reflection)
    db.session.commit()
    assert stored_strata() == {(reflection.id, f"{area}|"): (5, 1)}
    assert stored_strata() == strata_from_answers(reflection.id)
