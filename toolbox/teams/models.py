"""A leadership team's dialogue, its members, their answers and what the team
agreed; and the förvaltning's own samsyn of behaviours.

An answer is stored with no link to the member who gave it (PRODUCT.md
section 5): "has answered" lives on the membership, the answers in
DialogueResponse, with no foreign key between them and the day only, not
the time. Nobody – the leader, leadership or an administrator – can open
one member's answers through the portal; pages read aggregates only."""

import secrets
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from toolbox.clock import utcnow
from toolbox.extensions import db

OPEN, CLOSED = "oppen", "stangd"
TITLE_MAX = 200
TEXT_MAX = 4000
# Answers are kept without SQLite's rowid, whose order would be the order of answering.
NO_ROWID = {"sqlite_with_rowid": False}


def random_key() -> str:
    """A response's key: random, so that keys say nothing about who answered when."""
    return secrets.token_hex(16)


class Dialogue(db.Model):
    """One leadership team's dialogue on a concept, opened by its leader."""

    __tablename__ = "team_dialogues"

    id: Mapped[int] = mapped_column(primary_key=True)
    leader_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # The leader's unit when the dialogue was opened: leadership's overview groups by it.
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id", ondelete="SET NULL"))
    team_name: Mapped[str] = mapped_column(String(TITLE_MAX))
    concept: Mapped[str] = mapped_column(String(40))
    # The version of content/ledningsgrupp.yaml the members answered on.
    content_version: Mapped[int]
    status: Mapped[str] = mapped_column(String(20), default=OPEN)
    meeting_on: Mapped[date | None]
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    # The agreement, recorded by the leader after the meeting.
    agreed_at: Mapped[datetime | None]
    commitments: Mapped[str] = mapped_column(Text, default="")
    followup_on: Mapped[date | None]
    # The day the leader was mailed about the follow-up (send-reminders claims it).
    followup_reminded_on: Mapped[date | None]
    followed_up_at: Mapped[datetime | None]
    followup_note: Mapped[str] = mapped_column(Text, default="")
    # Sealing after the close (seal.py): claimed by one worker, done on this day.
    seal_claimed_at: Mapped[datetime | None]
    sealed_on: Mapped[date | None]
    version: Mapped[int] = mapped_column(default=1)

    members: Mapped[list["DialogueMember"]] = relationship(
        back_populates="dialogue", cascade="all, delete-orphan"
    )
    choices: Mapped[list["AgreedBehaviour"]] = relationship(
        cascade="all, delete-orphan", order_by="AgreedBehaviour.behaviour"
    )

    __table_args__ = (
        Index("ix_team_dialogues_leader", "leader_id", "opened_at"),
        CheckConstraint(f"status IN ('{OPEN}', '{CLOSED}')", name="status_known"),
    )

    @property
    def is_open(self) -> bool:
        return self.status == OPEN


class DialogueMember(db.Model):
    """An invited member; `answered` says whether they have, never what, and
    only while the dialogue is open: the seal sets it back to False for all."""

    __tablename__ = "team_dialogue_members"

    dialogue_id: Mapped[int] = mapped_column(
        ForeignKey("team_dialogues.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    answered: Mapped[bool] = mapped_column(default=False)

    dialogue: Mapped[Dialogue] = relationship(back_populates="members")
    user: Mapped["User"] = relationship()  # noqa: F821 - toolbox.auth.models


class DialogueResponse(db.Model):
    """One member's answers, without the member: the day it came, not who."""

    __tablename__ = "team_dialogue_responses"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_key)
    dialogue_id: Mapped[int] = mapped_column(
        ForeignKey("team_dialogues.id", ondelete="CASCADE"), index=True
    )
    submitted_on: Mapped[date]
    meaning: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (NO_ROWID,)


class DialogueRating(db.Model):
    """How established a behaviour is, 1–5; NULL: "Vet ej"."""

    __tablename__ = "team_dialogue_ratings"

    response_id: Mapped[str] = mapped_column(
        ForeignKey("team_dialogue_responses.id", ondelete="CASCADE"), primary_key=True
    )
    behaviour: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[int | None]

    __table_args__ = (
        CheckConstraint("value IS NULL OR (value BETWEEN 1 AND 5)", name="value_range"),
        NO_ROWID,
    )


class DialoguePriority(db.Model):
    """A behaviour the member chose as one of the most important next."""

    __tablename__ = "team_dialogue_priorities"

    response_id: Mapped[str] = mapped_column(
        ForeignKey("team_dialogue_responses.id", ondelete="CASCADE"), primary_key=True
    )
    behaviour: Mapped[str] = mapped_column(String(60), primary_key=True)

    __table_args__ = (NO_ROWID,)


class AgreedBehaviour(db.Model):
    """A behaviour the team agreed to strengthen (a decision, not an answer)."""

    __tablename__ = "team_dialogue_agreed"

    dialogue_id: Mapped[int] = mapped_column(
        ForeignKey("team_dialogues.id", ondelete="CASCADE"), primary_key=True
    )
    behaviour: Mapped[str] = mapped_column(String(60), primary_key=True)


class SharedView(db.Model):
    """The förvaltning's samsyn of behaviours, as recorded by leadership; each
    save is kept, the newest is the current one."""

    __tablename__ = "team_shared_views"

    id: Mapped[int] = mapped_column(primary_key=True)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    text: Mapped[str] = mapped_column(Text)
    behaviours: Mapped[str] = mapped_column(String(1000), default="")  # keys, comma-separated

    recorded_by: Mapped["User | None"] = relationship()  # noqa: F821 - toolbox.auth.models

    @property
    def behaviour_keys(self) -> list[str]:
        return [key for key in self.behaviours.split(",") if key]
