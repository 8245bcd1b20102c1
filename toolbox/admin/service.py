"""Administration of users and org units: the rules, without the request."""

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from toolbox.audit.service import record, swedish
from toolbox.auth.models import User
from toolbox.auth.service import end_all_sessions, normalise_email
from toolbox.db.edits import EditConflict, EditRefused
from toolbox.extensions import db
from toolbox.org.models import OrgUnit
from toolbox.roles import ROLE_LABELS
from toolbox.web.language import gettext as _


@dataclass
class UserChange:
    name: str
    email: str
    roles: set[str]
    unit_id: int | None
    active: bool


def users_query(search: str = ""):
    query = select(User).order_by(func.lower(User.name))
    if search:
        pattern = f"%{search.lower()}%"
        query = query.where(
            or_(func.lower(User.name).like(pattern), func.lower(User.email).like(pattern))
        )
    return query


def email_taken(email: str, except_id: int | None = None) -> bool:
    query = select(User.id).where(User.email == normalise_email(email))
    if except_id is not None:
        query = query.where(User.id != except_id)
    return db.session.scalar(query) is not None


def create_user(change: UserChange, actor: User) -> User:
    if email_taken(change.email):
        raise EditRefused(_("Det finns redan en användare med den e-postadressen."))
    user = User(
        name=change.name,
        email=normalise_email(change.email),
        unit_id=change.unit_id,
        active=change.active,
    )
    user.set_roles(change.roles)
    db.session.add(user)
    db.session.flush()
    record(
        "user_created",
        actor_id=actor.id,
        target=user.email,
        detail="Roller: " + ", ".join(swedish(ROLE_LABELS[r]) for r in sorted(change.roles)),
    )
    return user


def update_user(user: User, change: UserChange, version: int, actor: User) -> None:
    """Apply an edit made on version `version` of the user."""
    if version != user.version:
        raise EditConflict()
    if email_taken(change.email, except_id=user.id):
        raise EditRefused(_("Det finns redan en användare med den e-postadressen."))
    if user.id == actor.id and ("admin" not in change.roles or not change.active):
        raise EditRefused(
            _("Du kan inte ta bort din egen administratörsroll eller inaktivera dig själv.")
        )
    if user.roles != change.roles:
        record(
            "roles_changed",
            actor_id=actor.id,
            target=user.email,
            detail=f"{', '.join(sorted(user.roles))} → {', '.join(sorted(change.roles))}",
        )
        user.set_roles(change.roles)
    if user.active != change.active:
        record(
            "user_activated" if change.active else "user_deactivated",
            actor_id=actor.id,
            target=user.email,
        )
        if not change.active:
            end_all_sessions(user)
    user.name, user.email = change.name, normalise_email(change.email)
    user.unit_id, user.active = change.unit_id, change.active
    if db.session.is_modified(user):
        record("user_updated", actor_id=actor.id, target=user.email)


@dataclass
class UnitChange:
    code: str
    name: str
    level: str
    parent_id: int | None
    manager_id: int | None
    staff_count: int | None
    manager_support: object


def descendants_and_self(unit: OrgUnit) -> set[int]:
    """Ids of the unit and everything under it (one recursive query)."""
    tree = select(OrgUnit.id).where(OrgUnit.id == unit.id).cte(recursive=True)
    tree = tree.union_all(select(OrgUnit.id).where(OrgUnit.parent_id == tree.c.id))
    return set(db.session.scalars(select(tree.c.id)))


def _check_unit(change: UnitChange, unit: OrgUnit | None) -> None:
    taken = select(OrgUnit.id).where(OrgUnit.code == change.code)
    if unit is not None:
        taken = taken.where(OrgUnit.id != unit.id)
        if change.parent_id in descendants_and_self(unit):
            raise EditRefused(_("En enhet kan inte ligga under sig själv eller sina underenheter."))
    if db.session.scalar(taken) is not None:
        raise EditRefused(_("Det finns redan en enhet med den koden."))


def save_unit(
    unit: OrgUnit | None, change: UnitChange, version: int | None, actor: User
) -> OrgUnit:
    """Create a unit (unit None) or apply an edit made on `version`."""
    if unit is not None and version != unit.version:
        raise EditConflict()
    _check_unit(change, unit)
    created = unit is None
    if created:
        unit = OrgUnit()
        db.session.add(unit)
    for key, value in vars(change).items():
        setattr(unit, key, value)
    if created or db.session.is_modified(unit):
        record(
            "unit_created" if created else "unit_updated",
            actor_id=actor.id,
            target=f"{change.code} {change.name}",
        )
    return unit
