"""/ledningsgrupp/uppfoljning and /ledningsgrupp/samsyn: förvaltningsledningen
follows up the teams' dialogues and records its own samsyn. Leadership sees
which teams held their dialogue, what they agreed, and the members' choices
only as counts under a stepped release (pooled.py)."""

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from toolbox import clock
from toolbox.content import get_content
from toolbox.extensions import db
from toolbox.teams import followup, pooled
from toolbox.teams.content import get_dialogue_content
from toolbox.teams.forms import SharedViewForm, behaviour_choices
from toolbox.web.language import gettext as _
from toolbox.web.security import allow, form_page, form_status

leadership = allow("ledning")


@leadership
def overview() -> ResponseReturnValue:
    content = get_dialogue_content()
    rows = followup.overview_rows()
    views = followup.shared_views()
    return render_template(
        "teams/overview.html",
        rows=rows,
        held=sum(1 for row in rows if row.dialogue.agreed_at),
        followed_up=sum(1 for row in rows if row.dialogue.followed_up_at),
        agreed=followup.agreed_counts(),
        pooled=pooled.pooled_priorities(clock.today()),
        content=content,
        concepts={p.key: p.name for p in get_content().principles},
        behaviour_text={b.key: b.text for b in content.behaviours},
        current=views[0] if views else None,
        today=clock.today(),
    )


@leadership
@form_page
def shared_view() -> ResponseReturnValue:
    content = get_dialogue_content()
    views = followup.shared_views()
    form = SharedViewForm()
    form.behaviours.choices = behaviour_choices(content)
    if not form.is_submitted() and views:
        form.behaviours.data = views[0].behaviour_keys
        form.text.data = views[0].text
    if form.validate_on_submit():
        followup.record_shared_view(
            form.text.data, list(dict.fromkeys(form.behaviours.data)), current_user.id
        )
        db.session.commit()
        flash(_("Förvaltningens samsyn är sparad."), "success")
        return redirect(url_for("teams.shared_view"))
    return render_template(
        "teams/shared_view.html",
        form=form,
        views=views,
        agreed=followup.agreed_counts(),
        behaviour_text={b.key: b.text for b in content.behaviours},
    ), form_status(form)
