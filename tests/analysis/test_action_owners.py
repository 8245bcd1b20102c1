"""Action owners are mailed when given an action and before it is due
(issue 21)."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from toolbox import clock
from toolbox.analysis import owners
from toolbox.analysis.models import Action
from toolbox.extensions import db, mail

TODAY = clock.today()


def action_form(**values) -> dict:
    return {
        "title": "Chefsstöd i ekonomi",
        "owner": "Olle Ägare",
        "owner_email": "olle@example.se",
        "due_on": (TODAY + timedelta(days=60)).isoformat(),
        "status": "planerad",
        "goal_id": "0",
        "gap": "Chefsstöd under normtalet",
    } | values


@pytest.fixture
def leader(make_user, login_as):
    return login_as(make_user("ledning@example.se", roles=("ledning",)))


def only_action(app) -> Action:
    with app.app_context():
        return db.session.scalars(select(Action)).one()


def test_the_owner_is_mailed_when_given_the_action_and_when_it_changes_hands(app, leader):
    with mail.record_messages() as outbox:
        saved = leader.post("/analys/atgarder/ny", data=action_form(), follow_redirects=True)
    assert "Olle Ägare har fått ett mejl om åtgärden." in saved.get_data(as_text=True)
    assert [m.recipients for m in outbox] == [["olle@example.se"]]
    assert outbox[0].subject == "Du är ansvarig för en åtgärd"
    assert "Chefsstöd i ekonomi" in outbox[0].body
    action = only_action(app)
    assert f"/analys/atgarder/{action.id}" in outbox[0].body

    def save(**values):
        page = leader.get(f"/analys/atgarder/{action.id}").get_data(as_text=True)
        version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
        data = action_form(version=version, **values)
        return leader.post(f"/analys/atgarder/{action.id}", data=data)

    with mail.record_messages() as outbox:
        assert save(status="pagar").status_code == 302  # same owner: no new mail
        assert save(owner="Stina Ny", owner_email="stina@example.se").status_code == 302
    assert [m.recipients for m in outbox] == [["stina@example.se"]]


def test_an_action_without_an_address_mails_no_one_and_a_bad_address_is_refused(app, leader):
    with mail.record_messages() as outbox:
        assert (
            leader.post("/analys/atgarder/ny", data=action_form(owner_email="")).status_code == 302
        )
    assert outbox == []
    bad = leader.post("/analys/atgarder/ny", data=action_form(owner_email="inte-en-adress"))
    assert bad.status_code == 422
    assert "Skriv en giltig e-postadress" in bad.get_data(as_text=True)


def add_action(app, due_in: int, email="olle@example.se", status="planerad") -> int:
    with app.app_context():
        action = Action(
            title=f"Åtgärd om {due_in} dagar",
            owner="Olle Ägare",
            owner_email=email,
            due_on=TODAY + timedelta(days=due_in),
            status=status,
        )
        db.session.add(action)
        db.session.commit()
        return action.id


def test_owners_are_reminded_once_a_week_before_the_due_date(app):
    due_soon = add_action(app, 5)
    add_action(app, 30)  # not yet
    add_action(app, 3, status="klar")  # done
    add_action(app, 2, email="")  # no address
    add_action(app, -1)  # already past: nothing to remind of
    runner = app.test_cli_runner()
    with mail.record_messages() as outbox:
        result = runner.invoke(args=["send-reminders"])
        assert result.exit_code == 0, result.output
        assert "Påminnelser om åtgärder: 1 skickade, 0 misslyckades." in result.output
        assert runner.invoke(args=["send-reminders"]).exit_code == 0  # again: nothing new
    assert [(m.recipients, m.subject) for m in outbox] == [
        (["olle@example.se"], "Påminnelse: en åtgärd ska snart vara klar")
    ]
    assert "Åtgärd om 5 dagar" in outbox[0].body
    # A new due date is reminded again when it comes near.
    with app.app_context():
        db.session.get(Action, due_soon).due_on = TODAY + timedelta(days=6)
        db.session.commit()
        with mail.record_messages() as outbox:
            assert owners.send_due_reminders(TODAY) == (1, 0)
            assert owners.send_due_reminders(TODAY) == (0, 0)
    assert len(outbox) == 1


def test_a_failed_reminder_is_tried_again(app, monkeypatch):
    action_id = add_action(app, 4)

    def broken(*args, **kwargs):
        raise OSError("SMTP borta")

    with app.app_context():
        monkeypatch.setattr(owners.mailing, "send", broken)
        assert owners.send_due_reminders(TODAY) == (0, 1)
        assert db.session.get(Action, action_id).reminded_for is None
        monkeypatch.undo()
        with mail.record_messages() as outbox:
            assert owners.send_due_reminders(TODAY) == (1, 0)
    assert len(outbox) == 1
