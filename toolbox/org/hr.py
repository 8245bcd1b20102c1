"""How a manager reaches HR: the HR_CONTACT_EMAIL setting when it is filled
in; otherwise the address of an active HR user placed on the manager's unit
or the nearest unit above it (the organisation data); otherwise None, and
the page says "kontakta HR" with a link to the help page."""

from flask import current_app
from sqlalchemy import literal, select

from toolbox.auth.models import User, UserRole
from toolbox.extensions import db
from toolbox.org.models import OrgUnit

MAX_DEPTH = 10  # förvaltning → område → verksamhet → enhet, with room to spare


def hr_contact(user_id: int) -> str | None:
    """The address to show a manager who needs HR's help, or None. One query:
    the manager's unit and those above it, nearest first."""
    configured = (current_app.config.get("HR_CONTACT_EMAIL") or "").strip()
    if configured:
        return configured
    start = select(User.unit_id.label("id"), literal(0).label("depth")).where(User.id == user_id)
    chain = start.cte("chain", recursive=True)
    chain = chain.union_all(
        select(OrgUnit.parent_id, chain.c.depth + 1)
        .join(chain, OrgUnit.id == chain.c.id)
        .where(OrgUnit.parent_id.is_not(None), chain.c.depth < MAX_DEPTH)
    )
    return db.session.scalar(
        select(User.email)
        .join(UserRole, (UserRole.user_id == User.id) & (UserRole.role == "hr"))
        .join(chain, chain.c.id == User.unit_id)
        .where(User.active.is_(True))
        .order_by(chain.c.depth, User.email)
        .limit(1)
    )
