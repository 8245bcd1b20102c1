"""Backup and restore of the whole database (PRODUCT.md section 4).

SQLite is copied page by page through the online backup API, so a backup
taken while the portal runs is consistent. PostgreSQL goes through pg_dump
and pg_restore in their custom format, with the credentials of the database
URL passed in the environment (never on the command line). Restoring refuses
to overwrite a database that holds data unless asked to."""

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.engine import URL

from toolbox.db import cache
from toolbox.extensions import db

SQLITE_HEADER = b"SQLite format 3\x00"
PG_HEADER = b"PGDMP"
# A database the portal made has this table; anything else is not its backup.
MARKER_TABLE = "users"
PG_TIMEOUT_SECONDS = 3600


class BackupError(RuntimeError):
    """Why a backup or restore could not be made, for the operator."""


@dataclass(frozen=True)
class Result:
    path: Path
    tables: int
    rows: int

    def summary(self) -> str:
        return f"{self.tables} tabeller, {self.rows} rader"


def row_counts(engine: Engine) -> dict[str, int]:
    """Rows per table of the portal's models that exist in the database."""
    present = set(inspect(engine).get_table_names())
    counts = {}
    with engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            if table.name in present:
                counts[table.name] = connection.scalar(select(func.count()).select_from(table))
    return counts


def backup(engine: Engine, target: Path) -> Result:
    """Write a backup of the database behind `engine` to `target`."""
    counts = row_counts(engine)
    if not counts:
        raise BackupError("Databasen har inga av portalens tabeller. Kör först: flask db upgrade")
    target = target.resolve()
    if not target.parent.is_dir():
        raise BackupError(f"Mappen {target.parent} finns inte.")
    partial = target.with_name(target.name + ".delvis")
    try:
        if engine.dialect.name == "sqlite":
            _sqlite_backup(_sqlite_path(engine.url), partial)
        elif engine.dialect.name == "postgresql":
            _pg_run("pg_dump", engine.url, ["--format=custom", f"--file={partial}"])
        else:
            raise BackupError(f"Databastypen {engine.dialect.name} stöds inte.")
        partial.replace(target)  # a backup file is either whole or absent
    finally:
        partial.unlink(missing_ok=True)
    return Result(target, len(counts), sum(counts.values()))


def restore(engine: Engine, source: Path, force: bool = False) -> Result:
    """Replace the database behind `engine` with the backup in `source`."""
    if not source.is_file():
        raise BackupError(f"Filen {source} finns inte.")
    existing = row_counts(engine)
    if any(existing.values()) and not force:
        raise BackupError(
            f"Databasen innehåller redan data ({sum(existing.values())} rader). "
            "Återställningen skulle skriva över den. Ange --force om det är meningen."
        )
    header = source.read_bytes()[:16]
    engine.dispose()  # no pooled connection may hold the old database
    if engine.dialect.name == "sqlite":
        if not header.startswith(SQLITE_HEADER):
            raise BackupError(f"{source} är ingen säkerhetskopia av en SQLite-databas.")
        _sqlite_restore(source, _sqlite_path(engine.url))
    elif engine.dialect.name == "postgresql":
        if not header.startswith(PG_HEADER):
            raise BackupError(f"{source} är ingen säkerhetskopia från pg_dump (custom format).")
        _pg_run(
            "pg_restore",
            engine.url,
            ["--clean", "--if-exists", "--single-transaction", "--exit-on-error", str(source)],
        )
    else:
        raise BackupError(f"Databastypen {engine.dialect.name} stöds inte.")
    engine.dispose()
    cache.renumber(engine)
    counts = row_counts(engine)
    return Result(source, len(counts), sum(counts.values()))


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("En SQLite-databas i minnet kan inte säkerhetskopieras.")
    return Path(url.database)


def _sqlite_backup(database: Path, target: Path) -> None:
    source = sqlite3.connect(database)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()


def _sqlite_restore(backup_file: Path, database: Path) -> None:
    source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    try:
        tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master")}
        if MARKER_TABLE not in tables:
            raise BackupError(f"{backup_file} är ingen säkerhetskopia av Verktygslådan.")
        if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise BackupError(f"{backup_file} är skadad (PRAGMA quick_check).")
        target = sqlite3.connect(database, timeout=30)
        try:
            source.backup(target)  # replaces every page, under the write lock
        finally:
            target.close()
    finally:
        source.close()


def _pg_environment(url: URL) -> dict[str, str]:
    """libpq's variables for the URL: the password stays out of `ps`."""
    env = dict(os.environ)
    for variable, value in (
        ("PGHOST", url.host),
        ("PGPORT", url.port),
        ("PGUSER", url.username),
        ("PGPASSWORD", url.password),
        ("PGDATABASE", url.database),
    ):
        if value:
            env[variable] = str(value)
    return env


def _pg_run(program: str, url: URL, arguments: list[str]) -> None:
    binary = shutil.which(program)
    if binary is None:
        raise BackupError(
            f"Programmet {program} saknas. Installera PostgreSQL-klienten i samma version "
            "som servern (till exempel: apt-get install postgresql-client) och försök igen."
        )
    options = ["--no-owner", "--no-privileges"]
    if program == "pg_restore":
        options.append(f"--dbname={url.database}")
    result = subprocess.run(  # noqa: S603 - a fixed program with our own arguments
        [binary, *options, *arguments],
        env=_pg_environment(url),
        capture_output=True,
        text=True,
        timeout=PG_TIMEOUT_SECONDS,
        check=False,
    )
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip()
        raise BackupError(f"{program} misslyckades: {message}")
