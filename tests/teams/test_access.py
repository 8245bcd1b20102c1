"""Access (issue 20, acceptance 4): no role – not the leader, not
leadership, not an administrator – sees one member's answers; the dialogue
is reached by its leader and members only, the follow-up by leadership only."""

import pytest

from toolbox.roles import ROLES

SECRET = "Min alldeles egna hemliga formulering"
PAGES = (
    "/ledningsgrupp/",
    "/ledningsgrupp/{id}",
    "/ledningsgrupp/uppfoljning",
    "/ledningsgrupp/samsyn",
    "/",
)


@pytest.fixture
def answered(app, open_dialogue, team, answer, close_dialogue):
    """A closed dialogue with three answers, one holding a recognisable text."""
    dialogue_id = open_dialogue()
    answer(team[0], dialogue_id, rating="1", meaning=SECRET)
    answer(team[1], dialogue_id, rating="4")
    answer(team[2], dialogue_id, rating="4")
    close_dialogue(dialogue_id)
    return dialogue_id


@pytest.mark.parametrize("role", ROLES)
def test_no_role_sees_one_members_answers(answered, make_user, login_as, client, role):
    login_as(make_user(f"{role}-x@example.se", roles=(role,)))
    for page in PAGES:
        response = client.get(page.format(id=answered))
        assert SECRET not in response.get_data(as_text=True), (role, page)


def test_neither_the_leader_nor_the_member_who_wrote_it_sees_it(
    answered, leader, team, login_as, client
):
    for user in (leader, team[0], team[3]):
        login_as(user)
        for page in PAGES:
            assert SECRET not in client.get(page.format(id=answered)).get_data(as_text=True)


@pytest.mark.parametrize(
    ("roles", "status"),
    [(("chef",), 404), (("ledning",), 404), (("hr",), 403), (("admin",), 403)],
)
def test_only_the_team_reaches_the_dialogue(answered, make_user, login_as, client, roles, status):
    login_as(make_user("utanfor@example.se", roles=roles))
    assert client.get(f"/ledningsgrupp/{answered}").status_code == status


@pytest.mark.parametrize(
    ("role", "status"), [("chef", 403), ("hr", 403), ("admin", 403), ("ledning", 200)]
)
def test_only_leadership_sees_the_follow_up(app, make_user, login_as, client, role, status):
    login_as(make_user(f"{role}@example.se", roles=(role,)))
    assert client.get("/ledningsgrupp/uppfoljning").status_code == status
    assert client.get("/ledningsgrupp/samsyn").status_code == status


def test_a_member_cannot_close_or_record_for_the_leader(answered, team, login_as, client):
    login_as(team[0])
    assert client.post(f"/ledningsgrupp/{answered}/stang").status_code == 404
    response = client.post(
        f"/ledningsgrupp/{answered}/overenskommelse",
        data={"behaviours": ["fraga-forst"], "commitments": "x", "followup_on": "2099-01-01"},
    )
    assert response.status_code == 404


def test_own_data_lists_dialogues_but_never_the_answers(answered, leader, team, login_as, client):
    login_as(team[0])
    data = client.post("/konto/mina-uppgifter").get_json()
    assert data["ledningsgrupp"]["inbjuden_till"] == [
        {"ledningsgrupp": "Verksamhetsledningen", "begrepp": "tillit", "har_svarat": None}
    ]  # closed: whether one answered is no longer kept
    assert SECRET not in str(data)
    login_as(leader)
    data = client.post("/konto/mina-uppgifter").get_json()
    assert [d["ledningsgrupp"] for d in data["ledningsgrupp"]["leder"]] == ["Verksamhetsledningen"]
    assert SECRET not in str(data)


def test_own_data_says_one_answered_only_while_the_dialogue_is_open(
    open_dialogue, leader, team, answer, login_as, client
):
    dialogue_id = open_dialogue()
    answer(team[0], dialogue_id)
    [invited] = client.post("/konto/mina-uppgifter").get_json()["ledningsgrupp"]["inbjuden_till"]
    assert invited["har_svarat"] is True
    login_as(leader)
    client.post(f"/ledningsgrupp/{dialogue_id}/stang")
    for member in team[:2]:  # who answered and who did not read the same
        login_as(member)
        data = client.post("/konto/mina-uppgifter").get_json()
        assert data["ledningsgrupp"]["inbjuden_till"][0]["har_svarat"] is None
