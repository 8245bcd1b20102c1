"""Sealing a closed dialogue, so that nothing in the database ties an answer
to the member who gave it (PRODUCT.md section 5; SECURITY.md,
"Leadership-team dialogues"). The pass is db/sealing.py's, as for
feedback's rounds.

While a dialogue is open, a member's "answered" flag and the answers commit
together (service.submit). Once the leader has closed it, its seal:

- sets every membership's "answered" flag back to False: after the close
  nobody – the member included – can tell from the rows who answered;
- rewrites the responses, ratings and choices in random order under new
  random keys, in a transaction of their own, every response dated the day
  of the seal: the day a member answered could be matched with a log;
- clears the traces: PostgreSQL rewrites the membership and response tables
  and vacuums the others; SQLite checkpoints its write-ahead log and
  truncates it."""

from datetime import date

from sqlalchemy import delete, select, update

from toolbox.db import sealing
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


def closed(_on: date):
    """Due for their seal: the closed dialogues, whatever the day."""
    return Dialogue.status == CLOSED


def blank_members(dialogue_id: int) -> None:
    db.session.execute(
        update(DialogueMember)
        .where(DialogueMember.dialogue_id == dialogue_id)
        .values(answered=False)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def rewrite_answers(dialogue_id: int, on: date) -> None:
    """The dialogue's responses, ratings and choices, deleted and inserted
    again in random order under new keys and dated `on`, in one transaction."""
    of_dialogue = select(DialogueResponse.id).where(DialogueResponse.dialogue_id == dialogue_id)
    responses = sealing.rows_of(DialogueResponse, DialogueResponse.dialogue_id == dialogue_id)
    children = [
        (model, sealing.rows_of(model, model.response_id.in_(of_dialogue)))
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
    for model, rows in ((DialogueResponse, responses), *children):
        sealing.insert_shuffled(model, rows)
    db.session.commit()


DIALOGUES = sealing.Seal(
    model=Dialogue,
    due=closed,
    blank=blank_members,
    rewrite=rewrite_answers,
    rewritten=("team_dialogue_members", "team_dialogue_responses"),
    vacuumed=("team_dialogue_ratings", "team_dialogue_priorities"),
)


def seal_dialogue(dialogue_id: int, on: date) -> bool:
    """Seal one closed dialogue (the leader's close); False if it is open,
    already sealed, being sealed elsewhere, or the traces could not be cleared."""
    return sealing.seal(DIALOGUES, [dialogue_id], on) == 1


def seal_pending(on: date) -> int:
    """Seal the closed dialogues not sealed yet (cron); for a day after a
    seal, clear the traces again in any case."""
    return sealing.seal_due(DIALOGUES, on)
