"""The key pages of issue 9 on the demo data: small, and grown to a larger set.

The larger set is the `large` demo seed scaled down (the seeders' size
constants patched), so that it grows every feature the way the real one does,
plus more reflections by chef@example.se, whose result page shows their
history. The benchmark (bench/run.py) loads the same pages on the full size."""

from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from toolbox import clock
from toolbox.auth.models import User
from toolbox.catalog.models import CatalogItem
from toolbox.cli import DEMO_SEEDERS
from toolbox.demo import catalog as catalog_demo
from toolbox.demo import examples as examples_demo
from toolbox.demo import feedback as feedback_demo
from toolbox.demo import org as org_demo
from toolbox.demo import reflection as reflection_demo
from toolbox.demo import tasks as tasks_demo
from toolbox.extensions import db
from toolbox.feedback.models import FeedbackRound
from toolbox.reflection import service as reflection
from toolbox.reflection.models import SUBMITTED, Reflection

# The larger set: sizes of the `large` demo branch, scaled down to seconds.
LARGER = (
    (org_demo, "LARGE_UNITS", 600),
    (org_demo, "LARGE_USERS", 800),
    (catalog_demo, "LARGE_ITEMS", 120),
    (reflection_demo, "LARGE_REFLECTIONS", 1200),
    (feedback_demo, "LARGE_RESPONSES", 500),
    (tasks_demo, "LARGE_TASKS", 120),
    (examples_demo, "LARGE_CASES", 30),
)
MORE_OWN_REFLECTIONS = 4


@dataclass(frozen=True)
class Page:
    name: str
    who: str  # the demo user who opens it: chef, hr or ledning @example.se
    path: str


@dataclass
class Demo:
    pages: list[Page]
    clients: dict  # who → a logged-in test client


@pytest.fixture
def demo(app) -> Demo:
    """The small demo data, its key pages and a logged-in client per demo user."""
    seed(app, "small")
    return Demo(key_pages(app), logged_in_clients(app))


@pytest.fixture
def grow(app, monkeypatch):
    """Call to grow the demo data to the larger set."""

    def grow_data() -> None:
        for module, name, value in LARGER:
            monkeypatch.setattr(module, name, value)
        seed(app, "large")
        add_own_reflections(app, "chef@example.se", MORE_OWN_REFLECTIONS)

    return grow_data


def seed(app, size: str) -> None:
    with app.app_context():
        content = Path(app.config["CONTENT_DIR"])
        for seeder in DEMO_SEEDERS:
            seeder(content, size)
            db.session.commit()


def key_pages(app) -> list[Page]:
    """The benchmark's pages, with the ids of the chef's own reflection and round."""
    with app.app_context():
        chef = db.session.scalar(select(User.id).where(User.email == "chef@example.se"))
        latest = db.session.scalar(
            select(Reflection.id)
            .where(Reflection.user_id == chef, Reflection.status == SUBMITTED)
            .order_by(Reflection.submitted_at.desc())
            .limit(1)
        )
        rounds = db.session.scalars(
            select(FeedbackRound)
            .where(FeedbackRound.manager_id == chef)
            .order_by(FeedbackRound.closes_on.desc())
        ).all()
        closed = next(r.id for r in rounds if not r.is_open(clock.today()))
        item = db.session.scalar(
            select(CatalogItem.slug)
            .where(CatalogItem.state == "godkand")
            .order_by(CatalogItem.priority_rank, CatalogItem.title)
            .limit(1)
        )
    return [
        Page("Min sida (chef)", "chef", "/"),
        Page("Min sida (ledning)", "ledning", "/"),
        Page("Min sida (hr)", "hr", "/"),
        Page("Katalog, lista", "chef", "/katalog/"),
        Page("Katalog, sökning", "chef", "/katalog/?q=ledarskapet"),
        Page("Katalog, objekt", "chef", f"/katalog/{item}"),
        Page("Självskattning, resultat", "chef", f"/sjalvskattning/{latest}"),
        Page("Återkoppling, resultat", "chef", f"/aterkoppling/omgangar/{closed}"),
        Page("Uppgiftsregistret", "chef", "/uppgifter/"),
        Page("Gapanalys, översikt", "ledning", "/analys/"),
        Page("Gapanalys, självskattning", "ledning", "/analys/skattning"),
        Page("Gapanalys, förutsättningar", "ledning", "/analys/forutsattningar"),
        Page("Gapanalys, katalog", "ledning", "/analys/katalog"),
    ]


def logged_in_clients(app) -> dict:
    found = {}
    with app.app_context():
        for who in ("chef", "hr", "ledning"):
            user = db.session.scalar(select(User).where(User.email == f"{who}@example.se"))
            client = app.test_client()
            with client.session_transaction() as session:
                session["_user_id"] = user.get_id()
                session["_fresh"] = True
            found[who] = client
    return found


def add_own_reflections(app, email: str, count: int) -> None:
    """Reflections submitted through the service, as the manager would."""
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.email == email))
        for number in range(count):
            draft = reflection.start(user_id)
            for section in reflection.question_set(draft).sections:
                values = {q.key: str(1 + (number + n) % 5) for n, q in enumerate(section.questions)}
                reflection.save_section(draft, section, values, "")
            reflection.submit(draft)
            db.session.commit()
