"""Acceptance 2: nothing in the database links a response to an invitation,
a token, an address or an exact time (PRODUCT.md section 5). Checked on the
models' metadata and on the live database, SQLite and PostgreSQL."""

import re

import pytest
from sqlalchemy import Date, DateTime, Integer, String, Time, inspect, select, text
from sqlalchemy.exc import DatabaseError

from toolbox.extensions import db
from toolbox.feedback.models import FeedbackInvitation
from toolbox.feedback.tokens import hash_token

RESPONSE_TABLES = (
    "feedback_responses",
    "feedback_answers",
    "feedback_area_sums",
    "feedback_principle_sums",
    "feedback_comments",
)
IDENTITY_TABLES = ("feedback_invitations", "users", "feedback_code_failures", "used_submissions")
SUSPECT_NAME = re.compile(r"token|email|mail|invit|user|person|address|submission|_at$|time")
# A join between a response and an invitation may only go through the round
# (one round, many of each): these are the only columns they share by name,
# besides their own keys, which cannot match (an integer and random hex).
SHARED = {"round_id", "rater_group", "id"}


def reachable(tables: dict, start: str) -> set[str]:
    """Tables reached from `start` by following foreign keys (child → parent)."""
    seen, queue = set(), [start]
    while queue:
        name = queue.pop()
        for key in tables[name].foreign_keys:
            parent = key.column.table.name
            if parent not in seen:
                seen.add(parent)
                queue.append(parent)
    return seen


def test_the_models_keep_responses_apart(app):
    tables = db.metadata.tables
    for name in RESPONSE_TABLES:
        table = tables[name]
        for column in table.columns:
            assert not SUSPECT_NAME.search(column.name), f"{name}.{column.name}"
            assert not isinstance(column.type, DateTime | Time), f"{name}.{column.name}"
        parents = {key.column.table.name for key in table.foreign_keys}
        assert parents <= {"feedback_responses", "feedback_rounds"}, name
        # Up through the round only (whose link to users is its manager).
        assert not reachable(tables, name) & set(IDENTITY_TABLES) - {"users"}, name
        # Random keys: no order of insertion to read from an id.
        for column in table.primary_key.columns:
            assert isinstance(column.type, String), f"{name}.{column.name}"
    assert isinstance(tables["feedback_responses"].c.submitted_on.type, Date)
    invitation = tables["feedback_invitations"]
    for name in RESPONSE_TABLES:
        assert set(tables[name].columns.keys()) & set(invitation.columns.keys()) <= SHARED
        if "id" in tables[name].columns:
            assert isinstance(tables[name].c.id.type, String)
            assert isinstance(invitation.c.id.type, Integer)
    # Nothing points at a response from the identity side either.
    for name in IDENTITY_TABLES:
        parents = {key.column.table.name for key in tables[name].foreign_keys}
        assert not parents & set(RESPONSE_TABLES), name
    # "Has answered" is a flag on the invitation: no day or time to match with.
    assert not any("answered" in c.name and c.name != "answered" for c in invitation.columns)
    assert not isinstance(invitation.c.answered.type, Date | DateTime)


def test_the_live_database_keeps_responses_apart(app):
    with app.app_context():
        inspector = inspect(db.engine)
        for name in RESPONSE_TABLES:
            for column in inspector.get_columns(name):
                kind = str(column["type"]).upper()
                assert not SUSPECT_NAME.search(column["name"]), f"{name}.{column['name']}"
                assert "TIME" not in kind, f"{name}.{column['name']} is {kind}"
            referred = {key["referred_table"] for key in inspector.get_foreign_keys(name)}
            assert referred <= {"feedback_responses", "feedback_rounds"}, (name, referred)
            for column in inspector.get_pk_constraint(name)["constrained_columns"]:
                found = next(c for c in inspector.get_columns(name) if c["name"] == column)
                assert not isinstance(found["type"], Integer), f"{name}.{column}"
        for name in IDENTITY_TABLES:
            referred = {key["referred_table"] for key in inspector.get_foreign_keys(name)}
            assert not referred & set(RESPONSE_TABLES), name
        shared = {c["name"] for c in inspector.get_columns("feedback_invitations")}
        for name in RESPONSE_TABLES:
            assert {c["name"] for c in inspector.get_columns(name)} & shared <= SHARED


def test_sqlite_keeps_no_insertion_order(app, backend):
    if backend != "sqlite":
        pytest.skip("rowid is SQLite's")
    with app.app_context():
        for name in RESPONSE_TABLES:
            with pytest.raises(DatabaseError):
                db.session.execute(text(f"SELECT rowid FROM {name}"))  # noqa: S608
            db.session.rollback()


def test_stored_rows_hold_nothing_of_the_token(app, manager, make_round, answer, close_round):
    round_ = make_round(manager, {"medarbetare": 3})
    tokens = round_.links["medarbetare"]
    for token in tokens:
        assert answer(token, 4, {"bra": "Tydlig."})
    secrets = set(tokens) | {hash_token(t) for t in tokens}
    secrets |= {f"medarbetare{n}@example.se" for n in range(3)}
    with app.app_context():
        for name in RESPONSE_TABLES:
            for row in db.session.execute(text(f"SELECT * FROM {name}")):  # noqa: S608
                assert not {str(v) for v in row} & secrets, name
        answered = db.session.scalars(select(FeedbackInvitation.answered)).all()
        assert answered == [True, True, True]
    close_round(round_)
    with app.app_context():
        # Once the round has closed and is sealed, the invitations are blank rows.
        rows = db.session.execute(
            select(
                FeedbackInvitation.email,
                FeedbackInvitation.submission,
                FeedbackInvitation.answered,
                FeedbackInvitation.token_hash,
            )
        ).all()
        assert [(r.email, r.submission, r.answered) for r in rows] == [(None, None, False)] * 3
        assert not {r.token_hash for r in rows} & secrets
