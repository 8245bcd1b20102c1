"""The programme plan: leadership adds and edits activities; bad input and a
stale form are refused; nobody else reaches it."""

import pytest
from sqlalchemy import select

from tests.conftest import csrf_token_from
from toolbox.extensions import db
from toolbox.programme.models import Activity

GOOD = {
    "title": "Ledningsgruppsdialoger i alla verksamheter",
    "track": "ledning",
    "owner": "Verksamhetscheferna",
    "status": "pagar",
    "starts_on": "2026-09-01",
    "ends_on": "2026-12-15",
    "outcome": "Åtta av tio ledningsgrupper har haft sin dialog.",
}


def activities(app) -> list[Activity]:
    with app.app_context():
        found = db.session.scalars(select(Activity).order_by(Activity.id)).all()
        db.session.expunge_all()
        return found


def test_leadership_adds_and_edits_an_activity(app, leader_client):
    client = leader_client
    assert client.get("/program/ny").status_code == 200
    assert client.post("/program/ny", data=GOOD | {"submission": "a" * 24}).status_code == 302
    # A double submit adds one activity.
    assert client.post("/program/ny", data=GOOD | {"submission": "a" * 24}).status_code == 302
    [activity] = activities(app)
    assert activity.owner == "Verksamhetscheferna"
    assert activity.ends_on.isoformat() == "2026-12-15"
    page = client.get("/program/").get_data(as_text=True)
    assert "Ledningsgruppsdialoger i alla verksamheter" in page
    assert "Pågår" in page
    edit = client.get(f"/program/{activity.id}").get_data(as_text=True)
    assert "Verksamhetscheferna" in edit
    changed = GOOD | {"status": "genomford", "version": str(activity.version)}
    assert client.post(f"/program/{activity.id}", data=changed).status_code == 302
    assert activities(app)[0].status == "genomford"
    # The same (now stale) version again is a conflict that keeps the text.
    stale = client.post(f"/program/{activity.id}", data=changed | {"outcome": "Annat utfall"})
    assert stale.status_code == 409
    assert "Annat utfall" in stale.get_data(as_text=True)
    assert activities(app)[0].outcome == GOOD["outcome"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "Skriv vad aktiviteten heter."),
        ({"owner": ""}, "Skriv vem som är ansvarig."),
        ({"track": "okand"}, "Inte ett giltigt val"),
        ({"status": "klar"}, "Inte ett giltigt val"),
        ({"starts_on": "i höst"}, "Skriv datumet som ÅÅÅÅ-MM-DD"),
        ({"ends_on": "2026-08-01"}, "Slutdatum kan inte vara före startdatum."),
        ({"outcome": "x" * 4001}, "Fältet får inte vara längre än 4000 tecken."),
    ],
)
def test_bad_input_is_refused(app, leader_client, change, message):
    response = leader_client.post("/program/ny", data=GOOD | change | {"submission": "b" * 24})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Något behöver rättas" in body
    assert message in body
    assert activities(app) == []


def test_an_unknown_activity_is_404(leader_client):
    assert leader_client.get("/program/999").status_code == 404


@pytest.mark.parametrize("role", ["chef", "hr", "admin"])
def test_only_leadership_reaches_the_plan(make_user, login_as, client, role):
    login_as(make_user(f"{role}@example.se", roles=(role,)))
    for path in ("/program/", "/program/ny", "/program/aterrapportering"):
        assert client.get(path).status_code == 403
    assert client.get("/program/aterrapportering.docx").status_code == 403


def test_the_forms_need_a_csrf_token(csrf_app, make_user):
    leader = make_user("led2@example.se", roles=("ledning",))
    client = csrf_app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = leader.get_id()
    assert client.post("/program/ny", data=GOOD).status_code == 400
    assert client.post("/program/aterrapportering", data={"summary": "x"}).status_code == 400
    assert csrf_token_from(client.get("/program/ny").get_data(as_text=True))
