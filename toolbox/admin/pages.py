"""/admin: users, org units, CSV import and the audit log."""

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from markupsafe import escape
from sqlalchemy import func, select
from wtforms import SelectChoice

from toolbox.admin import service
from toolbox.admin.forms import ImportForm, UnitForm, UserForm
from toolbox.audit.service import ACTION_LABELS, events_query, record
from toolbox.auth.models import User
from toolbox.auth.pages import send_password_link
from toolbox.db.edits import EditConflict, EditRefused
from toolbox.extensions import db
from toolbox.org.models import OrgUnit
from toolbox.org.service import ImportFailed, import_csv, unit_tree
from toolbox.web.language import gettext as _
from toolbox.web.markup import marked_swedish
from toolbox.web.security import allow, form_page, form_status, form_version

admin_only = allow("admin")
PER_PAGE = 50


def unit_choices(empty_label: str) -> list[SelectChoice]:
    return [SelectChoice(0, empty_label)] + [
        SelectChoice(unit.id, "\u2003" * depth + f"{unit.name} ({unit.code})")
        for unit, depth in unit_tree()
    ]


@admin_only
def index() -> ResponseReturnValue:
    counts = {
        "users": db.session.scalar(select(func.count()).select_from(User)),
        "active": db.session.scalar(select(func.count()).select_from(User).where(User.active)),
        "units": db.session.scalar(select(func.count()).select_from(OrgUnit)),
    }
    return render_template("admin/index.html", counts=counts)


@admin_only
def users() -> ResponseReturnValue:
    search = request.args.get("q", "").strip()[:100]
    page = db.paginate(service.users_query(search), per_page=PER_PAGE, error_out=False)
    return render_template("admin/users.html", page=page, search=search)


def user_form(user: User | None = None) -> UserForm:
    form = UserForm(obj=user if request.method == "GET" else None)
    form.unit_id.choices = unit_choices(_("Ingen enhet"))
    if user is not None and request.method == "GET":
        form.roles.data = sorted(user.roles)
        form.unit_id.data = user.unit_id or 0
        form.version.data = str(user.version)
    return form


def change_from(form: UserForm) -> service.UserChange:
    return service.UserChange(
        name=form.name.data.strip(),
        email=form.email.data,
        roles=set(form.roles.data),
        unit_id=form.unit_id.data or None,
        active=form.active.data,
    )


@admin_only
@form_page
def new_user() -> ResponseReturnValue:
    form = user_form()
    if form.validate_on_submit():
        try:
            user = service.create_user(change_from(form), current_user)
        except EditRefused as refused:
            form.email.errors.append(str(refused))
        else:
            send_password_link(user, invitation=True)
            db.session.commit()
            flash(
                escape(_("%(name)s är skapad och har fått en inbjudan via e-post."))
                % {"name": marked_swedish(user.name)},
                "success",
            )
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, user=None), form_status(form)


@admin_only
@form_page
def edit_user(user_id: int) -> ResponseReturnValue:
    user = db.get_or_404(User, user_id)
    form = user_form(user)
    conflict = False
    if form.validate_on_submit():
        try:
            service.update_user(user, change_from(form), form_version(form) or 0, current_user)
        except EditConflict:
            db.session.rollback()
            conflict = True
            form.version.data = str(user.version)
        except EditRefused as refused:
            form.roles.errors.append(str(refused))
        else:
            db.session.commit()
            flash(
                escape(_("Ändringarna för %(name)s är sparade."))
                % {"name": marked_swedish(user.name)},
                "success",
            )
            return redirect(url_for("admin.users"))
    status = 409 if conflict else form_status(form)
    return render_template("admin/user_form.html", form=form, user=user, conflict=conflict), status


@admin_only
def invite_user(user_id: int) -> ResponseReturnValue:
    user = db.get_or_404(User, user_id)
    if not user.active:
        flash(_("Användaren är inaktiv. Aktivera kontot först."), "error")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    send_password_link(user, invitation=True)
    record("user_invited", actor_id=current_user.id, target=user.email)
    db.session.commit()
    flash(_("En ny inbjudan är skickad till %(email)s.", email=user.email), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@admin_only
def units() -> ResponseReturnValue:
    return render_template("admin/units.html", tree=unit_tree())


def unit_form(unit: OrgUnit | None = None) -> UnitForm:
    form = UnitForm(obj=unit if request.method == "GET" else None)
    form.parent_id.choices = unit_choices(_("Ingen (högsta nivån)"))
    managers = db.session.scalars(
        select(User).where(User.active).order_by(func.lower(User.name))
    ).all()
    form.manager_id.choices = [SelectChoice(0, _("Ingen chef angiven"))] + [
        SelectChoice(user.id, f"{user.name} ({user.email})") for user in managers
    ]
    if unit is not None and request.method == "GET":
        form.parent_id.data = unit.parent_id or 0
        form.manager_id.data = unit.manager_id or 0
        form.version.data = str(unit.version)
    return form


def unit_change(form: UnitForm) -> service.UnitChange:
    return service.UnitChange(
        code=form.code.data.strip(),
        name=form.name.data.strip(),
        level=form.level.data,
        parent_id=form.parent_id.data or None,
        manager_id=form.manager_id.data or None,
        staff_count=form.staff_count.data,
        manager_support=form.manager_support.data,
    )


@admin_only
@form_page
def edit_unit(unit_id: int | None = None) -> ResponseReturnValue:
    unit = db.get_or_404(OrgUnit, unit_id) if unit_id is not None else None
    form = unit_form(unit)
    conflict = False
    if form.validate_on_submit():
        version = form_version(form)
        try:
            saved = service.save_unit(unit, unit_change(form), version, current_user)
        except EditConflict:
            db.session.rollback()
            conflict = True
            form.version.data = str(unit.version)
        except EditRefused as refused:
            form.code.errors.append(str(refused))
        else:
            db.session.commit()
            flash(
                escape(_("Enheten %(name)s är sparad.")) % {"name": marked_swedish(saved.name)},
                "success",
            )
            return redirect(url_for("admin.units"))
    status = 409 if conflict else form_status(form)
    return render_template("admin/unit_form.html", form=form, unit=unit, conflict=conflict), status


@admin_only
@form_page
def import_org() -> ResponseReturnValue:
    form = ImportForm()
    result, problems = None, []
    if form.validate_on_submit():
        raw = form.file.data.read()
        try:
            result = import_csv(raw.decode("utf-8-sig"), actor_id=current_user.id)
        except UnicodeDecodeError:
            problems = [
                _("Filen är inte sparad som UTF-8. Spara den som CSV UTF-8 och försök igen.")
            ]
        except ImportFailed as failed:
            db.session.rollback()
            problems = failed.errors
        else:
            db.session.commit()
    status = 422 if problems else form_status(form)
    return render_template("admin/import.html", form=form, result=result, problems=problems), status


@admin_only
def audit_log() -> ResponseReturnValue:
    action = request.args.get("handelse", "")
    if action not in ACTION_LABELS:
        action = ""
    page = db.paginate(events_query(action or None), per_page=PER_PAGE, error_out=False)
    return render_template("admin/audit.html", page=page, action=action, labels=ACTION_LABELS)
