"""Min sida, the content pages, language choice and the health check."""

from flask import (
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from toolbox.clock import utcnow
from toolbox.content import get_content
from toolbox.extensions import db
from toolbox.home import service
from toolbox.home.todos import PRIVACY
from toolbox.web.language import gettext as _
from toolbox.web.security import public, safe_next, signed_in


@signed_in
def index() -> ResponseReturnValue:
    checklist = service.checklist_for(current_user)
    return render_template(
        "home/index.html",
        todos=service.todos_for(current_user),
        checklist=checklist,
        show_checklist=service.show_checklist(current_user, checklist),
    )


@signed_in
def hide_checklist() -> ResponseReturnValue:
    current_user.checklist_hidden = True
    db.session.commit()
    flash(_("Checklistan är dold."), "success")
    return redirect(url_for("home.index"))


@public
def page(slug: str) -> ResponseReturnValue:
    found = get_content().pages.get(slug)
    if found is None:
        abort(404)
    return render_template("home/page.html", page=found, privacy=slug == PRIVACY)


@signed_in
def mark_privacy_read() -> ResponseReturnValue:
    if current_user.privacy_read_at is None:
        current_user.privacy_read_at = utcnow()
        db.session.commit()
    flash(_("Tack! Du hittar sidan i sidfoten när du vill läsa den igen."), "success")
    return redirect(url_for("home.index"))


@public
def choose_language() -> ResponseReturnValue:
    language = request.form.get("lang", "")
    if language in current_app.config["LANGUAGES"]:
        session["lang"] = language
    return redirect(safe_next(request.form.get("next"), url_for("home.index")))


@public
def healthz() -> ResponseReturnValue:
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
