"""Dates and numbers in the visitor's language through Babel: Swedish reads
as it always has, English reads English; ISO dates stay ISO."""

from datetime import date, datetime
from decimal import Decimal

from flask import session

from toolbox.web.filters import date_time, decimal, figure_text, iso_date, long_date, role_label

DAY = date(2026, 12, 6)
# 13:05 UTC is 14:05 in Stockholm in December.
MOMENT = datetime(2026, 12, 6, 13, 5)


def formatted(app, language: str) -> tuple[str, ...]:
    with app.test_request_context("/"):
        session["lang"] = language
        return (
            long_date(DAY),
            long_date(datetime(2026, 3, 4, 23, 30)),  # 5 March in Stockholm
            iso_date(DAY),
            date_time(MOMENT),
            decimal(Decimal("3.5")),
            decimal(1234.56),
            decimal(7, 0),
            role_label("admin"),
        )


def test_swedish_dates_and_numbers(app):
    assert formatted(app, "sv") == (
        "6 december 2026",
        "5 mars 2026",
        "2026-12-06",
        "2026-12-06 14:05",
        "3,5",
        "1\xa0234,6",
        "7",
        "Administratör",
    )


def test_english_dates_and_numbers(app):
    assert formatted(app, "en") == (
        "6 December 2026",
        "5 March 2026",
        "2026-12-06",
        "2026-12-06 14:05",
        "3.5",
        "1,234.6",
        "7",
        "Administrator",
    )


def test_outside_a_request_the_formats_are_swedish(app):
    with app.app_context():
        assert (long_date(DAY), decimal(2.25)) == ("6 december 2026", "2,2")
    assert (long_date(DAY), decimal(None)) == ("6 december 2026", "–")


def test_figures_say_why_they_are_not_shown_in_the_language(app):
    class Figure:
        running = False
        value = None

    with app.test_request_context("/"):
        session["lang"] = "en"
        assert figure_text(Figure()) == "too few responses"
