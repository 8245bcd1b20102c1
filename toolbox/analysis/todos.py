"""Min sida for leadership: the headline gaps and actions past their date."""

from flask import current_app, url_for
from sqlalchemy import func, select

from toolbox import clock
from toolbox.analysis.metrics import metrics
from toolbox.analysis.models import Action, Goal
from toolbox.analysis.scopes import Tree
from toolbox.analysis.service import goal_statuses
from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.home import service as home
from toolbox.web.language import gettext as _
from toolbox.web.language import ngettext

HEADLINES = 3


def todos(user: User) -> list[home.Todo]:
    if not user.has_role("ledning"):
        return []
    config = current_app.config
    found = metrics((config["NORMTAL_MIN"], config["NORMTAL_MAX"]), config["FEEDBACK_MIN_GROUP"])
    goals = db.session.scalars(select(Goal).order_by(Goal.id)).all()
    statuses = goal_statuses(
        goals, found, Tree.load(), int(config["AGGREGATE_MIN_GROUP"]), clock.today()
    )
    behind = sorted((s for s in statuses if s.gap is not None and s.gap < 0), key=lambda s: s.gap)[
        :HEADLINES
    ]
    items = [
        home.Todo(
            _("%(metric)s: %(gap)s", metric=found[s.goal.metric].label, gap=s.words),
            url_for("analysis.index"),
            _("Till gapanalysen"),
        )
        for s in behind
    ]
    late = db.session.scalar(
        select(func.count())
        .select_from(Action)
        .where(Action.status != "klar", Action.due_on < clock.today())
    )
    if late:
        items.append(
            home.Todo(
                ngettext(
                    "%(num)s åtgärd har passerat sitt datum.",
                    "%(num)s åtgärder har passerat sitt datum.",
                    late,
                ),
                url_for("analysis.index"),
                _("Se åtgärdsplanen"),
            )
        )
    return items
