"""What the account adds to Min sida's checklist: an own password, and
having read who sees one's answers."""

from flask import url_for

from toolbox.auth.models import User
from toolbox.home import service
from toolbox.web.language import gettext as _

# The slug of the content page that says who sees what.
PRIVACY = "vem-ser-mina-svar"


def account_checklist(user: User) -> list[service.ChecklistItem]:
    return [
        service.ChecklistItem(
            _("Välj ett eget lösenord"),
            url_for("auth.change_password"),
            user.password_changed_at is not None,
        ),
        service.ChecklistItem(
            _("Läs vem som ser dina svar"),
            url_for("home.page", slug=PRIVACY),
            user.privacy_read_at is not None,
        ),
    ]
