"""What the register's views need between a request and the service: forms
with their choices, form data as service input, and figures as table rows."""

from flask import request, url_for
from markupsafe import Markup
from sqlalchemy import select
from wtforms import SelectChoice

from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.home import service as home
from toolbox.org.models import LEVEL_LABELS, OrgUnit
from toolbox.tasks import figures, service
from toolbox.tasks.content import Register, get_register
from toolbox.tasks.forms import STEP_FORMS, StepForm, TaskForm
from toolbox.tasks.models import ACTION_LABELS, STATUS_LABELS, Task
from toolbox.tasks.workflow import STEP_DONE
from toolbox.web.filters import date_time, decimal
from toolbox.web.language import gettext as _
from toolbox.web.language import lazy_gettext as _l
from toolbox.web.language import ngettext

FIGURE_HEADERS = (
    _l("Uppgifter"),
    _l("Berörda chefer"),
    _l("Beräknad tid, timmar per månad"),
    _l("Beräknat per chef och månad"),
    _l("Realiserad tid, timmar per månad"),
    _l("Realiserat per chef och månad"),
)
NO_ACTION = _l("Ingen åtgärd föreslagen än")
EVENT_LABELS = {
    "created": _l("Förslaget lämnades"),
    "edited": _l("Ändrad"),
    "endorsed": _l("Berör mig också"),
    "unendorsed": _l("Anmälan borttagen"),
} | STEP_DONE


def version(form) -> int:
    try:
        return int(form.version.data)
    except (TypeError, ValueError):
        return 0


def task_form(task: Task | None) -> TaskForm:
    form = TaskForm(obj=task if request.method == "GET" else None)
    form.category.choices = [SelectChoice("", _("Välj kategori"))] + [
        SelectChoice(key, name) for key, name in get_register().category_labels.items()
    ]
    scopes = db.session.scalars(
        select(OrgUnit).where(OrgUnit.level != "enhet").order_by(OrgUnit.name)
    )
    form.scope_unit_id.choices = [SelectChoice(0, _("Ingen särskild del av organisationen"))] + [
        SelectChoice(u.id, f"{u.name} ({LEVEL_LABELS[u.level].lower()})") for u in scopes
    ]
    if task is not None and request.method == "GET":
        form.scope_unit_id.data = task.scope_unit_id or 0
        form.action.data = task.action or ""
        form.version.data = str(task.version)
    return form


def task_change(form: TaskForm) -> service.TaskChange:
    return service.TaskChange(
        title=form.title.data.strip(),
        description=(form.description.data or "").strip(),
        category=form.category.data,
        frequency=form.frequency.data,
        hours_per_month=form.hours_per_month.data,
        affected_managers=form.affected_managers.data,
        scope_unit_id=form.scope_unit_id.data or None,
        action=form.action.data or None,
    )


def _initial(step: str, task: Task) -> dict:
    initial: dict = {"version": str(task.version)}
    if step == "bedom":
        initial |= {
            "action": task.action,
            "function": task.receiving_function or "",
            "hours_per_month": task.hours_per_month,
            "affected_managers": task.affected_managers,
            "note": task.assessment,
        }
    elif step == "rapportera":
        initial |= {"realised": task.realised_hours_per_month, "note": task.follow_up}
    return initial


def step_form(step: str, task: Task) -> StepForm:
    """The step's form; on GET filled in with what the task says now."""
    form_class = STEP_FORMS[step]
    form = form_class(data=_initial(step, task)) if request.method == "GET" else form_class()
    if step == "bedom":
        form.function.choices = [SelectChoice("", _("Ingen"))] + [
            SelectChoice(key, name) for key, name in get_register().function_labels.items()
        ]
    if step == "besluta":
        form.owner_id.choices = [SelectChoice(0, _("Välj ägare"))] + [
            SelectChoice(u.id, f"{u.name}, {', '.join(_owner_roles(u))}")
            for u in db.session.scalars(service.owner_candidates())
        ]
    return form


def _owner_roles(user) -> list[str]:
    return [
        _("HR") if role == "hr" else _("ledning")
        for role in sorted(user.roles)
        if role in service.OWNER_ROLES
    ]


def step_input(form: StepForm) -> service.StepInput:
    def data(name: str):
        field = form._fields.get(name)
        return None if field is None else field.data

    return service.StepInput(
        note=(data("note") or "").strip(),
        action=data("action") or None,
        function=data("function") or None,
        hours=data("hours_per_month"),
        managers=data("affected_managers"),
        owner_id=data("owner_id") or None,
        realised=data("realised"),
    )


def figure_row(label: str, found: figures.Figures) -> list[str]:
    return [
        label,
        str(found.tasks),
        str(found.managers),
        decimal(found.estimated),
        decimal(found.estimated_per_manager),
        decimal(found.realised),
        decimal(found.realised_per_manager),
    ]


def figure_tables(register: Register) -> list[tuple[str, tuple[str, ...], list[list[str]]]]:
    """(caption, headers, rows) per grouping, every group shown, a sum last."""
    groups = (
        ("category", _("Kategori"), register.category_labels, _("Summa")),
        ("action", _("Åtgärd"), ACTION_LABELS | {"": NO_ACTION}, _("Summa")),
        ("status", _("Status"), STATUS_LABELS, _("Summa utom avslagna")),
    )
    captions = {
        "category": _("Frigjord tid per kategori"),
        "action": _("Frigjord tid per åtgärd"),
        "status": _("Frigjord tid per status"),
    }
    total, tables = figures.total(), []
    for group, heading, labels, sum_label in groups:
        found = figures.figures_by(group)
        rows = [
            figure_row(label, found.get(key, figures.Figures())) for key, label in labels.items()
        ]
        rows.append(figure_row(sum_label, total))
        tables.append((captions[group], (heading, *FIGURE_HEADERS), rows))
    return tables


def own_proposals(counts: dict[str, int]) -> str:
    """ "inkommen 1, beslutad 2": the user's proposals by status, in workflow order."""
    return ", ".join(
        f"{label.lower()} {counts[f'own:{key}']}"
        for key, label in STATUS_LABELS.items()
        if counts.get(f"own:{key}")
    )


def history_rows(task: Task) -> list[list[str]]:
    """When, who and what, for every line of the task's history. The detail
    was written in Swedish when the step was taken, and is marked so."""
    rows = []
    for event in task.events:
        what = str(EVENT_LABELS.get(event.kind, event.kind))
        if event.from_status and event.to_status and event.from_status != event.to_status:
            what += f" ({STATUS_LABELS[event.from_status]} → {STATUS_LABELS[event.to_status]})"
        if event.detail:
            what = Markup('{}. <span lang="sv">{}</span>').format(what, event.detail)
        rows.append([date_time(event.at), event.actor.name if event.actor else "–", what])
    return rows


def task_todos(user: User) -> list[home.Todo]:
    """What Min sida says about the register: work waiting for this user, the
    user's own proposals and the hours-freed figures."""
    if not user.has_role("chef", "hr", "ledning"):
        return []
    counts, todos = service.todo_counts(user), []
    waiting = (
        ("hr", "inkommen", _l("Bedöm uppgifterna")),
        ("ledning", "under_genomlysning", _l("Besluta om uppgifterna")),
    )
    for role, status, link in waiting:
        number = counts.get(f"status:{status}", 0)
        if user.has_role(role) and number:
            todos.append(
                home.Todo(waiting_text(status, number), url_for("tasks.index", status=status), link)
            )
    owned = counts["owned"]
    if owned:
        text = ngettext(
            "Du är ägare till %(num)s beslutad uppgift som ska genomföras och följas upp.",
            "Du är ägare till %(num)s beslutade uppgifter som ska genomföras och följas upp.",
            owned,
        )
        todos.append(home.Todo(text, url_for("tasks.index", mina=1), _("Se dina uppgifter")))
    own = own_proposals(counts)
    if own:
        todos.append(
            home.Todo(
                _("Dina förslag: %(proposals)s.", proposals=own),
                url_for("tasks.index", mina=1),
                _("Följ dina förslag"),
            )
        )
    total = figures.total()
    if total.tasks:
        todos.append(
            home.Todo(
                _(
                    "Administrativa uppgifter: beräknat %(estimated)s timmar per månad "
                    "kan frigöras för cheferna, %(realised)s är realiserade.",
                    estimated=decimal(total.estimated),
                    realised=decimal(total.realised),
                ),
                url_for("tasks.figures_page"),
                _("Se siffrorna"),
            )
        )
    return todos


def waiting_text(status: str, number: int) -> str:
    if status == "inkommen":
        return ngettext(
            "%(num)s uppgift väntar på bedömning.", "%(num)s uppgifter väntar på bedömning.", number
        )
    return ngettext(
        "%(num)s uppgift väntar på beslut.", "%(num)s uppgifter väntar på beslut.", number
    )
