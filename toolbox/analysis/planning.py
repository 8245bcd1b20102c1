"""Goals (målsättningar) and the åtgärdsplan."""

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from toolbox import clock
from toolbox.analysis import owners
from toolbox.analysis.dashboards import focus_name, known_metrics
from toolbox.analysis.forms import ActionForm, GoalForm
from toolbox.analysis.models import Action, Goal
from toolbox.audit.service import record
from toolbox.content import get_content
from toolbox.extensions import db
from toolbox.org.service import unit_tree
from toolbox.privacy.periods import Period, year_periods
from toolbox.programme import service as programme
from toolbox.web.language import gettext as _
from toolbox.web.security import allow, form_page, form_status

leadership = allow("ledning")


def goal_form(goal: Goal | None) -> GoalForm:
    form = GoalForm(obj=goal if request.method == "GET" else None)
    form.metric.choices = [SelectChoice(k, m.label) for k, m in known_metrics().items()]
    content = get_content()
    form.focus.choices = [SelectChoice("", _("Inget område eller princip"))]
    form.focus.choices += [
        SelectChoice(a.key, a.name, optgroup=_("Område")) for a in content.areas
    ] + [SelectChoice(p.key, p.name, optgroup=_("Princip")) for p in content.principles]
    form.unit_id.choices = [SelectChoice(0, _("Hela organisationen"))] + [
        SelectChoice(u.id, "\u2003" * depth + u.name)
        for u, depth in unit_tree()
        if u.level != "enhet"
    ]
    form.period_key.choices = [SelectChoice(p.key, p.label) for p in goal_periods(goal)]
    if request.method == "GET":
        if goal is None:
            form.period_key.data = str(clock.today().year)
        else:
            form.unit_id.data = goal.unit_id or 0
            form.focus.data = goal.focus or ""
            form.version.data = str(goal.version)
    return form


def goal_periods(goal: Goal | None) -> list[Period]:
    """The published periods a goal can be set on: this year and the next two,
    and the two before (with their halves and quarters), and the goal's own."""
    today = clock.today()
    found = [p for year in range(today.year + 2, today.year - 3, -1) for p in year_periods(year)]
    if goal is not None and goal.period not in found:
        found.append(goal.period)
    return found


@leadership
@form_page
def edit_goal(goal_id: int | None = None) -> ResponseReturnValue:
    goal = db.get_or_404(Goal, goal_id) if goal_id else None
    form = goal_form(goal)
    conflict = False
    if form.validate_on_submit():
        metric = known_metrics()[form.metric.data]
        if metric.needs_focus and not form.focus.data:
            form.focus.errors.append(_("Välj vilket område eller vilken princip målet gäller."))
        elif metric.overall is not None and form.unit_id.data:
            form.unit_id.errors.append(
                _("Måttet gäller hela organisationen: välj Hela organisationen.")
            )
        elif goal is not None and form.version.data != str(goal.version):
            conflict, form.version.data = True, str(goal.version)
        else:
            goal = goal or Goal(created_by_id=current_user.id)
            for name in ("metric", "target", "period_key"):
                setattr(goal, name, form[name].data)
            goal.focus = form.focus.data if metric.needs_focus else None
            goal.unit_id, goal.note = form.unit_id.data or None, form.note.data or ""
            db.session.add(goal)
            record("goal_saved", actor_id=current_user.id, target=str(metric.label))
            db.session.commit()
            flash(_("Målet är sparat."), "success")
            return redirect(url_for("analysis.index"))
    status = 409 if conflict else form_status(form)
    return render_template(
        "analysis/goal_form.html", form=form, goal=goal, conflict=conflict
    ), status


@leadership
def delete_goal(goal_id: int) -> ResponseReturnValue:
    goal = db.get_or_404(Goal, goal_id)
    db.session.delete(goal)
    record("goal_deleted", actor_id=current_user.id, target=goal.metric)
    db.session.commit()
    flash(_("Målet är borttaget. Kopplade åtgärder finns kvar."), "success")
    return redirect(url_for("analysis.index"))


def goal_label(goal: Goal, metrics) -> str:
    focus = f" – {focus_name(goal.focus)}" if goal.focus else ""
    scope = goal.unit.name if goal.unit else _("hela organisationen")
    return _("%(metric)s, %(scope)s", metric=f"{metrics[goal.metric].label}{focus}", scope=scope)


def action_form(action: Action | None) -> ActionForm:
    form = ActionForm(obj=action if request.method == "GET" else None)
    metrics = known_metrics()
    goals = db.session.scalars(select(Goal).order_by(Goal.id)).all()
    form.goal_id.choices = [SelectChoice(0, _("Inget mål"))] + [
        SelectChoice(goal.id, goal_label(goal, metrics)) for goal in goals
    ]
    form.activity_id.choices = [SelectChoice(0, _("Ingen aktivitet"))] + [
        SelectChoice(activity.id, activity.title) for activity in programme.activities()
    ]
    if request.method == "GET":
        form.activity_id.data = (action.activity_id if action else None) or 0
        if action is None:
            form.goal_id.data = request.args.get("mal", 0, type=int)
            form.gap.data = request.args.get("gap", "")[:300]
        else:
            form.goal_id.data = action.goal_id or 0
            form.version.data = str(action.version)
    return form


@leadership
@form_page
def edit_action(action_id: int | None = None) -> ResponseReturnValue:
    action = db.get_or_404(Action, action_id) if action_id else None
    form = action_form(action)
    conflict = False
    if form.validate_on_submit():
        if action is not None and form.version.data != str(action.version):
            conflict, form.version.data = True, str(action.version)
        else:
            before = (action.owner, action.owner_email) if action else None
            action = action or Action(created_by_id=current_user.id)
            for name in ("title", "owner", "due_on", "status"):
                setattr(action, name, form[name].data)
            action.owner_email = (form.owner_email.data or "").strip()
            action.description = form.description.data or ""
            action.gap = form.gap.data or ""
            action.goal_id = form.goal_id.data or None
            action.activity_id = form.activity_id.data or None
            db.session.add(action)
            record("action_saved", actor_id=current_user.id, target=action.title)
            db.session.commit()
            flash(_("Åtgärden är sparad."), "success")
            if owners.assignment_changed(action, before):
                if owners.mail_assignment(action):
                    flash(
                        _("%(owner)s har fått ett mejl om åtgärden.", owner=action.owner),
                        "success",
                    )
                else:
                    flash(_("Mejlet till den ansvariga kunde inte skickas."), "error")
            return redirect(url_for("analysis.index"))
    status = 409 if conflict else form_status(form)
    return render_template(
        "analysis/action_form.html", form=form, action=action, conflict=conflict
    ), status
