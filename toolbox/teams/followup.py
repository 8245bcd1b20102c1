"""Förvaltningsledningens uppföljning: which teams held their dialogue and
follow-up, the behaviours teams agreed on (decisions recorded by the leader,
counted per team – each team's own are listed beside them anyway), and the
förvaltning's samsyn. The members' choices, which are people's answers, are
pooled in pooled.py."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from toolbox import clock
from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.org.models import OrgUnit
from toolbox.teams.models import AgreedBehaviour, Dialogue, SharedView


@dataclass(frozen=True)
class OverviewRow:
    dialogue: Dialogue
    leader: str
    unit: str | None
    behaviours: tuple[str, ...]


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
