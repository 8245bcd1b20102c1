"""HR packages the material: edits and publishes cases, composes and delivers
the collection's report. Routes are in views.py."""

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from toolbox.content import Term, get_content
from toolbox.db.edits import EditConflict, EditRefused
from toolbox.examples import packaging
from toolbox.examples.forms import case_form, report_form
from toolbox.examples.models import Collection, Example, ExampleCase
from toolbox.extensions import db
from toolbox.web.language import gettext as _
from toolbox.web.security import allow, form_page, form_status, form_version

hr_only = allow("hr")


def case_areas() -> tuple[Term, ...]:
    content = get_content()
    return tuple(content.area(key) for key in packaging.CASE_AREAS)


def is_get() -> bool:
    return request.method == "GET"


def case_data(form) -> packaging.CaseData:
    return packaging.CaseData(
        title=form.title.data.strip(),
        setting=(form.setting.data or "").strip(),
        summary=(form.summary.data or "").strip(),
        lessons={key: form[f"lesson_{key}"].data or "" for key in packaging.CASE_AREAS},
        principles=set(form.principle_keys.data or []),
        anonymised=form.anonymised.data,
    )


def fill_case_form(form, case: ExampleCase) -> None:
    form.principle_keys.data = case.principles
    form.version.data = str(case.version)
    for key in packaging.CASE_AREAS:
        form[f"lesson_{key}"].data = case.lesson(key)


@hr_only
@form_page
def edit_case(example_id: int) -> ResponseReturnValue:
    example = db.get_or_404(Example, example_id)
    case = example.case
    # Filled from the case on GET only: a post's version must come from the post.
    form = case_form(get_content().principles, case_areas(), obj=case if is_get() else None)
    if case is not None and is_get():
        fill_case_form(form, case)
    conflict = False
    if form.validate_on_submit():
        version = form_version(form)
        try:
            packaging.save_case(example, case_data(form), version, current_user)
        except EditConflict:
            db.session.rollback()
            conflict = True
            case = example.case
            form.version.data = str(case.version) if case else ""
        except EditRefused as refused:
            form.anonymised.errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("Exemplet är sparat."), "success")
            return redirect(url_for("examples.edit_case", example_id=example.id))
    status = 409 if conflict else (422 if form.anonymised.errors else form_status(form))
    version = example.question_set_version
    return render_template(
        "examples/case_form.html",
        form=form,
        example=example,
        case=case,
        conflict=conflict,
        areas=case_areas(),
        questions=get_content().question_set("goda-exempel", version) if version else None,
        problems=packaging.publish_problems(case) if case else [],
    ), status


@hr_only
def publish(case_id: int) -> ResponseReturnValue:
    case = db.get_or_404(ExampleCase, case_id)
    try:
        packaging.publish(case, current_user)
    except EditRefused as refused:
        flash(_("Exemplet kan inte publiceras än. %(problems)s", problems=refused), "error")
    else:
        db.session.commit()
        flash(_("Exemplet är publicerat i exempelbanken."), "success")
    return redirect(url_for("examples.edit_case", example_id=case.example_id))


@hr_only
def unpublish(case_id: int) -> ResponseReturnValue:
    case = db.get_or_404(ExampleCase, case_id)
    try:
        packaging.unpublish(case, current_user)
    except EditRefused as refused:
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(_("Exemplet är avpublicerat och syns bara för HR."), "success")
    return redirect(url_for("examples.edit_case", example_id=case.example_id))


def report_data(form) -> packaging.ReportData:
    return packaging.ReportData(
        intro=(form.intro.data or "").strip(),
        lessons={key: form[f"lesson_{key}"].data or "" for key in packaging.CASE_AREAS},
        case_ids=list(form.case_ids.data or []),
    )


@hr_only
@form_page
def report(collection_id: int) -> ResponseReturnValue:
    collection = db.get_or_404(Collection, collection_id)
    form = report_form(case_areas())
    cases = packaging.published_cases(collection)
    form.case_ids.choices = [(case.id, case.title) for case in cases]
    if request.method == "GET":
        form.intro.data = collection.report_intro
        form.case_ids.data = [case.id for case in packaging.report_cases(collection)]
        form.version.data = str(collection.version)
        for key in packaging.CASE_AREAS:
            form[f"lesson_{key}"].data = collection.report_lesson(key)
    conflict = False
    if form.validate_on_submit():
        try:
            packaging.save_report(collection, report_data(form), form_version(form) or 0)
        except EditConflict:
            db.session.rollback()
            conflict = True
            form.version.data = str(collection.version)
        except EditRefused as refused:
            form.case_ids.errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("Rapporten är sparad."), "success")
            return redirect(url_for("examples.report", collection_id=collection.id))
    status = 409 if conflict else (422 if form.case_ids.errors else form_status(form))
    return render_template(
        "examples/report_form.html",
        form=form,
        collection=collection,
        cases=cases,
        conflict=conflict,
        size_hint=packaging.REPORT_SIZE_HINT,
    ), status


@hr_only
def report_print(collection_id: int) -> ResponseReturnValue:
    collection = db.get_or_404(Collection, collection_id)
    return render_template(
        "examples/report_print.html",
        collection=collection,
        cases=packaging.report_cases(collection),
        areas=case_areas(),
    )


@hr_only
def deliver(collection_id: int) -> ResponseReturnValue:
    collection = db.get_or_404(Collection, collection_id)
    try:
        packaging.deliver(collection, current_user)
    except EditRefused as refused:
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(
            _("Rapporten är markerad som levererad. Kontaktpersonernas länkar gäller inte längre."),
            "success",
        )
    return redirect(url_for("examples.report", collection_id=collection.id))


@hr_only
def reopen(collection_id: int) -> ResponseReturnValue:
    collection = db.get_or_404(Collection, collection_id)
    packaging.reopen(collection, current_user)
    db.session.commit()
    flash(_("Leveransen är ångrad. Rapporten går att ändra igen."), "success")
    return redirect(url_for("examples.report", collection_id=collection.id))
