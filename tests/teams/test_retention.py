"""Retention of dialogues (teams/retention.py through `apply-retention`):
old dialogues go with everything stored with them, but a dialogue in
leadership's pooled figure only with its whole published step."""

from datetime import datetime

from sqlalchemy import func, select

from toolbox import clock
from toolbox.account.retention import apply_retention
from toolbox.extensions import db
from toolbox.teams import pooled
from toolbox.teams.models import (
    Dialogue,
    DialogueMember,
    DialoguePriority,
    DialogueRating,
    DialogueResponse,
)

from .test_pooled import close_on


def team_of_five(app, make_user, open_dialogue, answer, name: str, closed: datetime) -> int:
    people = [make_user(f"{name.lower()}{n}@example.se") for n in range(5)]
    dialogue_id = open_dialogue(people, team_name=name)
    for person in people:
        answer(person, dialogue_id, priorities=["fraga-forst", "saga-ifran", "dela-kunskap"])
    close_on(app, dialogue_id, closed)
    return dialogue_id


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_retention_takes_whole_steps_and_old_open_dialogues(app, make_user, open_dialogue, answer):
    team_of_five(app, make_user, open_dialogue, answer, "A", datetime(2026, 2, 10, 12))
    team_of_five(app, make_user, open_dialogue, answer, "B", datetime(2026, 5, 10, 12))
    c = team_of_five(app, make_user, open_dialogue, answer, "C", datetime(2026, 7, 15, 12))
    d = team_of_five(app, make_user, open_dialogue, answer, "D", datetime(2026, 9, 10, 12))
    stale = open_dialogue(team_name="Aldrig stängd")
    with app.app_context():
        db.session.get(Dialogue, stale).opened_at = datetime(2026, 1, 5, 12)
        db.session.commit()
        before = pooled.pooled_priorities(clock.today())
        assert before.until.key == "2026-K3"
        assert before.counts["fraga-forst"] == 20
        # Cut off on 1 August: A and B's step ended with June; C closed before
        # the cutoff but its step runs to September's end, so it stays.
        days = (clock.utcnow() - clock.start_of_day(datetime(2026, 8, 1).date())).days
        config = app.config | {"TEAM_DIALOGUE_RETENTION_DAYS": days}
        removed = apply_retention(config, clock.utcnow())
        db.session.commit()
        assert removed["ledningsgruppsdialoger"] == 3
        left = set(db.session.scalars(select(Dialogue.id)))
        assert left == {c, d}
        responses = db.session.scalars(select(DialogueResponse.dialogue_id)).all()
        assert set(responses) == {c, d}
        assert count(DialogueRating) == count(DialogueResponse) * len(
            set(db.session.scalars(select(DialogueRating.behaviour)))
        )
        assert count(DialoguePriority) == 3 * count(DialogueResponse)
        assert set(db.session.scalars(select(DialogueMember.dialogue_id))) == {c, d}
        after = pooled.pooled_priorities(clock.today())
        # The figure lost exactly the step of A and B: ten people, not one team.
        assert after.until.key == "2026-K3"
        assert after.counts["fraga-forst"] == 10
        # Running it again the same day deletes nothing more.
        again = apply_retention(config, clock.utcnow())
        assert again["ledningsgruppsdialoger"] == 0
