"""Gap-analysis dashboards for leadership (HR sees the catalog page)."""

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from flask import abort, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import func, select

from toolbox import clock
from toolbox.analysis import service
from toolbox.analysis.coverage import (
    coverage,
    published_cases_per_area,
    published_cases_per_principle,
)
from toolbox.analysis.metrics import Metric, metrics
from toolbox.analysis.models import Goal
from toolbox.analysis.scopes import Tree
from toolbox.analysis.service import FOCI
from toolbox.catalog.models import TARGET_GROUPS, CatalogItem
from toolbox.catalog.service import overdue
from toolbox.content import AREA_KEYS, get_content
from toolbox.db.cache import cached
from toolbox.extensions import db
from toolbox.privacy.periods import Period, choices, default, parse
from toolbox.privacy.suppression import TOO_FEW, Figure
from toolbox.tasks import figures as task_figures
from toolbox.tasks.models import STATUS_LABELS
from toolbox.web.filters import figure_text
from toolbox.web.language import gettext as _
from toolbox.web.security import allow
from toolbox.web.xlsxexport import table_download

leadership = allow("ledning")
# Rows in a dashboard's lists of units or items, so that a page stays small at region scale.
LISTED = 25


@dataclass
class View:
    """What every dashboard reads from the query string, validated."""

    period: Period
    unit_id: int | None
    focus: str  # an area or a principle of the framework
    tree: Tree
    today: date
    periods: list[Period]


def read_view() -> View:
    tree, today = Tree.load(), clock.today()
    offered = choices(today)
    chosen = parse(request.args.get("period", ""))
    unit = request.args.get("enhet", type=int)
    if unit is not None and unit not in tree.nodes:
        abort(404)
    focus = request.args.get("omrade", "")
    return View(
        chosen if chosen in offered else default(today),
        unit,
        focus if focus in FOCI else FOCI[0],
        tree,
        today,
        offered,
    )


def known_metrics() -> dict[str, Metric]:
    config = current_app.config
    return metrics((config["NORMTAL_MIN"], config["NORMTAL_MAX"]), config["FEEDBACK_MIN_GROUP"])


def min_group() -> int:
    return int(current_app.config["AGGREGATE_MIN_GROUP"])


def drill(view: View, metric: Metric, focus: str | None) -> service.Drill:
    return service.drill(
        metric, view.tree, view.unit_id, view.period, focus, min_group(), view.today
    )


def focus_name(key: str) -> str:
    """The name of an area or a principle of the framework."""
    content = get_content()
    return (content.area(key) if key in AREA_KEYS else content.principle(key)).name


def reflection_table(view: View) -> tuple[list, list[service.Row], dict]:
    """Per child unit: the index per area and per principle, and the share who reflected."""
    found = known_metrics()
    columns, drills = [], {}
    for key in FOCI:
        drills[key] = drill(view, found["skattning"], key)
        columns.append((key, focus_name(key)))
    drills["skattat"] = drill(view, found["skattat"], None)
    columns.append(("skattat", _("Andel som skattat (%)")))
    rows = drills[columns[0][0]].rows
    return columns, rows, drills


@leadership
def index() -> ResponseReturnValue:
    return render_template("analysis/index.html", **overview(read_view()))


def overview(view: View) -> dict:
    found = known_metrics()
    goals = db.session.scalars(select(Goal).order_by(Goal.id)).all()
    statuses = service.goal_statuses(goals, found, view.tree, min_group(), view.today)
    chart_rows = [(goal_title(s.goal, found), s.actual.value, s.goal.target) for s in statuses]
    return {
        "statuses": statuses,
        "metrics": found,
        "chart_rows": chart_rows,
        "actions": service.open_actions(),
        "focus_name": focus_name,
        "view": view,
        "today": view.today,
    }


def goal_title(goal: Goal, found: dict[str, Metric]) -> str:
    metric = str(found[goal.metric].label).split(",")[0]
    focus = f" {focus_name(goal.focus)}" if goal.focus else ""
    scope = goal.unit.name if goal.unit else _("hela org.")
    return _("%(metric)s, %(scope)s", metric=f"{metric}{focus}", scope=scope)


@leadership
def reflection() -> ResponseReturnValue:
    return render_template("analysis/reflection.html", **reflection_figures(read_view()))


def reflection_figures(view: View) -> dict:
    columns, rows, drills = reflection_table(view)
    table = [
        (row, [drills[key].rows[i].figure for key, _ in columns]) for i, row in enumerate(rows)
    ]
    totals = [drills[key].total for key, _ in columns]
    bars = [(row.name, drills[view.focus].rows[i].figure.value) for i, row in enumerate(rows)]
    found = known_metrics()
    others = drill(view, found["aterkoppling"], view.focus)
    self_vs_others = [
        (row, drills[view.focus].rows[i].figure, others.rows[i].figure)
        for i, row in enumerate(rows)
    ] + [(None, drills[view.focus].total, others.total)]
    points = service.trend(
        found["skattning"], view.tree, view.unit_id, view.focus, min_group(), view.today
    )
    halves = service.half_year_trend(
        found["skattning"], view.tree, view.unit_id, view.focus, min_group(), view.today
    )
    return {
        "view": view,
        "focus_name": focus_name(view.focus),
        "columns": columns,
        "table": table,
        "totals": totals,
        "bars": bars,
        "points": [(quarter.label, figure.value) for quarter, figure in points],
        "trend_rows": [(quarter.label, figure_text(figure)) for quarter, figure in points],
        "halves": [(half.label, figure_text(figure)) for half, figure in halves],
        "half_points": [(half.label, figure.value) for half, figure in halves],
        "self_vs_others": self_vs_others,
        "breadcrumb": view.tree.path(view.unit_id),
        "content": get_content(),
    }


@leadership
def conditions() -> ResponseReturnValue:
    return render_template("analysis/conditions.html", **condition_figures(read_view()))


def condition_figures(view: View) -> dict:
    found = known_metrics()
    drills = {key: drill(view, found[key], None) for key in ("kontrollspann", "chefsstod")}
    config = current_app.config
    # A region has hundreds: the page lists the largest, drilling down shows the rest.
    outside, outside_total = service.outside_norm(
        view.unit_id, config["NORMTAL_MIN"], config["NORMTAL_MAX"], LISTED
    )
    return {
        "view": view,
        "drills": drills,
        "task_total": task_figures.total(),
        "task_statuses": [
            (STATUS_LABELS[key], figures)
            for key, figures in task_figures.figures_by("status").items()
        ],
        "span_bars": [(row.name, row.figure.value) for row in drills["kontrollspann"].rows],
        "outside": outside,
        "outside_total": outside_total,
        "metrics": found,
        "breadcrumb": view.tree.path(view.unit_id),
    }


@leadership
def examples() -> ResponseReturnValue:
    content = get_content()
    per_area = published_cases_per_area()
    per_principle = published_cases_per_principle()
    return render_template(
        "analysis/examples.html",
        area_bars=[(a.name, per_area.get(a.key, 0)) for a in content.areas],
        principle_rows=[(p.name, per_principle.get(p.key, 0)) for p in content.principles],
        max_value=max([*per_area.values(), *per_principle.values(), 1]),
    )


@allow("ledning", "hr")
def catalog() -> ResponseReturnValue:
    return render_template("analysis/catalog.html", **catalog_coverage())


def catalog_coverage() -> dict:
    content = get_content()
    overdue, overdue_total = overdue_reviews(clock.today(), LISTED)
    return {
        "by_principle": coverage("principle"),
        "by_target": coverage("target"),
        "area_rows": [(a.key, a.name) for a in content.areas],
        "principle_columns": [(p.key, p.name) for p in content.principles],
        "target_columns": list(TARGET_GROUPS.items()),
        "overdue": overdue,
        "overdue_total": overdue_total,
    }


class Overdue(NamedTuple):
    id: int
    title: str
    next_review_on: date


@cached(depends_on=(CatalogItem,))
def overdue_reviews(today: date, limit: int) -> tuple[list[Overdue], int]:
    """The approved items whose review is longest overdue (the first `limit`),
    and how many are overdue in all."""
    late = overdue(today)
    listed = db.session.execute(
        late.with_only_columns(CatalogItem.id, CatalogItem.title, CatalogItem.next_review_on).limit(
            limit
        )
    )
    total = db.session.scalar(select(func.count()).select_from(late.order_by(None).subquery()))
    return [Overdue(*row) for row in listed], total


@allow("ledning", "hr")
def export() -> ResponseReturnValue:
    return table_download("csv", *export_table(request.args.get("tabell", "")))


@allow("ledning", "hr")
def export_xlsx() -> ResponseReturnValue:
    return table_download("xlsx", *export_table(request.args.get("tabell", "")))


Table = tuple[str, list[str], list[list]]


def export_table(table: str) -> Table:
    """(file name without extension, header, typed rows) of a dashboard table;
    HR may download the catalog coverage only."""
    if table == "katalog":
        return coverage_table()
    if table not in ("skattning", "forutsattningar", "mal", "goda-exempel"):
        abort(404)
    if not current_user.has_role("ledning"):
        abort(403)
    if table == "mal":
        return goals_table()
    if table == "goda-exempel":
        return examples_table()
    view = read_view()
    if table == "skattning":
        columns, rows, drills = reflection_table(view)
    else:
        found = known_metrics()
        columns = [
            ("kontrollspann", found["kontrollspann"].label),
            ("chefsstod", found["chefsstod"].label),
        ]
        drills = {key: drill(view, found[key], None) for key, _ in columns}
        rows = drills["kontrollspann"].rows
    header = [_("Enhet")] + [label for _key, label in columns]
    lines = [
        [row.name] + [cell(drills[key].rows[i].figure) for key, _label in columns]
        for i, row in enumerate(rows)
    ]
    lines.append([_("Totalt")] + [cell(drills[key].total) for key, _label in columns])
    return f"{table}-{view.period.key}", header, lines


def cell(figure: Figure) -> float | str:
    """The figure as a number, or why there is none."""
    if figure.running:
        return _("pågår")
    return str(TOO_FEW) if figure.value is None else round(figure.value, 1)


def goals_table() -> Table:
    found = known_metrics()
    goals = db.session.scalars(select(Goal).order_by(Goal.id)).all()
    statuses = service.goal_statuses(goals, found, Tree.load(), min_group(), clock.today())
    header = [_("Mål"), _("Gäller"), _("Period"), _("Målvärde"), _("Utfall"), _("Gap")]
    rows = [
        [
            goal_title(s.goal, found),
            s.goal.unit.name if s.goal.unit else _("Hela organisationen"),
            s.goal.period.label,
            round(s.goal.target),
            _("inga uppgifter ännu") if s.no_data else cell(s.actual),
            s.words,
        ]
        for s in statuses
    ]
    return "mal", header, rows


def examples_table() -> Table:
    content = get_content()
    per_area, per_principle = published_cases_per_area(), published_cases_per_principle()
    rows = [[_("Område"), a.name, per_area.get(a.key, 0)] for a in content.areas]
    rows += [[_("Princip"), p.name, per_principle.get(p.key, 0)] for p in content.principles]
    return "goda-exempel", [_("Typ"), _("Namn"), _("Publicerade exempel")], rows


def coverage_table() -> Table:
    content = get_content()
    cells = coverage("principle")
    header = [_("Område")] + [p.name for p in content.principles]
    rows = [
        [a.name] + [cells.get((a.key, p.key), 0) for p in content.principles] for a in content.areas
    ]
    return "katalogtackning", header, rows
