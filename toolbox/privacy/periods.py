"""The published periods (PRODUCT.md section 5): calendar quarters,
half-years and years, a longer period being the union of its quarters.

A period is shown with figures only once it has ended; until then it is
running ("pågår"), so that no figure moves because one person answered
today. Figures are settled a half-year at a time: a quarter's appear when
its half-year has ended, together with the other quarter's and the half's,
so that suppression can weigh all three at once (see suppression.py).
Periods are named by a key that goes in addresses and goals: "2026",
"2026-H1", "2026-K3"."""

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from toolbox.web.language import lazy_gettext as _l

YEAR, HALF, QUARTER = "ar", "halvar", "kvartal"
KEY = re.compile(r"^(\d{4})(?:-(H[12]|K[1-4]))?$")
YEARS = range(2000, 2101)  # what a key may name
QUARTERS_PER_HALF = 2
LAST_QUARTER = 4


@dataclass(frozen=True, order=True)
class Period:
    """A calendar period: `end` is exclusive; `quarters` numbers its quarters 1–4."""

    start: date
    end: date
    kind: str
    key: str
    # Lazy for halves and quarters, so not compared: a period is the same
    # period, and hashes the same, in every language.
    name: str = field(compare=False)
    quarters: tuple[int, ...]

    @property
    def label(self) -> str:
        """The period's name in the visitor's language."""
        return str(self.name)

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def published_on(self) -> date:
        """The day its figures appear: when the half-year that holds its last
        quarter has ended (a quarter waits for the other quarter of its half)."""
        return period_end(self.year, QUARTERS_PER_HALF * half_number(self.quarters[-1]))

    def published(self, today: date) -> bool:
        return self.published_on <= today


def quarter_start(year: int, number: int) -> date:
    return date(year, 3 * number - 2, 1)


def period_end(year: int, last_quarter: int) -> date:
    if last_quarter == LAST_QUARTER:
        return date(year + 1, 1, 1)
    return quarter_start(year, last_quarter + 1)


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year + 1, 1, 1), YEAR, str(year), str(year), (1, 2, 3, 4))


def half(year: int, number: int) -> Period:
    quarters = (1, 2) if number == 1 else (3, 4)
    return Period(
        quarter_start(year, quarters[0]),
        period_end(year, quarters[1]),
        HALF,
        f"{year}-H{number}",
        _l("%(year)s halvår %(number)s", year=year, number=number),
        quarters,
    )


def quarter(year: int, number: int) -> Period:
    return Period(
        quarter_start(year, number),
        period_end(year, number),
        QUARTER,
        f"{year}-K{number}",
        _l("%(year)s kvartal %(number)s", year=year, number=number),
        (number,),
    )


def quarter_number(day: date) -> int:
    return (day.month - 1) // 3 + 1


def half_number(quarter_number: int) -> int:
    return (quarter_number - 1) // QUARTERS_PER_HALF + 1


@cache
def year_periods(year: int) -> tuple[Period, ...]:
    """Every published period of a year: the year, its halves and its quarters
    (made once per year: the rule asks for them per cell, and a period's name
    is translated only when shown)."""
    return (
        year_period(year),
        half(year, 1),
        half(year, 2),
        *(quarter(year, q) for q in (1, 2, 3, 4)),
    )


def parse(key: str) -> Period | None:
    """The period a key names, or None for anything else."""
    match = KEY.match(key or "")
    if not match or int(match[1]) not in YEARS:
        return None
    year, part = int(match[1]), match[2]
    if part is None:
        return year_period(year)
    return half(year, int(part[1])) if part[0] == "H" else quarter(year, int(part[1]))


def choices(today: date, years: int = 3) -> list[Period]:
    """The periods a page offers, newest first: this year and the `years - 1`
    before it, each year followed by its halves and quarters (running ones too)."""
    found = []
    for year in range(today.year, today.year - years, -1):
        found += [p for p in year_periods(year) if p.start <= today]
    return found


def default(today: date) -> Period:
    """The period a dashboard opens on: the last ended half-year (fresh, and
    long enough that most units have enough answers)."""
    if half_number(quarter_number(today)) > 1:
        return half(today.year, 1)
    return half(today.year - 1, 2)


def trend_quarters(today: date, count: int = 8) -> list[Period]:
    """The last `count` quarters, oldest first, the running one included."""
    year, number = today.year, quarter_number(today)
    found = []
    for _ in range(count):
        found.append(quarter(year, number))
        year, number = (year, number - 1) if number > 1 else (year - 1, 4)
    return list(reversed(found))


def trend_halves(today: date, count: int = 4) -> list[Period]:
    """The last `count` half-years, oldest first, the running one included."""
    year, number = today.year, half_number(quarter_number(today))
    found = []
    for _ in range(count):
        found.append(half(year, number))
        year, number = (year, 1) if number > 1 else (year - 1, 2)
    return list(reversed(found))
