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

from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from toolbox.privacy.lattice import Node, Organisation, Suppressor
from toolbox.privacy.periods import Period, year_periods
from toolbox.web.language import lazy_gettext as _l

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


class Tally:
    """Cells built up row by row (totals, counts, people), made at the end:
    adding a person to a frozen set one row at a time copies it every time."""

    def __init__(self) -> None:
        self.parts: dict[tuple, list] = {}

    def add(self, key: tuple, total: float, count: int, people: Iterable) -> None:
        part = self.parts.setdefault(key, [0.0, 0, set()])
        part[0] += total
        part[1] += count
        part[2].update(people)

    def cells(self) -> dict[tuple, Cell]:
        return {
            key: Cell(total, count, frozenset(people))
            for key, (total, count, people) in self.parts.items()
        }


def merge_quarters(quarters: Mapping[tuple[Node, int, int], Cell]) -> dict[tuple, Cell]:
    """Cells per (leaf, period key) for every period of the years given, from
    cells per (leaf, year, quarter number), for figures that add up over time."""
    tally = Tally()
    for (leaf, year, number), cell in quarters.items():
        for period in year_periods(year):
            if number in period.quarters:
                tally.add((leaf, period.key), cell.total, cell.count, cell.people)
    return tally.cells()


class Table:
    """The figures of one year under the rule; running periods have none.

    Kept compactly: every worker keeps a table per metric, year and focus
    (thousands of cells each), so the figures are four columns and the
    cells' places in them a dict that the tables of one metric and year
    share (`Table.of` with the places of another table over the same cells).
    A figure is made when asked for."""

    def __init__(
        self,
        places: dict[tuple[Node, str], int],
        totals: array,
        counts: array,
        people: array,
        suppressed: bytes,
    ) -> None:
        if not len(places) == len(totals) == len(counts) == len(people) == len(suppressed):
            raise ValueError("a table's columns and cells differ in length")
        self.places = places
        self.totals, self.counts, self.people = totals, counts, people
        self.suppressed = suppressed

    @classmethod
    def of(cls, figures: Mapping[tuple[Node, str], Figure], places: dict | None = None) -> "Table":
        """The table of these figures; `places` those of a table over the same cells, to share."""
        if places is None or places.keys() != figures.keys():
            places = {box: number for number, box in enumerate(figures)}
        ordered = [figures[box] for box in places]
        return cls(
            places,
            array("d", (f.total for f in ordered)),
            array("q", (f.count for f in ordered)),
            array("q", (f.people for f in ordered)),
            bytes(f.suppressed for f in ordered),
        )

    def figure(self, node: Node, period: Period) -> Figure:
        number = self.places.get((node, period.key))
        return RUNNING if number is None else self.at(number)

    def at(self, number: int) -> Figure:
        return Figure(
            self.totals[number],
            self.counts[number],
            self.people[number],
            bool(self.suppressed[number]),
        )

    @property
    def figures(self) -> dict[tuple[Node, str], Figure]:
        return {box: self.at(number) for box, number in self.places.items()}


def publish(
    org: Organisation, cells: Mapping[tuple[Node, str], Cell], year: int, today: date, k: int
) -> Table:
    """The year's figures for every node and ended period, with the rule applied."""
    figures = all_figures(org, cells, year, today)
    return Table.of(hide(figures, hidden_boxes(org, cells, year, today, k)))


def all_figures(
    org: Organisation, cells: Mapping[tuple[Node, str], Cell], year: int, today: date
) -> dict[tuple[Node, str], Figure]:
    """The figure of every node over every ended period of the year, none hidden."""
    ended = [p for p in year_periods(year) if p.published(today)]
    return {(node, p.key): box_figure(org, cells, node, p) for node in org.order for p in ended}


def hide(figures: dict[tuple[Node, str], Figure], hidden: set) -> dict[tuple[Node, str], Figure]:
    """The figures with those in `hidden` that hold anyone marked suppressed."""
    return {
        box: replace(figure, suppressed=True) if figure.people and box in hidden else figure
        for box, figure in figures.items()
    }


def hidden_boxes(
    org: Organisation, cells: Mapping[tuple[Node, str], Cell], year: int, today: date, k: int
) -> set[tuple[Node, str]]:
    """The cells (node, period key) the rule hides, for every node of `org`."""
    ended = [p for p in year_periods(year) if p.published(today)]
    figures = all_figures(org, cells, year, today)
    # A unit under k people in every period is hidden with all below it: one leaf for the rule.
    small = {n for n in org.order if all(figures[n, p.key].people < k for p in ended)}
    work = org.collapsed(small)
    same = work.representatives()
    boxes = {(node, p.key): figures[node, p.key] for node in set(same.values()) for p in ended}
    hidden = Suppressor(work, merged(org, work, cells), ended, boxes, k).run()
    return {
        (node, key)
        for (node, key), figure in figures.items()
        if figure.people and (node not in same or (same[node], key) in hidden)
    }


def publish_together(
    org: Organisation,
    cells: Iterable[tuple[str, Mapping[tuple[Node, str], Cell]]],
    strata: Iterable[Mapping[tuple[Node, str], Cell]],
    year: int,
    today: date,
    k: int,
) -> dict[str, Table]:
    """The year's figures of one metric in each of its foci (the areas and
    the principles of the framework), which hide the same cells.

    A focus is a set of statements; its figure is the sum of its statements'
    values. Areas and principles overlap, so by adding and subtracting the
    figures of several foci over the same cells one can work out the sum of
    any combination of foci – of fewer statements than any one focus has,
    answered by fewer people (the others answered "Vet ej"). Every such
    combination is a sum over whole *strata*: the statements that belong to
    the same foci (one area, the same principles). So the rule runs on each
    stratum, counting as a cell's people those who gave at least one value
    in the stratum, and a cell it hides in any stratum is hidden in every
    focus. Then every class of atoms that the shown cells keep together
    holds 0 or at least k people in every stratum, hence in every union of
    strata: no sum the figures of all foci give, alone or together, comes
    from 1 to k − 1 people. Hiding more never shows more, and a later
    half-year hides no cell of an earlier one in any stratum, so neither in
    all of them together (tests/privacy/test_foci.py attacks it).

    The strata, then the foci's cells (pairs of focus and cells), are used
    one at a time as the iterables give them: a region's cells of every
    stratum and focus at once are over a hundred MB, which a worker would
    keep as its own ever after."""
    hidden: set[tuple[Node, str]] = set()
    for found in strata:
        hidden |= hidden_boxes(org, found, year, today, k)
    tables: dict[str, Table] = {}
    places = None
    for focus, found in cells:
        tables[focus] = Table.of(hide(all_figures(org, found, year, today), hidden), places)
        places = tables[focus].places
    return tables


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
