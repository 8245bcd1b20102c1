"""Demo data: a delivered collection with ten published cases and a running
collection with examples at every step; a second run changes nothing."""

from pathlib import Path

from sqlalchemy import func, select

from toolbox import clock
from toolbox.demo.examples import DELIVERED, RUNNING, seed_examples
from toolbox.demo.org import seed_org
from toolbox.examples.models import Collection, Example, ExampleCase, ReportCase
from toolbox.examples.service import board
from toolbox.extensions import db

CONTENT = Path(__file__).resolve().parents[2] / "content"


def test_demo_collections_are_seeded_once(app):
    with app.app_context():
        seed_org(CONTENT, "small")
        first = seed_examples(CONTENT, "small")
        db.session.commit()
        second = seed_examples(CONTENT, "small")
        db.session.commit()
        assert first == second == "2 insamlingar av goda exempel, 17 exempel, 10 publicerade case"
        delivered = db.session.scalar(select(Collection).where(Collection.title == DELIVERED))
        assert delivered.delivered_at is not None
        assert len(delivered.report_lessons) == 3
        chosen = db.session.scalar(
            select(func.count())
            .select_from(ReportCase)
            .where(ReportCase.collection_id == delivered.id)
        )
        assert chosen == 10
        running = db.session.scalar(select(Collection).where(Collection.title == RUNNING))
        assert running.is_open(clock.today())
        steps = {row.step for row in board(running, clock.today())}
        assert steps == {1, 2, 3, 4}
        assert any(row.behind for row in board(running, clock.today()))
        drafts = db.session.scalar(
            select(func.count())
            .select_from(ExampleCase)
            .join(Example)
            .where(Example.collection_id == running.id, ExampleCase.published_at.is_(None))
        )
        assert drafts == 1
        chef_example = db.session.scalar(
            select(Example).where(Example.contact_email == "chef@example.se")
        )
        assert chef_example.proposed_by_contact
        assert chef_example.current_step == 1
