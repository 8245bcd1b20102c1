"""HR's side of the catalog: editing, the review, lärvägar and the export."""

from datetime import timedelta

from flask import current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from markupsafe import escape
from sqlalchemy import func, select
from wtforms import SelectChoice

from toolbox import clock
from toolbox.catalog import plans, ratings, review, service
from toolbox.catalog.forms import ItemForm, PathForm, ReviewForm
from toolbox.catalog.models import PRIORITIES, STATES, CatalogItem, LearningPath
from toolbox.content import get_content
from toolbox.db.edits import EditConflict
from toolbox.extensions import db
from toolbox.web.language import gettext as _
from toolbox.web.markup import marked_swedish
from toolbox.web.security import allow, form_page, form_status, form_version
from toolbox.web.xlsxexport import table_download

hr_only = allow("hr")
PER_PAGE = 50


def item_form(item: CatalogItem | None = None, bound: bool | None = None) -> ItemForm:
    """The editor; filled from the item unless it is reading a posted editor form."""
    bound = request.method == "POST" if bound is None else bound
    form = ItemForm() if bound else ItemForm(formdata=None, obj=item)
    content = get_content()
    form.areas.choices = [SelectChoice(a.key, a.name) for a in content.areas]
    form.principles.choices = [SelectChoice(p.key, p.name) for p in content.principles]
    if item is not None and not bound:
        form.areas.data, form.principles.data = item.areas, item.principles
        form.target_groups.data = item.target_groups
        form.version.data = str(item.version)
    return form


def item_data(form: ItemForm) -> service.ItemData:
    values = {
        name: (form[name].data or "").replace("\r\n", "\n").strip()
        if isinstance(form[name].data, str | None)
        else form[name].data
        for name in service.EDITABLE
    }
    values["cost_sek"] = form.cost_sek.data or 0
    tags = {name: form[name].data for name in service.TAG_DIMENSIONS}
    return service.ItemData(values, tags)


@hr_only
def manage() -> ResponseReturnValue:
    state = request.args.get("status", "")
    state = state if state in STATES else ""
    q = request.args.get("q", "").strip()[:100]
    page = db.paginate(service.hr_list(state, q), per_page=PER_PAGE, error_out=False)
    counts = dict(
        db.session.execute(
            select(CatalogItem.state, func.count()).group_by(CatalogItem.state)
        ).all()
    )
    overdue = db.session.scalars(service.overdue(clock.today()).limit(50)).all()
    return render_template(
        "catalog/manage.html",
        page=page,
        state=state,
        q=q,
        counts=counts,
        overdue=overdue,
        states=STATES,
    )


@hr_only
def export() -> ResponseReturnValue:
    return table_download("csv", "katalog", *catalog_table())


@hr_only
def export_xlsx() -> ResponseReturnValue:
    return table_download("xlsx", "katalog", *catalog_table())


def catalog_table() -> tuple[tuple[str, ...], list[tuple]]:
    """Every item with its review and released ratings: the export's header and rows."""
    items = db.session.scalars(select(CatalogItem).order_by(CatalogItem.title)).all()
    summaries = ratings.released([item.id for item in items])
    header = (
        _("Titel"),
        _("Adress"),
        _("Typ"),
        _("Form"),
        _("Anordnare"),
        _("Status"),
        _("Prioritet"),
        _("Områden"),
        _("Principer"),
        _("Målgrupper"),
        _("Kostnad (kr)"),
        _("Granskad"),
        _("Granskad av"),
        _("Nästa granskning"),
        _("Snittbetyg"),
        _("Antal betyg"),
        _("Betyg till och med"),
    )
    rows = [
        (
            item.title,
            item.slug,
            item.kind,
            item.format,
            item.provider,
            str(STATES[item.state]),
            str(PRIORITIES.get(item.priority or "", "")),
            ", ".join(item.areas),
            ", ".join(item.principles),
            ", ".join(item.target_groups),
            item.cost_sek,
            item.reviewed_on,
            item.reviewer_name,
            item.next_review_on,
            *rating_cells(summaries.get(item.id)),
        )
        for item in items
    ]
    return header, rows


def rating_cells(step: ratings.Released | None) -> tuple[float | None, int | None, str]:
    """The released step of an item's ratings, or empty cells while there is none."""
    if step is None:
        return None, None, ""
    return round(step.average, 1), step.raters, step.until.label


@hr_only
@form_page
def new_item() -> ResponseReturnValue:
    form = item_form()
    if form.validate_on_submit():
        if form.slug.data and service.slug_taken(form.slug.data):
            form.slug.errors.append(_("Adressen används redan av ett annat objekt."))
        else:
            slug = form.slug.data or service.slug_from_title(form.title.data)
            created = service.create_item(slug, item_data(form), current_user)
            db.session.commit()
            flash(
                escape(_("%(title)s är sparat som utkast."))
                % {"title": marked_swedish(created.title)},
                "success",
            )
            return redirect(url_for("catalog.edit_item", item_id=created.id))
    return render_template("catalog/item_form.html", form=form, item=None), form_status(form)


def edit_page(item: CatalogItem, form: ItemForm, status: int, conflict=None, review_form=None):
    decision = review_form or ReviewForm(formdata=None, version=str(item.version))
    if decision.next_review_on.data is None:
        decision.next_review_on.data = clock.today() + timedelta(days=365)
    step = ratings.released([item.id]).get(item.id)
    return render_template(
        "catalog/item_form.html",
        form=form,
        item=item,
        conflict=conflict,
        review_form=decision,
        steps=review.steps_from(item.state),
        states=STATES,
        priorities=PRIORITIES,
        ratings=step,
        comments=ratings.comments(item.id, step) if step else [],
        # Four eyes: the person who sent the item to review is told that
        # someone else approves it (review.take_step refuses it too).
        approver_must_differ=current_app.config["CATALOG_SEPARATE_APPROVER"]
        and review.sent_to_review_by(item) == current_user.id,
        min_ratings=ratings.min_raters(),
    ), status


def shown(form: ItemForm, name: str, value) -> str:
    """A field's value as the editor labels it (names, not keys)."""
    choices = getattr(form[name], "choices", None) or []
    labels = {str(choice.value): choice.label for choice in choices}
    if isinstance(value, list):
        return ", ".join(labels.get(str(v), str(v)) for v in value)
    return labels.get(str(value), "" if value is None else str(value))


@hr_only
@form_page
def edit_item(item_id: int) -> ResponseReturnValue:
    item = db.get_or_404(CatalogItem, item_id)
    form = item_form(item)
    form.slug.data = item.slug  # the address never changes once made
    if not form.validate_on_submit():
        return edit_page(item, form, form_status(form))
    data = item_data(form)
    try:
        changed = service.update_item(item, data, form_version(form) or 0, current_user)
    except EditConflict:
        db.session.rollback()
        theirs = service.current_values(item)
        mine = data.values | {name: sorted(values) for name, values in data.tags.items()}
        conflict = [
            (form[name].label.text, shown(form, name, theirs[name]), shown(form, name, mine[name]))
            for name in theirs
            if theirs[name] != mine.get(name)
        ]
        form.version.data = str(item.version)
        return edit_page(item, form, 409, conflict=conflict)
    db.session.commit()
    flash(_("Ändringarna är sparade.") if changed else _("Inget var ändrat."), "success")
    return redirect(url_for("catalog.edit_item", item_id=item.id))


@hr_only
@form_page
def review_item(item_id: int) -> ResponseReturnValue:
    item = db.get_or_404(CatalogItem, item_id)
    form = ReviewForm()
    if form.validate() and form.version.data == str(item.version):
        approval = None
        if form.step.data == "godkann":
            approval = review.Approval(
                form.priority.data or "",
                form.next_review_on.data or clock.today(),
                current_app.config["CATALOG_SEPARATE_APPROVER"],
            )
        try:
            review.take_step(item, form.step.data, form.note.data or "", current_user, approval)
        except review.ReviewRefused as refused:
            form.note.errors.append(str(refused))
        else:
            db.session.commit()
            state = STATES[item.state].lower()
            title = marked_swedish(item.title)
            flash(escape(_("%(title)s: %(state)s.")) % {"title": title, "state": state}, "success")
            return redirect(url_for("catalog.edit_item", item_id=item.id))
    elif form.version.data != str(item.version):
        form.note.errors.append(
            _(
                "Objektet har ändrats sedan du öppnade sidan. "
                "Läs igenom det och fatta beslutet igen."
            )
        )
    status = 400 if form.errors.get("csrf_token") else 422
    return edit_page(item, item_form(item, bound=False), status, review_form=form)


@hr_only
def manage_paths() -> ResponseReturnValue:
    found = db.session.scalars(select(LearningPath).order_by(LearningPath.title)).all()
    return render_template("catalog/manage_paths.html", paths=found)


@hr_only
@form_page
def edit_path(path_id: int | None = None) -> ResponseReturnValue:
    path = db.get_or_404(LearningPath, path_id) if path_id else None
    form = PathForm(obj=path if request.method == "GET" else None)
    if path is not None and request.method == "GET":
        form.items.data = "\n".join(step.item.slug for step in path.steps)
        form.version.data = str(path.version)
    conflict = False
    if form.validate_on_submit():
        if path is not None and form.version.data != str(path.version):
            conflict = True
            form.version.data = str(path.version)
        elif (saved := save_path(path, form)) is not None:
            db.session.commit()
            flash(
                escape(_("Lärvägen %(title)s är sparad.")) % {"title": marked_swedish(saved.title)},
                "success",
            )
            return redirect(url_for("catalog.manage_paths"))
    status = 409 if conflict else form_status(form)
    return render_template(
        "catalog/path_form.html", form=form, path=path, conflict=conflict
    ), status


def save_path(path: LearningPath | None, form: PathForm) -> LearningPath | None:
    """Validate the steps and save; errors are noted on the form."""
    slugs = [line.strip() for line in form.items.data.splitlines() if line.strip()]
    items = {
        i.slug: i
        for i in db.session.scalars(select(CatalogItem).where(CatalogItem.slug.in_(slugs)))
    }
    unknown = [slug for slug in slugs if slug not in items]
    if unknown:
        form.items.errors.append(_("Okända adresser: %(slugs)s", slugs=", ".join(unknown)))
    taken = db.session.scalar(
        select(LearningPath.id).where(
            LearningPath.slug == form.slug.data, LearningPath.id != (path.id if path else 0)
        )
    )
    if taken:
        form.slug.errors.append(_("Adressen används redan av en annan lärväg."))
    if form.errors:
        return None
    if path is None:
        path = LearningPath()
        db.session.add(path)
    path.title, path.slug = form.title.data.strip(), form.slug.data
    path.description = (form.description.data or "").strip()
    db.session.flush()
    plans.set_steps(path, [items[slug].id for slug in slugs])
    return path
