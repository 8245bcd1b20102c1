"""Återrapportering: the report to the board for one published period, in
the seed's own structure, built from live data.

Figures about people are the dashboards' own cells (analysis.service.
scope_figure over the published tables), so the report shows exactly what
Gapanalys shows for the whole organisation and the period, suppression
included; the dialogues' members' choices come through teams.followup's
stepped release. The report is plain data (sections of paragraphs, bullets
and tables) that the page, the print view and the Word file all render."""

from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from sqlalchemy import func, select

from toolbox.analysis.metrics import metrics
from toolbox.analysis.scopes import Tree
from toolbox.analysis.service import scope_figure
from toolbox.clock import start_of_day
from toolbox.content import get_content
from toolbox.examples.models import ExampleCase
from toolbox.extensions import db
from toolbox.privacy.periods import Period
from toolbox.privacy.suppression import Figure
from toolbox.programme import service
from toolbox.programme.content import ProgrammeContent
from toolbox.programme.models import DONE, ONGOING, PLANNED, Activity
from toolbox.tasks import figures as task_figures
from toolbox.tasks.models import Task
from toolbox.teams.content import DialogueContent
from toolbox.teams.followup import agreed_counts_between, dialogue_counts_between
from toolbox.web.filters import decimal, figure_text, iso_date

HEADINGS = (
    "Sammanfattning",
    "Bakgrund",
    "Genomförda aktiviteter",
    "Gapanalys",
    "Ledningsgruppsdialoger",
    "Administrativa uppgifter och frigjord tid",
    "Goda exempel",
    "Planering framåt",
)


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
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    tables: tuple[ReportTable, ...] = ()
    charts: tuple[Chart, ...] = ()
    subsections: tuple["Section", ...] = field(default=())


@dataclass(frozen=True)
class Report:
    title: str
    period: Period
    sections: tuple[Section, ...]


def in_period(activity: Activity, period: Period) -> bool:
    """Done or ongoing during the period (dates unknown: counted as ongoing)."""
    starts = activity.starts_on or period.start
    ends = activity.ends_on or period.end
    return activity.status in (DONE, ONGOING) and starts < period.end and ends >= period.start


def ahead(activity: Activity, period: Period) -> bool:
    """Planned, or ongoing past the period's end."""
    if activity.status == PLANNED:
        return True
    return activity.status == ONGOING and (
        activity.ends_on is None or activity.ends_on >= period.end
    )


def activity_line(activity: Activity) -> str:
    dates = " – ".join(iso_date(d) for d in (activity.starts_on, activity.ends_on) if d)
    line = f"{activity.title} ({activity.status_label.lower()}; {activity.owner}"
    line += f"; {dates})" if dates else ")"
    return f"{line}: {activity.outcome}" if activity.outcome else line


def summary_section(summary: str, period: Period) -> Section:
    paragraphs = tuple(p.strip() for p in summary.split("\n\n") if p.strip())
    if not paragraphs:
        paragraphs = (
            f"Rapporten beskriver arbetet med programmet under {period.label}. "
            "Ledningen har ännu inte skrivit någon sammanfattning.",
        )
    return Section(HEADINGS[0], paragraphs)


def background_section(content: ProgrammeContent) -> Section:
    assignment = Section("Uppdraget i korthet", (content.assignment,), content.assignment_points)
    return Section(HEADINGS[1], (content.background,), subsections=(assignment,))


def activities_section(content: ProgrammeContent, found: list[Activity], period: Period) -> Section:
    parts = []
    for key, name in content.tracks:
        lines = tuple(activity_line(a) for a in found if a.track == key and in_period(a, period))
        parts.append(Section(name, () if lines else ("Inga aktiviteter under perioden.",), lines))
    return Section(HEADINGS[2], subsections=tuple(parts))


def plan_section(content: ProgrammeContent, found: list[Activity], period: Period) -> Section:
    names = content.track_names
    lines = tuple(
        f"{names.get(a.track, a.track)}: {activity_line(a)}" for a in found if ahead(a, period)
    )
    return Section(HEADINGS[7], () if lines else ("Inga planerade aktiviteter.",), lines)


def share_text(figure: Figure) -> str:
    text = figure_text(figure)
    return f"{text} %" if figure.value is not None else text


def gap_section(period: Period, today: date) -> Section:
    """Whole-organisation figures for the period, the dashboards' cells."""
    config = current_app.config
    found = metrics((config["NORMTAL_MIN"], config["NORMTAL_MAX"]), config["FEEDBACK_MIN_GROUP"])
    k, tree = int(config["AGGREGATE_MIN_GROUP"]), Tree.load()

    def cell(key: str, focus: str | None) -> Figure:
        return scope_figure(found[key], tree, None, period, focus, k, today)

    areas = get_content().areas
    own = {area.key: cell("skattning", area.key) for area in areas}
    others = {area.key: cell("aterkoppling", area.key) for area in areas}
    rows = tuple(
        (area.name, figure_text(own[area.key]), figure_text(others[area.key])) for area in areas
    )
    chart = Chart(
        f"Självskattning, index per område, {period.label}",
        "Chefernas självskattning per område för hela organisationen. Samma siffror finns i "
        "tabellen; ett område utan stapel har för få svar.",
        tuple((area.name, own[area.key].value) for area in areas),
    )
    shares = tuple(
        f"{found[key].label}: {share_text(cell(key, None))}"
        for key in ("skattat", "kontrollspann", "chefsstod")
    )
    table = ReportTable(
        f"Index 0–100 per område, hela organisationen, {period.label}",
        ("Område", "Självskattning", "Återkoppling från andra"),
        rows,
    )
    note = (
        f"Siffrorna är desamma som i Gapanalys för hela organisationen och {period.label}. "
        f"En siffra som bygger på färre än {k} personer visas inte (”för få svar”); "
        "en period som inte har avslutats visas som ”pågår”."
    )
    return Section(HEADINGS[3], (note,), shares, (table,), (chart,))


def dialogue_section(dialogue: DialogueContent, period: Period) -> Section:
    opened, agreed, followed = dialogue_counts_between(period.start, period.end)
    counts = agreed_counts_between(period.start, period.end)
    rows = tuple((b.text, str(counts[b.key])) for b in dialogue.behaviours if counts.get(b.key))
    paragraphs = (
        f"Under perioden öppnades {opened} ledningsgruppsdialoger, {agreed} ledningsgrupper "
        f"skrev in en överenskommelse och {followed} följde upp den.",
    )
    tables = (
        (
            ReportTable(
                "Beteenden som ledningsgrupperna valde att stärka",
                ("Beteende", "Ledningsgrupper"),
                rows,
            ),
        )
        if rows
        else ()
    )
    return Section(HEADINGS[4], paragraphs, tables=tables)


def tasks_section(period: Period) -> Section:
    total = task_figures.total()
    offloaded = task_figures.figures_by("action").get("avlasta", task_figures.Figures())
    low, high = start_of_day(period.start), start_of_day(period.end)
    decided = db.session.execute(
        select(func.count(), func.count(Task.id).filter(Task.action == "avlasta")).where(
            Task.decided_at >= low, Task.decided_at < high, Task.status != "avslagen"
        )
    ).one()
    reported = db.session.scalar(
        select(func.count()).where(
            Task.realised_reported_at >= low, Task.realised_reported_at < high
        )
    )
    return Section(
        HEADINGS[5],
        (
            f"Under perioden beslutades {decided[0]} uppgifter, varav {decided[1]} att avlasta, "
            f"och för {reported} följdes den frigjorda tiden upp. Registret i sin helhet, "
            "som det ser ut när rapporten tas fram:",
        ),
        (
            f"Uppgifter i registret: {total.tasks}",
            f"Uppgifter föreslagna att avlastas: {offloaded.tasks}",
            f"Uppskattad frigjord tid: {decimal(total.estimated)} timmar per månad",
            f"Frigjord tid efter uppföljning: {decimal(total.realised)} timmar per månad "
            f"({total.realised_tasks} uppgifter följda)",
        ),
    )


def examples_section(period: Period) -> Section:
    titles = tuple(
        db.session.scalars(
            select(ExampleCase.title)
            .where(
                ExampleCase.published_at >= start_of_day(period.start),
                ExampleCase.published_at < start_of_day(period.end),
            )
            .order_by(ExampleCase.published_at)
        )
    )
    total = db.session.scalar(select(func.count()).where(ExampleCase.published_at.is_not(None)))
    return Section(
        HEADINGS[6],
        (f"{len(titles)} goda exempel publicerades under perioden, {total} totalt.",),
        titles,
    )


def build(
    period: Period, today: date, programme: ProgrammeContent, dialogue: DialogueContent
) -> Report:
    found = service.activities()
    intro = service.intro_for(period.key)
    return Report(
        programme.title,
        period,
        (
            summary_section(intro.summary if intro else "", period),
            background_section(programme),
            activities_section(programme, found, period),
            gap_section(period, today),
            dialogue_section(dialogue, period),
            tasks_section(period),
            examples_section(period),
            plan_section(programme, found, period),
        ),
    )
