"""Reflections, their answers and free-text notes, and reminder rhythms.

A reflection belongs to its author only (PRODUCT.md section 5): every read
goes through service.own_reflection, which filters on the author."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from toolbox.clock import utcnow
from toolbox.extensions import db
from toolbox.web.language import lazy_gettext as _l

QUESTION_SET = "sjalvskattning"
DRAFT, SUBMITTED = "utkast", "inskickad"
STATUS_LABELS = {DRAFT: _l("Utkast"), SUBMITTED: _l("Inskickad")}
# Reminder rhythms a manager can choose, in months.
RHYTHMS = {3: _l("Var tredje månad"), 6: _l("Var sjätte månad"), 12: _l("En gång om året")}
NOTE_MAX = 2000
ONE_DRAFT = text(f"status = '{DRAFT}'")


class Reflection(db.Model):
    """One self-reflection, given on one version of the question set."""

    __tablename__ = "reflections"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # The version of content/questions/sjalvskattning the answers were given on;
    # results are always read against this version.
    question_set_version: Mapped[int]
    status: Mapped[str] = mapped_column(String(20), default=DRAFT)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None]

    __table_args__ = (
        Index("ix_reflections_user_status", "user_id", "status", "submitted_at"),
        # Dashboards: the reflections submitted in a period, without reading the table.
        Index("ix_reflections_status_submitted", "status", "submitted_at", "user_id"),
        # At most one draft per manager, also when two requests start one at once.
        Index(
            "uq_reflections_one_draft",
            "user_id",
            unique=True,
            sqlite_where=ONE_DRAFT,
            postgresql_where=ONE_DRAFT,
        ),
        CheckConstraint(f"status IN ('{DRAFT}', '{SUBMITTED}')", name="status_known"),
    )

    @property
    def is_draft(self) -> bool:
        return self.status == DRAFT


class ReflectionAnswer(db.Model):
    """The answer to one statement. No row: not answered yet; a row whose
    value is NULL: "Vet ej / ej aktuellt" (so AVG and COUNT(value) skip it)."""

    __tablename__ = "reflection_answers"

    reflection_id: Mapped[int] = mapped_column(
        ForeignKey("reflections.id", ondelete="CASCADE"), primary_key=True
    )
    question_key: Mapped[str] = mapped_column(String(60), primary_key=True)
    # The statement's area in the reflection's version, for aggregates in SQL.
    area: Mapped[str] = mapped_column(String(20))
    value: Mapped[int | None]

    __table_args__ = (
        CheckConstraint("value IS NULL OR (value BETWEEN 1 AND 5)", name="value_range"),
        # Covers the dashboards' per-area aggregates: value is read from the index.
        Index("ix_reflection_answers_area", "area", "reflection_id", "value"),
    )


class _ReflectionSum:
    """The columns of a submitted reflection's sums, per area or per principle
    (the subclass adds the key): the sum and count of its answer values ("Vet
    ej" left out; a key with none has no row). Kept current by
    reflection.summary in the transaction that writes the answers, so that
    the dashboards read one row per reflection and key, not every answer."""

    # First, before the subclass's key: the primary key is (reflection_id, key).
    reflection_id: Mapped[int] = mapped_column(
        ForeignKey("reflections.id", ondelete="CASCADE"), primary_key=True, sort_order=-1
    )
    # Copied from the reflection, so that a period's rows come from one index.
    user_id: Mapped[int]
    submitted_at: Mapped[datetime]
    # The author's unit when the reflection was submitted: leadership's figures
    # count it there for good, so that a later move changes no published figure.
    unit_id: Mapped[int | None]
    value_sum: Mapped[int]
    value_count: Mapped[int]


def _covering(name: str, key: str) -> Index:
    """Covers the dashboards' aggregates: nothing is read from the table itself."""
    return Index(name, key, "submitted_at", "unit_id", "user_id", "value_sum", "value_count")


class ReflectionAreaSum(_ReflectionSum, db.Model):
    """Per submitted reflection and area of the question set."""

    __tablename__ = "reflection_area_sums"

    area: Mapped[str] = mapped_column(String(20), primary_key=True)

    __table_args__ = (_covering("ix_reflection_area_sums_area_submitted", "area"),)


class ReflectionPrincipleSum(_ReflectionSum, db.Model):
    """Per submitted reflection and principle of the framework: the values
    of its statements that carry the principle, written beside the area sums."""

    __tablename__ = "reflection_principle_sums"

    principle: Mapped[str] = mapped_column(String(20), primary_key=True)

    __table_args__ = (_covering("ix_reflection_principle_sums_principle_submitted", "principle"),)


class ReflectionStratumSum(_ReflectionSum, db.Model):
    """Per submitted reflection and stratum of its statements (those of one
    area carrying the same principles, named "area|principle,…"): who gave
    a value in which stratum, for the disclosure rule of the dashboards
    (suppression.publish_together), written beside the area sums so that
    the rule never reads the answers, which every draft saved rewrites."""

    __tablename__ = "reflection_stratum_sums"

    stratum: Mapped[str] = mapped_column(String(200), primary_key=True)

    # Covers the rule's query: every stratum of a year's reflections.
    __table_args__ = (
        Index(
            "ix_reflection_stratum_sums_submitted",
            "submitted_at",
            "unit_id",
            "user_id",
            "stratum",
            "value_count",
        ),
    )


class ReflectionNote(db.Model):
    """The manager's own free text for one area (optional)."""

    __tablename__ = "reflection_notes"

    reflection_id: Mapped[int] = mapped_column(
        ForeignKey("reflections.id", ondelete="CASCADE"), primary_key=True
    )
    area: Mapped[str] = mapped_column(String(20), primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class ReflectionReminder(db.Model):
    """A manager's chosen rhythm; no row means no reminders."""

    __tablename__ = "reflection_reminders"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    every_months: Mapped[int]
    next_due_on: Mapped[date] = mapped_column(index=True)
    # Claimed by send-reminders before it mails: one reminder per due date,
    # also when two instances run at once.
    last_reminded_on: Mapped[date | None]

    __table_args__ = (
        CheckConstraint(
            "every_months IN (" + ", ".join(str(m) for m in RHYTHMS) + ")", name="rhythm_known"
        ),
    )
