"""The metrics leadership follows, each defined once and computed in SQL.

A people-based metric returns, per org unit, a Figure (a total, how many
values, from how many people); the pages roll figures up the tree and pass
them through suppression. Structural metrics (span of control, chefsstöd)
describe units, not answers, and are shown as they are."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import Subquery, and_, case, distinct, func, or_, select, tuple_

from toolbox.analysis.periods import Period
from toolbox.auth.models import User, UserRole
from toolbox.datacache import cached
from toolbox.extensions import db
from toolbox.feedback.models import FeedbackAreaSum, FeedbackResponse, FeedbackRound
from toolbox.org.models import OrgUnit
from toolbox.privacy.suppression import EMPTY, Figure
from toolbox.reflection.models import SUBMITTED, Reflection, ReflectionAreaSum

PerUnit = dict[int, Figure]


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    kind: str  # "index" (0–100) or "andel" (0–100 %)
    per_unit: Callable[[Period, str | None], PerUnit]
    needs_area: bool
    suppressed: bool  # built from people's answers: small groups are hidden


def moment(day) -> datetime:
    return datetime.combine(day, time())


def reflection_index(period: Period, area: str | None) -> PerUnit:
    """0–100 index of every answer (not "Vet ej") in reflections submitted in
    the period, per the manager's unit; people = managers who answered."""
    return reflection_index_by([period], [area] if area else None)[0, area]


def reflection_rows(periods: list[Period], areas: list[str] | None) -> Subquery:
    """Per-area sums of reflections submitted in consecutive periods (oldest
    first), with the manager's unit and the number of the period (`bucket`)."""
    bucket = case(
        *(
            (ReflectionAreaSum.submitted_at < moment(p.end), number)
            for number, p in enumerate(periods)
        )
    )
    rows = (
        select(
            User.unit_id,
            bucket.label("bucket"),
            ReflectionAreaSum.area,
            ReflectionAreaSum.user_id,
            ReflectionAreaSum.value_sum,
            ReflectionAreaSum.value_count,
        )
        .join(User, User.id == ReflectionAreaSum.user_id)
        .where(
            ReflectionAreaSum.submitted_at >= moment(periods[0].start),
            ReflectionAreaSum.submitted_at < moment(periods[-1].end),
            User.unit_id.is_not(None),
        )
    )
    if areas:
        rows = rows.where(ReflectionAreaSum.area.in_(areas))
    # Grouped outside, so that PostgreSQL sees one bucket expression, not two with own parameters.
    return rows.subquery()


def index_columns(rows: Subquery) -> tuple:
    """Total (0–100 per value), values and people of a group of reflection_rows."""
    return (
        func.sum(rows.c.value_sum - rows.c.value_count) * 25.0,
        func.sum(rows.c.value_count),
        func.count(distinct(rows.c.user_id)),
    )


@cached
def reflection_index_by(
    periods: list[Period], areas: list[str] | None
) -> dict[tuple[int, str | None], PerUnit]:
    """reflection_index for consecutive periods, oldest first (a trend's
    quarters), and for each area (None: all areas together), keyed by
    (period number, area); one query over the maintained per-area sums."""
    rows = reflection_rows(periods, areas)
    keys = [rows.c.unit_id, rows.c.bucket] + ([rows.c.area] if areas else [])
    query = select(*keys, *index_columns(rows)).group_by(*keys)
    found: dict[tuple[int, str | None], PerUnit] = {
        (number, area): {} for number in range(len(periods)) for area in areas or [None]
    }
    for unit, number, *area, total, count, people in db.session.execute(query):
        found[number, area[0] if area else None][unit] = Figure(float(total or 0), count, people)
    return found


@cached
def reflection_totals_by(periods: list[Period], area: str | None) -> list[Figure]:
    """The whole organisation's reflection index per period: what rolling
    reflection_index_by up to the top gives (a manager is in one unit, so
    people add up), without a row per unit."""
    rows = reflection_rows(periods, [area] if area else None)
    query = select(rows.c.bucket, *index_columns(rows)).group_by(rows.c.bucket)
    found = [EMPTY] * len(periods)
    for number, total, count, people in db.session.execute(query):
        found[number] = Figure(float(total or 0), count, people)
    return found


def feedback_index(min_group: int) -> Callable[[Period, str | None], PerUnit]:
    """0–100 index of others' answers about the managers of each unit, from
    closed rounds and only from rater groups large enough to be shown to the
    manager (so leadership never sees a group the manager could not);
    people = respondents."""

    def per_unit(period: Period, area: str | None) -> PerUnit:
        return feedback_index_per_unit(period, area, min_group, date.today())

    return per_unit


@cached
def feedback_index_per_unit(
    period: Period, area: str | None, min_group: int, today: date
) -> PerUnit:
    closed = or_(FeedbackRound.closed_on.is_not(None), FeedbackRound.closes_on < today)
    shown_groups = (
        select(FeedbackResponse.round_id, FeedbackResponse.rater_group)
        .group_by(FeedbackResponse.round_id, FeedbackResponse.rater_group)
        .having(func.count() >= min_group)
    )
    # Summed per round and group first, so that only those few rows are joined.
    # Within one area a response has one row, so counting rows counts respondents.
    sums = FeedbackAreaSum
    respondents = func.count() if area else func.count(distinct(sums.response_id))
    per_group = (
        select(
            sums.round_id,
            sums.rater_group,
            func.sum(sums.value_sum - sums.value_count).label("total"),
            func.sum(sums.value_count).label("count"),
            respondents.label("people"),
        )
        .where(sums.submitted_on >= period.start, sums.submitted_on < period.end)
        .group_by(sums.round_id, sums.rater_group)
    )
    if area:
        per_group = per_group.where(sums.area == area)
    groups = per_group.subquery()
    query = (
        select(
            User.unit_id,
            func.sum(groups.c.total) * 25.0,
            func.sum(groups.c.count),
            func.sum(groups.c.people),
        )
        .join(FeedbackRound, FeedbackRound.id == groups.c.round_id)
        .join(User, User.id == FeedbackRound.manager_id)
        .where(
            closed,
            User.unit_id.is_not(None),
            tuple_(groups.c.round_id, groups.c.rater_group).in_(shown_groups),
        )
        .group_by(User.unit_id)
    )
    return {
        unit: Figure(float(total or 0), int(count), int(people))
        for unit, total, count, people in db.session.execute(query)
    }


@cached
def reflection_share(period: Period, area: str | None = None) -> PerUnit:
    """Share (%) of active managers who submitted a reflection in the period."""
    reflected = select(Reflection.user_id).where(
        Reflection.status == SUBMITTED,
        Reflection.submitted_at >= moment(period.start),
        Reflection.submitted_at < moment(period.end),
    )
    query = (
        select(
            User.unit_id,
            func.sum(case((User.id.in_(reflected), 100.0), else_=0.0)),
            func.count(User.id),
            func.count(User.id),
        )
        .join(UserRole, and_(UserRole.user_id == User.id, UserRole.role == "chef"))
        .where(User.active, User.unit_id.is_not(None))
        .group_by(User.unit_id)
    )
    return {
        unit: Figure(float(total or 0), count, people)
        for unit, total, count, people in db.session.execute(query)
    }


def span_within_norm(low: int, high: int) -> Callable[[Period, str | None], PerUnit]:
    """Share (%) of managed units whose staff count lies within the normtal."""

    def per_unit(period: Period, area: str | None = None) -> PerUnit:
        return span_per_unit(low, high)

    return per_unit


@cached
def span_per_unit(low: int, high: int) -> PerUnit:
    query = select(OrgUnit.id, OrgUnit.staff_count).where(
        OrgUnit.manager_id.is_not(None), OrgUnit.staff_count.is_not(None)
    )
    return {
        unit: Figure(100.0 if low <= staff <= high else 0.0, 1, 1)
        for unit, staff in db.session.execute(query)
    }


@cached
def manager_support_share(period: Period, area: str | None = None) -> PerUnit:
    """Share (%) of managed enheter that have chefsstöd."""
    query = select(OrgUnit.id, OrgUnit.manager_support).where(
        OrgUnit.manager_id.is_not(None), OrgUnit.level == "enhet"
    )
    return {
        unit: Figure(100.0 if support and support > 0 else 0.0, 1, 1)
        for unit, support in db.session.execute(query)
    }


def metrics(normtal: tuple[int, int], feedback_min: int = 3) -> dict[str, Metric]:
    """Every metric a goal can be set on, by key."""
    found = [
        Metric(
            "skattning",
            "Självskattning, index per område",
            "index",
            reflection_index,
            needs_area=True,
            suppressed=True,
        ),
        Metric(
            "aterkoppling",
            "Återkoppling från andra, index per område",
            "index",
            feedback_index(feedback_min),
            needs_area=True,
            suppressed=True,
        ),
        Metric(
            "skattat",
            "Andel chefer som gjort en självskattning",
            "andel",
            reflection_share,
            needs_area=False,
            suppressed=True,
        ),
        Metric(
            "kontrollspann",
            f"Andel enheter inom normtalet {normtal[0]}–{normtal[1]}",
            "andel",
            span_within_norm(*normtal),
            needs_area=False,
            suppressed=False,
        ),
        Metric(
            "chefsstod",
            "Andel enheter med chefsstöd",
            "andel",
            manager_support_share,
            needs_area=False,
            suppressed=False,
        ),
    ]
    return {metric.key: metric for metric in found}
