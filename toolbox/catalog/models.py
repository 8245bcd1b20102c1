"""Catalog items (offers and tools), their review history, development plans
and learning paths."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from toolbox.clock import utcnow
from toolbox.extensions import db
from toolbox.web.language import lazy_gettext as _l

KINDS = {"erbjudande": _l("Erbjudande"), "verktyg": _l("Verktyg")}
FORMATS = {
    "kurs": _l("Kurs"),
    "program": _l("Program"),
    "coaching": _l("Coaching"),
    "natverk": _l("Nätverk"),
    "forelasning": _l("Föreläsning"),
    "digitalt": _l("Digitalt material"),
    "metodkort": _l("Metodkort"),
    "samtalsguide": _l("Samtalsguide"),
    "mall": _l("Mall"),
}
PROVIDERS = {
    "forvaltningen": _l("Förvaltningen"),
    "regionen": _l("Regionen"),
    "ledarskapsakademin": _l("Ledarskapsakademin"),
    "extern": _l("Extern via upphandling"),
}
TARGET_GROUPS = {
    "forsta-linjen": _l("Första linjens chef"),
    "verksamhetschef": _l("Verksamhetschef"),
    "ledningsgrupp": _l("Ledningsgrupp"),
    "arbetsgrupp": _l("Arbetsgrupp"),
    "chefsstod": _l("Chefsstöd"),
}
MODES = {
    "plats": _l("På plats"),
    "online": _l("Online"),
    "bada": _l("På plats och online"),
    "eget": _l("Används på egen hand"),
}
STATES = {
    "utkast": _l("Utkast"),
    "granskas": _l("Granskas"),
    "godkand": _l("Godkänd"),
    "avvecklad": _l("Avvecklad"),
}
PRIORITIES = {"hog": _l("Hög"), "medel": _l("Medel"), "lag": _l("Låg")}
PRIORITY_ORDER = {"hog": 1, "medel": 2, "lag": 3}
PLAN_STATUSES = {"planerad": _l("Planerad"), "pagar": _l("Pågår"), "genomford": _l("Genomförd")}


class CatalogItem(db.Model):
    __tablename__ = "catalog_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(600))
    body: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20))
    format: Mapped[str] = mapped_column(String(20))
    provider: Mapped[str] = mapped_column(String(30))
    duration: Mapped[str] = mapped_column(String(100), default="")
    cost_sek: Mapped[int] = mapped_column(default=0)
    mode: Mapped[str] = mapped_column(String(10), default="plats")
    location: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(10), default="sv")
    link: Mapped[str] = mapped_column(String(500), default="")
    next_dates: Mapped[str] = mapped_column(String(300), default="")
    contact: Mapped[str] = mapped_column(String(200), default="")
    state: Mapped[str] = mapped_column(String(20), default="utkast", index=True)
    priority: Mapped[str | None] = mapped_column(String(10))
    # Sort key kept with the priority: 1 hög … 3 låg, 9 for none.
    priority_rank: Mapped[int] = mapped_column(default=9)
    rationale: Mapped[str] = mapped_column(Text, default="")
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewer_name: Mapped[str] = mapped_column(String(200), default="")
    reviewed_on: Mapped[date | None]
    next_review_on: Mapped[date | None] = mapped_column(index=True)
    approved_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # The content file it came from and that file's hash when last loaded.
    source_hash: Mapped[str | None] = mapped_column(String(64))
    edited_in_portal: Mapped[bool] = mapped_column(default=False)
    # Title, summary and body as Snowball stems (toolbox/catalog/search.py).
    search_text: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)

    tags: Mapped[list["ItemTag"]] = relationship(
        back_populates="item",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="ItemTag.value",
    )
    decisions: Mapped[list["ReviewDecision"]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="ReviewDecision.id.desc()"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_catalog_items_state_rank", "state", "priority_rank", "title"),
        CheckConstraint("cost_sek >= 0", name="cost_not_negative"),
    )

    def tag_values(self, dimension: str) -> list[str]:
        return [tag.value for tag in self.tags if tag.dimension == dimension]

    @property
    def areas(self) -> list[str]:
        return self.tag_values("area")

    @property
    def principles(self) -> list[str]:
        return self.tag_values("principle")

    @property
    def target_groups(self) -> list[str]:
        return self.tag_values("target")


class ItemTag(db.Model):
    """An item's area, principle or target group (dimension, value)."""

    __tablename__ = "catalog_item_tags"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_items.id", ondelete="CASCADE"), primary_key=True
    )
    dimension: Mapped[str] = mapped_column(String(10), primary_key=True)
    value: Mapped[str] = mapped_column(String(30), primary_key=True)

    item: Mapped[CatalogItem] = relationship(back_populates="tags")

    __table_args__ = (Index("ix_catalog_item_tags_lookup", "dimension", "value", "item_id"),)


class ReviewDecision(db.Model):
    """One step of the review (genomlysning), kept as the item's history."""

    __tablename__ = "catalog_review_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_items.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor_name: Mapped[str] = mapped_column(String(200), default="")
    from_state: Mapped[str] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    priority: Mapped[str | None] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")

    item: Mapped[CatalogItem] = relationship(back_populates="decisions")


class PlanEntry(db.Model):
    """An item in a manager's development plan, with status and rating."""

    __tablename__ = "catalog_plan_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_items.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default="planerad")
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    # When it was marked genomförd or last rated: HR's figures count a rating
    # from the quarter of this moment (toolbox/catalog/ratings.py).
    completed_at: Mapped[datetime | None]
    rating: Mapped[int | None]
    comment: Mapped[str] = mapped_column(Text, default="")

    item: Mapped[CatalogItem] = relationship()

    __table_args__ = (
        UniqueConstraint("user_id", "item_id", name="uq_catalog_plan_entries_user_item"),
        CheckConstraint("rating IS NULL OR (rating BETWEEN 1 AND 5)", name="rating_range"),
    )


class LearningPath(db.Model):
    __tablename__ = "catalog_paths"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(default=1)

    steps: Mapped[list["PathStep"]] = relationship(
        back_populates="path",
        cascade="all, delete-orphan",
        order_by="PathStep.position",
        lazy="selectin",
    )

    __mapper_args__ = {"version_id_col": version}


class PathStep(db.Model):
    __tablename__ = "catalog_path_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    path_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_paths.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    item_id: Mapped[int] = mapped_column(ForeignKey("catalog_items.id", ondelete="CASCADE"))

    path: Mapped[LearningPath] = relationship(back_populates="steps")
    item: Mapped[CatalogItem] = relationship(lazy="joined")


class PathEnrollment(db.Model):
    __tablename__ = "catalog_path_enrollments"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    path_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_paths.id", ondelete="CASCADE"), primary_key=True
    )
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
