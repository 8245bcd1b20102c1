"""Results computed from data that every user shares (dashboard figures,
search hits, catalog coverage), kept in each worker process and used again
until a table they were read from changes.

Every write statement notes the tables it names; when its transaction
commits, their rows in `data_versions` are bumped in the same transaction, so
every worker sees a change at the moment the data changes. A result remembers
the versions of the tables its computation read (recorded from the SQL it ran,
not declared by hand); a request reads the current versions once and computes
again what is stale. Entries also expire after CACHE_SECONDS, and a worker
keeps at most CACHE_ENTRIES of them.

Only functions of plain arguments whose result is plain data (no ORM objects)
are cached. Requests share the result itself, not a copy (unpickling a
figure per unit of a region costs more than computing it): callers treat it
as read-only, as the dashboards' functions do with their inputs anyway."""

import re
import secrets
from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from cachelib import SimpleCache
from flask import (
    Flask,
    current_app,
    g,
    has_app_context,
    has_request_context,
    render_template,
    request,
)
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import String, delete, event, insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, mapped_column

from toolbox import clock
from toolbox.db.schema import FTS_TABLE
from toolbox.extensions import db

P = ParamSpec("P")
T = TypeVar("T")

WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
SCHEMA_CHANGE = re.compile(r"\s*(CREATE|DROP|ALTER|TRUNCATE)\b", re.IGNORECASE)
# Migrations change the schema: servers restart after them, no versions are bumped.
MIGRATION_TABLE = "alembic_version"
# The tables a computation read, for each cached call in progress (innermost last).
_reading: ContextVar[tuple[set[str], ...]] = ContextVar("datacache_reading", default=())


VERSIONS = "SELECT table_name, version FROM data_versions"


class DataVersion(db.Model):
    """How often each table has been written to (by committed transactions)."""

    __tablename__ = "data_versions"

    table_name: Mapped[str] = mapped_column(String(100), primary_key=True)
    version: Mapped[int] = mapped_column(default=0)


class Shared:
    """cachelib's serializer interface, keeping the object itself."""

    @staticmethod
    def dumps(value):
        return value

    @staticmethod
    def loads(value):
        return value


class SharedResults(SimpleCache):
    serializer = Shared()


def cached(function: Callable[P, T]) -> Callable[P, T]:
    """Cache `function` per worker until a table it read changes. Its
    arguments must have a stable repr (numbers, strings, dates, tuples)."""
    name = f"{function.__module__}.{function.__qualname__}"

    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        return remember(name, (args, sorted(kwargs.items())), lambda: function(*args, **kwargs))

    return wrapper


def page_body(template: str, build: Callable[[], dict[str, Any]], *key: object) -> Markup:
    """A page's body: `template` rendered with what `build` returns, kept like
    a cached result. The address with its query string, the user's roles and
    the date are part of the key, `key` adds anything else the body shows. Bodies are
    shared between users: never one with a form that carries a CSRF token."""
    roles = tuple(sorted(current_user.roles))
    parts = (request.path, request.query_string, roles, clock.today(), key)
    html = remember(template, parts, lambda: render_template(template, **build()))
    return Markup(html)  # noqa: S704 - Jinja output, escaped as it was rendered


def remember(name: str, parts: tuple, compute: Callable[[], T]) -> T:
    if not has_app_context() or writing():
        return compute()
    store = current_app.extensions["datacache"]
    locale = str(get_locale()) if has_request_context() else ""
    key = repr((name, locale, parts))
    versions = current_versions()
    entry = store.get(key)
    if entry is not None:
        tables, value = entry
        if all(versions.get(table, 0) == seen for table, seen in tables.items()):
            for outer in _reading.get():  # a cached caller depends on these too
                outer.update(tables)
            return value
    read: set[str] = set()
    token = _reading.set((*_reading.get(), read))
    try:
        value = compute()
    finally:
        _reading.reset(token)
    store.set(key, ({table: versions.get(table, 0) for table in read}, value))
    return value


def writing() -> bool:
    """True while this request has changes of its own not yet committed: what
    it reads must include them, and other requests must not get them."""
    session = db.session()
    if session.new or session.dirty or session.deleted:
        return True
    return session.in_transaction() and bool(session.connection().info.get("written_tables"))


def current_versions() -> dict[str, int]:
    """Every table's version, read once per request (before anything is
    computed from the tables, so a result is never stored as newer than it is)."""
    if "data_versions" not in g:
        # Plain SQL: read on every request that uses a kept result, so kept cheap.
        rows = db.session.connection().exec_driver_sql(VERSIONS)
        g.data_versions = {name: version for name, version in rows}
    return g.data_versions


def table_pattern() -> re.Pattern:
    names = {*db.metadata.tables, FTS_TABLE, MIGRATION_TABLE} - {DataVersion.__tablename__}
    names = sorted(names, key=len)
    alternatives = "|".join(re.escape(name) for name in reversed(names))
    return re.compile(rf"\b({alternatives})\b", re.IGNORECASE)


def track(engine: Engine, store: SimpleCache) -> None:
    """Note the tables of every statement on `engine`; bump them at commit."""
    tables = table_pattern()

    @event.listens_for(engine, "before_cursor_execute")
    def note(conn, _cursor, statement, _parameters, _context, _executemany):
        if WRITE.match(statement):
            written = {name.lower() for name in tables.findall(statement)}
            conn.info.setdefault("written_tables", set()).update(written)
        elif SCHEMA_CHANGE.match(statement):
            store.clear()  # tests drop and create tables under a running app
        for read in _reading.get():  # every cached call in progress read them
            read.update(name.lower() for name in tables.findall(statement))

    @event.listens_for(engine, "commit")
    def bump(conn):
        written = conn.info.pop("written_tables", set())
        if not written or MIGRATION_TABLE in written:
            return
        if has_app_context():
            g.pop("data_versions", None)  # this request reads the new versions
        insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
        # Sorted: two transactions bump shared rows in the same order (no deadlock).
        rows = [{"table_name": name, "version": 1} for name in sorted(written)]
        conn.execute(
            insert(DataVersion)
            .values(rows)
            .on_conflict_do_update(
                index_elements=["table_name"], set_={"version": DataVersion.version + 1}
            )
        )

    @event.listens_for(engine, "rollback")
    def forget(conn):
        conn.info.pop("written_tables", None)


def renumber(engine: Engine) -> None:
    """After a restore: every table gets a new random version, so that no
    worker still running takes a result it kept for the database's other
    history (a restore goes back to versions that were counted before)."""
    names = sorted({*db.metadata.tables, FTS_TABLE} - {DataVersion.__tablename__})
    draw = secrets.SystemRandom()
    with engine.begin() as conn:
        conn.execute(delete(DataVersion))
        conn.execute(
            insert(DataVersion),
            [{"table_name": name, "version": draw.randrange(10**8, 10**9)} for name in names],
        )


def init_app(app: Flask) -> None:
    store = SharedResults(
        threshold=app.config["CACHE_ENTRIES"], default_timeout=app.config["CACHE_SECONDS"]
    )
    app.extensions["datacache"] = store
    with app.app_context():
        track(db.engine, store)
