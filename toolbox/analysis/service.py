"""Dashboard figures: drill-down by org unit, trends and goals against actuals.

People-based figures come from one published table per metric, area and
year (toolbox.privacy.suppression), so that a page, an export, a trend and a
goal all show the same cell the same way; structural figures are summed
over the units as they are."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import func, or_, select

from toolbox.analysis.metrics import Metric, PerUnit
from toolbox.analysis.models import Action, Goal
from toolbox.analysis.scopes import Own, Tree
from toolbox.db.cache import cached
from toolbox.extensions import db
from toolbox.org.models import OrgUnit
from toolbox.privacy.periods import Period, trend_halves, trend_quarters
from toolbox.privacy.suppression import Figure, Table, publish, total_of


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


class TableCodec:
    """A published table as JSON, to keep it for every worker and instance
    (toolbox/db/cache.py): one row [node, period, total, count, people,
    suppressed] per figure; a node is null (the organisation), a unit id, or
    [unit id] for the people placed directly on a unit (Own)."""

    @staticmethod
    def dumps(published: Table) -> list:
        return [
            [_node_out(node), key, f.total, f.count, f.people, f.suppressed]
            for (node, key), f in published.figures.items()
        ]

    @staticmethod
    def loads(rows: list) -> Table:
        return Table(
            {
                (_node_in(node), key): Figure(float(total), count, people, suppressed)
                for node, key, total, count, people, suppressed in rows
            }
        )


def _node_out(node: int | Own | None) -> int | list[int] | None:
    return [node.unit_id] if isinstance(node, Own) else node


def _node_in(data: int | list[int] | None) -> int | Own | None:
    return Own(data[0]) if isinstance(data, list) else data


# Read through cached callees only: the tree and the metric's cells, whose tables count.
# Costly (the rule over a region's units): worked out once for every worker.
@cached(depends_on=(), shared=TableCodec())
def table(metric: Metric, area: str | None, year: int, today: date, k: int) -> Table:
    """The published figures of a people-based metric for one year."""
    tree = Tree.load()
    cells = {
        (tree.node(unit), key): cell
        for (unit, key), cell in metric.cells(year, area, today).items()
        if unit in tree.nodes
    }
    return publish(tree.organisation(), cells, year, today, k)


def rollup(per_unit: PerUnit, tree: Tree, unit_id: int | None) -> Figure:
    """A structural figure summed over the scope's subtree."""
    scope = tree.subtree(unit_id)
    return total_of(figure for unit, figure in per_unit.items() if unit in scope)


def scope_figure(
    metric: Metric, tree: Tree, unit_id: int | None, period: Period, area: str | None, k: int,
    today: date,
) -> Figure:  # fmt: skip
    """The figure of one scope over one period, as every page shows it."""
    if not metric.suppressed:
        return rollup(metric.per_unit(), tree, unit_id)
    return table(metric, area, period.year, today, k).figure(unit_id, period)


def drill(
    metric: Metric, tree: Tree, unit_id: int | None, period: Period, area: str | None, k: int,
    today: date,
) -> Drill:  # fmt: skip
    """The scope's figure and its children's, with a row for the people placed
    directly on the scope when it has sub-units."""
    children = tree.children_of(unit_id)
    if not metric.suppressed:
        per_unit = metric.per_unit()
        rows = [row(tree, child, rollup(per_unit, tree, child)) for child in children]
        return Drill(rollup(per_unit, tree, unit_id), rows)
    found = table(metric, area, period.year, today, k)
    rows = [row(tree, child, found.figure(child, period)) for child in children]
    node = tree.node(unit_id)
    if node != unit_id:
        name = f"Direkt på {tree.nodes[unit_id].name}"
        rows.append(Row(None, name, found.figure(node, period), False))
    return Drill(found.figure(unit_id, period), rows)


def row(tree: Tree, unit_id: int, figure: Figure) -> Row:
    node = tree.nodes[unit_id]
    return Row(unit_id, node.name, figure, bool(node.children))


def trend(
    metric: Metric, tree: Tree, unit_id: int | None, area: str | None, k: int, today: date
) -> list[tuple[Period, Figure]]:
    """The scope's figure per quarter for the last eight, the running one last."""
    return [
        (q, scope_figure(metric, tree, unit_id, q, area, k, today)) for q in trend_quarters(today)
    ]


def half_year_trend(
    metric: Metric, tree: Tree, unit_id: int | None, area: str | None, k: int, today: date
) -> list[tuple[Period, Figure]]:
    """The scope's figure per half-year for the last four, the running one last:
    quarters are the first cells the rule gives up, half-years seldom are."""
    return [
        (h, scope_figure(metric, tree, unit_id, h, area, k, today)) for h in trend_halves(today)
    ]


@dataclass(frozen=True)
class GoalStatus:
    goal: Goal
    actual: Figure
    gap: float | None
    words: str


def gap_words(metric: Metric, actual: Figure, target: float) -> str:
    if actual.running:
        return "Perioden pågår: utfallet visas när den är slut."
    if actual.value is None:
        return "För få svar för att jämföra med målet."
    gap = actual.value - target
    unit = "procentenheter" if metric.kind == "andel" else "indexenheter"
    if gap >= 0:
        return f"Målet är nått ({actual.value:.0f} mot målet {target:.0f})."
    return f"{abs(gap):.0f} {unit} under målet ({actual.value:.0f} mot {target:.0f})."


def goal_statuses(
    goals: list[Goal], metrics: dict[str, Metric], tree: Tree, k: int, today: date
) -> list[GoalStatus]:
    statuses = []
    for goal in goals:
        metric = metrics[goal.metric]
        actual = scope_figure(metric, tree, goal.unit_id, goal.period, goal.area, k, today)
        gap = None if actual.value is None else actual.value - goal.target
        statuses.append(GoalStatus(goal, actual, gap, gap_words(metric, actual, goal.target)))
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
