"""/konto/mina-uppgifter: see what the portal keeps about you, download all
of it, and delete your reflections and drafts."""

import json

from flask import Response, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from toolbox.account import service
from toolbox.account.forms import DeleteReflectionsForm
from toolbox.audit.service import record
from toolbox.clock import utcnow
from toolbox.extensions import db
from toolbox.web.language import gettext as _
from toolbox.web.security import ConfirmForm, form_page, form_status, signed_in


def render_page(export_form: ConfirmForm, delete_form: DeleteReflectionsForm, status: int = 200):
    return render_template(
        "account/data.html",
        export_form=export_form,
        delete_form=delete_form,
        reflections=service.reflection_count(current_user.id),
    ), status


@signed_in
def data() -> ResponseReturnValue:
    return render_page(ConfirmForm(), DeleteReflectionsForm())


@signed_in
@form_page
def download() -> ResponseReturnValue:
    """All own data as one JSON file; the download is in the audit log."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_page(form, DeleteReflectionsForm(), form_status(form))
    user = current_user._get_current_object()
    # default=str: labels (a status, an event) are lazy strings, in the visitor's language.
    body = json.dumps(service.export_data(user), ensure_ascii=False, indent=2, default=str)
    record("account_exported", actor_id=user.id, target=user.email)
    db.session.commit()
    filename = f"mina-uppgifter-{utcnow().date().isoformat()}.json"
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@signed_in
@form_page
def delete_reflections() -> ResponseReturnValue:
    form = DeleteReflectionsForm()
    if not form.validate_on_submit():
        return render_page(ConfirmForm(), form, form_status(form))
    removed = service.delete_reflections(current_user.id)
    record(
        "account_reflections_deleted",
        actor_id=current_user.id,
        target=current_user.email,
        detail=f"{removed} självskattningar och utkast",
    )
    db.session.commit()
    message = _(
        "Alla dina självskattningar och utkast är borttagna (%(removed)s st).", removed=removed
    )
    flash(message, "success")
    return redirect(url_for("account.data"))
