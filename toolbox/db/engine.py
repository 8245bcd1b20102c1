"""Engine set-up: SQLite in WAL mode with a busy timeout, and write requests
that take the write lock up front (BEGIN IMMEDIATE) so that two writers wait
for each other instead of failing with "database is locked"."""

from flask import has_request_context, request
from sqlalchemy import event, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from toolbox.db.schema import SCHEMA_NAMES

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def configure_engine(engine: Engine, busy_timeout_ms: int) -> None:
    """Attach the SQLite settings; other databases are left as they are."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        # Deleted rows are overwritten with zeros, not left in free space: a
        # sealed feedback round keeps no old copy in the file (feedback/seal.py).
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if wants_write() else "BEGIN")


def wants_write() -> bool:
    """True for state-changing requests and for work outside a request (CLI)."""
    if not has_request_context():
        return True
    return request.method not in READ_METHODS


def managed_name(name: str | None, _type: str, _parent_names: dict) -> bool:
    """For migrations: False for objects kept outside the models' metadata
    (the full-text search table with its shadow tables, and its index)."""
    return not (name and name.startswith(SCHEMA_NAMES))


def hold_until_commit(session: Session, name: str) -> None:
    """Serialise a check-then-write on `name` across workers until the
    transaction ends. SQLite's write transaction (BEGIN IMMEDIATE) holds the
    whole database already; PostgreSQL takes an advisory lock on the name."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(func.hashtext(name))))
