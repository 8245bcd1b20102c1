"""Changes to the task register: proposals, edits, endorsements, comments and
the workflow steps. Every change writes a line of history (TaskEvent); the
caller commits."""

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError

from toolbox.audit.service import record, swedish
from toolbox.auth.models import User, UserRole
from toolbox.clock import utcnow
from toolbox.db.edits import EditConflict, EditRefused
from toolbox.extensions import db
from toolbox.tasks.content import MAX_HOURS, get_register
from toolbox.tasks.models import ACTION_LABELS, STATUS_LABELS, Task, TaskComment, TaskEndorsement
from toolbox.tasks.models import TaskEvent as Event
from toolbox.tasks.workflow import Transition, check_step
from toolbox.web.filters import decimal
from toolbox.web.language import gettext as _

OPEN = ("inkommen", "under_genomlysning")  # still being proposed and assessed
OWNER_ROLES = ("hr", "ledning")
AUDITED = {"besluta": "task_decided", "avsla": "task_rejected", "ateroppna": "task_reopened"}
# The history's words for the fields: stored with the event, so in Swedish (data).
FIELD_LABELS = {
    "title": "titel",
    "description": "beskrivning",
    "category": "kategori",
    "frequency": "frekvens",
    "hours_per_month": "timmar per chef och månad",
    "affected_managers": "berörda chefer",
    "scope_unit_id": "berör chefer inom",
    "action": "föreslagen åtgärd",
}
NUMBER_PLACES = {"hours_per_month": 1, "affected_managers": 0}


@dataclass
class TaskChange:
    title: str
    description: str
    category: str
    frequency: str
    hours_per_month: Decimal
    affected_managers: int
    scope_unit_id: int | None = None
    action: str | None = None


@dataclass
class StepInput:
    note: str = ""
    action: str | None = None
    function: str | None = None
    hours: Decimal | None = None
    managers: int | None = None
    owner_id: int | None = None
    realised: Decimal | None = None


def add_event(task: Task, actor: User | None, kind: str, detail: str = "", **status) -> Event:
    event = Event(kind=kind, actor=actor, detail=detail, at=utcnow(), **status)
    task.events.append(event)
    return event


def _apply(task: Task, change: TaskChange) -> None:
    for key, value in vars(change).items():
        setattr(task, key, value)
    task.search_text = f"{change.title}\n{change.description}".lower()


def create_task(change: TaskChange, proposer: User) -> Task:
    task = Task(proposer=proposer, status="inkommen")
    _apply(task, change)
    db.session.add(task)
    add_event(
        task,
        proposer,
        "created",
        f"{decimal(change.hours_per_month)} timmar per chef och månad, "
        f"{change.affected_managers} berörda chefer.",
        to_status="inkommen",
    )
    return task


def edit_refusal(task: Task, user: User) -> str | None:
    """Why the user may not edit the task now, or None."""
    if task.status not in OPEN:
        return _(
            "En uppgift med status %(status)s kan inte ändras längre.", status=task.status_label
        )
    if user.has_role("hr") or (task.proposer_id == user.id and task.status == "inkommen"):
        return None
    return _(
        "Bara HR, och den som lämnade förslaget så länge det är inkommet, kan ändra uppgiften."
    )


def _changes(task: Task, change: TaskChange) -> list[str]:
    """The changed fields in words; numbers with their old and new value."""
    described = []
    for key, value in vars(change).items():
        old = getattr(task, key)
        if old == value:
            continue
        if key in NUMBER_PLACES:
            places = NUMBER_PLACES[key]
            described.append(
                f"{FIELD_LABELS[key]} {decimal(old, places)} → {decimal(value, places)}"
            )
        else:
            described.append(FIELD_LABELS[key])
    return described


def update_task(task: Task, change: TaskChange, version: int, actor: User) -> bool:
    """Apply an edit made on version `version`; True when something changed."""
    refusal = edit_refusal(task, actor)
    if refusal:
        raise EditRefused(refusal)
    if version != task.version:
        raise EditConflict()
    described = _changes(task, change)
    if not described:
        return False
    _apply(task, change)
    add_event(task, actor, "edited", "Ändrade " + ", ".join(described) + ".")
    return True


def endorse_refusal(task: Task, user: User) -> str | None:
    if not user.has_role("chef"):
        return _("Bara chefer kan anmäla att en uppgift berör dem.")
    if task.status not in OPEN:
        return _("Det går bara medan uppgiften är inkommen eller under genomlysning.")
    if task.proposer_id == user.id:
        return _("Du lämnade själv förslaget, så din uppskattning finns redan med.")
    if any(e.user_id == user.id for e in task.endorsements):
        return _("Du har redan anmält att uppgiften berör dig.")
    return None


def endorse(task: Task, user: User, hours: Decimal) -> TaskEndorsement:
    """The manager says "berör mig också", with their own hours per month."""
    refusal = endorse_refusal(task, user)
    if refusal:
        raise EditRefused(refusal)
    endorsement = TaskEndorsement(task_id=task.id, user_id=user.id, hours_per_month=hours)
    try:
        with db.session.begin_nested():
            db.session.add(endorsement)
    except IntegrityError as error:  # the same manager in another tab, at the same moment
        raise EditRefused(_("Du har redan anmält att uppgiften berör dig.")) from error
    db.session.expire(task, ["endorsements"])
    add_event(task, user, "endorsed", f"{decimal(hours)} timmar per månad.")
    return endorsement


def withdraw_endorsement(task: Task, user: User) -> None:
    mine = next((e for e in task.endorsements if e.user_id == user.id), None)
    if mine is None or task.status not in OPEN:
        raise EditRefused(_("Det finns ingen anmälan från dig som kan tas bort."))
    task.endorsements.remove(mine)
    add_event(task, user, "unendorsed", "Tog bort sin anmälan om att uppgiften berör dem.")


def add_comment(task: Task, author: User, text: str) -> TaskComment:
    comment = TaskComment(author=author, text=text.strip())
    task.comments.append(comment)
    return comment


def owner_candidates():
    """Active HR and leadership users: the ones a decision can make owner."""
    with_role = select(UserRole.user_id).where(UserRole.role.in_(OWNER_ROLES))
    return select(User).where(User.active, User.id.in_(with_role)).order_by(func.lower(User.name))


def _assess(task: Task, _actor: User, values: StepInput) -> str:
    functions = get_register().swedish_function_labels
    if values.action not in ACTION_LABELS:
        raise EditRefused(_("Välj en åtgärd: utveckla, avveckla eller avlasta."))
    if values.function is not None and values.function not in functions:
        raise EditRefused(_("Välj en mottagande funktion i listan."))
    if values.action == "avlasta" and values.function is None:
        raise EditRefused(_("Välj vilken funktion som ska ta över uppgiften."))
    if not values.note:
        raise EditRefused(_("Skriv bedömningen."))
    parts = [f"Åtgärd: {swedish(ACTION_LABELS[values.action])}"]
    if values.function:
        parts.append(f"mottagande funktion: {functions[values.function]}")
    if values.hours is not None and values.hours != task.hours_per_month:
        parts.append(
            f"timmar per chef och månad {decimal(task.hours_per_month)} → {decimal(values.hours)}"
        )
        task.hours_per_month = values.hours
    if values.managers is not None and values.managers != task.affected_managers:
        parts.append(f"berörda chefer {task.affected_managers} → {values.managers}")
        task.affected_managers = values.managers
    task.action, task.receiving_function = values.action, values.function
    task.assessment = values.note
    return ", ".join(parts) + "."


def _decide(task: Task, actor: User, values: StepInput) -> str:
    owner = db.session.scalar(owner_candidates().where(User.id == values.owner_id))
    if owner is None:
        raise EditRefused(_("Välj en ägare bland HR och ledningen."))
    if not values.note:
        raise EditRefused(_("Skriv beslutet."))
    task.decision, task.owner = values.note, owner
    task.decided_by, task.decided_at = actor, utcnow()
    return f"Beslut: {values.note} Ägare: {owner.name}."


def _reject(task: Task, actor: User, values: StepInput) -> str:
    if not values.note:
        raise EditRefused(_("Skriv skälet till avslaget."))
    task.rejection_reason = values.note
    task.decided_by, task.decided_at = actor, utcnow()
    return f"Skäl: {values.note}"


def _withdraw(task: Task, _actor: User, values: StepInput) -> str:
    task.rejection_reason = values.note or "Förslaget drogs tillbaka av den som lämnade det."
    return task.rejection_reason


def _report(task: Task, _actor: User, values: StepInput) -> str:
    hours = values.realised
    if hours is None or not Decimal(0) <= hours <= MAX_HOURS:
        raise EditRefused(_("Ange realiserad tid i timmar per chef och månad, 0–200."))
    before = task.realised_hours_per_month
    task.realised_hours_per_month, task.realised_reported_at = hours, utcnow()
    task.follow_up = values.note or task.follow_up
    change = f"{decimal(before)} → {decimal(hours)}" if before is not None else decimal(hours)
    return f"{change} timmar per chef och månad. {values.note}".strip()


def _reopen(task: Task, _actor: User, values: StepInput) -> str:
    task.rejection_reason, task.decided_by, task.decided_at = "", None, None
    return values.note


def _note(_task: Task, _actor: User, values: StepInput) -> str:
    return values.note


EFFECTS = {
    "bedom": _assess,
    "aterkalla": _withdraw,
    "aterremittera": _note,
    "besluta": _decide,
    "avsla": _reject,
    "starta": _note,
    "rapportera": _report,
    "ateroppna": _reopen,
}


def take_step(task: Task, step: str, actor: User, version: int, values: StepInput) -> Transition:
    """One step of the workflow, if the table allows it for this user and status."""
    transition = check_step(task, step, actor)
    if version != task.version:
        raise EditConflict()
    source = task.status
    detail = EFFECTS[step](task, actor, values)
    task.status = transition.target
    add_event(task, actor, step, detail, from_status=source, to_status=transition.target)
    if step in AUDITED:
        before, after = swedish(STATUS_LABELS[source]), swedish(STATUS_LABELS[transition.target])
        record(
            AUDITED[step],
            actor_id=actor.id,
            target=f"Uppgift {task.id}: {task.title}",
            detail=f"{before} → {after}",
        )
    return transition


def todo_counts(user: User) -> dict[str, int]:
    """Per status: all tasks, the user's own proposals, and the tasks the user
    owns – what Min sida tells about the register, in one query."""
    rows = db.session.execute(
        select(
            Task.status,
            func.count(),
            func.count(case((Task.proposer_id == user.id, 1))),
            func.count(case((Task.owner_id == user.id, 1))),
        ).group_by(Task.status)
    ).all()
    counts = {"owned": 0}
    for status, total, own, owned in rows:
        counts[f"status:{status}"], counts[f"own:{status}"] = total, own
        if status in ("beslutad", "genomfors"):
            counts["owned"] += owned
    return counts
