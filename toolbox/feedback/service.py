"""Rounds: opening, closing, what the manager may know while a round is open
(whether a threshold is reached – never how many have answered, nor who) and
the reminders. Invitations and codes are in invitations.py. No request, no
session here.

Every round is read through own_round, which answers 404 to everyone but
the manager who opened it, whatever their role."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import delete, func, or_, select

from toolbox import clock
from toolbox.audit.service import record
from toolbox.content import QuestionSet, get_content
from toolbox.extensions import db
from toolbox.feedback import mails, reminders, seal
from toolbox.feedback.models import (
    QUESTION_SET,
    FeedbackResponse,
    FeedbackRound,
    RoundGroup,
)
from toolbox.web.language import in_language
from toolbox.web.language import lazy_gettext as _l

DEFAULT_LENGTH = timedelta(days=14)


class Refused(ValueError):
    """The change breaks a rule; the message is for the manager."""


@dataclass(frozen=True)
class Thresholds:
    min_group: int  # responses a rater group needs before its figures show
    min_text: int  # responses the round needs before comments show


def thresholds() -> Thresholds:
    """The configured thresholds (config.py refuses values below 3 at start-up)."""
    config = current_app.config
    return Thresholds(int(config["FEEDBACK_MIN_GROUP"]), int(config["FEEDBACK_MIN_TEXT"]))


def question_set(round_: FeedbackRound | None = None) -> QuestionSet:
    """The version a round asks, or the latest for a new round."""
    version = round_.question_set_version if round_ else None
    return get_content().question_set(QUESTION_SET, version)


# -- rounds ----------------------------------------------------------------------


@dataclass(frozen=True)
class RoundData:
    title: str
    groups: list[str]
    closes_on: date
    message: str


def open_round(manager_id: int, data: RoundData, on: date) -> FeedbackRound:
    round_ = FeedbackRound(
        manager_id=manager_id,
        title=data.title,
        message=data.message,
        question_set_version=question_set().version,
        opened_on=on,
        closes_on=data.closes_on,
        group_rows=[RoundGroup(rater_group=g, position=n) for n, g in enumerate(data.groups)],
    )
    db.session.add(round_)
    db.session.flush()
    record("feedback_round_opened", actor_id=manager_id, target=f"Återkoppling {round_.id}")
    return round_


def own_round(round_id: int, user_id: int) -> FeedbackRound:
    """The round if `user_id` opened it; 404 for anyone else, whatever their role."""
    return db.first_or_404(
        select(FeedbackRound).where(
            FeedbackRound.id == round_id, FeedbackRound.manager_id == user_id
        )
    )


def rounds_of(user_id: int) -> list[FeedbackRound]:
    """The manager's rounds, the latest first."""
    return list(
        db.session.scalars(
            select(FeedbackRound)
            .where(FeedbackRound.manager_id == user_id)
            .order_by(FeedbackRound.opened_on.desc(), FeedbackRound.id.desc())
        )
    )


def closed_rounds(user_id: int, on: date) -> list[FeedbackRound]:
    """Rounds with results, the oldest first."""
    ended = or_(FeedbackRound.closed_on.is_not(None), FeedbackRound.closes_on < on)
    return list(
        db.session.scalars(
            select(FeedbackRound)
            .where(FeedbackRound.manager_id == user_id, ended)
            .order_by(FeedbackRound.opened_on, FeedbackRound.id)
        )
    )


def close(round_: FeedbackRound, actor_id: int, on: date) -> None:
    """Close a round early; its results show at once. A round never reopens:
    results seen before and after one more answer would reveal that answer.
    Once this is committed, the caller seals the round (seal.seal_round)."""
    if not round_.is_open(on):
        raise Refused(_l("Omgången är redan avslutad."))
    round_.closed_on = on
    record("feedback_round_closed", actor_id=actor_id, target=f"Återkoppling {round_.id}")


def move_closing_date(round_: FeedbackRound, closes_on: date, actor_id: int, on: date) -> None:
    """A new last day for an open round (the form has checked the date). A
    closed round stays closed: see close()."""
    if not round_.is_open(on):
        raise Refused(_l("Omgången är avslutad. Sista svarsdagen går inte att ändra."))
    round_.closes_on = closes_on
    record(
        "feedback_round_moved",
        actor_id=actor_id,
        target=f"Återkoppling {round_.id}",
        detail=f"Sista dag att svara: {closes_on.isoformat()}",
    )


def cancel(round_: FeedbackRound, actor_id: int, on: date) -> None:
    """Remove an open round with its invitations, codes and any answers (the
    database cascades from the round). Only while it is open: a closed
    round's results count in leadership's figures and are not the manager's
    to take back."""
    if not round_.is_open(on):
        raise Refused(_l("Omgången är avslutad och kan inte tas bort."))
    record(
        "feedback_round_cancelled",
        actor_id=actor_id,
        target=f"Återkoppling {round_.id}",
        detail=round_.title,
    )
    db.session.execute(delete(FeedbackRound).where(FeedbackRound.id == round_.id))
    db.session.expunge(round_)


# -- while a round is open: thresholds only ----------------------------------------


@dataclass(frozen=True)
class Progress:
    """Whether each group and the comments have reached their threshold."""

    groups: dict[str, bool]  # anonymous groups: reached the minimum
    comments: bool  # the groups that reached theirs have min_text responses together
    named: bool | None = None  # the own manager (a named voice) has answered; None: not asked


def progress(rounds: Iterable[FeedbackRound], limits: Thresholds) -> dict[int, Progress]:
    """Per round; the counts are compared here and never leave this function."""
    rounds = list(rounds)
    counts: dict[int, dict[str, int]] = {r.id: {} for r in rounds}
    if rounds:
        rows = db.session.execute(
            select(FeedbackResponse.round_id, FeedbackResponse.rater_group, func.count())
            .where(FeedbackResponse.round_id.in_(counts))
            .group_by(FeedbackResponse.round_id, FeedbackResponse.rater_group)
        )
        for round_id, group, count in rows:
            counts[round_id][group] = count
    found = {}
    for r in rounds:
        reached = {g: counts[r.id].get(g, 0) >= limits.min_group for g in r.anonymous_groups}
        shown = sum(counts[r.id].get(g, 0) for g, ok in reached.items() if ok)
        named = None if r.named_group is None else counts[r.id].get(r.named_group, 0) > 0
        found[r.id] = Progress(reached, shown >= limits.min_text, named)
    return found


# -- reminders (button and `flask send-reminders`) ----------------------------------


def remind_now(round_: FeedbackRound, on: date) -> reminders.Sent:
    """The manager's button: everyone with a link who has not answered and was
    not reminded today. The manager is told neither who nor how many."""
    if not round_.is_open(on):
        raise Refused(_l("Omgången är avslutad."))
    sent = reminders.remind_round(round_, on, mails.send_reminder)
    record("feedback_reminded", actor_id=round_.manager_id, target=f"Återkoppling {round_.id}")
    db.session.commit()
    return sent


def send_feedback_reminders(on: date | None = None) -> reminders.Sent:
    """For cron (`flask send-reminders`): one reminder in the last days of each
    open round to those who have not answered, then every round that has
    ended is sealed (seal.py). Idempotent and safe on several instances at
    once: each reminder and each seal is claimed in the database first."""
    on = on or clock.today()
    # Cron has no visitor whose language to follow: the mails are in Swedish.
    with in_language("sv"):
        sent = reminders.remind_due(on, mails.send_reminder)
    db.session.commit()
    seal.seal_ended(on)
    return sent
