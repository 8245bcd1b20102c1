"""Jinja filters for dates and numbers in the visitor's language (Swedish
time, Babel's formats: a decimal comma in Swedish, a point in English).

A page formats hundreds of figures and dates, and Babel's pattern machinery
takes 15 µs a number: the locale's symbols and month names are read from
Babel once, and Python formats with them (tests/test_filters.py compares the
two over random values and every day of thirty years)."""

from datetime import date, datetime
from decimal import Decimal
from functools import cache

from babel import Locale, numbers
from flask import Flask
from markupsafe import Markup, escape

from toolbox.clock import local
from toolbox.content import get_content
from toolbox.roles import ROLE_LABELS
from toolbox.web.language import current_locale, gettext
from toolbox.web.markup import render_markdown, sanitise

# Kept for the feedback package's default round title ("Återkoppling
# december 2026"), which is saved as data in Swedish.
MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def iso_date(value: date | datetime | None) -> str:
    """'2026-03-05' in every language."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local(value)
    return value.strftime("%Y-%m-%d")


@cache
def month_names(locale: Locale) -> dict[int, str]:
    """The locale's month names as a date reads them ('mars', 'March')."""
    return dict(locale.months["format"]["wide"])


@cache
def number_symbols(locale: Locale) -> dict[int, str]:
    """A table turning Python's ',' and '.' into the locale's group and
    decimal symbols."""
    return str.maketrans(
        {",": numbers.get_group_symbol(locale), ".": numbers.get_decimal_symbol(locale)}
    )


def long_date(value: date | datetime | None) -> str:
    """'5 mars 2026', '5 March 2026' (Babel's "d MMMM y")."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local(value).date()
    return f"{value.day} {month_names(current_locale())[value.month]} {value.year}"


def date_time(value: datetime | None) -> str:
    """'2026-03-05 14:30' in Swedish time, in every language."""
    if value is None:
        return ""
    return local(value).strftime("%Y-%m-%d %H:%M")


def decimal(value: float | Decimal | int | None, places: int = 1) -> str:
    """'1 234,5' in Swedish, '1,234.5' in English; a dash for no value.
    Rounded half to even on the number as written, as Babel's "#,##0.0"."""
    if value is None:
        return "–"
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    return format(value, f",.{places}f").translate(number_symbols(current_locale()))


def role_label(role: str) -> str:
    return gettext(ROLE_LABELS[role]) if role in ROLE_LABELS else role


def area_name(key: str) -> str:
    return next((a.name for a in get_content().areas if a.key == key), key)


def principle_name(key: str) -> str:
    return next((p.name for p in get_content().principles if p.key == key), key)


def safe_link(url: str) -> Markup:
    """A link to a web address, or the address as text if it is not http(s)."""
    text = escape(url)
    return sanitise(f'<a href="{text}">{text}</a>')


def figure_text(figure) -> str:
    """A dashboard figure, or the words that say why it is not shown."""
    if figure.running:
        return gettext("pågår")
    return gettext("för få svar") if figure.value is None else decimal(figure.value, 0)


def current_language() -> str:
    return str(current_locale())


def init_app(app: Flask) -> None:
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.filters.update(
        iso_date=iso_date,
        long_date=long_date,
        date_time=date_time,
        decimal=decimal,
        role_label=role_label,
        area_name=area_name,
        principle_name=principle_name,
        markdown=render_markdown,
        safe_link=safe_link,
        figure_text=figure_text,
    )
