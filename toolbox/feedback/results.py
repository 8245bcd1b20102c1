"""The results of a closed round, under the anonymity rules of PRODUCT.md
section 5 – the one place they are applied:

- A rater group shows only with at least `min_group` responses. A group
  under it is dropped: not shown, and not folded into any total.
- Within a shown group, a statement's figure also needs `min_group`
  answers on the scale: "Vet ej" could otherwise leave one person's answer
  standing alone. A hidden figure is left out of every aggregate – the
  statement's total and the group's area figure – so that no subtraction
  can reveal it.
- Totals ("Alla andra") and area figures are built from shown figures only.
- Comments show only from shown groups, and only when those have at least
  `min_text` responses together; pooled and in random order. A comment
  stored before its group was kept (no group) shows only when every group
  that answered is shown. No count of comments or responses on any page
  then includes a dropped group.
- The own manager's group, in a round that asks it as a named voice
  (FeedbackRound.named_group), is none of the above: one person who was told
  that the answers are shown as theirs. It is shown on its own ("Din chef"),
  never in a total, never counted towards a threshold, and its comment is
  shown as the manager's, never pooled. The anonymous groups' figures and
  comments are exactly what they would be without it.

The figures come from SQL aggregates (sums and counts per group and
statement); the rules above are plain functions over them."""

import random
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from toolbox.content import AreaSection, Question, QuestionSet, get_content
from toolbox.extensions import db
from toolbox.feedback.models import (
    NAMED_LABEL,
    PROMPTS,
    RATER_GROUPS,
    FeedbackAnswer,
    FeedbackComment,
    FeedbackResponse,
    FeedbackRound,
)
from toolbox.feedback.service import Thresholds, question_set
from toolbox.reflection.scoring import Score


@dataclass(frozen=True)
class Tally:
    """Sum and counts of answers: the raw material of a Score, addable."""

    total: int = 0  # sum of values on the scale
    answered: int = 0  # answers on the scale
    dont_know: int = 0

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(
            self.total + other.total,
            self.answered + other.answered,
            self.dont_know + other.dont_know,
        )

    @property
    def score(self) -> Score:
        mean = self.total / self.answered if self.answered else None
        return Score(mean, self.answered, self.dont_know)


def shown_groups(counts: dict[str, int], asked: Iterable[str], min_group: int) -> list[str]:
    """The asked groups with enough responses to show, in the round's order."""
    return [g for g in asked if counts.get(g, 0) >= min_group]


def figure(tally: Tally | None, min_group: int) -> Score | None:
    """A group's score for a statement or area, or None when too few answered."""
    if tally is None or tally.answered < min_group:
        return None
    return tally.score


def combine(tallies: dict[str, Tally], groups: list[str], min_group: int) -> "Line":
    """Figures per shown group and their total, which only counts shown figures."""
    figures = {g: figure(tallies.get(g), min_group) for g in groups}
    total = sum((tallies[g] for g in groups if figures[g] is not None), Tally())
    shown = any(f is not None for f in figures.values())
    return Line(figures, figure(total, min_group) if shown else None)


def comments_visible(counts: dict[str, int], groups: list[str], min_text: int) -> bool:
    """Whether the shown `groups` have enough responses together for comments."""
    return sum(counts.get(g, 0) for g in groups) >= min_text


def all_answering_shown(counts: dict[str, int], groups: list[str]) -> bool:
    """No group that answered is dropped: comments without a group may show."""
    return all(g in groups for g, count in counts.items() if count)


@dataclass(frozen=True)
class Line:
    figures: dict[str, Score | None]  # shown group → score, or None: too few answers
    total: Score | None


@dataclass(frozen=True)
class StatementResult:
    question: Question
    number: int
    line: Line


@dataclass(frozen=True)
class AreaResult:
    key: str
    name: str
    line: Line
    statements: tuple[StatementResult, ...]


@dataclass(frozen=True)
class Comment:
    prompt: str
    text: str


@dataclass(frozen=True)
class NamedView:
    """The own manager's answers (a named voice): per statement key and per
    area, a score from the one response ("Vet ej": mean None), and the comments."""

    asked: bool
    answered: bool
    statements: dict[str, Score]
    areas: dict[str, Score]
    comments: tuple[Comment, ...]

    label = NAMED_LABEL

    def comments_for(self, prompt: str) -> list[Comment]:
        return [c for c in self.comments if c.prompt == prompt]

    def statement(self, key: str) -> Score | None:
        return self.statements.get(key) if self.answered else None

    def area(self, key: str) -> Score | None:
        return self.areas.get(key) if self.answered else None


NOT_ASKED = NamedView(False, False, {}, {}, ())


@dataclass(frozen=True)
class RoundResults:
    round: FeedbackRound
    questions: QuestionSet
    groups: tuple[str, ...]  # shown anonymous groups only
    responses: dict[str, int]  # per shown anonymous group only
    areas: tuple[AreaResult, ...]
    comments: tuple[Comment, ...] | None  # None: shown groups under the comment threshold
    any_dropped: bool  # some asked anonymous group is not shown
    named: NamedView = NOT_ASKED  # the own manager, when asked as a named voice

    def label(self, group: str) -> str:
        return RATER_GROUPS[group]

    def comments_for(self, prompt: str) -> list[Comment]:
        return [c for c in self.comments or () if c.prompt == prompt]

    @property
    def anything_shown(self) -> bool:
        return bool(self.groups) or self.named.answered


def tallies(round_id: int) -> dict[tuple[str, str], Tally]:
    """(group, statement key) → Tally, aggregated in SQL."""
    rows = db.session.execute(
        select(
            FeedbackResponse.rater_group,
            FeedbackAnswer.question_key,
            func.coalesce(func.sum(FeedbackAnswer.value), 0),
            func.count(FeedbackAnswer.value),
            func.count(),
        )
        .join(FeedbackResponse, FeedbackResponse.id == FeedbackAnswer.response_id)
        .where(FeedbackResponse.round_id == round_id)
        .group_by(FeedbackResponse.rater_group, FeedbackAnswer.question_key)
    )
    return {
        (group, key): Tally(int(total), answered, count - answered)
        for group, key, total, answered, count in rows
    }


def response_counts(round_id: int) -> dict[str, int]:
    rows = db.session.execute(
        select(FeedbackResponse.rater_group, func.count())
        .where(FeedbackResponse.round_id == round_id)
        .group_by(FeedbackResponse.rater_group)
    )
    return dict(rows.all())


def shuffled_comments(round_id: int, groups: list[str], unknown: bool) -> tuple[Comment, ...]:
    """The comments of the shown groups (and those without a group if
    `unknown`), in random order."""
    from_groups = FeedbackComment.rater_group.in_(groups)
    if unknown:
        from_groups = or_(from_groups, FeedbackComment.rater_group.is_(None))
    rows = db.session.execute(
        select(FeedbackComment.prompt, FeedbackComment.text).where(
            FeedbackComment.round_id == round_id, from_groups
        )
    ).all()
    comments = [Comment(prompt, text) for prompt, text in rows if prompt in PROMPTS]
    random.SystemRandom().shuffle(comments)
    return tuple(comments)


def _area(section: AreaSection, groups: list[str], by_key: dict, min_group: int) -> AreaResult:
    statements = tuple(
        StatementResult(
            q, n, combine({g: by_key.get((g, q.key), Tally()) for g in groups}, groups, min_group)
        )
        for n, q in enumerate(section.questions, start=1)
    )
    area_tallies = {
        g: sum(
            (by_key[(g, s.question.key)] for s in statements if s.line.figures[g] is not None),
            Tally(),
        )
        for g in groups
    }
    name = get_content().area(section.area).name
    return AreaResult(section.area, name, combine(area_tallies, groups, min_group), statements)


def named_view(round_: FeedbackRound, counts: dict[str, int], by_key: dict) -> NamedView:
    """The own manager's answers, when the round asks them as a named voice."""
    group = round_.named_group
    if group is None:
        return NOT_ASKED
    if not counts.get(group):
        return NamedView(True, False, {}, {}, ())
    questions = question_set(round_)
    statements = {q.key: by_key.get((group, q.key), Tally()).score for q in questions.questions}
    areas = {
        s.area: sum((by_key.get((group, q.key), Tally()) for q in s.questions), Tally()).score
        for s in questions.sections
    }
    rows = db.session.execute(
        select(FeedbackComment.prompt, FeedbackComment.text)
        .where(FeedbackComment.round_id == round_.id, FeedbackComment.rater_group == group)
        .order_by(FeedbackComment.prompt)
    ).all()
    comments = tuple(Comment(prompt, text) for prompt, text in rows if prompt in PROMPTS)
    return NamedView(True, True, statements, areas, comments)


def results_for(round_: FeedbackRound, limits: Thresholds) -> RoundResults:
    """Everything the results page, the print view and the comparison show."""
    questions = question_set(round_)
    all_counts = response_counts(round_.id)
    # The named voice is left out of everything the anonymity rules decide.
    counts = {g: n for g, n in all_counts.items() if not round_.is_named(g)}
    groups = shown_groups(counts, round_.anonymous_groups, limits.min_group)
    by_key = tallies(round_.id)
    areas = tuple(_area(s, groups, by_key, limits.min_group) for s in questions.sections)
    comments = None
    if comments_visible(counts, groups, limits.min_text):
        comments = shuffled_comments(round_.id, groups, all_answering_shown(counts, groups))
    return RoundResults(
        round_,
        questions,
        tuple(groups),
        {g: counts[g] for g in groups},
        areas,
        comments,
        any(g not in groups for g in round_.anonymous_groups),
        named_view(round_, all_counts, by_key),
    )
