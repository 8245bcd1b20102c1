"""What Självskattning adds to Min sida: a draft to finish, a reflection that
is due by the chosen rhythm, and the first reflection on the checklist."""

from datetime import timedelta

from flask import url_for
from sqlalchemy import select

from toolbox import clock
from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.home import service as home
from toolbox.reflection import reminders, service
from toolbox.reflection.models import RHYTHMS, SUBMITTED, Reflection
from toolbox.web.filters import long_date
from toolbox.web.language import gettext as _

# A due date this close is shown ahead, so the manager can plan for it.
SOON = timedelta(days=14)


def todos(user: User) -> list[home.Todo]:
    if not user.has_role("chef"):
        return []
    draft = service.current_draft(user.id)
    if draft is not None:
        return [
            home.Todo(
                _(
                    "Du har en påbörjad självskattning från %(date)s.",
                    date=long_date(draft.started_at),
                ),
                url_for("reflection.index"),
                _("Fortsätt självskattningen"),
            )
        ]
    reminder = reminders.reminder_of(user.id)
    if reminder is None:
        return []
    on = clock.today()
    rhythm = RHYTHMS[reminder.every_months].lower()
    if reminder.next_due_on <= on:
        text = _(
            "Det är dags för en ny självskattning (du har valt påminnelse %(rhythm)s).",
            rhythm=rhythm,
        )
        return [home.Todo(text, url_for("reflection.index"), _("Gör en självskattning"))]
    if reminder.next_due_on <= on + SOON:
        text = _(
            "Din nästa självskattning är planerad till %(date)s.",
            date=long_date(reminder.next_due_on),
        )
        return [home.Todo(text, url_for("reflection.index"), _("Till självskattningen"))]
    return []


def checklist(user: User) -> list[home.ChecklistItem]:
    if not user.has_role("chef"):
        return []
    done = (
        db.session.scalar(
            select(Reflection.id)
            .where(Reflection.user_id == user.id, Reflection.status == SUBMITTED)
            .limit(1)
        )
        is not None
    )
    return [
        home.ChecklistItem(_("Gör din första självskattning"), url_for("reflection.index"), done)
    ]
