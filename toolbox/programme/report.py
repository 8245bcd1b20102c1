"""Återrapportering: the report to the board for one published period, in
the seed's own structure, built from live data, in the reader's language
(the page, the print view and the Word file alike: a board secretary who
reads the portal in Swedish gets the Swedish document).

Figures about people are the dashboards' own cells (analysis.service.
scope_figure over the published tables), so the report shows exactly what
Gapanalys shows for the whole organisation and the period, suppression
included; of the dialogues, only the leaders' records of what their teams
agreed (decisions, not the members' answers). The report is plain data
(parts.py) that the page, the print view and the Word file all render."""

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
from toolbox.programme.parts import (
    Chart,
    Line,
    Report,
    ReportTable,
    Section,
    figure_words,
    ui,
    written,
)
from toolbox.tasks import figures as task_figures
from toolbox.tasks.models import Task
from toolbox.teams.content import DialogueContent
from toolbox.teams.followup import agreed_counts_between, dialogue_counts_between
from toolbox.web.filters import decimal, iso_date
from toolbox.web.language import gettext as _
from toolbox.web.language import lazy_gettext as _l

HEADINGS = (
    _l("Sammanfattning"),
    _l("Bakgrund"),
    _l("Genomförda aktiviteter"),
    _l("Gapanalys"),
    _l("Ledningsgruppsdialoger"),
    _l("Administrativa uppgifter och frigjord tid"),
    _l("Goda exempel"),
    _l("Planering framåt"),
)


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


def activity_line(activity: Activity) -> Line:
    dates = " – ".join(iso_date(d) for d in (activity.starts_on, activity.ends_on) if d)
    parts = [(activity.title, True), (f" ({activity.status_label.lower()}; ", False)]
    parts += [(activity.owner, True), (f"; {dates})" if dates else ")", False)]
    if activity.outcome:
        parts += [(": ", False), (activity.outcome, True)]
    return Line(tuple(parts))


def summary_section(summary: str, period: Period) -> Section:
    paragraphs = tuple(written(p.strip()) for p in summary.split("\n\n") if p.strip())
    if not paragraphs:
        paragraphs = (
            ui(
                _(
                    "Rapporten beskriver arbetet med programmet under %(period)s. "
                    "Ledningen har ännu inte skrivit någon sammanfattning.",
                    period=period.label,
                )
            ),
        )
    return Section(str(HEADINGS[0]), paragraphs)


def background_section(content: ProgrammeContent) -> Section:
    assignment = Section(
        _("Uppdraget i korthet"),
        (ui(content.assignment),),
        tuple(ui(point) for point in content.assignment_points),
    )
    return Section(str(HEADINGS[1]), (ui(content.background),), subsections=(assignment,))


def activities_section(content: ProgrammeContent, found: list[Activity], period: Period) -> Section:
    parts = []
    for key, name in content.tracks:
        lines = tuple(activity_line(a) for a in found if a.track == key and in_period(a, period))
        none = () if lines else (ui(_("Inga aktiviteter under perioden.")),)
        parts.append(Section(name, none, lines))
    return Section(str(HEADINGS[2]), subsections=tuple(parts))


def plan_section(content: ProgrammeContent, found: list[Activity], period: Period) -> Section:
    names = content.track_names
    lines = tuple(
        Line(((f"{names.get(a.track, a.track)}: ", False), *activity_line(a).parts))
        for a in found
        if ahead(a, period)
    )
    none = () if lines else (ui(_("Inga planerade aktiviteter.")),)
    return Section(str(HEADINGS[7]), none, lines)


def share_text(figure: Figure) -> str:
    text = figure_words(figure)
    return f"{text} %" if figure.value is not None else text


def gap_section(period: Period, today: date) -> Section:
    """Whole-organisation figures for the period, the dashboards' cells."""
    config = current_app.config
    found = metrics((config["NORMTAL_MIN"], config["NORMTAL_MAX"]), config["FEEDBACK_MIN_GROUP"])
    k, tree = int(config["AGGREGATE_MIN_GROUP"]), Tree.load()
    label = period.label

    def cell(key: str, focus: str | None) -> Figure:
        return scope_figure(found[key], tree, None, period, focus, k, today)

    areas = get_content().areas
    own = {area.key: cell("skattning", area.key) for area in areas}
    others = {area.key: cell("aterkoppling", area.key) for area in areas}
    rows = tuple(
        (area.name, figure_words(own[area.key]), figure_words(others[area.key])) for area in areas
    )
    chart = Chart(
        _("Självskattning, index per område, %(period)s", period=label),
        _(
            "Chefernas självskattning per område för hela organisationen. Samma siffror finns i "
            "tabellen; ett område utan stapel har för få svar."
        ),
        tuple((area.name, own[area.key].value) for area in areas),
    )
    shares = tuple(
        ui(f"{found[key].label}: {share_text(cell(key, None))}")
        for key in ("skattat", "kontrollspann", "chefsstod")
    )
    table = ReportTable(
        _("Index 0–100 per område, hela organisationen, %(period)s", period=label),
        (_("Område"), _("Självskattning"), _("Återkoppling från andra")),
        rows,
    )
    note = _(
        "Siffrorna är desamma som i Gapanalys för hela organisationen och %(period)s. "
        "En siffra som bygger på färre än %(k)s personer visas inte (”för få svar”); "
        "en period som inte har avslutats visas som ”pågår”.",
        period=label,
        k=k,
    )
    return Section(str(HEADINGS[3]), (ui(note),), shares, (table,), (chart,))


def dialogue_section(dialogue: DialogueContent, period: Period) -> Section:
    """Dialogues held and the behaviours teams agreed on: the leaders' records
    of their teams' decisions, not members' answers (those are pooled for
    leadership only, teams/pooled.py)."""
    opened, agreed, followed = dialogue_counts_between(period.start, period.end)
    counts = agreed_counts_between(period.start, period.end)
    rows = tuple((b.text, str(counts[b.key])) for b in dialogue.behaviours if counts.get(b.key))
    paragraph = _(
        "Under perioden öppnades %(opened)s ledningsgruppsdialoger, %(agreed)s ledningsgrupper "
        "skrev in en överenskommelse och %(followed)s följde upp den.",
        opened=opened,
        agreed=agreed,
        followed=followed,
    )
    tables = (
        (
            ReportTable(
                _("Beteenden som ledningsgrupperna valde att stärka"),
                (_("Beteende"), _("Ledningsgrupper")),
                rows,
            ),
        )
        if rows
        else ()
    )
    return Section(str(HEADINGS[4]), (ui(paragraph),), tables=tables)


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
    paragraph = _(
        "Under perioden beslutades %(decided)s uppgifter, varav %(offloaded)s att avlasta, "
        "och för %(reported)s följdes den frigjorda tiden upp. Registret i sin helhet, "
        "som det ser ut när rapporten tas fram:",
        decided=decided[0],
        offloaded=decided[1],
        reported=reported,
    )
    bullets = (
        _("Uppgifter i registret: %(n)s", n=total.tasks),
        _("Uppgifter föreslagna att avlastas: %(n)s", n=offloaded.tasks),
        _("Uppskattad frigjord tid: %(hours)s timmar per månad", hours=decimal(total.estimated)),
        _(
            "Frigjord tid efter uppföljning: %(hours)s timmar per månad (%(n)s uppgifter följda)",
            hours=decimal(total.realised),
            n=total.realised_tasks,
        ),
    )
    return Section(str(HEADINGS[5]), (ui(paragraph),), tuple(ui(b) for b in bullets))


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
    paragraph = _(
        "%(n)s goda exempel publicerades under perioden, %(total)s totalt.",
        n=len(titles),
        total=total,
    )
    return Section(str(HEADINGS[6]), (ui(paragraph),), tuple(written(title) for title in titles))


def build(
    period: Period, today: date, programme: ProgrammeContent, dialogue: DialogueContent
) -> Report:
    found = service.activities()
    intro = service.intro_for(period.key)
    return Report(
        programme.title,
        period,
        period.label,
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
