"""Catalog items: browsing for managers, editing and the review for HR."""

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import defer, raiseload

from toolbox.audit.service import record
from toolbox.auth.models import User
from toolbox.catalog import search
from toolbox.catalog.models import PRIORITY_ORDER, CatalogItem, ItemTag
from toolbox.clock import utcnow
from toolbox.db.cache import cached
from toolbox.db.edits import EditConflict
from toolbox.db.schema import FTS_TABLE
from toolbox.extensions import db
from toolbox.web.paging import FoundPage, found_page

EDITABLE = (
    "title",
    "summary",
    "body",
    "kind",
    "format",
    "provider",
    "duration",
    "cost_sek",
    "mode",
    "location",
    "language",
    "link",
    "next_dates",
    "contact",
)
TAG_DIMENSIONS = {"areas": "area", "principles": "principle", "target_groups": "target"}
SORTS = ("prioritet", "nyast", "titel", "relevans")
PER_PAGE = 20
# Columns a list of item cards never shows.
LONG_TEXTS = (CatalogItem.body, CatalogItem.rationale, CatalogItem.search_text)


@dataclass
class Filters:
    """What a manager asked for; every field comes from a GET parameter."""

    q: str = ""
    kind: str = ""
    format: str = ""
    area: str = ""
    principle: str = ""
    target: str = ""
    provider: str = ""
    cost: str = ""  # "gratis" or "avgift"
    mode: str = ""  # "online" or "plats"
    sort: str = ""

    def effective_sort(self) -> str:
        if self.sort in SORTS and (self.sort != "relevans" or self.q):
            return self.sort
        return "relevans" if search.terms(self.q) else "prioritet"


@dataclass
class ItemData:
    """The fields HR edits; review fields are never part of it."""

    values: dict[str, object]
    tags: dict[str, list[str]] = field(default_factory=dict)


def has_tag(dimension: str, value: str):
    return exists().where(
        and_(
            ItemTag.item_id == CatalogItem.id,
            ItemTag.dimension == dimension,
            ItemTag.value == value,
        )
    )


@cache
def cards() -> Select:
    """A select of items for a list of cards: the long texts and the tags
    (which a card does not show) stay in the database, so that sorting a
    search's many matches moves small rows; reading them by mistake raises
    instead of querying per item. Built once (on first use: the mappers must
    be complete); a caller's .where() makes a new select, and the options
    keep their cache keys (0.15 ms a list page)."""
    return select(CatalogItem).options(
        *(defer(column, raiseload=True) for column in LONG_TEXTS),
        raiseload(CatalogItem.tags),
    )


def filtered(filters: Filters, dialect: str, states: tuple[str, ...] = ("godkand",)) -> Select:
    """A select of items matching the filters, ordered as asked, for the list."""
    query = cards().where(CatalogItem.state.in_(states))
    for name in ("kind", "format", "provider"):
        if getattr(filters, name):
            query = query.where(getattr(CatalogItem, name) == getattr(filters, name))
    for name, dimension in (("area", "area"), ("principle", "principle"), ("target", "target")):
        if getattr(filters, name):
            query = query.where(has_tag(dimension, getattr(filters, name)))
    if filters.cost == "gratis":
        query = query.where(CatalogItem.cost_sek == 0)
    elif filters.cost == "avgift":
        query = query.where(CatalogItem.cost_sek > 0)
    if filters.mode == "online":
        query = query.where(CatalogItem.mode.in_(("online", "bada", "eget")))
    elif filters.mode == "plats":
        query = query.where(CatalogItem.mode.in_(("plats", "bada")))
    relevance = None
    words = search.terms(filters.q)
    if words:
        query, relevance = search.apply(query, words, dialect)
    order = {
        "prioritet": (CatalogItem.priority_rank, CatalogItem.title),
        "nyast": (CatalogItem.approved_at.desc(), CatalogItem.id.desc()),
        "titel": (CatalogItem.title,),
        "relevans": (relevance, CatalogItem.priority_rank, CatalogItem.title),
    }[filters.effective_sort()]
    return query.order_by(*order)


def listing(filters: Filters, dialect: str) -> FoundPage:
    """A page of approved items matching the filters. Which items and how
    many is kept until the catalog changes (a search ranks and counts every
    match); the items themselves are read by id."""
    return found_page(
        lambda page: matches(filters, dialect, page),
        lambda ids: db.session.scalars(cards().where(CatalogItem.id.in_(ids))).all(),
        PER_PAGE,
    )


# A page of hits is small, and managers ask for many different ones (the
# realistic mix: 590 catalog addresses, which a bound of 300 kept none of).
@cached(depends_on=(CatalogItem, ItemTag, FTS_TABLE), entries=2_000)
def matches(filters: Filters, dialect: str, page: int) -> tuple[list[int], int]:
    """The ids of the approved items on a page of matches, and the number of matches."""
    query = filtered(filters, dialect)
    ids = db.session.scalars(
        query.with_only_columns(CatalogItem.id).limit(PER_PAGE).offset((page - 1) * PER_PAGE)
    ).all()
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    return ids, total


def visible_item(slug: str, can_see_all: bool) -> CatalogItem | None:
    """An item by slug; only approved ones unless the viewer is HR."""
    query = select(CatalogItem).where(CatalogItem.slug == slug)
    if not can_see_all:
        query = query.where(CatalogItem.state == "godkand")
    return db.session.scalar(query)


def set_tags(item: CatalogItem, tags: dict[str, list[str]]) -> None:
    wanted = {(TAG_DIMENSIONS[name], value) for name, values in tags.items() for value in values}
    kept = [tag for tag in item.tags if (tag.dimension, tag.value) in wanted]
    have = {(tag.dimension, tag.value) for tag in kept}
    item.tags = kept + [ItemTag(dimension=d, value=v) for d, v in sorted(wanted - have)]


def current_values(item: CatalogItem) -> dict[str, object]:
    values = {name: getattr(item, name) for name in EDITABLE}
    values.update({name: sorted(item.tag_values(dim)) for name, dim in TAG_DIMENSIONS.items()})
    return values


def create_item(slug: str, data: ItemData, actor: User) -> CatalogItem:
    item = CatalogItem(slug=slug, state="utkast", edited_in_portal=True, **data.values)
    set_tags(item, data.tags)
    db.session.add(item)
    db.session.flush()
    search.reindex(db.session, item)
    record("catalog_item_created", actor_id=actor.id, target=item.title)
    return item


def update_item(item: CatalogItem, data: ItemData, version: int, actor: User) -> list[str]:
    """Apply an edit made on `version`; returns the names of changed fields."""
    if version != item.version:
        raise EditConflict(item.title)
    before = current_values(item)
    for name, value in data.values.items():
        setattr(item, name, value)
    set_tags(item, data.tags)
    changed = [name for name, value in current_values(item).items() if before[name] != value]
    if changed:
        item.edited_in_portal = True
        item.updated_at = utcnow()
        db.session.flush()
        search.reindex(db.session, item)
        record(
            "catalog_item_updated",
            actor_id=actor.id,
            target=item.title,
            detail="Ändrade fält: " + ", ".join(changed),
        )
    return changed


def slug_taken(slug: str) -> bool:
    return (
        slug in RESERVED_SLUGS
        or db.session.scalar(select(CatalogItem.id).where(CatalogItem.slug == slug)) is not None
    )


# Addresses under /katalog/ that are pages of their own, not items.
RESERVED_SLUGS = frozenset({"plan", "larvagar", "hantera"})
SLUG_MAX = 120
# Swedish and other Latin letters an address keeps as their plain a–z form.
FOLDED = str.maketrans(
    {"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u", "æ": "ae", "ø": "o"}
)


def slug_from_title(title: str) -> str:
    """An address for a new item: the title in a–z, 0–9 and hyphens, made
    unique with -2, -3 … ("Samtal om arbetsmiljö" → "samtal-om-arbetsmiljo")."""
    words = re.findall(r"[a-z0-9]+", title.lower().translate(FOLDED))
    base = "-".join(words)[:SLUG_MAX].strip("-") or "objekt"
    candidate, number = base, 1
    while slug_taken(candidate):
        number += 1
        suffix = f"-{number}"
        candidate = base[: SLUG_MAX - len(suffix)].strip("-") + suffix
    return candidate


def overdue(today: date) -> Select:
    return (
        select(CatalogItem)
        .where(CatalogItem.state == "godkand", CatalogItem.next_review_on < today)
        .order_by(CatalogItem.next_review_on)
    )


def hr_list(state: str, q: str) -> Select:
    query = select(CatalogItem).order_by(CatalogItem.state, CatalogItem.title)
    if state:
        query = query.where(CatalogItem.state == state)
    if q:
        pattern = f"%{q.lower()}%"
        query = query.where(
            or_(
                func.lower(CatalogItem.title).like(pattern),
                func.lower(CatalogItem.slug).like(pattern),
            )
        )
    return query


def priority_rank(priority: str | None) -> int:
    return PRIORITY_ORDER.get(priority or "", 9)


def related(areas: list[str], principles: list[str], limit: int = 5) -> list[CatalogItem]:
    """Approved items sharing the most areas and principles, best first."""
    wanted = or_(
        and_(ItemTag.dimension == "area", ItemTag.value.in_(areas)),
        and_(ItemTag.dimension == "principle", ItemTag.value.in_(principles)),
    )
    hits = (
        select(ItemTag.item_id, func.count().label("hits"))
        .where(wanted)
        .group_by(ItemTag.item_id)
        .subquery()
    )
    return db.session.scalars(
        select(CatalogItem)
        .join(hits, hits.c.item_id == CatalogItem.id)
        .where(CatalogItem.state == "godkand")
        .order_by(hits.c.hits.desc(), CatalogItem.priority_rank, CatalogItem.title)
        .limit(limit)
    ).all()
