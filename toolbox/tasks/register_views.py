"""/uppgifter: the register of administrative tasks (PRODUCT.md section 3.5)."""

from functools import cache

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from toolbox.audit.service import record
from toolbox.auth.models import User
from toolbox.db.edits import EditConflict, EditRefused
from toolbox.extensions import db
from toolbox.submissions.service import claim
from toolbox.tasks import figures, pages, service
from toolbox.tasks.content import get_register
from toolbox.tasks.forms import STEP_FORMS, CommentForm, EndorseForm
from toolbox.tasks.listing import (
    CSV_HEADER,
    SORTS,
    csv_row,
    listing,
    parse_filter,
    tasks_query,
)
from toolbox.tasks.models import (
    ACTION_LABELS,
    STATUS_LABELS,
    Task,
    TaskComment,
    TaskEndorsement,
    TaskEvent,
)
from toolbox.tasks.workflow import STEP_DONE, StepRefused, check_step, steps_for
from toolbox.web.language import gettext as _
from toolbox.web.security import allow, form_page, form_status
from toolbox.web.xlsxexport import table_download

register_roles = allow("chef", "hr", "ledning")
PER_PAGE = 25


def me() -> User:
    return current_user._get_current_object()


@cache
def task_with_people() -> Select:
    """A task with what its page shows, in a bounded number of queries: of
    the people who endorsed, commented and acted, their names (their roles
    only if asked for). Built once, as auth.service.user_with_roles: the
    loader options take longer to build and key than the queries to run."""
    return (
        select(Task)
        .where(Task.id == bindparam("task_id"))
        .options(
            selectinload(Task.endorsements)
            .joinedload(TaskEndorsement.user)
            .lazyload(User.role_rows),
            selectinload(Task.comments).joinedload(TaskComment.author).lazyload(User.role_rows),
            selectinload(Task.events).joinedload(TaskEvent.actor).lazyload(User.role_rows),
        )
    )


def load_task(task_id: int) -> Task:
    task = db.session.scalars(task_with_people(), {"task_id": task_id}).one_or_none()
    if task is None:
        abort(404)
    return task


def commit_or_conflict() -> bool:
    """Commit; False when another save of the same task came first."""
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        return False
    return True


def current_filter():
    register = get_register()
    return parse_filter(request.args, register.category_labels, register.function_labels)


@register_roles
def index() -> ResponseReturnValue:
    task_filter = current_filter()
    return render_template(
        "tasks/index.html",
        page=listing(task_filter, current_user.id, PER_PAGE),
        filter=task_filter,
        register=get_register(),
        total=figures.total(),
        action_labels=ACTION_LABELS,
        status_labels=STATUS_LABELS,
        sorts={key: label for key, label in SORTS.items() if key != "nyast"},
    )


@register_roles
def export() -> ResponseReturnValue:
    return register_download("csv")


@register_roles
def export_xlsx() -> ResponseReturnValue:
    return register_download("xlsx")


def register_download(kind: str) -> ResponseReturnValue:
    """The register, filtered as the list is, as a CSV or XLSX file; audited."""
    register, task_filter = get_register(), current_filter()
    query = tasks_query(task_filter, current_user.id).options(
        selectinload(Task.proposer), selectinload(Task.owner), selectinload(Task.decided_by)
    )
    tasks = db.session.scalars(query).all()
    rows = [csv_row(t, register.category_labels, register.function_labels) for t in tasks]
    selection = ", ".join(f"{key}={value}" for key, value in task_filter.as_args().items())
    record(
        "tasks_exported",
        actor_id=current_user.id,
        target="Administrativa uppgifter",
        detail=f"{len(tasks)} rader; urval: {selection or 'hela registret'}",
    )
    db.session.commit()
    return table_download(kind, "administrativa-uppgifter", CSV_HEADER, rows)


@register_roles
def figures_page() -> ResponseReturnValue:
    return render_template(
        "tasks/figures.html", tables=pages.figure_tables(get_register()), total=figures.total()
    )


@allow("chef")
@form_page
def new() -> ResponseReturnValue:
    form = pages.task_form(None)
    if form.validate_on_submit():
        if not claim(form.submission.data):
            flash(_("Förslaget är redan mottaget."), "info")
            return redirect(url_for("tasks.index", mina=1))
        task = service.create_task(pages.task_change(form), me())
        db.session.commit()
        flash(_("Tack! Förslaget är mottaget och väntar på bedömning av HR."), "success")
        return redirect(url_for("tasks.detail", task_id=task.id))
    return render_template("tasks/form.html", form=form, task=None), form_status(form)


def detail_page(task: Task, comment_form: CommentForm, status: int = 200):
    user = me()
    return render_template(
        "tasks/detail.html",
        task=task,
        measures=figures.for_task(task.id),
        register=get_register(),
        steps=steps_for(task, user),
        can_edit=service.edit_refusal(task, user) is None,
        can_endorse=service.endorse_refusal(task, user) is None,
        endorsed=any(e.user_id == user.id for e in task.endorsements),
        comment_form=comment_form,
        history=pages.history_rows(task),
    ), status


@register_roles
def detail(task_id: int) -> ResponseReturnValue:
    return detail_page(load_task(task_id), CommentForm())


@register_roles
@form_page
def comment(task_id: int) -> ResponseReturnValue:
    task = load_task(task_id)
    form = CommentForm()
    if not form.validate_on_submit():
        return detail_page(task, form, form_status(form))
    if claim(form.submission.data):
        service.add_comment(task, me(), form.text.data)
        db.session.commit()
        flash(_("Kommentaren är sparad."), "success")
    return redirect(url_for("tasks.detail", task_id=task.id, _anchor="kommentarer"))


@allow("chef", "hr")
@form_page
def edit(task_id: int) -> ResponseReturnValue:
    task = db.get_or_404(Task, task_id)
    form = pages.task_form(task)
    refusal = service.edit_refusal(task, me())
    if refusal:
        return render_template("tasks/form.html", form=form, task=task, refusal=refusal), 403
    conflict = False
    if form.validate_on_submit():
        if not claim(form.submission.data):
            return redirect(url_for("tasks.detail", task_id=task.id))
        try:
            service.update_task(task, pages.task_change(form), pages.version(form), me())
        except EditConflict:
            db.session.rollback()
            conflict = True
        else:
            if commit_or_conflict():
                flash(_("Ändringarna är sparade."), "success")
                return redirect(url_for("tasks.detail", task_id=task.id))
            conflict = True
        form.version.data = str(task.version)
    status = 409 if conflict else form_status(form)
    return render_template("tasks/form.html", form=form, task=task, conflict=conflict), status


@allow("chef")
@form_page
def endorse(task_id: int) -> ResponseReturnValue:
    task = db.get_or_404(Task, task_id)
    form = EndorseForm()
    refusal = service.endorse_refusal(task, me())
    if refusal:
        return render_template("tasks/endorse.html", task=task, form=form, refusal=refusal), 409
    if not form.validate_on_submit():
        return render_template("tasks/endorse.html", task=task, form=form), form_status(form)
    if claim(form.submission.data):
        try:
            service.endorse(task, me(), form.hours_per_month.data)
        except EditRefused as refused:
            db.session.rollback()
            flash(str(refused), "error")
        else:
            db.session.commit()
            flash(_("Tack! Din uppskattning räknas nu in i uppgiftens siffror."), "success")
    return redirect(url_for("tasks.detail", task_id=task.id))


@allow("chef")
def unendorse(task_id: int) -> ResponseReturnValue:
    task = db.get_or_404(Task, task_id)
    try:
        service.withdraw_endorsement(task, me())
    except EditRefused as refused:
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(_("Din anmälan är borttagen."), "success")
    return redirect(url_for("tasks.detail", task_id=task.id))


def step_page(task: Task, form, step, status: int, **context):
    kept = [(f.label.text, f.data) for f in form if f.type == "TextAreaField" and f.data]
    return render_template(
        "tasks/step.html",
        task=task,
        form=form,
        step=step,
        status_labels=STATUS_LABELS,
        kept=kept if request.method == "POST" else [],
        **context,
    ), status


@register_roles
@form_page
def step(task_id: int, step: str) -> ResponseReturnValue:
    if step not in STEP_FORMS:
        abort(404)
    task = db.get_or_404(Task, task_id)
    form = pages.step_form(step, task)
    try:
        transition = check_step(task, step, me())
    except StepRefused as refused:
        return step_page(
            task, form, None, 403 if refused.reason == "role" else 409, refused=refused
        )
    if not form.validate_on_submit():
        return step_page(task, form, transition, form_status(form))
    if not claim(form.submission.data):
        return redirect(url_for("tasks.detail", task_id=task.id))
    try:
        service.take_step(task, step, me(), pages.version(form), pages.step_input(form))
    except EditConflict:
        db.session.rollback()
    except EditRefused as refused:
        db.session.rollback()
        form.note.errors.append(str(refused))
        return step_page(task, form, transition, 422)
    else:
        if commit_or_conflict():
            message = _(
                "%(step)s. Uppgiften har nu status %(status)s.",
                step=STEP_DONE[step],
                status=task.status_label,
            )
            flash(message, "success")
            return redirect(url_for("tasks.detail", task_id=task.id))
    form.version.data = str(task.version)
    return step_page(task, form, transition, 409, conflict=True)
