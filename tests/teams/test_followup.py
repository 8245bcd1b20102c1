"""Förvaltningsledningens uppföljning: the dialogues listed, the agreed
behaviours counted per team, the members' choices only under the privacy
module's stepped release, and the samsyn recorded."""

from datetime import date, datetime, timedelta

from sqlalchemy import select

from toolbox import clock
from toolbox.extensions import db
from toolbox.teams import followup
from toolbox.teams.models import Dialogue, SharedView


def close_on(app, dialogue_id: int, moment: datetime) -> None:
    with app.app_context():
        dialogue = db.session.get(Dialogue, dialogue_id)
        dialogue.status, dialogue.closed_at = "stangd", moment
        db.session.commit()


def pooled(app, today: date) -> followup.Pooled:
    with app.app_context():
        return followup.pooled_priorities(today)


def test_members_choices_wait_for_enough_people_in_ended_quarters(
    app, open_dialogue, make_user, answer
):
    people = [make_user(f"p{n}@example.se") for n in range(7)]
    first = open_dialogue(people[:4], team_name="A")
    for person in people[:4]:
        answer(person, first, priorities=["fraga-forst", "saga-ifran", "dela-kunskap"])
    close_on(app, first, datetime(2026, 2, 10, 12))
    # Four people: too few for AGGREGATE_MIN_GROUP = 5, whenever one looks.
    assert pooled(app, date(2026, 12, 1)).until is None
    second = open_dialogue([people[0], *people[4:6]], team_name="B")
    for person in (people[0], *people[4:6]):
        answer(person, second, priorities=["fraga-forst", "beslut-nara", "helhet-forst"])
    close_on(app, second, datetime(2026, 5, 10, 12))
    # Not before the quarter of closing has ended.
    assert pooled(app, date(2026, 6, 30)).until is None
    shown = pooled(app, date(2026, 7, 1))
    # Six distinct people (one answered in both): published, up to 2026 K2.
    assert shown.until.key == "2026-K2"
    assert shown.counts["fraga-forst"] == 7
    assert shown.counts["beslut-nara"] == 3
    # One more person in the next quarter is not a new step: the figure stays.
    third = open_dialogue([people[6], people[1], people[2]], team_name="C")
    for person in (people[6], people[1], people[2]):
        answer(person, third, priorities=["oppen-information", "saga-ifran", "dela-kunskap"])
    close_on(app, third, datetime(2026, 8, 10, 12))
    later = pooled(app, date(2026, 12, 1))
    assert later.until.key == "2026-K2"
    assert later.counts == shown.counts


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
