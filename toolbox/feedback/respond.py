"""The respondent's pages: answering through a mailed link or a printed code,
without logging in. Each page opens only the one form its token belongs to;
used, expired and unknown tokens get a page that says so.

Nothing here records who answered: the token is marked used and the answers
are stored apart from it (responses.submit). The code page throttles wrong
guesses per address (throttle.py)."""

from flask import current_app, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue

from toolbox import clock
from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.feedback import responses, service, throttle, tokens
from toolbox.feedback.forms import (
    CodeEntryForm,
    answer_form,
    answer_values,
    comment_texts,
    prompts_for,
)
from toolbox.feedback.models import CODE, EMAIL
from toolbox.web.language import lazy_gettext as _l
from toolbox.web.security import form_page, form_status, public

CODE_KEY = "feedback_code"  # a code that was typed in, until it is used
# A code read from the address (a QR code) is at most this long; longer is not a code.
CODE_IN_ADDRESS_MAX = 40
STATUS = {tokens.UNKNOWN: 404, tokens.USED: 410, tokens.CLOSED: 410}
CODE_ERRORS = {
    tokens.UNKNOWN: _l(
        "Koden finns inte, eller hör till en omgång som är avslutad. Kontrollera "
        "att du har skrivit rätt: koden har tio tecken, till exempel ABCDE-FGHJK."
    ),
    tokens.USED: _l("Koden har redan använts. Varje kod fungerar en gång."),
    tokens.CLOSED: _l("Omgången som koden hör till är avslutad och tar inte emot fler svar."),
}


def invalid(found: tokens.Lookup, kind: str) -> ResponseReturnValue:
    page = render_template(
        "feedback/invalid.html", status=found.status, kind=kind, round=found.round
    )
    return page, STATUS[found.status]


def thanks_if_repeated(found: tokens.Lookup) -> bool:
    """The very same form posted again after it was taken (a double click)."""
    return (
        request.method == "POST"
        and found.status == tokens.USED
        and responses.same_post_again(found.invitation.id, request.form.get("submission", ""))
    )


def answer_page(found: tokens.Lookup, kind: str) -> ResponseReturnValue:
    round_, invitation = found.round, found.invitation
    questions = service.question_set(round_)
    group = invitation.rater_group
    form = answer_form(questions, group)
    if form.validate_on_submit():
        answers = responses.Answers(answer_values(form, questions), comment_texts(form))
        on = clock.today()
        if not responses.submit(invitation, questions, answers, form.submission.data, on):
            db.session.rollback()
            if responses.same_post_again(invitation.id, form.submission.data):
                return redirect(url_for("feedback.thanks"))
            return invalid(tokens.lookup_by_id(invitation.id, on), kind)
        db.session.commit()
        session.pop(CODE_KEY, None)
        return redirect(url_for("feedback.thanks"))
    manager = db.session.get(User, round_.manager_id)
    return render_template(
        "feedback/respond.html",
        form=form,
        questions=questions,
        round=round_,
        group=group,
        named=round_.is_named(group),
        prompt_labels=prompts_for(questions, group),
        manager=manager,
        limits=service.thresholds(),
    ), form_status(form)


@public
@form_page
def by_link(token: str) -> ResponseReturnValue:
    """The form behind a mailed link."""
    found = tokens.lookup(token, EMAIL, clock.today())
    if thanks_if_repeated(found):
        return redirect(url_for("feedback.thanks"))
    if found.status != tokens.OK:
        return invalid(found, EMAIL)
    return answer_page(found, EMAIL)


@public
@form_page
def by_code() -> ResponseReturnValue:
    """The form behind a code typed on the code page (kept in the session)."""
    code = session.get(CODE_KEY)
    if not code:
        return redirect(url_for("feedback.enter_code"))
    found = tokens.lookup(code, CODE, clock.today())
    if thanks_if_repeated(found):
        session.pop(CODE_KEY, None)
        return redirect(url_for("feedback.thanks"))
    if found.status != tokens.OK:
        session.pop(CODE_KEY, None)
        return invalid(found, CODE)
    return answer_page(found, CODE)


@public
@form_page
def enter_code() -> ResponseReturnValue:
    form = CodeEntryForm()
    key = throttle.address_key(request.remote_addr or "", current_app.secret_key)
    if form.is_submitted() and throttle.is_throttled(key):
        return render_template("feedback/enter_code.html", form=form, throttled=True), 429
    if form.validate_on_submit():
        found = tokens.lookup_code(form.code.data, clock.today())
        if found.status == tokens.OK:
            session[CODE_KEY] = tokens.normalise_code(form.code.data)
            return redirect(url_for("feedback.respond_code"))
        throttle.record_failure(key)
        db.session.commit()
        form.code.errors.append(str(CODE_ERRORS[found.status]))
        return render_template("feedback/enter_code.html", form=form), 422
    if not form.is_submitted():
        # A printed slip's QR code opens this page with its code filled in;
        # the respondent still sends it (no lookup, no state change on GET).
        form.code.data = request.args.get("kod", "")[:CODE_IN_ADDRESS_MAX]
    return render_template("feedback/enter_code.html", form=form), form_status(form)


@public
def thanks() -> ResponseReturnValue:
    return render_template("feedback/thanks.html")
