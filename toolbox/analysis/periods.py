"""Reporting periods: this quarter, this year, rolling 12 months; quarters for trends."""

from dataclasses import dataclass
from datetime import date, timedelta

PERIOD_LABELS = {
    "kvartal": "Innevarande kvartal",
    "ar": "Innevarande år",
    "rullande": "Senaste 12 månaderna",
}


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # exclusive
    label: str


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def next_quarter(start: date) -> date:
    month = start.month + 3
    return date(start.year + (month > 12), (month - 1) % 12 + 1, 1)


def period(kind: str, today: date) -> Period:
    if kind == "kvartal":
        start = quarter_start(today)
        return Period(start, next_quarter(start), f"{start.year} kv {(start.month + 2) // 3}")
    if kind == "ar":
        return Period(date(today.year, 1, 1), date(today.year + 1, 1, 1), str(today.year))
    start = today.replace(year=today.year - 1) + timedelta(days=1)
    return Period(start, today + timedelta(days=1), PERIOD_LABELS["rullande"].lower())


def quarters(today: date, count: int = 8) -> list[Period]:
    """The last `count` quarters, oldest first, the current one included."""
    start = quarter_start(today)
    found = []
    for _ in range(count):
        found.append(
            Period(start, next_quarter(start), f"{start.year} kv {(start.month + 2) // 3}")
        )
        start = quarter_start(start - timedelta(days=1))
    return list(reversed(found))
