"""Closing a dialogue rewrites its answers under new keys in a transaction
of their own: the same figures, no key or (on PostgreSQL) transaction id
shared with the moment a member answered."""

from sqlalchemy import func, select, text

from toolbox.extensions import db
from toolbox.teams.models import DialogueMember, DialoguePriority, DialogueRating, DialogueResponse


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
