"""A manager removes an open round – wrong groups, wrong people asked – with
everything in it, after a confirmation page. A closed round stays: its
results count in leadership's figures."""

from sqlalchemy import func, select

from toolbox.audit.models import AuditEvent
from toolbox.extensions import db
from toolbox.feedback.models import (
    FeedbackAnswer,
    FeedbackAreaSum,
    FeedbackInvitation,
    FeedbackResponse,
    FeedbackRound,
    RoundGroup,
)

CHILDREN = (FeedbackInvitation, FeedbackResponse, FeedbackAnswer, FeedbackAreaSum, RoundGroup)


def rows(app) -> dict[str, int]:
    with app.app_context():
        return {
            model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
            for model in (FeedbackRound, *CHILDREN)
        }


def test_the_manager_confirms_and_the_round_is_gone_with_its_answers(
    app, client, login_as, manager, make_round, answer
):
    found = make_round(manager, {"medarbetare": 3})
    answer(found.links["medarbetare"][0], 4)
    kept = make_round(manager, {"kollegor": 1})
    before = rows(app)
    assert before["feedback_responses"] == 1
    assert before["feedback_area_sums"] > 0
    login_as(manager)
    round_page = client.get(f"/aterkoppling/omgangar/{found.id}").get_data(as_text=True)
    assert f'href="/aterkoppling/omgangar/{found.id}/ta-bort"' in round_page
    confirm = client.get(f"/aterkoppling/omgangar/{found.id}/ta-bort")
    assert confirm.status_code == 200
    assert 'Ta bort omgången <span lang="sv">Återkoppling i test</span>?' in confirm.get_data(
        as_text=True
    )
    assert rows(app) == before  # the page alone removes nothing

    response = client.post(f"/aterkoppling/omgangar/{found.id}/ta-bort")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/aterkoppling/")
    after = rows(app)
    assert after["feedback_rounds"] == before["feedback_rounds"] - 1
    assert after["feedback_responses"] == 0
    assert after["feedback_answers"] == 0
    assert after["feedback_area_sums"] == 0
    assert after["feedback_invitations"] == 1  # the other round's
    with app.app_context():
        assert db.session.get(FeedbackRound, kept.id) is not None
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "feedback_round_cancelled")
        )
        assert event.actor_id == manager.id
    link = client.get(f"/aterkoppling/svar/{found.links['medarbetare'][1]}")
    assert link.status_code in (404, 410)


def test_a_closed_round_cannot_be_removed(app, client, login_as, manager, make_round):
    found = make_round(manager, {"medarbetare": 1})
    login_as(manager)
    assert client.post(f"/aterkoppling/omgangar/{found.id}/avsluta").status_code == 302
    before = rows(app)
    response = client.post(f"/aterkoppling/omgangar/{found.id}/ta-bort")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Omgången är avslutad och kan inte tas bort." in page
    assert rows(app) == before


def test_nobody_else_can_remove_a_round(app, client, login_as, manager, make_round, make_user):
    found = make_round(manager, {"medarbetare": 1})
    before = rows(app)
    login_as(make_user("annan@example.se", roles=("chef", "hr", "ledning", "admin")))
    assert client.get(f"/aterkoppling/omgangar/{found.id}/ta-bort").status_code == 404
    assert client.post(f"/aterkoppling/omgangar/{found.id}/ta-bort").status_code == 404
    assert rows(app) == before
