"""Rewriting a closed dialogue's answers, so that the rows no longer tie an
answer to the member who gave it (SECURITY.md, "Leadership-team dialogues").

While a dialogue is open, a member's "answered" flag and the answers commit
together (service.submit): on PostgreSQL both carry that transaction's id.
When the leader closes the dialogue, its answers are deleted and inserted
again in random order under new random keys, in a transaction of their own
that follows one which only takes a transaction id, so that no rewritten
row's xmin equals or neighbours a membership's. The old row versions stay in
the files until (auto)vacuum removes them; feedback's seal also clears those
at once, which this does not yet do. Each step commits: callers commit their
own work first."""

import random

from sqlalchemy import delete, func, insert, select

from toolbox.extensions import db
from toolbox.teams.models import (
    DialoguePriority,
    DialogueRating,
    DialogueResponse,
    random_key,
)


def burn_transaction_id() -> None:
    if db.engine.dialect.name == "postgresql":
        db.session.execute(select(func.txid_current()))
        db.session.commit()


def rows_of(model, condition) -> list[dict]:
    """Every column of the matching rows, as plain dicts (no ORM objects)."""
    found = db.session.execute(select(*model.__table__.columns).where(condition))
    return [dict(row) for row in found.mappings()]


def rewrite_answers(dialogue_id: int) -> None:
    """The dialogue's responses, ratings and choices, deleted and inserted
    again in random order under new keys."""
    burn_transaction_id()
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
        row["id"] = new_key[row["id"]]
    for _, rows in children:
        for row in rows:
            row["response_id"] = new_key[row["response_id"]]
    shuffle = random.SystemRandom().shuffle
    for model, rows in ((DialogueResponse, responses), *children):
        if rows:
            shuffle(rows)
            db.session.execute(insert(model), rows)
    db.session.commit()
