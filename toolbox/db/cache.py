"""Aggregates that every user shares (dashboard figures, search hits, catalog
coverage), kept in each worker process and used again until a table they
depend on changes.

Each cached computation declares the tables it reads:
`@cached(depends_on=(CatalogItem, ItemTag, "catalog_search"))`, models or table
names. A result is valid while the versions of those tables are unchanged,
whatever the computation found in the session's identity map. A computation
that calls another cached one depends on the callee's tables too, without
repeating them. `@reads(depends_on=...)` declares what a function reads
without keeping its result (a table's cells, too large to keep beside the
table made of them): a cached caller depends on those tables too. Every
cached and declared function is recorded in `REGISTRY`;
tests/db/test_cache.py runs each one under a statement tracer and fails if it
read a table it did not declare.

Every write statement notes the table it writes; when its transaction
commits, their rows in `data_versions` are bumped in the same transaction, so
every worker and every instance sees a change at the moment the data changes.
A request reads the current versions once and computes again what is stale.
Entries also expire after CACHE_SECONDS, and a worker keeps at most
CACHE_ENTRIES of them per cached function (each function has a store of its
own, so that many cheap results never push out a few costly ones). A
request with changes of its own not yet committed computes afresh and keeps
nothing (`writing`).

Only functions of plain arguments whose result is plain data (figures, ids,
no ORM objects) are cached. Requests share the result itself, not a copy
(unpickling a figure per unit of a region costs more than computing it):
callers treat it as read-only."""

import re
import secrets
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from cachelib import SimpleCache
from flask import Flask, current_app, g, has_app_context, has_request_context
from flask_babel import get_locale
from sqlalchemy import String, Table, delete, event, insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.dml import UpdateBase

from toolbox.db.schema import FTS_TABLE
from toolbox.extensions import db

P = ParamSpec("P")
T = TypeVar("T")

WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
SCHEMA_CHANGE = re.compile(r"\s*(CREATE|DROP|ALTER|TRUNCATE)\b", re.IGNORECASE)
# Migrations change the schema: servers restart after them, no versions are bumped.
MIGRATION_TABLE = "alembic_version"
VERSIONS = "SELECT table_name, version FROM data_versions"
# The cached computations in progress, innermost last.
_computing: ContextVar[tuple["Computation", ...]] = ContextVar("cache_computing", default=())

Dependency = type[Any] | Table | str


class DataVersion(db.Model):
    """How often each table has been written to (by committed transactions)."""

    __tablename__ = "data_versions"

    table_name: Mapped[str] = mapped_column(String(100), primary_key=True)
    version: Mapped[int] = mapped_column(default=0)


@dataclass(frozen=True)
class Registered:
    """A cached function and the tables it declared."""

    function: Callable[..., Any]
    depends_on: frozenset[str]


# Every cached function by name (module.qualname), recorded by `cached`.
REGISTRY: dict[str, Registered] = {}


@dataclass(frozen=True)
class Computation:
    """A cached computation in progress: what it declared, and what its
    result depends on (the declaration and the tables of the cached calls it
    makes)."""

    name: str
    declared: frozenset[str]
    tables: set[str]


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


class Stores:
    """One store per cached function, so that many cheap results (search
    hits) never push out a few costly ones (a dashboard's published table)."""

    def __init__(self, entries: int, seconds: int):
        self.entries, self.seconds = entries, seconds
        self.stores: dict[str, SharedResults] = {}

    def of(self, name: str) -> SharedResults:
        if name not in self.stores:
            self.stores[name] = SharedResults(threshold=self.entries, default_timeout=self.seconds)
        return self.stores[name]

    def clear(self) -> None:
        for store in self.stores.values():
            store.clear()


def table_names(depends_on: Iterable[Dependency]) -> frozenset[str]:
    """Models, tables or table names as table names."""
    names = set()
    for table in depends_on:
        if isinstance(table, str):
            names.add(table)
        elif isinstance(table, Table):
            names.add(table.name)
        else:
            names.add(table.__table__.name)
    return frozenset(names)


def cached(*, depends_on: Iterable[Dependency]) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Cache the function per worker until one of the tables it reads changes.
    Its arguments must have a stable repr (numbers, strings, dates, tuples)."""
    tables = table_names(depends_on)

    def decorate(function: Callable[P, T]) -> Callable[P, T]:
        name = f"{function.__module__}.{function.__qualname__}"

        @wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            parts = (args, sorted(kwargs.items()))
            return remember(name, parts, lambda: function(*args, **kwargs), tables)

        REGISTRY[name] = Registered(wrapper, tables)
        return wrapper

    return decorate


def reads(*, depends_on: Iterable[Dependency]) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Declare the tables a function reads without keeping its result: a
    cached computation that calls it depends on them too. For intermediate
    results too large to keep beside what is made of them (a table's cells)."""
    tables = table_names(depends_on)

    def decorate(function: Callable[P, T]) -> Callable[P, T]:
        name = f"{function.__module__}.{function.__qualname__}"

        @wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            with computation_of(name, tables) as computation:
                value = function(*args, **kwargs)
            depend_on(computation.tables)
            return value

        REGISTRY[name] = Registered(wrapper, tables)
        return wrapper

    return decorate


@contextmanager
def computation_of(name: str, tables: frozenset[str]) -> Iterator[Computation]:
    """`name` computing, innermost of the computations in progress."""
    computation = Computation(name, tables, set(tables))
    token = _computing.set((*_computing.get(), computation))
    try:
        yield computation
    finally:
        _computing.reset(token)


def remember(name: str, parts: tuple, compute: Callable[[], T], depends_on: frozenset[str]) -> T:
    """The kept result of `name` for `parts`, or `compute()` kept until a
    table in `depends_on` (or one a cached callee depends on) changes."""
    if not has_app_context() or writing():
        return compute()
    store = current_app.extensions["datacache"].of(name)
    locale = str(get_locale()) if has_request_context() else ""
    key = repr((name, locale, parts))
    versions = current_versions()
    entry = store.get(key)
    if entry is not None:
        seen, value = entry
        if all(versions.get(table, 0) == version for table, version in seen.items()):
            depend_on(seen)
            return value
    with computation_of(name, depends_on) as computation:
        value = compute()
    depend_on(computation.tables)
    store.set(key, ({table: versions.get(table, 0) for table in computation.tables}, value))
    return value


def depend_on(tables: Iterable[str]) -> None:
    """The cached computations in progress depend on `tables` too."""
    for outer in _computing.get():
        outer.tables.update(tables)


def computing() -> Computation | None:
    """The innermost cached computation in progress (the statement tracer of
    tests/db/test_cache.py holds what it reads against its declaration)."""
    stack = _computing.get()
    return stack[-1] if stack else None


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
        g.data_versions = dict(rows.all())
    return g.data_versions


def table_pattern() -> re.Pattern:
    names = {*db.metadata.tables, FTS_TABLE, MIGRATION_TABLE} - {DataVersion.__tablename__}
    names = sorted(names, key=len)
    alternatives = "|".join(re.escape(name) for name in reversed(names))
    return re.compile(rf"\b({alternatives})\b", re.IGNORECASE)


def written_tables(statement: str, context: Any, pattern: re.Pattern) -> set[str]:
    """The tables a write statement writes to."""
    compiled = getattr(context, "compiled", None)
    written = compiled.statement if compiled is not None else None
    if isinstance(written, UpdateBase):
        return {written.table.name}
    # Textual SQL (SQLite's search index, restores, tests) names its tables
    # only in its text: every known table name in it counts as written.
    return {name.lower() for name in pattern.findall(statement)}


def track(engine: Engine, stores: Stores) -> None:
    """Note the tables of every write on `engine`; bump them at commit."""
    pattern = table_pattern()

    @event.listens_for(engine, "before_cursor_execute")
    def note(conn, _cursor, statement, _parameters, context, _executemany):
        if WRITE.match(statement):
            written = written_tables(statement, context, pattern) - {DataVersion.__tablename__}
            if written:
                conn.info.setdefault("written_tables", set()).update(written)
        elif SCHEMA_CHANGE.match(statement):
            stores.clear()  # tests drop and create tables under a running app

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
    stores = Stores(app.config["CACHE_ENTRIES"], app.config["CACHE_SECONDS"])
    app.extensions["datacache"] = stores
    with app.app_context():
        track(db.engine, stores)
