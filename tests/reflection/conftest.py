"""Factories for reflections: straight into the database, or through the form."""

from datetime import datetime

import pytest
from sqlalchemy import select

from tests.catalog.conftest import make_item  # noqa: F401 - a fixture for these tests too
from toolbox.content import get_content
from toolbox.extensions import db
from toolbox.reflection import service
from toolbox.reflection.models import QUESTION_SET, Reflection, ReflectionNote

AREAS = ("ledarskap", "styrning", "kultur", "forutsattningar")


def keys_by_area(app) -> dict[str, list[str]]:
    with app.app_context():
        questions = get_content().question_set(QUESTION_SET, 1)
        return {s.area: [q.key for q in s.questions] for s in questions.sections}


@pytest.fixture
def keys(app) -> dict[str, list[str]]:
    return keys_by_area(app)


@pytest.fixture
def make_reflection(app, keys):
    """A reflection with area → value (1–5, None for "Vet ej", or a list per
    statement); submitted at `submitted_at` unless `draft`. Returns its id."""

    def make(
        user,
        values: dict | None = None,
        submitted_at: datetime | None = datetime(2026, 3, 1, 10, 0),
        draft: bool = False,
        notes: dict[str, str] | None = None,
    ) -> int:
        values = values or {}
        with app.app_context():
            reflection = Reflection(
                user_id=user.id,
                question_set_version=1,
                status="utkast" if draft else "inskickad",
                submitted_at=None if draft else submitted_at,
            )
            db.session.add(reflection)
            db.session.flush()
            for section in service.question_set(reflection).sections:
                given = values.get(section.area, 3)
                per_key = given if isinstance(given, list) else [given] * len(section.questions)
                raw = {
                    q.key: "" if v == "" else (service.DONT_KNOW if v is None else str(v))
                    for q, v in zip(section.questions, per_key, strict=True)
                }
                service.save_section(reflection, section, raw, "")
            for area, text in (notes or {}).items():
                db.session.add(ReflectionNote(reflection_id=reflection.id, area=area, text=text))
            db.session.commit()
            return reflection.id

    return make


def step_data(keys: list[str], value: str = "4", note: str = "", action: str = "next") -> dict:
    data = {f"q_{key}": value for key in keys}
    data.update(note=note, action=action, version="1")
    return data


def reflection_ids(app, user_id: int) -> list[int]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(Reflection.id).where(Reflection.user_id == user_id).order_by(Reflection.id)
            )
        )
