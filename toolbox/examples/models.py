"""Good examples (PRODUCT.md 3.7): a collection invites examples, each example
gathers material in three steps, and HR packages the material as cases."""

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from toolbox.clock import utcnow
from toolbox.extensions import db
from toolbox.web.language import lazy_gettext as _l

if TYPE_CHECKING:  # the models refer to each other by name
    from toolbox.org.models import OrgUnit

# The steps of seed 000; DONE means nothing is waiting for the contact.
STORY, INVENTORY, FOLLOW_UP, DONE = 1, 2, 3, 4
STEP_LABELS = {
    STORY: _l("Steg 1: berättelse"),
    INVENTORY: _l("Steg 2: inventering"),
    FOLLOW_UP: _l("Steg 3: följdfrågor"),
    DONE: _l("Inget väntar"),
}
CONTACT_WAYS = {
    "epost": _l("E-post"),
    "telefon": _l("Telefon"),
    "video": _l("Videomöte"),
    "mote": _l("Möte på plats"),
}


class Collection(db.Model):
    """An insamling: purpose, timeline, invited examples and the report."""

    __tablename__ = "example_collections"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(Text, default="")
    step1_due: Mapped[date]
    step2_due: Mapped[date]
    step3_due: Mapped[date]
    delivery_date: Mapped[date]
    report_intro: Mapped[str] = mapped_column(Text, default="")
    delivered_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    examples: Mapped[list["Example"]] = relationship(
        back_populates="collection", cascade="all, delete-orphan"
    )
    report_lessons: Mapped[list["ReportLesson"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )
    report_case_rows: Mapped[list["ReportCase"]] = relationship(cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}

    def due(self, step: int) -> date | None:
        return {STORY: self.step1_due, INVENTORY: self.step2_due, FOLLOW_UP: self.step3_due}.get(
            step
        )

    def is_open(self, today: date) -> bool:
        """Links work and answers are taken until delivery."""
        return self.delivered_at is None and today <= self.delivery_date

    def report_lesson(self, area: str) -> str:
        return next((row.text for row in self.report_lessons if row.area == area), "")


class Example(db.Model):
    """One invited (or proposed) example: a unit, its contact and the material."""

    __tablename__ = "examples"

    id: Mapped[int] = mapped_column(primary_key=True)
    collection_id: Mapped[int] = mapped_column(
        ForeignKey("example_collections.id", ondelete="CASCADE"), index=True
    )
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id", ondelete="SET NULL"))
    # As HR knows the example; copied from the unit or typed when there is none.
    unit_name: Mapped[str] = mapped_column(String(200))
    contact_name: Mapped[str] = mapped_column(String(200))
    contact_email: Mapped[str] = mapped_column(String(254))
    contact_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    preferred_contact: Mapped[str] = mapped_column(String(20), default="epost")
    contact_note: Mapped[str] = mapped_column(String(300), default="")
    proposed_by_contact: Mapped[bool] = mapped_column(default=False)
    # sha256 of the one link that works now; a new link replaces it.
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    link_sent_at: Mapped[datetime | None]
    last_reminded_at: Mapped[datetime | None]
    reminders_sent: Mapped[int] = mapped_column(default=0)
    story: Mapped[str] = mapped_column(Text, default="")
    story_at: Mapped[datetime | None]
    question_set_version: Mapped[int | None]
    inventory_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    collection: Mapped[Collection] = relationship(back_populates="examples")
    unit: Mapped["OrgUnit | None"] = relationship()
    answers: Mapped[list["ExampleAnswer"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )
    followups: Mapped[list["FollowUp"]] = relationship(
        back_populates="example",
        cascade="all, delete-orphan",
        order_by="FollowUp.id",
        lazy="selectin",
    )
    case: Mapped["ExampleCase | None"] = relationship(
        back_populates="example", cascade="all, delete-orphan"
    )

    __table_args__ = (UniqueConstraint("collection_id", "unit_id"),)

    @property
    def open_followups(self) -> list["FollowUp"]:
        return [f for f in self.followups if f.sent_at is not None and f.answered_at is None]

    @property
    def current_step(self) -> int:
        """The same rule as service.step_expression, for one loaded example."""
        if self.story_at is None:
            return STORY
        if self.inventory_at is None:
            return INVENTORY
        return FOLLOW_UP if self.open_followups else DONE

    def answer(self, key: str) -> str:
        return next((row.text for row in self.answers if row.question_key == key), "")


class ExampleAnswer(db.Model):
    """An answer in the step 2 inventory, keyed by the question's stable key."""

    __tablename__ = "example_answers"

    example_id: Mapped[int] = mapped_column(
        ForeignKey("examples.id", ondelete="CASCADE"), primary_key=True
    )
    question_key: Mapped[str] = mapped_column(String(60), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")


class FollowUp(db.Model):
    """A step 3 question from HR; the contact sees it once it is sent."""

    __tablename__ = "example_followups"

    id: Mapped[int] = mapped_column(primary_key=True)
    example_id: Mapped[int] = mapped_column(
        ForeignKey("examples.id", ondelete="CASCADE"), index=True
    )
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text, default="")
    asked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    answered_at: Mapped[datetime | None]

    example: Mapped[Example] = relationship(back_populates="followups")


class ExampleCase(db.Model):
    """A packaged, de-identified case; visible outside HR only once published."""

    __tablename__ = "example_cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    example_id: Mapped[int] = mapped_column(
        ForeignKey("examples.id", ondelete="CASCADE"), unique=True
    )
    title: Mapped[str] = mapped_column(String(200))
    # The kind of unit as readers see it, e.g. "Vårdavdelning inom medicin".
    setting: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    anonymised: Mapped[bool] = mapped_column(default=False)
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(default=1)

    example: Mapped[Example] = relationship(back_populates="case")
    lessons: Mapped[list["CaseLesson"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )
    principle_rows: Mapped[list["CasePrinciple"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def principles(self) -> list[str]:
        return sorted(row.principle for row in self.principle_rows)

    def lesson(self, area: str) -> str:
        return next((row.text for row in self.lessons if row.area == area), "")


class CaseLesson(db.Model):
    """Lessons of a case within one area; a row exists only when there is text."""

    __tablename__ = "example_case_lessons"

    case_id: Mapped[int] = mapped_column(
        ForeignKey("example_cases.id", ondelete="CASCADE"), primary_key=True
    )
    area: Mapped[str] = mapped_column(String(30), primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class CasePrinciple(db.Model):
    __tablename__ = "example_case_principles"

    case_id: Mapped[int] = mapped_column(
        ForeignKey("example_cases.id", ondelete="CASCADE"), primary_key=True
    )
    principle: Mapped[str] = mapped_column(String(30), primary_key=True, index=True)


class ReportLesson(db.Model):
    """The report's summary of lessons within one area."""

    __tablename__ = "example_report_lessons"

    collection_id: Mapped[int] = mapped_column(
        ForeignKey("example_collections.id", ondelete="CASCADE"), primary_key=True
    )
    area: Mapped[str] = mapped_column(String(30), primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class ReportCase(db.Model):
    """A case chosen for the collection's report."""

    __tablename__ = "example_report_cases"

    collection_id: Mapped[int] = mapped_column(
        ForeignKey("example_collections.id", ondelete="CASCADE"), primary_key=True
    )
    case_id: Mapped[int] = mapped_column(
        ForeignKey("example_cases.id", ondelete="CASCADE"), primary_key=True
    )
