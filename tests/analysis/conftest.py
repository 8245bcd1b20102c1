"""A crafted organisation with reflections whose figures are computed by hand."""

from datetime import datetime, timedelta

import pytest

from toolbox.extensions import db
from toolbox.org.models import OrgUnit
from toolbox.reflection import summary
from toolbox.reflection.models import SUBMITTED, Reflection, ReflectionAnswer
from toolbox.timeutil import utcnow


@pytest.fixture
def org(app, make_user):
    """Top → A (6 managers), B (5 managers), C (2 managers); each manager one
    submitted reflection where every ledarskap answer is the given value."""
    with app.app_context():
        top = OrgUnit(code="TOP", name="Förvaltningen", level="forvaltning")
        units = {
            name: OrgUnit(code=name, name=f"Verksamhet {name}", level="verksamhet", parent=top)
            for name in "ABC"
        }
        db.session.add_all([top, *units.values()])
        db.session.commit()
        ids = {"TOP": top.id} | {name: unit.id for name, unit in units.items()}
    values = {"A": [5, 5, 4, 4, 3, 3], "B": [2, 2, 3, 3, 5], "C": [1, 1]}
    when = utcnow() - timedelta(days=10)
    for name, answers in values.items():
        for number, value in enumerate(answers):
            user = make_user(
                f"{name.lower()}{number}@example.se", roles=("chef",), unit_id=ids[name]
            )
            add_reflection(app, user.id, {"ledarskap": [value, value, None]}, when)
    return ids


def add_reflection(app, user_id: int, answers: dict[str, list], when: datetime) -> None:
    with app.app_context():
        reflection = Reflection(
            user_id=user_id, question_set_version=1, status=SUBMITTED, submitted_at=when
        )
        db.session.add(reflection)
        db.session.flush()
        for area, values in answers.items():
            for number, value in enumerate(values):
                db.session.add(
                    ReflectionAnswer(
                        reflection_id=reflection.id,
                        question_key=f"{area}-{number}",
                        area=area,
                        value=value,
                    )
                )
        summary.refresh([reflection.id])  # as the reflection service does on every write
        db.session.commit()
