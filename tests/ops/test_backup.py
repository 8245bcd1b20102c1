"""PRODUCT.md section 4: `flask --app app backup FILE` and `restore FILE`, run
as an operator runs them. A round trip of the demo data into an empty
database keeps every row of every table (counts and a checksum per table
compared); restore will not overwrite data unless told to."""

import hashlib
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from tests.conftest import postgres_url
from tests.ops.conftest import ROOT, app_env, flask_cli, is_postgres, libpq_url


@pytest.fixture
def second_database_url(backend, tmp_path) -> Iterator[str]:
    """Another empty database to restore into, beside the scratch one."""
    if backend != "postgres":
        yield f"sqlite:///{tmp_path / 'restored.db'}"
        return
    base = postgres_url()
    name = f"{make_url(base).database}_restore_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(libpq_url(base, "postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name)))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(libpq_url(base, "postgres"), autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def fingerprint(url: str) -> dict[str, tuple[int, str]]:
    """Rows and a checksum of every table in the database, by name."""
    engine = create_engine(url)
    found = {}
    try:
        with engine.connect() as connection:
            for name in inspect(connection).get_table_names():
                rows = connection.execute(text(f'SELECT * FROM "{name}"')).all()  # noqa: S608
                lines = sorted(repr(tuple(row)) for row in rows)
                found[name] = (len(rows), hashlib.sha256("\n".join(lines).encode()).hexdigest())
    finally:
        engine.dispose()
    return found


def flask_fails(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0, result.stdout
    return result.stdout + result.stderr


@pytest.fixture
def demo_database(scratch_database_url) -> str:
    env = app_env(scratch_database_url)
    flask_cli(env, "db", "upgrade")
    flask_cli(env, "seed-demo")
    return scratch_database_url


def test_a_round_trip_keeps_every_row_of_every_table(
    demo_database, second_database_url, tmp_path, figure
):
    backup_file = tmp_path / "kopia.backup"
    output = flask_cli(app_env(demo_database), "backup", str(backup_file))
    assert "Säkerhetskopian är sparad" in output
    assert backup_file.stat().st_size > 10_000

    restored_env = app_env(second_database_url)
    output = flask_cli(restored_env, "restore", str(backup_file))
    assert "Databasen är återställd" in output

    original, restored = fingerprint(demo_database), fingerprint(second_database_url)
    assert sum(count for count, _ in original.values()) > 1_000
    assert original.keys() == restored.keys()
    figure("backup: rows in the round trip", sum(count for count, _ in original.values()))
    # The restore renumbers the write counters (toolbox/db/cache.py): a running
    # worker must not take a result it kept for the database before the restore.
    versions = original.pop("data_versions"), restored.pop("data_versions")
    assert versions[0] != versions[1]
    assert versions[1][0] >= versions[0][0]
    differing = [name for name in original if original[name] != restored.get(name)]
    figure("backup: tables whose rows or checksum differ", len(differing))
    assert {name: original[name] for name in original} == restored
    # It is the portal's database again: seeding the demo data once more changes nothing.
    flask_cli(restored_env, "seed-demo")  # idempotent: changes nothing
    assert fingerprint(second_database_url)["users"] == original["users"]


def test_restore_will_not_overwrite_data_unless_forced(demo_database, tmp_path):
    env = app_env(demo_database)
    backup_file = tmp_path / "kopia.backup"
    flask_cli(env, "backup", str(backup_file))
    before = fingerprint(demo_database)
    refused = flask_fails(env, "restore", str(backup_file))
    assert "innehåller redan data" in refused
    assert "--force" in refused
    assert fingerprint(demo_database) == before
    flask_cli(env, "restore", "--force", str(backup_file))
    after = fingerprint(demo_database)
    # Every table gets a write counter of its own, renumbered (toolbox/db/cache.py).
    assert after.pop("data_versions") != before.pop("data_versions")
    assert after == before


def test_a_file_that_is_not_a_backup_is_refused(scratch_database_url, tmp_path):
    env = app_env(scratch_database_url)
    flask_cli(env, "db", "upgrade")
    junk = tmp_path / "inte-en-kopia.backup"
    junk.write_text("hej")
    assert "ingen säkerhetskopia" in flask_fails(env, "restore", str(junk))


def test_missing_postgresql_programs_are_named(scratch_database_url, tmp_path):
    if not is_postgres(scratch_database_url):
        pytest.skip("pg_dump is only used for PostgreSQL")
    env = app_env(scratch_database_url)
    flask_cli(env, "db", "upgrade")
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + str(tmp_path)
    output = flask_fails(env, "backup", str(tmp_path / "kopia.backup"))
    assert "Programmet pg_dump saknas" in output
    assert not (tmp_path / "kopia.backup").exists()
