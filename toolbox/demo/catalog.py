"""Demo catalog: the starter content, items in every review state, ratings,
and a development plan for chef@example.se. Idempotent."""

import random
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from toolbox.auth.models import User, UserRole
from toolbox.catalog import plans, ratings, search
from toolbox.catalog.models import (
    FORMATS,
    PROVIDERS,
    TARGET_GROUPS,
    CatalogItem,
    LearningPath,
    PlanEntry,
    ReviewDecision,
)
from toolbox.catalog.service import set_tags
from toolbox.catalog.starter import load_catalog
from toolbox.content import AREA_KEYS, PRINCIPLE_KEYS
from toolbox.extensions import db

WORKFLOW_DEMOS = (
    (
        "demo-utkast-medarbetarsamtal",
        "Medarbetarsamtal med fokus på tillit",
        "utkast",
        "Ett nytt upplägg för medarbetarsamtal där chef och medarbetare kommer överens om "
        "handlingsutrymme och stöd.",
    ),
    (
        "demo-granskas-teamcoaching",
        "Teamcoaching för nya arbetsgrupper",
        "granskas",
        "Extern teamcoaching för arbetsgrupper som nyss har bildats, upphandlad av regionen.",
    ),
    (
        "demo-avvecklad-malstyrning",
        "Kurs i detaljerad målstyrning",
        "avvecklad",
        "En äldre kurs i styrning med många nyckeltal, avvecklad efter genomlysningen.",
    ),
)
LARGE_ITEMS = 2000
WORDS = (
    "ledarskap",
    "tillit",
    "återkoppling",
    "samtal",
    "delegering",
    "arbetsmiljö",
    "patientens väg",
    "uppföljning",
    "lärande",
    "helhet",
    "kollegor",
    "ledningsgrupp",
    "förändring",
    "kommunikation",
    "arbetsglädje",
    "schema",
    "budget",
    "kvalitet",
)


def seed_catalog(content_dir: Path, size: str) -> str:
    report = load_catalog(content_dir)
    hr = db.session.scalar(select(User).where(User.email == "hr@example.se"))
    for slug, title, state, summary in WORKFLOW_DEMOS:
        _workflow_item(slug, title, state, summary, hr)
    _demo_plan()
    _demo_ratings()
    if size == "large":
        _large_items()
    db.session.flush()
    total = db.session.scalar(select(func.count()).select_from(CatalogItem))
    return f"{report.summary()}; {total} objekt totalt"


def _workflow_item(slug: str, title: str, state: str, summary: str, hr: User | None) -> None:
    if db.session.scalar(select(CatalogItem.id).where(CatalogItem.slug == slug)):
        return
    item = CatalogItem(
        slug=slug,
        title=title,
        summary=summary,
        body=summary,
        kind="erbjudande",
        format="kurs",
        provider="regionen",
        state=state,
        edited_in_portal=True,
    )
    set_tags(
        item, {"areas": ["ledarskap"], "principles": ["tillit"], "target_groups": ["forsta-linjen"]}
    )
    if state != "utkast":
        item.decisions.append(
            ReviewDecision(
                from_state="utkast",
                to_state="granskas",
                actor_id=hr.id if hr else None,
                actor_name=hr.name if hr else "HR",
            )
        )
    if state == "avvecklad":
        item.decisions.append(
            ReviewDecision(
                from_state="granskas",
                to_state="avvecklad",
                actor_id=hr.id if hr else None,
                actor_name=hr.name if hr else "HR",
                note="Bygger på detaljstyrning och stämmer inte med tillitsbaserad styrning.",
            )
        )
    db.session.add(item)
    db.session.flush()
    search.reindex(db.session, item)


def _demo_plan() -> None:
    chef = db.session.scalar(select(User).where(User.email == "chef@example.se"))
    path = db.session.scalar(select(LearningPath).order_by(LearningPath.id))
    if chef is None or path is None or plans.is_enrolled(chef.id, path.id):
        return
    plans.start_path(chef.id, path)
    db.session.flush()
    entries = db.session.scalars(
        select(PlanEntry).where(PlanEntry.user_id == chef.id).order_by(PlanEntry.id)
    ).all()
    if entries:
        plans.set_status(entries[0], "genomford")
        plans.rate(entries[0], 4, "Bra start, särskilt samtalet om förväntningar.")
    if len(entries) > 1:
        plans.set_status(entries[1], "pagar")


DEMO_COMMENTS = ("Konkret och lätt att använda direkt.", "", "Bra, men för kort.", "", "")


def _demo_ratings() -> None:
    """Five managers rated the first approved item last quarter, so HR sees an
    average (ratings from a running quarter are not shown)."""
    running = ratings.running_quarter()
    last_quarter = ratings.Quarter.of(running.begins - timedelta(days=1))
    item = db.session.scalar(
        select(CatalogItem).where(CatalogItem.state == "godkand").order_by(CatalogItem.slug)
    )
    managers = db.session.scalars(
        select(User)
        .join(UserRole)
        .where(UserRole.role == "chef", User.email != "chef@example.se")
        .order_by(User.email)
        .limit(5)
    ).all()
    for number, manager in enumerate(managers):
        entry = plans.add_to_plan(manager.id, item)
        if entry.rating is None:
            plans.set_status(entry, "genomford")
            plans.rate(entry, 3 + number % 3, DEMO_COMMENTS[number])
            entry.completed_at = last_quarter.begins + timedelta(days=10 + number)


def _large_items() -> None:
    rng = random.Random(9)  # noqa: S311 - deterministic demo data
    count = db.session.scalar(select(func.count()).select_from(CatalogItem))
    number = 0
    while count < LARGE_ITEMS:
        number += 1
        slug = f"genererat-{number:04d}"
        if db.session.scalar(select(CatalogItem.id).where(CatalogItem.slug == slug)):
            continue
        words = rng.sample(WORDS, 4)
        item = CatalogItem(
            slug=slug,
            title=f"{words[0].capitalize()} och {words[1]} {number}",
            summary=f"Stöd för {words[2]} och {words[3]} i vardagen.",
            body=" ".join(rng.choices(WORDS, k=60)),
            kind=rng.choice(["erbjudande", "verktyg"]),
            format=rng.choice(list(FORMATS)),
            provider=rng.choice(list(PROVIDERS)),
            cost_sek=rng.choice([0, 0, 1500, 8000]),
            mode=rng.choice(["plats", "online", "eget"]),
            state="godkand",
            priority=rng.choice(["hog", "medel", "lag"]),
            reviewer_name="HR",
            reviewed_on=date(2026, 6, 1),
            next_review_on=date(2026, 6, 1) + timedelta(days=rng.randint(30, 700)),
        )
        item.priority_rank = {"hog": 1, "medel": 2, "lag": 3}[item.priority]
        set_tags(
            item,
            {
                "areas": rng.sample(AREA_KEYS, 2),
                "principles": rng.sample(PRINCIPLE_KEYS, 2),
                "target_groups": rng.sample(list(TARGET_GROUPS), 1),
            },
        )
        db.session.add(item)
        db.session.flush()
        search.reindex(db.session, item)
        count += 1
