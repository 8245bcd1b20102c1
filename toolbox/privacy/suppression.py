"""Small-group suppression for every aggregate leadership sees (PRODUCT.md section 5).

A figure built from fewer than AGGREGATE_MIN_GROUP people is not shown. Where
one unit under a parent is suppressed, the next-smallest sibling is too, so
that the parent's total minus the shown siblings reveals nothing; where no
sibling is left to suppress, the parent's own figure is withheld instead.
Every page, export and trend point goes through `suppress_siblings`."""

from collections.abc import Iterable
from dataclasses import dataclass, replace

TOO_FEW = "för få svar"


@dataclass(frozen=True)
class Figure:
    """An aggregate: a total over `count` values from `people` distinct people."""

    total: float
    count: int
    people: int
    suppressed: bool = False

    @property
    def value(self) -> float | None:
        if self.suppressed or self.count == 0:
            return None
        return self.total / self.count

    def __add__(self, other: "Figure") -> "Figure":
        return Figure(
            self.total + other.total, self.count + other.count, self.people + other.people
        )


EMPTY = Figure(0.0, 0, 0)


def total_of(figures: Iterable[Figure]) -> Figure:
    """The sum of many figures, in one pass (a region has hundreds of units)."""
    total, count, people = 0.0, 0, 0
    for figure in figures:
        total += figure.total
        count += figure.count
        people += figure.people
    return Figure(total, count, people)


def below_threshold(figure: Figure, min_group: int) -> bool:
    return figure.people < min_group


def suppress_one(figure: Figure, min_group: int) -> Figure:
    """A figure standing alone (no siblings shown beside it)."""
    if below_threshold(figure, min_group):
        return replace(figure, suppressed=True)
    return figure


def suppress_siblings(
    parent: Figure, children: dict[int, Figure], min_group: int
) -> tuple[Figure, dict[int, Figure]]:
    """Suppress small children, then enough others that no subtraction from
    the parent's figure can reveal one; returns (parent, children)."""
    parent = suppress_one(parent, min_group)
    marked = {key: suppress_one(figure, min_group) for key, figure in children.items()}
    hidden = [key for key, figure in marked.items() if figure.suppressed and figure.people]
    if len(hidden) == 1:
        candidates = sorted(
            (figure.people, key)
            for key, figure in marked.items()
            if not figure.suppressed and figure.people
        )
        if candidates:
            marked[candidates[0][1]] = replace(marked[candidates[0][1]], suppressed=True)
        elif not parent.suppressed and residual_people(parent, marked) == marked[hidden[0]].people:
            parent = replace(parent, suppressed=True)
    return parent, marked


def residual_people(parent: Figure, children: dict[int, Figure]) -> int:
    """People in the parent's figure who are not in any shown child."""
    return parent.people - sum(f.people for f in children.values() if not f.suppressed)
