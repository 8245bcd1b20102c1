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
   So, while a class holds 1 to k − 1 people, one more cell is hidden: the
   smallest shown cell that contains the class, or, if the class was split
   off by a cell published with this period, the smallest such cell.
3. Cells are settled a half-year at a time, when it has ended (its quarters
   with it; the year with its second half), and a later half-year never
   hides a cell of an earlier one: a figure once shown stays shown, so
   looking again next half-year reveals nothing new either. Shorter periods
   are given up first: a unit's half-year figure is worth more than a
   quarter's, which is often too small anyway.
Cells that hold the same people (a unit with a single sub-unit) share one fate.

Empty cells (no one answered) hold no one's data: the rule treats them as
known, and they read "för få svar" like a hidden cell, so that nobody learns
whether one person answered or none.
tests/privacy/test_disclosure.py attacks the rule with linear algebra over
random organisations and dates."""

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from itertools import groupby

from toolbox.privacy.periods import Period, year_periods

TOO_FEW = "för få svar"
Node = Hashable
Box = tuple[Node, str]  # a cell: a node over a period (its key)
Atom = tuple[Node, int]  # a leaf in a quarter (its number)


@dataclass(frozen=True)
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


@dataclass
class Organisation:
    """The organisation as a tree of nodes; `children` has every inner node."""

    root: Node
    children: Mapping[Node, list[Node]]
    order: dict[Node, int] = field(default_factory=dict)
    leaves: dict[Node, list[Node]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        stack = [self.root]
        while stack:
            node = stack.pop()
            self.order[node] = len(self.order)
            stack.extend(reversed(self.children.get(node, [])))
        for node in sorted(self.order, key=self.order.get, reverse=True):
            kids = self.children.get(node, [])
            self.leaves[node] = [leaf for kid in kids for leaf in self.leaves[kid]] or [node]

    def collapsed(self, small: set[Node]) -> "Organisation":
        """The tree with every node in `small` (below the root) made a leaf."""
        children, stack = {}, [self.root]
        while stack:
            node = stack.pop()
            kids = self.children.get(node)
            if kids and (node == self.root or node not in small):
                children[node] = list(kids)
                stack.extend(kids)
        return Organisation(self.root, children)

    def representatives(self) -> dict[Node, Node]:
        """Each node mapped to the topmost node with the same leaves."""
        first: dict[tuple, Node] = {}
        for node in sorted(self.order, key=self.order.get):
            first.setdefault(tuple(self.leaves[node]), node)
        return {node: first[tuple(self.leaves[node])] for node in self.order}


class Table:
    """The figures of one year under the rule; running periods have none."""

    def __init__(self, figures: dict[tuple[Node, str], Figure]):
        self.figures = figures

    def figure(self, node: Node, period: Period) -> Figure:
        return self.figures.get((node, period.key), RUNNING)

    def cells(self) -> Iterable[tuple[Node, str, Figure]]:
        return ((node, key, figure) for (node, key), figure in self.figures.items())


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


class Suppressor:
    """Steps 1–3 of the module's rule over one year's cells."""

    def __init__(self, org: Organisation, cells: Mapping, ended: list[Period], boxes: dict, k: int):
        self.org, self.cells, self.k, self.boxes = org, cells, k, boxes
        self.periods = {p.key: p for p in ended}
        self.quarter_keys = {p.quarters[0]: p.key for p in ended if len(p.quarters) == 1}
        self.occupied = {
            (leaf, number)
            for number, key in self.quarter_keys.items()
            for leaf in org.order
            if (cell := cells.get((leaf, key))) is not None and cell.people
        }
        self.shown: set[Box] = set()

    def run(self) -> set[Box]:
        nodes = {node for node, _ in self.boxes}
        by_half = sorted(self.periods.values(), key=lambda p: p.published_on)
        for _day, batch in groupby(by_half, key=lambda p: p.published_on):
            self.settle({(node, p.key) for p in batch for node in nodes})
        return {key for key, f in self.boxes.items() if key not in self.shown and f.people}

    def settle(self, current: set[Box]) -> None:
        self.shown |= {key for key in current if not 0 < self.boxes[key].people < self.k}
        while True:
            classes = self.classes(self.signatures())
            small = sorted(
                (
                    (people, self.name(signature), signature)
                    for signature, atoms in classes.items()
                    if 0 < (people := self.people(atoms)) < self.k
                ),
                key=lambda item: item[:2],
            )
            if not small:
                return
            priced = sorted((self.price(sig), self.name(sig), sig) for sig in classes)
            changed: set[Box] = set()
            for _people, _name, signature in small:
                if signature & changed:
                    continue  # settled again on the next round
                hide = self.complement(signature, priced, current & self.shown)
                self.shown -= hide
                changed |= hide
            if not changed:  # cannot happen: a small class always has a cell of this half to hide
                raise RuntimeError("suppression found a small class it cannot merge")

    def signatures(self) -> dict[Atom, frozenset[Box]]:
        """Per atom that holds anyone, the shown cells that hold it. Empty
        atoms are left out: an adversary may know them to be empty, and
        telling them apart from others reveals nobody's answer."""
        found: dict[Atom, set[Box]] = defaultdict(set)
        for key in self.shown:
            node, period = key
            for leaf in self.org.leaves[node]:
                for number in self.periods[period].quarters:
                    if (leaf, number) in self.occupied:
                        found[leaf, number].add(key)
        return {atom: frozenset(boxes) for atom, boxes in found.items()}

    @staticmethod
    def classes(signatures: dict[Atom, frozenset]) -> dict[frozenset, list[Atom]]:
        groups: dict[frozenset, list[Atom]] = defaultdict(list)
        for atom, signature in signatures.items():
            groups[signature].append(atom)
        return groups

    def people(self, atoms: Iterable[Atom]) -> int:
        """Distinct people in atoms: a leaf's people may answer in several quarters."""
        per_leaf: dict[Node, set] = defaultdict(set)
        for leaf, number in atoms:
            cell = self.cells.get((leaf, self.quarter_keys[number]))
            if cell is not None:
                per_leaf[leaf] |= cell.people
        return sum(len(people) for people in per_leaf.values())

    def complement(self, signature: frozenset, priced: list, hideable: set[Box]) -> set[Box]:
        """The cells to hide so that a too small class merges with another:
        those that tell the two apart, for the class where that costs least
        (see `cost`); failing any, every cell of this half-year that holds it.
        Classes are searched outwards from this one's own price, which bounds
        the price of what tells two classes apart from below."""
        own = self.price(signature)
        middle = bisect_left(priced, own, key=lambda item: item[0])
        below, above = middle - 1, middle
        best: tuple | None = None
        while below >= 0 or above < len(priced):
            down = own - priced[below][0] if below >= 0 else None
            up = priced[above][0] - own if above < len(priced) else None
            if up is None or (down is not None and down <= up):
                gap, (price, name, other), below = down, priced[below], below - 1
            else:
                gap, (price, name, other), above = up, priced[above], above + 1
            if best is not None and gap > best[0]:
                break
            apart = signature ^ other
            if other == signature or not apart <= hideable:
                continue
            cost = own + price - 2 * self.price(signature & other)
            if best is None or (cost, name) < best[:2]:
                best = (cost, name, apart)
        if best is not None:
            return set(best[2])
        return signature & hideable

    def price(self, boxes: Iterable[Box]) -> int:
        return sum(self.cost(box) for box in boxes)

    @staticmethod
    def name(signature: frozenset) -> str:
        """A stable order for classes of equal price."""
        return min(map(repr, signature), default="")

    @cache  # noqa: B019 - one Suppressor per table, dropped with it
    def cost(self, box: Box) -> int:
        """What hiding a cell takes from the reader: its people, weighed by
        the period (a quarter is given up well before a half-year or a year)."""
        return self.boxes[box].people * len(self.periods[box[1]].quarters) ** 3
