"""Which catalog items fit a manager: the items' target groups against the
manager's level and the groups they lead, leaving out what is already in
the manager's development plan (planned, under way or finished) or in a
learning path they follow.

The level and the groups come from the organisation data: the units the
user manages (org_units.manager_id).
- A manager of a verksamhet, område or förvaltning is a *verksamhetschef*
  and leads a *ledningsgrupp* (the managers under them).
- Anyone else with the chef role is a *första linjens chef* and leads an
  *arbetsgrupp*; one whose unit has units under it also leads a
  ledningsgrupp.
An item fits when one of its target groups is the manager's level or a
group they lead, and it is not aimed at the other level only: an item that
names a manager level must name the manager's own. Chefsstöd (the people who
support managers) is never a manager's own group."""

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import exists, select, union
from sqlalchemy.orm import aliased

from toolbox.catalog.models import TARGET_GROUPS, PathEnrollment, PathStep, PlanEntry
from toolbox.extensions import db
from toolbox.org.models import OrgUnit
from toolbox.web.language import lazy_gettext as _l

FIRST_LINE, SENIOR = "forsta-linjen", "verksamhetschef"
LEVELS = frozenset((FIRST_LINE, SENIOR))
TEAM, LEADERSHIP_TEAM = "arbetsgrupp", "ledningsgrupp"
SENIOR_UNITS = ("verksamhet", "omrade", "forvaltning")
# "Riktar sig till …, som …" per target group, for the reason text.
AS_YOU = {
    FIRST_LINE: _l("första linjens chefer, som du"),
    SENIOR: _l("verksamhetschefer, som du"),
    TEAM: _l("arbetsgrupper, som den du leder"),
    LEADERSHIP_TEAM: _l("ledningsgrupper, som den du leder"),
}


@dataclass(frozen=True)
class Profile:
    """The manager as the catalog sees them."""

    user_id: int
    level: str  # FIRST_LINE or SENIOR
    leads: frozenset[str]  # the level and the groups led: target groups that fit
    taken: frozenset[int]  # items in the plan or a followed path

    @property
    def label(self) -> str:
        return TARGET_GROUPS[self.level].lower()

    def why(self, targets: Collection[str]) -> str:
        """'Riktar sig till första linjens chefer, som du.'"""
        matching = [AS_YOU[t] for t in (self.level, TEAM, LEADERSHIP_TEAM) if t in targets]
        if not matching:
            return ""
        if len(matching) == 1:
            return _l("Riktar sig till %(first)s.", first=matching[0])
        return _l(
            "Riktar sig till %(first)s och till %(second)s.", first=matching[0], second=matching[1]
        )


def suits(level: str, leads: frozenset[str], targets: frozenset[str]) -> bool:
    """An item with these target groups suits a manager of `level` who leads
    `leads`: one of them is a group the manager is or leads, and it names no
    manager level but the manager's own."""
    if not targets & leads:
        return False
    return level in targets or not targets & LEVELS


def profile_of(user_id: int) -> Profile:
    """The manager's level and groups, from the units they manage, and what
    they have taken already."""
    below = aliased(OrgUnit)
    managed = db.session.execute(
        select(OrgUnit.level, exists().where(below.parent_id == OrgUnit.id)).where(
            OrgUnit.manager_id == user_id
        )
    ).all()
    senior = any(level in SENIOR_UNITS for level, _below in managed)
    has_units_below = any(has for _level, has in managed)
    taken = taken_items(user_id)
    if senior:
        return Profile(user_id, SENIOR, frozenset({SENIOR, LEADERSHIP_TEAM}), taken)
    leads = {FIRST_LINE, TEAM} | ({LEADERSHIP_TEAM} if has_units_below else set())
    return Profile(user_id, FIRST_LINE, frozenset(leads), taken)


def taken_items(user_id: int) -> frozenset[int]:
    """The items in the manager's plan (planned, under way or finished) or in
    a learning path they follow."""
    planned = select(PlanEntry.item_id).where(PlanEntry.user_id == user_id)
    followed = (
        select(PathStep.item_id)
        .join(PathEnrollment, PathEnrollment.path_id == PathStep.path_id)
        .where(PathEnrollment.user_id == user_id)
    )
    return frozenset(db.session.scalars(union(planned, followed)))
