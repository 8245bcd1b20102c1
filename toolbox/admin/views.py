"""/admin: users, org units, CSV import and the audit log."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from wtforms import SelectChoice

from toolbox.admin import service
from toolbox.admin.forms import ImportForm, UnitForm, UserForm
from toolbox.audit.service import ACTION_LABELS, events_query, record
from toolbox.auth.models import User
from toolbox.auth.views import send_password_link
from toolbox.db.edits import EditConflict, EditRefused
from toolbox.extensions import db
from toolbox.home.service import Todo, register
from toolbox.org.models import OrgUnit
from toolbox.org.service import ImportFailed, import_csv, unit_tree
from toolbox.web.security import allow, form_page, form_status, form_version

bp = Blueprint("admin", __name__, url_prefix="/admin")
admin_only = allow("admin")
PER_PAGE = 50


def todos(user: User) -> list[Todo]:
    """For administrators: accounts that were invited but never chose a password."""
    if not user.has_role("admin"):
        return []
    waiting = db.session.scalar(
        select(func.count())
        .select_from(User)
        .where(User.active, User.password_hash.is_(None), User.external_subject.is_(None))
    )
    if not waiting:
        return []
    return [
        Todo(
            f"{waiting} aktiva konton har inte valt lösenord ännu.",
            url_for("admin.users"),
            "Se användarna",
        )
    ]


bp.record_once(lambda state: register(state.app, todos=todos))


def unit_choices(empty_label: str) -> list[SelectChoice]:
    return [SelectChoice(0, empty_label)] + [
        SelectChoice(unit.id, "\u2003" * depth + f"{unit.name} ({unit.code})")
        for unit, depth in unit_tree()
    ]


@bp.get("/")
@admin_only
def index():
    counts = {
        "users": db.session.scalar(select(func.count()).select_from(User)),
        "active": db.session.scalar(select(func.count()).select_from(User).where(User.active)),
        "units": db.session.scalar(select(func.count()).select_from(OrgUnit)),
    }
    return render_template("admin/index.html", counts=counts)


@bp.get("/anvandare")
@admin_only
def users():
    search = request.args.get("q", "").strip()[:100]
    page = db.paginate(service.users_query(search), per_page=PER_PAGE, error_out=False)
    return render_template("admin/users.html", page=page, search=search)


def user_form(user: User | None = None) -> UserForm:
    form = UserForm(obj=user if request.method == "GET" else None)
    form.unit_id.choices = unit_choices("Ingen enhet")
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


@bp.route("/anvandare/ny", methods=["GET", "POST"])
@admin_only
@form_page
def new_user():
    form = user_form()
    if form.validate_on_submit():
        try:
            user = service.create_user(change_from(form), current_user)
        except EditRefused as refused:
            form.email.errors.append(str(refused))
        else:
            send_password_link(user, invitation=True)
            db.session.commit()
            flash(f"{user.name} är skapad och har fått en inbjudan via e-post.", "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, user=None), form_status(form)


@bp.route("/anvandare/<int:user_id>", methods=["GET", "POST"])
@admin_only
@form_page
def edit_user(user_id: int):
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
            flash(f"Ändringarna för {user.name} är sparade.", "success")
            return redirect(url_for("admin.users"))
    status = 409 if conflict else form_status(form)
    return render_template("admin/user_form.html", form=form, user=user, conflict=conflict), status


@bp.post("/anvandare/<int:user_id>/inbjudan")
@admin_only
def invite_user(user_id: int):
    user = db.get_or_404(User, user_id)
    if not user.active:
        flash("Användaren är inaktiv. Aktivera kontot först.", "error")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    send_password_link(user, invitation=True)
    record("user_invited", actor_id=current_user.id, target=user.email)
    db.session.commit()
    flash(f"En ny inbjudan är skickad till {user.email}.", "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.get("/enheter")
@admin_only
def units():
    return render_template("admin/units.html", tree=unit_tree())


def unit_form(unit: OrgUnit | None = None) -> UnitForm:
    form = UnitForm(obj=unit if request.method == "GET" else None)
    form.parent_id.choices = unit_choices("Ingen (högsta nivån)")
    managers = db.session.scalars(
        select(User).where(User.active).order_by(func.lower(User.name))
    ).all()
    form.manager_id.choices = [SelectChoice(0, "Ingen chef angiven")] + [
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


@bp.route("/enheter/ny", methods=["GET", "POST"], defaults={"unit_id": None})
@bp.route("/enheter/<int:unit_id>", methods=["GET", "POST"])
@admin_only
@form_page
def edit_unit(unit_id: int | None):
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
            flash(f"Enheten {saved.name} är sparad.", "success")
            return redirect(url_for("admin.units"))
    status = 409 if conflict else form_status(form)
    return render_template("admin/unit_form.html", form=form, unit=unit, conflict=conflict), status


@bp.route("/import", methods=["GET", "POST"])
@admin_only
@form_page
def import_org():
    form = ImportForm()
    result, problems = None, []
    if form.validate_on_submit():
        raw = form.file.data.read()
        try:
            result = import_csv(raw.decode("utf-8-sig"), actor_id=current_user.id)
        except UnicodeDecodeError:
            problems = ["Filen är inte sparad som UTF-8. Spara den som CSV UTF-8 och försök igen."]
        except ImportFailed as failed:
            db.session.rollback()
            problems = failed.errors
        else:
            db.session.commit()
    status = 422 if problems else form_status(form)
    return render_template("admin/import.html", form=form, result=result, problems=problems), status


@bp.get("/logg")
@admin_only
def audit_log():
    action = request.args.get("handelse", "")
    if action not in ACTION_LABELS:
        action = ""
    page = db.paginate(events_query(action or None), per_page=PER_PAGE, error_out=False)
    return render_template("admin/audit.html", page=page, action=action, labels=ACTION_LABELS)
