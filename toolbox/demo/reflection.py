"""Demo reflections, deterministic and idempotent: two earlier ones for
chef@example.se (so trend, change and recommendations show at once), one or
two for every other demo manager, and for size "large" about 40,000 in all,
inserted in bulk. A manager who has any reflection is left alone."""

import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

from toolbox.auth.models import User, UserRole
from toolbox.content import QuestionSet, load_question_set
from toolbox.extensions import db
from toolbox.reflection import summary
from toolbox.reflection.models import (
    QUESTION_SET,
    SUBMITTED,
    Reflection,
    ReflectionAnswer,
    ReflectionNote,
    ReflectionReminder,
)
from toolbox.reflection.reminders import add_months

DEMO_CHEF = "chef@example.se"
VERSION = 1
# Fixed dates, so that a second run and another machine give the same data.
ANCHOR = datetime(2026, 4, 20, 9, 30)
LARGE_REFLECTIONS = 40_000
CHUNK = 4_000
# chef@example.se: two reflections half a year apart; styrning and
# förutsättningar are weak, and styrning improves a little.
CHEF_PROFILES = (
    (ANCHOR - timedelta(days=188), {"ledarskap": 3.6, "styrning": 2.0, "kultur": 3.8,
                                    "forutsattningar": 2.4}),
    (ANCHOR, {"ledarskap": 3.8, "styrning": 2.4, "kultur": 4.0, "forutsattningar": 2.3}),
)  # fmt: skip
CHEF_NOTES = {
    "styrning": "Vi har fortfarande för många mål. Jag vill prova att lyfta två av dem på APT.",
    "forutsattningar": "Schemaläggningen tar en hel dag i veckan. Kan chefsstödet ta över den?",
}
Row = tuple[int, datetime, dict[str, float]]


def seed_reflections(content_dir: Path, size: str) -> str:
    questions = load_question_set(content_dir / "questions" / QUESTION_SET / f"v{VERSION}.yaml")
    chef = db.session.scalar(select(User).where(User.email == DEMO_CHEF))
    if chef is not None and not _has_reflections(chef.id):
        _insert(questions, [(chef.id, when, profile) for when, profile in CHEF_PROFILES])
        _add_notes(chef.id)
    if chef is not None and db.session.get(ReflectionReminder, chef.id) is None:
        db.session.add(
            ReflectionReminder(
                user_id=chef.id, every_months=6, next_due_on=add_months(ANCHOR.date(), 6)
            )
        )
    managers = _managers_without_reflections()
    per_manager = 2 if size != "large" else max(3, LARGE_REFLECTIONS // max(1, len(managers)))
    batch: list[Row] = []
    for row in _generated(managers, per_manager):
        batch.append(row)
        if len(batch) >= CHUNK:
            _insert(questions, batch)
            batch = []
    _insert(questions, batch)
    db.session.flush()
    total = db.session.scalar(select(func.count()).select_from(Reflection))
    return f"{total} självskattningar"


def _has_reflections(user_id: int) -> bool:
    found = select(Reflection.id).where(Reflection.user_id == user_id).limit(1)
    return db.session.scalar(found) is not None


def _managers_without_reflections() -> list[tuple[int, str]]:
    has_any = select(Reflection.id).where(Reflection.user_id == User.id).exists()
    return list(
        db.session.execute(
            select(User.id, User.email)
            .join(UserRole, (UserRole.user_id == User.id) & (UserRole.role == "chef"))
            .where(User.email != DEMO_CHEF, ~has_any)
            .order_by(User.email)
        ).all()
    )


def _generated(managers: list[tuple[int, str]], per_manager: int) -> Iterator[Row]:
    """Each manager's own profile, drifting a little between reflections half a year apart."""
    for user_id, email in managers:
        rng = random.Random(email)  # noqa: S311 - deterministic demo data, not security
        count = per_manager if per_manager > 2 else rng.choice((1, 2))
        profile = {area: rng.uniform(2.2, 4.4) for area in ("ledarskap", "styrning", "kultur")}
        profile["forutsattningar"] = rng.uniform(1.8, 3.8)
        for number in range(count):
            when = ANCHOR - timedelta(
                days=182 * number + rng.randint(0, 60), minutes=rng.randint(0, 600)
            )
            drifted = {area: mean - 0.1 * number for area, mean in profile.items()}
            yield user_id, when, drifted


def _value(rng: random.Random, mean: float) -> int | None:
    if rng.random() < 0.06:
        return None  # "Vet ej / ej aktuellt"
    return min(5, max(1, round(rng.gauss(mean, 0.7))))


def _insert(questions: QuestionSet, rows: list[Row]) -> None:
    """Reflections and their answers in two bulk statements, then their sums."""
    if not rows:
        return
    ids = db.session.scalars(
        insert(Reflection).returning(Reflection.id, sort_by_parameter_order=True),
        [
            {
                "user_id": user_id,
                "question_set_version": VERSION,
                "status": SUBMITTED,
                "started_at": when - timedelta(minutes=12),
                "updated_at": when,
                "submitted_at": when,
            }
            for user_id, when, _profile in rows
        ],
    ).all()
    answers = []
    for reflection_id, (user_id, when, profile) in zip(ids, rows, strict=True):
        rng = random.Random(f"{user_id}-{when.isoformat()}")  # noqa: S311 - demo data
        answers.extend(
            {
                "reflection_id": reflection_id,
                "question_key": q.key,
                "area": q.area,
                "value": _value(rng, profile[q.area]),
            }
            for q in questions.questions
        )
    db.session.execute(insert(ReflectionAnswer), answers)
    summary.refresh(ids)


def _add_notes(user_id: int) -> None:
    latest = db.session.scalar(
        select(Reflection.id).where(Reflection.user_id == user_id).order_by(Reflection.id.desc())
    )
    for area, text in CHEF_NOTES.items():
        db.session.add(ReflectionNote(reflection_id=latest, area=area, text=text))
