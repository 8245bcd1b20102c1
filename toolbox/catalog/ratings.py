"""HR's view of the managers' ratings of an item ("hjälpte det?", 1–5, with an
optional comment), under the stepped release of toolbox/privacy/releases.py.

A rating counts from the moment it was last given (PlanEntry.completed_at,
which rating moves to that moment), in the calendar quarter of that moment in
Sweden. HR sees the cumulative figure over whole ended quarters, published in
steps of at least AGGREGATE_MIN_GROUP new raters, and the comments of the
raters in the step shown, pooled in alphabetical order and without dates. A
rating is final once its quarter has ended (`is_final`): it can no longer be
changed, un-completed or taken out of the plan (toolbox/catalog/plans.py), so
that a published step never moves."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from flask import current_app
from sqlalchemy import case, func, select

from toolbox.catalog.models import PlanEntry
from toolbox.clock import STOCKHOLM
from toolbox.extensions import db
from toolbox.privacy.releases import last_release
from toolbox.privacy.suppression import EMPTY, Figure
from toolbox.web.language import lazy_gettext as _l


@dataclass(frozen=True)
class Quarter:
    start: date

    @property
    def label(self) -> str:
        return _l(
            "%(year)s kvartal %(number)s",
            year=self.start.year,
            number=(self.start.month + 2) // 3,
        )

    @property
    def next(self) -> "Quarter":
        years, month = divmod(self.start.month + 2, 12)  # months counted from 0
        return Quarter(date(self.start.year + years, month + 1, 1))

    @property
    def begins(self) -> datetime:
        """Midnight in Sweden on its first day, as naive UTC (the database's convention)."""
        local = datetime.combine(self.start, time.min, tzinfo=STOCKHOLM)
        return local.astimezone(UTC).replace(tzinfo=None)

    @classmethod
    def of(cls, moment: datetime) -> "Quarter":
        """The quarter in Sweden of an aware moment or a naive UTC timestamp."""
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        day = moment.astimezone(STOCKHOLM).date()
        return cls(date(day.year, 3 * ((day.month - 1) // 3) + 1, 1))


def running_quarter(now: datetime | None = None) -> Quarter:
    return Quarter.of(now or datetime.now(UTC))


def is_final(entry: PlanEntry, now: datetime | None = None) -> bool:
    """A rating given in a quarter that has ended is in HR's figures for good."""
    return (
        entry.rating is not None
        and entry.completed_at is not None
        and entry.completed_at < running_quarter(now).begins
    )


def min_raters() -> int:
    return int(current_app.config["AGGREGATE_MIN_GROUP"])


@dataclass(frozen=True)
class Released:
    """The step of an item's ratings that HR sees: all ratings up to the end of `until`."""

    average: float
    raters: int
    until: Quarter


def released(item_ids: list[int], now: datetime | None = None) -> dict[int, Released]:
    """The step shown now per item; an item without one (too few raters) is left out."""
    if not item_ids:
        return {}
    running = running_quarter(now)
    counted = (
        PlanEntry.item_id.in_(item_ids),
        PlanEntry.rating.is_not(None),
        PlanEntry.completed_at < running.begins,
    )
    first = db.session.scalar(select(func.min(PlanEntry.completed_at)).where(*counted))
    if first is None:
        return {}
    quarters = ended_quarters(Quarter.of(first), running)
    quarter = case(*((PlanEntry.completed_at < q.next.begins, i) for i, q in enumerate(quarters)))
    # Grouped outside: PostgreSQL groups by a CASE with parameters only by name.
    rated = select(PlanEntry.item_id, quarter.label("quarter"), PlanEntry.rating).where(*counted)
    rated = rated.subquery()
    rows = db.session.execute(
        select(rated.c.item_id, rated.c.quarter, func.count(), func.sum(rated.c.rating)).group_by(
            rated.c.item_id, rated.c.quarter
        )
    )
    per_quarter: dict[int, list[Figure]] = {}
    for item_id, index, count, total in rows:
        figures = per_quarter.setdefault(item_id, [EMPTY] * len(quarters))
        figures[index] = Figure(float(total), count, count)
    found = {}
    for item_id, figures in per_quarter.items():
        history = cumulative(figures)
        shown = last_release(history, min_raters())
        if shown is not None:
            figure = history[shown]
            found[item_id] = Released(figure.total / figure.count, figure.count, quarters[shown])
    return found


def ended_quarters(first: Quarter, running: Quarter) -> list[Quarter]:
    """From `first` up to the quarter before the running one."""
    quarters = [first]
    while quarters[-1].next != running:
        quarters.append(quarters[-1].next)
    return quarters


def cumulative(figures: list[Figure]) -> list[Figure]:
    """Running totals: the figure up to the end of each quarter."""
    history, total = [], EMPTY
    for figure in figures:
        total = total + figure
        history.append(total)
    return history


def comments(item_id: int, step: Released) -> list[str]:
    """The comments of the raters in the step shown: pooled, alphabetical, no dates."""
    return list(
        db.session.scalars(
            select(PlanEntry.comment)
            .where(
                PlanEntry.item_id == item_id,
                PlanEntry.rating.is_not(None),
                PlanEntry.completed_at < step.until.next.begins,
                PlanEntry.comment != "",
            )
            .order_by(PlanEntry.comment)
        )
    )
