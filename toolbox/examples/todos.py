"""What Goda exempel adds to Min sida."""

from flask import url_for

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
                    f"Goda exempel – {STEP_LABELS[step].lower()} för {example.unit_name} "
                    f"({collection.title}), senast {long_date(collection.due(step))}.",
                    url_for("examples.answer_mine", example_id=example.id),
                    "Svara",
                )
            )
    if user.has_role("hr"):
        for row in service.collections_overview(on):
            collection = row.collection
            if collection.delivered_at is not None:
                continue
            delivery = long_date(collection.delivery_date)
            text = f"Insamlingen {collection.title} ska levereras {delivery}"
            if row.behind:
                text += f". {row.behind} exempel ligger efter"
            found.append(
                home.Todo(
                    text + ".",
                    url_for("examples.collection", collection_id=collection.id),
                    "Öppna insamlingen",
                )
            )
    return found
