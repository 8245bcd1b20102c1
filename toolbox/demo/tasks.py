"""Demo data for the task register: the starter register of
content/admin_tasks.yaml with its history, deterministic and idempotent."""

import random
from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from toolbox.auth.models import User, UserRole
from toolbox.clock import utcnow
from toolbox.extensions import db
from toolbox.org.models import OrgUnit
from toolbox.tasks.content import FILENAME, StarterTask, load_register
from toolbox.tasks.models import ACTION_LABELS, Task, TaskComment, TaskEndorsement, TaskEvent
from toolbox.web.filters import decimal

LARGE_TASKS = 1500
DECIDED = ("beslutad", "genomfors", "genomford")


def seed_tasks(content_dir: Path, size: str) -> str:
    """Load the starter register (and for `large` about 1,500 tasks); a second run
    changes nothing."""
    register = load_register(content_dir / FILENAME)
    existing = set(db.session.scalars(select(Task.seed_key).where(Task.seed_key.is_not(None))))
    users = {user.email: user for user in db.session.scalars(select(User))}
    units = dict(db.session.execute(select(OrgUnit.code, OrgUnit.id)).all())
    assessor = users.get("hr@example.se") or _first_with_role("hr")
    context = (assessor, register.swedish_function_labels)
    starters = list(register.tasks)
    if size == "large":
        starters += _generated(starters, _chef_emails(), LARGE_TASKS - len(starters))
    created = 0
    for starter in starters:
        if starter.key not in existing:
            _create(starter, users, units, context)
            created += 1
    db.session.flush()
    total = db.session.scalar(select(func.count()).select_from(Task))
    return f"{total} administrativa uppgifter ({created} nya)"


def _first_with_role(role: str) -> User | None:
    with_role = select(UserRole.user_id).where(UserRole.role == role)
    return db.session.scalar(select(User).where(User.id.in_(with_role)).order_by(User.id))


def _chef_emails() -> list[str]:
    with_role = select(UserRole.user_id).where(UserRole.role == "chef")
    return list(
        db.session.scalars(select(User.email).where(User.id.in_(with_role)).order_by(User.email))
    )


def _generated(templates: list[StarterTask], chefs: list[str], count: int) -> list[StarterTask]:
    """Variations of the starter tasks, for the benchmark's large data set."""
    rng = random.Random(2026)  # noqa: S311 - deterministic demo data, not security
    generated = []
    for number in range(1, max(count, 0) + 1):
        template = templates[number % len(templates)]
        generated.append(
            replace(
                template,
                key=f"gen-{number:04d}",
                title=f"{template.title} ({number})",
                proposer=rng.choice(chefs) if chefs else template.proposer,
                hours=Decimal(rng.randint(5, 80)) / 10,
                days_ago=rng.randint(template.days_ago, template.days_ago + 400),
                comments=(),
            )
        )
    return generated


def _at(start: datetime, days: int, share: float) -> datetime:
    return start + timedelta(days=days * share)


def _create(starter: StarterTask, users: dict[str, User], units: dict, context: tuple) -> Task:
    """The task as it would stand after going through the workflow; context is
    (the HR user who assessed it, the receiving functions' labels)."""
    start = utcnow() - timedelta(days=starter.days_ago)
    proposer, decider = users.get(starter.proposer), users.get(starter.decided_by or "")
    decided = starter.status in DECIDED or starter.status == "avslagen"
    task = Task(
        seed_key=starter.key,
        title=starter.title,
        description=starter.description,
        category=starter.category,
        frequency=starter.frequency,
        hours_per_month=starter.hours,
        affected_managers=starter.managers,
        scope_unit_id=units.get(starter.scope or ""),
        action=starter.action,
        receiving_function=starter.function,
        assessment=starter.assessment,
        status=starter.status,
        decision=starter.decision,
        rejection_reason=starter.rejection_reason,
        decided_by=decider if decided else None,
        decided_at=_at(start, starter.days_ago, 0.5) if decided else None,
        owner=users.get(starter.owner or ""),
        realised_hours_per_month=starter.realised_hours,
        follow_up=starter.follow_up,
        realised_reported_at=_at(start, starter.days_ago, 0.9) if starter.realised_hours else None,
        proposer=proposer,
        created_at=start,
        updated_at=start,
        search_text=f"{starter.title}\n{starter.description}".lower(),
    )
    db.session.add(task)
    _history(task, starter, start, proposer, users, context)
    return task


def _event(task: Task, actor, at: datetime, kind: str, detail: str = "", **status) -> None:
    task.events.append(TaskEvent(actor=actor, at=at, kind=kind, detail=detail, **status))


def _steps(starter: StarterTask, functions: dict[str, str]) -> list[tuple]:
    """(step, actor, share of the task's age, detail, from, to): the workflow steps
    behind the starter task's status, as the service would have recorded them."""
    status, source = starter.status, "under_genomlysning" if starter.assessment else "inkommen"
    steps = []
    if starter.assessment:
        assessed = f"Åtgärd: {ACTION_LABELS[starter.action or 'utveckla']}"
        if starter.function:
            assessed += f", mottagande funktion: {functions[starter.function]}"
        steps.append(("bedom", "hr", 0.3, assessed + ".", "inkommen", "under_genomlysning"))
    if status == "avslagen":
        reason = f"Skäl: {starter.rejection_reason}"
        steps.append(("avsla", "decider", 0.5, reason, source, "avslagen"))
    if status in DECIDED:
        decision = f"Beslut: {starter.decision}"
        steps.append(("besluta", "decider", 0.5, decision, source, "beslutad"))
    if status in ("genomfors", "genomford"):
        steps.append(("starta", "owner", 0.6, "", "beslutad", "genomfors"))
    if status == "genomford":
        realised = f"{decimal(starter.realised_hours)} timmar per chef och månad."
        steps.append(("rapportera", "owner", 0.9, realised, "genomfors", "genomford"))
    return steps


def _history(task: Task, starter: StarterTask, start, proposer, users, context) -> None:
    days = starter.days_ago
    proposal = (
        f"{decimal(starter.hours)} timmar per chef och månad, {starter.managers} berörda chefer."
    )
    _event(task, proposer, start, "created", proposal, to_status="inkommen")
    for note in starter.endorsements:
        user = users.get(note.user)
        if user is not None and user is not proposer:
            at = _at(start, days, 0.1)
            endorsement = TaskEndorsement(user=user, hours_per_month=note.hours, created_at=at)
            task.endorsements.append(endorsement)
            _event(
                task,
                user,
                at,
                "endorsed",
                f"{decimal(note.hours)} timmar per månad.",
            )
    assessor, functions = context
    actors = {"hr": assessor, "decider": task.decided_by, "owner": task.owner}
    for step, actor, share, detail, source, target in _steps(starter, functions):
        at = _at(start, days, share)
        _event(task, actors[actor], at, step, detail, from_status=source, to_status=target)
    for index, note in enumerate(starter.comments):
        at = _at(start, days, 0.2 + index / 100)
        task.comments.append(
            TaskComment(author=users.get(note.user), text=note.text, created_at=at)
        )
