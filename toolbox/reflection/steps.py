"""The reflection form: one step per area, the review and submission. Routes
are in views.py; every view declares its access and reads the reflection
through service.own_reflection (404 for anyone but the author)."""

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from toolbox.content import AreaSection, QuestionSet, get_content
from toolbox.extensions import db
from toolbox.reflection import kept, service
from toolbox.reflection.forms import ALLOWED, field_name, posted_answers, step_form
from toolbox.reflection.models import NOTE_MAX, QUESTION_SET, Reflection
from toolbox.reflection.results import answer_label
from toolbox.web.forms import PortalForm
from toolbox.web.language import gettext as _
from toolbox.web.security import allow_any_role, form_page, form_status, public


def section_of(questions: QuestionSet, step: int) -> AreaSection:
    if not 1 <= step <= len(questions.sections):
        abort(404)
    return questions.sections[step - 1]


def draft_or_results(reflection_id: int, for_change: bool = False):
    """The author's draft, or a redirect to the results of a submitted one;
    `for_change` for a request that changes the draft (service.own_reflection)."""
    reflection = service.own_reflection(reflection_id, current_user.id, for_change)
    if not reflection.is_draft:
        return reflection, redirect(url_for("reflection.results", reflection_id=reflection.id))
    return reflection, None


def area_name(key: str) -> str:
    return get_content().area(key).name


def render_step(reflection: Reflection, step: int, form: PortalForm, status: int = 200, **extra):
    questions = service.question_set(reflection)
    section = questions.sections[step - 1]
    return render_template(
        "reflection/step.html",
        reflection=reflection,
        questions=questions,
        section=section,
        area_term=get_content().area(section.area),
        step=step,
        form=form,
        field_name=field_name,
        keep=(kept.FIELD, kept.form_value(current_user.id, reflection.id, step)),
        **extra,
    ), status


@allow_any_role
def step(reflection_id: int, step: int) -> ResponseReturnValue:
    reflection, elsewhere = draft_or_results(reflection_id)
    if elsewhere:
        return elsewhere
    section = section_of(service.question_set(reflection), step)
    form = step_form(section, area_name(section.area))
    form.version.data = str(reflection.question_set_version)
    answers = service.answers_of(reflection.id)
    for question in section.questions:
        if question.key in answers:
            value = answers[question.key]
            form[field_name(question.key)].data = service.DONT_KNOW if value is None else str(value)
    form.note.data = service.notes_of(reflection.id).get(section.area, "")
    restored = kept.read(request, current_user.id, reflection.id, step)
    if restored:
        for question in section.questions:
            if question.key in restored.answers:
                form[field_name(question.key)].data = restored.answers[question.key]
        form.note.data = restored.note
    return render_step(reflection, step, form, restored=restored is not None)


@public
@form_page
def save_step(reflection_id: int, step: int) -> ResponseReturnValue:
    """Save the step as a draft and go on as the pressed button says.

    Declared public so that a post whose login session has ended reaches this
    view with its answers (the policy would redirect it to the login page and
    drop them); nothing is read or saved unless the author is logged in."""
    if not current_user.is_authenticated:
        return signed_out(reflection_id, step)
    if not current_user.roles:
        abort(403)
    reflection, elsewhere = draft_or_results(reflection_id, for_change=True)
    if elsewhere:
        return elsewhere
    section = section_of(service.question_set(reflection), step)
    form = step_form(section, area_name(section.area))
    if not form.validate_on_submit():
        return render_step(reflection, step, form, form_status(form))
    saved = service.save_step(reflection, step, posted_answers(form, section), form.note.data or "")
    db.session.commit()
    response = make_response(go_on(reflection, step, section, form, saved))
    kept.forget(response)
    return response


def go_on(
    reflection: Reflection,
    step: int,
    section: AreaSection,
    form: PortalForm,
    saved: service.StepSaved,
):
    """Where the pressed button leads after the draft is saved."""
    action = request.form.get("action", "next")
    if action == "later":
        flash(
            _(
                "Utkastet är sparat. Du fortsätter när det passar dig under Självskattning "
                "eller från Min sida."
            ),
            "success",
        )
        return redirect(url_for("reflection.index"))
    if action == "back":
        if step == 1:
            return redirect(url_for("reflection.index"))
        return redirect(url_for("reflection.step", reflection_id=reflection.id, step=step - 1))
    if saved.gaps:
        for number, question in enumerate(section.questions, start=1):
            if question in saved.gaps:
                form[field_name(question.key)].errors.append(
                    _(
                        "Välj ett svar på påstående %(number)s, eller Vet ej / ej aktuellt.",
                        number=number,
                    )
                )
        return render_step(reflection, step, form, 422, saved=True)
    if saved.next_step is not None:
        return redirect(
            url_for("reflection.step", reflection_id=reflection.id, step=saved.next_step)
        )
    return redirect(url_for("reflection.review", reflection_id=reflection.id))


def signed_out(reflection_id: int, step: int):
    """The login session ended before the post: keep the answers, ask to log in.
    Only a post of the author's own step page is kept (kept.author_of)."""
    author = kept.author_of(request, reflection_id, step)
    if author is None:
        abort(400)
    version = request.form.get("version", type=int)
    sets = get_content().question_sets
    version = version if (QUESTION_SET, version) in sets else None
    questions = get_content().question_set(QUESTION_SET, version)
    section = section_of(questions, step)
    answers = {
        q.key: request.form[field_name(q.key)]
        for q in section.questions
        if request.form.get(field_name(q.key)) in ALLOWED
    }
    note = request.form.get("note", "")[:NOTE_MAX]
    value = kept.dump(kept.Kept(author, reflection_id, step, answers, note))
    stored = value is not None and kept.from_this_site(request)
    page = make_response(
        render_template(
            "reflection/signed_out.html",
            section=section,
            step=step,
            labels={
                key: answer_label(True, service.parse_answer(v)[1]) for key, v in answers.items()
            },
            note=note,
            stored=stored,
            login_url=url_for(
                "auth.login",
                next=url_for("reflection.step", reflection_id=reflection_id, step=step),
            ),
        )
    )
    if stored:
        kept.remember(page, value)
    return page


@allow_any_role
def review(reflection_id: int) -> ResponseReturnValue:
    reflection, elsewhere = draft_or_results(reflection_id)
    if elsewhere:
        return elsewhere
    return render_review(reflection)


def render_review(reflection: Reflection, status: int = 200, refused: bool = False):
    questions = service.question_set(reflection)
    answers = service.answers_of(reflection.id)
    gaps = service.missing(questions.questions, answers)
    return render_template(
        "reflection/review.html",
        reflection=reflection,
        questions=questions,
        answers=answers,
        notes=service.notes_of(reflection.id),
        gaps=gaps,
        refused=refused,
        answer_label=answer_label,
        field_name=field_name,
    ), status


@allow_any_role
def submit(reflection_id: int) -> ResponseReturnValue:
    reflection, elsewhere = draft_or_results(reflection_id, for_change=True)
    if elsewhere:  # submitted already, e.g. by a double click
        return elsewhere
    try:
        service.submit(reflection)
    except service.Incomplete:
        db.session.rollback()
        return render_review(reflection, 422, refused=True)
    db.session.commit()
    flash(
        _(
            "Din självskattning är inskickad. Bara du kan se dina svar och ditt resultat – "
            "inte din chef, HR, ledningen eller administratörerna."
        ),
        "success",
    )
    return redirect(url_for("reflection.results", reflection_id=reflection.id))
