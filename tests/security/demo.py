"""The demo organisation, completed so that a visitor can reach every page.

`seed-demo` leaves a few pages unreachable by links: respondent forms behind
single-use tokens, a reflection draft, a printed code batch, an unsent
follow-up question. `prepare` adds those objects through the features'
models and services, with fixed tokens so that every database seeded this
way answers at the same addresses."""

from dataclasses import dataclass, field
from decimal import Decimal

from flask import Flask
from sqlalchemy import select

from tests.conftest import PASSWORD_HASH
from toolbox import clock
from toolbox.auth.models import User
from toolbox.auth.service import make_password_link_token
from toolbox.examples import service as examples
from toolbox.examples.models import Example, ExampleCase, FollowUp
from toolbox.extensions import db
from toolbox.feedback import respond, round_views
from toolbox.feedback import service as feedback
from toolbox.feedback.models import CODE, EMAIL, FeedbackInvitation
from toolbox.feedback.tokens import format_code, hash_token
from toolbox.reflection import service as reflections
from toolbox.tasks import service as tasks
from toolbox.tasks.models import Task

DEMO_PASSWORD = "tillit-demo-2026"
DEMO_ACCOUNTS = {
    "chef": "chef@example.se",
    "hr": "hr@example.se",
    "ledning": "ledning@example.se",
    "admin": "admin@example.se",
}
VISITORS = ("anonymous", *DEMO_ACCOUNTS)
# Fixed single-use tokens (the app stores only their hashes).
FEEDBACK_LINK = "sakerhetsprov-aterkoppling-lank-0001"
FEEDBACK_CODE = "PRVKDABCDE"  # ten characters of the code alphabet
PRINTED_CODE = "PRVKDFGHJK"
EXAMPLE_LINK = "sakerhetsprov-goda-exempel-lank-0001"
LINK_USER = "lankprov@example.se"


@dataclass
class Prepared:
    """Pages to start from and session values, per visitor."""

    start: dict[str, list[str]] = field(default_factory=dict)
    session: dict[str, dict] = field(default_factory=dict)


def demo_user(role: str) -> User:
    return db.session.scalar(select(User).where(User.email == DEMO_ACCOUNTS[role]))


def user_id_of(app: Flask, visitor: str) -> str | None:
    """What Flask-Login keeps in the session for a demo account."""
    if visitor == "anonymous":
        return None
    with app.app_context():
        return demo_user(visitor).get_id()


def prepare(app: Flask) -> Prepared:
    """Complete a freshly seeded demo database (run once per database)."""
    with app.app_context():
        prepared = Prepared()
        today = clock.today()
        chef, hr = demo_user("chef"), demo_user("hr")
        chef_pages = prepared.start.setdefault("chef", [])

        draft = reflections.start(chef.id)
        db.session.flush()
        chef_pages += [f"/sjalvskattning/{draft.id}/steg/1", f"/sjalvskattning/{draft.id}/granska"]

        task = next(
            t
            for t in db.session.scalars(select(Task).order_by(Task.id))
            if tasks.endorse_refusal(t, chef) is None
        )
        tasks.endorse(task, chef, Decimal("2.0"))
        chef_pages.append(f"/uppgifter/{task.id}")

        round_ = next(r for r in feedback.rounds_of(chef.id) if r.is_open(today))
        group = round_.groups[0]
        for kind, token in ((EMAIL, FEEDBACK_LINK), (CODE, FEEDBACK_CODE), (CODE, PRINTED_CODE)):
            db.session.add(
                FeedbackInvitation(
                    round_id=round_.id,
                    rater_group=group,
                    kind=kind,
                    token_hash=hash_token(token),
                    created_on=today,
                )
            )
        chef_pages.append(f"/aterkoppling/omgangar/{round_.id}/koder/utskrift")
        prepared.session["chef"] = {
            round_views.CODES_KEY: {
                "round": round_.id,
                "group": group,
                "codes": [format_code(PRINTED_CODE)],
            }
        }
        prepared.session["anonymous"] = {respond.CODE_KEY: FEEDBACK_CODE}

        example = next(
            e
            for e in db.session.scalars(select(Example).order_by(Example.id))
            if e.collection.is_open(today)
        )
        example.token_hash = examples.hash_token(EXAMPLE_LINK)
        db.session.add(FollowUp(example_id=example.id, question="Hur gick det?", asked_by_id=hr.id))
        # A complete case back to draft, beside a published one: both buttons.
        published = db.session.scalars(
            select(ExampleCase)
            .where(ExampleCase.published_at.is_not(None))
            .order_by(ExampleCase.id)
        ).all()
        published[0].published_at = None
        prepared.start["hr"] = [
            f"/goda-exempel/exempel/{example.id}",
            f"/goda-exempel/exempel/{published[0].example_id}/case",
            f"/goda-exempel/exempel/{published[1].example_id}/case",
        ]

        link_user = User(email=LINK_USER, name="Länk Provsson", password_hash=PASSWORD_HASH)
        link_user.set_roles({"chef"})
        db.session.add(link_user)
        db.session.commit()
        password_link = make_password_link_token(link_user, app.config["SECRET_KEY"])
        prepared.start["anonymous"] = [
            f"/aterkoppling/svar/{FEEDBACK_LINK}",
            f"/goda-exempel/svar/{EXAMPLE_LINK}",
            f"/satt-losenord/{password_link}",
        ]
        return prepared
