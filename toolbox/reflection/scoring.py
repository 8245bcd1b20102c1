"""Scores of PRODUCT.md section 2: means on the 1–5 scale and an index 0–100
(1→0, 2→25, 3→50, 4→75, 5→100, as in HME). "Vet ej / ej aktuellt" is left
out of the means and counted on its own. Plain functions, no database."""

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean

SCALE_MIN, SCALE_MAX = 1, 5


def to_index(mean: float) -> float:
    """A mean on the 1–5 scale as an index 0–100."""
    return (mean - SCALE_MIN) * 100 / (SCALE_MAX - SCALE_MIN)


@dataclass(frozen=True)
class Score:
    """A mean over answers on the scale; None when there are none."""

    mean: float | None
    answered: int  # answers on the scale 1–5
    dont_know: int  # "Vet ej / ej aktuellt"

    @property
    def index(self) -> float | None:
        return None if self.mean is None else to_index(self.mean)

    @property
    def count(self) -> int:
        return self.answered + self.dont_know


EMPTY = Score(None, 0, 0)


def score(values: Iterable[int | None]) -> Score:
    """Values 1–5, or None for "Vet ej"."""
    values = list(values)
    on_scale = [v for v in values if v is not None]
    if any(not SCALE_MIN <= v <= SCALE_MAX for v in on_scale):
        raise ValueError(f"values must be {SCALE_MIN}–{SCALE_MAX} or None: {on_scale}")
    mean = fmean(on_scale) if on_scale else None
    return Score(mean, len(on_scale), len(values) - len(on_scale))


def from_sql(mean, answered: int, total: int) -> Score:
    """A Score from AVG(value), COUNT(value), COUNT(*) (PostgreSQL's AVG is numeric)."""
    return Score(None if mean is None else float(mean), answered, total - answered)


def change(now: Score, before: Score | None) -> float | None:
    """The difference in means, when both have one."""
    if before is None or now.mean is None or before.mean is None:
        return None
    return now.mean - before.mean
