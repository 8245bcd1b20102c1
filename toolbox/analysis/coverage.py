"""Catalog coverage: approved items per area × principle and area × target
group; an empty cell is an erbjudandegap."""

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from toolbox.catalog.models import CatalogItem, ItemTag
from toolbox.extensions import db


def coverage(dimension: str) -> dict[tuple[str, str], int]:
    """Approved items per (area, value of `dimension`), one query."""
    area, other = aliased(ItemTag), aliased(ItemTag)
    rows = db.session.execute(
        select(area.value, other.value, func.count(func.distinct(area.item_id)))
        .join(other, other.item_id == area.item_id)
        .join(CatalogItem, CatalogItem.id == area.item_id)
        .where(
            area.dimension == "area", other.dimension == dimension, CatalogItem.state == "godkand"
        )
        .group_by(area.value, other.value)
    )
    return {(a, b): count for a, b, count in rows}
