"""Browsing, searching and saving catalog items; Min utvecklingsplan; lärvägar."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from markupsafe import escape

from toolbox.catalog import plans, ratings, service
from toolbox.catalog.forms import PlanAddForm, PlanStatusForm, RatingForm
from toolbox.catalog.models import (
    FORMATS,
    KINDS,
    PLAN_STATUSES,
    PROVIDERS,
    STATES,
    TARGET_GROUPS,
    LearningPath,
)
from toolbox.content import get_content
from toolbox.extensions import db
from toolbox.submissions.service import claim
from toolbox.web.language import gettext as _
from toolbox.web.markup import marked_swedish
from toolbox.web.security import allow_any_role, form_page, form_status, safe_next


def read_filters() -> service.Filters:
    """Filters from the query string; unknown values are ignored, not errors."""
    content = get_content()
    allowed = {
        "kind": KINDS,
        "format": FORMATS,
        "provider": PROVIDERS,
        "target": TARGET_GROUPS,
        "area": {a.key for a in content.areas},
        "principle": {p.key for p in content.principles},
        "cost": {"gratis", "avgift"},
        "mode": {"online", "plats"},
        "sort": set(service.SORTS),
    }
    values = {name: request.args.get(name, "") for name in allowed}
    values = {name: value if value in allowed[name] else "" for name, value in values.items()}
    return service.Filters(q=request.args.get("q", "").strip()[:200], **values)


def is_hr() -> bool:
    return current_user.has_role("hr")


@allow_any_role
def index() -> ResponseReturnValue:
    filters = read_filters()
    return render_template(
        "catalog/index.html",
        page=service.listing(filters, db.engine.dialect.name),
        filters=filters,
        content=get_content(),
        in_plan=plans.plan_item_ids(current_user.id),
        kinds=KINDS,
        formats=FORMATS,
        providers=PROVIDERS,
        targets=TARGET_GROUPS,
    )


@allow_any_role
def item(slug: str) -> ResponseReturnValue:
    found = service.visible_item(slug, can_see_all=is_hr())
    if found is None:
        abort(404)
    return render_template(
        "catalog/item.html",
        item=found,
        states=STATES,
        form=PlanAddForm(),
        in_plan=found.id in plans.plan_item_ids(current_user.id),
        content=get_content(),
        kinds=KINDS,
        formats=FORMATS,
        providers=PROVIDERS,
        targets=TARGET_GROUPS,
    )


@allow_any_role
def save(slug: str) -> ResponseReturnValue:
    found = service.visible_item(slug, can_see_all=False)
    if found is None:
        abort(404)
    form = PlanAddForm()
    # A recommendation's button comes back to the page it was on.
    back = safe_next(form.next.data, url_for("catalog.item", slug=slug))
    if not form.validate():
        flash(_("Det gick inte att lägga till. Ladda sidan och försök igen."), "error")
        return redirect(back)
    if found.id in plans.plan_item_ids(current_user.id):
        flash(
            escape(_("%(title)s finns redan i din utvecklingsplan."))
            % {"title": marked_swedish(found.title)},
            "success",
        )
        return redirect(back)
    if claim(form.submission.data):
        plans.add_to_plan(current_user.id, found)
        db.session.commit()
    flash(
        escape(_("%(title)s finns nu i din utvecklingsplan."))
        % {"title": marked_swedish(found.title)},
        "success",
    )
    return redirect(back)


def plan_page(rating_forms: dict | None = None, status: int = 200):
    entries = plans.plan_for(current_user.id)
    rating_forms = rating_forms or {}
    forms = {
        entry.id: (
            PlanStatusForm(status=entry.status, formdata=None),
            rating_forms.get(entry.id)
            or RatingForm(rating=entry.rating, comment=entry.comment, formdata=None),
        )
        for entry in entries
    }
    return render_template(
        "catalog/plan.html",
        entries=entries,
        forms=forms,
        statuses=PLAN_STATUSES,
        final={entry.id for entry in entries if ratings.is_final(entry)},
        min_ratings=ratings.min_raters(),
    ), status


@allow_any_role
def plan() -> ResponseReturnValue:
    return plan_page()


def own_entry(entry_id: int):
    entry = plans.entry_of(current_user.id, entry_id)
    if entry is None:
        abort(404)
    return entry


@allow_any_role
def plan_status(entry_id: int) -> ResponseReturnValue:
    entry = own_entry(entry_id)
    form = PlanStatusForm()
    if form.validate():
        try:
            plans.set_status(entry, form.status.data)
        except plans.PlanRefused as refused:
            flash(str(refused), "error")
        else:
            db.session.commit()
            status = PLAN_STATUSES[entry.status].lower()
            title = marked_swedish(entry.item.title)
            flash(
                escape(_("Status för %(title)s: %(status)s.")) % {"title": title, "status": status},
                "success",
            )
    return redirect(url_for("catalog.plan"))


@allow_any_role
@form_page
def plan_rating(entry_id: int) -> ResponseReturnValue:
    entry = own_entry(entry_id)
    form = RatingForm()
    if form.validate():
        try:
            plans.rate(entry, form.rating.data, form.comment.data or "")
        except plans.PlanRefused as refused:
            form.rating.errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("Tack för ditt betyg!"), "success")
            return redirect(url_for("catalog.plan"))
    return plan_page({entry.id: form}, form_status(form) if form.errors else 422)


@allow_any_role
def plan_remove(entry_id: int) -> ResponseReturnValue:
    entry = own_entry(entry_id)
    title = entry.item.title
    try:
        plans.remove(entry)
    except plans.PlanRefused as refused:
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(
            escape(_("%(title)s är borttagen ur din plan.")) % {"title": marked_swedish(title)},
            "success",
        )
    return redirect(url_for("catalog.plan"))


@allow_any_role
def paths() -> ResponseReturnValue:
    found = plans.published_paths()
    progress = {path.id: plans.progress(current_user.id, path) for path in found}
    return render_template("catalog/paths.html", paths=found, progress=progress)


def published_path(slug: str) -> LearningPath:
    path = db.session.scalar(
        db.select(LearningPath).where(LearningPath.slug == slug, LearningPath.published)
    )
    if path is None:
        abort(404)
    return path


@allow_any_role
def path(slug: str) -> ResponseReturnValue:
    found = published_path(slug)
    done, total = plans.progress(current_user.id, found)
    entries = {entry.item_id: entry for entry in plans.plan_for(current_user.id)}
    return render_template(
        "catalog/path.html",
        path=found,
        steps=plans.approved_steps(found),
        done=done,
        total=total,
        entries=entries,
        enrolled=plans.is_enrolled(current_user.id, found.id),
        statuses=PLAN_STATUSES,
    )


@allow_any_role
def start_path(slug: str) -> ResponseReturnValue:
    found = published_path(slug)
    plans.start_path(current_user.id, found)
    db.session.commit()
    flash(
        escape(_("Du följer nu lärvägen %(title)s. Stegen finns i din utvecklingsplan."))
        % {"title": marked_swedish(found.title)},
        "success",
    )
    return redirect(url_for("catalog.path", slug=slug))
