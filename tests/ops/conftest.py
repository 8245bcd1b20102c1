"""Helpers for the operations tests: a throwaway database per test, free
ports, and the real command line in a subprocess."""

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from tests.conftest import postgres_url

ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = "ops-test-secret-key"
# Settings a developer's shell may carry that must not leak into the app under test.
FOREIGN = ("DATABASE_URL", "SECRET_KEY", "PUBLIC_BASE_URL")


def libpq_url(url: str, database: str | None = None) -> str:
    """The SQLAlchemy URL as psycopg takes it, optionally for another database."""
    parsed = make_url(url).set(drivername="postgresql")
    if database:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


def is_postgres(url: str) -> bool:
    return url.startswith("postgresql")


@pytest.fixture
def scratch_database_url(backend, tmp_path):
    """An empty database of its own. These tests lock the database, cut its
    connections and run servers against it, so on PostgreSQL they get a fresh
    database beside TEST_DATABASE_URL's instead of sharing that one."""
    if backend != "postgres":
        folder = tmp_path / "db"
        folder.mkdir()
        yield f"sqlite:///{folder / 'ops.db'}"
        return
    base = postgres_url()
    name = f"{make_url(base).database}_ops_{uuid.uuid4().hex[:10]}"
    identifier = sql.Identifier(name)
    with psycopg.connect(libpq_url(base, "postgres"), autocommit=True) as admin:
        # template0 takes no connections, so nobody can block the copy.
        admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(identifier))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(libpq_url(base, "postgres"), autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(identifier))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def app_env(database_url: str) -> dict[str, str]:
    """The environment of a production-like process on this database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in FOREIGN and not key.startswith(("TOOLBOX_", "MAIL_"))
    }
    env.update(DATABASE_URL=database_url, SECRET_KEY=SECRET_KEY, PYTHONUNBUFFERED="1")
    return env


def flask_cli(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    """Run `flask --app app ARGS` as an operator would; its output."""
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, (
        f"flask {' '.join(args)} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
    )
    return result.stdout + result.stderr
