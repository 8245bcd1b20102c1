"""What Goda exempel adds to Min sida."""

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from toolbox import clock
from toolbox.auth.models import User
from toolbox.examples import contacts, service
from toolbox.examples.models import STEP_LABELS
from toolbox.home import service as home
from toolbox.web.filters import long_date


def todos(user: User) -> list[home.Todo]:
    """Min sida: steps waiting for a manager; collections under way for HR."""
    on = clock.today()
    found = []
    if user.has_role("chef"):
        for example, step in contacts.waiting_for_contact(user, on):
            collection = example.collection
            found.append(
                home.Todo(
                    _(
                        "Goda exempel – %(step)s för %(unit)s (%(title)s), senast %(due)s.",
                        step=STEP_LABELS[step].lower(),
                        unit=example.unit_name,
                        title=collection.title,
                        due=long_date(collection.due(step)),
                    ),
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
                text = ngettext(
                    "Insamlingen %(title)s ska levereras %(date)s. %(num)s exempel ligger efter.",
                    "Insamlingen %(title)s ska levereras %(date)s. %(num)s exempel ligger efter.",
                    row.behind,
                    title=collection.title,
                    date=delivery,
                )
            else:
                text = _(
                    "Insamlingen %(title)s ska levereras %(date)s.",
                    title=collection.title,
                    date=delivery,
                )
            found.append(
                home.Todo(
                    text,
                    url_for("examples.collection", collection_id=collection.id),
                    _("Öppna insamlingen"),
                )
            )
    return found
