"""How a manager reaches HR: the HR_CONTACT_EMAIL setting when it is filled
in; otherwise the address of an active HR user placed on the manager's unit
or the nearest unit above it (the organisation data); otherwise None, and
the page says "kontakta HR" with a link to the help page."""

from flask import current_app
from sqlalchemy import select

from toolbox.auth.models import User, UserRole
from toolbox.extensions import db
from toolbox.org.models import OrgUnit

MAX_DEPTH = 10  # förvaltning → område → verksamhet → enhet, with room to spare


def hr_contact(user_id: int) -> str | None:
    """The address to show a manager who needs HR's help, or None."""
    configured = (current_app.config.get("HR_CONTACT_EMAIL") or "").strip()
    if configured:
        return configured
    unit_id = db.session.scalar(select(User.unit_id).where(User.id == user_id))
    for _ in range(MAX_DEPTH):
        if unit_id is None:
            return None
        found = db.session.scalar(
            select(User.email)
            .join(UserRole, (UserRole.user_id == User.id) & (UserRole.role == "hr"))
            .where(User.unit_id == unit_id, User.active.is_(True))
            .order_by(User.email)
            .limit(1)
        )
        if found:
            return found
        unit_id = db.session.scalar(select(OrgUnit.parent_id).where(OrgUnit.id == unit_id))
    return None
