"""Coverage of the framework: approved catalog items per area × principle and
area × target group (an empty cell is an erbjudandegap), and published good
examples per area and principle."""

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from toolbox.catalog.models import CatalogItem, ItemTag
from toolbox.db.cache import cached
from toolbox.examples.models import CaseLesson, CasePrinciple, ExampleCase
from toolbox.extensions import db


@cached(depends_on=(CatalogItem, ItemTag))
def coverage(dimension: str) -> dict[tuple[str, str], int]:
    """Approved items per (area, value of `dimension`), one query. A tag is
    unique per item (primary key), so each item gives a pair one row at most
    and counting rows counts items, without a distinct-set per pair."""
    area, other = aliased(ItemTag), aliased(ItemTag)
    rows = db.session.execute(
        select(area.value, other.value, func.count())
        .join(other, other.item_id == area.item_id)
        .where(
            area.dimension == "area",
            other.dimension == dimension,
            # From the state index: the items' long rows are not read.
            area.item_id.in_(select(CatalogItem.id).where(CatalogItem.state == "godkand")),
        )
        .group_by(area.value, other.value)
    )
    return {(a, b): count for a, b, count in rows}


@cached(depends_on=(CaseLesson, ExampleCase))
def published_cases_per_area() -> dict[str, int]:
    """Published good-example cases with lessons in each area. Not a figure
    about people, so not under the small-group rule: a published case is a
    de-identified document that every signed-in user reads in the library, and
    this is the number of cases the library lists for the area. No one's
    answers are counted: the stories behind the cases come to HR from named
    contacts, by design, and are not part of this figure."""
    rows = db.session.execute(
        select(CaseLesson.area, func.count(func.distinct(CaseLesson.case_id)))
        .join(ExampleCase, ExampleCase.id == CaseLesson.case_id)
        .where(ExampleCase.published_at.is_not(None))
        .group_by(CaseLesson.area)
    )
    return dict(rows.all())


@cached(depends_on=(CasePrinciple, ExampleCase))
def published_cases_per_principle() -> dict[str, int]:
    """Published cases tagged with each principle; public documents, counted
    as the library lists them (see published_cases_per_area)."""
    rows = db.session.execute(
        select(CasePrinciple.principle, func.count(func.distinct(CasePrinciple.case_id)))
        .join(ExampleCase, ExampleCase.id == CasePrinciple.case_id)
        .where(ExampleCase.published_at.is_not(None))
        .group_by(CasePrinciple.principle)
    )
    return dict(rows.all())
