"""HR's side of a collection: timeline, invitations, the status board,
reminders, the material of one example and its follow-up questions.
Routes are in views.py."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from markupsafe import escape
from wtforms import SelectChoice

from toolbox import clock
from toolbox.content import get_content
from toolbox.db.edits import EditConflict, EditRefused
from toolbox.examples import contacts, service
from toolbox.examples.forms import CollectionForm, FollowUpForm, InviteForm
from toolbox.examples.models import CONTACT_WAYS, STEP_LABELS, Collection, Example, FollowUp
from toolbox.extensions import db
from toolbox.org.service import unit_tree
from toolbox.submissions.service import claim
from toolbox.web import mailing
from toolbox.web.language import gettext as _
from toolbox.web.language import lazy_gettext as _l
from toolbox.web.language import ngettext
from toolbox.web.markup import marked_swedish
from toolbox.web.security import ConfirmForm, allow, form_page, form_status, form_version

hr_only = allow("hr")
SUBJECTS = {
    "invitation": _l("Inbjudan: %(title)s"),
    "reminder": _l("Påminnelse: %(title)s"),
    "followup": _l("Följdfrågor: %(title)s"),
}


def mail_link(example: Example, token: str, kind: str) -> None:
    """Mail the contact a personal link (invitation, reminder or follow-up questions)."""
    collection = example.collection
    step = example.current_step
    mailing.send(
        example.contact_email,
        SUBJECTS[kind] % {"title": collection.title},
        f"examples_{kind}",
        example=example,
        collection=collection,
        link=url_for("examples.respond", token=token, _external=True),
        contact_ways=CONTACT_WAYS,
        step_name=STEP_LABELS[step].lower(),
        due=collection.due(step),
    )


@hr_only
def collections() -> ResponseReturnValue:
    rows = service.collections_overview(clock.today())
    return render_template("examples/collections.html", rows=rows, today=clock.today())


def collection_data(form: CollectionForm) -> service.CollectionData:
    return service.CollectionData(
        title=form.title.data.strip(),
        purpose=form.purpose.data.strip(),
        step1_due=form.step1_due.data,
        step2_due=form.step2_due.data,
        step3_due=form.step3_due.data,
        delivery_date=form.delivery_date.data,
    )


@hr_only
@form_page
def edit_collection(collection_id: int | None = None) -> ResponseReturnValue:
    collection = db.get_or_404(Collection, collection_id) if collection_id else None
    # Filled from the collection on GET only: a post's version must come from the post.
    form = CollectionForm(obj=collection if request.method == "GET" else None)
    if collection is not None and request.method == "GET":
        form.version.data = str(collection.version)
    conflict = False
    if form.validate_on_submit():
        if collection is None:
            if not claim(form.submission.data):
                return redirect(url_for("examples.collections"))
            collection = service.create_collection(collection_data(form), current_user)
            db.session.commit()
            flash(_("Insamlingen är skapad. Bjud nu in enheter eller kontaktpersoner."), "success")
            return redirect(url_for("examples.collection", collection_id=collection.id))
        try:
            service.update_collection(collection, collection_data(form), form_version(form) or 0)
        except EditConflict:
            db.session.rollback()
            conflict = True
            form.version.data = str(collection.version)
        else:
            db.session.commit()
            flash(_("Ändringarna är sparade."), "success")
            return redirect(url_for("examples.collection", collection_id=collection.id))
    status = 409 if conflict else form_status(form)
    return render_template(
        "examples/collection_form.html", form=form, collection=collection, conflict=conflict
    ), status


@hr_only
def collection(collection_id: int) -> ResponseReturnValue:
    found = db.get_or_404(Collection, collection_id)
    on = clock.today()
    return render_template(
        "examples/collection.html",
        collection=found,
        rows=service.board(found, on),
        counts=service.step_counts(found),
        due_for_reminder=len(service.due_for_reminder(found, on)),
        today=on,
    )


def invite_form() -> InviteForm:
    form = InviteForm()
    form.unit_id.choices = [SelectChoice(0, _("Ingen enhet i listan"))] + [
        SelectChoice(unit.id, "\u2003" * depth + unit.name) for unit, depth in unit_tree()
    ]
    return form


@hr_only
@form_page
def invite(collection_id: int) -> ResponseReturnValue:
    found = db.get_or_404(Collection, collection_id)
    form = invite_form()
    if form.validate_on_submit():
        data = contacts.InviteData(
            unit_id=form.unit_id.data or None,
            unit_name=(form.unit_name.data or "").strip(),
            contact_name=form.contact_name.data.strip(),
            contact_email=form.contact_email.data,
            preferred_contact=form.preferred_contact.data,
            contact_note=(form.contact_note.data or "").strip(),
        )
        if not claim(form.submission.data):
            return redirect(url_for("examples.collection", collection_id=found.id))
        try:
            example, token = contacts.invite(found, data, clock.today())
        except EditRefused as refused:
            form.unit_id.errors.append(str(refused))
        else:
            mail_link(example, token, "invitation")
            db.session.commit()
            flash(
                _("En inbjudan är skickad till %(email)s.", email=example.contact_email),
                "success",
            )
            return redirect(url_for("examples.collection", collection_id=found.id))
    status = 422 if form.unit_id.errors else form_status(form)
    return render_template("examples/invite.html", form=form, collection=found), status


def send_reminders(examples: list[Example]) -> int:
    """One mail each with a new link; committed one by one so that a mail
    failure never leaves an already mailed link unsaved."""
    for example in examples:
        mail_link(example, service.mark_reminded(example), "reminder")
        db.session.commit()
    return len(examples)


@hr_only
def remind(collection_id: int) -> ResponseReturnValue:
    found = db.get_or_404(Collection, collection_id)
    sent = send_reminders(service.due_for_reminder(found, clock.today()))
    if sent:
        flash(
            # Swedish reads the same in the singular, as it always has.
            ngettext(
                "Påminnelse skickad till %(num)s kontaktpersoner som ligger efter.",
                "Påminnelse skickad till %(num)s kontaktpersoner som ligger efter.",
                sent,
            ),
            "success",
        )
    else:
        flash(_("Ingen ligger efter, eller alla har redan fått en påminnelse i dag."), "info")
    return redirect(url_for("examples.collection", collection_id=found.id))


@hr_only
def remind_one(example_id: int) -> ResponseReturnValue:
    example = db.get_or_404(Example, example_id)
    due = service.due_for_reminder(example.collection, clock.today(), example.id)
    if send_reminders(due):
        flash(_("Påminnelse skickad till %(email)s.", email=example.contact_email), "success")
    else:
        flash(
            _("Kontaktpersonen ligger inte efter, eller har redan fått en påminnelse i dag."),
            "info",
        )
    if request.form.get("back") == "board":
        return redirect(url_for("examples.collection", collection_id=example.collection_id))
    return redirect(url_for("examples.example", example_id=example.id))


@hr_only
def new_link(example_id: int) -> ResponseReturnValue:
    example = db.get_or_404(Example, example_id)
    if not example.collection.is_open(clock.today()):
        flash(_("Insamlingen är avslutad. Länkar fungerar inte längre."), "error")
    else:
        mail_link(example, service.issue_link(example), "invitation")
        db.session.commit()
        flash(
            _(
                "En ny länk är skickad till %(email)s. Den gamla gäller inte.",
                email=example.contact_email,
            ),
            "success",
        )
    return redirect(url_for("examples.example", example_id=example.id))


def render_example(example: Example, form: FollowUpForm, status: int = 200):
    version = example.question_set_version
    questions = get_content().question_set("goda-exempel", version) if version else None
    on = clock.today()
    return render_template(
        "examples/example.html",
        example=example,
        collection=example.collection,
        questions=questions,
        form=form,
        drafts=contacts.draft_followups(example),
        can_remind=bool(service.due_for_reminder(example.collection, on, example.id)),
        today=on,
    ), status


@hr_only
def example(example_id: int) -> ResponseReturnValue:
    return render_example(db.get_or_404(Example, example_id), FollowUpForm())


@hr_only
@form_page
def add_followup(example_id: int) -> ResponseReturnValue:
    found = db.get_or_404(Example, example_id)
    form = FollowUpForm()
    if form.validate_on_submit():
        if claim(form.submission.data):
            contacts.add_followup(found, form.question.data.strip(), current_user)
            db.session.commit()
            flash(_("Frågan är sparad. Skicka frågorna när du är klar."), "success")
        return redirect(url_for("examples.example", example_id=found.id) + "#foljdfragor")
    return render_example(found, form, form_status(form))


@hr_only
def send_followups(example_id: int) -> ResponseReturnValue:
    found = db.get_or_404(Example, example_id)
    try:
        token = contacts.send_followups(found, clock.today())
    except EditRefused as refused:
        flash(str(refused), "error")
    else:
        mail_link(found, token, "followup")
        db.session.commit()
        flash(_("Frågorna är skickade till %(email)s.", email=found.contact_email), "success")
    return redirect(url_for("examples.example", example_id=found.id))


@hr_only
@form_page
def remove(example_id: int) -> ResponseReturnValue:
    """Confirm, then take the example out of its collection."""
    found = db.get_or_404(Example, example_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        collection_id, unit_name = found.collection_id, found.unit_name
        try:
            contacts.remove_example(found, current_user)
        except EditRefused as refused:
            flash(str(refused), "error")
            return redirect(url_for("examples.example", example_id=found.id))
        db.session.commit()
        flash(
            escape(_("Exemplet från %(unit)s är borttaget.")) % {"unit": marked_swedish(unit_name)},
            "success",
        )
        return redirect(url_for("examples.collection", collection_id=collection_id))
    status = form_status(form)
    return render_template("examples/remove.html", example=found, form=form), status


@hr_only
def delete_followup(example_id: int, followup_id: int) -> ResponseReturnValue:
    followup = db.get_or_404(FollowUp, followup_id)
    if followup.example_id != example_id:
        abort(404)
    try:
        contacts.delete_draft_followup(followup)
    except EditRefused as refused:
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(_("Frågan är borttagen."), "success")
    return redirect(url_for("examples.example", example_id=example_id))
