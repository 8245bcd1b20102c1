"""Time in one convention: naive UTC in the database, Europe/Stockholm on screen."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
