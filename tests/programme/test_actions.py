"""An action of the åtgärdsplan can belong to an activity of the programme
plan; the plan lists the actions of each activity."""

from datetime import date

from sqlalchemy import select

from toolbox.analysis.models import Action
from toolbox.extensions import db
from toolbox.programme.models import Activity

ACTION = {
    "title": "Chefsstöd till enheter med fler än 30 medarbetare",
    "description": "",
    "goal_id": "0",
    "gap": "",
    "owner": "HR-direktör",
    "due_on": "2027-06-30",
    "status": "planerad",
}


def test_an_action_belongs_to_an_activity(app, leader_client):
    with app.app_context():
        activity = Activity(
            track="chefsstod", title="Chefsstödsprojektet", owner="HR", status="pagar"
        )
        db.session.add(activity)
        db.session.commit()
        activity_id = activity.id
    form = leader_client.get("/analys/atgarder/ny").get_data(as_text=True)
    assert "Chefsstödsprojektet" in form
    bad = leader_client.post("/analys/atgarder/ny", data=ACTION | {"activity_id": "9999"})
    assert bad.status_code == 422
    response = leader_client.post(
        "/analys/atgarder/ny", data=ACTION | {"activity_id": str(activity_id)}
    )
    assert response.status_code == 302
    with app.app_context():
        action = db.session.scalar(select(Action))
        assert action.activity_id == activity_id
        assert action.due_on == date(2027, 6, 30)
    page = leader_client.get("/program/").get_data(as_text=True)
    title = "Chefsstöd till enheter med fler än 30 medarbetare"
    assert f'<span lang="sv">{title}</span> (planerad)' in page
    # Without a choice the action belongs to no activity, as before.
    leader_client.post("/analys/atgarder/ny", data=ACTION | {"title": "Utan aktivitet"})
    with app.app_context():
        loose = db.session.scalar(select(Action).where(Action.title == "Utan aktivitet"))
        assert loose.activity_id is None
