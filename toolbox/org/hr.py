"""How a manager reaches HR: the HR_CONTACT_EMAIL setting when it is filled
in; otherwise the address of an active HR user placed on the manager's unit
or the nearest unit above it (the organisation data); otherwise None, and
the page says "kontakta HR" with a link to the help page."""

from flask import current_app
from sqlalchemy import func, select

from toolbox.auth.models import User, UserRole
from toolbox.db.cache import cached
from toolbox.extensions import db
from toolbox.org.models import OrgUnit

MAX_DEPTH = 10  # förvaltning → område → verksamhet → enhet, with room to spare


def hr_contact(unit_id: int | None) -> str | None:
    """The address to show a manager of `unit_id` who needs HR's help, or None."""
    configured = (current_app.config.get("HR_CONTACT_EMAIL") or "").strip()
    if configured:
        return configured
    return nearest_hr().get(unit_id) if unit_id is not None else None


@cached(
    depends_on=(
        OrgUnit.id,
        OrgUnit.parent_id,
        User.id,
        User.unit_id,
        User.email,
        User.active,
        UserRole,
    )
)
def nearest_hr() -> dict[int, str]:
    """Each unit's HR address: the first (by address) active HR user placed on
    the unit, else on the nearest unit above it. Two queries for the whole
    organisation, read again only when units move or HR users change."""
    parents = dict(db.session.execute(select(OrgUnit.id, OrgUnit.parent_id)).all())
    own = dict(
        db.session.execute(
            select(User.unit_id, func.min(User.email))
            .join(UserRole, (UserRole.user_id == User.id) & (UserRole.role == "hr"))
            .where(User.active.is_(True), User.unit_id.is_not(None))
            .group_by(User.unit_id)
        ).all()
    )
    found = {}
    for unit_id in parents:
        at: int | None = unit_id
        for _ in range(MAX_DEPTH + 1):
            if at is None or at in own:
                break
            at = parents.get(at)
        if at in own:
            found[unit_id] = own[at]
    return found
