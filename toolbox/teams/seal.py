"""Sealing a closed dialogue, so that nothing in the database – rows, old row
versions, transaction ids, the write-ahead log – ties an answer to the
member who gave it (PRODUCT.md section 5; SECURITY.md, "Leadership-team
dialogues"). Feedback's rounds are sealed the same way (feedback/seal.py).

While a dialogue is open, a member's "answered" flag and the answers commit
together (service.submit). Once the leader has closed it, seal_dialogues:

1. claims the dialogue (a conditional UPDATE committed on its own), so that
   the leader's close and a cron pass at once seal it once;
2. sets every membership's "answered" flag back to False: after the close
   nobody – the member included – can tell from the rows who answered;
3. on PostgreSQL commits a transaction that only takes a transaction id, so
   that no rewritten row's xmin equals or neighbours a membership's;
4. rewrites the responses, ratings and choices in random order under new
   random keys, in a transaction of their own, every response dated the day
   of the seal: the day a member answered could be matched with a log;
5. clears the database's own traces: PostgreSQL rewrites the membership and
   response tables (VACUUM FULL) and vacuums the others; SQLite, which
   deletes with secure_delete, checkpoints its write-ahead log and truncates it.

The dialogue is sealed (`sealed_on`) only when all of this has succeeded;
otherwise the claim is given back and the next cron pass (send-reminders)
does it again, which is harmless: every step can be repeated. For a day
after a seal every pass clears the traces again (a long reader may have
held old row versions). Each step commits: callers commit their own work
first."""

import random
from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import Engine, delete, func, insert, or_, select, update

from toolbox.clock import utcnow
from toolbox.db import traces
from toolbox.extensions import db
from toolbox.teams.models import (
    CLOSED,
    Dialogue,
    DialogueMember,
    DialoguePriority,
    DialogueRating,
    DialogueResponse,
    random_key,
)

BATCH = 200
CLEAR_AGAIN = timedelta(days=1)
# A claim older than this belongs to a worker that died: another may take it.
STALE_CLAIM = timedelta(minutes=15)
REWRITTEN = ("team_dialogue_members", "team_dialogue_responses")
VACUUMED = ("team_dialogue_ratings", "team_dialogue_priorities")


def seal_dialogue(dialogue_id: int, on: date) -> bool:
    """Seal one closed dialogue (the leader's close); False if it is open,
    already sealed, being sealed elsewhere, or the traces could not be cleared."""
    return seal_dialogues([dialogue_id], on) == 1


def seal_pending(on: date) -> int:
    """Seal the closed dialogues not sealed yet (cron); for a day after a
    seal, clear the traces again in any case."""
    ids = db.session.scalars(
        select(Dialogue.id)
        .where(Dialogue.status == CLOSED, Dialogue.sealed_on.is_(None))
        .order_by(Dialogue.id)
        .limit(BATCH)
    ).all()
    sealed = seal_dialogues(ids, on)
    lately = select(Dialogue.id).where(Dialogue.sealed_on >= on - CLEAR_AGAIN)
    if not sealed and db.session.scalar(lately.limit(1)) is not None:
        db.session.commit()
        clear_traces(db.engine)
    return sealed


def seal_dialogues(dialogue_ids: Iterable[int], on: date) -> int:
    claimed = [dialogue_id for dialogue_id in dialogue_ids if claim(dialogue_id)]
    if not claimed:
        return 0
    blank_members(claimed)
    burn_transaction_id()
    for dialogue_id in claimed:
        rewrite_answers(dialogue_id, on)
    done = clear_traces(db.engine)
    db.session.execute(
        update(Dialogue)
        .where(Dialogue.id.in_(claimed))
        .values(sealed_on=on if done else None, seal_claimed_at=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if done and db.engine.dialect.name == "sqlite":
        traces.checkpoint(db.engine)  # the WAL then holds not even the line above
    return len(claimed) if done else 0


def claim(dialogue_id: int) -> bool:
    now = utcnow()
    claimed = db.session.execute(
        update(Dialogue)
        .where(
            Dialogue.id == dialogue_id,
            Dialogue.status == CLOSED,
            Dialogue.sealed_on.is_(None),
            or_(Dialogue.seal_claimed_at.is_(None), Dialogue.seal_claimed_at < now - STALE_CLAIM),
        )
        .values(seal_claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return claimed.rowcount == 1


def blank_members(dialogue_ids: list[int]) -> None:
    db.session.execute(
        update(DialogueMember)
        .where(DialogueMember.dialogue_id.in_(dialogue_ids))
        .values(answered=False)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def burn_transaction_id() -> None:
    if db.engine.dialect.name == "postgresql":
        db.session.execute(select(func.txid_current()))
        db.session.commit()


def rows_of(model, condition) -> list[dict]:
    """Every column of the matching rows, as plain dicts (no ORM objects)."""
    found = db.session.execute(select(*model.__table__.columns).where(condition))
    return [dict(row) for row in found.mappings()]


def rewrite_answers(dialogue_id: int, on: date) -> None:
    """The dialogue's responses, ratings and choices, deleted and inserted
    again in random order under new keys and dated `on`, in one transaction."""
    of_dialogue = select(DialogueResponse.id).where(DialogueResponse.dialogue_id == dialogue_id)
    responses = rows_of(DialogueResponse, DialogueResponse.dialogue_id == dialogue_id)
    children = [
        (model, rows_of(model, model.response_id.in_(of_dialogue)))
        for model in (DialogueRating, DialoguePriority)
    ]
    for model, _ in children:
        db.session.execute(
            delete(model)
            .where(model.response_id.in_(of_dialogue))
            .execution_options(synchronize_session=False)
        )
    db.session.execute(
        delete(DialogueResponse)
        .where(DialogueResponse.dialogue_id == dialogue_id)
        .execution_options(synchronize_session=False)
    )
    new_key = {row["id"]: random_key() for row in responses}
    for row in responses:
        row["id"], row["submitted_on"] = new_key[row["id"]], on
    for _, rows in children:
        for row in rows:
            row["response_id"] = new_key[row["response_id"]]
    shuffle = random.SystemRandom().shuffle
    for model, rows in ((DialogueResponse, responses), *children):
        if rows:
            shuffle(rows)
            db.session.execute(insert(model), rows)
    db.session.commit()


def clear_traces(engine: Engine) -> bool:
    """Remove the old row versions of the tables this seal rewrites; False
    when it could not be done now, to be retried."""
    return traces.clear_traces(engine, REWRITTEN, VACUUMED)
