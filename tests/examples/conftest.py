"""Fixtures for good examples: collections, invited examples with their link
token, and helpers that read the database in a fresh context."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from toolbox import clock
from toolbox.auth.models import User
from toolbox.examples import contacts, packaging, service
from toolbox.examples.models import Collection, Example, ExampleCase
from toolbox.extensions import db

LINK = re.compile(r"http://127\.0\.0\.1(/goda-exempel/svar/[A-Za-z0-9_-]+)")


def link_in(body: str) -> str:
    match = LINK.search(body)
    assert match, "no contact link in the mail"
    return match.group(1)


@pytest.fixture
def hr(make_user) -> User:
    return make_user("hr@example.se", roles=("hr",), name="Hanna HR")


@pytest.fixture
def hr_client(hr, login_as, client):
    login_as(hr)
    return client


@pytest.fixture
def make_collection(app, hr):
    """A collection whose steps are due in the future (or as given); returns its id."""

    def make(title: str = "Goda exempel 2026", **dates) -> int:
        on = clock.today()
        values = {
            "step1_due": on + timedelta(days=7),
            "step2_due": on + timedelta(days=14),
            "step3_due": on + timedelta(days=21),
            "delivery_date": on + timedelta(days=30),
        } | dates
        with app.app_context():
            data = service.CollectionData(title=title, purpose="Att lära av varandra.", **values)
            collection = service.create_collection(data, db.session.get(User, hr.id))
            db.session.commit()
            return collection.id

    return make


@pytest.fixture
def invite_example(app):
    """Invite a contact to a collection; returns (example id, link token)."""
    counter = iter(range(1, 1000))

    def invite(collection_id: int, unit_name: str | None = None, email: str | None = None):
        number = next(counter)
        with app.app_context():
            collection = db.session.get(Collection, collection_id)
            data = contacts.InviteData(
                unit_id=None,
                unit_name=unit_name or f"Vårdavdelning {number}",
                contact_name=f"Kontakt {number}",
                contact_email=email or f"kontakt{number}@example.se",
                preferred_contact="telefon",
                contact_note="",
            )
            example, token = contacts.invite(collection, data, clock.today())
            db.session.commit()
            return example.id, token

    return invite


@pytest.fixture
def load(app):
    """Read one row in a fresh application context (detached, attributes loaded)."""

    def get(model, ident):
        with app.app_context():
            row = db.session.get(model, ident)
            if row is not None:
                db.session.refresh(row)
                db.session.expunge(row)
            return row

    return get


@pytest.fixture
def published_case(app, make_collection, invite_example, hr):
    """A published case in a collection; returns (case id, example id)."""

    def make(
        title: str = "Tre mål i stället för tjugo",
        area: str = "styrning",
        principle: str = "helhetssyn",
        text: str = "Få mål ger riktning.",
    ) -> tuple[int, int]:
        collection_id = make_collection(title=f"Insamling för {title}")
        example_id, _token = invite_example(collection_id)
        with app.app_context():
            example = db.session.get(Example, example_id)
            actor = db.session.get(User, hr.id)
            data = packaging.CaseData(
                title=title,
                setting="En vårdavdelning",
                summary="Sammanfattning av exemplet.",
                lessons={area: text},
                principles={principle},
                anonymised=True,
            )
            case = packaging.save_case(example, data, None, actor)
            packaging.publish(case, actor)
            db.session.commit()
            return case.id, example_id

    return make


def example_by_unit(app, unit_name: str) -> Example:
    with app.app_context():
        example = db.session.scalar(select(Example).where(Example.unit_name == unit_name))
        db.session.expunge(example)
        return example


def case_of(app, example_id: int) -> ExampleCase | None:
    with app.app_context():
        return db.session.scalar(select(ExampleCase).where(ExampleCase.example_id == example_id))
