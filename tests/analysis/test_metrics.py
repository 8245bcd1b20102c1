"""Metric functions and roll-ups match hand-computed values on crafted data."""

from datetime import date, timedelta

import pytest

from toolbox.analysis import service
from toolbox.analysis.metrics import metrics, reflection_index_by, reflection_totals_by
from toolbox.analysis.models import Goal
from toolbox.analysis.periods import period, quarters
from toolbox.analysis.scopes import Tree
from toolbox.extensions import db
from toolbox.feedback import summary as feedback_summary
from toolbox.feedback.models import FeedbackAnswer, FeedbackResponse, FeedbackRound
from toolbox.reflection import service as reflection

MIN = 5


@pytest.fixture
def found():
    return metrics((10, 30))


def test_reflection_index_per_unit(ctx, org, found):
    per_unit = found["skattning"].per_unit(period("rullande", date.today()), "ledarskap")
    a, b, c = (per_unit[org[name]] for name in "ABC")
    assert (a.value, a.count, a.people) == (75.0, 12, 6)
    assert (b.value, b.count, b.people) == (50.0, 10, 5)
    assert (c.value, c.count, c.people) == (0.0, 4, 2)
    assert found["skattning"].per_unit(period("rullande", date.today()), "kultur") == {}


def test_drill_hides_the_small_unit_and_its_smallest_sibling(ctx, org, found):
    metric = found["skattning"]
    per_unit = metric.per_unit(period("rullande", date.today()), "ledarskap")
    drill = service.drill(metric, per_unit, Tree.load(), org["TOP"], MIN)
    shown = {row.name: row.figure.value for row in drill.rows}
    assert shown == {"Verksamhet A": 75.0, "Verksamhet B": None, "Verksamhet C": None}
    assert round(drill.total.value, 3) == round(1400 / 26, 3)
    assert drill.total.people == 13


def test_a_scope_shows_what_its_parent_shows(ctx, org, found):
    metric = found["skattning"]
    per_unit = metric.per_unit(period("rullande", date.today()), "ledarskap")
    tree = Tree.load()
    assert service.scope_figure(metric, per_unit, tree, org["B"], MIN).value is None
    assert service.scope_figure(metric, per_unit, tree, org["A"], MIN).value == 75.0
    own = service.drill(metric, per_unit, tree, org["B"], MIN)
    assert own.total.value is None  # B has 5 people, but its parent hides it


def test_share_of_managers_who_reflected(ctx, org, found, make_user):
    make_user("ny@example.se", roles=("chef",), unit_id=org["A"])
    per_unit = found["skattat"].per_unit(period("rullande", date.today()), None)
    a = per_unit[org["A"]]
    assert (round(a.value, 2), a.people) == (round(600 / 7, 2), 7)


def test_structural_metrics(ctx, make_unit, make_user, found):
    boss = make_user(roles=("chef",))
    small = make_unit("U1", staff_count=8, manager_id=boss.id, manager_support=0.5)
    make_unit("U2", staff_count=20, manager_id=boss.id)
    large = make_unit("U3", staff_count=45, manager_id=boss.id, manager_support=1)
    make_unit("U4", staff_count=25)  # no manager: not counted
    tree = Tree.load()
    span = found["kontrollspann"]
    total = service.drill(
        span, span.per_unit(period("ar", date.today()), None), tree, None, MIN
    ).total
    assert (round(total.value, 2), total.count) == (round(100 / 3, 2), 3)
    support = found["chefsstod"]
    total = service.drill(
        support, support.per_unit(period("ar", date.today()), None), tree, None, MIN
    ).total
    assert (round(total.value, 2), total.count) == (round(200 / 3, 2), 3)
    outside, count = service.outside_norm(None, 10, 30, 25)
    assert [(u.name, u.staff_count) for u in outside] == [(large.name, 45), (small.name, 8)]
    assert count == 2


def test_periods_and_quarters():
    assert period("kvartal", date(2026, 11, 23)).start == date(2026, 10, 1)
    assert period("kvartal", date(2026, 11, 23)).end == date(2027, 1, 1)
    assert period("ar", date(2026, 11, 23)).label == "2026"
    rolling = period("rullande", date(2026, 11, 23))
    assert (rolling.start, rolling.end) == (date(2025, 11, 24), date(2026, 11, 24))


def test_goal_gap_in_words_and_numbers(ctx, org, found):
    tree = Tree.load()
    start, end = date.today() - timedelta(days=60), date.today()
    goals = [
        Goal(
            metric="skattning",
            area="ledarskap",
            unit_id=org["A"],
            target=80,
            period_start=start,
            period_end=end,
        ),
        Goal(
            metric="skattning",
            area="ledarskap",
            unit_id=org["B"],
            target=40,
            period_start=start,
            period_end=end,
        ),
        Goal(
            metric="skattning",
            area="ledarskap",
            unit_id=None,
            target=50,
            period_start=start,
            period_end=end,
        ),
    ]
    statuses = service.goal_statuses(goals, found, tree, MIN)
    assert [s.words for s in statuses] == [
        "5 indexenheter under målet (75 mot 80).",
        "För få svar för att jämföra med målet.",
        "Målet är nått (54 mot målet 50).",
    ]
    assert statuses[0].gap == -5.0


def test_feedback_index_uses_only_groups_the_manager_could_see(ctx, org, found, make_user):
    manager = make_user("fb-chef@example.se", roles=("chef",), unit_id=org["A"])
    today = date.today()
    round_ = FeedbackRound(
        manager_id=manager.id,
        title="Omgång",
        question_set_version=1,
        opened_on=today - timedelta(days=20),
        closes_on=today - timedelta(days=1),
    )
    db.session.add(round_)
    db.session.flush()
    answers = [("medarbetare", 4), ("medarbetare", 5), ("medarbetare", 3), ("chef", 1)]
    for group, value in answers:
        response = FeedbackResponse(
            round_id=round_.id, rater_group=group, submitted_on=today - timedelta(days=5)
        )
        db.session.add(response)
        db.session.flush()
        db.session.add(
            FeedbackAnswer(
                response_id=response.id, question_key="q1", area="ledarskap", value=value
            )
        )
        feedback_summary.add([response.id])  # as the response service does
    db.session.commit()
    per_unit = found["aterkoppling"].per_unit(period("rullande", today), "ledarskap")
    figure = per_unit[org["A"]]
    # (75 + 100 + 50) / 3: the single egen chef answer is left out.
    assert (figure.value, figure.count, figure.people) == (75.0, 3, 3)


def test_reflection_index_follows_submission_and_deletion(ctx, org, found, make_user):
    user = make_user("ny-a@example.se", roles=("chef",), unit_id=org["A"])
    draft = reflection.start(user.id)
    sections = reflection.question_set(draft).sections
    for section in sections:
        reflection.save_section(draft, section, {q.key: "1" for q in section.questions}, "")
    reflection.submit(draft)
    db.session.commit()
    asked = next(len(s.questions) for s in sections if s.area == "ledarskap")
    rolling = period("rullande", date.today())
    a = found["skattning"].per_unit(rolling, "ledarskap")[org["A"]]
    assert (a.total, a.count, a.people) == (75.0 * 12, 12 + asked, 7)

    reflection.delete_reflection(draft, user.id)
    db.session.commit()
    a = found["skattning"].per_unit(rolling, "ledarskap")[org["A"]]
    assert (a.value, a.count, a.people) == (75.0, 12, 6)


def test_the_top_trend_from_totals_matches_the_rolled_up_units(ctx, org, found):
    metric = found["skattning"]
    tree = Tree.load()
    periods = quarters(date.today())
    by_unit = reflection_index_by(periods, ["ledarskap"])
    rolled = service.scope_points(
        metric, [(q, by_unit[i, "ledarskap"]) for i, q in enumerate(periods)], tree, None, MIN
    )
    totals = reflection_totals_by(periods, "ledarskap")
    direct = service.top_points(metric, list(zip(periods, totals, strict=True)), MIN)
    assert direct == rolled
    assert any(figure.count for _, figure in direct)
    # One unit's trend: A is shown, and only in the quarter of its reflections.
    points = service.scope_points(
        metric, [(q, by_unit[i, "ledarskap"]) for i, q in enumerate(periods)], tree, org["A"], MIN
    )
    assert [f.value for _, f in points if f.count] == [75.0]
