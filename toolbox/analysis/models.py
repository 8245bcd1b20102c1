"""Goals leadership sets and the actions that close the gaps."""

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from toolbox.clock import utcnow
from toolbox.extensions import db
from toolbox.privacy.periods import Period, parse
from toolbox.web.language import lazy_gettext as _l

if TYPE_CHECKING:  # the models refer to each other by name
    from toolbox.org.models import OrgUnit

ACTION_STATUSES = {"planerad": _l("Planerad"), "pagar": _l("Pågår"), "klar": _l("Klar")}


class Goal(db.Model):
    __tablename__ = "analysis_goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    metric: Mapped[str] = mapped_column(String(30))
    # The area or principle of the framework the goal is on (metrics given per focus).
    focus: Mapped[str | None] = mapped_column(String(30))
    # None: the whole organisation; otherwise the unit and everything under it.
    unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("org_units.id", ondelete="CASCADE"), index=True
    )
    target: Mapped[float]
    # A published period (toolbox.privacy.periods): "2026", "2026-H1", "2026-K3".
    period_key: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    unit: Mapped["OrgUnit | None"] = relationship(lazy="joined")
    actions: Mapped[list["Action"]] = relationship(back_populates="goal")

    __mapper_args__ = {"version_id_col": version}

    @property
    def period(self) -> Period:
        return parse(self.period_key)


class Action(db.Model):
    """A step in the åtgärdsplan, linked to a goal or to a gap in words."""

    __tablename__ = "analysis_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    goal_id: Mapped[int | None] = mapped_column(
        ForeignKey("analysis_goals.id", ondelete="SET NULL"), index=True
    )
    gap: Mapped[str] = mapped_column(String(300), default="")
    # The activity of the programme plan the action belongs to (issue 20), if any.
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("programme_activities.id", ondelete="SET NULL"), index=True
    )
    owner: Mapped[str] = mapped_column(String(200))
    # Where the owner is mailed: when given the action, and before it is due.
    owner_email: Mapped[str] = mapped_column(String(254), default="")
    due_on: Mapped[date]
    # The due date the owner was last reminded of (a changed date is reminded again).
    reminded_for: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default="planerad", index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    goal: Mapped[Goal | None] = relationship(back_populates="actions", lazy="joined")

    __mapper_args__ = {"version_id_col": version}
