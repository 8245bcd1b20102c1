"""Sealing a round that has ended, so that nothing in the database ties a
response to an invitation any more (PRODUCT.md section 5; SECURITY.md,
"Feedback"). The pass – claim, blank, burn a transaction id, rewrite, clear
the traces, retried until it has all succeeded – is db/sealing.py's.

While a round is open, a token's claim and its response commit together
(responses.submit). Once the round has ended – by its date, or closed by the
manager – its seal:

- replaces its invitations, in one transaction, by as many blank rows per
  rater group and way (link or code): no address, token hash, submission,
  dates or answered flag, so an old link of a sealed round is unknown;
- rewrites the responses, answers, area and principle sums and comments, one
  transaction per round, in random order under new random keys;
- clears the traces: PostgreSQL rewrites the invitation and response tables
  (their old bytes held addresses and token hashes, or the old response
  keys) and vacuums the others; SQLite, which deletes with secure_delete
  (db/engine.py), checkpoints its write-ahead log and truncates it."""

from collections.abc import Iterable
from datetime import date

from sqlalchemy import delete, func, insert, or_, select

from toolbox.db import sealing
from toolbox.extensions import db
from toolbox.feedback.models import (
    FeedbackAnswer,
    FeedbackAreaSum,
    FeedbackComment,
    FeedbackInvitation,
    FeedbackPrincipleSum,
    FeedbackResponse,
    FeedbackRound,
    random_key,
)


def ended(on: date):
    return or_(FeedbackRound.closed_on.is_not(None), FeedbackRound.closes_on < on)


def blank_invitations(round_id: int, day: date, counts: Iterable[tuple[str, str, int]]) -> list:
    """Rows that say only that (rater group, kind, count) were invited: an
    unguessable token hash nobody holds, no address, answer or date."""
    return [
        {
            "round_id": round_id,
            "rater_group": group,
            "kind": kind,
            "email": None,
            "token_hash": random_key(),
            "answered": False,
            "submission": None,
            "last_reminded_on": None,
            "created_on": day,
        }
        for group, kind, count in counts
        for _ in range(count)
    ]


def _blank_invitations(round_id: int) -> None:
    """Insert the blank rows, then delete the round's old invitations, in one
    transaction. Inserted first, the blank rows take new ids (SQLite would
    otherwise give a deleted id again): a respondent claiming a token by its
    id meanwhile either commits first (and this waits for it) or finds no row."""
    mine = FeedbackInvitation.round_id == round_id
    last = db.session.scalar(select(func.max(FeedbackInvitation.id)).where(mine))
    counts = db.session.execute(
        select(FeedbackInvitation.rater_group, FeedbackInvitation.kind, func.count())
        .where(mine)
        .group_by(FeedbackInvitation.rater_group, FeedbackInvitation.kind)
        .order_by(FeedbackInvitation.rater_group, FeedbackInvitation.kind)
    ).all()
    opened_on = db.session.scalar(
        select(FeedbackRound.opened_on).where(FeedbackRound.id == round_id)
    )
    rows = blank_invitations(round_id, opened_on, counts)
    if rows:
        db.session.execute(insert(FeedbackInvitation), rows)
        db.session.execute(delete(FeedbackInvitation).where(mine, FeedbackInvitation.id <= last))
    db.session.commit()


def _rewrite_responses(round_id: int, _on: date) -> None:
    """The round's responses and everything stored with them, deleted and
    inserted again in random order under new keys, in one transaction. They
    keep their days: the dashboards count them by the day they came."""
    of_round = select(FeedbackResponse.id).where(FeedbackResponse.round_id == round_id)
    # The responses last: the answers are found through them.
    where = {
        FeedbackAnswer: FeedbackAnswer.response_id.in_(of_round),
        FeedbackAreaSum: FeedbackAreaSum.round_id == round_id,
        FeedbackPrincipleSum: FeedbackPrincipleSum.round_id == round_id,
        FeedbackComment: FeedbackComment.round_id == round_id,
        FeedbackResponse: FeedbackResponse.round_id == round_id,
    }
    stored = {model: sealing.rows_of(model, condition) for model, condition in where.items()}
    for model, condition in where.items():
        db.session.execute(
            delete(model).where(condition).execution_options(synchronize_session=False)
        )
    new_key = {row["id"]: random_key() for row in stored[FeedbackResponse]}
    for row in stored[FeedbackResponse]:
        row["id"] = new_key[row["id"]]
    for model in (FeedbackAnswer, FeedbackAreaSum, FeedbackPrincipleSum):
        for row in stored[model]:
            row["response_id"] = new_key[row["response_id"]]
    for row in stored[FeedbackComment]:
        row["id"] = random_key()
    for model in reversed(where):  # the responses first: the rest refer to them
        sealing.insert_shuffled(model, stored[model])
    db.session.commit()


ROUNDS = sealing.Seal(
    model=FeedbackRound,
    due=ended,
    blank=_blank_invitations,
    rewrite=_rewrite_responses,
    rewritten=("feedback_invitations", "feedback_responses"),
    vacuumed=(
        "feedback_answers",
        "feedback_area_sums",
        "feedback_principle_sums",
        "feedback_comments",
    ),
)


def seal_round(round_id: int, on: date) -> bool:
    """Seal one ended round (the manager's close); False if it is not ended,
    already sealed, or being sealed by someone else."""
    return sealing.seal(ROUNDS, [round_id], on) == 1


def seal_ended(on: date) -> int:
    """Seal the rounds that have ended and are not sealed yet (cron); for a
    day after a seal, clear the traces again in any case."""
    return sealing.seal_due(ROUNDS, on)
