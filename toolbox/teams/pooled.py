"""The members' choices pooled for leadership: how many chose each behaviour
as one of the most important next, over closed dialogues, published in steps
so that no difference between two looks – nor between a step and one team's
own results page – gives the choices of fewer than AGGREGATE_MIN_GROUP people.

The rule of privacy/releases.py, made to hold without knowing who answered
(the seal forgets that, seal.py):

- a dialogue counts from the calendar quarter it was closed in, once that
  quarter has ended; a closed dialogue's answers never change;
- the ended quarters are walked in order and gathered into a step until the
  dialogues gathered hold at least k people even when any one of them is left
  out (its team – a leader in leadership among them – has seen its own
  figures, and could subtract them);
- "people" is a lower bound that needs no names: the answers of dialogues
  whose member lists share nobody, the largest first.

What is shown is the sum of the published steps. Retention (retention.py)
deletes whole steps, the oldest first, so the walk that follows starts at a
step's edge and finds the same later steps: a figure only ever loses a step."""

from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import func, select

from toolbox import clock
from toolbox.extensions import db
from toolbox.privacy.periods import Period, quarter, quarter_number
from toolbox.teams.models import (
    CLOSED,
    Dialogue,
    DialogueMember,
    DialoguePriority,
    DialogueResponse,
)

Quarter = tuple[int, int]


@dataclass(frozen=True)
class Contribution:
    dialogue_id: int
    closed_in: Quarter
    answers: int
    members: frozenset[int]


@dataclass(frozen=True)
class Step:
    until: Quarter
    dialogue_ids: tuple[int, ...]


@dataclass(frozen=True)
class Pooled:
    """The members' choices published now: counts per behaviour up to `until`."""

    counts: dict[str, int]
    until: Period | None  # None: too few people yet

    @property
    def until_label(self) -> str:
        if self.until is None:
            return ""
        return self.until.label


def quarter_of(day: date) -> Quarter:
    return day.year, quarter_number(day)


def contributions() -> list[Contribution]:
    """The closed dialogues that have answers."""
    answers = dict(
        db.session.execute(
            select(DialogueResponse.dialogue_id, func.count())
            .join(Dialogue, Dialogue.id == DialogueResponse.dialogue_id)
            .where(Dialogue.status == CLOSED)
            .group_by(DialogueResponse.dialogue_id)
        ).all()
    )
    closed = db.session.execute(
        select(Dialogue.id, Dialogue.closed_at).where(
            Dialogue.id.in_(list(answers)), Dialogue.closed_at.is_not(None)
        )
    ).all()
    members: dict[int, set[int]] = {}
    for dialogue_id, user_id in db.session.execute(
        select(DialogueMember.dialogue_id, DialogueMember.user_id).where(
            DialogueMember.dialogue_id.in_(list(answers))
        )
    ):
        members.setdefault(dialogue_id, set()).add(user_id)
    return [
        Contribution(
            dialogue_id,
            quarter_of(clock.local(closed_at).date()),
            answers[dialogue_id],
            frozenset(members.get(dialogue_id, ())),
        )
        for dialogue_id, closed_at in closed
    ]


def fewest_people(group: list[Contribution]) -> int:
    """At least this many different people gave the group's answers: a member
    answers a dialogue once, and dialogues whose members differ share nobody."""
    taken: set[int] = set()
    total = 0
    for found in sorted(group, key=lambda c: (-c.answers, c.dialogue_id)):
        if not found.members & taken:
            taken |= found.members
            total += found.answers
    return total


def enough(group: list[Contribution], k: int) -> bool:
    """At least k people, whichever one dialogue of the group is left out."""
    return bool(group) and all(
        fewest_people([c for c in group if c is not left_out]) >= k for left_out in group
    )


def steps(found: list[Contribution], k: int, today: date) -> list[Step]:
    """The published steps, oldest first, over the quarters that have ended."""
    published, pending = [], []
    for closed_in in sorted({c.closed_in for c in found if c.closed_in < quarter_of(today)}):
        pending += [c for c in found if c.closed_in == closed_in]
        if enough(pending, k):
            published.append(Step(closed_in, tuple(sorted(c.dialogue_id for c in pending))))
            pending = []
    return published


def min_people() -> int:
    return max(3, int(current_app.config["AGGREGATE_MIN_GROUP"]))


def pooled_priorities(today: date) -> Pooled:
    published = steps(contributions(), min_people(), today)
    if not published:
        return Pooled({}, None)
    included = [dialogue_id for step in published for dialogue_id in step.dialogue_ids]
    rows = db.session.execute(
        select(DialoguePriority.behaviour, func.count())
        .join(DialogueResponse, DialogueResponse.id == DialoguePriority.response_id)
        .where(DialogueResponse.dialogue_id.in_(included))
        .group_by(DialoguePriority.behaviour)
    )
    return Pooled(dict(rows.all()), quarter(*published[-1].until))
