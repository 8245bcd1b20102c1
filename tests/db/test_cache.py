"""Shared results (toolbox/db/cache.py): a cached computation is used again
until a table it declared is written to, by this worker or by any other; and
every cached function reads only the tables it declared."""

import importlib
import json
import pickle
import pkgutil
import random
import re
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import TableClause, create_engine, delete, event, func, select, text, update
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import TextClause
from sqlalchemy.sql.util import find_tables

import toolbox
from tests.conftest import app_on, base_config
from toolbox import clock, create_app
from toolbox.analysis import service as analysis_service
from toolbox.analysis.metrics import metrics
from toolbox.analysis.scopes import Own, Tree
from toolbox.analysis.service import TablesCodec
from toolbox.auth.models import User
from toolbox.catalog.service import Filters
from toolbox.cli import DEMO_SEEDERS, data_changed_command
from toolbox.content import get_content
from toolbox.db.cache import (
    OWN_TABLES,
    REGISTRY,
    DataVersion,
    KeptResult,
    Stores,
    cached,
    computing,
    reads,
    table_pattern,
    writing,
)
from toolbox.extensions import db
from toolbox.org.models import OrgUnit
from toolbox.privacy.suppression import Figure, Table
from toolbox.reflection import service as reflection_service
from toolbox.reflection.models import Reflection
from toolbox.tasks.listing import TaskFilter
from toolbox.web.language import in_language

calls: list[str] = []


@cached(depends_on=(OrgUnit,))
def unit_count(level: str) -> int:
    calls.append(f"units {level}")
    return db.session.scalar(select(func.count()).where(OrgUnit.level == level))


@cached(depends_on=(User,))
def summary(level: str) -> tuple[int, int]:
    """A cached computation that uses another one: it depends on the callee's tables too."""
    calls.append(f"summary {level}")
    return unit_count(level), db.session.scalar(select(func.count(User.id)))


@cached(depends_on=(OrgUnit,))
def unit_name(unit_id: int) -> str:
    """Reads through the identity map: no SQL when the unit is loaded already."""
    calls.append(f"name {unit_id}")
    return db.session.get(OrgUnit, unit_id).name


@reads(depends_on=(OrgUnit,))
def unit_levels() -> list[str]:
    """Declares what it reads, keeps nothing."""
    calls.append("levels")
    return sorted(db.session.scalars(select(OrgUnit.level)))


@cached(depends_on=())
def level_count() -> int:
    """Reads only through a declared read: depends on its tables."""
    calls.append("level count")
    return len(unit_levels())


@pytest.fixture(autouse=True)
def _fresh_calls():
    calls.clear()


def versions() -> dict[str, int]:
    rows = db.session.execute(select(DataVersion.table_name, DataVersion.version))
    return dict(rows.all())


def in_request(app, method="GET"):
    return app.test_request_context("/", method=method)


def current(app) -> dict[str, int]:
    with app.app_context():
        return versions()


def test_a_commit_bumps_the_tables_it_wrote_and_a_rollback_nothing(app, make_unit):
    before = current(app)
    make_unit("A")  # commits
    after = current(app)
    written = {"org_units", "org_units/rows"}  # the table, and that its rows changed
    for name in written:
        assert after[name] == before.get(name, 0) + 1
    assert {k: v for k, v in after.items() if k not in written} == {
        k: v for k, v in before.items() if k not in written
    }
    with in_request(app, "POST"):
        db.session.execute(update(OrgUnit).values(staff_count=3))
        db.session.rollback()
    assert current(app) == after
    with in_request(app, "POST"):  # raw SQL counts too (SQLite's search index is written so)
        db.session.execute(text("UPDATE org_units SET staff_count = 4"))
        db.session.commit()
    assert current(app)["org_units"] == after["org_units"] + 1


def test_a_write_bumps_only_the_table_it_writes(app, make_unit, make_user):
    """Taken from the statement, not its text: a table the write only reads is not bumped."""
    make_unit("A")
    make_user("chef@example.se")
    before = current(app)
    with in_request(app, "POST"):
        db.session.execute(
            update(OrgUnit)
            .where(OrgUnit.id.in_(select(User.unit_id).where(User.active)))
            .values(staff_count=5)
        )
        db.session.commit()
    after = current(app)
    assert after["org_units"] == before["org_units"] + 1
    assert after["users"] == before["users"]


@cached(depends_on=(User.id, User.active, User.unit_id))
def members(unit_id: int) -> int:
    """Declares the columns it reads of a table written often for other reasons."""
    calls.append(f"members {unit_id}")
    return db.session.scalar(
        select(func.count(User.id)).where(User.active, User.unit_id == unit_id)
    )


def test_a_column_declaration_is_kept_over_updates_of_other_columns(app, make_unit, make_user):
    unit = make_unit("A")
    user = make_user("a@example.se", unit_id=unit.id)

    def counted() -> int:
        with in_request(app):
            return members(unit.id)

    def change(**values) -> None:
        with in_request(app, "POST"):
            db.session.execute(update(User).where(User.id == user.id).values(**values))
            db.session.commit()

    assert counted() == 1
    change(last_login_at=clock.utcnow(), name="Ny")  # no column it declared
    assert counted() == 1
    assert len(calls) == 1
    change(active=False)
    assert counted() == 0
    make_user("b@example.se", unit_id=unit.id)  # a row added
    assert counted() == 1
    with in_request(app, "POST"):
        db.session.execute(delete(User).where(User.email == "b@example.se"))  # a row removed
        db.session.commit()
    assert counted() == 0
    with in_request(app, "POST"):  # textual SQL: rows and every column count as written
        db.session.execute(text("UPDATE users SET active = TRUE"))
        db.session.commit()
    assert counted() == 1
    assert len(calls) == 5


def test_an_orm_flush_notes_the_columns_it_sets(app, make_user):
    user = make_user("a@example.se")
    before = current(app)
    with in_request(app, "POST"):
        db.session.get(User, user.id).last_login_at = clock.utcnow()
        db.session.commit()
    after = current(app)
    bumped = {name for name in after if after[name] != before.get(name, 0)}
    # The version column counts every edit (optimistic locking).
    assert bumped == {"users", "users.last_login_at", "users.version"}


def test_the_cache_leaves_nothing_noted_after_a_commit(app, make_unit):
    """Its own writes (the bump, a kept result) are never noted: a note left
    on a pooled connection would make every later request on it count as
    writing, and cache nothing."""
    make_unit("A")
    with in_request(app):
        assert unit_codes() == ("A",)  # computed, and kept for all in a transaction of its own
    with app.app_context(), db.engine.connect() as conn:
        assert "written_tables" not in conn.info
    with in_request(app):
        assert not writing()


def test_a_write_that_changed_no_row_bumps_nothing(app, make_unit):
    make_unit("A")
    before = current(app)
    with in_request(app, "POST"):
        db.session.execute(delete(OrgUnit).where(OrgUnit.code == "nothing"))
        db.session.execute(update(OrgUnit).where(OrgUnit.id < 0).values(staff_count=1))
        db.session.commit()
    assert current(app) == before
    with in_request(app, "POST"):
        db.session.execute(update(OrgUnit).values(staff_count=1))
        db.session.commit()
    assert current(app)["org_units"] == before["org_units"] + 1


def test_a_result_is_used_until_a_declared_table_changes(app, make_unit, make_user):
    make_unit("A", level="enhet")
    for _ in range(2):
        with in_request(app):
            assert unit_count("enhet") == 1
    assert calls == ["units enhet"]
    make_user("ny@example.se")  # another table: the result stays
    with in_request(app):
        assert unit_count("enhet") == 1
    assert calls == ["units enhet"]
    make_unit("B", level="enhet")
    with in_request(app):
        assert unit_count("enhet") == 2
        assert unit_count("verksamhet") == 0  # arguments are part of the key
    assert calls == ["units enhet", "units enhet", "units verksamhet"]


def test_a_cached_caller_depends_on_what_its_cached_callees_declared(app, make_unit):
    make_unit("A", level="enhet")
    with in_request(app):
        assert unit_count("enhet") == 1  # cached before the caller runs
    with in_request(app):
        assert summary("enhet") == (1, 0)
    make_unit("B", level="enhet")  # declared only by the callee
    with in_request(app):
        assert summary("enhet") == (2, 0)
    assert calls == ["units enhet", "summary enhet", "summary enhet", "units enhet"]


def test_a_declared_read_counts_for_its_cached_caller_and_keeps_nothing(app, make_unit):
    make_unit("A", level="enhet")
    for _ in range(2):
        with in_request(app):
            assert level_count() == 1
            assert unit_levels() == ["enhet"]
    assert calls == ["level count", "levels", "levels", "levels"]
    make_unit("B", level="verksamhet")  # declared only by the read
    with in_request(app):
        assert level_count() == 2
    assert calls[-2:] == ["level count", "levels"]


def test_cheap_results_never_push_out_another_functions_results():
    stores = Stores(entries=2, seconds=60, kept_seconds=3600)
    stores.of("dashboard table").set("2026", "costly")
    for term in range(20):
        stores.of("search hits").set(f"term {term}", "cheap")
    assert stores.of("dashboard table").get("2026") == "costly"
    assert len(stores.of("search hits")._cache) <= 3  # its own bound (cachelib prunes on set)
    for term in range(20):
        stores.of("many small", entries=30).set(f"term {term}", "cheap")
    assert all(stores.of("many small").get(f"term {term}") for term in range(20))
    stores.clear()
    assert stores.of("dashboard table").get("2026") is None


RENAME = """
import sys
from sqlalchemy import update
from toolbox import create_app
from toolbox.extensions import db
from toolbox.org.models import OrgUnit

app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": sys.argv[1]})
with app.app_context():
    db.session.execute(update(OrgUnit).where(OrgUnit.id == int(sys.argv[2])).values(name="Nytt"))
    db.session.commit()
"""


def test_a_result_read_from_the_identity_map_follows_a_change_by_another_process(
    app, database_url, make_unit
):
    """The stale read of issue 17: the unit is in the session already, so the
    computation sends no SQL; its declaration still makes it depend on the
    units, and a rename committed by another process is seen at the next request."""
    unit = make_unit("A", name="Gammalt")
    computed: list[str] = []

    def note(_conn, _cursor, statement, *_args):
        if computing() is not None:
            computed.append(statement)

    with in_request(app):
        loaded = db.session.get(OrgUnit, unit.id)  # held: the identity map keeps weak references
        event.listen(db.engine, "before_cursor_execute", note)
        try:
            assert unit_name(unit.id) == "Gammalt"
        finally:
            event.remove(db.engine, "before_cursor_execute", note)
    assert computed == []
    assert loaded.name == "Gammalt"
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", RENAME, database_url, str(unit.id)], cwd=root, check=True)
    with in_request(app):
        db.session.get(OrgUnit, unit.id)
        assert unit_name(unit.id) == "Nytt"
    assert calls == [f"name {unit.id}", f"name {unit.id}"]


def test_a_write_by_another_worker_is_seen(database_url, tmp_path):
    """Two apps on one database stand for two gunicorn workers."""
    with app_on(database_url, tmp_path) as first:
        with first.app_context():
            db.session.add(OrgUnit(code="A", name="A", level="enhet"))
            db.session.commit()
        with in_request(first):
            assert unit_count("enhet") == 1
        other = create_app(base_config(tmp_path) | {"SQLALCHEMY_DATABASE_URI": database_url})
        with other.app_context():
            db.session.add(OrgUnit(code="B", name="B", level="enhet"))
            db.session.commit()
            db.engine.dispose()
        with in_request(first):
            assert unit_count("enhet") == 2


class CodesCodec:
    """Codes as JSON: a list out, a tuple back."""

    dumps = staticmethod(list)
    loads = staticmethod(tuple)


@cached(depends_on=(OrgUnit,), shared=CodesCodec())
def unit_codes() -> tuple[str, ...]:
    """A result kept for every worker too."""
    calls.append("codes")
    return tuple(db.session.scalars(select(OrgUnit.code).order_by(OrgUnit.code)))


def kept_rows(app) -> list[KeptResult]:
    with app.app_context():
        return db.session.scalars(select(KeptResult)).all()


def test_a_shared_result_is_computed_once_for_every_worker(database_url, tmp_path):
    """Two apps on one database stand for two workers (or two instances)."""
    with app_on(database_url, tmp_path) as first:
        second = create_app(base_config(tmp_path) | {"SQLALCHEMY_DATABASE_URI": database_url})
        try:
            with first.app_context():
                db.session.add(OrgUnit(code="A", name="A", level="enhet"))
                db.session.commit()
            with in_request(first):
                assert unit_codes() == ("A",)
            with in_request(second):
                assert unit_codes() == ("A",)  # taken from kept_results
            assert calls == ["codes"]
            with second.app_context():
                db.session.add(OrgUnit(code="B", name="B", level="enhet"))
                db.session.commit()
            with in_request(second):
                assert unit_codes() == ("A", "B")  # stale for both: computed again
            with in_request(first):
                assert unit_codes() == ("A", "B")  # and the first takes the new one
            assert calls == ["codes", "codes"]
            (row,) = kept_rows(first)
            assert json.loads(row.value) == ["A", "B"]  # JSON, never pickle
        finally:
            with second.app_context():
                db.engine.dispose()


def age_kept_results(app, seconds: int) -> None:
    with app.app_context():
        db.session.execute(
            update(KeptResult).values(computed_at=clock.utcnow() - timedelta(seconds=seconds))
        )
        db.session.commit()


def test_a_current_shared_result_outlives_the_cheap_results(app, make_unit, monkeypatch):
    """A published table takes seconds of CPU: while nothing it read has
    changed, neither a worker nor kept_results drops it after CACHE_SECONDS
    (300), as they drop cheap results; only after KEPT_SECONDS (a day)."""
    make_unit("A")
    with in_request(app):
        assert unit_codes() == ("A",)
        assert unit_count("enhet") == 1
    later = time.time() + 301
    monkeypatch.setattr("cachelib.simple.time", lambda: later)  # the worker's clock
    with in_request(app):
        assert unit_codes() == ("A",)  # this worker's own, still
        assert unit_count("enhet") == 1
    assert calls == ["codes", "units enhet", "units enhet"]  # the cheap one expired
    app.extensions["datacache"].clear()  # a worker that has not computed it
    age_kept_results(app, 301)
    with in_request(app):
        assert unit_codes() == ("A",)  # taken from kept_results
    assert calls.count("codes") == 1
    app.extensions["datacache"].clear()
    age_kept_results(app, app.config["KEPT_SECONDS"] + 1)
    with in_request(app):
        assert unit_codes() == ("A",)
    assert calls.count("codes") == 2  # older than KEPT_SECONDS: not used


def test_data_changed_makes_every_worker_see_a_change_made_by_hand(
    app, database_url, make_unit, tmp_path
):
    """A change made outside the portal (psql) counts no write; `flask
    data-changed` makes this worker and one that takes kept_results see it."""
    make_unit("A")
    with in_request(app):
        assert unit_codes() == ("A",)
    by_hand = create_engine(database_url)  # not the portal's engine: no write counted
    with by_hand.begin() as conn:
        conn.execute(text("UPDATE org_units SET code = 'B' WHERE code = 'A'"))
    by_hand.dispose()
    with in_request(app):
        assert unit_codes() == ("A",)  # kept: the change was not counted
    result = app.test_cli_runner().invoke(data_changed_command)
    assert result.exit_code == 0, result.output
    assert "räknas om" in result.output
    with in_request(app):
        assert unit_codes() == ("B",)
    other = create_app(base_config(tmp_path) | {"SQLALCHEMY_DATABASE_URI": database_url})
    try:
        with in_request(other):
            assert unit_codes() == ("B",)  # a worker that kept nothing: kept_results
    finally:
        with other.app_context():
            db.engine.dispose()
    assert calls == ["codes", "codes"]  # computed again once, then kept for all


def test_a_spoilt_shared_result_is_computed_again(app, make_unit):
    make_unit("A")
    with in_request(app):
        assert unit_codes() == ("A",)
    app.extensions["datacache"].clear()  # a worker that has not computed it
    with app.app_context():
        db.session.execute(update(KeptResult).values(value="cos\nsystem\n(S'id'\ntR."))
        db.session.commit()
    with in_request(app):
        assert unit_codes() == ("A",)  # not JSON: ignored, computed again
    assert calls == ["codes", "codes"]
    assert len(kept_rows(app)) == 1  # rewritten


def test_a_write_request_keeps_a_shared_result_for_itself_only(app, make_unit):
    """A write request holds SQLite's write lock from its first statement: a
    second transaction to keep the result would wait for it forever."""
    make_unit("A")
    with in_request(app, "POST"):
        db.session.execute(select(1))
        assert unit_codes() == ("A",)
    assert kept_rows(app) == []


def test_a_request_inside_a_writing_session_does_not_wait_for_itself(app, make_unit):
    """A session that holds SQLite's write lock (a command, or tests that
    serve requests inside one app context) and serves a read request: keeping
    the result for all would wait for this very thread. It gives up at once
    (KEEP_WAIT_MS) instead of after the busy timeout, keeps nothing, and
    leaves the connection's busy timeout as configured."""
    if db_dialect(app) != "sqlite":
        pytest.skip("SQLite's database-wide write lock")
    make_unit("A")
    with app.app_context():
        configured = app.config["SQLITE_BUSY_TIMEOUT_MS"]
        db.session.execute(select(1))  # outside a request: BEGIN IMMEDIATE
        with app.test_request_context("/"):
            assert unit_codes() == ("A",)
        db.session.rollback()
        with db.engine.connect() as first, db.engine.connect() as second:
            timeouts = {
                conn.connection.driver_connection.execute("PRAGMA busy_timeout").fetchone()[0]
                for conn in (first, second)
            }
    assert timeouts == {configured}
    assert kept_rows(app) == []


def db_dialect(app) -> str:
    with app.app_context():
        return db.engine.dialect.name


def test_published_tables_survive_their_json_exactly():
    """The codec of the dashboards' tables, on random tables: the foci over
    the same cells share their places after the trip, one over other cells
    keeps its own."""
    rng = random.Random(11)

    def random_figures() -> dict:
        figures = {}
        for _ in range(rng.randint(0, 40)):
            node = rng.choice([None, rng.randint(1, 500), Own(rng.randint(1, 500))])
            key = rng.choice(["2026", "2026H1", "2026Q3"])
            total = rng.choice([0.0, rng.uniform(0, 10_000), rng.randint(0, 99) * 25.0 / 3])
            figures[node, key] = Figure(
                total, rng.randint(0, 90), rng.randint(0, 30), rng.random() < 0.3
            )
        return figures

    def trip(tables: dict) -> dict:
        return TablesCodec.loads(json.loads(json.dumps(TablesCodec.dumps(tables))))

    for _ in range(50):
        figures = random_figures()
        table = Table.of(figures)
        per_focus = {
            None: table,
            "tillit": Table.of(dict(reversed(figures.items())), table.places),
            "styrning": Table.of(random_figures()),
        }
        again = trip(per_focus)
        assert {focus: found.figures for focus, found in again.items()} == {
            focus: found.figures for focus, found in per_focus.items()
        }
        assert list(again[None].figures) == list(figures)
        assert again[None].places is again["tillit"].places
        for (node, key), figure in figures.items():
            period = SimpleNamespace(key=key)
            assert again["tillit"].figure(node, period) == figure
        assert again[None].figure(None, SimpleNamespace(key="2025")).running
    assert trip({}) == {}


def test_a_kept_table_in_another_form_is_computed_again(demo_app):
    """A row written by an earlier codec (a row per figure) or damaged is not
    used: the tables are worked out again and the row rewritten."""
    with in_request(demo_app):
        args = people_tables()[0]
        first = analysis_service.tables(*args)
    (row,) = kept_rows(demo_app)
    key = row.key
    earlier_form = {focus or "": [] for focus in first}
    damaged = {"boxes": [[None, "2026"]], "foci": {"": {"totals": [], "counts": []}}}
    for value in (earlier_form, damaged):
        with demo_app.app_context():
            db.session.execute(
                update(KeptResult).where(KeptResult.key == key).values(value=json.dumps(value))
            )
            db.session.commit()
        demo_app.extensions["datacache"].clear()  # a worker that has not computed it
        with in_request(demo_app):
            again = analysis_service.tables(*args)
        assert {f: t.figures for f, t in again.items()} == {f: t.figures for f, t in first.items()}
        (row,) = kept_rows(demo_app)
        assert set(json.loads(row.value)) == {"boxes", "foci"}


def test_dashboard_shows_a_change_at_the_next_request(make_user, make_unit, login_as, client):
    boss = make_user(roles=("chef",))
    unit = make_unit("U1", staff_count=45, manager_id=boss.id)
    login_as(make_user("ledning@example.se", roles=("ledning",)))
    outside = f'<th scope="row" lang="sv">{unit.name}</th><td class="num">45</td>'
    assert outside in client.get("/analys/forutsattningar").get_data(as_text=True)
    with in_request(client.application, "POST"):
        db.session.execute(update(OrgUnit).values(staff_count=20))
        db.session.commit()
    page = client.get("/analys/forutsattningar").get_data(as_text=True)
    assert outside not in page
    assert "Alla enheter ligger inom normtalet." in page


def test_a_saved_draft_leaves_the_self_assessment_figures_kept(
    make_user, make_unit, login_as, client, monkeypatch
):
    """Drafts are saved all day and change no figure: the dashboards' tables
    (the disclosure rule over every unit) are worked out again only when a
    reflection is submitted."""
    worked_out = []
    publish_together = analysis_service.publish_together
    monkeypatch.setattr(
        analysis_service,
        "publish_together",
        lambda *args: worked_out.append(1) or publish_together(*args),
    )
    boss = make_user(roles=("chef",))
    make_unit("U1", manager_id=boss.id)
    login_as(make_user("ledning@example.se", roles=("ledning",)))
    client.get("/analys/skattning")
    before = len(worked_out)
    assert before > 0
    with in_request(client.application, "POST"):
        draft = reflection_service.start(boss.id)
        for section in reflection_service.question_set(draft).sections:
            raw = {question.key: "4" for question in section.questions}
            reflection_service.save_section(draft, section, raw, "")
        db.session.commit()
        draft_id = draft.id
    client.get("/analys/skattning")
    assert len(worked_out) == before, "a saved draft made the tables be worked out again"
    with in_request(client.application, "POST"):
        reflection_service.submit(db.session.get(Reflection, draft_id))
        db.session.commit()
    client.get("/analys/skattning")
    assert len(worked_out) > before


def test_a_request_with_uncommitted_changes_reads_them_and_keeps_nothing(app, make_unit):
    make_unit("A", level="enhet")
    with in_request(app):
        assert unit_count("enhet") == 1
    with in_request(app, "POST"):
        db.session.add(OrgUnit(code="B", name="B", level="enhet"))
        db.session.flush()
        assert unit_count("enhet") == 2
        db.session.rollback()
    with in_request(app):
        assert unit_count("enhet") == 1
    assert calls == ["units enhet", "units enhet"]


def test_a_dashboard_follows_a_renamed_unit(make_user, make_unit, login_as, client):
    """Renaming a unit is seen at the next request, though the figures did not change."""
    boss = make_user(roles=("chef",))
    unit = make_unit("U1", name="Gamla namnet", staff_count=45, manager_id=boss.id)
    login_as(make_user("ledning@example.se", roles=("ledning",)))
    for path in ("/analys/skattning", "/analys/forutsattningar"):
        assert "Gamla namnet" in client.get(path).get_data(as_text=True)
    with in_request(client.application, "POST"):
        db.session.execute(update(OrgUnit).where(OrgUnit.id == unit.id).values(name="Nya namnet"))
        db.session.commit()
    for path in ("/analys/skattning", "/analys/forutsattningar"):
        page = client.get(path).get_data(as_text=True)
        assert "Nya namnet" in page, path
        assert "Gamla namnet" not in page, path


def test_the_signed_in_user_follows_changes_made_by_another_worker(
    database_url, tmp_path, make_user, login_as, client
):
    """The signed-in user is loaded at each request: a role taken away or a
    deactivation by another worker counts at once."""
    user = make_user("chef@example.se", roles=("chef", "ledning"))
    login_as(user)
    assert client.get("/analys/").status_code == 200
    other = create_app(base_config(tmp_path) | {"SQLALCHEMY_DATABASE_URI": database_url})
    with other.app_context():
        db.session.get(User, user.id).set_roles({"chef"})
        db.session.commit()
    assert client.get("/analys/").status_code == 403
    assert client.get("/uppgifter/").status_code == 200
    with other.app_context():
        db.session.get(User, user.id).active = False
        db.session.commit()
        db.engine.dispose()
    assert client.get("/uppgifter/").status_code == 302  # to the login page


# The declaration check: every cached function of the portal, run on the demo
# data under a statement tracer, reads only the tables it declared.

Examples = Callable[[], list[tuple]]


def areas() -> list[str]:
    return [area.key for area in get_content().areas]


def some_unit() -> int:
    """A unit with sub-units, so that a scope's subtree is read."""
    tree = Tree.load()
    return next(node.id for node in tree.nodes.values() if node.children)


def people_tables() -> list[tuple]:
    today, found = clock.today(), metrics((8, 25), 3)
    return [
        (found[key], today.year - 1, today, 5) for key in ("skattning", "aterkoppling", "skattat")
    ]


def chef_id() -> int:
    return db.session.scalar(select(User.id).where(User.email == "chef@example.se"))


# Arguments for each cached function: a new one fails the check until it has some here.
EXAMPLES: dict[str, Examples] = {
    "toolbox.analysis.coverage.coverage": lambda: [("principle",), ("target",)],
    "toolbox.analysis.coverage.published_cases_per_area": lambda: [()],
    "toolbox.analysis.coverage.published_cases_per_principle": lambda: [()],
    "toolbox.analysis.metrics.reflection_cells": lambda: [
        (clock.today().year - 1, focus, clock.today()) for focus in (areas()[0], "tillit")
    ],
    "toolbox.analysis.metrics.feedback_cells_of": lambda: [
        (clock.today().year - 1, focus, clock.today(), 3) for focus in (areas()[0], "tillit")
    ],
    "toolbox.analysis.metrics.reflection_strata": lambda: [(clock.today().year - 1, clock.today())],
    "toolbox.analysis.metrics.feedback_strata_of": lambda: [
        (clock.today().year - 1, clock.today(), 3)
    ],
    "toolbox.analysis.overall.overdue_counts": lambda: [(clock.today(),)],
    "toolbox.analysis.metrics.reflection_share": lambda: [
        (clock.today().year - 1, None, clock.today())
    ],
    "toolbox.analysis.metrics.span_per_unit": lambda: [(8, 25)],
    "toolbox.analysis.metrics.manager_support_share": lambda: [()],
    "toolbox.analysis.scopes.unit_nodes": lambda: [()],
    "toolbox.analysis.service.tables": people_tables,
    "toolbox.analysis.service.outside_norm": lambda: [(None, 8, 25, 25), (some_unit(), 8, 25, 25)],
    "toolbox.analysis.dashboards.overdue_reviews": lambda: [(clock.today(), 25)],
    "toolbox.catalog.service.matches": lambda: [
        (Filters(), db.engine.dialect.name, 1),
        (Filters(q="ledarskapet", area=areas()[0], sort="relevans"), db.engine.dialect.name, 1),
        (Filters(principle="tillit", target="chef", cost="gratis", mode="online"), "x", 2),
    ],
    "toolbox.org.hr.nearest_hr": lambda: [()],
    "toolbox.reflection.recommend.fitting": lambda: [
        ("forsta-linjen", ("arbetsgrupp", "forsta-linjen")),
        ("verksamhetschef", ("ledningsgrupp", "verksamhetschef")),
    ],
    "toolbox.tasks.figures.total": lambda: [()],
    "toolbox.tasks.figures.figures_by": lambda: [("category",), ("action",), ("status",)],
    "toolbox.tasks.listing.matches": lambda: [
        (TaskFilter(), None, 1, 25),
        (TaskFilter(mine=True, search="rapport", sort="timmar"), chef_id(), 2, 25),
    ],
}


def registered() -> dict[str, Callable]:
    """Every cached function of the portal (each module imported, so that all are recorded)."""
    for module in pkgutil.walk_packages(toolbox.__path__, "toolbox."):
        importlib.import_module(module.name)
    return {name: entry.function for name, entry in REGISTRY.items() if name.startswith("toolbox.")}


def tables_read(statement: str, context) -> set[str]:
    """The tables a statement reads: from the statement object, or from the
    SQL text when it is textual (SQLite's search index is queried so)."""
    compiled = context.compiled
    if compiled is None or isinstance(compiled.statement, TextClause):
        return {name.lower() for name in table_pattern().findall(statement)}
    found = find_tables(
        compiled.statement,
        check_columns=True,
        include_aliases=True,
        include_joins=True,
        include_selects=True,
        include_crud=True,
    )
    return {table.name for table in found if isinstance(table, TableClause)}


def read_undeclared(statement: str, context, declared: frozenset[str]) -> set[str]:
    """The tables a statement reads that are not declared; of a table declared
    by some of its columns, the columns it names that are not ("table.column").
    A table read under an alias names none of its own: left out, it counts as
    undeclared."""
    missing = set()
    for table in tables_read(statement, context) - declared - OWN_TABLES:
        named = {f"{table}.{c}" for c in re.findall(rf'\b"?{table}"?\."?(\w+)', statement)}
        columns = {name for name in declared if name.startswith(table + ".")}
        missing |= named - columns if columns and named else {table}
    return missing


def undeclared(app, calls_to_make: list[tuple[Callable, tuple]]) -> dict[str, set[str]]:
    """The tables (or columns) each cached computation read but did not
    declare, each call made afresh in a request of its own (nothing kept, an
    empty identity map)."""
    found: dict[str, set[str]] = defaultdict(set)

    def trace(_conn, _cursor, statement, _parameters, context, _executemany):
        computation = computing()
        if computation is not None:
            found[computation.name] |= read_undeclared(statement, context, computation.declared)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", trace)
    try:
        for function, args in calls_to_make:
            app.extensions["datacache"].clear()
            with in_request(app):
                function(*args)
    finally:
        event.remove(engine, "before_cursor_execute", trace)
    return {name: tables for name, tables in found.items() if tables}


@pytest.fixture
def demo_app(app):
    """The app on the small demo data."""
    with app.app_context():
        content = Path(app.config["CONTENT_DIR"])
        for seeder in DEMO_SEEDERS:
            seeder(content, "small")
            db.session.commit()
    return app


def test_every_cached_function_has_examples():
    assert set(registered()) == set(EXAMPLES)


def test_every_cached_function_reads_only_what_it_declared(demo_app):
    with in_request(demo_app):
        examples = [
            (function, args) for name, function in registered().items() for args in EXAMPLES[name]()
        ]
    assert len(examples) >= len(EXAMPLES)
    assert undeclared(demo_app, examples) == {}


def test_a_function_without_text_gives_the_same_result_in_every_language(demo_app):
    """`per_language=False` keeps one result for every language: each such
    function, computed afresh in Swedish and in English, gives the same."""
    language_free = [
        name
        for name, entry in REGISTRY.items()
        if name.startswith("toolbox.") and not entry.per_language
    ]
    assert "toolbox.analysis.service.tables" in language_free
    for name in language_free:
        compute = REGISTRY[name].function.__wrapped__
        with in_request(demo_app):
            for args in EXAMPLES[name]():
                swedish = pickle.dumps(compute(*args))
                with in_language("en"):
                    assert pickle.dumps(compute(*args)) == swedish, (name, args)


def test_a_result_is_kept_per_language_unless_it_holds_no_text(app, make_unit):
    make_unit("A")
    for language in ("sv", "en"):
        with in_request(app), in_language(language):
            assert unit_count("enhet") == 1
            assert unit_total() == 1
    assert calls == ["units enhet", "total", "units enhet"]


@cached(depends_on=(OrgUnit,), per_language=False)
def unit_total() -> int:
    calls.append("total")
    return db.session.scalar(select(func.count()).select_from(OrgUnit))


def test_the_check_finds_a_table_left_out(demo_app):
    """Proof that the check above can fail: a declaration one table short."""

    @cached(depends_on=(OrgUnit,))
    def too_little() -> int:
        return db.session.scalar(
            select(func.count(OrgUnit.id)).where(OrgUnit.manager_id.in_(select(User.id)))
        )

    @cached(depends_on=("catalog_items",))
    def textual() -> int:
        return db.session.scalar(text("SELECT count(*) FROM users"))

    @cached(depends_on=(User.id, User.active))
    def column_short() -> int:
        return db.session.scalar(
            select(func.count(User.id)).where(User.active, User.unit_id.is_not(None))
        )

    @cached(depends_on=(User.id, OrgUnit))
    def aliased_read() -> int:
        other = aliased(User)
        return db.session.scalar(select(func.count(other.id)))

    calls_to_make = [(too_little, ()), (textual, ()), (summary, ("enhet",))]
    calls_to_make += [(column_short, ()), (aliased_read, ()), (members, (1,))]
    found = undeclared(demo_app, calls_to_make)
    assert found == {
        f"{__name__}.{too_little.__qualname__}": {"users"},
        f"{__name__}.{textual.__qualname__}": {"users"},
        f"{__name__}.{column_short.__qualname__}": {"users.unit_id"},
        f"{__name__}.{aliased_read.__qualname__}": {"users"},
    }
