"""Recommendations: approved catalog items tagged with the manager's weakest
areas and principles that fit the manager (toolbox/catalog/fit.py: their
level and the groups they lead, nothing already in their plan or learning
paths), each with the reason it is shown. Ranked in Python over the
approved items of the weak tags, kept per worker until the catalog changes:
the ranking in SQL cost a results page more than the rest of it."""

from dataclasses import dataclass

from sqlalchemy import select

from toolbox.catalog.fit import Profile, suits
from toolbox.catalog.models import CatalogItem, ItemTag
from toolbox.catalog.service import cards
from toolbox.db.cache import cached
from toolbox.extensions import db
from toolbox.reflection.results import Results
from toolbox.web.filters import decimal
from toolbox.web.language import gettext as _
from toolbox.web.language import lazy_gettext as _l

# Only areas and principles whose mean is below this count as weak.
WEAK_BELOW = 4.0
PER_KIND = 2
LIMIT = 4
SELF, OTHERS = "self", "others"
# Where the weak figures come from, as the reason text says it.
WHERE = {SELF: _l("i din skattning"), OTHERS: _l("i återkopplingen från andra")}


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
            return _("%(name)s fick %(figure)s", name=self.name, figure=figure)
        return _("principen %(name)s fick %(figure)s", name=self.name, figure=figure)


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
            phrases[0]
            if len(phrases) == 1
            else _("%(some)s och %(last)s", some=", ".join(phrases[:-1]), last=phrases[-1])
        )
        reason = _("Visas för att %(weak)s %(where)s.", weak=joined, where=WHERE[self.where])
        return f"{reason} {self.fit}".strip()


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


@dataclass(frozen=True)
class Fitting:
    """The approved items that fit one kind of manager (a level and the
    groups led), by tag; ranked by `position`, the catalog's order."""

    by_tag: dict[tuple[str, str], frozenset[int]]
    position: dict[int, int]
    targets: dict[int, frozenset[str]]  # each item's target groups


@cached(depends_on=(CatalogItem, ItemTag))
def fitting(level: str, leads: tuple[str, ...]) -> Fitting:
    """Read once per kind of manager and change of the catalog (there are
    three kinds): a request then only leaves out what the manager has taken."""
    rows = db.session.execute(
        select(CatalogItem.id, ItemTag.dimension, ItemTag.value)
        .join(ItemTag, ItemTag.item_id == CatalogItem.id)
        .where(CatalogItem.state == "godkand")
        .order_by(CatalogItem.priority_rank, CatalogItem.title, CatalogItem.id)
    ).all()
    tags: dict[int, list[tuple[str, str]]] = {}
    for item_id, dimension, value in rows:
        tags.setdefault(item_id, []).append((dimension, value))
    by_tag: dict[tuple[str, str], set[int]] = {}
    position: dict[int, int] = {}
    fitting_targets: dict[int, frozenset[str]] = {}
    for item_id, item_tags in tags.items():
        targets = frozenset(value for dimension, value in item_tags if dimension == "target")
        if suits(level, frozenset(leads), targets):
            position[item_id] = len(position)
            fitting_targets[item_id] = targets
            for tag in item_tags:
                by_tag.setdefault(tag, set()).add(item_id)
    return Fitting({tag: frozenset(ids) for tag, ids in by_tag.items()}, position, fitting_targets)


def fitting_for(profile: Profile) -> Fitting:
    return fitting(profile.level, tuple(sorted(profile.leads)))


def uncovered(weak: list[Weakness], profile: Profile) -> list[Weakness]:
    """The weak areas for which no approved item fits the manager at all: the
    page says so and shows how to reach HR."""
    by_tag = fitting_for(profile).by_tag
    return [
        w
        for w in weak
        if w.dimension == "area" and not by_tag.get((w.dimension, w.key), set()) - profile.taken
    ]


def recommend(
    weak: list[Weakness], profile: Profile, where: str = SELF, limit: int = LIMIT
) -> list[Recommendation]:
    """Approved items that fit the manager, ranked by how many weak tags they
    carry, the weakest counting most; then by the catalog's priority."""
    found = fitting_for(profile)
    tagged = [found.by_tag.get((w.dimension, w.key), frozenset()) for w in weak]
    score: dict[int, int] = {}
    for n, ids in enumerate(tagged):
        for item_id in ids - profile.taken:
            score[item_id] = score.get(item_id, 0) + len(weak) - n
    order = sorted(score, key=lambda i: (-score[i], found.position[i]))[:limit]
    if not order:
        return []
    items = {item.id: item for item in db.session.scalars(cards().where(CatalogItem.id.in_(order)))}
    return [
        Recommendation(
            items[i],
            _because([w for w, ids in zip(weak, tagged, strict=True) if i in ids]),
            profile.why(found.targets[i]),
            where,
        )
        for i in order
        if i in items
    ]


def _because(weak: list[Weakness]) -> tuple[Weakness, ...]:
    """The item's weak tags, areas first, for the reason text."""
    return tuple(sorted(weak, key=lambda w: (w.dimension != "area", w.mean)))
