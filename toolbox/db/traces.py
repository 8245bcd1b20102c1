"""Clearing what a rewrite leaves behind in the database's files: the old row
versions of tables whose rows were rewritten so that nothing ties an answer to
its sender (feedback's seal, the leadership-team dialogue's seal).

PostgreSQL keeps old row versions until VACUUM (FULL, to rewrite a table's
file); SQLite keeps them in its write-ahead log until a checkpoint. Either can
be held up by a long reader: then nothing is cleared now and the caller
retries on its next pass."""

import time

from flask import current_app
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

# VACUUM FULL waits at most this long for a reader to let go of a table, so
# that the readers queued behind it are not held up; the next pass retries.
LOCK_TIMEOUT = "2s"
# SQLite: a checkpoint waits for readers on an older snapshot; tries, each
# waiting up to CHECKPOINT_WAIT_MS, then the next pass retries.
CHECKPOINT_TRIES = 3
CHECKPOINT_WAIT_MS = 1000
OWNS = text(
    "SELECT bool_and(pg_has_role(current_user, c.relowner, 'USAGE'))"
    " FROM unnest(CAST(:tables AS text[])) AS t(name)"
    " JOIN pg_class c ON c.oid = to_regclass(t.name)"
)


def clear_traces(engine: Engine, rewritten: tuple[str, ...], vacuumed: tuple[str, ...]) -> bool:
    """Remove the old row versions from the database's files: `rewritten`
    tables rewritten whole, `vacuumed` ones vacuumed (PostgreSQL); the log
    emptied (SQLite). False when it could not be done now, to be retried."""
    if engine.dialect.name == "postgresql":
        return vacuum(engine, rewritten, vacuumed)
    return checkpoint(engine)


def vacuum(engine: Engine, rewritten: tuple[str, ...], vacuumed: tuple[str, ...]) -> bool:
    # VACUUM runs outside a transaction, and only for the tables' owner.
    tables = rewritten + vacuumed
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if not conn.execute(OWNS, {"tables": list(tables)}).scalar():
            current_app.logger.error("Tabellerna %s kan inte städas: fel ägare", ", ".join(tables))
            return False
        conn.exec_driver_sql(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
        try:
            for table in rewritten:
                conn.exec_driver_sql(f"VACUUM FULL {table}")
            conn.exec_driver_sql("VACUUM " + ", ".join(vacuumed))
        except OperationalError:
            current_app.logger.warning("VACUUM av %s väntade för länge; görs om", ", ".join(tables))
            return False
        finally:
            conn.exec_driver_sql("RESET lock_timeout")
    return True


def checkpoint(engine: Engine) -> bool:
    """Copy the WAL into the database file and truncate it to 0 bytes."""
    connection = engine.raw_connection()  # no BEGIN: a checkpoint runs outside one
    try:
        cursor = connection.cursor()
        (configured,) = cursor.execute("PRAGMA busy_timeout").fetchone()
        cursor.execute(f"PRAGMA busy_timeout = {CHECKPOINT_WAIT_MS}")
        try:
            for _ in range(CHECKPOINT_TRIES):
                busy, _frames, _copied = cursor.execute(
                    "PRAGMA wal_checkpoint(TRUNCATE)"
                ).fetchone()
                if not busy:
                    return True
                time.sleep(CHECKPOINT_WAIT_MS / 1000)
        finally:
            cursor.execute(f"PRAGMA busy_timeout = {int(configured)}")
            cursor.close()
    finally:
        connection.close()
    current_app.logger.warning("SQLite-loggen kunde inte tömmas; görs om")
    return False
