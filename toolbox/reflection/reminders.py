"""Reminder rhythms: when a manager's next reflection is due, and mailing
those who are due. `send_due` is run by cron (`flask send-reminders`) and is
safe to run twice, also at the same moment on two instances: each reminder is
claimed in the database before it is mailed."""

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from sqlalchemy import func, or_, select, update

from toolbox.auth.models import User, UserRole
from toolbox.clock import local
from toolbox.extensions import db
from toolbox.reflection.models import RHYTHMS, SUBMITTED, Reflection, ReflectionReminder

BATCH = 500


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or the month's last day (31 jan + 1 → 28/29 feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def last_submitted_on(user_id: int) -> date | None:
    moment: datetime | None = db.session.scalar(
        select(func.max(Reflection.submitted_at)).where(
            Reflection.user_id == user_id, Reflection.status == SUBMITTED
        )
    )
    return local(moment).date() if moment else None


def due_date(every_months: int, last: date | None, on: date) -> date:
    """Due a rhythm after the last reflection; at once if there is none."""
    return add_months(last, every_months) if last else on


def reminder_of(user_id: int) -> ReflectionReminder | None:
    return db.session.get(ReflectionReminder, user_id)


def set_rhythm(user_id: int, every_months: int | None, on: date) -> ReflectionReminder | None:
    """Choose a rhythm (months), or None for no reminders."""
    reminder = reminder_of(user_id)
    if every_months is None:
        if reminder is not None:
            db.session.delete(reminder)
            db.session.flush()
        return None
    if every_months not in RHYTHMS:
        raise ValueError(f"unknown rhythm {every_months}")
    if reminder is None:
        reminder = ReflectionReminder(user_id=user_id, every_months=every_months, next_due_on=on)
        db.session.add(reminder)
    reminder.every_months = every_months
    reminder.next_due_on = due_date(every_months, last_submitted_on(user_id), on)
    db.session.flush()
    return reminder


def reschedule(user_id: int, on: date) -> None:
    """After a reflection is submitted or deleted: the next due date follows the last one."""
    reminder = reminder_of(user_id)
    if reminder is not None:
        reminder.next_due_on = due_date(reminder.every_months, last_submitted_on(user_id), on)
        db.session.flush()


@dataclass(frozen=True)
class Due:
    user_id: int
    email: str
    name: str
    every_months: int
    next_due_on: date


def due_reminders(on: date, after_id: int = 0, limit: int = BATCH) -> list[Due]:
    """Active managers whose reflection is due and who have not been reminded
    of it, in batches by user id."""
    rows = db.session.execute(
        select(
            User.id,
            User.email,
            User.name,
            ReflectionReminder.every_months,
            ReflectionReminder.next_due_on,
        )
        .join(ReflectionReminder, ReflectionReminder.user_id == User.id)
        .join(UserRole, (UserRole.user_id == User.id) & (UserRole.role == "chef"))
        .where(User.id > after_id, User.active.is_(True), *_unclaimed(on))
        .order_by(User.id)
        .limit(limit)
    )
    return [Due(*row) for row in rows]


def _unclaimed(on: date) -> tuple:
    return (
        ReflectionReminder.next_due_on <= on,
        or_(
            ReflectionReminder.last_reminded_on.is_(None),
            ReflectionReminder.last_reminded_on < ReflectionReminder.next_due_on,
        ),
    )


def claim(user_id: int, on: date) -> bool:
    """Mark the reminder as sent; False if another run claimed it first.

    The condition is checked by the database in the UPDATE itself, so of two
    runs at the same moment exactly one gets the row."""
    result = db.session.execute(
        update(ReflectionReminder)
        .where(ReflectionReminder.user_id == user_id, *_unclaimed(on))
        .values(last_reminded_on=on)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1


def release(user_id: int, previous: date | None) -> None:
    """Undo a claim when the mail could not be sent, so the next run tries again."""
    db.session.execute(
        update(ReflectionReminder)
        .where(ReflectionReminder.user_id == user_id)
        .values(last_reminded_on=previous)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def send_due(on: date, send: Callable[[Due], None]) -> tuple[int, int]:
    """Mail everyone due; returns (sent, failed). Commits each claim on its own."""
    sent = failed = 0
    after_id = 0
    while batch := due_reminders(on, after_id):
        for due in batch:
            outcome = _remind(due, on, send)
            sent, failed = sent + (outcome is True), failed + (outcome is False)
        after_id = batch[-1].user_id
    return sent, failed


def _remind(due: Due, on: date, send: Callable[[Due], None]) -> bool | None:
    """True: mailed; False: the mail failed (and the claim is undone); None: taken."""
    previous = db.session.scalar(
        select(ReflectionReminder.last_reminded_on).where(ReflectionReminder.user_id == due.user_id)
    )
    if not claim(due.user_id, on):
        return None
    try:
        send(due)
    except Exception:  # one failed mail must not stop the others
        current_app.logger.exception(
            "Påminnelsen till användare %s kunde inte skickas", due.user_id
        )
        db.session.rollback()
        release(due.user_id, previous)
        return False
    return True
