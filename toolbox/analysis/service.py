"""Dashboard figures: roll-up by org unit, suppression, goals against actuals."""

from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import func, or_, select

from toolbox.analysis.metrics import Metric, PerUnit
from toolbox.analysis.models import Action, Goal
from toolbox.analysis.periods import Period
from toolbox.analysis.scopes import Tree
from toolbox.datacache import cached
from toolbox.extensions import db
from toolbox.org.models import OrgUnit
from toolbox.privacy.suppression import (
    EMPTY,
    Figure,
    suppress_one,
    suppress_siblings,
    total_of,
)


@dataclass(frozen=True)
class Row:
    unit_id: int
    name: str
    figure: Figure
    has_children: bool


@dataclass(frozen=True)
class Drill:
    """A scope's own figure and one row per child unit, suppression applied."""

    total: Figure
    rows: list[Row]


def rollup(per_unit: PerUnit, tree: Tree, unit_id: int | None) -> tuple[Figure, dict[int, Figure]]:
    """The scope's total and one figure per child unit, each summed over its subtree."""
    owners = tree.owner_map(unit_id)
    scope = tree.subtree(unit_id)
    members: dict[int, list[Figure]] = {child: [] for child in tree.children_of(unit_id)}
    for unit, figure in per_unit.items():
        if unit in owners:
            members[owners[unit]].append(figure)
    total = total_of(figure for unit, figure in per_unit.items() if unit in scope)
    return total, {child: total_of(figures) for child, figures in members.items()}


def drill(
    metric: Metric, per_unit: PerUnit, tree: Tree, unit_id: int | None, min_group: int
) -> Drill:
    total, children = rollup(per_unit, tree, unit_id)
    if metric.suppressed:
        total, children = suppress_siblings(total, children, min_group)
    # The scope's figure must also be hidden wherever its parent's drill-down hides it.
    if (
        unit_id is not None
        and metric.suppressed
        and scope_figure(metric, per_unit, tree, unit_id, min_group).suppressed
    ):
        total = replace(total, suppressed=True)
    rows = [
        Row(child, tree.nodes[child].name, children[child], bool(tree.nodes[child].children))
        for child in tree.children_of(unit_id)
    ]
    return Drill(total, rows)


def scope_figure(
    metric: Metric, per_unit: PerUnit, tree: Tree, unit_id: int | None, min_group: int
) -> Figure:
    """The figure for one scope, exactly as the level above shows it."""
    if unit_id is None:
        total, _ = rollup(per_unit, tree, None)
        return suppress_one(total, min_group) if metric.suppressed else total
    parent = tree.nodes[unit_id].parent_id
    parent_total, children = rollup(per_unit, tree, parent)
    if metric.suppressed:
        _, children = suppress_siblings(parent_total, children, min_group)
    return children.get(unit_id, EMPTY)


def scope_points(
    metric: Metric,
    per_quarter: list[tuple[Period, PerUnit]],
    tree: Tree,
    unit_id: int | None,
    min_group: int,
) -> list[tuple[Period, Figure]]:
    """The scope's figure per quarter, each as its parent's drill-down shows it."""
    return [
        (quarter, scope_figure(metric, per_unit, tree, unit_id, min_group))
        for quarter, per_unit in per_quarter
    ]


def top_points(
    metric: Metric, totals: list[tuple[Period, Figure]], min_group: int
) -> list[tuple[Period, Figure]]:
    """scope_points for the whole organisation, from its totals per quarter
    (which need no row per unit): there, a figure stands alone."""
    return [
        (quarter, suppress_one(total, min_group) if metric.suppressed else total)
        for quarter, total in totals
    ]


def trend(
    metric: Metric,
    points: list[tuple[Period, Figure]],
    whole: Figure,
    selected: Period,
    min_group: int,
) -> list[tuple[str, Figure]]:
    """The scope's points per quarter, labelled, beside its figure for the
    whole selected period (`whole`, from scope_figure). Quarters inside the
    selected period are also siblings of the period's figure (hidden with it,
    or one more hidden beside a hidden one), so that no subtraction over time
    or units reveals a value."""
    if not metric.suppressed:
        return [(quarter.label, figure) for quarter, figure in points]
    inside = {
        i: f for i, (q, f) in enumerate(points) if q.start < selected.end and q.end > selected.start
    }
    if whole.suppressed:
        inside = {i: replace(f, suppressed=True) for i, f in inside.items()}
    else:
        _, inside = suppress_siblings(whole, inside, min_group)
    return [(quarter.label, inside.get(i, figure)) for i, (quarter, figure) in enumerate(points)]


@dataclass(frozen=True)
class GoalStatus:
    goal: Goal
    actual: Figure
    gap: float | None
    words: str


def gap_words(metric: Metric, actual: float | None, target: float) -> str:
    if actual is None:
        return "För få svar för att jämföra med målet."
    gap = actual - target
    unit = "procentenheter" if metric.kind == "andel" else "indexenheter"
    if gap >= 0:
        return f"Målet är nått ({actual:.0f} mot målet {target:.0f})."
    return f"{abs(gap):.0f} {unit} under målet ({actual:.0f} mot {target:.0f})."


def goal_statuses(
    goals: list[Goal], metrics: dict[str, Metric], tree: Tree, min_group: int
) -> list[GoalStatus]:
    statuses = []
    for goal in goals:
        metric = metrics[goal.metric]
        period = Period(goal.period_start, goal.period_end + timedelta(days=1), "")
        per_unit = metric.per_unit(period, goal.area)
        actual = scope_figure(metric, per_unit, tree, goal.unit_id, min_group)
        gap = None if actual.value is None else actual.value - goal.target
        statuses.append(GoalStatus(goal, actual, gap, gap_words(metric, actual.value, goal.target)))
    return statuses


def open_actions() -> list[Action]:
    return db.session.scalars(
        select(Action).where(Action.status != "klar").order_by(Action.due_on)
    ).all()


class OutsideNorm(NamedTuple):
    name: str
    staff_count: int
    manager_support: Decimal | None


@cached
def outside_norm(
    unit_id: int | None, low: int, high: int, limit: int
) -> tuple[list[OutsideNorm], int]:
    """The managed units in the scope whose staff count lies outside the
    normtal, largest first (the first `limit` of them), and how many there are."""
    query = select(OrgUnit.name, OrgUnit.staff_count, OrgUnit.manager_support).where(
        OrgUnit.manager_id.is_not(None),
        or_(OrgUnit.staff_count < low, OrgUnit.staff_count > high),
    )
    if unit_id is not None:
        query = query.where(OrgUnit.id.in_(Tree.load().subtree(unit_id)))
    listed = db.session.execute(query.order_by(OrgUnit.staff_count.desc()).limit(limit))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    return [OutsideNorm(*row) for row in listed], total
