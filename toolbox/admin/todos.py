"""What administration adds to Min sida."""

from flask import url_for
from sqlalchemy import func, select

from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.home.service import Todo
from toolbox.web.language import gettext as _
from toolbox.web.language import ngettext


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
            # The Swedish reads the same for one account (as it always has).
            ngettext(
                "%(num)s aktiva konton har inte valt lösenord ännu.",
                "%(num)s aktiva konton har inte valt lösenord ännu.",
                waiting,
            ),
            url_for("admin.users"),
            _("Se användarna"),
        )
    ]
