"""Loading the starter catalog from content/offers and content/paths.

Idempotent: an item is created from its file, updated when the file changes,
and left alone once HR has edited it in the portal."""

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select

from toolbox.catalog import search
from toolbox.catalog.models import (
    FORMATS,
    KINDS,
    MODES,
    PRIORITIES,
    PROVIDERS,
    TARGET_GROUPS,
    CatalogItem,
    LearningPath,
)
from toolbox.catalog.plans import set_steps
from toolbox.catalog.service import priority_rank, set_tags
from toolbox.clock import utcnow
from toolbox.content import AREA_KEYS, PRINCIPLE_KEYS, ContentError, read_yaml, split_front_matter
from toolbox.extensions import db

CHOICES = {
    "kind": KINDS,
    "format": FORMATS,
    "provider": PROVIDERS,
    "mode": MODES,
    "priority": PRIORITIES,
}
TEXTS = (
    "title",
    "summary",
    "duration",
    "location",
    "language",
    "link",
    "next_dates",
    "contact",
    "rationale",
    "reviewer",
)
LISTS = {"target_groups": TARGET_GROUPS, "areas": AREA_KEYS, "principles": PRINCIPLE_KEYS}


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: list[str] = field(default_factory=list)  # edited in the portal, left alone
    paths: int = 0

    def summary(self) -> str:
        text = (
            f"katalogen: {self.created} nya, {self.updated} uppdaterade, "
            f"{self.unchanged} oförändrade, {self.paths} lärvägar"
        )
        if self.kept:
            text += f"; {len(self.kept)} ändrade i portalen lämnades orörda"
        return text


def _check(path: Path, meta: dict) -> None:
    for key in TEXTS:
        if not isinstance(meta.get(key, ""), str):
            raise ContentError(f"{path}: '{key}' ska vara text")
    for key in ("title", "summary", "rationale", "reviewer"):
        if not meta.get(key, "").strip():
            raise ContentError(f"{path}: fältet '{key}' saknas eller är tomt")
    for key, allowed in CHOICES.items():
        if meta.get(key) not in allowed:
            raise ContentError(f"{path}: '{key}' ska vara en av {list(allowed)}")
    for key, allowed in LISTS.items():
        values = meta.get(key)
        if not isinstance(values, list) or not values or set(values) - set(allowed):
            raise ContentError(f"{path}: '{key}' ska vara en lista av {list(allowed)}")
    if not isinstance(meta.get("cost_sek"), int) or meta["cost_sek"] < 0:
        raise ContentError(f"{path}: 'cost_sek' ska vara ett heltal ≥ 0")
    for key in ("reviewed_on", "next_review_on"):
        if not isinstance(meta.get(key), date):
            raise ContentError(f"{path}: '{key}' ska vara ett datum som 2026-09-15")


def _apply(item: CatalogItem, meta: dict, body: str, digest: str) -> None:
    for key in TEXTS[:-2]:
        setattr(item, key, meta.get(key, "").strip())
    item.kind, item.format, item.provider = meta["kind"], meta["format"], meta["provider"]
    item.mode, item.cost_sek, item.body = meta["mode"], meta["cost_sek"], body.strip()
    item.state, item.priority = "godkand", meta["priority"]
    item.priority_rank = priority_rank(meta["priority"])
    item.rationale, item.reviewer_name = meta["rationale"].strip(), meta["reviewer"].strip()
    item.reviewed_on, item.next_review_on = meta["reviewed_on"], meta["next_review_on"]
    item.approved_at = item.approved_at or utcnow()
    item.source_hash = digest
    set_tags(item, {key: meta[key] for key in LISTS})


def load_offer(path: Path, report: LoadReport) -> None:
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    meta, body = split_front_matter(path)
    _check(path, meta)
    item = db.session.scalar(select(CatalogItem).where(CatalogItem.slug == path.stem))
    if item is not None and item.source_hash == digest:
        report.unchanged += 1
        return
    if item is not None and item.edited_in_portal:
        report.kept.append(path.stem)
        return
    if item is None:
        item = CatalogItem(slug=path.stem)
        db.session.add(item)
        report.created += 1
    else:
        report.updated += 1
    _apply(item, meta, body, digest)
    db.session.flush()
    search.reindex(db.session, item)


def load_path(path: Path) -> None:
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise ContentError(f"{path}: ska ha 'title', 'description' och en lista 'items'")
    slugs = data["items"]
    items = {
        i.slug: i
        for i in db.session.scalars(select(CatalogItem).where(CatalogItem.slug.in_(slugs)))
    }
    missing = [slug for slug in slugs if slug not in items]
    if missing:
        raise ContentError(f"{path}: 'items' har okända erbjudanden {missing}")
    learning_path = db.session.scalar(select(LearningPath).where(LearningPath.slug == path.stem))
    if learning_path is None:
        learning_path = LearningPath(slug=path.stem)
        db.session.add(learning_path)
    learning_path.title = str(data.get("title", "")).strip()
    learning_path.description = str(data.get("description", "")).strip()
    if not learning_path.title:
        raise ContentError(f"{path}: fältet 'title' saknas eller är tomt")
    db.session.flush()
    if [step.item.slug for step in learning_path.steps] != slugs:
        set_steps(learning_path, [items[slug].id for slug in slugs])


def load_catalog(content_dir: Path) -> LoadReport:
    report = LoadReport()
    for path in sorted((content_dir / "offers").glob("*.md")):
        load_offer(path, report)
    for path in sorted((content_dir / "paths").glob("*.yaml")):
        load_path(path)
        report.paths += 1
    return report
