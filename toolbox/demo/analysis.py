"""Demo goals and actions for leadership. Idempotent."""

from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from toolbox import clock
from toolbox.analysis.models import Action, Goal
from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.org.models import OrgUnit
from toolbox.privacy.periods import default

GOALS = (
    # metric, focus (an area or a principle), unit code, target
    ("skattning", "styrning", "OMR-MED", 70.0),
    ("skattning", "ledarskap", None, 65.0),
    ("skattat", None, None, 80.0),
    ("kontrollspann", None, None, 90.0),
    ("aterkoppling", "tillit", None, 75.0),
)


def seed_analysis(_content_dir: Path, _size: str) -> str:
    if db.session.scalar(select(func.count()).select_from(Goal)):
        return "gapanalys: mål och åtgärder fanns redan"
    leader = db.session.scalar(select(User).where(User.email == "ledning@example.se"))
    units = {u.code: u.id for u in db.session.scalars(select(OrgUnit))}
    year = clock.today().year
    goals = []
    for metric, focus, code, target in GOALS:
        goal = Goal(
            metric=metric,
            focus=focus,
            unit_id=units.get(code) if code else None,
            target=target,
            period_key=default(clock.today()).key,  # the last ended half-year: outcomes show
            created_by_id=leader.id if leader else None,
        )
        db.session.add(goal)
        goals.append(goal)
    db.session.flush()
    db.session.add_all(
        [
            Action(
                title="Dialog om färre mål i verksamhetsledningsgrupperna",
                goal_id=goals[0].id,
                owner="Områdeschef Medicin och diagnostik",
                due_on=date(year + 1, 3, 31),
                status="pagar",
                description="Varje verksamhet väljer högst fem mål för året.",
            ),
            Action(
                title="Chefsstöd till enheter med fler än 30 medarbetare",
                goal_id=goals[3].id,
                owner="HR-direktör",
                due_on=date(year + 1, 6, 30),
                status="planerad",
            ),
            Action(
                title="Ta fram ett erbjudande om kultur och öppenhet",
                gap="Erbjudandegap: Kultur × Öppenhet för arbetsgrupper",
                owner="Ledarskapsakademin",
                due_on=date(year + 1, 2, 28),
                status="planerad",
            ),
        ]
    )
    return f"gapanalys: {len(GOALS)} mål och 3 åtgärder"
