"""The one place for the time. The database keeps naive UTC; dates (due
dates, quarters, "today") and what the screen shows are Swedish time."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def utcnow() -> datetime:
    """Now, as naive UTC (the database's convention)."""
    return datetime.now(UTC).replace(tzinfo=None)


def today() -> date:
    """Today in Sweden."""
    return datetime.now(STOCKHOLM).date()


def local(moment: datetime) -> datetime:
    """A naive UTC timestamp from the database in Swedish time."""
    return moment.replace(tzinfo=UTC).astimezone(STOCKHOLM)


def start_of_day(day: date) -> datetime:
    """Midnight in Sweden at the start of `day`, as naive UTC."""
    return datetime.combine(day, time.min, tzinfo=STOCKHOLM).astimezone(UTC).replace(tzinfo=None)
