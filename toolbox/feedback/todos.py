"""What Återkoppling adds to Min sida: each open round and whether its groups
have reached the threshold, results that are new, and a checklist step."""

from datetime import timedelta

from flask import url_for
from markupsafe import escape
from sqlalchemy import select

from toolbox import clock
from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.feedback import service
from toolbox.feedback.models import RATER_GROUPS, FeedbackRound
from toolbox.home import service as home
from toolbox.web.filters import long_date
from toolbox.web.language import gettext as _
from toolbox.web.markup import marked_swedish

NEW_RESULTS = timedelta(days=30)


def _state(reached: dict[str, bool]) -> str:
    ready = [RATER_GROUPS[g].lower() for g, ok in reached.items() if ok]
    if not ready:
        return _("Ingen grupp har ännu tillräckligt många svar för att visa resultat.")
    return _("Tillräckligt många svar för att visa resultat: %(groups)s.", groups=", ".join(ready))


def todos(user: User) -> list[home.Todo]:
    if not user.has_role("chef"):
        return []
    on = clock.today()
    rounds = service.rounds_of(user.id)
    running = [r for r in rounds if r.is_open(on)]
    progress = service.progress(running, service.thresholds())
    found = [
        home.Todo(
            escape(_("Återkopplingen ”%(title)s” pågår till och med %(date)s."))
            % {"title": marked_swedish(r.title), "date": long_date(r.closes_on)}
            + " "
            + _state(progress[r.id].groups),
            url_for("feedback.round", round_id=r.id),
            _("Till omgången"),
        )
        for r in running
    ]
    found += [
        home.Todo(
            escape(_("Resultatet av återkopplingen ”%(title)s” är klart."))
            % {"title": marked_swedish(r.title)},
            url_for("feedback.round", round_id=r.id),
            _("Se resultatet"),
        )
        for r in rounds
        if not r.is_open(on) and r.ended_on() >= on - NEW_RESULTS
    ]
    return found


def checklist(user: User) -> list[home.ChecklistItem]:
    if not user.has_role("chef"):
        return []
    asked = db.session.scalar(
        select(FeedbackRound.id).where(FeedbackRound.manager_id == user.id).limit(1)
    )
    return [
        home.ChecklistItem(
            _("Be dina medarbetare om återkoppling"),
            url_for("feedback.index"),
            asked is not None,
        )
    ]
