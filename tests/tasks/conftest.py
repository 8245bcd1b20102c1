"""Fixtures for the task register: the people of the workflow and tasks in
any status, created straight in the database (the browser tests are in
tests/browser/test_tasks.py)."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from toolbox.audit.models import AuditEvent
from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.submissions.service import new_token
from toolbox.tasks.models import Task, TaskComment, TaskEndorsement, TaskEvent

DECIDED = ("beslutad", "genomfors", "genomford")


@dataclass(frozen=True)
class People:
    proposer: User  # the chef who proposed the task
    chef: User  # another chef
    hr: User
    ledning: User
    owner: User  # an HR user whom leadership made owner
    admin: User

    def by_name(self, name: str) -> User:
        return getattr(self, name)


@pytest.fixture
def people(make_user) -> People:
    return People(
        proposer=make_user("karin@example.se", roles=("chef",), name="Karin Förslagsställare"),
        chef=make_user("olle@example.se", roles=("chef",), name="Olle Kollega"),
        hr=make_user("hanna@example.se", roles=("hr",), name="Hanna HR"),
        ledning=make_user("lars@example.se", roles=("ledning",), name="Lars Ledning"),
        owner=make_user("agnes@example.se", roles=("hr",), name="Agnes Ägare"),
        admin=make_user("amir@example.se", roles=("admin",), name="Amir Admin"),
    )


@pytest.fixture
def make_task(app, people):
    """A task in the given status, with what that status needs (owner, decision)."""

    def make(status: str = "inkommen", endorsements=(), **values) -> int:
        with app.app_context():
            task = Task(
                title=values.pop("title", "Attestera fakturor"),
                description=values.pop("description", "Små fakturor varje vecka."),
                category=values.pop("category", "ekonomi"),
                frequency=values.pop("frequency", "varje_vecka"),
                hours_per_month=Decimal(values.pop("hours", "2.0")),
                affected_managers=values.pop("managers", 1),
                status=status,
                proposer_id=values.pop("proposer_id", people.proposer.id),
            )
            if status not in {"inkommen", "avslagen"}:
                task.action, task.receiving_function = "avlasta", "ekonomi"
                task.assessment = "Kan skötas av ekonomifunktionen."
            if status in DECIDED:
                task.owner_id, task.decision = people.owner.id, "Ekonomifunktionen tar över."
            if status == "avslagen":
                task.rejection_reason = "Ingår i chefens uppdrag."
            if status == "genomford":
                task.realised_hours_per_month = Decimal("1.0")
            for key, value in values.items():
                setattr(task, key, value)
            task.search_text = f"{task.title}\n{task.description}".lower()
            db.session.add(task)
            db.session.flush()
            for user_id, hours in endorsements:
                db.session.add(
                    TaskEndorsement(
                        task_id=task.id, user_id=user_id, hours_per_month=Decimal(hours)
                    )
                )
            db.session.commit()
            return task.id

    return make


def snapshot(app, task_id: int) -> dict:
    """Everything about a task that a refused request must leave as it was."""
    with app.app_context():
        row = db.session.execute(select(Task.__table__).where(Task.id == task_id)).one()
        counted = {
            model.__name__: db.session.scalar(
                select(func.count()).select_from(model).where(model.task_id == task_id)
            )
            for model in (TaskEvent, TaskEndorsement, TaskComment)
        }
        audit = db.session.scalar(select(func.count()).select_from(AuditEvent))
        return dict(row._mapping) | counted | {"audit": audit}


def task_status(app, task_id: int) -> str:
    with app.app_context():
        return db.session.get(Task, task_id).status


def task_version(app, task_id: int) -> int:
    with app.app_context():
        return db.session.get(Task, task_id).version


def form(**values) -> dict:
    """Form data with a fresh single-use submission token."""
    return {"submission": new_token(), **values}
