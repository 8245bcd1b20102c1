"""The workflow table (acceptance 2): every step from every status by every
kind of user is tried; the allowed ones move the task, the others are refused
with a clear message and change nothing."""

import pytest
from sqlalchemy import select

from tests.tasks.conftest import DECIDED, form, snapshot, task_status, task_version
from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.tasks.models import STATUSES, Task, TaskEvent
from toolbox.tasks.workflow import STEPS, StepRefused, check_step, steps_for

# The rules of PRODUCT.md 3.5 written out by hand, independent of the table in
# toolbox/tasks/workflow.py: (status, step) -> (new status, who may).
EXPECTED = {
    ("inkommen", "bedom"): ("under_genomlysning", {"hr"}),
    ("under_genomlysning", "bedom"): ("under_genomlysning", {"hr"}),
    ("inkommen", "aterkalla"): ("avslagen", {"proposer"}),
    ("under_genomlysning", "aterremittera"): ("inkommen", {"ledning"}),
    ("under_genomlysning", "besluta"): ("beslutad", {"ledning"}),
    ("inkommen", "avsla"): ("avslagen", {"ledning"}),
    ("under_genomlysning", "avsla"): ("avslagen", {"ledning"}),
    ("beslutad", "starta"): ("genomfors", {"owner", "ledning"}),
    ("genomfors", "rapportera"): ("genomford", {"owner"}),
    ("genomford", "rapportera"): ("genomford", {"owner"}),
    ("avslagen", "ateroppna"): ("inkommen", {"ledning"}),
}
# What each kind of user is, as the rules above name it. The owner is an HR
# user; a task has an owner only once leadership has decided.
PERSONAS = {
    "chef": {"chef"},
    "proposer": {"chef", "proposer"},
    "hr": {"hr"},
    "ledning": {"ledning"},
    "owner": {"hr", "owner"},
    "admin": {"admin"},
}


def tags(persona: str, status: str) -> set[str]:
    found = set(PERSONAS[persona])
    if persona == "owner" and status not in DECIDED:
        found.discard("owner")
    return found


def expected(persona: str, status: str, step: str) -> str | None:
    """The new status when the persona may take the step, else None."""
    target, who = EXPECTED.get((status, step), (None, set()))
    return target if who & tags(persona, status) else None


def valid_data(step: str, people) -> dict:
    return {
        "bedom": {
            "action": "avlasta",
            "function": "chefsstod",
            "hours_per_month": "2,5",
            "affected_managers": "3",
            "note": "Chefsstödet kan ta över.",
        },
        "besluta": {"note": "Chefsstödet tar över från 1 maj.", "owner_id": str(people.owner.id)},
        "avsla": {"note": "Ingår i chefens uppdrag."},
        "rapportera": {"realised": "1,5", "note": "Enkät efter tre månader."},
    }.get(step, {"note": "Anteckning."})


def test_the_table_has_every_step_of_the_rules():
    assert set(STEPS) == {step for _, step in EXPECTED}


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_the_table_allows_exactly_the_rules(persona):
    """check_step and the buttons (steps_for) agree with the rules, without a database."""
    user = User(id=1, email="x@example.se", name="X")
    user.set_roles(PERSONAS[persona] - {"owner", "proposer"})
    for status in STATUSES:
        task = Task(status=status, proposer_id=1 if persona == "proposer" else 2)
        task.owner_id = 1 if "owner" in tags(persona, status) else 3
        buttons = {t.step for t in steps_for(task, user)}
        for step in STEPS:
            target = expected(persona, status, step)
            if target:
                assert check_step(task, step, user).target == target, (status, step)
                assert step in buttons, (status, step)
            else:
                with pytest.raises(StepRefused, match="Ingenting har ändrats."):
                    check_step(task, step, user)
                assert step not in buttons, (status, step)


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_every_step_from_every_status_over_http(app, people, make_task, login_as, client, persona):
    user = people.by_name(persona)
    login_as(user)
    checked = refused = 0
    for status in STATUSES:
        for step in STEPS:
            task_id = make_task(status)
            before = snapshot(app, task_id)
            data = form(version=str(before["version"]), **valid_data(step, people))
            response = client.post(f"/uppgifter/{task_id}/steg/{step}", data=data)
            page = response.get_data(as_text=True)
            where = f"{persona}: {step} from {status}"
            target = expected(persona, status, step)
            if target:
                assert response.status_code == 302, f"{where}: {page[:400]}"
                assert task_status(app, task_id) == target, where
            else:
                refused += 1
                assert response.status_code in (403, 409), where
                assert snapshot(app, task_id) == before, where
                if persona != "admin":  # admin never reaches the register
                    assert "Ingenting har ändrats." in page, where
                    assert "Det går inte." in page, where
            checked += 1
    assert checked == len(STATUSES) * len(STEPS)
    assert refused > 0


def test_refusals_say_why(app, people, make_task, login_as, client):
    task_id = make_task("beslutad")
    login_as(people.chef)
    page = client.get(f"/uppgifter/{task_id}/steg/besluta")
    assert page.status_code == 403
    assert "”Besluta” får bara göras av ledningen. Ingenting har ändrats." in page.get_data(
        as_text=True
    )
    login_as(people.ledning)
    page = client.post(
        f"/uppgifter/{task_id}/steg/besluta",
        data=form(version="1", note="Mitt beslut som inte får försvinna", owner_id="1"),
    )
    text = page.get_data(as_text=True)
    assert page.status_code == 409
    assert "går inte när uppgiften har status Beslutad, bara när den är Under genomlysning" in text
    assert "Mitt beslut som inte får försvinna" in text  # the text is kept to copy


def test_history_records_each_step_with_who_and_what(app, people, make_task, login_as, client):
    task_id = make_task("inkommen")
    steps = [
        (people.hr, "bedom"),
        (people.ledning, "besluta"),
        (people.owner, "starta"),
        (people.owner, "rapportera"),
    ]
    for user, step in steps:
        login_as(user)
        data = form(version=str(task_version(app, task_id)), **valid_data(step, people))
        assert client.post(f"/uppgifter/{task_id}/steg/{step}", data=data).status_code == 302
    with app.app_context():
        events = db.session.scalars(
            select(TaskEvent).where(TaskEvent.task_id == task_id).order_by(TaskEvent.id)
        ).all()
        assert [(e.kind, e.actor_id, e.from_status, e.to_status) for e in events] == [
            ("bedom", people.hr.id, "inkommen", "under_genomlysning"),
            ("besluta", people.ledning.id, "under_genomlysning", "beslutad"),
            ("starta", people.owner.id, "beslutad", "genomfors"),
            ("rapportera", people.owner.id, "genomfors", "genomford"),
        ]
        assert events[0].detail.startswith("Åtgärd: Avlasta, mottagande funktion: Chefsstöd")
        assert "timmar per chef och månad 2,0 → 2,5" in events[0].detail
        assert events[1].detail == "Beslut: Chefsstödet tar över från 1 maj. Ägare: Agnes Ägare."
        assert events[3].detail.startswith("1,5 timmar per chef och månad.")
        task = db.session.get(Task, task_id)
        assert task.decided_by_id == people.ledning.id
        assert task.owner_id == people.owner.id
        assert str(task.realised_hours_per_month) == "1.5"
        assert task.affected_managers == 3
    login_as(people.chef)
    page = client.get(f"/uppgifter/{task_id}").get_data(as_text=True)
    assert "Bedömd av HR (Inkommen → Under genomlysning)" in page
    assert "Realiserad tid rapporterad (Genomförs → Genomförd)" in page
