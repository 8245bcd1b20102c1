"""Mina uppgifter (PRODUCT.md section 5): a user downloads all their own data
as JSON – never who answered their feedback or what – and deletes their
reflections and drafts. Both are in the audit log. On the demo data, on
SQLite and PostgreSQL."""

import json

from sqlalchemy import func, select

from tests.security.conftest import visitor_client
from toolbox.audit.models import AuditEvent
from toolbox.auth.models import User
from toolbox.catalog.models import PlanEntry
from toolbox.extensions import db
from toolbox.feedback.models import FeedbackComment, FeedbackInvitation, FeedbackRound
from toolbox.reflection.models import Reflection, ReflectionNote
from toolbox.tasks.models import Task

CHEF = "chef@example.se"


def chef_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == CHEF))


def count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def download(app, demo_seed) -> tuple[dict, str]:
    client = visitor_client(app, "chef", demo_seed.prepared)
    page = client.get("/konto/mina-uppgifter")
    assert page.status_code == 200
    assert "Ladda ner mina uppgifter" in page.get_data(as_text=True)
    response = client.post("/konto/mina-uppgifter")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_data(as_text=True)
    return json.loads(body), body


def test_the_download_holds_the_users_own_data(demo_app, demo_seed):
    data, _ = download(demo_app, demo_seed)
    user_id = chef_id(demo_app)
    assert data["konto"]["epost"] == CHEF
    assert "chef" in data["konto"]["roller"]
    assert data["konto"]["enhet"]["namn"]
    assert "password_hash" not in json.dumps(data)
    assert "session_token" not in json.dumps(data)
    plan = data["katalog"]["utvecklingsplan"]
    assert len(plan) == count(demo_app, PlanEntry, PlanEntry.user_id == user_id) > 0
    assert any(entry["betyg"] for entry in plan)
    reflections = data["sjalvskattning"]["sjalvskattningar"]
    assert len(reflections) == count(demo_app, Reflection, Reflection.user_id == user_id) > 0
    proposals = data["administrativa_uppgifter"]["forslag"]
    assert len(proposals) == count(demo_app, Task, Task.proposer_id == user_id)
    assert data["administrativa_uppgifter"]["beror_mig_ocksa"]  # prepared by the demo
    rounds = data["aterkoppling"]
    assert len(rounds) == count(demo_app, FeedbackRound, FeedbackRound.manager_id == user_id) > 0
    assert {"titel", "grupper", "oppnad", "sista_svarsdag"} <= rounds[0].keys()


def test_the_download_never_names_a_respondent_or_what_they_said(demo_app, demo_seed):
    _, body = download(demo_app, demo_seed)
    user_id = chef_id(demo_app)
    with demo_app.app_context():
        rounds = select(FeedbackRound.id).where(FeedbackRound.manager_id == user_id)
        emails = db.session.scalars(
            select(FeedbackInvitation.email).where(
                FeedbackInvitation.round_id.in_(rounds), FeedbackInvitation.email.is_not(None)
            )
        ).all()
        comments = db.session.scalars(
            select(FeedbackComment.text).where(FeedbackComment.round_id.in_(rounds))
        ).all()
    assert emails or comments, "the demo chef's rounds should have invitations or comments"
    for secret in [*emails, *comments]:
        assert secret not in body


def test_the_download_is_in_the_audit_log(demo_app, demo_seed):
    before = count(demo_app, AuditEvent, AuditEvent.action == "account_exported")
    download(demo_app, demo_seed)
    assert count(demo_app, AuditEvent, AuditEvent.action == "account_exported") == before + 1


def test_deleting_takes_every_reflection_and_draft_and_nothing_else(demo_app, demo_seed):
    user_id = chef_id(demo_app)
    mine = Reflection.user_id == user_id
    others = count(demo_app, Reflection, Reflection.user_id != user_id)
    assert count(demo_app, Reflection, mine) > 0
    client = visitor_client(demo_app, "chef", demo_seed.prepared)
    unconfirmed = client.post("/konto/mina-uppgifter/radera-sjalvskattningar", data={})
    assert unconfirmed.status_code == 422
    assert "Kryssa i rutan" in unconfirmed.get_data(as_text=True)
    assert count(demo_app, Reflection, mine) > 0

    confirmed = client.post("/konto/mina-uppgifter/radera-sjalvskattningar", data={"confirm": "y"})
    assert confirmed.status_code == 302
    assert count(demo_app, Reflection, mine) == 0
    assert count(demo_app, Reflection, Reflection.user_id != user_id) == others
    with demo_app.app_context():
        orphans = db.session.scalar(
            select(func.count())
            .select_from(ReflectionNote)
            .where(~ReflectionNote.reflection_id.in_(select(Reflection.id)))
        )
    assert orphans == 0
    assert count(demo_app, AuditEvent, AuditEvent.action == "account_reflections_deleted") == 1
    page = client.get("/konto/mina-uppgifter").get_data(as_text=True)
    assert "Du har inga självskattningar sparade." in page
