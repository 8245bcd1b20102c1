"""Metric cells, drill-down, trends and goals match hand-computed values on
crafted data (tests/analysis/conftest.py) in ended, published periods."""

from datetime import date, datetime, timedelta

import pytest

from toolbox import clock
from toolbox.analysis import service
from toolbox.analysis.metrics import metrics
from toolbox.analysis.models import Goal
from toolbox.analysis.scopes import Own, Tree
from toolbox.clock import STOCKHOLM
from toolbox.extensions import db
from toolbox.feedback import service as feedback
from toolbox.feedback import summary as feedback_summary
from toolbox.feedback.models import FeedbackAnswer, FeedbackResponse, FeedbackRound
from toolbox.privacy.periods import quarter, quarter_number, trend_quarters, year_period
from toolbox.reflection import service as reflection
from toolbox.reflection.models import Reflection

MIN = 5
FEEDBACK_MIN = 3


@pytest.fixture
def found():
    return metrics((10, 30), FEEDBACK_MIN)


def published(half_year):
    """The periods that hold the crafted reflections: their quarter, their
    half-year and their year, all ended and published."""
    return [quarter(half_year.year, 1), half_year, year_period(half_year.year)]


def triple(cell) -> tuple[float, int, int]:
    return cell.total, cell.count, len(cell.people)


def shown(drill) -> dict[str, float | None]:
    return {row.name: row.figure.value for row in drill.rows}


def test_reflection_cells_per_unit_and_period(ctx, org, found, half_year, add_managers):
    year, today = half_year.year, clock.today()
    # One more manager on B answers in the second quarter: 0 over 2 answers.
    add_managers(org["B"], [1], half_year.start + timedelta(days=100))
    cells = found["skattning"].cells(year, "ledarskap", today)
    first, second = quarter(year, 1).key, quarter(year, 2).key
    whole = (half_year.key, str(year))
    # A half-year and a year are the union of their quarters.
    assert {key: triple(cell) for key, cell in cells.items()} == {
        **{(org["A"], key): (900.0, 12, 6) for key in (first, *whole)},
        (org["B"], first): (500.0, 10, 5),
        (org["B"], second): (0.0, 2, 1),
        **{(org["B"], key): (500.0, 12, 6) for key in whole},
        **{(org["C"], key): (0.0, 4, 2) for key in (first, *whole)},
    }
    assert found["skattning"].cells(year, "kultur", today) == {}
    assert found["skattning"].cells(today.year, "ledarskap", today) == {}


def test_a_figure_never_moves_because_someone_submitted_today(ctx, org, found, make_user):
    """Today's reflection counts only once its quarter has ended, and leaves
    the figures again when it is deleted."""
    user = make_user("ny-a@example.se", roles=("chef",), unit_id=org["A"])
    metric, tree = found["skattning"], Tree.load()
    year, today = datetime.now(STOCKHOLM).year, clock.today()  # quarters are Swedish
    after = date(year + 1, 1, 1)  # a day on which this year has ended
    assert metric.cells(year, "ledarskap", after) == {}
    draft = reflection.start(user.id)
    sections = reflection.question_set(draft).sections
    for section in sections:
        reflection.save_section(draft, section, {q.key: "3" for q in section.questions}, "")
    reflection.submit(draft)
    db.session.commit()
    asked = sum(len(s.questions) for s in sections if s.area == "ledarskap")

    assert metric.cells(year, "ledarskap", today) == {}  # the running quarter is left out
    now = service.scope_figure(metric, tree, org["A"], year_period(year), "ledarskap", MIN, today)
    assert now.running
    assert now.value is None
    cell = metric.cells(year, "ledarskap", after)[org["A"], str(year)]
    assert (cell.total, cell.count, cell.people) == (50.0 * asked, asked, {user.id})
    later = service.scope_figure(metric, tree, org["A"], year_period(year), "ledarskap", MIN, after)
    assert (later.suppressed, later.people) == (True, 1)  # one manager alone: too few

    reflection.delete_reflection(db.session.get(Reflection, draft.id), user.id)
    db.session.commit()
    assert metric.cells(year, "ledarskap", after) == {}
    later = service.scope_figure(metric, tree, org["A"], year_period(year), "ledarskap", MIN, after)
    assert (later.suppressed, later.people, later.count) == (False, 0, 0)


@pytest.mark.parametrize("which", [0, 1, 2], ids=["quarter", "half-year", "year"])
def test_drill_hides_the_small_unit_and_its_smallest_sibling(ctx, org, found, half_year, which):
    period = published(half_year)[which]
    tree = Tree.load()
    drill = service.drill(
        found["skattning"], tree, org["TOP"], period, "ledarskap", MIN, clock.today()
    )
    # C has 2 people; were B shown, C would be Top minus A minus B.
    assert shown(drill) == {
        "Verksamhet A": 75.0,
        "Verksamhet B": None,
        "Verksamhet C": None,
        "Direkt på Förvaltningen": None,
    }
    rows = {row.name: row for row in drill.rows}
    assert rows["Verksamhet B"].figure.suppressed
    assert rows["Verksamhet C"].figure.suppressed
    assert (rows["Verksamhet A"].figure.count, rows["Verksamhet A"].figure.people) == (12, 6)
    # No one is placed on Top itself: an empty row, nothing to hide.
    own = rows["Direkt på Förvaltningen"]
    assert (own.unit_id, own.figure.people, own.figure.suppressed) == (None, 0, False)
    assert [row.unit_id for row in drill.rows] == [org["A"], org["B"], org["C"], None]
    assert drill.total.people == 13
    assert drill.total.total == 1400.0


@pytest.mark.parametrize("which", [1, 2], ids=["half-year", "year"])
def test_the_total_over_a_half_year_and_a_year_is_shown(ctx, org, found, half_year, which):
    period = published(half_year)[which]
    drill = service.drill(
        found["skattning"], Tree.load(), org["TOP"], period, "ledarskap", MIN, clock.today()
    )
    assert round(drill.total.value, 6) == round(1400 / 26, 6)


def test_the_people_placed_directly_on_a_unit_are_a_row_of_their_own(
    ctx, org, found, half_year, add_managers
):
    add_managers(org["TOP"], [2] * 7)  # 25 over 14 answers
    cells = found["skattning"].cells(half_year.year, "ledarskap", clock.today())
    assert triple(cells[org["TOP"], half_year.key]) == (350.0, 14, 7)
    tree = Tree.load()
    assert tree.node(org["TOP"]) == Own(org["TOP"])
    assert tree.node(org["A"]) == org["A"]
    drill = service.drill(
        found["skattning"], tree, org["TOP"], half_year, "ledarskap", MIN, clock.today()
    )
    # C is too small; B (5) is the smallest of the others that would give C away.
    assert shown(drill) == {
        "Verksamhet A": 75.0,
        "Verksamhet B": None,
        "Verksamhet C": None,
        "Direkt på Förvaltningen": 25.0,
    }
    own = drill.rows[-1]
    assert (own.unit_id, own.has_children, own.figure.people) == (None, False, 7)
    assert (drill.total.value, drill.total.people) == (1750 / 40, 20)


@pytest.mark.parametrize("which", [0, 1, 2], ids=["quarter", "half-year", "year"])
def test_one_person_placed_on_the_parent_cannot_be_subtracted_out(
    ctx, org, found, half_year, add_managers, which
):
    """Issue 16, attack 1: the parent's total minus its shown children must
    not give the one person placed directly on the parent."""
    add_managers(org["TOP"], [5])  # 100 over 2 answers
    period = published(half_year)[which]
    drill = service.drill(
        found["skattning"], Tree.load(), org["TOP"], period, "ledarskap", MIN, clock.today()
    )
    assert shown(drill) == {
        "Verksamhet A": 75.0,
        "Verksamhet B": None,
        "Verksamhet C": None,
        "Direkt på Förvaltningen": None,
    }
    own = drill.rows[-1].figure
    assert (own.suppressed, own.people) == (True, 1)
    if which:  # the half-year and the year show the total
        assert (drill.total.total, drill.total.count, drill.total.people) == (1600.0, 28, 14)
        # Total minus A mixes B, C and the one on Top: 8 people, 700 over 16 answers.
        a = drill.rows[0].figure
        residual = (drill.total.total - a.total, drill.total.people - a.people)
        assert residual == (700.0, 8)
        assert residual[1] >= MIN
        assert [row.figure.suppressed for row in drill.rows] == [False, True, True, True]


def test_a_scope_shows_what_its_parent_shows(ctx, org, found, half_year):
    metric, tree, today = found["skattning"], Tree.load(), clock.today()
    for period in published(half_year):
        parent = service.drill(metric, tree, org["TOP"], period, "ledarskap", MIN, today)
        for row in parent.rows[:-1]:
            figure = service.scope_figure(
                metric, tree, row.unit_id, period, "ledarskap", MIN, today
            )
            assert figure == row.figure
            assert (
                service.drill(metric, tree, row.unit_id, period, "ledarskap", MIN, today).total
                == figure
            )
        top = service.drill(metric, tree, None, period, "ledarskap", MIN, today)
        assert top.rows[0].figure == parent.total == top.total
    own = service.drill(metric, tree, org["B"], half_year, "ledarskap", MIN, today)
    assert own.total.value is None
    assert own.total.people == 5
    assert own.rows == []  # B has no sub-units: no row of its own either
    a = service.scope_figure(metric, tree, org["A"], half_year, "ledarskap", MIN, today)
    assert a.value == 75.0


def test_share_of_managers_who_reflected(ctx, org, found, half_year, make_user):
    make_user("ny@example.se", roles=("chef",), unit_id=org["A"])
    make_user("slutat@example.se", roles=("chef",), unit_id=org["A"], active=False)
    make_user("medarbetare@example.se", roles=("medarbetare",), unit_id=org["A"])
    year = half_year.year
    cells = found["skattat"].cells(year, None, clock.today())
    first, second = quarter(year, 1).key, quarter(year, 2).key
    # 6 of A's 7 active managers reflected in the first quarter, none in the second.
    assert triple(cells[org["A"], first]) == (600.0, 7, 7)
    assert triple(cells[org["A"], second]) == (0.0, 7, 7)
    assert triple(cells[org["A"], half_year.key]) == (600.0, 7, 7)
    assert triple(cells[org["B"], str(year)]) == (500.0, 5, 5)
    drill = service.drill(
        found["skattat"], Tree.load(), org["TOP"], half_year, None, MIN, clock.today()
    )
    # The same rule as for the index: C (2) hidden, and B, the smallest of the rest.
    assert [row.figure.suppressed for row in drill.rows] == [False, True, True, False]
    assert round(drill.rows[0].figure.value, 6) == round(600 / 7, 6)
    assert round(drill.total.value, 6) == round(1300 / 14, 6)
    assert drill.total.people == 14


def test_structural_metrics(ctx, make_unit, make_user, found, half_year):
    boss = make_user(roles=("chef",))
    small = make_unit("U1", staff_count=8, manager_id=boss.id, manager_support=0.5)
    within = make_unit("U2", staff_count=20, manager_id=boss.id)
    large = make_unit("U3", staff_count=45, manager_id=boss.id, manager_support=1)
    make_unit("U4", staff_count=25)  # no manager: not counted
    tree, today = Tree.load(), clock.today()
    span = found["kontrollspann"]
    assert {unit: f.value for unit, f in span.per_unit().items()} == {
        small.id: 0.0,
        within.id: 100.0,
        large.id: 0.0,
    }
    total = service.drill(span, tree, None, half_year, None, MIN, today).total
    assert (round(total.value, 2), total.count) == (round(100 / 3, 2), 3)
    support = found["chefsstod"]
    total = service.drill(support, tree, None, half_year, None, MIN, today).total
    assert (round(total.value, 2), total.count) == (round(200 / 3, 2), 3)
    # Structural figures describe units, not answers: never running, never hidden.
    figure = service.scope_figure(span, tree, small.id, year_period(today.year), None, MIN, today)
    assert (figure.value, figure.running, figure.suppressed) == (0.0, False, False)
    outside, count = service.outside_norm(None, 10, 30, 25)
    assert [(u.name, u.staff_count) for u in outside] == [(large.name, 45), (small.name, 8)]
    assert count == 2


def goal(metric: str, unit_id: int | None, target: float, period_key: str, area=None) -> Goal:
    return Goal(metric=metric, focus=area, unit_id=unit_id, target=target, period_key=period_key)


def test_goal_gap_in_words_and_numbers(ctx, org, found, half_year, make_user):
    make_user("ny@example.se", roles=("chef",), unit_id=org["A"])  # 6 of 7 reflected
    today = clock.today()
    running = quarter(today.year, quarter_number(today)).key
    goals = [
        goal("skattning", org["A"], 80, half_year.key, "ledarskap"),
        goal("skattning", org["B"], 40, half_year.key, "ledarskap"),
        goal("skattning", None, 50, str(half_year.year), "ledarskap"),
        goal("skattat", org["A"], 90, half_year.key),
        goal("skattning", org["A"], 80, running, "ledarskap"),
        goal("skattning", org["A"], 80, str(today.year), "ledarskap"),
    ]
    statuses = service.goal_statuses(goals, found, Tree.load(), MIN, today)
    assert [s.words for s in statuses] == [
        "5 indexenheter under målet (75 mot 80).",
        "För få svar för att jämföra med målet.",
        "Målet är nått (54 mot målet 50).",
        "4 procentenheter under målet (86 mot 90).",
        "Perioden pågår: utfallet visas när den är slut.",
        "Perioden pågår: utfallet visas när den är slut.",
    ]
    assert [s.gap for s in statuses[:2]] == [-5.0, None]
    assert [s.actual.running for s in statuses] == [False] * 4 + [True] * 2
    assert [s.gap for s in statuses[4:]] == [None, None]


def add_round(manager_id: int, opened_on: date, closes_on: date, answers) -> FeedbackRound:
    """A round with one response per (rater group, value): every answer in ledarskap."""
    round_ = FeedbackRound(
        manager_id=manager_id,
        title="Omgång",
        question_set_version=1,
        opened_on=opened_on,
        closes_on=closes_on,
    )
    db.session.add(round_)
    db.session.flush()
    ids = []
    for group, value in answers:
        response = FeedbackResponse(round_id=round_.id, rater_group=group, submitted_on=opened_on)
        db.session.add(response)
        db.session.flush()
        db.session.add(
            FeedbackAnswer(
                response_id=response.id, question_key="q1", area="ledarskap", value=value
            )
        )
        ids.append(response.id)
    feedback_summary.add(ids)  # as the response service does
    db.session.commit()
    return round_


def test_feedback_index_uses_only_groups_the_manager_could_see(
    ctx, org, found, half_year, make_user
):
    manager = make_user("fb-chef@example.se", roles=("chef",), unit_id=org["A"])
    year, today = half_year.year, clock.today()
    start = half_year.start
    # Closed on its last day in the first quarter; the single egen chef is too few to show.
    shown_groups = [("medarbetare", 4), ("medarbetare", 5), ("medarbetare", 3), ("chef", 1)]
    add_round(manager.id, start + timedelta(days=20), start + timedelta(days=40), shown_groups)
    # Closed early by the manager in the second quarter, though it was to run into the third.
    early = add_round(
        manager.id,
        start + timedelta(days=110),
        half_year.end + timedelta(days=30),
        [("kollegor", 2), ("kollegor", 2), ("kollegor", 2)],
    )
    feedback.close(early, manager.id, start + timedelta(days=120))
    # Still open: it counts nowhere yet, and once its quarter has ended it counts there.
    closes = today + timedelta(days=30)
    add_round(manager.id, today - timedelta(days=5), closes, [("kollegor", 5)] * 3)
    cells = found["aterkoppling"].cells(year, "ledarskap", today)
    first, second = quarter(year, 1).key, quarter(year, 2).key
    # (75 + 100 + 50) / 3 in the first quarter; 25 × 3 in the second.
    assert {key: triple(cell) for key, cell in cells.items()} == {
        (org["A"], first): (225.0, 3, 3),
        (org["A"], second): (75.0, 3, 3),
        (org["A"], half_year.key): (300.0, 6, 6),
        (org["A"], str(year)): (300.0, 6, 6),
    }
    assert found["aterkoppling"].cells(closes.year, "ledarskap", today) == {}
    ended = found["aterkoppling"].cells(closes.year, "ledarskap", date(closes.year + 1, 1, 1))
    closing_quarter = quarter(closes.year, quarter_number(closes)).key
    assert triple(ended[org["A"], closing_quarter]) == (300.0, 3, 3)


def test_trend_shows_eight_quarters_the_running_one_last(ctx, org, found, half_year):
    metric, tree, today = found["skattning"], Tree.load(), clock.today()
    points = service.trend(metric, tree, org["A"], "ledarskap", MIN, today)
    assert [q for q, _ in points] == trend_quarters(today)
    assert len(points) == 8
    assert points[-1][0].start <= today < points[-1][0].end
    assert points[-1][1].running
    assert points[-1][1].value is None
    last_year = {q.key: f for q, f in points if q.year == half_year.year}
    assert quarter(half_year.year, 1).key in last_year  # eight quarters reach back that far
    assert not any(f.running for f in last_year.values())  # last year is published
    assert {key: f.value for key, f in last_year.items() if f.count} == {
        quarter(half_year.year, 1).key: 75.0
    }
    for q, figure in points:  # a quarter shows when its half-year has ended
        assert figure.running == (not q.published(today))
        assert figure == service.scope_figure(metric, tree, org["A"], q, "ledarskap", MIN, today)
