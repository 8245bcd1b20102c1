"""Self against others: the manager's latest submitted reflection beside the
feedback, per statement (through `mirrors:`) and per area.

A blind spot is where the manager rates themself clearly higher than others
do; a hidden strength is where others rate the manager clearly higher. "Clearly"
is GAP_THRESHOLD scale points, defined here and nowhere else."""

from dataclasses import dataclass

from toolbox.feedback.results import RoundResults
from toolbox.reflection import service as reflection
from toolbox.reflection.models import Reflection
from toolbox.reflection.scoring import Score, score
from toolbox.web.filters import decimal
from toolbox.web.language import gettext as _
from toolbox.web.language import lazy_gettext as _l

GAP_THRESHOLD = 0.75  # scale points on 1–5
HIGHLIGHTS = 3  # blind spots and hidden strengths the report puts in words
BLIND_SPOT, HIDDEN_STRENGTH = "blind-flack", "dold-styrka"
KIND_LABELS = {BLIND_SPOT: _l("Blind fläck"), HIDDEN_STRENGTH: _l("Dold styrka")}


def classify(self_mean: float | None, others_mean: float | None) -> str | None:
    """BLIND_SPOT, HIDDEN_STRENGTH or None (close enough, or a figure missing)."""
    if self_mean is None or others_mean is None:
        return None
    # Rounded so that 4,0 against 3,25 counts as the 0,75 it is on paper.
    difference = round(others_mean - self_mean, 6)
    if difference <= -GAP_THRESHOLD:
        return BLIND_SPOT
    if difference >= GAP_THRESHOLD:
        return HIDDEN_STRENGTH
    return None


@dataclass(frozen=True)
class Comparison:
    area: str
    label: str  # the statement's text, or the area's name
    self_mean: float | None
    others: Score | None

    @property
    def others_mean(self) -> float | None:
        return None if self.others is None else self.others.mean

    @property
    def difference(self) -> float | None:
        if self.self_mean is None or self.others_mean is None:
            return None
        return self.others_mean - self.self_mean

    @property
    def kind(self) -> str | None:
        return classify(self.self_mean, self.others_mean)


@dataclass(frozen=True)
class Highlight:
    """A blind spot or hidden strength in words, for the report."""

    comparison: Comparison
    whose: str  # "andra" (all others) or "din chef" (the own manager)

    @property
    def sentence(self) -> str:
        c = self.comparison
        own, theirs = decimal(c.self_mean, 1), decimal(c.others_mean, 1)
        figures = {"label": c.label, "own": own, "theirs": theirs}
        if c.kind == BLIND_SPOT and self.whose == "andra":
            return _(
                "Blind fläck: ”%(label)s” Du ger dig själv %(own)s, andra ger %(theirs)s. "
                "Fråga vad andra ser som du inte ser.",
                **figures,
            )
        if c.kind == BLIND_SPOT:
            return _(
                "Blind fläck: ”%(label)s” Du ger dig själv %(own)s, din chef ger %(theirs)s. "
                "Fråga vad din chef ser som du inte ser.",
                **figures,
            )
        if self.whose == "andra":
            return _(
                "Dold styrka: ”%(label)s” Andra ger %(theirs)s, du ger dig själv %(own)s. "
                "Det kan vara en styrka som du inte räknar med.",
                **figures,
            )
        return _(
            "Dold styrka: ”%(label)s” Din chef ger %(theirs)s, du ger dig själv %(own)s. "
            "Det kan vara en styrka som du inte räknar med.",
            **figures,
        )


@dataclass(frozen=True)
class SelfVsOthers:
    reflection: Reflection | None
    areas: tuple[Comparison, ...]
    statements: tuple[Comparison, ...]
    # The same, against the own manager's answers (a named voice), when given.
    manager_areas: tuple[Comparison, ...] = ()
    manager_statements: tuple[Comparison, ...] = ()

    def highlights(self, limit: int = HIGHLIGHTS) -> list[Highlight]:
        """The largest blind spots and hidden strengths, against all others and
        against the own manager, the largest difference first."""
        found = [Highlight(c, "andra") for c in self.statements if c.kind]
        found += [Highlight(c, "din chef") for c in self.manager_statements if c.kind]
        found.sort(key=lambda h: (-abs(h.comparison.difference), h.whose, h.comparison.label))
        return found[:limit]

    def called_out(self, kind: str) -> list[Comparison]:
        """Statements of that kind, the largest difference first."""
        found = [c for c in self.statements if c.kind == kind]
        return sorted(found, key=lambda c: -abs(c.difference))

    def areas_of(self, kind: str) -> list[Comparison]:
        return [c for c in self.areas if c.kind == kind]


def latest_reflection(user_id: int) -> Reflection | None:
    submitted = reflection.submitted(user_id)
    return submitted[-1] if submitted else None


def self_vs_others(results: RoundResults, user_id: int) -> SelfVsOthers:
    own = latest_reflection(user_id)
    answers = reflection.answers_of(own.id) if own else {}
    statements, areas, by_manager, manager_areas = [], [], [], []
    named = results.named
    for area in results.areas:
        own_values = [answers.get(s.question.mirrors) for s in area.statements]
        for result, value in zip(area.statements, own_values, strict=True):
            text = result.question.text
            statements.append(Comparison(area.key, text, value, result.line.total))
            if named.answered:
                by_manager.append(
                    Comparison(area.key, text, value, named.statement(result.question.key))
                )
        own_area: Score = score(v for v in own_values if v is not None)
        areas.append(Comparison(area.key, area.name, own_area.mean, area.line.total))
        if named.answered:
            manager_areas.append(
                Comparison(area.key, area.name, own_area.mean, named.area(area.key))
            )
    return SelfVsOthers(
        own, tuple(areas), tuple(statements), tuple(manager_areas), tuple(by_manager)
    )
