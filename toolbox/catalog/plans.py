"""Min utvecklingsplan and learning paths (lärvägar)."""

from sqlalchemy import delete, func, select
from sqlalchemy.orm import contains_eager

from toolbox.catalog.models import CatalogItem, LearningPath, PathEnrollment, PathStep, PlanEntry
from toolbox.catalog.ratings import is_final
from toolbox.clock import utcnow
from toolbox.extensions import db
from toolbox.web.language import lazy_gettext as _l


class PlanRefused(ValueError):
    """Message for the user."""


def plan_for(user_id: int) -> list[PlanEntry]:
    return db.session.scalars(
        select(PlanEntry)
        .join(PlanEntry.item)
        .options(contains_eager(PlanEntry.item))
        .where(PlanEntry.user_id == user_id, CatalogItem.state == "godkand")
        .order_by(PlanEntry.status.desc(), PlanEntry.added_at)
    ).all()


def entry_of(user_id: int, entry_id: int) -> PlanEntry | None:
    """The user's own plan entry – never anyone else's."""
    return db.session.scalar(
        select(PlanEntry).where(PlanEntry.id == entry_id, PlanEntry.user_id == user_id)
    )


def add_to_plan(user_id: int, item: CatalogItem) -> PlanEntry:
    existing = db.session.scalar(
        select(PlanEntry).where(PlanEntry.user_id == user_id, PlanEntry.item_id == item.id)
    )
    if existing:
        return existing
    entry = PlanEntry(user_id=user_id, item=item)
    db.session.add(entry)
    return entry


FINAL = _l(
    "Ditt betyg räknas in i HR:s sammanställning för ett kvartal som har tagit slut "
    "och kan inte ändras eller tas bort längre."
)


def set_status(entry: PlanEntry, status: str) -> None:
    if is_final(entry):
        if status != "genomford":
            raise PlanRefused(FINAL)
        return
    entry.status = status
    entry.completed_at = utcnow() if status == "genomford" else None


def rate(entry: PlanEntry, rating: int, comment: str) -> None:
    """Rate a completed entry; the rating counts from now (toolbox/catalog/ratings.py)."""
    if entry.status != "genomford":
        raise PlanRefused(_l("Du kan betygsätta när du har genomfört det."))
    if is_final(entry):
        raise PlanRefused(FINAL)
    entry.rating, entry.comment = rating, comment.strip()
    entry.completed_at = utcnow()


def remove(entry: PlanEntry) -> None:
    """Take an entry out of the plan; a final rating stays, as HR's figures were counted with it."""
    if is_final(entry):
        raise PlanRefused(FINAL)
    db.session.delete(entry)


def plan_item_ids(user_id: int) -> frozenset[int]:
    """The items in the user's plan (the list and item pages mark them)."""
    return frozenset(
        db.session.scalars(select(PlanEntry.item_id).where(PlanEntry.user_id == user_id))
    )


def published_paths() -> list[LearningPath]:
    return db.session.scalars(
        select(LearningPath).where(LearningPath.published).order_by(LearningPath.title)
    ).all()


def approved_steps(path: LearningPath) -> list[PathStep]:
    return [step for step in path.steps if step.item.state == "godkand"]


def progress(user_id: int, path: LearningPath) -> tuple[int, int]:
    """(completed, total) over the path's approved items, for the user alone:
    no page shows anyone else's progress or a count over managers."""
    item_ids = [step.item_id for step in approved_steps(path)]
    if not item_ids:
        return 0, 0
    done = db.session.scalar(
        select(func.count())
        .select_from(PlanEntry)
        .where(
            PlanEntry.user_id == user_id,
            PlanEntry.item_id.in_(item_ids),
            PlanEntry.status == "genomford",
        )
    )
    return done, len(item_ids)


def is_enrolled(user_id: int, path_id: int) -> bool:
    return db.session.get(PathEnrollment, (user_id, path_id)) is not None


def start_path(user_id: int, path: LearningPath) -> None:
    """Follow a path: its approved items go into the plan."""
    if not is_enrolled(user_id, path.id):
        db.session.add(PathEnrollment(user_id=user_id, path_id=path.id))
    for step in approved_steps(path):
        add_to_plan(user_id, step.item)


def set_steps(path: LearningPath, item_ids: list[int]) -> None:
    """Replace the path's ordered steps."""
    db.session.execute(delete(PathStep).where(PathStep.path_id == path.id))
    db.session.expire(path, ["steps"])
    for position, item_id in enumerate(item_ids, start=1):
        db.session.add(PathStep(path_id=path.id, position=position, item_id=item_id))
