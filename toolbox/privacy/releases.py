"""Stepped release of a figure that grows as people contribute (PRODUCT.md section 5).

A running figure – an average rating that moves after every new rating – lets
anyone who looks twice work out the one contribution in between. The rule
here publishes such a figure in steps instead:

- the figure is counted over whole ended calendar quarters, cumulatively: all
  contributions up to the end of a quarter, never part of a running quarter;
- nothing is shown until at least `min_group` people have contributed;
- a new step is published only when at least `min_group` more people have
  contributed since the step last published; until then that step stays shown.

Every published step is a cumulative figure and each one holds at least
`min_group` people more than the one before, so any sum of, or difference
between, published steps covers at least `min_group` people: an observer who
sees every step ever published learns nothing about a smaller group. This
holds while contributions only grow; a contribution that is withdrawn after
its quarter has ended changes the cumulative history it was counted in, so a
feature using this rule must keep a contribution fixed once its quarter has
ended."""

from collections.abc import Sequence

from toolbox.privacy.suppression import Figure


def release_points(history: Sequence[Figure], min_group: int) -> list[int]:
    """The positions in `history` at which a new step is published.

    `history` holds the cumulative figure at the end of each ended quarter,
    oldest first; `Figure.people` is the number of people it covers."""
    points: list[int] = []
    for index, cumulative in enumerate(history):
        last = history[points[-1]].people if points else 0
        if cumulative.people - last >= min_group:
            points.append(index)
    return points


def last_release(history: Sequence[Figure], min_group: int) -> int | None:
    """The position in `history` of the step shown now, or None while too few
    people have contributed."""
    points = release_points(history, min_group)
    return points[-1] if points else None
