"""Recommendations: approved catalog items tagged with the manager's weakest
areas and principles that fit the manager (toolbox/catalog/fit.py: their
level and the groups they lead, nothing already in their plan or learning
paths), each with the reason it is shown."""

from dataclasses import dataclass

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import aliased, selectinload

from toolbox.catalog.fit import LEVELS, Profile
from toolbox.catalog.models import CatalogItem, ItemTag, PathEnrollment, PathStep, PlanEntry
from toolbox.extensions import db
from toolbox.reflection.results import Results
from toolbox.web.filters import decimal

# Only areas and principles whose mean is below this count as weak.
WEAK_BELOW = 4.0
PER_KIND = 2
LIMIT = 4
SELF, OTHERS = "i din skattning", "i återkopplingen från andra"


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
    fit: str = ""  # why it fits the manager: 'Riktar sig till …, som du.'
    where: str = SELF  # where the weak figures come from

    @property
    def reason(self) -> str:
        """'Visas för att Styrning fick 2,3 i din skattning. Riktar sig till …'"""
        phrases = [w.phrase for w in self.because]
        joined = (
            phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " och " + phrases[-1]
        )
        return f"Visas för att {joined} {self.where}. {self.fit}".strip()


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


def _fit(profile: Profile) -> tuple[int, str, tuple[str, ...]]:
    return (profile.user_id, profile.level, tuple(sorted(profile.leads)))


def uncovered(weak: list[Weakness], profile: Profile) -> list[Weakness]:
    """The weak areas for which no approved item fits the manager at all: the
    page says so and shows how to reach HR. One query, whatever is weak."""
    areas = tuple(sorted(w.key for w in weak if w.dimension == "area"))
    if not areas:
        return []
    found = covered_areas(areas, _fit(profile))
    return [w for w in weak if w.dimension == "area" and w.key not in found]


def covered_areas(areas: tuple[str, ...], fit: tuple[int, str, tuple[str, ...]]) -> list[str]:
    """Which of `areas` some approved item that fits (user id, level, groups) is tagged with."""
    return db.session.scalars(
        select(ItemTag.value)
        .join(CatalogItem, CatalogItem.id == ItemTag.item_id)
        .where(
            CatalogItem.state == "godkand",
            ItemTag.dimension == "area",
            ItemTag.value.in_(areas),
            *fitting(*fit),
        )
        .distinct()
    ).all()


def recommend(
    weak: list[Weakness], profile: Profile, where: str = SELF, limit: int = LIMIT
) -> list[Recommendation]:
    """Approved items that fit the manager, ranked by how many weak tags they
    carry, the weakest counting most; then by the catalog's priority. Ranked
    in SQL."""
    if not weak:
        return []
    weights = tuple((w.dimension, w.key, len(weak) - n) for n, w in enumerate(weak))
    order = ranked(weights, limit, _fit(profile))
    found = db.session.scalars(
        select(CatalogItem).options(selectinload(CatalogItem.tags)).where(CatalogItem.id.in_(order))
    )
    items = {item.id: item for item in found}
    return [
        Recommendation(
            items[i], _because(items[i], weak), profile.why(items[i].target_groups), where
        )
        for i in order
        if i in items
    ]


def _target(values) -> object:
    """The item has a target group among `values`."""
    target = aliased(ItemTag)  # the ranking joins ItemTag already
    return (
        exists()
        .where(target.item_id == CatalogItem.id, target.dimension == "target")
        .where(target.value.in_(values))
        .correlate(CatalogItem)
    )


def fitting(user_id: int, level: str, leads: tuple[str, ...]) -> list:
    """SQL conditions for Profile.fits, and nothing in the plan or a followed path."""
    other_levels = [other for other in LEVELS if other != level]
    followed = select(PathStep.item_id).join(
        PathEnrollment, PathEnrollment.path_id == PathStep.path_id
    )
    return [
        _target(leads),
        or_(_target([level]), ~_target(other_levels)),
        CatalogItem.id.not_in(select(PlanEntry.item_id).where(PlanEntry.user_id == user_id)),
        CatalogItem.id.not_in(followed.where(PathEnrollment.user_id == user_id)),
    ]


def ranked(
    weights: tuple[tuple[str, str, int], ...], limit: int, fit: tuple[int, str, tuple[str, ...]]
) -> list[int]:
    """The ids of the approved items that fit (user id, level, groups led)
    with the most (dimension, key) tags, each counting its weight; then by
    the catalog's priority."""
    matches = or_(*(and_(ItemTag.dimension == d, ItemTag.value == k) for d, k, _ in weights))
    weight = case(
        *((and_(ItemTag.dimension == d, ItemTag.value == k), w) for d, k, w in weights),
        else_=0,
    )
    return db.session.scalars(
        select(CatalogItem.id)
        .join(ItemTag, ItemTag.item_id == CatalogItem.id)
        .where(CatalogItem.state == "godkand", matches, *fitting(*fit))
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
