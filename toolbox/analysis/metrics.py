"""The metrics leadership follows, each defined once and computed in SQL.

A people-based metric gives, per org unit and published period, a Cell of
the people placed directly on the unit (their total, how many values, who);
toolbox.privacy.suppression turns those into the figures that may be shown.
A metric given per focus (an area or a principle of the framework) has a
table per focus, and the people per stratum of its statements that keep
them hiding the same cells (suppression.publish_together). Structural
metrics (span of control, chefsstöd) describe units, not answers, and are
shown as they are, per unit; metrics of the organisation as a whole are in
overall.py."""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from operator import itemgetter

from sqlalchemy import ColumnElement, Select, and_, case, func, select, tuple_

from toolbox.analysis.overall import (
    coverage_share,
    hours_freed_share,
    overdue_share,
    published_examples,
)
from toolbox.auth.models import User, UserRole
from toolbox.clock import start_of_day
from toolbox.content import AREA_KEYS, PRINCIPLE_KEYS
from toolbox.db.cache import cached, reads
from toolbox.extensions import db
from toolbox.feedback.models import QUESTION_SET as FEEDBACK_SET
from toolbox.feedback.models import (
    FeedbackAnswer,
    FeedbackAreaSum,
    FeedbackPrincipleSum,
    FeedbackResponse,
    FeedbackRound,
)
from toolbox.org.models import OrgUnit
from toolbox.privacy.periods import quarter, quarter_number, quarter_start, year_periods
from toolbox.privacy.suppression import Cell, Figure, Tally, merge_quarters
from toolbox.reflection.models import (
    SUBMITTED,
    Reflection,
    ReflectionAreaSum,
    ReflectionPrincipleSum,
    ReflectionStratumSum,
)
from toolbox.reflection.summary import answered, question_strata, stratum_name
from toolbox.web.language import lazy_gettext as _l

PerUnit = dict[int, Figure]
# (unit id, period key) → the cell of the people placed directly on the unit.
UnitCells = dict[tuple[int, str], Cell]


@dataclass(frozen=True)
class Metric:
    key: str
    label: str = field(compare=False, repr=False)  # lazy text: no part of a cache key
    kind: str  # "index" (0–100), "andel" (0–100 %) or "antal" (a number of things)
    # Given per area or principle of the framework (a focus: service.FOCI), never in all.
    needs_focus: bool
    # People-based: cells(year, focus, today); structural: per_unit().
    # Left out of the repr, which keys a cached table: `settings` stands for them.
    cells: Callable[[int, str | None, date], UnitCells] | None = field(default=None, repr=False)
    per_unit: Callable[[], PerUnit] | None = field(default=None, repr=False)
    # Given per focus: the people per stratum of its statements, strata(year, today).
    strata: Callable[[int, date], Iterator[UnitCells]] | None = field(default=None, repr=False)
    # Of the organisation as a whole (overall.py): overall(focus), the same in every scope.
    overall: Callable[[str | None], Figure] | None = field(default=None, repr=False)
    # The distance between two metrics' figures (self and others), in every scope.
    between: tuple["Metric", "Metric"] | None = None
    lower_is_better: bool = False
    settings: tuple = ()  # what else the figures depend on (part of a cache key)

    @property
    def suppressed(self) -> bool:
        return self.cells is not None


def published_until(year: int, today: date) -> tuple[date, date]:
    """The days of `year` whose quarter has ended: [start, end)."""
    running = quarter_start(today.year, quarter_number(today))
    return date(year, 1, 1), min(date(year + 1, 1, 1), running)


def quarter_of(column: ColumnElement, year: int, dates: bool = False) -> ColumnElement:
    """The quarter number (1–4) of a time column (or a date column) inside `year`."""
    ends = [quarter(year, number).end for number in (1, 2, 3)]
    bound = (lambda day: day) if dates else start_of_day
    return case(*((column < bound(end), n) for n, end in enumerate(ends, 1)), else_=4)


def index_cells(rows, year: int) -> UnitCells:
    """The cells of a 0–100 index from rows of (unit, quarter, person, sum of
    the values less one each, number of values)."""
    tally = Tally()
    for unit, quarter_no, person, total, count in rows:
        tally.add((unit, year, quarter_no), float(total) * 25.0, int(count), (person,))
    return merge_quarters(tally.cells())


def focused(by_area, by_principle, focus: str | None):
    """The sums to read for a focus, an area's or a principle's, and the condition on them."""
    if focus in PRINCIPLE_KEYS:
        return by_principle, by_principle.principle == focus
    if focus in AREA_KEYS:
        return by_area, by_area.area == focus
    raise ValueError(f"unknown focus {focus!r}")


def reflection_where(sums, year: int, today: date) -> tuple:
    """The sums of reflections submitted in ended quarters of `year`, and their quarter."""
    start, end = published_until(year, today)
    where = (
        sums.submitted_at >= start_of_day(start),
        sums.submitted_at < start_of_day(end),
        sums.value_count > 0,
        sums.unit_id.is_not(None),
    )
    return where, quarter_of(sums.submitted_at, year)


@reads(depends_on=(ReflectionAreaSum, ReflectionPrincipleSum))
def reflection_cells(year: int, focus: str | None, today: date) -> UnitCells:
    """0–100 index of every answer (not "Vet ej") in reflections submitted in
    ended quarters of `year`, in an area or on a principle, per the
    unit the manager had when submitting; people = managers."""
    sums, chosen = focused(ReflectionAreaSum, ReflectionPrincipleSum, focus)
    where, number = reflection_where(sums, year, today)
    query = (
        select(
            sums.unit_id,
            number,
            sums.user_id,
            func.sum(sums.value_sum - sums.value_count),
            func.sum(sums.value_count),
        )
        .where(chosen, *where)
        .group_by(sums.unit_id, number, sums.user_id)
    )
    return index_cells(db.session.execute(query), year)


@reads(depends_on=(ReflectionStratumSum,))
def reflection_strata(year: int, today: date) -> Iterator[UnitCells]:
    """Per stratum of the self-assessment's statements (suppression.
    publish_together), the managers who gave a value in it, as cells."""
    sums = ReflectionStratumSum
    where, number = reflection_where(sums, year, today)
    query = select(sums.unit_id, number, sums.user_id, sums.stratum).where(*where)
    return strata_cells(query, year)


def strata_cells(query: Select, year: int) -> Iterator[UnitCells]:
    """Cells of the people (no values) per stratum, from the query's rows of
    (unit, quarter, person, stratum) of the values given: one stratum at a
    time, as publish_together asks for them. The rows come ordered by stratum
    and are read as they come (a region's year of them at once is over 50 MB,
    which a worker would keep as its own ever after)."""
    stratum = query.selected_columns[3]
    # Core's result fetches from the driver's cursor as it is read (the ORM's
    # would build every row first).
    rows = db.session.connection().execute(query.order_by(stratum))
    return stratum_by_stratum(rows, year)


def stratum_by_stratum(rows: Iterable, year: int) -> Iterator[UnitCells]:
    for _stratum, stratum_rows in groupby(rows, key=itemgetter(3)):
        people: dict = defaultdict(set)
        for unit, quarter_no, person, _ in stratum_rows:
            people[unit, year, quarter_no].add(person)
        yield merge_quarters({key: Cell(0.0, 0, frozenset(who)) for key, who in people.items()})


def feedback_cells(min_group: int) -> Callable[[int, str | None, date], UnitCells]:
    """0–100 index of others' answers about the managers of each unit (the
    unit the manager had when opening the round), from
    rounds that closed in ended quarters of the year and only from rater
    groups large enough to be shown to the manager (so leadership never sees
    a group the manager could not); people = respondents."""

    def cells(year: int, focus: str | None, today: date) -> UnitCells:
        return feedback_cells_of(year, focus, today, min_group)

    return cells


def feedback_where(sums, year: int, today: date, min_group: int) -> tuple:
    """The sums of shown rater groups of rounds closed in ended quarters of
    `year` (joined to their round), and the quarter."""
    start, end = published_until(year, today)
    closed_day = func.coalesce(FeedbackRound.closed_on, FeedbackRound.closes_on)
    shown_groups = (
        select(FeedbackResponse.round_id, FeedbackResponse.rater_group)
        .group_by(FeedbackResponse.round_id, FeedbackResponse.rater_group)
        .having(func.count() >= min_group)
    )
    where = (
        closed_day >= start,
        closed_day < end,
        sums.value_count > 0,
        FeedbackRound.unit_id.is_not(None),
        tuple_(sums.round_id, sums.rater_group).in_(shown_groups),
    )
    return where, quarter_of(closed_day, year, dates=True)


@reads(depends_on=(FeedbackAreaSum, FeedbackPrincipleSum, FeedbackRound, FeedbackResponse))
def feedback_cells_of(year: int, focus: str | None, today: date, min_group: int) -> UnitCells:
    sums, chosen = focused(FeedbackAreaSum, FeedbackPrincipleSum, focus)
    where, number = feedback_where(sums, year, today, min_group)
    query = (
        select(
            FeedbackRound.unit_id,
            number,
            sums.response_id,
            func.sum(sums.value_sum - sums.value_count),
            func.sum(sums.value_count),
        )
        .join(FeedbackRound, FeedbackRound.id == sums.round_id)
        .where(chosen, *where)
        .group_by(FeedbackRound.unit_id, number, sums.response_id)
    )
    return index_cells(db.session.execute(query), year)


def feedback_strata(min_group: int) -> Callable[[int, date], Iterator[UnitCells]]:
    """Per stratum of the feedback statements, the respondents who gave a value in it."""

    def strata(year: int, today: date) -> Iterator[UnitCells]:
        return feedback_strata_of(year, today, min_group)

    return strata


@reads(depends_on=(FeedbackAreaSum, FeedbackAnswer, FeedbackRound, FeedbackResponse))
def feedback_strata_of(year: int, today: date, min_group: int) -> Iterator[UnitCells]:
    sums = FeedbackAreaSum
    where, number = feedback_where(sums, year, today, min_group)
    answers = FeedbackAnswer
    strata = question_strata(FEEDBACK_SET)
    # A statement the content does not know counts in its area alone, as in the area sums.
    stratum = func.coalesce(strata.c.stratum, stratum_name(answers.area, ""))
    query = (
        select(FeedbackRound.unit_id, number, sums.response_id, stratum)
        .join(FeedbackRound, FeedbackRound.id == sums.round_id)
        .join(answers, and_(answers.response_id == sums.response_id, answers.area == sums.area))
        .outerjoin(
            strata, answered(strata, FeedbackRound.question_set_version, answers.question_key)
        )
        .where(*where, answers.value.is_not(None))
        .distinct()
    )
    return strata_cells(query, year)


# Columns, not tables: a sign-in writes users.last_login_at and a draft saved
# reflections.updated_at, which change no share.
@reads(
    depends_on=(
        User.id,
        User.unit_id,
        User.active,
        UserRole,
        Reflection.user_id,
        Reflection.status,
        Reflection.submitted_at,
    )
)
def reflection_share(year: int, _focus: str | None, today: date) -> UnitCells:
    """Share (%) of the active managers of each unit who submitted a
    reflection in the period (any of its quarters); people = the managers.
    The same for every focus (a metric's cells take one)."""
    start, end = published_until(year, today)
    managers = db.session.execute(
        select(User.unit_id, User.id)
        .join(UserRole, and_(UserRole.user_id == User.id, UserRole.role == "chef"))
        .where(User.active, User.unit_id.is_not(None))
    ).all()
    number = quarter_of(Reflection.submitted_at, year)
    reflected = defaultdict(set)
    for user, quarter_no in db.session.execute(
        select(Reflection.user_id, number)
        .where(
            Reflection.status == SUBMITTED,
            Reflection.submitted_at >= start_of_day(start),
            Reflection.submitted_at < start_of_day(end),
        )
        .distinct()
    ):
        reflected[user].add(quarter_no)
    tally = Tally()
    for period in year_periods(year):
        if period.end > end:
            continue
        for unit, user in managers:
            did = bool(reflected[user] & set(period.quarters))
            tally.add((unit, period.key), 100.0 * did, 1, (user,))
    return tally.cells()


def span_within_norm(low: int, high: int) -> Callable[[], PerUnit]:
    """Share (%) of managed units whose staff count lies within the normtal."""
    return lambda: span_per_unit(low, high)


@cached(depends_on=(OrgUnit,))
def span_per_unit(low: int, high: int) -> PerUnit:
    query = select(OrgUnit.id, OrgUnit.staff_count).where(
        OrgUnit.manager_id.is_not(None), OrgUnit.staff_count.is_not(None)
    )
    return {
        unit: Figure(100.0 if low <= staff <= high else 0.0, 1, 1)
        for unit, staff in db.session.execute(query)
    }


@cached(depends_on=(OrgUnit,))
def manager_support_share() -> PerUnit:
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
    own = Metric(
        "skattning",
        _l("Självskattning, index per område eller princip"),
        "index",
        True,
        reflection_cells,
        strata=reflection_strata,
    )
    others = Metric(
        "aterkoppling",
        _l("Återkoppling från andra, index per område eller princip"),
        "index",
        True,
        feedback_cells(feedback_min),
        strata=feedback_strata(feedback_min),
        settings=(feedback_min,),
    )
    found = [
        own,
        others,
        Metric(
            "sjalv-andra",
            _l("Skillnad mellan självskattning och andras bild, per område eller princip"),
            "index",
            True,
            between=(own, others),
            lower_is_better=True,
        ),
        Metric(
            "skattat",
            _l("Andel chefer som gjort en självskattning"),
            "andel",
            False,
            reflection_share,
        ),
        Metric(
            "kontrollspann",
            _l("Andel enheter inom normtalet %(low)s–%(high)s", low=normtal[0], high=normtal[1]),
            "andel",
            False,
            per_unit=span_within_norm(*normtal),
            settings=normtal,
        ),
        Metric(
            "chefsstod",
            _l("Andel enheter med chefsstöd"),
            "andel",
            False,
            per_unit=manager_support_share,
        ),
        Metric(
            "tackning",
            _l("Katalogens täckning: andel område × princip med godkända objekt"),
            "andel",
            False,
            overall=coverage_share,
        ),
        Metric(
            "forsenade",
            _l("Andel godkända objekt vars granskning är försenad"),
            "andel",
            False,
            overall=overdue_share,
            lower_is_better=True,
        ),
        Metric(
            "timmar",
            _l("Frigjorda timmar som andel av de uppskattade"),
            "andel",
            False,
            overall=hours_freed_share,
        ),
        Metric(
            "exempel",
            _l("Publicerade goda exempel, antal per område eller princip"),
            "antal",
            True,
            overall=published_examples,
        ),
    ]
    return {metric.key: metric for metric in found}
