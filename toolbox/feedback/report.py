"""The feedback report to keep and discuss (PRODUCT.md 3.4, issue 18): one
page per area with the manager's own view, the own manager's (a named
voice), staff and colleagues side by side, and the largest blind spots and
hidden strengths in words. Built from the same results as the results
page, so the anonymity rules of results.py hold here unchanged: only shown
groups get a column, and the own manager is a column of their own."""

from dataclasses import dataclass

from toolbox.feedback.compare import Comparison, Highlight, SelfVsOthers
from toolbox.feedback.results import RoundResults
from toolbox.feedback.tables import figure, named_figure
from toolbox.web.filters import decimal
from toolbox.web.language import gettext as _


@dataclass(frozen=True)
class ReportPage:
    key: str
    name: str
    headers: list[str]
    rows: list[list[str]]  # the area first, then its statements
    highlights: list[Highlight]  # this area's blind spots and hidden strengths


def headers(results: RoundResults, first: str) -> list[str]:
    named = [results.named.label] if results.named.asked else []
    return [first, _("Du själv"), *named, *(results.label(g) for g in results.groups)]


def _row(label: str, own: Comparison, named: list[str], line, results: RoundResults) -> list[str]:
    groups = [figure(line.figures[g]) for g in results.groups]
    return [label, decimal(own.self_mean, 1), *named, *groups]


def report_pages(results: RoundResults, compared: SelfVsOthers) -> list[ReportPage]:
    statements = iter(compared.statements)
    highlights = compared.highlights(limit=len(compared.statements) * 2)
    pages = []
    for area, own_area in zip(results.areas, compared.areas, strict=True):
        named = named_figure(results, results.named.area(area.key))
        rows = [
            _row(_("Hela området %(area)s", area=area.name), own_area, named, area.line, results)
        ]
        for statement in area.statements:
            own = next(statements)
            named = named_figure(results, results.named.statement(statement.question.key))
            label = f"{statement.number}. {statement.question.text}"
            rows.append(_row(label, own, named, statement.line, results))
        found = [h for h in highlights if h.comparison.area == area.key]
        pages.append(ReportPage(area.key, area.name, headers(results, _("Påstående")), rows, found))
    return pages
