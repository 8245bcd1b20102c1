"""Reminders to those who have a link and have not answered.

A token is stored only as a hash, so a reminder carries a new link that
replaces the old one. Each reminder is claimed in the database first (a
conditional UPDATE, committed on its own), so that two runs at once – the
button twice, or cron on two instances – send it once; a mail that fails
gives the claim back so that the next run tries again."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import or_, select, update

from toolbox.extensions import db
from toolbox.feedback.models import EMAIL, FeedbackInvitation, FeedbackRound
from toolbox.feedback.tokens import hash_token, new_link_token

# Cron reminds once in the last days of a round.
DAYS_BEFORE_CLOSE = 3
Send = Callable[[FeedbackRound, str, str], None]  # (round, address, link token)


@dataclass(frozen=True)
class Sent:
    sent: int = 0
    failed: int = 0

    def __add__(self, other: "Sent") -> "Sent":
        return Sent(self.sent + other.sent, self.failed + other.failed)


def _waiting(round_id: int, since: date) -> tuple:
    """Mailed, not answered, and not reminded on or after `since`."""
    return (
        FeedbackInvitation.round_id == round_id,
        FeedbackInvitation.kind == EMAIL,
        FeedbackInvitation.answered.is_(False),
        FeedbackInvitation.email.is_not(None),
        or_(
            FeedbackInvitation.last_reminded_on.is_(None),
            FeedbackInvitation.last_reminded_on < since,
        ),
    )


def remind_round(round_: FeedbackRound, on: date, send: Send, since: date | None = None) -> Sent:
    """Remind everyone waiting in the round who was not reminded since `since` (today)."""
    since = since or on
    ids = list(
        db.session.scalars(
            select(FeedbackInvitation.id)
            .where(*_waiting(round_.id, since))
            .order_by(FeedbackInvitation.id)
        )
    )
    total = Sent()
    for invitation_id in ids:
        total += _remind_one(round_, invitation_id, on, since, send)
    return total


def remind_due(on: date, send: Send) -> Sent:
    """Every open round in its last DAYS_BEFORE_CLOSE days: one reminder each."""
    rounds = db.session.scalars(
        select(FeedbackRound)
        .where(
            FeedbackRound.closed_on.is_(None),
            FeedbackRound.closes_on >= on,
            FeedbackRound.closes_on <= on + timedelta(days=DAYS_BEFORE_CLOSE),
        )
        .order_by(FeedbackRound.id)
    ).all()
    total = Sent()
    for round_ in rounds:
        window = round_.closes_on - timedelta(days=DAYS_BEFORE_CLOSE)
        total += remind_round(round_, on, send, since=window)
    return total


def _remind_one(round_: FeedbackRound, invitation_id: int, on: date, since: date, send) -> Sent:
    before = db.session.execute(
        select(
            FeedbackInvitation.token_hash,
            FeedbackInvitation.last_reminded_on,
            FeedbackInvitation.email,
        ).where(FeedbackInvitation.id == invitation_id)
    ).one()
    token = new_link_token()
    claimed = db.session.execute(
        update(FeedbackInvitation)
        .where(FeedbackInvitation.id == invitation_id, *_waiting(round_.id, since))
        .values(token_hash=hash_token(token), last_reminded_on=on)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if claimed.rowcount != 1:
        return Sent()  # answered meanwhile, or another run took it
    try:
        send(round_, before.email, token)
    except Exception:  # one failed mail must not stop the others
        current_app.logger.exception("Påminnelsen om återkoppling %s gick inte iväg", invitation_id)
        db.session.rollback()
        _release(invitation_id, hash_token(token), before.token_hash, before.last_reminded_on)
        return Sent(failed=1)
    return Sent(sent=1)


def _release(invitation_id: int, new_hash: str, old_hash: str, old_day: date | None) -> None:
    """Give the old link and reminder date back, unless the new link was used."""
    db.session.execute(
        update(FeedbackInvitation)
        .where(FeedbackInvitation.id == invitation_id, FeedbackInvitation.token_hash == new_hash)
        .values(token_hash=old_hash, last_reminded_on=old_day)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
