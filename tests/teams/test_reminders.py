"""`flask send-reminders` mails a leader once before the agreed follow-up,
and again only when the date is moved."""

from datetime import timedelta

from toolbox import clock
from toolbox.extensions import db, mail
from toolbox.teams import service
from toolbox.teams.models import Dialogue


def agree(app, dialogue_id: int, days: int) -> None:
    with app.app_context():
        dialogue = db.session.get(Dialogue, dialogue_id)
        service.close(dialogue, clock.utcnow())
        service.record_agreement(
            dialogue,
            ["fraga-forst"],
            "Fråga först.",
            clock.today() + timedelta(days=days),
            clock.utcnow(),
        )
        db.session.commit()


def reminders(app) -> list:
    with mail.record_messages() as outbox:
        result = app.test_cli_runner().invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output
    return outbox


def test_the_leader_is_reminded_once_before_the_follow_up(app, open_dialogue, leader):
    near = open_dialogue(team_name="Nära")
    far = open_dialogue(team_name="Långt bort")
    agree(app, near, 10)
    agree(app, far, 60)
    [message] = reminders(app)
    assert message.recipients == [leader.email]
    assert message.subject == "Uppföljning av ledningsgruppsdialogen: Nära"
    assert f"/ledningsgrupp/{near}" in message.body
    assert reminders(app) == []  # claimed: not again
    # The date moved: a new reminder when the new date is near.
    with app.app_context():
        dialogue = db.session.get(Dialogue, near)
        service.record_agreement(
            dialogue,
            ["fraga-forst"],
            "Fråga först.",
            clock.today() + timedelta(days=5),
            clock.utcnow(),
        )
        db.session.commit()
    assert len(reminders(app)) == 1
