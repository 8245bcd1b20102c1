"""The programme plan's rules: activities listed, saved with a version
check, and the report's introduction per period. The caller commits."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from toolbox.analysis.models import ACTION_STATUSES, Action
from toolbox.db.edits import EditConflict
from toolbox.extensions import db
from toolbox.programme.models import Activity, ReportIntro


@dataclass(frozen=True)
class ActivityData:
    track: str
    title: str
    owner: str
    status: str
    starts_on: date | None
    ends_on: date | None
    outcome: str


def activities() -> list[Activity]:
    return list(
        db.session.scalars(
            select(Activity).order_by(
                Activity.track, Activity.starts_on.is_(None), Activity.starts_on, Activity.id
            )
        )
    )


def actions_by_activity() -> dict[int, list[tuple[str, str]]]:
    """The åtgärdsplan's actions that belong to an activity: (title, status) by activity."""
    found: dict[int, list[tuple[str, str]]] = {}
    rows = db.session.execute(
        select(Action.activity_id, Action.title, Action.status)
        .where(Action.activity_id.is_not(None))
        .order_by(Action.due_on, Action.id)
    )
    for activity_id, title, status in rows:
        found.setdefault(activity_id, []).append(
            (title, str(ACTION_STATUSES.get(status, status)).lower())
        )
    return found


def create_activity(data: ActivityData, actor_id: int) -> Activity:
    activity = Activity(**vars(data), updated_by_id=actor_id)
    db.session.add(activity)
    db.session.flush()
    return activity


def update_activity(activity: Activity, data: ActivityData, version: int, actor_id: int) -> None:
    """Apply an edit made on version `version` of the activity."""
    if version != activity.version:
        raise EditConflict()
    for key, value in vars(data).items():
        setattr(activity, key, value)
    activity.updated_by_id = actor_id


def intro_for(period_key: str) -> ReportIntro | None:
    return db.session.get(ReportIntro, period_key)


def save_intro(period_key: str, summary: str, version: int | None, actor_id: int) -> ReportIntro:
    """Save the report's summary for a period; EditConflict when someone saved
    it after the form was opened."""
    intro = intro_for(period_key)
    if intro is None:
        if version not in (None, 0):
            raise EditConflict()
        intro = ReportIntro(period_key=period_key, summary="")
        db.session.add(intro)
    elif version != intro.version:
        raise EditConflict()
    intro.summary = summary.strip()
    intro.updated_by_id = actor_id
    return intro
