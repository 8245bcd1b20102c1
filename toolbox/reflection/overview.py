"""/sjalvskattning: the overview with history and reminders, starting a
reflection and the export. The form steps are in steps.py, results and
deletion in pages.py, the URL table in views.py; each view declares its
access.

Pages about one reflection are open to any role and answer 404 to everyone
but its author, so HR, leadership and administrators get the same answer as
for a reflection that does not exist."""

import json

from flask import Response, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from toolbox import clock
from toolbox.audit.service import record
from toolbox.content import get_content
from toolbox.extensions import db
from toolbox.reflection import charts, reminders, service
from toolbox.reflection.export import export_data
from toolbox.reflection.forms import NO_REMINDER, ReminderForm
from toolbox.reflection.models import RHYTHMS
from toolbox.web.filters import long_date
from toolbox.web.language import gettext as _
from toolbox.web.security import allow, allow_any_role, form_page, form_status


def chart_helpers() -> dict:
    """Chart helpers for the feature's pages (the blueprint's context processor)."""
    return {"marker_points": charts.marker_points}


def reminder_form() -> ReminderForm:
    reminder = reminders.reminder_of(current_user.id)
    form = ReminderForm()
    if not form.is_submitted():
        form.every.data = str(reminder.every_months) if reminder else NO_REMINDER
    return form


def render_index(form: ReminderForm, status: int = 200):
    user_id = current_user.id
    rows = service.history(user_id)
    areas = [(a.key, a.name) for a in get_content().areas]
    draft = service.current_draft(user_id)
    return render_template(
        "reflection/index.html",
        questions=service.question_set(),
        draft=draft,
        draft_step=service.first_open_step(draft) if draft else None,
        rows=list(reversed(rows)),
        areas=areas,
        trend=charts.trend(rows, areas),
        reminder=reminders.reminder_of(user_id),
        rhythms=RHYTHMS,
        form=form,
    ), status


@allow("chef")
def index() -> ResponseReturnValue:
    return render_index(reminder_form())


@allow("chef")
def start() -> ResponseReturnValue:
    draft = service.start(current_user.id)
    db.session.commit()
    step = service.first_open_step(draft)
    if step is None:
        return redirect(url_for("reflection.review", reflection_id=draft.id))
    return redirect(url_for("reflection.step", reflection_id=draft.id, step=step))


@allow("chef")
@form_page
def set_reminder() -> ResponseReturnValue:
    form = reminder_form()
    if not form.validate_on_submit():
        return render_index(form, form_status(form))
    reminder = reminders.set_rhythm(current_user.id, form.months, clock.today())
    db.session.commit()
    if reminder is None:
        flash(_("Du får inga påminnelser om självskattning."), "success")
    else:
        flash(
            _(
                "Du blir påmind %(rhythm)s. Nästa självskattning: %(date)s.",
                rhythm=RHYTHMS[reminder.every_months].lower(),
                date=long_date(reminder.next_due_on),
            ),
            "success",
        )
    return redirect(url_for("reflection.index"))


@allow_any_role
def export() -> ResponseReturnValue:
    """All own reflection data as a JSON file."""
    user = current_user._get_current_object()
    data = export_data(user.id, user.name, user.email)
    record("reflection_exported", actor_id=user.id, target=user.email)
    db.session.commit()
    filename = f"sjalvskattningar-{clock.today().isoformat()}.json"
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
