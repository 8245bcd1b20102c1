"""A crafted organisation with reflections whose figures are computed by hand.

The reflections are dated in the first quarter of last year: its half-year
has ended, so every figure of it is published whatever day the tests run."""

from datetime import datetime, time, timedelta
from itertools import count

import pytest

from toolbox import clock
from toolbox.extensions import db
from toolbox.org.models import OrgUnit
from toolbox.privacy.periods import Period, half
from toolbox.reflection import summary
from toolbox.reflection.models import SUBMITTED, Reflection, ReflectionAnswer


@pytest.fixture
def half_year() -> Period:
    """The half-year the crafted reflections fall in: the first of last year."""
    return half(clock.today().year - 1, 1)


@pytest.fixture
def submitted_at(half_year) -> datetime:
    """Mid-February of last year, in the first quarter of `half_year`."""
    return datetime.combine(half_year.start + timedelta(days=45), time(10))


@pytest.fixture
def add_managers(app, make_user, submitted_at):
    """Managers placed on a unit, each with one submitted reflection in which
    two ledarskap answers are the given value and a third is "Vet ej"; gives
    the users."""
    numbers = count()

    def add(unit_id: int, values: list[int], when: datetime | None = None) -> list:
        users = []
        for value in values:
            user = make_user(f"chef{next(numbers)}@example.se", roles=("chef",), unit_id=unit_id)
            add_reflection(app, user.id, {"ledarskap": [value, value, None]}, when or submitted_at)
            users.append(user)
        return users

    return add


@pytest.fixture
def org(app, add_managers):
    """Top → A (6 managers), B (5 managers), C (2 managers), no one placed on
    Top itself; each manager one reflection in `half_year` (see add_managers).
    Ledarskap index: A (100+100+75+75+50+50)/6 = 75 over 12 answers, B
    (25+25+50+50+100)/5 = 50 over 10, C 0 over 4; all 13: 1400/26."""
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
    for name, answers in values.items():
        add_managers(ids[name], answers)
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
