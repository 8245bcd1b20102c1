"""The organisation × time lattice of the disclosure rule (see
suppression.py) and its steps 2 and 3: classes of atoms that no arithmetic
on the shown cells can tell apart, kept at 0 or at least k people by hiding
more cells, one half-year after another.

An atom is one leaf of the organisation in one quarter; a cell (Box) is a
node over a period. An atom's signature is the set of shown cells that hold
it; atoms with one signature form a class. Every vector in the span of the
shown cells is constant on each class, so every sum an adversary can work
out is a union of classes: a class of 1 to k − 1 people is the only way a
small group can be disclosed, and merging it with another class (by hiding
the cells that tell them apart) is the only repair needed."""

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import groupby

from toolbox.privacy.periods import Period

Node = Hashable
Box = tuple[Node, str]  # a cell: a node over a period (its key)
Atom = tuple[Node, int]  # a leaf in a quarter (its number)


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


class Suppressor:
    """Steps 1–3 of the rule (suppression.py) over one year's cells: the
    cells to hide, given every cell's figure (`boxes`)."""

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
        # What hiding a cell takes from the reader: its people, weighed by the
        # period (a quarter is given up well before a half-year or a year).
        self.costs = {
            box: figure.people * len(self.periods[box[1]].quarters) ** 3
            for box, figure in boxes.items()
        }
        # Every cell's place in one fixed order (by its repr), so that ties
        # between classes are broken the same way in every process: with the
        # order of a set, which hash randomisation changes from one start to
        # the next, two workers or two days would hide different cells.
        self.rank = {box: number for number, box in enumerate(sorted(boxes, key=repr))}
        # Each cell as one bit of an integer too: the search for a class to
        # merge with compares a thousand classes' cells per small class, and
        # integers do it at a tenth of the cost of sets.
        self.bit = {box: 1 << number for box, number in self.rank.items()}

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
            hideable = self.bits(current & self.shown)
            # A class can only merge with one that holds the same cells that
            # must stay (fewer may be hideable later in the round, never
            # more): the search looks among those alone.
            staying = ~hideable
            alike: dict[int, list] = defaultdict(list)
            for sig in classes:
                bits = self.bits(sig)
                alike[bits & staying].append((self.price(sig), self.name(sig), bits, sig))
            for group in alike.values():
                group.sort()
            changed: set[Box] = set()
            for _people, _name, signature in small:
                if signature & changed:
                    continue  # settled again on the next round
                priced = alike[self.bits(signature) & staying]
                hide = self.complement(signature, priced, hideable)
                self.shown -= hide
                hideable &= ~self.bits(hide)
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

    def complement(self, signature: frozenset, priced: list, hideable: int) -> set[Box]:
        """The cells to hide so that a too small class merges with another:
        those that tell the two apart, for the class where that costs least
        (see `costs`); failing any, every cell of this half-year that holds it.
        Classes are searched outwards from this one's own price, which bounds
        the price of what tells two classes apart from below. `priced` holds
        (price, name, bits, cells) per class; `hideable` the bits of the
        cells that may be hidden."""
        own, mine, fixed = self.price(signature), self.bits(signature), ~hideable
        weights = [(self.bit[box], self.costs[box]) for box in signature]
        shared_price: dict[int, int] = {}  # of the cells two classes share, by their bits
        middle = bisect_left(priced, own, key=lambda item: item[0])
        below, above = middle - 1, middle
        best: tuple | None = None
        while below >= 0 or above < len(priced):
            down = own - priced[below][0] if below >= 0 else None
            up = priced[above][0] - own if above < len(priced) else None
            if up is None or (down is not None and down <= up):
                gap, (price, name, bits, other), below = down, priced[below], below - 1
            else:
                gap, (price, name, bits, other), above = up, priced[above], above + 1
            if best is not None and gap > best[0]:
                break
            apart = mine ^ bits
            if not apart or apart & fixed:
                continue  # the class itself, or told apart by a cell that must stay
            shared = mine & bits
            if (both := shared_price.get(shared)) is None:
                both = shared_price[shared] = sum(cost for bit, cost in weights if shared & bit)
            cost = own + price - 2 * both
            if best is None or (cost, name) < best[:2]:
                best = (cost, name, other)
        if best is not None:
            return set(signature ^ best[2])
        return {box for box in signature if self.bit[box] & hideable}

    def price(self, boxes: Iterable[Box]) -> int:
        return sum(self.costs[box] for box in boxes)

    def bits(self, boxes: Iterable[Box]) -> int:
        return sum(self.bit[box] for box in boxes)

    def name(self, signature: frozenset) -> tuple[int, ...]:
        """A stable total order of classes: the ranks of their cells, sorted
        (the first is the cell whose repr sorts first)."""
        return tuple(sorted(self.rank[box] for box in signature))
