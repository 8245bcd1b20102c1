"""Factories for catalog items in any state."""

from datetime import date

import pytest

from toolbox.catalog import search
from toolbox.catalog.models import CatalogItem
from toolbox.catalog.service import set_tags
from toolbox.extensions import db


@pytest.fixture
def make_item(app):
    counter = iter(range(1, 100_000))

    def make(
        title: str | None = None,
        state: str = "godkand",
        body: str = "",
        areas=("ledarskap",),
        principles=("tillit",),
        targets=("forsta-linjen",),
        **values,
    ) -> CatalogItem:
        number = next(counter)
        with app.app_context():
            item = CatalogItem(
                slug=values.pop("slug", f"objekt-{number}"),
                title=title or f"Objekt {number}",
                summary=values.pop("summary", "En kort sammanfattning."),
                body=body,
                kind=values.pop("kind", "verktyg"),
                format=values.pop("format", "samtalsguide"),
                provider=values.pop("provider", "forvaltningen"),
                state=state,
                **values,
            )
            if state == "godkand":
                item.priority = item.priority or "medel"
                item.priority_rank = {"hog": 1, "medel": 2, "lag": 3}[item.priority]
                item.reviewer_name, item.reviewed_on = "HR", date(2026, 1, 1)
                item.next_review_on = item.next_review_on or date(2027, 1, 1)
            set_tags(
                item,
                {
                    "areas": list(areas),
                    "principles": list(principles),
                    "target_groups": list(targets),
                },
            )
            db.session.add(item)
            db.session.flush()
            search.reindex(db.session, item)
            db.session.commit()
            db.session.refresh(item)
            item_id, slug, version = item.id, item.slug, item.version
            db.session.expunge(item)
            item.id, item.slug, item.version = item_id, slug, version
            return item

    return make
