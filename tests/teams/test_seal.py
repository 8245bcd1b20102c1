"""Closing a dialogue seals it: the answers rewritten under new keys in a
transaction of their own (the same figures, no key or – on PostgreSQL –
transaction id shared with the moment a member answered), the members'
"answered" flags forgotten, SQLite's log truncated; a seal that did not
finish is finished by cron, and no answer gets in after the close."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select, text, update

from toolbox import clock
from toolbox.extensions import db
from toolbox.teams import seal, service
from toolbox.teams.models import (
    CLOSED,
    Dialogue,
    DialogueMember,
    DialoguePriority,
    DialogueRating,
    DialogueResponse,
)
from toolbox.teams.reminders import send_followup_reminders


def snapshot(app, dialogue_id: int) -> tuple[set[str], list, list]:
    with app.app_context():
        keys = set(
            db.session.scalars(
                select(DialogueResponse.id).where(DialogueResponse.dialogue_id == dialogue_id)
            )
        )
        ratings = db.session.execute(
            select(DialogueRating.behaviour, DialogueRating.value, func.count())
            .group_by(DialogueRating.behaviour, DialogueRating.value)
            .order_by(DialogueRating.behaviour, DialogueRating.value)
        ).all()
        chosen = db.session.execute(
            select(DialoguePriority.behaviour, func.count())
            .group_by(DialoguePriority.behaviour)
            .order_by(DialoguePriority.behaviour)
        ).all()
        return keys, ratings, chosen


def transaction_ids(app, table: str) -> set[str]:
    with app.app_context():
        query = text(f"SELECT xmin FROM {table}")  # noqa: S608 - the test's own table names
        return {str(x) for x in db.session.scalars(query)}


def test_closing_rewrites_the_answers_under_new_keys(
    app, open_dialogue, leader, team, answer, login_as, client, backend
):
    dialogue_id = open_dialogue()
    for member, rating in zip(team[:3], ("1", "3", "5"), strict=True):
        answer(member, dialogue_id, rating=rating, meaning=f"Text {rating}")
    keys, ratings, chosen = snapshot(app, dialogue_id)
    assert len(keys) == 3
    assert all(len(key) == 32 for key in keys)
    login_as(leader)
    assert client.post(f"/ledningsgrupp/{dialogue_id}/stang").status_code == 302
    new_keys, new_ratings, new_chosen = snapshot(app, dialogue_id)
    assert len(new_keys) == 3
    assert not keys & new_keys
    assert (new_ratings, new_chosen) == (ratings, chosen)
    assert "1–5" in client.get(f"/ledningsgrupp/{dialogue_id}").get_data(as_text=True)
    if backend == "postgres":
        answered = transaction_ids(app, DialogueMember.__tablename__)
        for table in (
            "team_dialogue_responses",
            "team_dialogue_ratings",
            "team_dialogue_priorities",
        ):
            assert not answered & transaction_ids(app, table), table
    # Closing again rewrites nothing more.
    client.post(f"/ledningsgrupp/{dialogue_id}/stang")
    assert snapshot(app, dialogue_id)[0] == new_keys


def flags(app, dialogue_id: int) -> list[bool]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(DialogueMember.answered).where(DialogueMember.dialogue_id == dialogue_id)
            )
        )


def sealed_on(app, dialogue_id: int):
    with app.app_context():
        return db.session.get(Dialogue, dialogue_id).sealed_on


def test_closing_forgets_who_answered(app, open_dialogue, leader, team, answer, login_as, client):
    dialogue_id = open_dialogue()
    for member in team[:3]:
        answer(member, dialogue_id)
    assert sorted(flags(app, dialogue_id)) == [False, True, True, True]
    with app.app_context():  # as if each had answered on a day of their own
        for back, key in enumerate(db.session.scalars(select(DialogueResponse.id)).all(), 1):
            db.session.get(DialogueResponse, key).submitted_on = clock.today() - timedelta(back)
        db.session.commit()
    login_as(leader)
    client.post(f"/ledningsgrupp/{dialogue_id}/stang")
    assert flags(app, dialogue_id) == [False] * 4
    assert sealed_on(app, dialogue_id) == clock.today()
    with app.app_context():
        days = db.session.scalars(select(DialogueResponse.submitted_on)).all()
        assert days == [clock.today()] * 3  # the seal's day, not the day each answered
    # The members who answered and the one who did not see the same.
    pages = []
    for member in team:
        login_as(member)
        pages.append(client.get("/ledningsgrupp/").get_data(as_text=True))
        assert "du har svarat" not in pages[-1]
        assert "stängd för svar" in pages[-1]
        dialogue_page = client.get(f"/ledningsgrupp/{dialogue_id}").get_data(as_text=True)
        assert "Du har svarat" not in dialogue_page


def test_a_close_whose_seal_did_not_finish_is_sealed_by_cron(
    app, open_dialogue, team, answer, close_dialogue
):
    dialogue_id = open_dialogue()
    for member in team[:3]:
        answer(member, dialogue_id)
    keys, ratings, chosen = snapshot(app, dialogue_id)
    close_dialogue(dialogue_id)  # closed, as if the worker died before the seal
    assert sealed_on(app, dialogue_id) is None
    with app.app_context():
        send_followup_reminders(clock.today())
    assert sealed_on(app, dialogue_id) == clock.today()
    assert flags(app, dialogue_id) == [False] * 4
    new_keys, new_ratings, new_chosen = snapshot(app, dialogue_id)
    assert not keys & new_keys
    assert (new_ratings, new_chosen) == (ratings, chosen)
    with app.app_context():
        assert seal.seal_dialogue(dialogue_id, clock.today()) is False  # sealed once
        assert seal.seal_pending(clock.today()) == 0


def test_an_answer_racing_the_close_is_refused(app, open_dialogue, team, answer):
    dialogue_id = open_dialogue()
    with app.app_context():
        stale = db.session.get(Dialogue, dialogue_id)  # loaded while open
        db.session.execute(update(Dialogue).where(Dialogue.id == dialogue_id).values(status=CLOSED))
        answers = service.Answers("Sent", {}, ())
        assert service.submit(stale, team[0].id, answers, clock.today()) is False
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(DialogueResponse)) == 0
    assert flags(app, dialogue_id) == [False] * 4


def test_sqlite_files_hold_no_old_key_after_close(
    app, backend, tmp_path, open_dialogue, leader, team, answer, login_as, client
):
    if backend != "sqlite":
        pytest.skip("SQLite's files; PostgreSQL's transaction ids are tested above")
    dialogue_id = open_dialogue()
    for member in team[:3]:
        answer(member, dialogue_id, meaning="Tillit är att fråga först")
    keys = snapshot(app, dialogue_id)[0]
    database = tmp_path / "test.db"
    wal = database.with_name("test.db-wal")

    def files() -> bytes:
        return database.read_bytes() + (wal.read_bytes() if wal.exists() else b"")

    assert all(key.encode() in files() for key in keys)  # the attack works while open
    login_as(leader)
    client.post(f"/ledningsgrupp/{dialogue_id}/stang")
    assert not wal.exists() or wal.stat().st_size == 0
    after = files()
    assert not [key for key in keys if key.encode() in after]
