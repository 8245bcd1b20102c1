"""Dashboard figures: drill-down by org unit, trends and goals against actuals.

People-based figures come from one published table per metric, focus (an
area or a principle of the framework) and year (toolbox.privacy.suppression),
so that a page, an export, a trend and a goal all show the same cell the
same way; structural figures are summed over the units as they are, and
figures of the organisation as a whole (analysis.overall) are the same in
every scope."""

from array import array
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import func, or_, select

from toolbox.analysis.metrics import Metric, PerUnit, UnitCells
from toolbox.analysis.models import Action, Goal
from toolbox.analysis.scopes import Own, Tree
from toolbox.content import AREA_KEYS, PRINCIPLE_KEYS
from toolbox.db.cache import cached
from toolbox.extensions import db
from toolbox.org.models import OrgUnit
from toolbox.privacy.periods import Period, trend_halves, trend_quarters
from toolbox.privacy.suppression import (
    RUNNING,
    Figure,
    Table,
    publish,
    publish_together,
    total_of,
)
from toolbox.web.language import gettext as _
from toolbox.web.language import lazy_gettext as _l


@dataclass(frozen=True)
class Row:
    unit_id: int | None  # None: the people placed directly on the scope
    name: str
    figure: Figure
    has_children: bool


@dataclass(frozen=True)
class Drill:
    """A scope's own figure and one row per child unit, suppression applied."""

    total: Figure
    rows: list[Row]


class TablesCodec:
    """A metric's tables per focus as JSON, to keep them for every worker and
    instance (toolbox/db/cache.py), column by column: the cells once
    ("boxes", [node, period key] each; a node is null (the organisation), a
    unit id, or [unit id] for the people placed directly on a unit (Own)),
    then per focus ("" for none) its four columns in that order. A focus
    over other cells than the first carries its own "boxes". Columns, not a
    row per figure: a worker reads a region's tables without making a
    Python list and a string for each of their figures."""

    @staticmethod
    def dumps(published: dict[str | None, Table]) -> dict:
        tables = list(published.values())
        shared = tables[0].places if tables else {}
        foci = {}
        for focus, table in published.items():
            columns = {
                "totals": table.totals.tolist(),
                "counts": table.counts.tolist(),
                "people": table.people.tolist(),
                "suppressed": list(table.suppressed),
            }
            if table.places is not shared:
                columns["boxes"] = _boxes_out(table.places)
            foci[focus or ""] = columns
        return {"boxes": _boxes_out(shared), "foci": foci}

    @staticmethod
    def loads(data: dict) -> dict[str | None, Table]:
        shared = _boxes_in(data["boxes"])
        tables: dict[str | None, Table] = {}
        for focus, columns in data["foci"].items():
            tables[focus or None] = Table(
                _boxes_in(columns["boxes"]) if "boxes" in columns else shared,
                array("d", columns["totals"]),
                array("q", columns["counts"]),
                array("q", columns["people"]),
                bytes(columns["suppressed"]),
            )
        return tables


def _boxes_out(places: dict[tuple[int | Own | None, str], int]) -> list:
    in_order = sorted(places, key=places.__getitem__)
    return [[[node.unit_id] if isinstance(node, Own) else node, key] for node, key in in_order]


def _boxes_in(rows: list) -> dict[tuple[int | Own | None, str], int]:
    return {
        (Own(node[0]) if isinstance(node, list) else node, key): number
        for number, (node, key) in enumerate(rows)
    }


# What a metric given per focus is given for: each area and principle of the framework.
FOCI = (*AREA_KEYS, *PRINCIPLE_KEYS)


# Read through cached callees only: the tree and the metric's cells, whose tables count.
# Costly (the rule over a region's units, per focus): worked out once for every worker.
@cached(depends_on=(), shared=TablesCodec(), per_language=False)
def tables(metric: Metric, year: int, today: date, k: int) -> dict[str | None, Table]:
    """The published figures of a people-based metric for one year, per focus;
    a metric given per focus hides the same cells in every focus
    (suppression.publish_together)."""
    tree = Tree.load()

    def nodes(cells: UnitCells) -> dict:
        return {
            (tree.node(unit), key): cell
            for (unit, key), cell in cells.items()
            if unit in tree.nodes
        }

    org = tree.organisation()
    if not metric.needs_focus:
        return {None: publish(org, nodes(metric.cells(year, None, today)), year, today, k)}
    # One stratum, then one focus, at a time (publish_together).
    strata = (nodes(found) for found in metric.strata(year, today))
    cells = ((focus, nodes(metric.cells(year, focus, today))) for focus in FOCI)
    return publish_together(org, cells, strata, year, today, k)


def table(metric: Metric, focus: str | None, year: int, today: date, k: int) -> Table:
    """The published figures of a people-based metric in one focus for one year."""
    return tables(metric, year, today, k)[focus if metric.needs_focus else None]


def rollup(per_unit: PerUnit, tree: Tree, unit_id: int | None) -> Figure:
    """A structural figure summed over the scope's subtree."""
    scope = tree.subtree(unit_id)
    return total_of(figure for unit, figure in per_unit.items() if unit in scope)


def scope_figure(
    metric: Metric, tree: Tree, unit_id: int | None, period: Period, focus: str | None, k: int,
    today: date,
) -> Figure:  # fmt: skip
    """The figure of one scope over one period, as every page shows it."""
    if metric.overall is not None:
        return metric.overall(focus)
    if metric.between is not None:
        own, others = (
            scope_figure(part, tree, unit_id, period, focus, k, today) for part in metric.between
        )
        return distance(own, others)
    if not metric.suppressed:
        return rollup(metric.per_unit(), tree, unit_id)
    return table(metric, focus, period.year, today, k).figure(unit_id, period)


def distance(own: Figure, others: Figure) -> Figure:
    """How far apart two shown figures are (index units); none where either
    is hidden or running, so it shows nothing the two do not."""
    if own.running or others.running:
        return RUNNING
    if own.value is None or others.value is None:
        return Figure(0.0, 0, 0, suppressed=bool(own.people or others.people))
    return Figure(abs(others.value - own.value), 1, min(own.people, others.people))


def drill(
    metric: Metric, tree: Tree, unit_id: int | None, period: Period, focus: str | None, k: int,
    today: date,
) -> Drill:  # fmt: skip
    """The scope's figure and its children's, with a row for the people placed
    directly on the scope when it has sub-units."""
    children = tree.children_of(unit_id)
    if not metric.suppressed:
        per_unit = metric.per_unit()
        rows = [row(tree, child, rollup(per_unit, tree, child)) for child in children]
        return Drill(rollup(per_unit, tree, unit_id), rows)
    found = table(metric, focus, period.year, today, k)
    rows = [row(tree, child, found.figure(child, period)) for child in children]
    node = tree.node(unit_id)
    if node != unit_id:
        name = _("Direkt på %(unit)s", unit=tree.nodes[unit_id].name)
        rows.append(Row(None, name, found.figure(node, period), False))
    return Drill(found.figure(unit_id, period), rows)


def row(tree: Tree, unit_id: int, figure: Figure) -> Row:
    node = tree.nodes[unit_id]
    return Row(unit_id, node.name, figure, bool(node.children))


def trend(
    metric: Metric, tree: Tree, unit_id: int | None, focus: str | None, k: int, today: date
) -> list[tuple[Period, Figure]]:
    """The scope's figure per quarter for the last eight, the running one last."""
    return [
        (q, scope_figure(metric, tree, unit_id, q, focus, k, today)) for q in trend_quarters(today)
    ]


def half_year_trend(
    metric: Metric, tree: Tree, unit_id: int | None, focus: str | None, k: int, today: date
) -> list[tuple[Period, Figure]]:
    """The scope's figure per half-year for the last four, the running one last:
    quarters are the first cells the rule gives up, half-years seldom are."""
    return [
        (h, scope_figure(metric, tree, unit_id, h, focus, k, today)) for h in trend_halves(today)
    ]


@dataclass(frozen=True)
class GoalStatus:
    goal: Goal
    actual: Figure
    gap: float | None
    words: str
    # No figure because there is nothing yet (not about people: for those,
    # nobody and too few read the same, "för få svar").
    no_data: bool = False


# How far from its goal a metric is, by (lower is better, kind).
SHORT_OF_GOAL = {
    (False, "index"): _l("%(gap)s indexenheter under målet (%(actual)s mot %(target)s)."),
    (False, "andel"): _l("%(gap)s procentenheter under målet (%(actual)s mot %(target)s)."),
    (False, "antal"): _l("%(gap)s färre än målet (%(actual)s mot %(target)s)."),
    (True, "index"): _l("%(gap)s indexenheter över målet (%(actual)s mot %(target)s)."),
    (True, "andel"): _l("%(gap)s procentenheter över målet (%(actual)s mot %(target)s)."),
}


def about_people(metric: Metric) -> bool:
    return metric.suppressed or metric.between is not None


def gap_words(metric: Metric, actual: Figure, target: float) -> str:
    if actual.running:
        return _("Perioden pågår: utfallet visas när den är slut.")
    if actual.value is None:
        if about_people(metric):
            # Nobody or too few: the same words, so that neither is told apart.
            return _("För få svar för att jämföra med målet.")
        return _("Inga uppgifter ännu att jämföra med målet.")
    gap = actual.value - target
    shown = {"actual": f"{actual.value:.0f}", "target": f"{target:.0f}", "gap": f"{abs(gap):.0f}"}
    if (gap <= 0) if metric.lower_is_better else (gap >= 0):
        return _("Målet är nått (%(actual)s mot målet %(target)s).", **shown)
    return str(SHORT_OF_GOAL[metric.lower_is_better, metric.kind]) % shown


def goal_statuses(
    goals: list[Goal], metrics: dict[str, Metric], tree: Tree, k: int, today: date
) -> list[GoalStatus]:
    statuses = []
    for goal in goals:
        metric = metrics[goal.metric]
        actual = scope_figure(metric, tree, goal.unit_id, goal.period, goal.focus, k, today)
        gap = None if actual.value is None else actual.value - goal.target
        if gap is not None and metric.lower_is_better:
            gap = -gap  # below zero: short of the goal, as for every other metric
        no_data = actual.value is None and not actual.running and not about_people(metric)
        words = gap_words(metric, actual, goal.target)
        statuses.append(GoalStatus(goal, actual, gap, words, no_data))
    return statuses


def open_actions() -> list[Action]:
    return db.session.scalars(
        select(Action).where(Action.status != "klar").order_by(Action.due_on)
    ).all()


class OutsideNorm(NamedTuple):
    name: str
    staff_count: int
    manager_support: Decimal | None


@cached(depends_on=(OrgUnit,))
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
