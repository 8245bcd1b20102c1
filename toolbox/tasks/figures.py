"""The hours-freed figures, defined once and computed in SQL.

For one task:
- managers  = affected_managers + the number of endorsements ("berör mig också");
- estimated = hours_per_month × affected_managers + the endorsers' own estimates
  (hours per month, all affected managers together);
- realised  = realised_hours_per_month × managers, once the owner has reported it.

For a group of tasks (a category, an action, a status, or the whole register)
the figures are the sums, and "per chef och månad" is a sum divided by the
managers it covers: estimated / managers, and realised / the managers of the
tasks with realised hours. Rejected tasks (avslagen) free no time and are left
out, except in the figures by status where they are a row of their own.

These figures are not under the small-group rule of PRODUCT.md section 5, and
that is deliberate: every number they add up is already shown on its own, by
name, to everyone who may see the figures (chef, HR, ledning). A task's page
shows the proposer, HR's estimate per manager and the affected managers, and
each endorsement ("berör mig också") with the manager's name and own estimate;
the forms say so before anything is saved. A sum of public numbers discloses
nothing more, so there is nothing to suppress; the register has no figures
per org unit. Should an estimate ever be hidden on the task's page, the
figures here must go through toolbox/privacy first."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from sqlalchemy import ColumnElement, Numeric, Select, case, func, select, type_coerce
from sqlalchemy.orm import with_expression
from sqlalchemy.sql import Subquery

from toolbox.db.cache import cached
from toolbox.extensions import db
from toolbox.tasks.models import Task, TaskEndorsement

HOURS_TOTAL = Numeric(14, 1)
GROUPS = {
    "category": Task.category,
    "action": func.coalesce(Task.action, ""),
    "status": Task.status,
}
REJECTED = "avslagen"


class Measures(NamedTuple):
    endorsed: Subquery
    managers: ColumnElement[int]
    estimated: ColumnElement[Decimal]
    realised: ColumnElement[Decimal]


def measures() -> Measures:
    """The per-task figures as SQL expressions over Task outer-joined to `endorsed`."""
    endorsed = (
        select(
            TaskEndorsement.task_id.label("task_id"),
            func.count().label("count"),
            func.sum(TaskEndorsement.hours_per_month).label("hours"),
        )
        .group_by(TaskEndorsement.task_id)
        .subquery("endorsed")
    )
    managers = Task.affected_managers + func.coalesce(endorsed.c.count, 0)
    estimated = type_coerce(
        Task.hours_per_month * Task.affected_managers + func.coalesce(endorsed.c.hours, 0),
        HOURS_TOTAL,
    )
    realised = type_coerce(Task.realised_hours_per_month * managers, HOURS_TOTAL)
    return Measures(endorsed, managers, estimated, realised)


def with_measures(statement: Select, m: Measures) -> Select:
    return statement.outerjoin(m.endorsed, m.endorsed.c.task_id == Task.id)


def measured(statement: Select, m: Measures) -> Select:
    """A select(Task) whose tasks carry estimated_hours and manager_count."""
    return with_measures(statement, m).options(
        with_expression(Task.estimated_hours, m.estimated),
        with_expression(Task.manager_count, m.managers),
    )


def per_manager(total: Decimal, managers: int) -> Decimal | None:
    """Hours per manager and month, to one decimal (half up); None without managers."""
    if not managers:
        return None
    return (Decimal(total) / managers).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Figures:
    tasks: int = 0
    managers: int = 0
    estimated: Decimal = Decimal(0)
    realised_tasks: int = 0
    realised_managers: int = 0
    realised: Decimal = Decimal(0)

    @property
    def estimated_per_manager(self) -> Decimal | None:
        return per_manager(self.estimated, self.managers)

    @property
    def realised_per_manager(self) -> Decimal | None:
        return per_manager(self.realised, self.realised_managers)


def _aggregate(group: ColumnElement | None, include_rejected: bool) -> Select:
    m = measures()
    reported = Task.realised_hours_per_month.is_not(None)
    columns = [
        func.count(Task.id),
        func.coalesce(func.sum(m.managers), 0),
        type_coerce(func.coalesce(func.sum(m.estimated), 0), HOURS_TOTAL),
        func.count(Task.realised_hours_per_month),
        func.coalesce(func.sum(case((reported, m.managers), else_=0)), 0),
        type_coerce(func.coalesce(func.sum(m.realised), 0), HOURS_TOTAL),
    ]
    statement = with_measures(select(*columns).select_from(Task), m)
    if group is not None:
        statement = statement.add_columns(group.label("key")).group_by(group)
    if not include_rejected:
        statement = statement.where(Task.status != REJECTED)
    return statement


def _figures(row) -> Figures:
    tasks, managers, estimated, realised_tasks, realised_managers, realised = row[:6]
    return Figures(
        tasks=int(tasks),
        managers=int(managers),
        estimated=Decimal(estimated),
        realised_tasks=int(realised_tasks),
        realised_managers=int(realised_managers),
        realised=Decimal(realised),
    )


@cached(depends_on=(Task, TaskEndorsement))
def total() -> Figures:
    """The whole register, rejected tasks left out."""
    return _figures(db.session.execute(_aggregate(None, include_rejected=False)).one())


@cached(depends_on=(Task, TaskEndorsement))
def figures_by(group: str) -> dict[str, Figures]:
    """Figures per category, action ('' when none is set yet) or status."""
    statement = _aggregate(GROUPS[group], include_rejected=group == "status")
    return {row.key: _figures(row) for row in db.session.execute(statement)}


class TaskFigures(NamedTuple):
    managers: int
    estimated: Decimal
    realised: Decimal | None


def for_task(task_id: int) -> TaskFigures:
    """The same figures for one task, for its page."""
    m = measures()
    statement = with_measures(
        select(m.managers, m.estimated, m.realised).select_from(Task), m
    ).where(Task.id == task_id)
    managers, estimated, realised = db.session.execute(statement).one()
    return TaskFigures(int(managers), Decimal(estimated), realised)
