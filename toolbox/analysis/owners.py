"""Action owners are told: a mail when they are given an action, and one
before it is due. The reminder runs from cron (`flask send-reminders`) and is
claimed in the database first, so two runs at once send it once."""

from datetime import date, timedelta

from flask import current_app
from sqlalchemy import or_, select, update

from toolbox.analysis.models import ACTION_STATUSES, Action
from toolbox.extensions import db
from toolbox.web import mailing

DONE = "klar"


def mail_assignment(action: Action) -> bool:
    """Tell the owner they have the action; False if the mail failed."""
    return _mail(action, "Du är ansvarig för en åtgärd", "action_assigned")


def assignment_changed(action: Action, before: tuple[str, str] | None) -> bool:
    """Whether the owner should hear of the action after this save: it has an
    address, and it is new or its owner or address changed."""
    return bool(action.owner_email) and before != (action.owner, action.owner_email)


def _unclaimed(on: date, days: int) -> tuple:
    return (
        Action.owner_email != "",
        Action.status != DONE,
        Action.due_on >= on,
        Action.due_on <= on + timedelta(days=days),
        or_(Action.reminded_for.is_(None), Action.reminded_for != Action.due_on),
    )


def send_due_reminders(on: date) -> tuple[int, int]:
    """Remind every owner whose open action is due within the set number of
    days; returns (sent, failed)."""
    days = current_app.config["ACTION_REMINDER_DAYS"]
    sent = failed = 0
    for action_id in db.session.scalars(select(Action.id).where(*_unclaimed(on, days))).all():
        claimed = db.session.execute(
            update(Action)
            .where(Action.id == action_id, *_unclaimed(on, days))
            .values(reminded_for=Action.due_on)
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
        if claimed.rowcount != 1:
            continue  # another run took it
        action = db.session.get(Action, action_id)
        if _mail(action, "Påminnelse: en åtgärd ska snart vara klar", "action_due"):
            sent += 1
        else:
            db.session.execute(
                update(Action)
                .where(Action.id == action_id)
                .values(reminded_for=None)
                .execution_options(synchronize_session=False)
            )
            db.session.commit()
            failed += 1
    return sent, failed


def _mail(action: Action, subject: str, template: str) -> bool:
    try:
        mailing.send(
            action.owner_email,
            subject,
            template,
            action=action,
            status=ACTION_STATUSES.get(action.status, action.status),
            link=mailing.external_url("analysis.edit_action", action_id=action.id),
        )
    except Exception:  # a failed mail must not lose the saved action
        current_app.logger.exception("Mejlet om åtgärd %s kunde inte skickas", action.id)
        return False
    return True
