"""Förvaltningsledningens uppföljning: the dialogues listed, the agreed
behaviours counted per team, and the samsyn recorded (the members' choices
pooled: test_pooled.py)."""

from datetime import timedelta

from sqlalchemy import select

from toolbox import clock
from toolbox.extensions import db
from toolbox.teams import followup
from toolbox.teams.models import SharedView


def test_the_overview_lists_dialogues_and_counts_agreed_behaviours(
    app, open_dialogue, leader, make_user, login_as, client, close_dialogue
):
    first = open_dialogue(team_name="Kirurgins ledningsgrupp")
    second = open_dialogue(team_name="Medicinens ledningsgrupp")
    open_dialogue(team_name="Psykiatrins ledningsgrupp")
    follow_up = (clock.today() + timedelta(days=30)).isoformat()
    login_as(leader)
    for dialogue_id, chosen in ((first, ["fraga-forst", "saga-ifran"]), (second, ["fraga-forst"])):
        close_dialogue(dialogue_id)
        client.post(
            f"/ledningsgrupp/{dialogue_id}/overenskommelse",
            data={
                "behaviours": chosen,
                "commitments": f"Åtagande {dialogue_id}",
                "followup_on": follow_up,
                "version": "1",
            },
        )
    page = client.get("/ledningsgrupp/uppfoljning").get_data(as_text=True)
    for name in ("Kirurgins", "Medicinens", "Psykiatrins"):
        assert name in page
    assert f"Åtagande {first}" in page
    assert f"Åtagande {second}" in page
    assert "3 dialoger, 2 med överenskommelse, 0 uppföljda." in page
    with app.app_context():
        counts = followup.agreed_counts()
    assert counts == {"fraga-forst": 2, "saga-ifran": 1}
    assert "för få svar" in page  # no member's choices without enough people


def test_leadership_records_the_samsyn(app, make_user, login_as, client):
    login_as(make_user("led@example.se", roles=("ledning",), name="Lena Ledning"))
    bad = [
        {"behaviours": [], "text": "Samsyn"},
        {"behaviours": ["finns-inte"], "text": "Samsyn"},
        {"behaviours": ["fraga-forst"], "text": ""},
    ]
    for data in bad:
        assert client.post("/ledningsgrupp/samsyn", data=data).status_code == 422
    good = {"behaviours": ["fraga-forst", "saga-ifran"], "text": "Vi frågar först."}
    assert client.post("/ledningsgrupp/samsyn", data=good).status_code == 302
    client.post("/ledningsgrupp/samsyn", data=good | {"text": "Vi frågar alltid först."})
    with app.app_context():
        views = db.session.scalars(select(SharedView).order_by(SharedView.id)).all()
        assert [v.text for v in views] == ["Vi frågar först.", "Vi frågar alltid först."]
        assert views[-1].behaviour_keys == ["fraga-forst", "saga-ifran"]
    page = client.get("/ledningsgrupp/uppfoljning").get_data(as_text=True)
    assert "Vi frågar alltid först." in page
    form = client.get("/ledningsgrupp/samsyn").get_data(as_text=True)
    assert "Tidigare versioner" in form
