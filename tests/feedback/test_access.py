"""Acceptance 4: every URL of one manager's round answers 404 to every other
demo account – HR, leadership (also a manager) and the administrator – for
every method, and changes nothing."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from toolbox.auth.models import User
from toolbox.demo.feedback import seed_feedback
from toolbox.demo.org import seed_org
from toolbox.extensions import db
from toolbox.feedback.models import FeedbackInvitation, FeedbackRound

OTHERS = ("hr@example.se", "ledning@example.se", "admin@example.se")
ROUND_PREFIX = "/aterkoppling/omgangar/"


@pytest.fixture
def demo(app):
    """The demo organisation and chef@example.se's demo rounds."""
    with app.app_context():
        content = Path(app.config["CONTENT_DIR"])
        seed_org(content, "small")
        seed_feedback(content, "small")
        db.session.commit()
        chef = db.session.scalar(select(User).where(User.email == "chef@example.se"))
        rounds = db.session.scalars(
            select(FeedbackRound.id).where(FeedbackRound.manager_id == chef.id)
        ).all()
        ids = {u.email: u.get_id() for u in db.session.scalars(select(User))}
        return {"rounds": rounds, "session_ids": ids}


def round_rules(app):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.rule.startswith(ROUND_PREFIX):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule.rule, method


def log_in(client, session_id: str) -> None:
    with client.session_transaction() as session:
        session["_user_id"] = session_id
        session["_fresh"] = True


def state(app):
    with app.app_context():
        return (
            db.session.execute(select(FeedbackRound.id, FeedbackRound.closed_on)).all(),
            db.session.scalar(select(func.count()).select_from(FeedbackInvitation)),
        )


@pytest.mark.parametrize("email", OTHERS)
def test_every_round_url_is_404_to_everyone_else(app, client, demo, email):
    rules = list(round_rules(app))
    assert len(rules) >= 10
    before = state(app)
    checked = 0
    for round_id in demo["rounds"]:
        for rule, method in rules:
            log_in(client, demo["session_ids"][email])
            path = rule.replace("<int:round_id>", str(round_id))
            response = client.open(path, method=method, data={"count": "5", "addresses": "a@b.se"})
            assert response.status_code == 404, f"{method} {path} as {email}"
            checked += 1
    assert checked == len(rules) * len(demo["rounds"]) >= 30
    assert state(app) == before


def test_the_manager_reaches_every_round(app, client, demo):
    log_in(client, demo["session_ids"]["chef@example.se"])
    for round_id in demo["rounds"]:
        assert client.get(f"{ROUND_PREFIX}{round_id}").status_code == 200
        assert client.get(f"{ROUND_PREFIX}{round_id}/koder/utskrift").status_code == 200
