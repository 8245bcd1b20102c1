"""An adversary's arithmetic on published figures.

The adversary knows every figure shown (as counts and sums: a mean and its
number of answers give the sum) and which cells are empty, and may add and
subtract them in any way. Each shown figure is the sum over its atoms (one
leaf of the organisation in one quarter), so the sums the adversary can work
out are exactly the vectors in the row space of the 0/1 matrix "figure ×
atom". A set of atoms is disclosed when its indicator lies in that space.

`small_disclosed_set` looks for a disclosed set of fewer than k people. Row
reduction is exact, modulo a prime; candidate sets of up to k − 1 atoms are
found by meeting in the middle on a random hash of each atom's residual and
then checked exactly. With every person in at most one atom (one answer per
year and leaf, as the tests generate), every set of fewer than k people has
at most k − 1 atoms, so the search is complete."""

import random
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from itertools import combinations

import numpy as np

PRIME = 33_554_393  # < 2**25: products and sums of a few thousand stay inside int64
Atom = Hashable


def reduce(matrix: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """Reduced row echelon form modulo PRIME: (rows of the basis, pivot columns)."""
    rows = matrix.copy() % PRIME
    pivots: list[int] = []
    for column in range(rows.shape[1]):
        candidates = np.nonzero(rows[len(pivots) :, column])[0]
        if not len(candidates):
            continue
        top, chosen = len(pivots), len(pivots) + candidates[0]
        rows[[top, chosen]] = rows[[chosen, top]]
        rows[top] = rows[top] * pow(int(rows[top, column]), PRIME - 2, PRIME) % PRIME
        factors = rows[:, column].copy()
        factors[top] = 0
        rows = (rows - np.outer(factors, rows[top]) % PRIME) % PRIME
        pivots.append(column)
        if len(pivots) == rows.shape[0]:
            break
    return rows[: len(pivots)], pivots


def residuals(shown: list[Iterable[Atom]], atoms: list[Atom]) -> np.ndarray:
    """Per atom, what is left of its unit vector after reduction by the shown
    figures: a set is disclosed exactly when its atoms' residuals sum to zero."""
    index = {atom: i for i, atom in enumerate(atoms)}
    matrix = np.zeros((max(len(shown), 1), len(atoms)), dtype=np.int64)
    for row, box in enumerate(shown):
        for atom in box:
            if atom in index:
                matrix[row, index[atom]] = 1
    basis, pivots = reduce(matrix)
    found = np.eye(len(atoms), dtype=np.int64)
    for row, column in enumerate(pivots):
        found[column] = (found[column] - basis[row]) % PRIME
    return found


def small_disclosed_set(
    shown: list[Iterable[Atom]], people: Mapping[Atom, frozenset], k: int
) -> set[Atom] | None:
    """A set of atoms of 1 to k − 1 people whose sum the shown figures give, or None."""
    atoms = sorted((a for a, who in people.items() if who), key=repr)
    if not atoms:
        return None
    left = residuals(shown, atoms)
    draw = random.Random(7)
    weights = np.array([draw.randrange(PRIME) for _ in atoms], dtype=np.int64)
    hashes = [int(h) for h in (left % PRIME) @ weights % PRIME]

    def disclosed(chosen: tuple[int, ...]) -> bool:
        who = frozenset().union(*(people[atoms[i]] for i in chosen))
        if not 0 < len(who) < k:
            return False
        return not (left[list(chosen)].sum(axis=0) % PRIME).any()

    by_hash: dict[int, list[int]] = defaultdict(list)
    for i, value in enumerate(hashes):
        by_hash[value].append(i)
    pairs: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, j in combinations(range(len(atoms)), 2):
        pairs[(hashes[i] + hashes[j]) % PRIME].append((i, j))
    for size in range(1, k):
        for chosen in candidates(size, hashes, by_hash, pairs):
            if disclosed(chosen):
                return {atoms[i] for i in chosen}
    return None


def candidates(size: int, hashes: list[int], by_hash: dict, pairs: dict):
    """Sets of `size` (1–4) distinct atoms whose hashes sum to zero."""
    if size == 1:
        yield from ((i,) for i in by_hash.get(0, []))
    elif size == 2:
        for i, value in enumerate(hashes):
            yield from ((i, j) for j in by_hash.get(-value % PRIME, []) if j > i)
    elif size == 3:
        for total, found in pairs.items():
            for i, j in found:
                yield from ((i, j, m) for m in by_hash.get(-total % PRIME, []) if m > j)
    elif size == 4:
        for total, found in pairs.items():
            for i, j in found:
                for m, n in pairs.get(-total % PRIME, []):
                    if j < m:
                        yield (i, j, m, n)
    else:
        raise ValueError("the search covers k ≤ 5")
