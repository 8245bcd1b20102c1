"""The contacts' side of a collection: invitations and proposals, the three
steps (each taken once) and HR's follow-up questions."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager, selectinload

from toolbox.audit.service import record
from toolbox.auth.models import User
from toolbox.auth.service import normalise_email
from toolbox.clock import utcnow
from toolbox.db.edits import EditRefused
from toolbox.examples.models import DONE, Collection, Example, ExampleAnswer, FollowUp
from toolbox.examples.service import StepClosed, issue_link, step_expression
from toolbox.extensions import db
from toolbox.org.models import OrgUnit
from toolbox.web.language import lazy_gettext as _l


@dataclass
class InviteData:
    unit_id: int | None
    unit_name: str
    contact_name: str
    contact_email: str
    preferred_contact: str
    contact_note: str


def _unit_taken(collection: Collection, unit_id: int | None) -> bool:
    if unit_id is None:
        return False
    query = select(Example.id).where(
        Example.collection_id == collection.id, Example.unit_id == unit_id
    )
    return db.session.scalar(query) is not None


def _add_example(collection: Collection, data: InviteData, on: date) -> Example:
    if not collection.is_open(on):
        raise EditRefused(_l("Insamlingen är avslutad. Det går inte att lägga till fler exempel."))
    taken = EditRefused(_l("Enheten finns redan med i den här insamlingen."))
    if _unit_taken(collection, data.unit_id):
        raise taken
    unit = db.session.get(OrgUnit, data.unit_id) if data.unit_id else None
    email = normalise_email(data.contact_email)
    user = db.session.scalar(select(User).where(User.email == email, User.active))
    example = Example(
        collection_id=collection.id,
        unit_id=unit.id if unit else None,
        unit_name=data.unit_name or (unit.name if unit else ""),
        contact_name=data.contact_name,
        contact_email=email,
        contact_user_id=user.id if user else None,
        preferred_contact=data.preferred_contact,
        contact_note=data.contact_note,
    )
    try:
        with db.session.begin_nested():  # two HR users inviting the same unit at once
            db.session.add(example)
            db.session.flush()
    except IntegrityError:
        raise taken from None
    return example


def invite(collection: Collection, data: InviteData, on: date) -> tuple[Example, str]:
    """Add an example to the collection and give it a link for the invitation mail."""
    example = _add_example(collection, data, on)
    return example, issue_link(example)


def units_to_propose(user: User) -> list[OrgUnit]:
    """The units a manager may propose: those they manage, else their own."""
    managed = db.session.scalars(
        select(OrgUnit).where(OrgUnit.manager_id == user.id).order_by(OrgUnit.name)
    ).all()
    if managed:
        return list(managed)
    return [user.unit] if user.unit is not None else []


def propose(
    collection: Collection, user: User, unit: OrgUnit, data: InviteData, on: date
) -> Example:
    """A manager proposes their own unit; they answer inside the portal."""
    if unit not in units_to_propose(user):
        raise EditRefused(_l("Du kan bara föreslå en enhet som du själv är chef för."))
    own = InviteData(
        unit.id, unit.name, user.name, user.email, data.preferred_contact, data.contact_note
    )
    # No link is mailed: the manager answers inside the portal.
    example = _add_example(collection, own, on)
    example.proposed_by_contact = True
    return example


def open_collections(on: date) -> list[Collection]:
    return list(
        db.session.scalars(
            select(Collection)
            .where(Collection.delivered_at.is_(None), Collection.delivery_date >= on)
            .order_by(Collection.step1_due)
        )
    )


def examples_of_contact(user: User) -> list[Example]:
    """The examples a logged-in manager is the contact for, newest first."""
    return list(
        db.session.scalars(
            select(Example)
            .options(selectinload(Example.collection))
            .where(Example.contact_user_id == user.id)
            .order_by(Example.created_at.desc(), Example.id.desc())
        )
    )


def waiting_for_contact(user: User, on: date) -> list[tuple[Example, int]]:
    """Examples in open collections where the manager has a step to answer."""
    step = step_expression()
    rows = db.session.execute(
        select(Example, step)
        .options(contains_eager(Example.collection))
        .join(Collection, Collection.id == Example.collection_id)
        .where(
            Example.contact_user_id == user.id,
            Collection.delivered_at.is_(None),
            Collection.delivery_date >= on,
            step < DONE,
        )
        .order_by(Example.id)
    )
    return [(example, s) for example, s in rows]


# -- the steps -----------------------------------------------------------------


def _updated(statement) -> bool:
    return db.session.execute(statement).rowcount == 1


def submit_story(example: Example, story: str) -> None:
    """Step 1, once: a conditional update, so a parallel second post changes nothing."""
    done = _updated(
        update(Example)
        .where(Example.id == example.id, Example.story_at.is_(None))
        .values(story=story, story_at=utcnow())
    )
    if not done:
        raise StepClosed()


def submit_inventory(example: Example, answers: dict[str, str], version: int) -> None:
    """Step 2, once, after step 1; empty answers are not stored."""
    done = _updated(
        update(Example)
        .where(
            Example.id == example.id,
            Example.story_at.is_not(None),
            Example.inventory_at.is_(None),
        )
        .values(inventory_at=utcnow(), question_set_version=version)
    )
    if not done:
        raise StepClosed()
    for key, text in answers.items():
        if text.strip():
            db.session.add(
                ExampleAnswer(example_id=example.id, question_key=key, text=text.strip())
            )


def submit_followup_answers(example: Example, answers: dict[int, str]) -> None:
    """Step 3: each sent question is answered once; an empty answer counts as answered."""
    open_ids = [f.id for f in example.open_followups]
    if not open_ids or set(answers) - set(open_ids):
        raise StepClosed()
    now = utcnow()
    for followup_id in open_ids:
        done = _updated(
            update(FollowUp)
            .where(
                FollowUp.id == followup_id,
                FollowUp.example_id == example.id,
                FollowUp.sent_at.is_not(None),
                FollowUp.answered_at.is_(None),
            )
            .values(answer=answers.get(followup_id, "").strip(), answered_at=now)
        )
        if not done:
            raise StepClosed()


def add_followup(example: Example, question: str, actor: User) -> FollowUp:
    """A draft question; the contact sees it when HR sends the questions."""
    followup = FollowUp(example=example, question=question, asked_by_id=actor.id)
    db.session.add(followup)
    return followup


def draft_followups(example: Example) -> list[FollowUp]:
    return [f for f in example.followups if f.sent_at is None]


def send_followups(example: Example, on: date) -> str:
    """Mark the drafts sent and return a new link for the mail."""
    if not example.collection.is_open(on):
        raise EditRefused(_l("Insamlingen är avslutad. Det går inte att skicka fler frågor."))
    drafts = draft_followups(example)
    if not drafts:
        raise EditRefused(_l("Det finns inga nya frågor att skicka."))
    now = utcnow()
    for followup in drafts:
        followup.sent_at = now
    return issue_link(example)


def delete_draft_followup(followup: FollowUp) -> None:
    if followup.sent_at is not None:
        raise EditRefused(_l("Frågan är redan skickad och kan inte tas bort."))
    db.session.delete(followup)


def remove_example(example: Example, actor: User) -> None:
    """HR takes an example out of its collection (a wrong unit or contact),
    with its link, material, follow-up questions and unpublished case."""
    if example.case is not None and example.case.published_at is not None:
        raise EditRefused(
            _l("Exemplet har ett publicerat case. Avpublicera caset först om exemplet ska bort.")
        )
    record(
        "example_removed",
        actor_id=actor.id,
        target=example.unit_name,
        detail=example.collection.title,
    )
    db.session.delete(example)
