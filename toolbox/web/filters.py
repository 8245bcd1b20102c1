"""Jinja filters for Swedish dates and numbers (Europe/Stockholm, decimal comma)."""

from datetime import date, datetime
from decimal import Decimal

from flask import Flask
from flask_babel import get_locale
from markupsafe import Markup, escape

from toolbox.clock import local
from toolbox.content import get_content
from toolbox.roles import ROLE_LABELS
from toolbox.web.markup import render_markdown, sanitise

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
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local(value)
    return value.strftime("%Y-%m-%d")


def long_date(value: date | datetime | None) -> str:
    """'5 mars 2026'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def date_time(value: datetime | None) -> str:
    return "" if value is None else local(value).strftime("%Y-%m-%d %H:%M")


def decimal(value: float | Decimal | int | None, places: int = 1) -> str:
    """Decimal comma and a thin space between thousands: 1 234,5."""
    if value is None:
        return "–"
    text = f"{float(value):,.{places}f}"
    return text.replace(",", "\u202f").replace(".", ",")


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)


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
        return "pågår"
    return "för få svar" if figure.value is None else decimal(figure.value, 0)


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
