"""The contact's side: the three steps through the mailed link or inside the
portal, and a manager proposing their own unit. Routes are in views.py."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from markupsafe import escape
from sqlalchemy import select

from toolbox import clock
from toolbox.content import get_content
from toolbox.db.edits import EditRefused
from toolbox.examples import contacts, service
from toolbox.examples.forms import (
    ProposeForm,
    StepForm,
    StoryForm,
    followup_answer_form,
    inventory_form,
)
from toolbox.examples.models import DONE, INVENTORY, STORY, Collection, Example
from toolbox.extensions import db
from toolbox.submissions.service import TOKEN_LENGTHS, claim
from toolbox.web.language import gettext as _
from toolbox.web.language import lazy_gettext as _l
from toolbox.web.markup import marked_swedish
from toolbox.web.security import allow, form_page, form_status, public

QUESTION_SET = "goda-exempel"
THANKS = {
    1: _l("Tack för er berättelse! Nästa steg är inventeringen nedan."),
    2: _l("Tack för svaren på inventeringen!"),
    3: _l("Tack för svaren på följdfrågorna!"),
}


def step_form(example: Example, step: int) -> StepForm:
    if step == STORY:
        return StoryForm()
    if step == INVENTORY:
        return inventory_form(get_content().question_set(QUESTION_SET))
    return followup_answer_form(example.open_followups)


def save_step(example: Example, step: int, form: StepForm) -> None:
    if step == STORY:
        contacts.submit_story(example, form.story.data.strip())
    elif step == INVENTORY:
        questions = get_content().question_set(QUESTION_SET)
        answers = {q.key: form[f"q_{q.key}"].data or "" for q in questions.questions}
        contacts.submit_inventory(example, answers, questions.version)
    else:
        answers = {f.id: form[f"f_{f.id}"].data or "" for f in example.open_followups}
        contacts.submit_followup_answers(example, answers)


def page_context(example: Example, in_portal: bool) -> dict:
    version = example.question_set_version
    answered = get_content().question_set(QUESTION_SET, version) if version else None
    return {
        "example": example,
        "collection": example.collection,
        "in_portal": in_portal,
        "answered_questions": answered,
        "today": clock.today(),
    }


def closed_step(here: str, page: dict):
    """A post for a step that is already taken: the very same post again (a
    double click) just shows where the contact is; anything else is refused."""
    submission = request.form.get("submission", "")
    if len(submission) in TOKEN_LENGTHS and not claim(submission):
        return redirect(here)
    db.session.rollback()
    return render_template("examples/step_closed.html", here=here, **page), 409


def step_page(example: Example, here: str, in_portal: bool):
    """Show and take the example's current step; each step is taken once."""
    step = example.current_step
    page = page_context(example, in_portal)
    if request.method == "POST" and request.form.get("step") != str(step):
        return closed_step(here, page)
    if step == DONE:
        return render_template("examples/respond.html", step=DONE, form=None, **page)
    form = step_form(example, step)
    if form.validate_on_submit():
        if not claim(form.submission.data):
            return redirect(here)  # the same post again: show where the contact is now
        try:
            save_step(example, step, form)
        except service.StepClosed:
            db.session.rollback()
            return render_template("examples/step_closed.html", here=here, **page), 409
        db.session.commit()
        flash(str(THANKS[step]), "success")
        return redirect(here)
    form.step.data = str(step)
    questions = get_content().question_set(QUESTION_SET)
    return render_template(
        "examples/respond.html", step=step, form=form, questions=questions, **page
    ), form_status(form)


@public
@form_page
def respond(token: str) -> ResponseReturnValue:
    """The contact's page behind the mailed link; the link opens one example only."""
    lookup = service.example_for_token(token, clock.today())
    if lookup.example is None:
        return render_template("examples/link_invalid.html", expired=False), 404
    if lookup.expired:
        return render_template("examples/link_invalid.html", expired=True), 410
    return step_page(lookup.example, url_for("examples.respond", token=token), in_portal=False)


def own_example(example_id: int) -> Example:
    """The example only for its contact; anyone else gets 404."""
    example = db.get_or_404(Example, example_id)
    if example.contact_user_id != current_user.id:
        abort(404)
    return example


@allow("chef")
def mine() -> ResponseReturnValue:
    user = current_user._get_current_object()
    on = clock.today()
    examples = contacts.examples_of_contact(user)
    collections = contacts.open_collections(on)
    unit_ids = {unit.id for unit in contacts.units_to_propose(user)}
    taken = set(
        db.session.execute(
            select(Example.collection_id, Example.unit_id).where(Example.unit_id.in_(unit_ids))
        ).all()
    )
    proposable = [
        c for c in collections if any((c.id, unit_id) not in taken for unit_id in unit_ids)
    ]
    return render_template(
        "examples/mine.html",
        examples=examples,
        proposable=proposable,
        has_units=bool(unit_ids),
        today=on,
    )


@allow("chef")
@form_page
def answer_mine(example_id: int) -> ResponseReturnValue:
    example = own_example(example_id)
    if not example.collection.is_open(clock.today()):
        page = page_context(example, in_portal=True)
        return render_template("examples/respond.html", step=DONE, form=None, closed=True, **page)
    return step_page(
        example, url_for("examples.answer_mine", example_id=example.id), in_portal=True
    )


@allow("chef")
@form_page
def propose(collection_id: int) -> ResponseReturnValue:
    collection = db.get_or_404(Collection, collection_id)
    on = clock.today()
    if not collection.is_open(on):
        abort(404)
    user = current_user._get_current_object()
    units = contacts.units_to_propose(user)
    form = ProposeForm()
    form.unit_id.choices = [(unit.id, unit.name) for unit in units]
    if units and form.validate_on_submit():
        unit = next(u for u in units if u.id == form.unit_id.data)
        data = contacts.InviteData(
            unit.id,
            unit.name,
            user.name,
            user.email,
            form.preferred_contact.data,
            (form.contact_note.data or "").strip(),
        )
        if not claim(form.submission.data):
            return redirect(url_for("examples.mine"))
        try:
            example = contacts.propose(collection, user, unit, data, on)
        except EditRefused as refused:
            form.unit_id.errors.append(str(refused))
        else:
            db.session.commit()
            flash(
                escape(_("%(unit)s är med i insamlingen. Börja med steg 1 nedan."))
                % {"unit": marked_swedish(unit.name)},
                "success",
            )
            return redirect(url_for("examples.answer_mine", example_id=example.id))
    status = 422 if form.unit_id.errors else form_status(form)
    return render_template(
        "examples/propose.html", form=form, collection=collection, units=units
    ), status
