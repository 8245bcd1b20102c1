"""Browsing, searching and saving catalog items; Min utvecklingsplan; lärvägar."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from toolbox.catalog import plans, ratings, service
from toolbox.catalog.blueprint import bp
from toolbox.catalog.forms import PlanAddForm, PlanStatusForm, RatingForm
from toolbox.catalog.models import (
    FORMATS,
    KINDS,
    PLAN_STATUSES,
    PROVIDERS,
    TARGET_GROUPS,
    LearningPath,
)
from toolbox.content import get_content
from toolbox.db.cache import page_body
from toolbox.extensions import db
from toolbox.submissions.service import claim
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


@bp.get("/")
@allow_any_role
def index():
    filters = read_filters()
    # The cards mark the items in the manager's plan: managers with the same plan share a page.
    in_plan = plans.plan_item_ids(current_user.id)
    body = page_body(
        "catalog/_index_body.html",
        lambda: {
            "page": service.listing(filters, db.engine.dialect.name),
            "filters": filters,
            "content": get_content(),
            "in_plan": in_plan,
            "kinds": KINDS,
            "formats": FORMATS,
            "providers": PROVIDERS,
            "targets": TARGET_GROUPS,
        },
        tuple(sorted(in_plan)),
    )
    return render_template("catalog/index.html", body=body, filters=filters)


@bp.get("/<slug>")
@allow_any_role
def item(slug: str):
    found = service.item_heading(slug, can_see_all=is_hr())
    if found is None:
        abort(404)

    def described() -> dict:
        # Read again, so that the item's tables are among those the parts depend on.
        return {
            "item": service.visible_item(slug, can_see_all=True),
            "content": get_content(),
            "kinds": KINDS,
            "formats": FORMATS,
            "providers": PROVIDERS,
            "targets": TARGET_GROUPS,
        }

    # The plan form between the two parts carries the user's CSRF token: not kept.
    return render_template(
        "catalog/item.html",
        item=found,
        form=PlanAddForm(),
        in_plan=found.id in plans.plan_item_ids(current_user.id),
        head=page_body("catalog/_item_head.html", described),
        tail=page_body("catalog/_item_tail.html", described),
    )


@bp.post("/<slug>/spara")
@allow_any_role
def save(slug: str):
    found = service.visible_item(slug, can_see_all=False)
    if found is None:
        abort(404)
    form = PlanAddForm()
    # A recommendation's button comes back to the page it was on.
    back = safe_next(form.next.data, url_for("catalog.item", slug=slug))
    if not form.validate():
        flash("Det gick inte att lägga till. Ladda sidan och försök igen.", "error")
        return redirect(back)
    if found.id in plans.plan_item_ids(current_user.id):
        flash(f"{found.title} finns redan i din utvecklingsplan.", "success")
        return redirect(back)
    if claim(form.submission.data):
        plans.add_to_plan(current_user.id, found)
        db.session.commit()
    flash(f"{found.title} finns nu i din utvecklingsplan.", "success")
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


@bp.get("/plan")
@allow_any_role
def plan():
    return plan_page()


def own_entry(entry_id: int):
    entry = plans.entry_of(current_user.id, entry_id)
    if entry is None:
        abort(404)
    return entry


@bp.post("/plan/<int:entry_id>/status")
@allow_any_role
def plan_status(entry_id: int):
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
            flash(f"Status för {entry.item.title}: {status}.", "success")
    return redirect(url_for("catalog.plan"))


@bp.post("/plan/<int:entry_id>/betyg")
@allow_any_role
@form_page
def plan_rating(entry_id: int):
    entry = own_entry(entry_id)
    form = RatingForm()
    if form.validate():
        try:
            plans.rate(entry, form.rating.data, form.comment.data or "")
        except plans.PlanRefused as refused:
            form.rating.errors.append(str(refused))
        else:
            db.session.commit()
            flash("Tack för ditt betyg!", "success")
            return redirect(url_for("catalog.plan"))
    return plan_page({entry.id: form}, form_status(form) if form.errors else 422)


@bp.post("/plan/<int:entry_id>/ta-bort")
@allow_any_role
def plan_remove(entry_id: int):
    entry = own_entry(entry_id)
    title = entry.item.title
    try:
        plans.remove(entry)
    except plans.PlanRefused as refused:
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(f"{title} är borttagen ur din plan.", "success")
    return redirect(url_for("catalog.plan"))


@bp.get("/larvagar")
@allow_any_role
def paths():
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


@bp.get("/larvagar/<slug>")
@allow_any_role
def path(slug: str):
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


@bp.post("/larvagar/<slug>/starta")
@allow_any_role
def start_path(slug: str):
    found = published_path(slug)
    plans.start_path(current_user.id, found)
    db.session.commit()
    flash(f"Du följer nu lärvägen {found.title}. Stegen finns i din utvecklingsplan.", "success")
    return redirect(url_for("catalog.path", slug=slug))
