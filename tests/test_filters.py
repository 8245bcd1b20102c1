"""Dates and numbers in the visitor's language through Babel: Swedish reads
as it always has, English reads English; ISO dates stay ISO."""

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from babel import Locale, dates, numbers
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


@pytest.mark.parametrize("language", ["sv", "en"])
def test_numbers_read_as_babel_writes_them(app, language):
    """The filter formats with the locale's symbols read once; Babel's own
    "#,##0.0" patterns are the reference, over random numbers of every kind
    a page shows (floats, whole numbers, Decimals, negatives, halves)."""
    rng = random.Random(17)
    locale = Locale.parse(language)
    with app.test_request_context("/"):
        session["lang"] = language
        for _ in range(20_000):
            value = rng.choice(
                [
                    rng.uniform(-1e6, 1e6),
                    round(rng.uniform(-100, 100), rng.randint(0, 4)),
                    rng.randint(-(10**9), 10**9),
                    rng.random() / 10 ** rng.randint(0, 8),
                    Decimal(rng.randint(-9999, 9999)) / 8,
                ]
            )
            places = rng.randint(0, 3)
            pattern = "#,##0" + ("." + "0" * places if places else "")
            expected = numbers.format_decimal(
                value, pattern, locale=locale, decimal_quantization=True
            )
            assert decimal(value, places) == expected, (value, places)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_dates_read_as_babel_writes_them(app, language):
    locale = Locale.parse(language)
    day = date(2000, 1, 1)
    with app.test_request_context("/"):
        session["lang"] = language
        while day.year < 2031:
            assert long_date(day) == dates.format_date(day, "d MMMM y", locale=locale)
            day += timedelta(days=1)
