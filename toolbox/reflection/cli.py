"""Reminder mails for self-reflections that are due (run by `send-reminders`)."""

from toolbox import clock
from toolbox.reflection import reminders
from toolbox.reflection.models import RHYTHMS
from toolbox.web import mailing
from toolbox.web.language import gettext as _
from toolbox.web.language import in_language


def send_reflection_reminders() -> tuple[int, int]:
    """Mail managers whose reflection is due; returns (sent, failed)."""
    link = mailing.external_url("reflection.index")

    def send(due: reminders.Due) -> None:
        mailing.send(
            due.email,
            _("Dags för en ny självskattning"),
            "reflection_reminder",
            name=due.name,
            rhythm=RHYTHMS[due.every_months].lower(),
            due=due.next_due_on,
            link=link,
        )

    # Cron has no visitor whose language to follow: the mails are in Swedish.
    with in_language("sv"):
        return reminders.send_due(clock.today(), send)
