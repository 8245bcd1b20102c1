"""/program/aterrapportering: the report for a chosen period, its editable
summary, the print view and the Word file. The URL table is in views.py."""

from flask import Response, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from toolbox import clock
from toolbox.db.edits import EditConflict
from toolbox.extensions import db
from toolbox.privacy.periods import Period, choices, default, parse
from toolbox.programme import report, service
from toolbox.programme.content import get_programme_content
from toolbox.programme.forms import IntroForm
from toolbox.teams.content import get_dialogue_content
from toolbox.web.filters import long_date
from toolbox.web.language import gettext as _
from toolbox.web.security import allow, form_page, form_status, form_version

leadership = allow("ledning")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def chosen_period() -> Period:
    """The period in the address, if it is one the page offers; else the default."""
    today = clock.today()
    found = parse(request.args.get("period", ""))
    return found if found in choices(today) else default(today)


def build(period: Period) -> report.Report:
    return report.build(period, clock.today(), get_programme_content(), get_dialogue_content())


def subtitle(period: Period) -> str:
    return _(
        "Period: %(period)s. Framtagen %(date)s ur Verktygslådan.",
        period=period.label,
        date=long_date(clock.today()),
    )


def intro_form(period: Period) -> IntroForm:
    form = IntroForm()
    if not form.is_submitted():
        intro = service.intro_for(period.key)
        form.summary.data = intro.summary if intro else ""
        form.version.data = str(intro.version) if intro else "0"
    return form


@leadership
@form_page
def page() -> ResponseReturnValue:
    period = chosen_period()
    form = intro_form(period)
    conflict = False
    if form.validate_on_submit():
        try:
            service.save_intro(
                period.key, form.summary.data or "", form_version(form), current_user.id
            )
        except EditConflict:
            db.session.rollback()
            conflict = True
            intro = service.intro_for(period.key)
            form.version.data = str(intro.version if intro else 0)
        else:
            db.session.commit()
            flash(_("Sammanfattningen är sparad."), "success")
            return redirect(url_for("programme.report_page", period=period.key))
    return render_template(
        "programme/report.html",
        report=build(period),
        form=form,
        conflict=conflict,
        periods=[(p.key, p.label) for p in choices(clock.today())],
        subtitle=subtitle(period),
    ), 409 if conflict else form_status(form)


@leadership
def print_view() -> ResponseReturnValue:
    period = chosen_period()
    return render_template(
        "programme/report_print.html", report=build(period), subtitle=subtitle(period)
    )


@leadership
def download() -> ResponseReturnValue:
    # python-docx (with lxml) costs a worker 8 MB: loaded at the first Word file.
    from toolbox.programme.document import word_file  # noqa: PLC0415

    period = chosen_period()
    filename = f"aterrapportering-{period.key}.docx"
    return Response(
        word_file(build(period), subtitle(period)),
        mimetype=DOCX,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
