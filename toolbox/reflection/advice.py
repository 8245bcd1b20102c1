"""The recommendations block under a result (a reflection's or a feedback
round's): items that fit the manager, the weak areas nothing fits, how to
reach HR, and one "Lägg i min utvecklingsplan" form per item. Built per
request, outside any kept page body (the forms carry the user's CSRF token)."""

from toolbox.auth.models import User
from toolbox.catalog.fit import profile_of
from toolbox.catalog.forms import plan_forms
from toolbox.catalog.models import FORMATS, KINDS
from toolbox.extensions import db
from toolbox.org.hr import hr_contact
from toolbox.reflection.recommend import SELF, Recommendation, Weakness, recommend, uncovered


def advice(user_id: int, weak: list[Weakness], back: str | None, where: str = SELF) -> dict:
    """Template values; `back` is the page the buttons return to (None: a
    printout, without buttons); `where` the weak figures come from."""
    profile = profile_of(user_id)
    found: list[Recommendation] = recommend(weak, profile, where)
    missing = uncovered(weak, profile)
    return {
        "weak": weak,
        "recommendations": found,
        "uncovered": missing,
        "hr_address": hr_contact(db.session.get(User, user_id).unit_id) if weak else None,
        "plan_forms": plan_forms([r.item.id for r in found], back) if back else None,
        "profile": profile,
        "kinds": KINDS,
        "formats": FORMATS,
    }
