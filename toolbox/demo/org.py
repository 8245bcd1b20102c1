"""Demo organisation and accounts (PRODUCT.md section 4), deterministic and idempotent."""

import random
from pathlib import Path

from sqlalchemy import func, select

from toolbox.auth.models import User
from toolbox.auth.service import hash_password
from toolbox.extensions import db
from toolbox.org.models import OrgUnit
from toolbox.org.service import import_csv

DEMO_PASSWORD = "tillit-demo-2026"  # noqa: S105 - documented demo data only
DEMO_ACCOUNTS = (
    # email, name, roles, unit code, manages
    ("chef@example.se", "Karin Lindqvist", {"chef"}, "MED-AVD14", "MED-AVD14"),
    ("hr@example.se", "Hanna Rostami", {"hr"}, "SUS", None),
    ("ledning@example.se", "Lars Ekström", {"ledning", "chef"}, "SUS", "SUS"),
    ("admin@example.se", "Amir Haddad", {"admin"}, "SUS", None),
)
LARGE_UNITS = 600
LARGE_USERS = 4000


def seed_org(content_dir: Path, size: str) -> str:
    """Load the demo organisation and accounts; a second run changes nothing."""
    demo = content_dir / "demo"
    import_csv((demo / "units.csv").read_text(encoding="utf-8"))
    db.session.flush()
    if size == "large":
        _seed_large_units()
    import_csv((demo / "users.csv").read_text(encoding="utf-8"))
    _seed_demo_accounts()
    if size == "large":
        _seed_large_users()
    db.session.flush()
    units = db.session.scalar(select(func.count()).select_from(OrgUnit))
    users = db.session.scalar(select(func.count()).select_from(User))
    return f"{units} enheter, {users} användare"


def _seed_demo_accounts() -> None:
    units = {u.code: u for u in db.session.scalars(select(OrgUnit))}
    for email, name, roles, unit_code, manages in DEMO_ACCOUNTS:
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            user = User(email=email, name=name)
            db.session.add(user)
        if user.password_hash is None:
            user.password_hash = hash_password(DEMO_PASSWORD)
        if user.roles != roles:
            user.set_roles(roles)
        if user.unit is not units.get(unit_code):
            user.unit = units.get(unit_code)
        if manages and units[manages].manager is not user:
            units[manages].manager = user


def _seed_large_units() -> None:
    """Extra enheter under the demo verksamheter, up to about LARGE_UNITS units."""
    rng = random.Random(2026)  # noqa: S311 - deterministic demo data, not security
    parents = db.session.scalars(
        select(OrgUnit).where(OrgUnit.level == "verksamhet").order_by(OrgUnit.code)
    ).all()
    existing = set(db.session.scalars(select(OrgUnit.code)))
    count = len(existing)
    number = 0
    while count < LARGE_UNITS:
        number += 1
        code = f"GEN-{number:04d}"
        if code not in existing:
            parent = parents[number % len(parents)]
            db.session.add(
                OrgUnit(
                    code=code,
                    name=f"{parent.name} enhet {number}",
                    level="enhet",
                    parent=parent,
                    staff_count=rng.randint(8, 60),
                    manager_support=rng.choice([None, 0.25, 0.5, 1]),
                )
            )
            count += 1


def _seed_large_users() -> None:
    """Managers and staff functions without passwords, up to LARGE_USERS users."""
    units = db.session.scalars(
        select(OrgUnit).where(OrgUnit.code.like("GEN-%")).order_by(OrgUnit.code)
    ).all()
    existing = set(db.session.scalars(select(User.email)))
    count = len(existing)
    number = 0
    while count < LARGE_USERS:
        number += 1
        email = f"chef{number:05d}@example.se"
        if email not in existing:
            unit = units[number % len(units)]
            user = User(email=email, name=f"Chef {number}", unit=unit)
            user.set_roles({"chef"})
            db.session.add(user)
            if unit.manager is None:
                unit.manager = user
            count += 1
