"""The task register: tasks, endorsements ("berör mig också"), comments and history."""

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, query_expression, relationship

from toolbox.clock import utcnow
from toolbox.extensions import db
from toolbox.web.language import lazy_gettext as _l

if TYPE_CHECKING:  # the models refer to each other by name
    from toolbox.auth.models import User
    from toolbox.org.models import OrgUnit

# Statuses in workflow order (PRODUCT.md 3.5); "avslagen" ends a task with a reason.
STATUS_LABELS = {
    "inkommen": _l("Inkommen"),
    "under_genomlysning": _l("Under genomlysning"),
    "beslutad": _l("Beslutad"),
    "genomfors": _l("Genomförs"),
    "genomford": _l("Genomförd"),
    "avslagen": _l("Avslagen"),
}
STATUSES = tuple(STATUS_LABELS)
# What can be done with a task: the three ways of the hospital's assignment.
ACTION_LABELS = {
    "utveckla": _l("Utveckla"),
    "avveckla": _l("Avveckla"),
    "avlasta": _l("Avlasta"),
}
FREQUENCY_LABELS = {
    "dagligen": _l("Dagligen"),
    "varje_vecka": _l("Varje vecka"),
    "varje_manad": _l("Varje månad"),
    "varje_kvartal": _l("Varje kvartal"),
    "varje_ar": _l("Varje år"),
    "vid_behov": _l("Vid behov"),
}
# Hours are kept with one decimal (six minutes), so sums are exact everywhere.
Hours = Numeric(6, 1)


class Task(db.Model):
    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(40), index=True)
    frequency: Mapped[str] = mapped_column(String(20))
    # The estimate for each of the `affected_managers` managers; managers who
    # endorse the task add their own estimate (TaskEndorsement).
    hours_per_month: Mapped[Decimal] = mapped_column(Hours)
    affected_managers: Mapped[int] = mapped_column(default=1)
    scope_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("org_units.id", ondelete="SET NULL")
    )
    action: Mapped[str | None] = mapped_column(String(20))
    receiving_function: Mapped[str | None] = mapped_column(String(40))
    assessment: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(30), default="inkommen", index=True)
    decision: Mapped[str] = mapped_column(Text, default="")
    rejection_reason: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # Realised hours freed per affected manager and month, after follow-up.
    realised_hours_per_month: Mapped[Decimal | None] = mapped_column(Hours)
    follow_up: Mapped[str] = mapped_column(Text, default="")
    realised_reported_at: Mapped[datetime | None]
    proposer_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Title and description lower-cased in Python: SQLite's lower() knows no å, ä, ö.
    search_text: Mapped[str] = mapped_column(Text, default="")
    # The key of a task loaded from content/admin_tasks.yaml (demo data only).
    seed_key: Mapped[str | None] = mapped_column(String(60), unique=True)
    version: Mapped[int] = mapped_column(default=1)
    # Filled in by queries that ask for them (toolbox.tasks.figures.measured).
    estimated_hours: Mapped[Decimal | None] = query_expression()
    manager_count: Mapped[int | None] = query_expression()

    proposer: Mapped["User | None"] = relationship(foreign_keys=[proposer_id])
    owner: Mapped["User | None"] = relationship(foreign_keys=[owner_id])
    decided_by: Mapped["User | None"] = relationship(foreign_keys=[decided_by_id])
    scope_unit: Mapped["OrgUnit | None"] = relationship()
    endorsements: Mapped[list["TaskEndorsement"]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="TaskEndorsement.id"
    )
    comments: Mapped[list["TaskComment"]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="TaskComment.id"
    )
    events: Mapped[list["TaskEvent"]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="TaskEvent.id"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action or "", _l("Ej angiven"))

    @property
    def frequency_label(self) -> str:
        return FREQUENCY_LABELS.get(self.frequency, self.frequency)


class TaskEndorsement(db.Model):
    """A manager says "berör mig också" with their own estimate."""

    __tablename__ = "task_endorsements"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    hours_per_month: Mapped[Decimal] = mapped_column(Hours)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    task: Mapped[Task] = relationship(back_populates="endorsements")
    user: Mapped["User"] = relationship()

    __table_args__ = (UniqueConstraint("task_id", "user_id"),)


class TaskComment(db.Model):
    __tablename__ = "task_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    task: Mapped[Task] = relationship(back_populates="comments")
    author: Mapped["User | None"] = relationship()


class TaskEvent(db.Model):
    """One line of a task's history: who changed what, and when."""

    __tablename__ = "task_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(30))
    from_status: Mapped[str | None] = mapped_column(String(30))
    to_status: Mapped[str | None] = mapped_column(String(30))
    detail: Mapped[str] = mapped_column(Text, default="")

    task: Mapped[Task] = relationship(back_populates="events")
    actor: Mapped["User | None"] = relationship()

    __table_args__ = (Index("ix_task_events_task_id_at", "task_id", "at"),)
