"""Issue 16, attack 3: a feedback round read back from the database's own
files after it closed. While the round is open the attack works (each
response committed with its invitation's claim); after the manager closes
it (which seals it) nothing is left to tie a response to an invitation:

- SQLite: the raw bytes of the database file and its write-ahead log hold
  no invited address, old token hash, submission or old response key, and
  the log is truncated to 0 bytes;
- PostgreSQL: no response, answer, area sum or comment row has a
  transaction id (xmin) equal or next to an invitation row's, and with
  pageinspect no dead row versions are left in the invitation and response
  tables and the addresses are gone from their raw pages and indexes."""

import os
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from toolbox import clock
from toolbox.db import traces
from toolbox.extensions import db
from toolbox.feedback import invitations, seal
from toolbox.feedback.models import (
    FeedbackComment,
    FeedbackInvitation,
    FeedbackResponse,
    FeedbackRound,
)

GROUPS = ("medarbetare", "kollegor")
RESPONSE_TABLES = (
    "feedback_responses",
    "feedback_answers",
    "feedback_area_sums",
    "feedback_principle_sums",
    "feedback_comments",
)


def answered_round(manager, make_round, answer):
    round_ = make_round(manager, {"medarbetare": 4, "kollegor": 4}, groups=GROUPS)
    for group, links in round_.links.items():
        for n, token in enumerate(links[:3]):
            answer(token, 2 + n, {"bra": f"Kommentar {group} {n}."})
    return round_


def stored_secrets(app) -> dict[str, set[str]]:
    """What could tie an answer to a person, as the database holds it now."""
    with app.app_context():
        invitations = db.session.execute(
            select(
                FeedbackInvitation.email,
                FeedbackInvitation.token_hash,
                FeedbackInvitation.submission,
            )
        ).all()
        return {
            "addresses": {row.email for row in invitations if row.email},
            "token hashes": {row.token_hash for row in invitations},
            "submissions": {row.submission for row in invitations if row.submission},
            "response keys": set(db.session.scalars(select(FeedbackResponse.id))),
            "comment keys": set(db.session.scalars(select(FeedbackComment.id))),
        }


def close(login_as, manager, round_) -> None:
    response = login_as(manager).post(f"/aterkoppling/omgangar/{round_.id}/avsluta")
    assert response.status_code == 302


def read_files(database: Path) -> bytes:
    wal = database.with_name(database.name + "-wal")
    return database.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_sqlite_files_hold_nothing_to_link_after_close(
    app, backend, tmp_path, login_as, make_user, manager, make_round, answer
):
    if backend != "sqlite":
        pytest.skip("SQLite's files; PostgreSQL's traces are tested below")
    database = tmp_path / "test.db"
    round_ = answered_round(manager, make_round, answer)
    secrets = stored_secrets(app)
    # Another manager's round, still open, shares the tables' pages: what the
    # seal deletes is not simply dropped with a whole page.
    other = make_round(make_user("other@example.se", roles=("chef",)), {}, groups=GROUPS)
    with app.app_context():
        found = db.session.get(FeedbackRound, other.id)
        addresses = [f"annan{n}@example.se" for n in range(30)]
        invitations.invite(found, "medarbetare", addresses, "other@example.se", clock.today())
        db.session.commit()
    assert len(secrets["addresses"]) == 8
    assert len(secrets["response keys"]) == 6
    with app.app_context():
        # Deleted rows are zeroed, not left in free space (some builds do this by
        # default, Debian's among them; the portal does not rely on the build).
        assert db.session.execute(text("PRAGMA secure_delete")).scalar() == 1
    before = read_files(database)
    for kind, values in secrets.items():  # the attack works while the round is open
        assert all(value.encode() in before for value in values), kind

    close(login_as, manager, round_)
    wal = database.with_name("test.db-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # no commit left to read
    after = read_files(database)
    for kind, values in secrets.items():
        found = [value for value in values if value.encode() in after]
        assert not found, f"{kind} still in the files: {found}"
    # The rewritten rows are in the file (the search would find them).
    now = stored_secrets(app)
    assert now["response keys"]
    assert all(key.encode() in after for key in now["response keys"])
    assert len(now["token hashes"]) == 38
    assert len(now["addresses"]) == 30


def test_a_long_sqlite_reader_leaves_the_log_to_the_next_pass(
    app, backend, tmp_path, manager, make_round, answer, monkeypatch
):
    """SECURITY.md: a reader on an older snapshot blocks the WAL truncation;
    the round stays unsealed until a pass after the reader has gone."""
    if backend != "sqlite":
        pytest.skip("SQLite's write-ahead log")
    round_ = answered_round(manager, make_round, answer)
    with app.app_context():
        db.session.execute(
            update(FeedbackRound).values(closes_on=clock.today() - timedelta(days=1))
        )
        db.session.commit()
    monkeypatch.setattr(traces, "CHECKPOINT_TRIES", 1)
    monkeypatch.setattr(traces, "CHECKPOINT_WAIT_MS", 50)
    reader = sqlite3.connect(tmp_path / "test.db", isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM feedback_responses").fetchone()
    wal = tmp_path / "test.db-wal"
    with app.app_context():
        assert seal.seal_ended(clock.today()) == 0
        assert not db.session.get(FeedbackRound, round_.id).sealed
    assert wal.stat().st_size > 0
    reader.execute("ROLLBACK")
    reader.close()
    with app.app_context():
        assert seal.seal_ended(clock.today()) == 1
        assert db.session.get(FeedbackRound, round_.id).sealed
    assert wal.stat().st_size == 0


def xmins(table: str) -> set[int]:
    return set(db.session.scalars(text(f"SELECT xmin::text::bigint FROM {table}")))  # noqa: S608


def test_postgres_transaction_ids_tie_no_response_to_an_invitation_after_close(
    app, backend, login_as, manager, make_round, answer
):
    if backend != "postgres":
        pytest.skip("xmin is PostgreSQL's")
    round_ = answered_round(manager, make_round, answer)
    with app.app_context():
        # The attack on an open round: each response shares its invitation's xmin.
        invited = xmins("feedback_invitations")
        assert len(xmins("feedback_responses") & invited) == 6
    close(login_as, manager, round_)
    with app.app_context():
        invited = xmins("feedback_invitations")
        near = {x + step for x in invited for step in (-1, 0, 1)}
        for table in RESPONSE_TABLES:
            found = xmins(table)
            assert found, table
            assert not found & near, table


def pageinspect(app) -> None:
    """pageinspect needs a superuser: skipped without one, unless CI requires it."""
    with app.app_context():
        superuser = db.session.scalar(
            text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        )
        if not superuser:
            reason = "pageinspect needs a superuser role, and TEST_DATABASE_URL's role is not one"
            if os.environ.get("REQUIRE_POSTGRES") == "1":
                pytest.fail(reason + " (.ci/run grants SUPERUSER to its test role)")
            pytest.skip(reason)
        db.session.execute(text("CREATE EXTENSION IF NOT EXISTS pageinspect"))
        db.session.commit()


PAGES = (
    "generate_series(0, pg_relation_size(CAST(:rel AS regclass))"
    " / current_setting('block_size')::int - 1) AS block"
)


def relations(table: str) -> list[str]:
    """The table and its indexes."""
    indexes = db.session.scalars(
        text(
            "SELECT CAST(indexrelid AS regclass)::text FROM pg_index"
            " WHERE indrelid = CAST(:t AS regclass)"
        ),
        {"t": table},
    )
    return [table, *indexes]


def raw_bytes(relation: str) -> bytes:
    pages = db.session.scalars(
        text(f"SELECT get_raw_page(CAST(:rel AS text), CAST(block AS int)) FROM {PAGES}"),  # noqa: S608
        {"rel": relation},
    )
    return b"".join(bytes(page) for page in pages)


def dead_rows(table: str) -> int:
    return db.session.scalar(
        text(
            "SELECT count(*) FROM "  # noqa: S608
            f"{PAGES}, heap_page_items(get_raw_page(CAST(:rel AS text), CAST(block AS int)))"
            " WHERE lp_flags IN (2, 3) OR (lp_flags = 1 AND t_xmax <> 0)"
        ),
        {"rel": table},
    )


def test_postgres_pages_keep_no_dead_row_or_address_after_close(
    app, backend, login_as, manager, make_round, answer
):
    if backend != "postgres":
        pytest.skip("pageinspect is PostgreSQL's")
    pageinspect(app)
    round_ = answered_round(manager, make_round, answer)
    secrets = stored_secrets(app)
    with app.app_context():
        before = b"".join(raw_bytes(r) for r in relations("feedback_invitations"))
        # While open, the pages hold the addresses (the search below works).
        assert all(address.encode() in before for address in secrets["addresses"])
    close(login_as, manager, round_)
    with app.app_context():
        for table in ("feedback_invitations", "feedback_responses"):
            assert dead_rows(table) == 0, table
        invitations = b"".join(raw_bytes(r) for r in relations("feedback_invitations"))
        responses = b"".join(raw_bytes(r) for r in relations("feedback_responses"))
        for kind in ("addresses", "token hashes", "submissions"):
            found = [v for v in secrets[kind] if v.encode() in invitations]
            assert not found, f"{kind} still in feedback_invitations' pages: {found}"
        found = [v for v in secrets["response keys"] if v.encode() in responses]
        assert not found, f"old response keys still in feedback_responses' pages: {found}"


def test_postgres_rows_kept_for_an_open_snapshot_go_at_a_later_pass(
    app, backend, login_as, manager, make_round, answer
):
    """A transaction open elsewhere during the seal (a pg_dump, say) keeps
    the old invitation rows through VACUUM FULL; send-reminders removes
    them once it has ended."""
    if backend != "postgres":
        pytest.skip("PostgreSQL's row versions")
    pageinspect(app)
    round_ = answered_round(manager, make_round, answer)
    addresses = stored_secrets(app)["addresses"]
    with app.app_context(), db.engine.connect() as reader:
        reader.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
        reader.execute(text("SELECT count(*) FROM users")).scalar()
        close(login_as, manager, round_)
        assert dead_rows("feedback_invitations") > 0  # kept for the reader's snapshot
        db.session.commit()
        reader.rollback()
    assert app.test_cli_runner().invoke(args=["send-reminders"]).exit_code == 0
    with app.app_context():
        assert dead_rows("feedback_invitations") == 0
        pages = b"".join(raw_bytes(r) for r in relations("feedback_invitations"))
        assert not [a for a in addresses if a.encode() in pages]
