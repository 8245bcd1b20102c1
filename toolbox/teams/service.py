"""The dialogue's rules: opening it, answering once, closing, the agreement
and its follow-up. Plain functions; the caller commits."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.teams.models import (
    CLOSED,
    OPEN,
    AgreedBehaviour,
    Dialogue,
    DialogueMember,
    DialoguePriority,
    DialogueRating,
    DialogueResponse,
)


@dataclass(frozen=True)
class Answers:
    """What one member answered; None in ratings is "Vet ej"."""

    meaning: str
    ratings: Mapping[str, int | None]
    priorities: tuple[str, ...]


def users_by_email(emails: Iterable[str]) -> tuple[list[User], list[str]]:
    """The active users with these addresses, and the addresses that match none."""
    wanted = sorted({email.strip().lower() for email in emails if email.strip()})
    found = db.session.scalars(
        select(User).where(func.lower(User.email).in_(wanted), User.active.is_(True))
    ).all()
    known = {user.email.lower() for user in found}
    return sorted(found, key=lambda u: u.name), [e for e in wanted if e not in known]


def open_dialogue(
    leader: User,
    team_name: str,
    concept: str,
    meeting_on: date | None,
    members: list[User],
    content_version: int,
) -> Dialogue:
    dialogue = Dialogue(
        leader_id=leader.id,
        unit_id=leader.unit_id,
        team_name=team_name,
        concept=concept,
        meeting_on=meeting_on,
        content_version=content_version,
    )
    dialogue.members = [DialogueMember(user_id=user.id) for user in members]
    db.session.add(dialogue)
    db.session.flush()
    return dialogue


def add_members(dialogue: Dialogue, users: list[User]) -> list[User]:
    """Invite more members while answers are collected; gives those who were new."""
    present = {member.user_id for member in dialogue.members}
    new = [user for user in users if user.id not in present]
    dialogue.members.extend(DialogueMember(user_id=user.id) for user in new)
    return new


def dialogue_for(dialogue_id: int, user_id: int) -> Dialogue | None:
    """The dialogue, for its leader or one of its members only."""
    member = select(DialogueMember.dialogue_id).where(
        DialogueMember.dialogue_id == dialogue_id, DialogueMember.user_id == user_id
    )
    return db.session.scalar(
        select(Dialogue)
        .options(
            selectinload(Dialogue.members).selectinload(DialogueMember.user),
            selectinload(Dialogue.choices),
        )
        .where(
            Dialogue.id == dialogue_id,
            (Dialogue.leader_id == user_id) | Dialogue.id.in_(member),
        )
    )


def membership(dialogue: Dialogue, user_id: int) -> DialogueMember | None:
    return db.session.get(DialogueMember, (dialogue.id, user_id))


def submit(dialogue: Dialogue, user_id: int, answers: Answers, today: date) -> bool:
    """Store a member's answers once, with no link to the member; False when
    the dialogue is closed or the member has answered already (a double post)."""
    # Write to the dialogue's row first: the leader's close waits for this
    # answer to commit (or this finds it closed), so no answer lands after the
    # close and its seal – the results, once shown, never change.
    still_open = db.session.execute(
        update(Dialogue)
        .where(Dialogue.id == dialogue.id, Dialogue.status == OPEN)
        .values(status=OPEN)
        .execution_options(synchronize_session=False)
    )
    if still_open.rowcount != 1:
        return False
    claimed = db.session.execute(
        update(DialogueMember)
        .where(
            DialogueMember.dialogue_id == dialogue.id,
            DialogueMember.user_id == user_id,
            DialogueMember.answered.is_(False),
        )
        .values(answered=True)
    )
    if claimed.rowcount != 1:
        return False
    response = DialogueResponse(
        dialogue_id=dialogue.id, submitted_on=today, meaning=answers.meaning.strip()
    )
    db.session.add(response)
    db.session.flush()
    db.session.add_all(
        DialogueRating(response_id=response.id, behaviour=key, value=value)
        for key, value in answers.ratings.items()
    )
    db.session.add_all(
        DialoguePriority(response_id=response.id, behaviour=key) for key in answers.priorities
    )
    return True


def close(dialogue: Dialogue, now: datetime) -> None:
    """No more answers: the results show (with enough answers) and stay fixed."""
    if dialogue.is_open:
        dialogue.status = CLOSED
        dialogue.closed_at = now


def record_agreement(
    dialogue: Dialogue, behaviours: list[str], commitments: str, followup_on: date, now: datetime
) -> None:
    dialogue.choices = [AgreedBehaviour(behaviour=key) for key in behaviours]
    dialogue.commitments = commitments.strip()
    if followup_on != dialogue.followup_on:
        dialogue.followup_reminded_on = None  # a new date, a new reminder
    dialogue.followup_on = followup_on
    dialogue.agreed_at = dialogue.agreed_at or now
    dialogue.version += 1


def record_followup(dialogue: Dialogue, note: str, now: datetime) -> None:
    dialogue.followup_note = note.strip()
    dialogue.followed_up_at = now


def answered_count(dialogue_id: int) -> int:
    return db.session.scalar(
        select(func.count()).where(DialogueResponse.dialogue_id == dialogue_id)
    )


def led_by(user_id: int) -> list[Dialogue]:
    return list(
        db.session.scalars(
            select(Dialogue)
            .where(Dialogue.leader_id == user_id)
            .order_by(Dialogue.opened_at.desc())
        )
    )


def member_of(user_id: int) -> list[tuple[Dialogue, bool]]:
    """The dialogues the user is invited to, with whether they have answered."""
    rows = db.session.execute(
        select(Dialogue, DialogueMember.answered)
        .join(DialogueMember, DialogueMember.dialogue_id == Dialogue.id)
        .where(DialogueMember.user_id == user_id)
        .order_by(Dialogue.opened_at.desc())
    )
    return [(dialogue, answered) for dialogue, answered in rows]
