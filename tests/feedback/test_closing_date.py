"""A manager moves the last day of an open round, earlier or later, within
90 days of its start; a closed round stays closed; nobody else can."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from toolbox import clock
from toolbox.audit.models import AuditEvent
from toolbox.extensions import db
from toolbox.feedback.models import FeedbackRound
from toolbox.submissions.service import new_token


def closes_on(app, round_id: int):
    with app.app_context():
        return db.session.get(FeedbackRound, round_id).closes_on


def move(client, round_id: int, value: str):
    url = f"/aterkoppling/omgangar/{round_id}/sista-dag"
    return client.post(url, data={"closes_on": value, "submission": new_token()})


def test_the_manager_moves_the_last_day_and_respondents_see_it(
    app, client, login_as, manager, make_round
):
    found = make_round(manager, {"medarbetare": 1})
    login_as(manager)
    page = client.get(f"/aterkoppling/omgangar/{found.id}")
    assert "Ändra sista dag att svara" in page.get_data(as_text=True)
    form = client.get(f"/aterkoppling/omgangar/{found.id}/sista-dag")
    assert form.status_code == 200
    today = clock.today()
    assert (today + timedelta(days=14)).isoformat() in form.get_data(as_text=True)

    later = today + timedelta(days=30)
    response = move(client, found.id, later.isoformat())
    assert response.status_code == 302
    assert closes_on(app, found.id) == later
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Sista dag att svara är nu {later.isoformat()}" in shown
    respondent = client.get(f"/aterkoppling/svar/{found.links['medarbetare'][0]}")
    with app.test_request_context():
        long_date = app.jinja_env.filters["long_date"](later)
    assert f"Sista dag att svara: {long_date}." in respondent.get_data(as_text=True)
    with app.app_context():
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "feedback_round_moved")
        )
        assert event.actor_id == manager.id
        assert later.isoformat() in event.detail

    sooner = today + timedelta(days=1)
    assert move(client, found.id, sooner.isoformat()).status_code == 302
    assert closes_on(app, found.id) == sooner


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Fyll i sista dag att svara."),
        ("i morgon", "Skriv datumet som ÅÅÅÅ-MM-DD"),
        ("2026-02-30", "Skriv datumet som ÅÅÅÅ-MM-DD"),
        ("today", "Skriv datumet som ÅÅÅÅ-MM-DD"),
        ("0", "måste vara i morgon eller senare"),
        ("91", "högst 90 dagar"),
    ],
)
def test_a_bad_date_gets_the_form_again_and_changes_nothing(
    app, client, login_as, manager, make_round, value, message
):
    found = make_round(manager, {"medarbetare": 1})
    before = closes_on(app, found.id)
    if value.isdigit():  # days from today
        value = (clock.today() + timedelta(days=int(value))).isoformat()
    login_as(manager)
    response = move(client, found.id, value)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page
    assert f'value="{value}"' in page  # what was typed stays in the field
    assert closes_on(app, found.id) == before


def test_a_closed_round_cannot_be_moved_or_reopened(app, client, login_as, manager, make_round):
    found = make_round(manager, {"medarbetare": 1})
    login_as(manager)
    assert client.post(f"/aterkoppling/omgangar/{found.id}/avsluta").status_code == 302
    before = closes_on(app, found.id)
    later = (clock.today() + timedelta(days=20)).isoformat()
    response = move(client, found.id, later)
    assert response.status_code == 302
    assert "går inte att ändra" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert closes_on(app, found.id) == before
    with app.app_context():
        assert not db.session.get(FeedbackRound, found.id).is_open(clock.today())


def test_nobody_else_can_see_or_move_the_date(
    app, client, login_as, manager, make_round, make_user
):
    found = make_round(manager, {"medarbetare": 1})
    before = closes_on(app, found.id)
    login_as(make_user("annan.chef@example.se", roles=("chef", "hr", "ledning", "admin")))
    assert client.get(f"/aterkoppling/omgangar/{found.id}/sista-dag").status_code == 404
    later = (clock.today() + timedelta(days=20)).isoformat()
    assert move(client, found.id, later).status_code == 404
    assert closes_on(app, found.id) == before
