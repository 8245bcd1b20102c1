"""Catalog recommendations from feedback: the areas and principles that others
rated lowest, through the reflection's ranking of approved catalog items
that fit the manager (toolbox/reflection/advice.py)."""

from toolbox.content import get_content
from toolbox.feedback.results import RoundResults
from toolbox.reflection.recommend import PER_KIND, WEAK_BELOW, Weakness
from toolbox.reflection.scoring import Score


def _weak(score: Score | None) -> bool:
    return score is not None and score.mean is not None and score.mean < WEAK_BELOW


def _principle_scores(results: RoundResults) -> dict[str, Score]:
    """All others' mean per principle, over the statements tagged with it."""
    sums: dict[str, tuple[float, int]] = {}
    for area in results.areas:
        for statement in area.statements:
            total = statement.line.total
            if total is None or total.mean is None:
                continue
            for key in statement.question.principles:
                weighted, answered = sums.get(key, (0.0, 0))
                sums[key] = (weighted + total.mean * total.answered, answered + total.answered)
    return {key: Score(w / n, n, 0) for key, (w, n) in sums.items() if n}


def weaknesses(results: RoundResults) -> list[Weakness]:
    """The lowest areas and principles under WEAK_BELOW in others' eyes, weakest first."""
    areas = sorted(
        (
            Weakness("area", a.key, a.name, a.line.total.mean)
            for a in results.areas
            if _weak(a.line.total)
        ),
        key=lambda w: (w.mean, w.key),
    )[:PER_KIND]
    content = get_content()
    principles = sorted(
        (
            Weakness("principle", key, content.principle(key).name, found.mean)
            for key, found in _principle_scores(results).items()
            if _weak(found)
        ),
        key=lambda w: (w.mean, w.key),
    )[:PER_KIND]
    return sorted(areas + principles, key=lambda w: (w.mean, w.dimension, w.key))
