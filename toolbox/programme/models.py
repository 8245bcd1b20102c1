"""The programme's activities and the report's editable introduction per period."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from toolbox.clock import utcnow
from toolbox.extensions import db
from toolbox.web.language import lazy_gettext as _l

PLANNED, ONGOING, DONE, CANCELLED = "planerad", "pagar", "genomford", "avbruten"
STATUS_LABELS = {
    PLANNED: _l("Planerad"),
    ONGOING: _l("Pågår"),
    DONE: _l("Genomförd"),
    CANCELLED: _l("Avbruten"),
}
TITLE_MAX = 300
TEXT_MAX = 4000
KNOWN_STATUSES = ", ".join(f"'{key}'" for key in STATUS_LABELS)


class Activity(db.Model):
    """One activity of the programme plan, edited by leadership."""

    __tablename__ = "programme_activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    track: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    owner: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default=PLANNED)
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    outcome: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (CheckConstraint(f"status IN ({KNOWN_STATUSES})", name="status_known"),)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


class ReportIntro(db.Model):
    """The report's own summary text for one published period ("2026-H2")."""

    __tablename__ = "programme_report_intros"

    period_key: Mapped[str] = mapped_column(String(10), primary_key=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}
