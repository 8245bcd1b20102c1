"""Demo reflections: deterministic, idempotent, with history for chef@example.se."""

import re
from pathlib import Path

from sqlalchemy import func, select

from toolbox.auth.models import User, UserRole
from toolbox.catalog.starter import load_catalog
from toolbox.demo.org import seed_org
from toolbox.demo.reflection import seed_reflections
from toolbox.extensions import db
from toolbox.reflection import service
from toolbox.reflection.models import Reflection, ReflectionAnswer, ReflectionReminder
from toolbox.reflection.results import results_for

CONTENT = Path(__file__).resolve().parents[2] / "content"


def snapshot() -> list[tuple]:
    return db.session.execute(
        select(User.email, Reflection.submitted_at, func.sum(ReflectionAnswer.value))
        .join(Reflection, Reflection.user_id == User.id)
        .join(ReflectionAnswer, ReflectionAnswer.reflection_id == Reflection.id)
        .group_by(User.email, Reflection.id, Reflection.submitted_at)
        .order_by(User.email, Reflection.submitted_at)
    ).all()


def test_demo_reflections_are_idempotent_and_show_history(app):
    with app.app_context():
        seed_org(CONTENT, "small")
        summary = seed_reflections(CONTENT, "small")
        db.session.commit()
        first = snapshot()
        assert seed_reflections(CONTENT, "small") == summary
        db.session.commit()
        assert snapshot() == first

        chef = db.session.scalar(select(User).where(User.email == "chef@example.se"))
        rows = service.history(chef.id)
        assert len(rows) == 2
        assert rows[0].areas["styrning"].mean < rows[1].areas["styrning"].mean
        latest = results_for(rows[1].reflection)
        assert latest.previous is not None
        assert latest.areas[1].change is not None
        assert any(area.note for area in latest.areas)
        assert db.session.get(ReflectionReminder, chef.id).every_months == 6

        managers = db.session.scalars(
            select(User.id).join(UserRole).where(UserRole.role == "chef")
        ).all()
        with_reflections = db.session.scalars(select(Reflection.user_id).distinct()).all()
        assert set(with_reflections) == set(managers)
        hr = db.session.scalar(select(User.id).where(User.email == "hr@example.se"))
        assert hr not in with_reflections


def test_chefs_demo_results_have_a_recommendation(app, client):
    with app.app_context():
        seed_org(CONTENT, "small")
        load_catalog(CONTENT)
        seed_reflections(CONTENT, "small")
        db.session.commit()
        chef = db.session.scalar(select(User).where(User.email == "chef@example.se"))
        latest = service.history(chef.id)[-1].reflection.id
        session_id = chef.get_id()
    with client.session_transaction() as session:
        session["_user_id"] = session_id
    page = client.get(f"/sjalvskattning/{latest}").get_data(as_text=True)
    reasons = re.findall(r'<p class="rf-reason">([^<]+)</p>', page)
    assert reasons, "no recommendation"
    assert all(reason.startswith("Visas för att ") for reason in reasons)
    assert any("Förutsättningar fick" in r or "Styrning fick" in r for r in reasons), reasons
