"""One round's pages for the manager who opened it: status while it is open
(thresholds only), invitations, printed codes, reminders, closing, and the
results once it has closed. Every view is open to any role and fetches the
round through service.own_round, so anyone but its manager gets 404."""

from flask import current_app, flash, redirect, render_template, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from markupsafe import Markup, escape

from toolbox import clock
from toolbox.catalog.models import FORMATS, KINDS
from toolbox.extensions import db
from toolbox.feedback import charts, forms, invitations, mails, recommend, seal, service, tables
from toolbox.feedback.compare import GAP_THRESHOLD, KIND_LABELS, self_vs_others
from toolbox.feedback.forms import ClosingDateForm, CodesForm, InviteForm
from toolbox.feedback.models import EMAIL, FeedbackRound
from toolbox.feedback.report import report_pages
from toolbox.feedback.results import results_for
from toolbox.feedback.tokens import format_code
from toolbox.reflection.advice import advice
from toolbox.reflection.recommend import OTHERS
from toolbox.submissions.service import claim
from toolbox.web import mailing
from toolbox.web.language import gettext as _
from toolbox.web.language import lazy_gettext as _l
from toolbox.web.language import ngettext
from toolbox.web.markup import marked_swedish
from toolbox.web.qrcodes import qr_svg
from toolbox.web.security import ConfirmForm, allow_any_role, form_page, form_status

CODES_KEY = "feedback_codes"  # the latest batch of codes, shown once for printing


def own(round_id: int) -> FeedbackRound:
    return service.own_round(round_id, current_user.id)


def here(round_: FeedbackRound) -> str:
    return url_for("feedback.round", round_id=round_.id)


def results_context(round_: FeedbackRound, back: str | None) -> dict:
    """The results and, from the same figures, the recommendations for what
    others rated lowest (their buttons lead back to `back`)."""
    limits = service.thresholds()
    results = results_for(round_, limits)
    compared = self_vs_others(results, round_.manager_id)
    weak = recommend.weaknesses(results) if results.groups else []
    return (
        {"shown": results.groups}
        | advice(current_user.id, weak, back, OTHERS)
        | {
            "round": round_,
            "results": results,
            "compared": compared,
            "area_headers": tables.headers(
                results, _("Område"), [_("Skillnad, andra − du"), _("Tolkning")]
            ),
            "area_rows": tables.area_rows(results, compared),
            "statement_headers": tables.headers(results, _("Påstående"), [_("Tolkning")]),
            "statement_tables": tables.statement_tables(results, compared),
            "chart": charts.self_and_others(results, compared),
            "limits": limits,
            "gap": GAP_THRESHOLD,
            "kind_labels": KIND_LABELS,
            "kinds": KINDS,
            "formats": FORMATS,
        }
    )


@allow_any_role
def round_page(round_id: int) -> ResponseReturnValue:
    round_ = own(round_id)
    if not round_.is_open(clock.today()):
        context = results_context(round_, here(round_))
        return render_template("feedback/round.html", **context)
    limits = service.thresholds()
    return render_template(
        "feedback/round.html",
        round=round_,
        progress=service.progress([round_], limits)[round_.id],
        invited=invitations.invitations(round_),
        limits=limits,
    )


@allow_any_role
def print_view(round_id: int) -> ResponseReturnValue:
    round_ = own(round_id)
    if round_.is_open(clock.today()):
        return redirect(here(round_))
    context = results_context(round_, None)
    return render_template("feedback/print.html", **context)


@allow_any_role
def report(round_id: int) -> ResponseReturnValue:
    """The report to keep and discuss: one page per area, self, own manager,
    staff and colleagues side by side, the largest differences in words."""
    round_ = own(round_id)
    if round_.is_open(clock.today()):
        return redirect(here(round_))
    limits = service.thresholds()
    results = results_for(round_, limits)
    compared = self_vs_others(results, round_.manager_id)
    return render_template(
        "feedback/report.html",
        round=round_,
        results=results,
        compared=compared,
        pages=report_pages(results, compared),
        limits=limits,
    )


def group_choices(form, round_: FeedbackRound) -> None:
    form.rater_group.choices = forms.group_choices(round_.groups)
    if not form.is_submitted() and len(round_.groups) == 1:
        form.rater_group.data = round_.groups[0]


def refuse_if_closed(
    round_: FeedbackRound,
    message: str = _l("Omgången är avslutad. Det går inte att bjuda in fler."),
):
    """Back to the round with the message when it has closed; None while it is open."""
    if round_.is_open(clock.today()):
        return None
    flash(str(message), "error")
    return redirect(here(round_))


@allow_any_role
@form_page
def invite(round_id: int) -> ResponseReturnValue:
    round_ = own(round_id)
    if closed := refuse_if_closed(round_):
        return closed
    form = InviteForm()
    group_choices(form, round_)
    if form.validate_on_submit():
        if not claim(form.submission.data):
            return redirect(here(round_))
        try:
            invited = invitations.invite(
                round_, form.rater_group.data, form.valid_addresses, current_user.email,
                clock.today(),
            )  # fmt: skip
        except service.Refused as refused:
            db.session.rollback()
            form.addresses.errors.append(str(refused))
        else:
            db.session.commit()
            failed = send_invitations(round_, invited.tokens)
            flash_invited(len(invited.tokens), invited.already, failed)
            return redirect(here(round_))
    status = form_status(form)
    return render_template("feedback/invite.html", form=form, round=round_), status


def send_invitations(round_: FeedbackRound, tokens: dict[str, str]) -> int:
    """Mail each link; a failed mail is logged and its invitee gets a new link
    with the next reminder."""
    failed = 0
    for address, token in tokens.items():
        try:
            mails.send_invitation(round_, address, token)
        except Exception:  # one failed mail must not stop the others
            current_app.logger.exception("Inbjudan till återkoppling gick inte iväg")
            failed += 1
    return failed


def flash_invited(sent: int, already: int, failed: int) -> None:
    parts = []
    if sent:
        parts.append(
            ngettext(
                "Inbjudan med en egen länk är skickad till %(num)s adress.",
                "Inbjudan med en egen länk är skickad till %(num)s adresser.",
                sent,
            )
        )
    if already:
        parts.append(
            ngettext(
                "%(num)s adress var redan inbjuden och fick ingen ny inbjudan.",
                "%(num)s adresser var redan inbjudna och fick ingen ny inbjudan.",
                already,
            )
        )
    if failed:
        parts.append(
            _(
                "%(failed)s mejl gick inte att skicka. De får en ny länk när du skickar "
                "en påminnelse.",
                failed=failed,
            )
        )
    flash(" ".join(parts), "error" if failed else "success")


@allow_any_role
@form_page
def codes(round_id: int) -> ResponseReturnValue:
    round_ = own(round_id)
    if closed := refuse_if_closed(round_):
        return closed
    form = CodesForm()
    group_choices(form, round_)
    if form.validate_on_submit():
        if not claim(form.submission.data):
            return redirect(url_for("feedback.code_sheet", round_id=round_.id))
        try:
            created = invitations.create_codes(
                round_, form.rater_group.data, form.count.data, clock.today()
            )
        except service.Refused as refused:
            db.session.rollback()
            form.count.errors.append(str(refused))
            return render_template("feedback/codes.html", form=form, round=round_), 422
        db.session.commit()
        # Only hashes are stored: the codes live in the manager's session
        # until they are printed, and cannot be shown again after that.
        session[CODES_KEY] = {
            "round": round_.id,
            "group": form.rater_group.data,
            "codes": [format_code(c) for c in sorted(created)],
        }
        return redirect(url_for("feedback.code_sheet", round_id=round_.id))
    return render_template("feedback/codes.html", form=form, round=round_), form_status(form)


@allow_any_role
def code_sheet(round_id: int) -> ResponseReturnValue:
    round_ = own(round_id)
    batch = session.get(CODES_KEY)
    if not batch or batch.get("round") != round_.id:
        batch = None
    return render_template(
        "feedback/code_sheet.html",
        round=round_,
        batch=batch,
        answer_url=mailing.external_url("feedback.enter_code"),
        slips=[code_slip(code) for code in batch["codes"]] if batch else [],
    )


def code_slip(code: str) -> tuple[str, Markup]:
    """A printed code and its QR code: the answer page with the code filled in."""
    url = mailing.external_url("feedback.enter_code", kod=code)
    return code, qr_svg(url, _("QR-kod till svarssidan med koden %(code)s", code=code))


@allow_any_role
def codes_done(round_id: int) -> ResponseReturnValue:
    round_ = own(round_id)
    session.pop(CODES_KEY, None)
    flash(
        _(
            "Koderna är borttagna från skärmen. Dela ut lapparna så att ingen vet vem som "
            "fick vilken."
        ),
        "success",
    )
    return redirect(here(round_))


@allow_any_role
@form_page
def closing_date(round_id: int) -> ResponseReturnValue:
    round_ = own(round_id)
    if closed := refuse_if_closed(
        round_, _("Omgången är avslutad. Sista svarsdagen går inte att ändra.")
    ):
        return closed
    today = clock.today()
    form = ClosingDateForm(today=today, opened_on=round_.opened_on)
    if not form.is_submitted():
        form.closes_on.data = round_.closes_on
    if form.validate_on_submit():
        if not claim(form.submission.data):
            return redirect(here(round_))
        service.move_closing_date(round_, form.closes_on.data, current_user.id, today)
        db.session.commit()
        flash(
            _("Sista dag att svara är nu %(date)s.", date=form.closes_on.data.isoformat()),
            "success",
        )
        return redirect(here(round_))
    status = form_status(form)
    return render_template("feedback/closing_date.html", form=form, round=round_), status


@allow_any_role
@form_page
def cancel(round_id: int) -> ResponseReturnValue:
    """Confirm, then remove an open round with everything in it."""
    round_ = own(round_id)
    if closed := refuse_if_closed(round_, _("Omgången är avslutad och kan inte tas bort.")):
        return closed
    form = ConfirmForm()
    if form.validate_on_submit():
        title = round_.title
        service.cancel(round_, current_user.id, clock.today())
        db.session.commit()
        flash(
            escape(_("Omgången %(title)s är borttagen.")) % {"title": marked_swedish(title)},
            "success",
        )
        return redirect(url_for("feedback.index"))
    status = form_status(form)
    return render_template("feedback/cancel.html", form=form, round=round_), status


@allow_any_role
def remind(round_id: int) -> ResponseReturnValue:
    round_ = own(round_id)
    try:
        service.remind_now(round_, clock.today())
    except service.Refused as refused:
        flash(str(refused), "error")
        return redirect(here(round_))
    # How many were asked by e-mail (the manager knows that already), never
    # how many were reminded: that is how many have not answered (PRODUCT.md
    # section 5), and reminding day by day would show when each group answered.
    mailed = invitations.invitations(round_).total_by(EMAIL)
    flash(
        _(
            "Påminnelsen går till dem av de %(mailed)s som har fått en länk via e-post som "
            "inte har svarat ännu, högst en gång per dag. Var och en får en ny länk. Du får "
            "inte veta hur många det är, så att ingen kan räkna ut vem som har svarat. De "
            "som har fått en kod på papper kan du påminna muntligt.",
            mailed=mailed,
        ),
        "success",
    )
    return redirect(here(round_))


@allow_any_role
def close(round_id: int) -> ResponseReturnValue:
    round_ = own(round_id)
    today = clock.today()
    try:
        service.close(round_, current_user.id, today)
    except service.Refused as refused:
        flash(str(refused), "error")
        return redirect(here(round_))
    db.session.commit()
    # If the database is busy the seal waits for the next send-reminders.
    seal.seal_round(round_id, today)
    flash(_("Omgången är avslutad. Här är resultatet."), "success")
    return redirect(here(round_))
