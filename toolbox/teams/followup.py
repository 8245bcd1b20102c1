"""Förvaltningsledningens uppföljning: which teams held their dialogue and
follow-up, the behaviours teams agreed on (decisions, counted per team), the
behaviours members chose as most important across the organisation, and the
förvaltning's samsyn.

The members' choices are people's answers: counted over all closed
dialogues, they are published by the privacy module's stepped release
(toolbox/privacy/releases.py) with AGGREGATE_MIN_GROUP people a step,
counted per ended quarter of closing. A closed dialogue never reopens and
its answers never change, so a quarter's contributions stay fixed."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from toolbox import clock
from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.org.models import OrgUnit
from toolbox.privacy.periods import LAST_QUARTER, Period, quarter, quarter_number
from toolbox.privacy.releases import last_release
from toolbox.privacy.suppression import Figure
from toolbox.teams.models import (
    CLOSED,
    AgreedBehaviour,
    Dialogue,
    DialogueMember,
    DialoguePriority,
    DialogueResponse,
    SharedView,
)


@dataclass(frozen=True)
class OverviewRow:
    dialogue: Dialogue
    leader: str
    unit: str | None
    behaviours: tuple[str, ...]


@dataclass(frozen=True)
class Pooled:
    """The members' choices published now: counts per behaviour up to `until`."""

    counts: dict[str, int]
    until: Period | None  # None: too few people yet


def overview_rows() -> list[OverviewRow]:
    dialogues = db.session.scalars(
        select(Dialogue).options(selectinload(Dialogue.choices)).order_by(Dialogue.opened_at.desc())
    ).all()
    names = dict(
        db.session.execute(
            select(User.id, User.name).where(User.id.in_({d.leader_id for d in dialogues}))
        ).all()
    )
    units = unit_names({d.unit_id for d in dialogues if d.unit_id})
    return [
        OverviewRow(
            d,
            names.get(d.leader_id, ""),
            units.get(d.unit_id),
            tuple(choice.behaviour for choice in d.choices),
        )
        for d in dialogues
    ]


def unit_names(ids: set[int]) -> dict[int, str]:
    rows = db.session.execute(select(OrgUnit.id, OrgUnit.name).where(OrgUnit.id.in_(ids)))
    return dict(rows.all())


def agreed_counts() -> Counter:
    """How many teams agreed on each behaviour."""
    rows = db.session.execute(
        select(AgreedBehaviour.behaviour, func.count()).group_by(AgreedBehaviour.behaviour)
    )
    return Counter(dict(rows.all()))


def dialogue_counts_between(start: date, end: date) -> tuple[int, int, int]:
    """Dialogues opened, agreed and followed up on the days [start, end)."""
    low, high = clock.start_of_day(start), clock.start_of_day(end)

    def within(column) -> int:
        return db.session.scalar(select(func.count()).where(column >= low, column < high))

    return within(Dialogue.opened_at), within(Dialogue.agreed_at), within(Dialogue.followed_up_at)


def agreed_counts_between(start: date, end: date) -> Counter:
    """How many teams agreed on each behaviour in an agreement made on [start, end)."""
    low, high = clock.start_of_day(start), clock.start_of_day(end)
    rows = db.session.execute(
        select(AgreedBehaviour.behaviour, func.count())
        .join(Dialogue, Dialogue.id == AgreedBehaviour.dialogue_id)
        .where(Dialogue.agreed_at >= low, Dialogue.agreed_at < high)
        .group_by(AgreedBehaviour.behaviour)
    )
    return Counter(dict(rows.all()))


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, quarter_number(day)


def next_quarter(year: int, number: int) -> tuple[int, int]:
    return (year, number + 1) if number < LAST_QUARTER else (year + 1, 1)


def pooled_priorities(today: date) -> Pooled:
    """The members' choices over closed dialogues, released in steps of at
    least AGGREGATE_MIN_GROUP more people (distinct members who answered)."""
    k = int(current_app.config["AGGREGATE_MIN_GROUP"])
    closed = dict(
        db.session.execute(
            select(Dialogue.id, Dialogue.closed_at).where(Dialogue.status == CLOSED)
        ).all()
    )
    if not closed:
        return Pooled({}, None)
    closed_in = {d: quarter_of(clock.local(at).date()) for d, at in closed.items()}
    people = db.session.execute(
        select(DialogueMember.dialogue_id, DialogueMember.user_id).where(
            DialogueMember.answered.is_(True), DialogueMember.dialogue_id.in_(list(closed))
        )
    ).all()
    ended, history, seen = [], [], set()
    current, last = min(closed_in.values()), quarter_of(today)
    while current < last:
        seen |= {user for d, user in people if closed_in[d] == current}
        ended.append(current)
        history.append(Figure(0.0, 0, len(seen)))
        current = next_quarter(*current)
    shown = last_release(history, k)
    if shown is None:
        return Pooled({}, None)
    until = ended[shown]
    included = [d for d, q in closed_in.items() if q <= until]
    rows = db.session.execute(
        select(DialoguePriority.behaviour, func.count())
        .join(DialogueResponse, DialogueResponse.id == DialoguePriority.response_id)
        .where(DialogueResponse.dialogue_id.in_(included))
        .group_by(DialoguePriority.behaviour)
    )
    return Pooled(dict(rows.all()), quarter(*until))


def record_shared_view(text: str, behaviours: list[str], actor_id: int) -> SharedView:
    view = SharedView(text=text.strip(), behaviours=",".join(behaviours), recorded_by_id=actor_id)
    db.session.add(view)
    return view


def shared_views() -> list[SharedView]:
    """Every recorded samsyn, the current one first."""
    return list(
        db.session.scalars(
            select(SharedView)
            .options(selectinload(SharedView.recorded_by))
            .order_by(SharedView.recorded_at.desc(), SharedView.id.desc())
        )
    )
