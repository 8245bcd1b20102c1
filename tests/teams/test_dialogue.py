"""A dialogue from opening to follow-up: the team's results appear only
once the answers are closed and at least three came, never one member's
answers; the agreement and the follow-up; Min sida's reminders."""

from datetime import timedelta

from sqlalchemy import func, inspect, select

from tests.conftest import csrf_token_from
from tests.teams.conftest import answer_data, dialogue_row
from toolbox import clock
from toolbox.extensions import db, mail
from toolbox.teams.models import Dialogue, DialogueMember, DialogueResponse


def test_a_manager_opens_a_dialogue_for_the_team(app, leader, team, login_as, client):
    login_as(leader)
    page = client.get("/ledningsgrupp/ny")
    assert page.status_code == 200
    assert "Vem ser svaren?" in page.get_data(as_text=True)
    with mail.record_messages() as outbox:
        response = client.post(
            "/ledningsgrupp/ny",
            data={
                "team_name": "Verksamhetsledningen Medicin",
                "concept": "handlingsutrymme",
                "meeting_on": "",
                "members": "\n".join(u.email.upper() for u in team),
                "submission": "t" * 32,
            },
        )
    assert response.status_code == 302
    assert sorted(m.recipients[0] for m in outbox) == sorted(u.email for u in team)
    assert outbox[0].subject == "Ledningsgruppsdialog: Verksamhetsledningen Medicin"
    assert "http://127.0.0.1/ledningsgrupp/" in outbox[0].body
    assert "ingen, inte heller Vera Berg, ser vad du svarade" in outbox[0].body
    with app.app_context():
        dialogue = db.session.scalar(select(Dialogue))
        assert dialogue.team_name == "Verksamhetsledningen Medicin"
        assert dialogue.leader_id == leader.id
        assert dialogue.unit_id == leader.unit_id
        assert sorted(m.user_id for m in dialogue.members) == sorted(u.id for u in team)
    # The same form posted twice opens one dialogue.
    again = client.post(
        "/ledningsgrupp/ny",
        data={
            "team_name": "X",
            "concept": "tillit",
            "members": team[0].email,
            "submission": "t" * 32,
        },
    )
    assert again.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Dialogue)) == 1


def test_bad_input_shows_the_form_again(app, leader, team, login_as, client):
    login_as(leader)
    cases = [
        (
            {"team_name": "", "concept": "tillit", "members": team[0].email},
            "Skriv ledningsgruppens namn.",
        ),
        ({"team_name": "G", "concept": "okänt", "members": team[0].email}, "Inte ett giltigt val"),
        ({"team_name": "G", "concept": "tillit", "members": ""}, "Skriv minst en e-postadress."),
        (
            {"team_name": "G", "concept": "tillit", "members": "ingen@example.se"},
            "Det finns inget aktivt konto för: ingen@example.se.",
        ),
        (
            {
                "team_name": "G",
                "concept": "tillit",
                "members": team[0].email,
                "meeting_on": "snart",
            },
            "Skriv datumet som ÅÅÅÅ-MM-DD",
        ),
    ]
    for data, message in cases:
        response = client.post("/ledningsgrupp/ny", data=data | {"submission": "s" * 32})
        assert response.status_code == 422, data
        assert message in response.get_data(as_text=True), message
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Dialogue)) == 0


def test_the_forms_need_a_csrf_token(csrf_app, make_user):
    leader = make_user("vc2@example.se", roles=("chef",))
    client = csrf_app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = leader.get_id()
    response = client.post(
        "/ledningsgrupp/ny",
        data={"team_name": "G", "concept": "tillit", "members": "vc2@example.se"},
    )
    assert response.status_code == 400
    page = client.get("/ledningsgrupp/ny").get_data(as_text=True)
    assert csrf_token_from(page)


def test_answers_are_stored_once_and_without_the_member(
    app, open_dialogue, team, answer, login_as, client
):
    dialogue_id = open_dialogue()
    answer(team[0], dialogue_id, meaning="Vi litar på varandras omdöme.")
    # A second post (a double click, or a later try) changes nothing.
    login_as(team[0])
    client.post(f"/ledningsgrupp/{dialogue_id}/svara", data=answer_data(app, rating="5"))
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(DialogueResponse)) == 1
        member = db.session.get(DialogueMember, (dialogue_id, team[0].id))
        assert member.answered
        columns = {
            c["name"]
            for c in inspect(db.session.connection()).get_columns("team_dialogue_responses")
        }
        assert columns == {"id", "dialogue_id", "submitted_on", "meaning"}


def test_a_bad_answer_is_refused(app, open_dialogue, team, login_as, client):
    dialogue_id = open_dialogue()
    login_as(team[0])
    good = answer_data(app)
    for data in (
        good | {"priorities": good["priorities"][:2]},
        good | {"priorities": [*good["priorities"][:2], "inget-beteende"]},
        {k: v for k, v in good.items() if k != "r_fraga-forst"},
        good | {"r_fraga-forst": "7"},
        good | {"meaning": "x" * 5000},
    ):
        response = client.post(f"/ledningsgrupp/{dialogue_id}/svara", data=data)
        assert response.status_code == 422
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(DialogueResponse)) == 0


def test_someone_outside_the_team_cannot_open_or_answer(
    app, open_dialogue, make_user, login_as, client
):
    dialogue_id = open_dialogue()
    login_as(make_user("annan@example.se", roles=("chef", "ledning")))
    assert client.get(f"/ledningsgrupp/{dialogue_id}").status_code == 404
    assert client.get(f"/ledningsgrupp/{dialogue_id}/svara").status_code == 404
    assert (
        client.post(f"/ledningsgrupp/{dialogue_id}/svara", data=answer_data(app)).status_code == 404
    )
    assert client.post(f"/ledningsgrupp/{dialogue_id}/stang").status_code == 404


def test_two_answers_show_nothing_but_too_few(
    app, open_dialogue, leader, team, answer, login_as, client
):
    dialogue_id = open_dialogue()
    answer(team[0], dialogue_id, rating="1")
    answer(team[1], dialogue_id, rating="5")
    login_as(leader)
    assert client.post(f"/ledningsgrupp/{dialogue_id}/stang").status_code == 302
    page = client.get(f"/ledningsgrupp/{dialogue_id}").get_data(as_text=True)
    assert "För få svar för att visa något resultat." in page
    assert "Mitten (median)" not in page
    assert "Samtalsguide för mötet" in page


def test_three_answers_show_the_spread_once_closed(
    app, open_dialogue, leader, team, answer, login_as, client
):
    dialogue_id = open_dialogue()
    for member, rating in zip(team[:3], ("2", "3", "5"), strict=True):
        answer(member, dialogue_id, rating=rating, meaning=f"Hemlig text från {member.name}")
    login_as(leader)
    page = client.get(f"/ledningsgrupp/{dialogue_id}").get_data(as_text=True)
    assert "Resultatet visas när svaren är stängda." in page
    assert "bara om minst 3 har svarat" in page
    assert "Tillräckligt många har svarat" in page
    assert "Mitten (median)" not in page
    client.post(f"/ledningsgrupp/{dialogue_id}/stang")
    page = client.get(f"/ledningsgrupp/{dialogue_id}").get_data(as_text=True)
    assert "Mitten (median)" in page
    assert "2–5" in page  # the spread, lowest to highest
    assert "Hemlig text" not in page  # texts need FEEDBACK_MIN_TEXT answers
    # A member who did not answer in time cannot answer now.
    login_as(team[3])
    client.post(f"/ledningsgrupp/{dialogue_id}/svara", data=answer_data(app))
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(DialogueResponse)) == 3


def test_texts_show_pooled_in_alphabetical_order_with_five_answers(
    app, open_dialogue, leader, make_user, answer, login_as, client
):
    members = [make_user(f"m{n}@example.se") for n in range(5)]
    dialogue_id = open_dialogue(members)
    texts = ["Öppenhet i vardagen", "Att våga fråga", "Beslut nära patienten", "Delegera", "Lita"]
    for member, text in zip(members, texts, strict=True):
        answer(member, dialogue_id, meaning=text)
    login_as(leader)
    client.post(f"/ledningsgrupp/{dialogue_id}/stang")
    page = client.get(f"/ledningsgrupp/{dialogue_id}").get_data(as_text=True)
    positions = [page.index(text) for text in sorted(texts)]
    assert positions == sorted(positions)


def test_the_leader_records_the_agreement_and_the_follow_up(
    app, open_dialogue, leader, team, answer, login_as, client
):
    dialogue_id = open_dialogue()
    login_as(leader)
    follow_up = (clock.today() + timedelta(days=60)).isoformat()
    data = {
        "behaviours": ["fraga-forst", "saga-ifran"],
        "commitments": "Vi frågar först, och vi säger emot.",
        "followup_on": follow_up,
        "version": "1",
    }
    # Not while answers are still being collected.
    assert (
        client.post(f"/ledningsgrupp/{dialogue_id}/overenskommelse", data=data).status_code == 409
    )
    client.post(f"/ledningsgrupp/{dialogue_id}/stang")
    bad = [
        data | {"behaviours": []},
        data | {"behaviours": ["fraga-forst", "saga-ifran", "beslut-nara", "helhet-forst"]},
        data | {"behaviours": ["okant"]},
        data | {"commitments": ""},
        data | {"followup_on": clock.today().isoformat()},
        data | {"followup_on": "snart"},
    ]
    for values in bad:
        response = client.post(f"/ledningsgrupp/{dialogue_id}/overenskommelse", data=values)
        assert response.status_code == 422, values
    assert (
        client.post(f"/ledningsgrupp/{dialogue_id}/overenskommelse", data=data).status_code == 302
    )
    found = dialogue_row(app, dialogue_id)
    assert found.agreed_at is not None
    assert found.followup_on.isoformat() == follow_up
    with app.app_context():
        assert [c.behaviour for c in db.session.get(Dialogue, dialogue_id).choices] == [
            "fraga-forst",
            "saga-ifran",
        ]
    # A stale form (version 1 after the save) is a conflict, not an overwrite.
    stale = client.post(
        f"/ledningsgrupp/{dialogue_id}/overenskommelse", data=data | {"commitments": "Annat"}
    )
    assert stale.status_code == 409
    assert dialogue_row(app, dialogue_id).commitments == "Vi frågar först, och vi säger emot."
    # A member sees the agreement but no form.
    login_as(team[0])
    page = client.get(f"/ledningsgrupp/{dialogue_id}").get_data(as_text=True)
    assert "Vi frågar först" in page
    assert "Spara överenskommelsen" not in page
    assert (
        client.post(f"/ledningsgrupp/{dialogue_id}/uppfoljning", data={"note": "x"}).status_code
        == 404
    )
    login_as(leader)
    assert (
        client.post(f"/ledningsgrupp/{dialogue_id}/uppfoljning", data={"note": ""}).status_code
        == 422
    )
    assert (
        client.post(
            f"/ledningsgrupp/{dialogue_id}/uppfoljning", data={"note": "Det går bra."}
        ).status_code
        == 302
    )
    assert dialogue_row(app, dialogue_id).followup_note == "Det går bra."


def test_min_sida_reminds_members_and_the_leader(
    app, open_dialogue, leader, team, answer, login_as, client, monkeypatch
):
    dialogue_id = open_dialogue()
    login_as(team[0])
    team_name = '<span lang="sv">Verksamhetsledningen</span>'  # as the leader wrote it
    page = client.get("/").get_data(as_text=True)
    assert f"Svara inför ledningsgruppsdialogen i {team_name}." in page
    answer(team[0], dialogue_id)
    assert "Svara inför ledningsgruppsdialogen" not in client.get("/").get_data(as_text=True)
    login_as(leader)
    client.post(f"/ledningsgrupp/{dialogue_id}/stang")
    assert f"Skriv in vad {team_name} kom överens om" in client.get("/").get_data(as_text=True)
    follow_up = clock.today() + timedelta(days=30)
    client.post(
        f"/ledningsgrupp/{dialogue_id}/overenskommelse",
        data={
            "behaviours": ["fraga-forst"],
            "commitments": "Fråga först.",
            "followup_on": follow_up.isoformat(),
            "version": "1",
        },
    )
    assert "Uppföljning av ledningsgruppsdialogen" not in client.get("/").get_data(as_text=True)
    later = follow_up - timedelta(days=10)
    monkeypatch.setattr(clock, "today", lambda: later)
    page = client.get("/").get_data(as_text=True)
    assert f"Uppföljning av ledningsgruppsdialogen i {team_name} {follow_up.day} " in page
    client.post(f"/ledningsgrupp/{dialogue_id}/uppfoljning", data={"note": "Klart."})
    assert "Uppföljning av ledningsgruppsdialogen" not in client.get("/").get_data(as_text=True)


def test_the_index_lists_what_one_leads_and_is_invited_to(
    app, open_dialogue, leader, team, answer, login_as, client
):
    dialogue_id = open_dialogue()
    login_as(leader)
    page = client.get("/ledningsgrupp/")
    assert page.status_code == 200
    led = page.get_data(as_text=True).split("Dialoger du är inbjuden till")[0]
    assert f'href="/ledningsgrupp/{dialogue_id}"' in led
    assert "Förvaltningsledningens uppföljning" in page.get_data(as_text=True)
    answer(team[0], dialogue_id)
    page = client.get("/ledningsgrupp/").get_data(as_text=True)
    invited = page.split("Dialoger du är inbjuden till")[1]
    assert '<span lang="sv">Verksamhetsledningen</span>: Tillit' in invited
    assert "du har svarat" in invited
    assert "Förvaltningsledningens uppföljning" not in page  # a chef only


def test_the_pages_are_in_english_too(open_dialogue, leader, login_as, client):
    dialogue_id = open_dialogue()
    login_as(leader)
    client.post("/sprak", data={"lang": "en", "next": "/"})
    assert "Dialogues you lead" in client.get("/ledningsgrupp/").get_data(as_text=True)
    page = client.get(f"/ledningsgrupp/{dialogue_id}").get_data(as_text=True)
    assert "Facilitation guide for the meeting (90 minutes)" in page
    assert "Close answering and show the results" in page
    assert "Follow-up by the administration" in client.get("/ledningsgrupp/uppfoljning").get_data(
        as_text=True
    )


def test_the_leader_invites_more_members_while_answers_are_collected(
    app, open_dialogue, leader, team, make_user, login_as, client, close_dialogue
):
    dialogue_id = open_dialogue(team[:2])
    late = make_user("sen@example.se", name="Sena Medlemmen")
    login_as(leader)
    url = f"/ledningsgrupp/{dialogue_id}/medlemmar"
    assert client.post(url, data={"members": ""}).status_code == 422
    unknown = client.post(url, data={"members": "okand@example.se"})
    assert unknown.status_code == 422
    assert "Det finns inget aktivt konto för: okand@example.se." in unknown.get_data(as_text=True)
    with mail.record_messages() as outbox:
        response = client.post(url, data={"members": f"{team[0].email}\n{late.email}"})
    assert response.status_code == 302
    assert [m.recipients for m in outbox] == [["sen@example.se"]]  # the new member only
    with app.app_context():
        members = db.session.get(Dialogue, dialogue_id).members
        assert sorted(m.user_id for m in members) == sorted([team[0].id, team[1].id, late.id])
    login_as(team[0])
    assert client.post(url, data={"members": late.email}).status_code == 404
    close_dialogue(dialogue_id)
    login_as(leader)
    assert client.post(url, data={"members": team[2].email}).status_code == 409
