"""The seal pass that leaves nothing in the database – rows, old row versions,
transaction ids, the write-ahead log – that ties an answer to the one who
gave it, for the features that seal what has closed: feedback's rounds
(feedback/seal.py) and the leadership team's dialogues (teams/seal.py).
A feature describes what it seals (Seal); the pass is the same for both:

1. it claims each row due for a seal (a conditional UPDATE committed on its
   own), so that a close and a cron pass, or two workers, seal it once;
2. it blanks what tied the row's answers to people (the feature's `blank`);
3. on PostgreSQL it commits a transaction that only takes a transaction id,
   so that no rewritten row's xmin equals or neighbours a blanked row's;
4. it rewrites the answers in random order under new random keys (the
   feature's `rewrite`);
5. it clears the database's own traces of the tables (db/traces.py).

A row is sealed (`sealed_on`) only when all of this has succeeded; otherwise
the claim is given back and the next pass does it all again, which is
harmless: every step can be repeated. PostgreSQL's VACUUM keeps row versions
that a transaction open elsewhere (a pg_dump, a long report) may still see,
and nothing says so; so for a day after a seal every pass clears the traces
again. Each step commits: callers commit their own work first."""

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, func, insert, or_, select, update

from toolbox.clock import utcnow
from toolbox.db import traces
from toolbox.extensions import db

# A pass seals this many rows at the most.
BATCH = 200
# For this long after a seal, every pass clears the traces again.
CLEAR_AGAIN = timedelta(days=1)
# A claim older than this belongs to a worker that died: another may take it.
STALE_CLAIM = timedelta(minutes=15)


@dataclass(frozen=True)
class Seal:
    """What a feature seals. `model` has the columns id, sealed_on and
    seal_claimed_at; `due(on)` says which of its rows are to be sealed on a
    day; `blank(id)` and `rewrite(id, on)` are steps 2 and 4 for one claimed
    row, each committing its own transaction. On PostgreSQL the `rewritten`
    tables are rewritten whole (VACUUM FULL: not even their free space keeps
    the old bytes) and the `vacuumed` ones vacuumed."""

    model: type
    due: Callable[[date], ColumnElement[bool]]
    blank: Callable[[int], None]
    rewrite: Callable[[int, date], None]
    rewritten: tuple[str, ...]
    vacuumed: tuple[str, ...]


def seal_due(kind: Seal, on: date) -> int:
    """Seal the rows that are due and not sealed yet (cron); for a day after
    a seal, clear the traces again in any case. How many it sealed."""
    model = kind.model
    ids = db.session.scalars(
        select(model.id)
        .where(model.sealed_on.is_(None), kind.due(on))
        .order_by(model.id)
        .limit(BATCH)
    ).all()
    sealed = seal(kind, ids, on)
    lately = select(model.id).where(model.sealed_on >= on - CLEAR_AGAIN)
    if not sealed and db.session.scalar(lately.limit(1)) is not None:
        db.session.commit()
        clear_traces(kind)
    return sealed


def seal(kind: Seal, ids: Iterable[int], on: date) -> int:
    """Seal those of the rows this worker can claim; how many it sealed."""
    claimed = [row_id for row_id in ids if _claim(kind, row_id, on)]
    if not claimed:
        return 0
    for row_id in claimed:
        kind.blank(row_id)
    _burn_transaction_id()
    for row_id in claimed:
        kind.rewrite(row_id, on)
    done = clear_traces(kind)
    db.session.execute(
        update(kind.model)
        .where(kind.model.id.in_(claimed))
        .values(sealed_on=on if done else None, seal_claimed_at=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if done and db.engine.dialect.name == "sqlite":
        traces.checkpoint(db.engine)  # the WAL then holds not even the line above
    return len(claimed) if done else 0


def clear_traces(kind: Seal) -> bool:
    """Remove the old row versions of the tables this seal rewrites; False
    when it could not be done now, to be retried."""
    return traces.clear_traces(db.engine, kind.rewritten, kind.vacuumed)


def rows_of(model: type, condition: ColumnElement[bool]) -> list[dict]:
    """Every column of the matching rows, as plain dicts (no ORM objects)."""
    found = db.session.execute(select(*model.__table__.columns).where(condition))
    return [dict(row) for row in found.mappings()]


def insert_shuffled(model: type, rows: list[dict]) -> None:
    """Insert the rows in random order, so that not even their order on disk
    follows the one they had."""
    if rows:
        random.SystemRandom().shuffle(rows)
        db.session.execute(insert(model), rows)


def _claim(kind: Seal, row_id: int, on: date) -> bool:
    model, now = kind.model, utcnow()
    claimed = db.session.execute(
        update(model)
        .where(
            model.id == row_id,
            model.sealed_on.is_(None),
            kind.due(on),
            or_(model.seal_claimed_at.is_(None), model.seal_claimed_at < now - STALE_CLAIM),
        )
        .values(seal_claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return claimed.rowcount == 1


def _burn_transaction_id() -> None:
    if db.engine.dialect.name == "postgresql":
        db.session.execute(select(func.txid_current()))
        db.session.commit()
