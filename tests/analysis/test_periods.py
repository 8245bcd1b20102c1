"""The published periods the dashboards and goals offer: calendar quarters,
half-years and years, named by key, settled a half-year at a time."""

from datetime import date

import pytest

from toolbox.privacy.periods import (
    choices,
    default,
    half,
    parse,
    quarter,
    trend_quarters,
    year_period,
)


def test_keys_name_quarters_half_years_and_years():
    third = parse("2026-K3")
    assert (third.start, third.end, third.label, third.quarters) == (
        date(2026, 7, 1),
        date(2026, 10, 1),
        "2026 kvartal 3",
        (3,),
    )
    first_half = parse("2026-H1")
    assert (first_half.start, first_half.end, first_half.label) == (
        date(2026, 1, 1),
        date(2026, 7, 1),
        "2026 halvår 1",
    )
    year = parse("2026")
    assert (year.start, year.end, year.label) == (date(2026, 1, 1), date(2027, 1, 1), "2026")
    assert parse("2026-K4") == quarter(2026, 4)
    assert parse("2026-H2") == half(2026, 2)


@pytest.mark.parametrize(
    "key", ["", "2026-K5", "2026-K0", "2026-H3", "2026-k1", "26", "1999", "2026-01-01", "2026 "]
)
def test_anything_else_is_no_period(key):
    assert parse(key) is None


def test_a_quarter_is_published_when_its_half_year_has_ended():
    first = quarter(2026, 1)
    assert first.end == date(2026, 4, 1)
    assert not first.published(date(2026, 6, 30))
    assert first.published(date(2026, 7, 1))
    assert first.published_on == date(2026, 7, 1)
    assert quarter(2026, 3).published_on == date(2027, 1, 1)
    assert half(2026, 1).published_on == date(2026, 7, 1)
    assert half(2026, 2).published_on == year_period(2026).published_on == date(2027, 1, 1)
    assert not year_period(2026).published(date(2026, 12, 31))


@pytest.mark.parametrize(
    ("today", "key"),
    [
        (date(2026, 1, 1), "2025-H2"),
        (date(2026, 6, 30), "2025-H2"),
        (date(2026, 7, 1), "2026-H1"),
        (date(2026, 12, 6), "2026-H1"),
    ],
)
def test_dashboards_open_on_the_last_ended_half_year(today, key):
    assert default(today).key == key
    assert default(today).published(today)


def test_the_choices_are_the_started_periods_of_three_years_newest_first():
    keys = [p.key for p in choices(date(2026, 5, 10))]
    older = [
        f"{y}{part}"
        for y in (2025, 2024)
        for part in ("", "-H1", "-H2", "-K1", "-K2", "-K3", "-K4")
    ]
    assert keys == ["2026", "2026-H1", "2026-K1", "2026-K2", *older]


def test_the_trend_has_the_last_eight_quarters_the_running_one_last():
    keys = [q.key for q in trend_quarters(date(2026, 2, 10))]
    assert keys == [
        "2024-K2",
        "2024-K3",
        "2024-K4",
        "2025-K1",
        "2025-K2",
        "2025-K3",
        "2025-K4",
        "2026-K1",
    ]
