"""Collections, invitations, contact links and the three steps: the rules,
without the request. Packaging and the library are in packaging.py."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, case, func, or_, select

from toolbox.auth.models import User
from toolbox.clock import start_of_day, utcnow
from toolbox.db.edits import EditConflict
from toolbox.examples.models import (
    DONE,
    FOLLOW_UP,
    INVENTORY,
    STORY,
    Collection,
    Example,
    ExampleCase,
    FollowUp,
)
from toolbox.extensions import db

TOKEN_BYTES = 32
MAX_TOKEN_LENGTH = 100


class StepClosed(Exception):
    """The step was already submitted, or is not open yet."""


# -- collections ---------------------------------------------------------------


@dataclass
class CollectionData:
    title: str
    purpose: str
    step1_due: date
    step2_due: date
    step3_due: date
    delivery_date: date


def create_collection(data: CollectionData, actor: User) -> Collection:
    collection = Collection(created_by_id=actor.id, **vars(data))
    db.session.add(collection)
    db.session.flush()
    return collection


def update_collection(collection: Collection, data: CollectionData, version: int) -> None:
    """Apply an edit made on version `version` of the collection."""
    if version != collection.version:
        raise EditConflict()
    for key, value in vars(data).items():
        setattr(collection, key, value)


def open_followup_count() -> ColumnElement[int]:
    return (
        select(func.count(FollowUp.id))
        .where(
            FollowUp.example_id == Example.id,
            FollowUp.sent_at.is_not(None),
            FollowUp.answered_at.is_(None),
        )
        .correlate(Example)
        .scalar_subquery()
    )


def step_expression() -> ColumnElement[int]:
    """The step an example waits at, in SQL (same rule as Example.current_step)."""
    return case(
        (Example.story_at.is_(None), STORY),
        (Example.inventory_at.is_(None), INVENTORY),
        (open_followup_count() > 0, FOLLOW_UP),
        else_=DONE,
    )


def behind_expression(on: date) -> ColumnElement[bool]:
    """The due date of the example's current step has passed (needs Collection joined)."""
    step = step_expression()
    return or_(
        and_(step == STORY, Collection.step1_due < on),
        and_(step == INVENTORY, Collection.step2_due < on),
        and_(step == FOLLOW_UP, Collection.step3_due < on),
    )


@dataclass(frozen=True)
class CollectionRow:
    collection: Collection
    examples: int
    behind: int
    published: int


def collections_overview(on: date) -> list[CollectionRow]:
    """Every collection with its counts, newest first, in one query."""
    per_collection = (
        select(
            Example.collection_id.label("cid"),
            func.count(Example.id).label("examples"),
            func.sum(case((behind_expression(on), 1), else_=0)).label("behind"),
            func.count(ExampleCase.published_at).label("published"),
        )
        .join(Collection, Collection.id == Example.collection_id)
        .outerjoin(ExampleCase, ExampleCase.example_id == Example.id)
        .group_by(Example.collection_id)
        .subquery()
    )
    rows = db.session.execute(
        select(
            Collection,
            per_collection.c.examples,
            per_collection.c.behind,
            per_collection.c.published,
        )
        .outerjoin(per_collection, per_collection.c.cid == Collection.id)
        .order_by(Collection.delivery_date.desc(), Collection.id.desc())
    )
    return [CollectionRow(c, n or 0, int(b or 0), p or 0) for c, n, b, p in rows]


# -- the status board ------------------------------------------------------------


@dataclass(frozen=True)
class BoardRow:
    example: Example
    step: int
    behind: bool
    followups_sent: int
    followups_answered: int
    case_id: int | None
    case_published: bool


def board(collection: Collection, on: date) -> list[BoardRow]:
    """Every example of the collection with its step, in one query."""
    sent = (
        select(func.count(FollowUp.id))
        .where(FollowUp.example_id == Example.id, FollowUp.sent_at.is_not(None))
        .correlate(Example)
        .scalar_subquery()
    )
    answered = (
        select(func.count(FollowUp.id))
        .where(FollowUp.example_id == Example.id, FollowUp.answered_at.is_not(None))
        .correlate(Example)
        .scalar_subquery()
    )
    query = (
        select(
            Example,
            step_expression(),
            behind_expression(on),
            sent,
            answered,
            ExampleCase.id,
            ExampleCase.published_at,
        )
        .join(Collection, Collection.id == Example.collection_id)
        .outerjoin(ExampleCase, ExampleCase.example_id == Example.id)
        .where(Example.collection_id == collection.id)
        .order_by(func.lower(Example.unit_name), Example.id)
    )
    return [
        BoardRow(example, step, bool(behind), s, a, case_id, published is not None)
        for example, step, behind, s, a, case_id, published in db.session.execute(query)
    ]


def step_counts(collection: Collection) -> dict[int, int]:
    """How many examples wait at each step, counted in SQL."""
    steps = (
        select(step_expression().label("step"))
        .where(Example.collection_id == collection.id)
        .subquery()
    )
    counts = dict(
        db.session.execute(select(steps.c.step, func.count()).group_by(steps.c.step)).all()
    )
    return {step: counts.get(step, 0) for step in (STORY, INVENTORY, FOLLOW_UP, DONE)}


# -- links ---------------------------------------------------------------------


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_link(example: Example) -> str:
    """A new random link for the example; any earlier link stops working."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    example.token_hash = hash_token(token)
    example.link_sent_at = utcnow()
    return token


@dataclass(frozen=True)
class LinkLookup:
    example: Example | None
    expired: bool = False


def example_for_token(token: str, on: date) -> LinkLookup:
    """The one example a link opens, and whether its collection has closed."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return LinkLookup(None)
    example = db.session.scalar(select(Example).where(Example.token_hash == hash_token(token)))
    if example is None:
        return LinkLookup(None)
    return LinkLookup(example, expired=not example.collection.is_open(on))


# -- reminders -----------------------------------------------------------------


def due_for_reminder(collection: Collection, on: date, example_id: int | None = None):
    """Examples behind their step's due date and not reminded today."""
    query = (
        select(Example)
        .join(Collection, Collection.id == Example.collection_id)
        .where(
            Example.collection_id == collection.id,
            behind_expression(on),
            or_(Example.last_reminded_at.is_(None), Example.last_reminded_at < start_of_day(on)),
        )
        .order_by(Example.id)
    )
    if example_id is not None:
        query = query.where(Example.id == example_id)
    return list(db.session.scalars(query))


def mark_reminded(example: Example) -> str:
    """Count the reminder and return a new link for it."""
    example.last_reminded_at = utcnow()
    example.reminders_sent += 1
    return issue_link(example)
