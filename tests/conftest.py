"""Fixtures: an app on a fresh database (SQLite, and PostgreSQL when
TEST_DATABASE_URL is set), users by factory, and logged-in clients."""

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import Flask
from sqlalchemy import event, text
from werkzeug.security import generate_password_hash

from toolbox import create_app
from toolbox.auth.models import User
from toolbox.auth.service import PASSWORD_HASH_METHOD
from toolbox.extensions import db
from toolbox.org.models import OrgUnit

# The demo organisation's session fixtures, one seed and one crawl for every suite.
pytest_plugins = ("tests.security.fixtures",)

PASSWORD = "blå-tallrik-vid-havet-9"
# Hashing costs about 0.2 s at production strength: do it once per run.
PASSWORD_HASH = generate_password_hash(PASSWORD, method=PASSWORD_HASH_METHOD)
BACKENDS = ["sqlite", "postgres"]
# For a module whose purpose is the language of its pages, not the database
# (`pytestmark = ON_SQLITE_ONLY`): the feature's own tests run on both.
ON_SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"])


def postgres_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail("REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set")
        pytest.skip("PostgreSQL tests need TEST_DATABASE_URL (see README)")
    return url


def base_config(tmp_path) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "WTF_CSRF_ENABLED": False,
        "MAIL_SUPPRESS_SEND": True,
        "MAIL_OUTBOX": False,
        "SERVER_NAME": "127.0.0.1",
    }


def reset_postgres(app) -> None:
    with app.app_context():
        db.session.execute(text("DROP SCHEMA public CASCADE"))
        db.session.execute(text("CREATE SCHEMA public"))
        db.session.commit()


@pytest.fixture(autouse=True)
def _push_request_context():
    """Replaces pytest-flask's fixture of the same name: a request context held
    open for the whole test would make every request share one database
    session, which hides transaction bugs. Tests push contexts themselves."""


@pytest.fixture
def client(app):
    """Replaces pytest-flask's client, which keeps the last request's context
    pushed; a second client's request would then share its `g` and session."""
    return app.test_client()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def database_url(backend, tmp_path) -> str:
    if backend == "postgres":
        return postgres_url()
    return f"sqlite:///{tmp_path / 'test.db'}"


@contextmanager
def app_on(url: str, tmp_path, **settings) -> Iterator[Flask]:
    """A test app on an empty database at `url` with the portal's tables; its
    connections are closed afterwards."""
    application = create_app(base_config(tmp_path) | {"SQLALCHEMY_DATABASE_URI": url} | settings)
    application.instance_path = str(tmp_path / "instance")
    if url.startswith("postgresql"):
        reset_postgres(application)
    with application.app_context():
        db.create_all()
    try:
        yield application
    finally:
        with application.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(database_url, tmp_path):
    with app_on(database_url, tmp_path) as application:
        yield application


@pytest.fixture
def ctx(app):
    """An application context for service-level tests."""
    with app.app_context():
        yield


@pytest.fixture
def make_unit(app):
    counter = iter(range(1, 10_000))

    def make(code: str | None = None, **values) -> OrgUnit:
        with app.app_context():
            unit = OrgUnit(
                code=code or f"U{next(counter)}",
                name=values.pop("name", "Enhet"),
                level=values.pop("level", "enhet"),
                **values,
            )
            db.session.add(unit)
            db.session.commit()
            db.session.refresh(unit)
            db.session.expunge(unit)
            return unit

    return make


@pytest.fixture
def make_user(app):
    counter = iter(range(1, 10_000))

    def make(email: str | None = None, roles=("chef",), password: bool = True, **values) -> User:
        with app.app_context():
            user = User(
                email=email or f"user{next(counter)}@example.se",
                name=values.pop("name", "Test Testsson"),
                **values,
            )
            if password:
                user.password_hash = PASSWORD_HASH
            user.set_roles(set(roles))
            db.session.add(user)
            db.session.commit()
            db.session.refresh(user)
            user_id, token = user.id, user.session_token
            db.session.expunge(user)
            user.id, user.session_token = user_id, token
            return user

    return make


@pytest.fixture
def login_as(app, client):
    """Log the test client in as a user, without the cost of the login form."""

    def login(user: User):
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        return client

    return login


@pytest.fixture
def csrf_app(database_url, tmp_path):
    """An app with CSRF protection switched on, as in production."""
    config = base_config(tmp_path) | {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": True,
    }
    application = create_app(config)
    if database_url.startswith("postgresql"):
        reset_postgres(application)
    with application.app_context():
        db.create_all()
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


def csrf_token_from(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    assert match, "no CSRF token on the page"
    return match.group(1)


class StatementCounter:
    """Counts SQL statements sent to the database while it is active."""

    def __init__(self, engine):
        self.engine = engine
        self.count = 0

    def _count(self, *args):
        self.count += 1

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._count)


@pytest.fixture
def count_statements(app):
    """Use as `with count_statements() as counter: ...; counter.count`. The
    workers' kept results are dropped first: counts are those of a page
    computed afresh, the most it can ask (toolbox/db/cache.py)."""

    def counter() -> StatementCounter:
        app.extensions["datacache"].clear()
        with app.app_context():
            return StatementCounter(db.engine)

    return counter


@pytest.fixture
def figure(record_property, request):
    """`figure(label, n)` records a figure of the run for SECURITY.md, printed
    summed at the end; the label names the database where the test has one."""
    params = getattr(request.node, "callspec", None)
    backends = [v for v in (params.params.values() if params else ()) if v in BACKENDS]
    suffix = f" ({backends[0]})" if backends else ""

    def add(label: str, value: int = 1) -> None:
        record_property(f"figure: {label}{suffix}", value)

    return add


def pytest_terminal_summary(terminalreporter):
    """Say plainly which databases and whether the browser were exercised."""
    passed = terminalreporter.stats.get("passed", [])
    counts = {"sqlite": 0, "postgres": 0, "browser": 0}
    for report in passed:
        for name in ("sqlite", "postgres"):
            if f"[{name}" in report.nodeid or f"-{name}]" in report.nodeid:
                counts[name] += 1
        if "browser" in report.keywords:
            counts["browser"] += 1
    terminalreporter.write_sep("-", "what ran")
    terminalreporter.write_line(
        f"database tests passed: SQLite {counts['sqlite']}, PostgreSQL {counts['postgres']}; "
        f"browser tests passed: {counts['browser']}"
    )
    figures = figures_of(
        report
        for outcome in ("passed", "failed")
        for report in terminalreporter.stats.get(outcome, [])
    )
    if figures:
        terminalreporter.write_sep("-", "figures of this run (SECURITY.md)")
        for label, value in figures.items():
            terminalreporter.write_line(f"{label}: {value}")


def figures_of(reports) -> dict[str, int]:
    """The figures tests record with `record_property("figure: <label>", n)`,
    summed over the tests (one test per endpoint adds 1, and so on)."""
    figures: dict[str, int] = {}
    for report in reports:
        for name, value in getattr(report, "user_properties", ()):
            if name.startswith("figure: "):
                label = name.removeprefix("figure: ")
                figures[label] = figures.get(label, 0) + value
    return dict(sorted(figures.items()))
