"""Aggregates that every user shares (dashboard figures, search hits, catalog
coverage), kept in each worker process and used again until a table they
depend on changes.

Each cached computation declares the tables it reads:
`@cached(depends_on=(CatalogItem, ItemTag, "catalog_search"))`, models or table
names, or only the columns it reads of a table that other work writes often
(`User.active`: a sign-in writes `users.last_login_at`, which no figure reads).
A result is valid while the versions of what it declared are unchanged,
whatever the computation found in the session's identity map. A computation
that calls another cached one depends on the callee's tables too, without
repeating them. `@reads(depends_on=...)` declares what a function reads
without keeping its result (a table's cells, too large to keep beside the
table made of them): a cached caller depends on those tables too. Every
cached and declared function is recorded in `REGISTRY`;
tests/db/test_cache.py runs each one under a statement tracer and fails if it
read a table it did not declare.

Every write statement notes the table it writes (an UPDATE also the columns
it sets; an INSERT or DELETE that the table's rows changed, which every
column declaration watches); a statement that changed no row notes nothing.
When its transaction commits, their rows in `data_versions` are bumped in the
same transaction, so every worker and every instance sees a change at the
moment the data changes.
A request reads the current versions once and computes again what is stale.
Entries also expire after CACHE_SECONDS (KEPT_SECONDS for the shared ones
below): the safety net for a change made outside the portal, by hand in
psql, which no statement of the portal's counted (`flask data-changed`
makes every worker see it at once). A worker keeps at most
CACHE_ENTRIES of them per cached function (each function has a store of its
own, so that many cheap results never push out a few costly ones). A
request with changes of its own not yet committed computes afresh and keeps
nothing (`writing`).

A costly result can be kept for every worker and instance too:
`@cached(depends_on=..., shared=codec)` stores it in `kept_results` as JSON
(the codec's `dumps` and `loads`; never pickle, which would let whoever can
write to the database run code in the portal) with the versions it was
computed at. A worker that has not computed it takes it from there while
those versions are current and it is younger than KEPT_SECONDS (a day), so
a dashboard's published table is worked out once per change, not once per
worker, and not again every few minutes when nothing changed (seconds of
CPU on a region's data).

A result is kept per language (a text made in the computation is in the
request's), unless the function says it holds no text (`per_language=False`:
figures), which tests/db/test_cache.py checks by computing it in both.

Only functions of plain arguments whose result is plain data (figures, ids,
no ORM objects) are cached. Requests share the result itself, not a copy
(unpickling a figure per unit of a region costs more than computing it):
callers treat it as read-only."""

import hashlib
import json
import re
import secrets
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import wraps
from typing import Any, ParamSpec, Protocol, TypeVar

from cachelib import SimpleCache
from flask import Flask, current_app, g, has_app_context, has_request_context
from sqlalchemy import String, Table, Text, delete, event, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Mapped, QueryableAttribute, mapped_column
from sqlalchemy.sql.dml import Update, UpdateBase

from toolbox.clock import utcnow
from toolbox.db.engine import wants_write
from toolbox.db.schema import FTS_TABLE
from toolbox.extensions import db
from toolbox.web.language import current_locale

P = ParamSpec("P")
T = TypeVar("T")

WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
# The columns an UPDATE sets: each is `name =` after SET or a comma. Read from
# the statement's text, which SQLAlchemy keeps no list of; a name too many only
# bumps a column more, and none can be missed.
ASSIGNED = re.compile(r'(?:\bSET\s+|,\s*)"?(\w+)"?\s*=', re.IGNORECASE)
# The version that every declaration of a column of the table watches: rows
# added or removed.
ROWS = "/rows"
# How long storing a result for every worker waits for SQLite's write lock.
KEEP_WAIT_MS = 50
SCHEMA_CHANGE = re.compile(r"\s*(CREATE|DROP|ALTER|TRUNCATE)\b", re.IGNORECASE)
# Migrations change the schema: servers restart after them, no versions are bumped.
MIGRATION_TABLE = "alembic_version"
VERSIONS = "SELECT table_name, version FROM data_versions"
# The cached computations in progress, innermost last.
_computing: ContextVar[tuple["Computation", ...]] = ContextVar("cache_computing", default=())

Dependency = type[Any] | Table | QueryableAttribute | str


class DataVersion(db.Model):
    """How often each table has been written to (by committed transactions)."""

    __tablename__ = "data_versions"

    table_name: Mapped[str] = mapped_column(String(100), primary_key=True)
    version: Mapped[int] = mapped_column(default=0)


class KeptResult(db.Model):
    """A costly result kept for every worker and instance (`shared`): its
    value as JSON and the versions it was computed at."""

    __tablename__ = "kept_results"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the key
    versions: Mapped[str] = mapped_column(Text)
    value: Mapped[str] = mapped_column(Text)
    computed_at: Mapped[datetime] = mapped_column(index=True)


# The cache's own tables: never counted as written, never a dependency.
OWN_TABLES = frozenset({DataVersion.__tablename__, KeptResult.__tablename__})


class Codec(Protocol):
    """How a shared result is written as JSON and read back."""

    def dumps(self, value: Any) -> Any: ...

    def loads(self, data: Any) -> Any: ...


@dataclass(frozen=True)
class Registered:
    """A cached function and the tables (or columns, "table.column") it
    declared; whether its result depends on the request's language."""

    function: Callable[..., Any]
    depends_on: frozenset[str]
    per_language: bool = True


# Every cached function by name (module.qualname), recorded by `cached`.
REGISTRY: dict[str, Registered] = {}


@dataclass(frozen=True)
class Computation:
    """A cached computation in progress: what it declared, and the versions
    its result depends on (those its declaration watches and those of the
    cached calls it makes)."""

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

    def __init__(self, entries: int, seconds: int, kept_seconds: int):
        self.entries, self.seconds, self.kept_seconds = entries, seconds, kept_seconds
        self.stores: dict[str, SharedResults] = {}

    def of(self, name: str, entries: int | None = None, shared: bool = False) -> SharedResults:
        """The store of `name`, keeping `entries` results (or the default)
        for CACHE_SECONDS, or KEPT_SECONDS if they are kept for all too."""
        if name not in self.stores:
            self.stores[name] = SharedResults(
                threshold=entries or self.entries,
                default_timeout=self.kept_seconds if shared else self.seconds,
            )
        return self.stores[name]

    def clear(self) -> None:
        for store in self.stores.values():
            store.clear()


def declared_names(depends_on: Iterable[Dependency]) -> frozenset[str]:
    """Models, tables or table names as table names; columns as "table.column"."""
    names = set()
    for dependency in depends_on:
        if isinstance(dependency, str):
            names.add(dependency)
        elif isinstance(dependency, Table):
            names.add(dependency.name)
        elif isinstance(dependency, QueryableAttribute):
            column = dependency.property.columns[0]
            names.add(f"{column.table.name}.{column.name}")
        else:
            names.add(dependency.__table__.name)
    return frozenset(names)


def watched(declared: frozenset[str]) -> frozenset[str]:
    """The versions a declaration watches: a table's (every write to it); a
    column's (UPDATEs setting it) and its table's rows."""
    keys = set()
    for name in declared:
        table, dot, _column = name.partition(".")
        keys |= {name, table + ROWS} if dot else {name}
    return frozenset(keys)


def cached(
    *,
    depends_on: Iterable[Dependency],
    shared: Codec | None = None,
    entries: int | None = None,
    per_language: bool = True,
) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Cache the function per worker until one of the tables it reads changes;
    with a codec, for every worker and instance too (`kept_results`). Its
    arguments must have a stable repr (numbers, strings, dates, tuples).
    A worker keeps `entries` results of it (CACHE_ENTRIES if not given): more
    for a small result asked for with many arguments (a page of search hits),
    which a shared bound would have pushed out before it was asked again.
    `per_language=False`: one result for every language (figures, no text)."""
    declared = declared_names(depends_on)

    def decorate(function: Callable[P, T]) -> Callable[P, T]:
        name = f"{function.__module__}.{function.__qualname__}"

        @wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            language = str(current_locale()) if per_language and has_request_context() else ""
            parts = (language, args, sorted(kwargs.items()))
            return remember(
                name, parts, lambda: function(*args, **kwargs), declared, shared, entries
            )

        REGISTRY[name] = Registered(wrapper, declared, per_language)
        return wrapper

    return decorate


def reads(*, depends_on: Iterable[Dependency]) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Declare the tables a function reads without keeping its result: a
    cached computation that calls it depends on them too. For intermediate
    results too large to keep beside what is made of them (a table's cells)."""
    declared = declared_names(depends_on)

    def decorate(function: Callable[P, T]) -> Callable[P, T]:
        name = f"{function.__module__}.{function.__qualname__}"

        @wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            with computation_of(name, declared) as computation:
                value = function(*args, **kwargs)
            depend_on(computation.tables)
            return value

        REGISTRY[name] = Registered(wrapper, declared)
        return wrapper

    return decorate


@contextmanager
def computation_of(name: str, declared: frozenset[str]) -> Iterator[Computation]:
    """`name` computing, innermost of the computations in progress."""
    computation = Computation(name, declared, set(watched(declared)))
    token = _computing.set((*_computing.get(), computation))
    try:
        yield computation
    finally:
        _computing.reset(token)


def remember(
    name: str,
    parts: tuple,
    compute: Callable[[], T],
    declared: frozenset[str],
    shared: Codec | None = None,
    entries: int | None = None,
) -> T:
    """The kept result of `name` for `parts` (this worker's, else with a codec
    the one kept for all), or `compute()` kept until what is `declared` (or
    what a cached callee depends on) changes."""
    if not has_app_context() or writing():
        return compute()
    store = current_app.extensions["datacache"].of(name, entries, shared is not None)
    key = repr((name, parts))
    versions = current_versions()
    entry = store.get(key)
    if shared is not None and (entry is None or not current(entry[0], versions)):
        entry = kept_for_all(key, versions, shared)  # current, or None
        if entry is not None:
            store.set(key, entry)
    if entry is not None and current(entry[0], versions):
        depend_on(entry[0])
        return entry[1]
    with computation_of(name, declared) as computation:
        value = compute()
    depend_on(computation.tables)
    seen = {table: versions.get(table, 0) for table in computation.tables}
    store.set(key, (seen, value))
    if shared is not None and not wants_write():
        keep_for_all(key, seen, shared.dumps(value))
    return value


def current(seen: dict[str, int], versions: dict[str, int]) -> bool:
    return all(versions.get(table, 0) == version for table, version in seen.items())


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def kept_for_all(key: str, versions: dict[str, int], codec: Codec) -> tuple[dict, Any] | None:
    """The result kept for every worker under `key`, if it is current."""
    max_age = timedelta(seconds=current_app.config["KEPT_SECONDS"])
    row = db.session.execute(
        select(KeptResult.versions, KeptResult.value).where(
            KeptResult.key == digest(key), KeptResult.computed_at > utcnow() - max_age
        )
    ).one_or_none()
    if row is None:
        return None
    try:
        seen = json.loads(row.versions)
        if not current(seen, versions):
            return None
        return seen, codec.loads(json.loads(row.value))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None  # not what keep_for_all wrote: computed again and rewritten


def keep_for_all(key: str, seen: dict[str, int], data: Any) -> None:
    """Store a result for every worker, in a transaction of its own, and drop
    what has expired. Only from a read request: a write request (or a command)
    on SQLite holds the write lock in its own transaction already. Best
    effort: when the database is busy, the next worker computes it too."""
    now = utcnow()
    values = {
        "key": digest(key),
        "versions": json.dumps(seen),
        "value": json.dumps(data, separators=(",", ":")),
        "computed_at": now,
    }
    max_age = timedelta(seconds=current_app.config["KEPT_SECONDS"])
    with db.engine.connect() as conn, sqlite_waiting_at_most(conn, KEEP_WAIT_MS):
        try:
            conn.execute(delete(KeptResult).where(KeptResult.computed_at <= now - max_age))
            upsert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
            statement = upsert(KeptResult).values(values)
            conn.execute(
                statement.on_conflict_do_update(
                    index_elements=["key"], set_={k: statement.excluded[k] for k in values}
                )
            )
            conn.commit()
        except OperationalError as error:  # SQLite busy beyond KEEP_WAIT_MS
            conn.rollback()
            current_app.logger.warning("cache: result not kept for all workers: %s", error)


@contextmanager
def sqlite_waiting_at_most(conn: Any, milliseconds: int) -> Iterator[None]:
    """On SQLite, wait at most `milliseconds` for another writer while inside
    (the connection's busy timeout, set back to what it was after). A writer holding the
    database may be this very thread: a request served inside a longer-lived
    session that began a write transaction (tests do so) would otherwise wait
    for itself for the whole busy timeout."""
    if conn.dialect.name != "sqlite":
        yield
        return
    driver = conn.connection.driver_connection
    (before,) = driver.execute("PRAGMA busy_timeout").fetchone()
    driver.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")
    try:
        yield
    finally:
        driver.execute(f"PRAGMA busy_timeout = {int(before)}")


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
    names = {*db.metadata.tables, FTS_TABLE, MIGRATION_TABLE} - OWN_TABLES
    names = sorted(names, key=len)
    alternatives = "|".join(re.escape(name) for name in reversed(names))
    return re.compile(rf"\b({alternatives})\b", re.IGNORECASE)


def written(statement: str, context: Any, pattern: re.Pattern) -> set[str]:
    """What a write statement changes: its table; the columns an UPDATE sets;
    the rows of the table for an INSERT or DELETE."""
    compiled = getattr(context, "compiled", None)
    dml = compiled.statement if compiled is not None else None
    if isinstance(dml, UpdateBase):
        table = dml.table.name
        if not isinstance(dml, Update):
            return {table, table + ROWS}
        columns = set(ASSIGNED.findall(statement)) & {column.name for column in dml.table.c}
        return {table} | {f"{table}.{column}" for column in columns}
    # Textual SQL (SQLite's search index, restores, tests) names its tables
    # only in its text: every known table name in it counts as written, rows too.
    names = {name.lower() for name in pattern.findall(statement)}
    return names | {name + ROWS for name in names}


def changed_nothing(cursor: Any, context: Any, executemany: bool) -> bool:
    """A statement of SQLAlchemy's that matched no row. A textual one, one
    of many parameter sets or one returning rows (whose count the driver
    may know only once they are read) counts as a change whatever its row
    count says."""
    compiled = getattr(context, "compiled", None)
    return (
        compiled is not None
        and isinstance(compiled.statement, UpdateBase)
        and not executemany
        and cursor.description is None
        and cursor.rowcount == 0
    )


def track(engine: Engine, stores: Stores) -> None:
    """Note what every write on `engine` changes; bump it at commit."""
    pattern = table_pattern()

    @event.listens_for(engine, "after_cursor_execute")
    def note(conn, cursor, statement, _parameters, context, executemany):
        if WRITE.match(statement):
            if changed_nothing(cursor, context, executemany):
                return
            names = {
                name
                for name in written(statement, context, pattern)
                if re.split(r"[./]", name, maxsplit=1)[0] not in OWN_TABLES
            }
            if names:
                conn.info.setdefault("written_tables", set()).update(names)
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
    """After a restore or a change made by hand (`flask data-changed`): every
    version gets a new random number, so that no worker still running takes
    a result it kept before (a restore goes back to versions that were
    counted before). Every table and its rows get one, so every declaration
    sees the change."""
    tables = {*db.metadata.tables, FTS_TABLE} - OWN_TABLES
    draw = secrets.SystemRandom()
    with engine.begin() as conn:
        kept = set(conn.execute(select(DataVersion.table_name)).scalars())
        names = sorted(kept | tables | {table + ROWS for table in tables})
        conn.execute(delete(DataVersion))
        conn.execute(
            insert(DataVersion),
            [{"table_name": name, "version": draw.randrange(10**8, 10**9)} for name in names],
        )


def init_app(app: Flask) -> None:
    stores = Stores(
        app.config["CACHE_ENTRIES"], app.config["CACHE_SECONDS"], app.config["KEPT_SECONDS"]
    )
    app.extensions["datacache"] = stores
    with app.app_context():
        track(db.engine, stores)
