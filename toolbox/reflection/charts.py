"""Geometry of the server-rendered SVG charts (templates/reflection/_charts.html).

Every bar and line carries a direct text label, the previous reflection is an
outlined bar and each area's line has its own marker shape and dash pattern,
so nothing is told by colour alone. The same figures are always in a table."""

from dataclasses import dataclass

from toolbox.reflection.results import AreaResult
from toolbox.reflection.scoring import Score
from toolbox.reflection.service import HistoryRow
from toolbox.web.filters import decimal, iso_date
from toolbox.web.language import gettext as _

WIDTH = 400
BAR_LEFT, BAR_SPAN = 8, 220  # x of index 0, and pixels for 0–100
TICKS = (0, 25, 50, 75, 100)
MARKERS = ("square", "triangle", "diamond", "circle")
MIN_TREND = 2  # reflections before a trend is drawn


@dataclass(frozen=True)
class Bar:
    kind: str  # "now" or "before"
    y: float
    width: float
    height: float
    text: str


@dataclass(frozen=True)
class BarGroup:
    name: str
    name_y: float
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class BarChart:
    title: str
    description: str
    height: float
    groups: tuple[BarGroup, ...]
    ticks: tuple[tuple[float, str], ...]
    axis_y: float
    left: float = BAR_LEFT


def _x(index: float | None) -> float:
    return 0 if index is None else round(BAR_SPAN * index / 100, 1)


def _figure(score: Score) -> str:
    if score.mean is None:
        return _("inget medelvärde")
    return _(
        "%(mean)s (index %(index)s)", mean=decimal(score.mean, 1), index=decimal(score.index, 0)
    )


def area_bars(areas: tuple[AreaResult, ...], has_previous: bool) -> BarChart:
    """Horizontal bars of the index per area, the previous reflection outlined below."""
    groups, y, parts = [], 20.0, []
    for area in areas:
        now = _("Nu: %(figure)s", figure=_figure(area.score))
        bars = [Bar("now", y + 6, _x(area.score.index), 18, now)]
        text = f"{area.name}: {_figure(area.score)}"
        if has_previous and area.previous is not None:
            bars.append(
                Bar(
                    "before",
                    y + 28,
                    _x(area.previous.index),
                    12,
                    _("Förra: %(figure)s", figure=_figure(area.previous)),
                )
            )
            text += _(", förra gången %(figure)s", figure=_figure(area.previous))
        groups.append(BarGroup(area.name, y, tuple(bars)))
        parts.append(text)
        y += 64 if has_previous else 46
    ticks = tuple((BAR_LEFT + _x(t), str(t)) for t in TICKS)
    return BarChart(
        _("Index per område, 0–100"),
        _("Medelvärde på skalan 1–5 och index 0–100 per område.") + " " + ". ".join(parts) + ".",
        y + 24,
        tuple(groups),
        ticks,
        y,
    )


@dataclass(frozen=True)
class Series:
    name: str
    number: int  # 1–4, for the line's CSS class
    marker: str
    points: tuple[tuple[float, float], ...]
    label_y: float

    @property
    def path(self) -> str:
        return "M" + " L".join(f"{x},{y}" for x, y in self.points)


T_LEFT, T_RIGHT, T_TOP, T_BOTTOM = 36, 266, 12, 192


@dataclass(frozen=True)
class TrendChart:
    title: str
    description: str
    series: tuple[Series, ...]
    x_labels: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, str], ...]
    left: float = T_LEFT
    right: float = T_RIGHT
    bottom: float = T_BOTTOM
    label_x: float = T_RIGHT + 10
    height: float = T_BOTTOM + 38


# Series names at the right end of the lines: 14 px bold, so a name's box is
# about 17 units high; each is kept this far from the next and inside the chart.
LABEL_GAP = 18
LABEL_LOWEST = T_BOTTOM + 8


def _spread(
    wanted: list[float], gap: float = LABEL_GAP, lowest: float = LABEL_LOWEST
) -> list[float]:
    """Label positions at least `gap` apart, as close to the wanted ones as
    possible, none below `lowest` (pushed up together instead)."""
    order = sorted(range(len(wanted)), key=lambda n: wanted[n])
    placed: dict[int, float] = {}
    last = None
    for n in order:
        y = wanted[n] if last is None else max(wanted[n], last + gap)
        placed[n] = last = y
    limit = lowest
    for n in reversed(order):
        placed[n] = limit = min(placed[n], limit)
        limit -= gap
    return [placed[n] for n in range(len(wanted))]


def _y(index: float) -> float:
    return round(T_BOTTOM - (T_BOTTOM - T_TOP) * index / 100, 1)


def _series(rows: list[HistoryRow], xs: list[float], areas: list[tuple[str, str]]) -> list:
    series = []
    for number, (key, name) in enumerate(areas, start=1):
        points = tuple(
            (x, _y(row.areas[key].index))
            for x, row in zip(xs, rows, strict=True)
            if key in row.areas and row.areas[key].index is not None
        )
        if points:
            series.append(Series(name, number, MARKERS[(number - 1) % 4], points, points[-1][1]))
    label_ys = _spread([s.label_y for s in series])
    return [
        Series(s.name, s.number, s.marker, s.points, y)
        for s, y in zip(series, label_ys, strict=True)
    ]


def _description(rows: list[HistoryRow], areas: list[tuple[str, str]]) -> str:
    parts = []
    for key, name in areas:
        values = [decimal(row.areas[key].index, 0) for row in rows if key in row.areas]
        parts.append(f"{name}: " + ", ".join(values))
    return (
        _(
            "Index 0–100 per område i dina %(count)s självskattningar, den äldsta först.",
            count=len(rows),
        )
        + " "
        + ". ".join(parts)
        + "."
    )


def trend(rows: list[HistoryRow], areas: list[tuple[str, str]]) -> TrendChart | None:
    """Index per area over the submitted reflections, oldest left; None under two."""
    if len(rows) < MIN_TREND:
        return None
    step = (T_RIGHT - T_LEFT) / (len(rows) - 1)
    xs = [round(T_LEFT + n * step, 1) for n in range(len(rows))]
    shown = min(len(rows), 4)  # at most four dates under the axis, evenly spread
    labelled = sorted({round(n * (len(rows) - 1) / (shown - 1)) for n in range(shown)})
    return TrendChart(
        _("Index per område över tid"),
        _description(rows, areas),
        tuple(_series(rows, xs, areas)),
        tuple((xs[n], iso_date(rows[n].reflection.submitted_at)[:7]) for n in labelled),
        tuple((_y(t), str(t)) for t in TICKS),
    )


def marker_points(shape: str, x: float, y: float, r: float = 5) -> str:
    """The polygon of a marker shape centred on (x, y)."""
    corners = {
        "square": ((-r, -r), (r, -r), (r, r), (-r, r)),
        "triangle": ((0, -r), (r, r), (-r, r)),
        "diamond": ((0, -r - 1), (r + 1, 0), (0, r + 1), (-r - 1, 0)),
    }[shape]
    return " ".join(f"{x + dx},{y + dy}" for dx, dy in corners)
