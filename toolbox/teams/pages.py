"""/ledningsgrupp: a manager's dialogues – opening one, answering, the team
page with the results and the guide, closing, the agreement and the
follow-up. The URL table is in views.py.

A dialogue is reached only by its leader and its members: anyone else gets
404, as for a dialogue that does not exist. No page shows one member's
answers – to the leader, leadership or an administrator alike."""

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from toolbox import clock
from toolbox.content import get_content
from toolbox.extensions import db
from toolbox.submissions.service import claim
from toolbox.teams import results, seal, service
from toolbox.teams.content import get_dialogue_content
from toolbox.teams.forms import (
    AgreementForm,
    DialogueForm,
    FollowUpForm,
    MembersForm,
    answer_form,
    behaviour_choices,
    email_lines,
    rating_value,
)
from toolbox.teams.models import Dialogue
from toolbox.web import mailing
from toolbox.web.language import gettext as _
from toolbox.web.language import ngettext
from toolbox.web.security import ConfirmForm, allow, form_page, form_status, form_version

managers = allow("chef", "ledning")


def visible_dialogue(dialogue_id: int) -> Dialogue:
    dialogue = service.dialogue_for(dialogue_id, current_user.id)
    if dialogue is None:
        abort(404)
    return dialogue


def led_dialogue(dialogue_id: int) -> Dialogue:
    dialogue = visible_dialogue(dialogue_id)
    if dialogue.leader_id != current_user.id:
        abort(404)
    return dialogue


@managers
def index() -> ResponseReturnValue:
    return render_template(
        "teams/index.html",
        led=service.led_by(current_user.id),
        invited=service.member_of(current_user.id),
        concepts={p.key: p.name for p in get_content().principles},
    )


@managers
@form_page
def new() -> ResponseReturnValue:
    form = DialogueForm()
    form.set_concepts(get_content().principles)
    if form.validate_on_submit():
        members, unknown = service.users_by_email(email_lines(form.members.data))
        if unknown:
            form.members.errors.append(no_account(unknown))
        elif claim(form.submission.data):
            dialogue = service.open_dialogue(
                current_user,
                form.team_name.data.strip(),
                form.concept.data,
                form.meeting_on.data,
                members,
                get_dialogue_content().version,
            )
            db.session.commit()
            invite(dialogue, members)
            flash(
                _("Dialogen är öppnad. Medlemmarna har fått ett mejl och ser den på Min sida."),
                "success",
            )
            return redirect(url_for("teams.dialogue", dialogue_id=dialogue.id))
        else:
            return redirect(url_for("teams.index"))
    return render_template("teams/new.html", form=form), form_status(form)


def no_account(emails: list[str]) -> str:
    return _("Det finns inget aktivt konto för: %(emails)s.", emails=", ".join(emails))


def invite(dialogue: Dialogue, members: list) -> None:
    """Mail each member a link to the questions (they sign in to answer). The
    mail is in Swedish whatever the sender reads: the members' language is not
    known."""
    concept = get_content().principle(dialogue.concept).name
    link = mailing.external_url("teams.answer", dialogue_id=dialogue.id)
    for member in members:
        mailing.send(
            member.email,
            f"Ledningsgruppsdialog: {dialogue.team_name}",
            "teams_invitation",
            member=member,
            leader=current_user,
            dialogue=dialogue,
            concept=concept,
            link=link,
        )


def dialogue_page(dialogue: Dialogue, **forms) -> str:
    content = get_dialogue_content()
    is_leader = dialogue.leader_id == current_user.id
    member = service.membership(dialogue, current_user.id)
    agreement = forms.get("agreement")
    if agreement is None and is_leader and not dialogue.is_open:
        agreement = agreement_form(dialogue)
    return render_template(
        "teams/dialogue.html",
        dialogue=dialogue,
        content=content,
        concept=get_content().principle(dialogue.concept),
        is_leader=is_leader,
        member=member,
        reached=service.answered_count(dialogue.id) >= results.min_group(),
        team=results.team_results(dialogue, content),
        agreement=agreement,
        followup=forms.get("followup") or FollowUpForm(),
        more=forms.get("more") or MembersForm(),
        confirm=ConfirmForm(),
        behaviour_text={b.key: b.text for b in content.behaviours},
    )


@managers
def dialogue(dialogue_id: int) -> ResponseReturnValue:
    return dialogue_page(visible_dialogue(dialogue_id))


@managers
@form_page
def answer(dialogue_id: int) -> ResponseReturnValue:
    found = visible_dialogue(dialogue_id)
    member = service.membership(found, current_user.id)
    if member is None:
        abort(404)
    if member.answered or not found.is_open:
        flash(_("Du har redan svarat, eller så är dialogen stängd för svar."), "info")
        return redirect(url_for("teams.dialogue", dialogue_id=found.id))
    content = get_dialogue_content()
    concept = get_content().principle(found.concept).name
    form = answer_form(content, concept)
    if form.validate_on_submit():
        answers = service.Answers(
            meaning=form.meaning.data or "",
            ratings={b.key: rating_value(form[f"r_{b.key}"].data) for b in content.behaviours},
            priorities=tuple(dict.fromkeys(form.priorities.data)),
        )
        if service.submit(found, current_user.id, answers, clock.today()):
            db.session.commit()
            flash(_("Tack! Dina svar är sparade utan ditt namn."), "success")
        return redirect(url_for("teams.dialogue", dialogue_id=found.id))
    return render_template(
        "teams/answer.html", dialogue=found, form=form, content=content, concept=concept
    ), form_status(form)


@managers
def close(dialogue_id: int) -> ResponseReturnValue:
    found = led_dialogue(dialogue_id)
    service.close(found, clock.utcnow())
    db.session.commit()
    seal.seal_dialogue(found.id, clock.today())  # if it fails now, cron seals it
    flash(_("Svaren är stängda. Resultatet visas om tillräckligt många har svarat."), "success")
    return redirect(url_for("teams.dialogue", dialogue_id=found.id))


@managers
@form_page
def add_members(dialogue_id: int) -> ResponseReturnValue:
    found = led_dialogue(dialogue_id)
    if not found.is_open:
        abort(409)
    form = MembersForm()
    if form.validate_on_submit():
        users, unknown = service.users_by_email(email_lines(form.members.data))
        if unknown:
            form.members.errors.append(no_account(unknown))
        else:
            new = service.add_members(found, users)
            db.session.commit()
            invite(found, new)
            flash(
                ngettext(
                    "%(num)s ny medlem har bjudits in.",
                    "%(num)s nya medlemmar har bjudits in.",
                    len(new),
                ),
                "success",
            )
            return redirect(url_for("teams.dialogue", dialogue_id=found.id))
    return dialogue_page(found, more=form), form_status(form)


def agreement_form(dialogue: Dialogue) -> AgreementForm:
    form = AgreementForm()
    form.behaviours.choices = behaviour_choices(get_dialogue_content())
    if not form.is_submitted():
        form.behaviours.data = [choice.behaviour for choice in dialogue.choices]
        form.commitments.data = dialogue.commitments
        form.followup_on.data = dialogue.followup_on
        form.version.data = str(dialogue.version)
    return form


@managers
@form_page
def agree(dialogue_id: int) -> ResponseReturnValue:
    found = led_dialogue(dialogue_id)
    if found.is_open:
        abort(409)
    form = agreement_form(found)
    if form.validate_on_submit():
        if form_version(form) != found.version:
            form.version.data = str(found.version)
            form.commitments.errors.append(
                _(
                    "Överenskommelsen har ändrats sedan du öppnade sidan. "
                    "Kontrollera och spara igen."
                )
            )
            return dialogue_page(found, agreement=form), 409
        service.record_agreement(
            found,
            list(dict.fromkeys(form.behaviours.data)),
            form.commitments.data,
            form.followup_on.data,
            clock.utcnow(),
        )
        db.session.commit()
        flash(_("Överenskommelsen är sparad."), "success")
        return redirect(url_for("teams.dialogue", dialogue_id=found.id))
    return dialogue_page(found, agreement=form), form_status(form)


@managers
@form_page
def follow_up(dialogue_id: int) -> ResponseReturnValue:
    found = led_dialogue(dialogue_id)
    if found.agreed_at is None:
        abort(409)
    form = FollowUpForm()
    if form.validate_on_submit():
        service.record_followup(found, form.note.data, clock.utcnow())
        db.session.commit()
        flash(_("Uppföljningen är sparad."), "success")
        return redirect(url_for("teams.dialogue", dialogue_id=found.id))
    return dialogue_page(found, followup=form), form_status(form)
