"""Sealing a round that has ended, so that nothing in the database – rows,
old row versions, transaction ids, the write-ahead log – ties a response to
an invitation any more (PRODUCT.md section 5; SECURITY.md, "Feedback").

While a round is open, a token's claim and its response commit together
(responses.submit). Once the round has ended – by its date, or closed by the
manager – seal_rounds:

1. claims the round in the database (a conditional UPDATE committed on its
   own), so that two workers or cron passes at once seal it once;
2. replaces its invitations, in one transaction, by as many blank rows per
   rater group and way (link or code): no address, token hash, submission,
   dates or answered flag, so an old link of a sealed round is unknown;
3. on PostgreSQL commits a transaction that only takes a transaction id, so
   that no rewritten row's xmin equals or neighbours an invitation's;
4. rewrites the responses, answers, area and principle sums and comments, one transaction
   per round, in random order under new random keys;
5. clears the database's own traces: PostgreSQL rewrites the invitation and
   response tables (VACUUM FULL: not even their free space keeps the old
   bytes) and vacuums the others; SQLite, which deletes with secure_delete
   (database.py), checkpoints its write-ahead log and truncates it.

The round is sealed (`sealed_on`) only when all of this has succeeded.
Otherwise the claim is given back and the next pass (send-reminders) does
it all again, which is harmless: every step can be repeated. PostgreSQL's
VACUUM keeps row versions that a transaction open elsewhere (a pg_dump, a
long report) may still see, and nothing says so; so for a day after a seal
every pass clears the traces again. Each step commits: callers commit
their own work first."""

import random
from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import Engine, delete, func, insert, or_, select, update

from toolbox.clock import utcnow
from toolbox.db import traces
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

BATCH = 200
# For this long after a seal, every pass clears the traces again.
CLEAR_AGAIN = timedelta(days=1)
# A claim older than this belongs to a worker that died: another may take it.
STALE_CLAIM = timedelta(minutes=15)
# PostgreSQL: rewritten whole (their old bytes held addresses and token
# hashes, or the old response keys); vacuumed (dead rows removed).
REWRITTEN = ("feedback_invitations", "feedback_responses")
VACUUMED = (
    "feedback_answers",
    "feedback_area_sums",
    "feedback_principle_sums",
    "feedback_comments",
)


def ended(on: date):
    return or_(FeedbackRound.closed_on.is_not(None), FeedbackRound.closes_on < on)


def seal_round(round_id: int, on: date) -> bool:
    """Seal one ended round (the manager's close); False if it is not ended,
    already sealed, or being sealed by someone else."""
    return seal_rounds([round_id], on) == 1


def seal_ended(on: date) -> int:
    """Seal the rounds that have ended and are not sealed yet (cron); for a
    day after a seal, clear the traces again in any case."""
    ids = db.session.scalars(
        select(FeedbackRound.id)
        .where(FeedbackRound.sealed_on.is_(None), ended(on))
        .order_by(FeedbackRound.id)
        .limit(BATCH)
    ).all()
    sealed = seal_rounds(ids, on)
    lately = select(FeedbackRound.id).where(FeedbackRound.sealed_on >= on - CLEAR_AGAIN)
    if not sealed and db.session.scalar(lately.limit(1)) is not None:
        db.session.commit()
        clear_traces(db.engine)
    return sealed


def seal_rounds(round_ids: Iterable[int], on: date) -> int:
    """Seal those of the rounds this worker can claim; how many it sealed."""
    claimed = [round_id for round_id in round_ids if _claim(round_id, on)]
    if not claimed:
        return 0
    for round_id in claimed:
        _blank_invitations(round_id)
    _burn_transaction_id()
    for round_id in claimed:
        _rewrite_responses(round_id)
    done = clear_traces(db.engine)
    db.session.execute(
        update(FeedbackRound)
        .where(FeedbackRound.id.in_(claimed))
        .values(sealed_on=on if done else None, seal_claimed_at=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if done and db.engine.dialect.name == "sqlite":
        traces.checkpoint(db.engine)  # the WAL then holds not even the line above
    return len(claimed) if done else 0


def _claim(round_id: int, on: date) -> bool:
    now = utcnow()
    claimed = db.session.execute(
        update(FeedbackRound)
        .where(
            FeedbackRound.id == round_id,
            FeedbackRound.sealed_on.is_(None),
            ended(on),
            or_(
                FeedbackRound.seal_claimed_at.is_(None),
                FeedbackRound.seal_claimed_at < now - STALE_CLAIM,
            ),
        )
        .values(seal_claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return claimed.rowcount == 1


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


def _burn_transaction_id() -> None:
    if db.engine.dialect.name == "postgresql":
        db.session.execute(select(func.txid_current()))
        db.session.commit()


def _rows(model, condition) -> list[dict]:
    """Every column of the matching rows, as plain dicts (no ORM objects)."""
    found = db.session.execute(select(*model.__table__.columns).where(condition))
    return [dict(row) for row in found.mappings()]


def _rewrite_responses(round_id: int) -> None:
    """The round's responses and everything stored with them, deleted and
    inserted again in random order under new keys, in one transaction."""
    of_round = select(FeedbackResponse.id).where(FeedbackResponse.round_id == round_id)
    responses = _rows(FeedbackResponse, FeedbackResponse.round_id == round_id)
    new_key = {row["id"]: random_key() for row in responses}
    answers = _rows(FeedbackAnswer, FeedbackAnswer.response_id.in_(of_round))
    sums = _rows(FeedbackAreaSum, FeedbackAreaSum.round_id == round_id)
    principle_sums = _rows(FeedbackPrincipleSum, FeedbackPrincipleSum.round_id == round_id)
    comments = _rows(FeedbackComment, FeedbackComment.round_id == round_id)
    for model, condition in (
        (FeedbackAnswer, FeedbackAnswer.response_id.in_(of_round)),
        (FeedbackAreaSum, FeedbackAreaSum.round_id == round_id),
        (FeedbackPrincipleSum, FeedbackPrincipleSum.round_id == round_id),
        (FeedbackComment, FeedbackComment.round_id == round_id),
        (FeedbackResponse, FeedbackResponse.round_id == round_id),
    ):
        db.session.execute(
            delete(model).where(condition).execution_options(synchronize_session=False)
        )
    for row in responses:
        row["id"] = new_key[row["id"]]
    for row in answers + sums + principle_sums:
        row["response_id"] = new_key[row["response_id"]]
    for row in comments:
        row["id"] = random_key()
    shuffle = random.SystemRandom().shuffle
    for model, rows in (
        (FeedbackResponse, responses),
        (FeedbackAnswer, answers),
        (FeedbackAreaSum, sums),
        (FeedbackPrincipleSum, principle_sums),
        (FeedbackComment, comments),
    ):
        if rows:
            shuffle(rows)
            db.session.execute(insert(model), rows)
    db.session.commit()


def clear_traces(engine: Engine) -> bool:
    """Remove the old row versions of the tables this seal rewrites; False
    when it could not be done now, to be retried."""
    return traces.clear_traces(engine, REWRITTEN, VACUUMED)
