"""Results, print view and deletion of one reflection. Routes are in views.py;
the reflection is always read through service.own_reflection."""

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from toolbox.catalog.models import FORMATS, KINDS
from toolbox.extensions import db
from toolbox.reflection import charts, recommend, service
from toolbox.reflection.advice import advice
from toolbox.reflection.models import Reflection
from toolbox.reflection.results import results_for
from toolbox.web.language import gettext as _
from toolbox.web.security import allow_any_role


def results_context(reflection: Reflection, back: str | None) -> dict:
    """The results and, from the same figures, the recommendations (their
    buttons lead back to `back`)."""
    results = results_for(reflection)
    return advice(current_user.id, recommend.weaknesses(results), back) | {
        "reflection": reflection,
        "results": results,
        "chart": charts.area_bars(results.areas, results.previous is not None),
        "kinds": KINDS,
        "formats": FORMATS,
    }


def submitted_or_draft(reflection_id: int):
    """The author's submitted reflection, or a redirect for a draft (no results yet)."""
    reflection = service.own_reflection(reflection_id, current_user.id)
    if reflection.is_draft:
        return reflection, redirect(url_for("reflection.review", reflection_id=reflection.id))
    return reflection, None


@allow_any_role
def results(reflection_id: int) -> ResponseReturnValue:
    reflection, elsewhere = submitted_or_draft(reflection_id)
    if elsewhere:
        return elsewhere
    back = url_for("reflection.results", reflection_id=reflection.id)
    context = results_context(reflection, back)
    return render_template("reflection/results.html", **context)


@allow_any_role
def print_view(reflection_id: int) -> ResponseReturnValue:
    reflection, elsewhere = submitted_or_draft(reflection_id)
    if elsewhere:
        return elsewhere
    context = results_context(reflection, None)
    return render_template("reflection/print.html", **context)


@allow_any_role
def confirm_delete(reflection_id: int) -> ResponseReturnValue:
    reflection = service.own_reflection(reflection_id, current_user.id)
    return render_template("reflection/delete.html", reflection=reflection)


@allow_any_role
def delete(reflection_id: int) -> ResponseReturnValue:
    reflection = service.own_reflection(reflection_id, current_user.id)
    was_draft = reflection.is_draft
    service.delete_reflection(reflection, current_user.id)
    db.session.commit()
    flash(
        _("Utkastet är borttaget.")
        if was_draft
        else _("Självskattningen och alla dina svar är borttagna."),
        "success",
    )
    return redirect(url_for("reflection.index"))
