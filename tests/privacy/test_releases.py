"""The stepped release under attack: an observer who looks after every quarter
and keeps every figure ever published (raters and sum of ratings) tries to
work out the ratings of fewer than k people by linear algebra."""

from collections.abc import Callable, Sequence
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from toolbox.privacy.releases import last_release, release_points
from toolbox.privacy.suppression import Figure

Rule = Callable[[Sequence[Figure], int], list[int]]

# Per quarter, the ratings of the managers who rated in it (0–12 of them).
quarters = st.lists(st.lists(st.integers(1, 5), max_size=12), min_size=1, max_size=10)
group_sizes = st.integers(3, 7)


def history_of(ratings_per_quarter: list[list[int]]) -> list[Figure]:
    history, total, people = [], 0, 0
    for ratings in ratings_per_quarter:
        total, people = total + sum(ratings), people + len(ratings)
        history.append(Figure(float(total), people, people))
    return history


def published(ratings_per_quarter: list[list[int]], k: int, rule: Rule) -> list[Figure]:
    """Every distinct figure the observer saw, looking after each quarter ended."""
    history, seen = history_of(ratings_per_quarter), []
    for ended in range(1, len(history) + 1):
        points = rule(history[:ended], k)
        if points and history[points[-1]] not in seen:
            seen.append(history[points[-1]])
    return seen


def rank(rows: list[list[Fraction]]) -> int:
    rows, found = [row[:] for row in rows], 0
    for column in range(len(rows[0]) if rows else 0):
        pivot = next((r for r in range(found, len(rows)) if rows[r][column]), None)
        if pivot is None:
            continue
        rows[found], rows[pivot] = rows[pivot], rows[found]
        for r in range(len(rows)):
            if r != found and rows[r][column]:
                factor = rows[r][column] / rows[found][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[found], strict=True)]
        found += 1
    return found


def solve(rows: list[list[Fraction]], target: list[Fraction]) -> list[Fraction] | None:
    """Coefficients c with sum(c[i] * rows[i]) == target, or None if there are none."""
    # Columns of the system are the published figures; one equation per person.
    system = [[row[p] for row in rows] + [target[p]] for p in range(len(target))]
    if rank(system) != rank([equation[:-1] for equation in system]):
        return None
    unknowns, pivots, found = len(rows), [], 0
    for column in range(unknowns):
        pivot = next((r for r in range(found, len(system)) if system[r][column]), None)
        if pivot is None:
            continue
        system[found], system[pivot] = system[pivot], system[found]
        system[found] = [value / system[found][column] for value in system[found]]
        for r in range(len(system)):
            if r != found and system[r][column]:
                factor = system[r][column]
                system[r] = [a - factor * b for a, b in zip(system[r], system[found], strict=True)]
        pivots.append(column)
        found += 1
    coefficients = [Fraction(0)] * unknowns
    for r, column in enumerate(pivots):
        coefficients[column] = system[r][-1]
    return coefficients


def attack(figures: list[Figure], people: int, k: int) -> tuple[int, Fraction] | None:
    """The smallest group of people that the published figures tell apart from
    everyone else, if it has fewer than k people and its sum can be derived:
    (its size, the derived sum of its ratings)."""
    if not figures:
        return None
    # Figure i covers the first figures[i].people raters (cumulative over time).
    rows = [[Fraction(p < f.people) for p in range(people)] for f in figures]
    # People whose columns are equal can never be told apart: these groups are
    # the smallest that any combination of the figures can single out.
    groups: dict[tuple, list[int]] = {}
    for p in range(people):
        column = tuple(row[p] for row in rows)
        if any(column):
            groups.setdefault(column, []).append(p)
    for group in sorted(groups.values(), key=len):
        if len(group) >= k:
            return None
        target = [Fraction(p in group) for p in range(people)]
        coefficients = solve(rows, target)
        if coefficients is not None:
            derived = sum(c * Fraction(f.total) for c, f in zip(coefficients, figures, strict=True))
            return len(group), derived
    return None


def every_quarter_once_k(history: Sequence[Figure], k: int) -> list[int]:
    """A weakened rule: cumulative over ended quarters from k raters, but a new
    figure whenever anyone has rated (the time dimension left open)."""
    return [
        i
        for i, f in enumerate(history)
        if f.people >= k and (i == 0 or f.people > history[i - 1].people)
    ]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(quarters, group_sizes)
def test_no_published_step_or_combination_gives_fewer_than_k_raters(ratings_per_quarter, k):
    figures = published(ratings_per_quarter, k, release_points)
    people = sum(len(ratings) for ratings in ratings_per_quarter)
    assert attack(figures, people, k) is None
    assert all(f.people >= k for f in figures)
    steps = [f.people for f in figures]
    assert all(later - earlier >= k for earlier, later in zip(steps, steps[1:], strict=False))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(quarters, group_sizes)
def test_what_was_published_never_changes_later(ratings_per_quarter, k):
    history = history_of(ratings_per_quarter)
    points = release_points(history, k)
    for ended in range(1, len(history) + 1):
        assert release_points(history[:ended], k) == [p for p in points if p < ended]
        shown = last_release(history[:ended], k)
        assert shown is None or history[shown].people >= k


@settings(max_examples=300, deadline=None, derandomize=True)
@given(quarters, group_sizes)
def test_the_attack_catches_a_weakened_rule(ratings_per_quarter, k):
    figures = published(ratings_per_quarter, k, every_quarter_once_k)
    people = sum(len(ratings) for ratings in ratings_per_quarter)
    steps = [0] + [f.people for f in figures]
    smallest = min((b - a for a, b in zip(steps, steps[1:], strict=False)), default=k)
    found = attack(figures, people, k)
    if smallest >= k:
        assert found is None
        return
    assert found is not None
    size, derived = found
    assert size == smallest
    # The derived sum is the true sum of some `size` raters who joined together.
    flat = [rating for ratings in ratings_per_quarter for rating in ratings]
    starts = [a for a, b in zip(steps, steps[1:], strict=False) if b - a == size]
    assert any(derived == sum(flat[start : start + size]) for start in starts)


def test_one_rating_more_is_read_off_under_the_weakened_rule_only():
    ratings = [[4, 4, 3, 5, 2], [], [1]]
    assert attack(published(ratings, 5, every_quarter_once_k), 6, 5) == (1, Fraction(1))
    assert attack(published(ratings, 5, release_points), 6, 5) is None
    assert last_release(history_of(ratings), 5) == 0
    assert release_points(history_of([*ratings, [5, 5, 5, 5]]), 5) == [0, 3]
