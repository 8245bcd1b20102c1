"""Disclosure control for every aggregate of people's answers (PRODUCT.md section 5).

Every figure is a cell in organisation × time: a node of the organisation
(a unit with everything under it, or the people placed directly on a unit,
which count as a child of their own) over a published period (a calendar
quarter, half-year or year; see periods.py). The figure of a cell is the sum
over its *atoms*: one leaf of the organisation in one quarter.

The rule: no set of fewer than k people may have a sum that can be worked out
from the figures shown – alone, or added to and subtracted from each other.
It is kept by construction, per year (no figure spans two years):

1. Primary suppression: a cell built from 1 to k − 1 people is hidden.
2. Atoms that every shown cell either contains together or leaves out
   together cannot be told apart by any arithmetic on the shown figures:
   every sum that can be worked out is a union of such groups ("classes").
   So, while a class holds 1 to k − 1 people, the cells that tell it apart
   from another class are hidden too, for the class where that costs least
   (lattice.py).
3. Cells are settled a half-year at a time, when it has ended (its quarters
   with it; the year with its second half), and a later half-year never
   hides a cell of an earlier one: a figure once shown stays shown, so
   looking again next half-year reveals nothing new either. Shorter periods
   are given up first: a unit's half-year figure is worth more than a
   quarter's, which is often too small anyway.
Cells that hold the same people (a unit with a single sub-unit) share one
fate, and a unit under k people in every period is one leaf for the rule.

Empty cells (no one answered) hold no one's data: the rule treats them as
known, and they read "för få svar" like a hidden cell, so that nobody learns
whether one person answered or none.
tests/privacy/test_disclosure.py attacks the rule with linear algebra over
random organisations and dates."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from flask_babel import lazy_gettext as _l

from toolbox.privacy.lattice import Node, Organisation, Suppressor
from toolbox.privacy.periods import Period, year_periods

TOO_FEW = _l("för få svar")


@dataclass(frozen=True, slots=True)
class Figure:
    """An aggregate: a total over `count` values from `people` distinct people."""

    total: float
    count: int
    people: int
    suppressed: bool = False
    running: bool = False  # the period has not ended: no figure yet

    @property
    def value(self) -> float | None:
        if self.suppressed or self.running or self.count == 0:
            return None
        return self.total / self.count

    def __add__(self, other: "Figure") -> "Figure":
        return Figure(
            self.total + other.total, self.count + other.count, self.people + other.people
        )


EMPTY = Figure(0.0, 0, 0)
RUNNING = Figure(0.0, 0, 0, running=True)


def total_of(figures: Iterable[Figure]) -> Figure:
    """The sum of many figures, in one pass (a region has hundreds of units)."""
    total, count, people = 0.0, 0, 0
    for figure in figures:
        total, count, people = total + figure.total, count + figure.count, people + figure.people
    return Figure(total, count, people)


@dataclass(frozen=True)
class Cell:
    """What one leaf of the organisation holds over one period."""

    total: float
    count: int
    people: frozenset


NO_CELL = Cell(0.0, 0, frozenset())


def merge_quarters(quarters: Mapping[tuple[Node, int, int], Cell]) -> dict[tuple, Cell]:
    """Cells per (leaf, period key) for every period of the years given, from
    cells per (leaf, year, quarter number), for figures that add up over time."""
    found: dict[tuple, Cell] = {}
    for (leaf, year, number), cell in quarters.items():
        for period in year_periods(year):
            if number in period.quarters:
                old = found.get((leaf, period.key), NO_CELL)
                found[leaf, period.key] = Cell(
                    old.total + cell.total, old.count + cell.count, old.people | cell.people
                )
    return found


class Table:
    """The figures of one year under the rule; running periods have none."""

    def __init__(self, figures: dict[tuple[Node, str], Figure]):
        self.figures = figures

    def figure(self, node: Node, period: Period) -> Figure:
        return self.figures.get((node, period.key), RUNNING)


def publish(
    org: Organisation, cells: Mapping[tuple[Node, str], Cell], year: int, today: date, k: int
) -> Table:
    """The year's figures for every node and ended period, with the rule applied."""
    ended = [p for p in year_periods(year) if p.published(today)]
    figures = {(node, p.key): box_figure(org, cells, node, p) for node in org.order for p in ended}
    # A unit under k people in every period is hidden with all below it: one leaf for the rule.
    small = {n for n in org.order if all(figures[n, p.key].people < k for p in ended)}
    work = org.collapsed(small)
    same = work.representatives()
    boxes = {(node, p.key): figures[node, p.key] for node in set(same.values()) for p in ended}
    hidden = Suppressor(work, merged(org, work, cells), ended, boxes, k).run()
    return Table(
        {
            (node, key): replace(figure, suppressed=True)
            if figure.people and (node not in same or (same[node], key) in hidden)
            else figure
            for (node, key), figure in figures.items()
        }
    )


def publish_together(
    org: Organisation,
    cells: Mapping[str | None, Mapping[tuple[Node, str], Cell]],
    year: int,
    today: date,
    k: int,
) -> dict[str | None, Table]:
    """The year's figures of one metric in each of its foci (the areas and
    the principles of the framework: overlapping sets of the same people's
    answers), hiding the same cells in all. The rule runs per focus; a cell
    it hides in one focus is hidden in every focus where it holds anyone.
    Hiding more never lets more be worked out, so each focus keeps the rule;
    and as the cells shown are the same in every focus, every sum that can
    be worked out from all of them, across foci, is over classes of atoms
    that hold 0 or at least k people in each focus – a principle's figure
    and an area's over the same unit cannot be set against each other to
    single out the few who answered in one and not the other. A later
    half-year hides no cell of an earlier one in any focus, so neither in
    all of them together."""
    tables = {focus: publish(org, found, year, today, k) for focus, found in cells.items()}
    hidden = {
        box
        for table in tables.values()
        for box, figure in table.figures.items()
        if figure.suppressed
    }
    return {
        focus: Table(
            {
                box: replace(figure, suppressed=True) if figure.people and box in hidden else figure
                for box, figure in table.figures.items()
            }
        )
        for focus, table in tables.items()
    }


def merged(org: Organisation, work: Organisation, cells: Mapping) -> dict[tuple, Cell]:
    """The cells of `work`'s leaves, each the sum of the original leaves below it."""
    top = {
        original: leaf
        for leaf in work.order
        if leaf not in work.children
        for original in org.leaves[leaf]
    }
    found: dict[tuple, Cell] = {}
    for (node, key), cell in cells.items():
        if (leaf := top.get(node)) is not None:
            old = found.get((leaf, key), NO_CELL)
            found[leaf, key] = Cell(
                old.total + cell.total, old.count + cell.count, old.people | cell.people
            )
    return found


def box_figure(org: Organisation, cells: Mapping, node: Node, period: Period) -> Figure:
    total, count, people = 0.0, 0, 0
    for leaf in org.leaves[node]:
        cell = cells.get((leaf, period.key))
        if cell is not None:
            total, count, people = total + cell.total, count + cell.count, people + len(cell.people)
    return Figure(total, count, people)
