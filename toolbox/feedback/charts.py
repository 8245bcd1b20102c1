"""Chart geometry for the feedback pages, drawn by the reflection's bar chart
macro (templates/reflection/_charts.html) from its own dataclasses. Every
bar carries a text label naming its series and value, and each series has
its own fill or outline (static/css/main.css), so nothing is told by colour
alone. The same figures are always in a table beside the chart."""

from toolbox.feedback.compare import SelfVsOthers
from toolbox.feedback.results import RoundResults
from toolbox.reflection.charts import BAR_LEFT, BAR_SPAN, TICKS, Bar, BarChart, BarGroup
from toolbox.reflection.scoring import Score, to_index
from toolbox.web.filters import decimal, iso_date
from toolbox.web.language import gettext as _

BAR_HEIGHT, BAR_GAP, NAME_GAP, GROUP_GAP = 14, 4, 6, 16
SERIES_KINDS = 4  # fb-round-1 … fb-round-4 in the CSS


def _width(mean: float | None) -> float:
    return 0 if mean is None else round(BAR_SPAN * to_index(mean) / 100, 1)


def _text(name: str, mean: float | None, missing: str) -> str:
    return f"{name} {decimal(mean, 1)}" if mean is not None else f"{name}: {missing}"


def _chart(title: str, intro: str, groups: list[tuple[str, list[tuple]]]) -> BarChart:
    """groups: (area name, [(kind, series name, mean or None, text if missing)])."""
    built, parts, y = [], [], 20.0
    for name, series in groups:
        bars, top = [], y + NAME_GAP
        for kind, label, mean, missing in series:
            bars.append(Bar(kind, top, _width(mean), BAR_HEIGHT, _text(label, mean, missing)))
            top += BAR_HEIGHT + BAR_GAP
        built.append(BarGroup(name, y, tuple(bars)))
        parts.append(f"{name}: " + ", ".join(bar.text for bar in bars))
        y = top + GROUP_GAP
    ticks = tuple((BAR_LEFT + BAR_SPAN * t / 100, str(t)) for t in TICKS)
    description = intro + " " + ". ".join(parts) + "."
    return BarChart(title, description, y + 24, tuple(built), ticks, y)


def _mean(found: Score | None) -> float | None:
    return None if found is None else found.mean


def self_and_others(results: RoundResults, compared: SelfVsOthers) -> BarChart:
    """Per area: you, each shown rater group and all others together."""
    groups = []
    for area, comparison in zip(results.areas, compared.areas, strict=True):
        too_few = _("för få svar")
        series = [("fb-self", _("Du själv"), comparison.self_mean, _("ingen självskattning"))]
        series += [
            (f"fb-{g}", results.label(g), _mean(area.line.figures[g]), too_few)
            for g in results.groups
        ]
        series.append(("fb-total", _("Alla andra"), _mean(area.line.total), too_few))
        if results.named.answered:
            own_manager = results.named.area(area.key)
            series.append(("fb-named", results.named.label, _mean(own_manager), _("vet ej")))
        groups.append((area.name, series))
    return _chart(
        _("Du själv och andra, medelvärde per område"),
        _("Medelvärde på skalan 1–5 per område; staplarnas längd är index 0–100."),
        groups,
    )


def rounds_compared(rows: list[tuple[str, dict[str, Score | None]]], areas) -> BarChart:
    """Per area: all others' mean in each of the latest rounds (rows oldest first)."""
    shown = rows[-SERIES_KINDS:]
    groups = [
        (
            name,
            [
                (f"fb-round-{n}", label, _mean(figures.get(key)), _("för få svar"))
                for n, (label, figures) in enumerate(shown, start=1)
            ],
        )
        for key, name in areas
    ]
    return _chart(
        _("Alla andra per område i dina omgångar"),
        _("Medelvärde på skalan 1–5 per område och omgång, den äldsta först."),
        groups,
    )


def round_label(ended) -> str:
    return iso_date(ended)[:7]
