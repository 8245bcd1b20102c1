"""/aterkoppling: the manager's overview, a new round and the comparison of
rounds. One round's pages are in round_views.py, the respondent's pages in
respond.py, the URL table in views.py; each view declares its own access."""

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_date
from flask_login import current_user

from toolbox import clock
from toolbox.content import get_content
from toolbox.extensions import db
from toolbox.feedback import charts, service, tables
from toolbox.feedback.forms import RoundForm
from toolbox.feedback.models import GROUP_PROMPTS, NAMED_LABEL, PROMPTS, RATER_AS, RATER_GROUPS
from toolbox.feedback.results import results_for
from toolbox.submissions.service import claim
from toolbox.web.language import gettext as _
from toolbox.web.security import allow, form_page, form_status

COMPARED_ROUNDS = 6
MIN_COMPARED = 2  # rounds before the comparison chart is drawn


def labels() -> dict:
    """Labels every page of the feature uses (the blueprint's context processor)."""
    return {
        "rater_groups": RATER_GROUPS,
        "rater_as": RATER_AS,
        "prompts": PROMPTS,
        "group_prompts": GROUP_PROMPTS,
        "named_label": NAMED_LABEL,
    }


@allow("chef")
def index() -> ResponseReturnValue:
    on = clock.today()
    rounds = service.rounds_of(current_user.id)
    running = [r for r in rounds if r.is_open(on)]
    return render_template(
        "feedback/index.html",
        running=running,
        ended=[r for r in rounds if not r.is_open(on)],
        progress=service.progress(running, service.thresholds()),
        limits=service.thresholds(),
    )


@allow("chef")
@form_page
def new_round() -> ResponseReturnValue:
    on = clock.today()
    form = RoundForm(today=on)
    if not form.is_submitted():
        form.title.data = _("Återkoppling %(month)s", month=format_date(on, "LLLL y"))
        form.groups.data = ["medarbetare"]
        form.closes_on.data = on + service.DEFAULT_LENGTH
    if form.validate_on_submit():
        if not claim(form.submission.data):
            return redirect(url_for("feedback.index"))
        data = service.RoundData(
            form.title.data.strip(),
            [g for g in RATER_GROUPS if g in form.groups.data],
            form.closes_on.data,
            (form.message.data or "").strip(),
        )
        round_ = service.open_round(current_user.id, data, on)
        db.session.commit()
        flash(_("Omgången är startad. Bjud nu in dem du vill fråga."), "success")
        return redirect(url_for("feedback.round", round_id=round_.id))
    return render_template("feedback/new.html", form=form), form_status(form)


@allow("chef")
def compare() -> ResponseReturnValue:
    """All others' figures per area over the manager's latest closed rounds."""
    closed = service.closed_rounds(current_user.id, clock.today())[-COMPARED_ROUNDS:]
    limits = service.thresholds()
    rows = []
    for round_ in closed:
        results = results_for(round_, limits)
        rows.append((round_, {area.key: area.line.total for area in results.areas}))
    areas = [(a.key, a.name) for a in get_content().areas]
    chart = None
    if len(rows) >= MIN_COMPARED:
        labelled = [(charts.round_label(r.ended_on()), figures) for r, figures in rows]
        chart = charts.rounds_compared(labelled, areas)
    return render_template(
        "feedback/compare.html",
        rows=rows,
        chart=chart,
        compare_rows=tables.compare_rows(rows, areas),
    )
