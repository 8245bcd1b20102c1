"""A manager who moves takes no published figure along (issue 16): the
reflection and the feedback round count for good in the unit the manager had
when submitting or opening, so comparing a figure before and after a move
reveals nothing. (Found by a tester: A's 2025-H1 index went from 64 to 75
when one of its seven managers moved to a new unit.)"""

from datetime import date, timedelta

from sqlalchemy import select

from toolbox import clock
from toolbox.analysis import service
from toolbox.analysis.metrics import metrics
from toolbox.analysis.scopes import Tree
from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.feedback import summary as feedback_summary
from toolbox.feedback.models import FeedbackAnswer, FeedbackResponse, FeedbackRound
from toolbox.org.models import OrgUnit
from toolbox.privacy.periods import quarter

MIN = 5


def figures(tree: Tree, metric, period, area: str) -> dict:
    table = service.table(metric, area, period.year, clock.today(), MIN)
    return {node: table.figure(node, period) for node in [None, *tree.nodes]}


def test_a_move_changes_no_published_reflection_figure(ctx, org, add_managers, half_year):
    seventh = add_managers(org["A"], [1])[0]
    metric = metrics((10, 30))["skattning"]
    before = figures(Tree.load(), metric, half_year, "ledarskap")
    assert before[org["A"]].people == 7
    assert not before[org["A"]].suppressed

    moved = db.session.get(User, seventh.id)
    moved.unit = OrgUnit(code="D", name="Verksamhet D", level="verksamhet", parent_id=org["TOP"])
    db.session.commit()
    tree = Tree.load()
    after = figures(tree, metric, half_year, "ledarskap")
    assert after[org["A"]] == before[org["A"]]
    assert after[moved.unit_id].people == 0  # the new unit has no past answers
    assert {k: v for k, v in after.items() if k in before} == before


def test_a_move_changes_no_published_feedback_figure(ctx, org, make_user):
    manager = make_user("fb-chef@example.se", roles=("chef",), unit_id=org["A"])
    closed = date(clock.today().year - 1, 2, 20)
    round_ = FeedbackRound(
        manager_id=manager.id,
        title="Omgång",
        question_set_version=1,
        opened_on=closed - timedelta(days=20),
        closes_on=closed,
    )
    db.session.add(round_)
    db.session.flush()
    assert round_.unit_id == org["A"]
    for value in (4, 5, 3, 4, 2):
        response = FeedbackResponse(
            round_id=round_.id, rater_group="medarbetare", submitted_on=closed
        )
        db.session.add(response)
        db.session.flush()
        db.session.add(
            FeedbackAnswer(
                response_id=response.id, question_key="q1", area="ledarskap", value=value
            )
        )
        feedback_summary.add([response.id])
    db.session.commit()
    metric = metrics((10, 30))["aterkoppling"]
    quarter_one = quarter(closed.year, 1)
    before = figures(Tree.load(), metric, quarter_one, "ledarskap")
    assert before[org["A"]].people == 5

    db.session.execute(select(User).where(User.id == manager.id)).scalar_one().unit_id = org["B"]
    db.session.commit()
    assert figures(Tree.load(), metric, quarter_one, "ledarskap") == before
