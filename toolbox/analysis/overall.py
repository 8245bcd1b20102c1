"""Metrics of the organisation as a whole, not of its units: catalog
coverage, reviews overdue, hours freed and good examples (PRODUCT.md 3.6).
None counts anyone's answers (see coverage.py and toolbox/tasks/figures.py on
why they are not under the small-group rule); each is one Figure, the same
for every scope, so a goal on one is set for the whole organisation."""

from datetime import date

from sqlalchemy import func, select

from toolbox import clock
from toolbox.analysis.coverage import (
    coverage,
    published_cases_per_area,
    published_cases_per_principle,
)
from toolbox.catalog.models import CatalogItem
from toolbox.catalog.service import overdue
from toolbox.content import AREA_KEYS, PRINCIPLE_KEYS
from toolbox.db.cache import cached
from toolbox.extensions import db
from toolbox.privacy.suppression import Figure
from toolbox.tasks import figures as task_figures


def coverage_share(focus: str | None) -> Figure:
    """Share (%) of the cells area × principle with an approved item: of an
    area's principles, of a principle's areas, or of all cells."""
    found = coverage("principle")
    cells = [
        (area, principle)
        for area in AREA_KEYS
        for principle in PRINCIPLE_KEYS
        if focus in (None, area, principle)
    ]
    covered = sum(1 for cell in cells if found.get(cell, 0) > 0)
    return Figure(100.0 * covered, len(cells), 0)


def overdue_share(_focus: str | None) -> Figure:
    """Share (%) of the approved items whose review is overdue."""
    late, approved = overdue_counts(clock.today())
    return Figure(100.0 * late, approved, 0)


@cached(depends_on=(CatalogItem,))
def overdue_counts(today: date) -> tuple[int, int]:
    """How many approved items are overdue for review, and how many are approved."""
    late = db.session.scalar(
        select(func.count()).select_from(overdue(today).order_by(None).subquery())
    )
    approved = db.session.scalar(
        select(func.count()).select_from(CatalogItem).where(CatalogItem.state == "godkand")
    )
    return late, approved


def hours_freed_share(_focus: str | None) -> Figure:
    """The hours freed that the owners report, as a share (%) of the hours
    estimated, over the whole register (rejected tasks left out); no figure
    while nothing is estimated."""
    found = task_figures.total()
    if not found.estimated:
        return Figure(0.0, 0, 0)
    return Figure(100.0 * float(found.realised / found.estimated), 1, 0)


def published_examples(focus: str | None) -> Figure:
    """Published good examples with lessons in an area or tagged with a principle."""
    if focus in PRINCIPLE_KEYS:
        per_focus = published_cases_per_principle()
    else:
        per_focus = published_cases_per_area()
    return Figure(float(per_focus.get(focus, 0)), 1, 0)
