"""The report's building blocks – sections of paragraphs, bullets, tables
and charts – and the words for periods and figures in the reader's language."""

from dataclasses import dataclass, field

from toolbox.privacy.periods import Period
from toolbox.privacy.suppression import Figure
from toolbox.web.filters import decimal
from toolbox.web.language import gettext as _


@dataclass(frozen=True)
class Line:
    """A paragraph or bullet in parts: (text, written by people). What people
    wrote – an activity's title, a summary – stays as written, in Swedish
    (the page marks it lang="sv"); the rest is in the reader's language."""

    parts: tuple[tuple[str, bool], ...]

    def __str__(self) -> str:
        return "".join(text for text, _written in self.parts)


def ui(text: str) -> Line:
    return Line(((text, False),))


def written(text: str) -> Line:
    return Line(((text, True),))


@dataclass(frozen=True)
class ReportTable:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    """A bar chart of 0–100 values; None: no figure shown (the table says why)."""

    title: str
    description: str
    rows: tuple[tuple[str, float | None], ...]


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[Line, ...] = ()
    bullets: tuple[Line, ...] = ()
    tables: tuple[ReportTable, ...] = ()
    charts: tuple[Chart, ...] = ()
    subsections: tuple["Section", ...] = field(default=())


@dataclass(frozen=True)
class Report:
    title: str
    period: Period
    period_label: str
    sections: tuple[Section, ...]


def figure_words(figure: Figure) -> str:
    """A dashboard figure, or why it is not shown: filters.figure_text in the
    reader's language."""
    if figure.running:
        return _("pågår")
    return _("för få svar") if figure.value is None else decimal(figure.value, 0)
