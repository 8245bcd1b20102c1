"""The per-area sums the dashboards read (FeedbackAreaSum) equal the answers
of each response, stored through the service and by the demo seeder."""

from pathlib import Path

from sqlalchemy import delete, func, select

from toolbox.demo.feedback import seed_feedback
from toolbox.demo.org import seed_org
from toolbox.extensions import db
from toolbox.feedback.models import FeedbackAnswer, FeedbackAreaSum, FeedbackRound

CONTENT = Path(__file__).resolve().parents[2] / "content"


def stored() -> dict[tuple[str, str], tuple[int, int]]:
    rows = db.session.execute(
        select(
            FeedbackAreaSum.response_id,
            FeedbackAreaSum.area,
            FeedbackAreaSum.value_sum,
            FeedbackAreaSum.value_count,
        )
    )
    return {(rid, area): (total, count) for rid, area, total, count in rows}


def from_answers() -> dict[tuple[str, str], tuple[int, int]]:
    rows = db.session.execute(
        select(
            FeedbackAnswer.response_id,
            FeedbackAnswer.area,
            func.sum(FeedbackAnswer.value),
            func.count(FeedbackAnswer.value),
        )
        .where(FeedbackAnswer.value.is_not(None))
        .group_by(FeedbackAnswer.response_id, FeedbackAnswer.area)
    )
    return {(rid, area): (total, count) for rid, area, total, count in rows}


def test_sums_are_written_with_each_response_and_go_with_its_round(
    app, manager, make_round, answer
):
    round_ = make_round(manager, {"medarbetare": 3})
    first, second, third = round_.links["medarbetare"]
    assert answer(first, 4)
    assert answer(second, 2)
    assert answer(third, None)  # only "Vet ej": no sums at all
    with app.app_context():
        sums = stored()
        assert sums == from_answers()
        assert len(sums) == 2 * 4  # two responses with values, four areas each
        db.session.execute(delete(FeedbackRound).where(FeedbackRound.id == round_.id))
        db.session.commit()
        assert stored() == {}


def test_sums_of_the_demo_responses_match_their_answers(ctx):
    seed_org(CONTENT, "small")
    seed_feedback(CONTENT, "small")
    db.session.commit()
    assert stored()
    assert stored() == from_answers()
