"""What Goda exempel adds to Min sida."""

from flask import url_for
from markupsafe import escape

from toolbox import clock
from toolbox.auth.models import User
from toolbox.examples import contacts, service
from toolbox.examples.models import STEP_LABELS
from toolbox.home import service as home
from toolbox.web.filters import long_date
from toolbox.web.language import context_translations
from toolbox.web.language import gettext as _
from toolbox.web.markup import marked_swedish


def todos(user: User) -> list[home.Todo]:
    """Min sida: steps waiting for a manager; collections under way for HR."""
    on = clock.today()
    found = []
    if user.has_role("chef"):
        for example, step in contacts.waiting_for_contact(user, on):
            collection = example.collection
            found.append(
                home.Todo(
                    escape(_("Goda exempel – %(step)s för %(unit)s (%(title)s), senast %(due)s."))
                    % {
                        "step": STEP_LABELS[step].lower(),
                        "unit": marked_swedish(example.unit_name),
                        "title": marked_swedish(collection.title),
                        "due": long_date(collection.due(step)),
                    },
                    url_for("examples.answer_mine", example_id=example.id),
                    _("Svara"),
                )
            )
    if user.has_role("hr"):
        for row in service.collections_overview(on):
            collection = row.collection
            if collection.delivered_at is not None:
                continue
            delivery = long_date(collection.delivery_date)
            if row.behind:
                # Unformatted, so that the title goes in escaped and marked.
                message = context_translations().ngettext(
                    "Insamlingen %(title)s ska levereras %(date)s. %(num)s exempel ligger efter.",
                    "Insamlingen %(title)s ska levereras %(date)s. %(num)s exempel ligger efter.",
                    row.behind,
                )
            else:
                message = _("Insamlingen %(title)s ska levereras %(date)s.")
            text = escape(message) % {
                "title": marked_swedish(collection.title),
                "date": delivery,
                "num": row.behind,
            }
            found.append(
                home.Todo(
                    text,
                    url_for("examples.collection", collection_id=collection.id),
                    _("Öppna insamlingen"),
                )
            )
    return found
