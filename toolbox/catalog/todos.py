"""What the catalog adds to Min sida: the plan, and HR's review to-dos."""

from flask import url_for
from sqlalchemy import func, select

from toolbox import clock
from toolbox.auth.models import User
from toolbox.catalog.models import CatalogItem, PlanEntry
from toolbox.extensions import db
from toolbox.home import service as home
from toolbox.web.language import gettext as _
from toolbox.web.language import ngettext


def todos(user: User) -> list[home.Todo]:
    found = []
    counts = dict(
        db.session.execute(
            select(PlanEntry.status, func.count())
            .join(PlanEntry.item)
            .where(PlanEntry.user_id == user.id, CatalogItem.state == "godkand")
            .group_by(PlanEntry.status)
        ).all()
    )
    open_entries = counts.get("planerad", 0) + counts.get("pagar", 0)
    if open_entries:
        found.append(
            home.Todo(
                # Swedish reads the same in the singular, as it always has.
                ngettext(
                    "Du har %(num)s planerade eller pågående saker i din utvecklingsplan.",
                    "Du har %(num)s planerade eller pågående saker i din utvecklingsplan.",
                    open_entries,
                ),
                url_for("catalog.plan"),
                _("Till min utvecklingsplan"),
            )
        )
    if user.has_role("hr"):
        waiting = db.session.scalar(
            select(func.count()).select_from(CatalogItem).where(CatalogItem.state == "granskas")
        )
        overdue = db.session.scalar(
            select(func.count())
            .select_from(CatalogItem)
            .where(CatalogItem.state == "godkand", CatalogItem.next_review_on < clock.today())
        )
        if waiting:
            found.append(
                home.Todo(
                    ngettext(
                        "%(num)s katalogobjekt väntar på granskning.",
                        "%(num)s katalogobjekt väntar på granskning.",
                        waiting,
                    ),
                    url_for("catalog.manage", status="granskas"),
                    _("Granska"),
                )
            )
        if overdue:
            found.append(
                home.Todo(
                    ngettext(
                        "%(num)s katalogobjekt ska granskas på nytt.",
                        "%(num)s katalogobjekt ska granskas på nytt.",
                        overdue,
                    ),
                    url_for("catalog.manage"),
                    _("Se listan"),
                )
            )
    return found


def checklist(user: User) -> list[home.ChecklistItem]:
    has_plan = (
        db.session.scalar(select(PlanEntry.id).where(PlanEntry.user_id == user.id).limit(1))
        is not None
    )
    return [
        home.ChecklistItem(
            _("Spara något från katalogen i din utvecklingsplan"),
            url_for("catalog.index"),
            has_plan,
        )
    ]
