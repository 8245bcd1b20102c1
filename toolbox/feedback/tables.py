"""The results as table rows (text cells), for the page, the print view and
the comparison. The figures are the same as in the charts."""

from toolbox.feedback.compare import KIND_LABELS, Comparison, SelfVsOthers
from toolbox.feedback.models import RATER_GROUPS
from toolbox.feedback.results import Line, RoundResults
from toolbox.reflection.scoring import Score
from toolbox.web.filters import decimal
from toolbox.web.language import gettext as _
from toolbox.web.language import lazy_gettext as _l

TOO_FEW = _l("för få svar")
NOT_ANSWERED = _l("har inte svarat")
DONT_KNOW = _l("vet ej")


def figure(found: Score | None) -> str:
    if found is None:
        return str(TOO_FEW)
    return decimal(found.mean, 1)


def signed(value: float | None) -> str:
    if value is None:
        return "–"
    if round(value, 1) == 0:
        return "±" + decimal(0, 1)
    return ("+" if value > 0 else "−") + decimal(abs(value), 1)


def named_figure(results: RoundResults, found: Score | None) -> list[str]:
    """The own manager's cell, or no cell when the round did not ask for it."""
    if not results.named.asked:
        return []
    if not results.named.answered:
        return [str(NOT_ANSWERED)]
    if found is None or found.mean is None:
        return [str(DONT_KNOW)]
    return [decimal(found.mean, 1)]


def headers(results: RoundResults, first: str, last: list[str]) -> list[str]:
    """ "Din chef" comes after "Alla andra": it is not part of it."""
    named = [results.named.label] if results.named.asked else []
    groups = (RATER_GROUPS[g] for g in results.groups)
    return [first, _("Du själv"), *groups, _("Alla andra"), *named, *last]


def _row(label: str, comparison: Comparison, line: Line, groups, extra: list[str]) -> list[str]:
    return [
        label,
        decimal(comparison.self_mean, 1),
        *(figure(line.figures[g]) for g in groups),
        figure(line.total),
        *extra,
    ]


def area_rows(results: RoundResults, compared: SelfVsOthers) -> list[list[str]]:
    return [
        _row(
            area.name,
            comparison,
            area.line,
            results.groups,
            [
                *named_figure(results, results.named.area(area.key)),
                signed(comparison.difference),
                str(KIND_LABELS.get(comparison.kind, "")),
            ],
        )
        for area, comparison in zip(results.areas, compared.areas, strict=True)
    ]


def statement_tables(
    results: RoundResults, compared: SelfVsOthers
) -> list[tuple[str, list[list[str]]]]:
    """(area name, rows) per area; compared.statements follow the same order."""
    comparisons = iter(compared.statements)
    tables = []
    for area in results.areas:
        rows = []
        for statement in area.statements:
            comparison = next(comparisons)
            label = f"{statement.number}. {statement.question.text}"
            kind = str(KIND_LABELS.get(comparison.kind, ""))
            named = named_figure(results, results.named.statement(statement.question.key))
            rows.append(_row(label, comparison, statement.line, results.groups, [*named, kind]))
        tables.append((area.name, rows))
    return tables


def compare_rows(rows, areas: list[tuple[str, str]]) -> list[list[str]]:
    """Areas down, rounds across: all others' mean in each round."""
    return [[name, *(figure(figures.get(key)) for _round, figures in rows)] for key, name in areas]
