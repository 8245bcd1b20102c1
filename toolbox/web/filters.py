"""Jinja filters for dates and numbers in the visitor's language (Swedish
time, Babel's formats: a decimal comma in Swedish, a point in English)."""

from datetime import date, datetime
from decimal import Decimal

from babel import dates, numbers
from flask import Flask
from flask_babel import get_locale, gettext
from markupsafe import Markup, escape

from toolbox.clock import local
from toolbox.content import get_content
from toolbox.roles import ROLE_LABELS
from toolbox.web.language import current_locale
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


def long_date(value: date | datetime | None) -> str:
    """'5 mars 2026', '5 March 2026'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local(value).date()
    return dates.format_date(value, "d MMMM y", locale=current_locale())


def date_time(value: datetime | None) -> str:
    """'2026-03-05 14:30' in Swedish time, in every language."""
    if value is None:
        return ""
    return dates.format_datetime(local(value), "yyyy-MM-dd HH:mm", locale=current_locale())


def decimal(value: float | Decimal | int | None, places: int = 1) -> str:
    """'1 234,5' in Swedish, '1,234.5' in English; a dash for no value."""
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return numbers.format_decimal(
        value, pattern, locale=current_locale(), decimal_quantization=True
    )


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
    return str(get_locale() or "sv")


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
