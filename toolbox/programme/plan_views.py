"""/program: the programme plan – the activities with owner, status, dates
and a short outcome – editable by leadership. The URL table is in views.py."""

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from toolbox.db.edits import EditConflict
from toolbox.extensions import db
from toolbox.programme import service
from toolbox.programme.content import get_programme_content
from toolbox.programme.forms import ActivityForm
from toolbox.programme.models import Activity
from toolbox.submissions.service import claim
from toolbox.web.language import gettext as _
from toolbox.web.security import allow, form_page, form_status, form_version

leadership = allow("ledning")


@leadership
def index() -> ResponseReturnValue:
    content = get_programme_content()
    found = service.activities()
    return render_template(
        "programme/index.html",
        content=content,
        groups=[(name, [a for a in found if a.track == key]) for key, name in content.tracks],
        actions=service.actions_by_activity(),
    )


def activity_data(form: ActivityForm) -> service.ActivityData:
    return service.ActivityData(
        track=form.track.data,
        title=form.title.data.strip(),
        owner=form.owner.data.strip(),
        status=form.status.data,
        starts_on=form.starts_on.data,
        ends_on=form.ends_on.data,
        outcome=(form.outcome.data or "").strip(),
    )


@leadership
@form_page
def edit(activity_id: int | None = None) -> ResponseReturnValue:
    activity = db.get_or_404(Activity, activity_id) if activity_id else None
    form = ActivityForm(obj=activity if request.method == "GET" else None)
    form.set_tracks(get_programme_content().tracks)
    if activity is not None and request.method == "GET":
        form.version.data = str(activity.version)
    conflict = False
    if form.validate_on_submit():
        if activity is None:
            if claim(form.submission.data):
                service.create_activity(activity_data(form), current_user.id)
                db.session.commit()
                flash(_("Aktiviteten är sparad."), "success")
            return redirect(url_for("programme.index"))
        try:
            service.update_activity(
                activity, activity_data(form), form_version(form) or 0, current_user.id
            )
        except EditConflict:
            db.session.rollback()
            conflict = True
            form.version.data = str(activity.version)
        else:
            db.session.commit()
            flash(_("Ändringarna är sparade."), "success")
            return redirect(url_for("programme.index"))
    status = 409 if conflict else form_status(form)
    return render_template(
        "programme/activity_form.html", form=form, activity=activity, conflict=conflict
    ), status
