"""Recommendations: approved catalog items tagged with the manager's weakest
areas and principles, each with the reason it is shown."""

from dataclasses import dataclass

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import selectinload

from toolbox.catalog.models import CatalogItem, ItemTag
from toolbox.db.cache import cached
from toolbox.extensions import db
from toolbox.reflection.results import Results
from toolbox.web.filters import decimal

# Only areas and principles whose mean is below this count as weak.
WEAK_BELOW = 4.0
PER_KIND = 2
LIMIT = 4


@dataclass(frozen=True)
class Weakness:
    dimension: str  # "area" or "principle", as in catalog_item_tags
    key: str
    name: str
    mean: float

    @property
    def phrase(self) -> str:
        figure = decimal(self.mean, 1)
        if self.dimension == "area":
            return f"{self.name} fick {figure}"
        return f"principen {self.name} fick {figure}"


@dataclass(frozen=True)
class Recommendation:
    item: CatalogItem
    because: tuple[Weakness, ...]

    @property
    def reason(self) -> str:
        """'Visas för att Styrning fick 2,3 i din skattning.'"""
        phrases = [w.phrase for w in self.because]
        joined = (
            phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " och " + phrases[-1]
        )
        return f"Visas för att {joined} i din skattning."


def weaknesses(results: Results) -> list[Weakness]:
    """The lowest areas and principles under WEAK_BELOW, weakest first."""
    areas = sorted(
        (Weakness("area", a.key, a.name, a.score.mean) for a in results.areas if _weak(a.score)),
        key=lambda w: (w.mean, w.key),
    )[:PER_KIND]
    principles = sorted(
        (
            Weakness("principle", p.key, p.name, p.score.mean)
            for p in results.principles
            if _weak(p.score)
        ),
        key=lambda w: (w.mean, w.key),
    )[:PER_KIND]
    return sorted(areas + principles, key=lambda w: (w.mean, w.dimension, w.key))


def _weak(score) -> bool:
    return score.mean is not None and score.mean < WEAK_BELOW


def recommend(weak: list[Weakness], limit: int = LIMIT) -> list[Recommendation]:
    """Approved items ranked by how many weak tags they carry, the weakest
    counting most; then by the catalog's priority. Ranked in SQL."""
    if not weak:
        return []
    order = ranked(tuple((w.dimension, w.key, len(weak) - n) for n, w in enumerate(weak)), limit)
    found = db.session.scalars(
        select(CatalogItem).options(selectinload(CatalogItem.tags)).where(CatalogItem.id.in_(order))
    )
    items = {item.id: item for item in found}
    return [Recommendation(items[i], _because(items[i], weak)) for i in order if i in items]


@cached(depends_on=(CatalogItem, ItemTag))
def ranked(weights: tuple[tuple[str, str, int], ...], limit: int) -> list[int]:
    """The ids of the approved items with the most (dimension, key) tags,
    each counting its weight; then by the catalog's priority."""
    matches = or_(*(and_(ItemTag.dimension == d, ItemTag.value == k) for d, k, _ in weights))
    weight = case(
        *((and_(ItemTag.dimension == d, ItemTag.value == k), w) for d, k, w in weights),
        else_=0,
    )
    return db.session.scalars(
        select(CatalogItem.id)
        .join(ItemTag, ItemTag.item_id == CatalogItem.id)
        .where(CatalogItem.state == "godkand", matches)
        .group_by(CatalogItem.id, CatalogItem.priority_rank, CatalogItem.title)
        .order_by(func.sum(weight).desc(), CatalogItem.priority_rank, CatalogItem.title)
        .limit(limit)
    ).all()


def _because(item: CatalogItem, weak: list[Weakness]) -> tuple[Weakness, ...]:
    """The item's weak tags, areas first, for the reason text."""
    tags = _tags(item)
    matching = (w for w in weak if (w.dimension, w.key) in tags)
    return tuple(sorted(matching, key=lambda w: (w.dimension != "area", w.mean)))


def _tags(item: CatalogItem) -> set[tuple[str, str]]:
    return {(tag.dimension, tag.value) for tag in item.tags}
