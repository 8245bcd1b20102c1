"""PRODUCT.md section 6: concurrent edits never lose an update, and no
"database is locked" reaches a user – K processes, each with its own app
and database connections, edit the same records M times at once, on SQLite
and PostgreSQL. A double submit from several processes creates one record.

Each edit is a read-modify-write as a person makes it: open the form, add a
mark of one's own to the text, save. An edit is either accepted (302) or
refused as a conflict (409); in the end the text holds every accepted mark
and the audit log one change per accepted edit."""

import multiprocessing
import os
import re
from collections import Counter
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from tests.conftest import base_config
from tests.security.discovery import Form, parse_page
from tests.security.filling import form_data
from toolbox import create_app
from toolbox.audit.models import AuditEvent
from toolbox.auth.models import User
from toolbox.catalog.models import CatalogItem
from toolbox.extensions import db
from toolbox.reflection.models import DRAFT, Reflection, ReflectionAnswer, ReflectionNote
from toolbox.tasks.models import Task, TaskComment

# K processes × M edits; CONCURRENCY_PROCESSES and CONCURRENCY_EDITS for a longer run.
PROCESSES = int(os.environ.get("CONCURRENCY_PROCESSES", "4"))
EDITS = int(os.environ.get("CONCURRENCY_EDITS", "12"))


@dataclass(frozen=True)
class Job:
    url: str
    user_id: str  # what Flask-Login keeps in the session
    item_id: int
    worker: int


def app_for(url: str):
    return create_app(base_config(None) | {"SQLALCHEMY_DATABASE_URI": url})


def close(app) -> None:
    """Every connection of the app closed, the session's too."""
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def edit_item(job: Job, barrier) -> list[tuple[int, str]]:
    """One process: EDITS read-modify-write saves of the item's body."""
    app = app_for(job.url)
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = job.user_id, True
    page = f"/katalog/hantera/{job.item_id}"
    barrier.wait(timeout=60)
    outcomes = []
    for edit in range(EDITS):
        html = client.get(page).get_data(as_text=True)
        fields = next(f for action, f in parse_page(html)[1] if not action or action == page)
        form = Form("hr", page, page, "catalog.edit_item", tuple(fields))
        body = next(f.value for f in fields if f.name == "body")
        mark = f"[p{job.worker}e{edit}]"
        sent = form_data(form, {}, {"body": f"{body.rstrip()} {mark}"})
        response = client.post(page, data=MultiDict(sent))
        text = response.get_data(as_text=True)
        locked = "database is locked" in text or "Tjänsten är inte tillgänglig" in text
        outcomes.append((response.status_code if not locked else 503, mark))
    close(app)
    return outcomes


def double_submit(job: Job, barrier, token: str) -> int:
    """One process: the same comment form, with the same submission token."""
    app = app_for(job.url)
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = job.user_id, True
    barrier.wait(timeout=60)
    response = client.post(
        f"/uppgifter/{job.item_id}/kommentarer",
        data={"text": "Samma kommentar, skickad två gånger", "submission": token},
    )
    close(app)
    return response.status_code


def save_draft_step(job: Job, barrier) -> list[int]:
    """One process: EDITS saves of step 1 of the same draft (a manager with
    the draft open in two tabs, or pressing Spara twice), each with a note of
    its own."""
    app = app_for(job.url)
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = job.user_id, True
    page = f"/sjalvskattning/{job.item_id}/steg/1"
    html = client.get(page).get_data(as_text=True)
    fields = next(f for action, f in parse_page(html)[1] if action == page)
    form = Form("chef", page, page, "reflection.save_step", tuple(fields))
    barrier.wait(timeout=60)
    statuses = []
    for save in range(EDITS):
        sent = form_data(form, {}, {"note": f"p{job.worker}s{save}"}) + [("action", "later")]
        statuses.append(client.post(page, data=MultiDict(sent)).status_code)
    close(app)
    return statuses


def run_all(function, jobs: list[Job], *extra) -> list:
    context = multiprocessing.get_context("spawn")
    barrier = context.Manager().Barrier(len(jobs))
    with context.Pool(len(jobs)) as pool:
        results = [pool.apply_async(function, (job, barrier, *extra)) for job in jobs]
        return [result.get(timeout=300) for result in results]


@pytest.fixture
def demo(scratch_database_url) -> str:
    app = app_for(scratch_database_url)
    with app.app_context():
        db.create_all()
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    close(app)
    return scratch_database_url


def session_id(url: str, email: str) -> str:
    app = app_for(url)
    with app.app_context():
        found = db.session.scalar(select(User).where(User.email == email)).get_id()
    close(app)
    return found


def test_concurrent_edits_of_one_item_lose_no_update(demo, figure):
    app = app_for(demo)
    with app.app_context():
        item = db.session.scalars(select(CatalogItem).order_by(CatalogItem.id)).first()
        item_id, version = item.id, item.version
    hr = session_id(demo, "hr@example.se")
    jobs = [Job(demo, hr, item_id, worker) for worker in range(PROCESSES)]
    outcomes = [outcome for result in run_all(edit_item, jobs) for outcome in result]

    statuses = Counter(status for status, _ in outcomes)
    assert set(statuses) <= {302, 409}, statuses  # no 500, no "database is locked"
    accepted = [mark for status, mark in outcomes if status == 302]
    assert accepted, statuses
    with app.app_context():
        item = db.session.get(CatalogItem, item_id)
        marks = re.findall(r"\[p\d+e\d+\]", item.body)
        updates = db.session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "catalog_item_updated")
        )
        lost = len(set(accepted) - set(marks))
        figure(f"concurrency: edits by {PROCESSES} processes × {EDITS}", len(outcomes))
        figure("concurrency: edits accepted", len(accepted))
        figure("concurrency: edits refused as a conflict (409, text kept)", statuses[409])
        figure("concurrency: lost updates", lost)
        assert sorted(marks) == sorted(accepted)  # every accepted edit is there
        # A save may bump the version more than once (tags, then the text).
        assert item.version - version >= len(accepted)
        assert updates == len(accepted)
    close(app)
    print(f"\n{PROCESSES}×{EDITS} edits: {statuses[302]} accepted, {statuses[409]} conflicts")


def test_a_form_sent_by_several_processes_at_once_creates_one_record(demo, figure):
    app = app_for(demo)
    with app.app_context():
        task_id = db.session.scalars(select(Task.id).order_by(Task.id)).first()
        before = db.session.scalar(
            select(func.count()).select_from(TaskComment).where(TaskComment.task_id == task_id)
        )
    chef = session_id(demo, "chef@example.se")
    jobs = [Job(demo, chef, task_id, worker) for worker in range(PROCESSES)]
    statuses = run_all(double_submit, jobs, "samma-formular-0123456789abcdef")
    assert set(statuses) == {302}
    with app.app_context():
        after = db.session.scalar(
            select(func.count()).select_from(TaskComment).where(TaskComment.task_id == task_id)
        )
    close(app)
    figure(f"concurrency: records from one form sent by {PROCESSES} processes", after - before)
    assert after == before + 1


def test_saves_of_one_draft_step_at_once_keep_one_answer_each(demo, figure):
    """The bench's posts on PostgreSQL found a 500: two saves of the same
    step, each deleting the step's answers and inserting them again, both
    inserted the same answers."""
    chef = session_id(demo, "chef@example.se")
    app = app_for(demo)
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = chef, True
    started = client.post("/sjalvskattning/ny")
    assert started.status_code == 302, started.status_code
    with app.app_context():
        draft = db.session.scalar(
            select(Reflection.id).where(
                Reflection.user_id == int(chef.split(".")[0]), Reflection.status == DRAFT
            )
        )
    jobs = [Job(demo, chef, draft, worker) for worker in range(PROCESSES)]
    statuses = Counter(s for result in run_all(save_draft_step, jobs) for s in result)
    figure(
        f"concurrency: saves of one draft step by {PROCESSES} processes × {EDITS}", statuses.total()
    )
    assert set(statuses) == {302}, statuses  # every save accepted: no 500
    with app.app_context():
        answers = db.session.execute(
            select(ReflectionAnswer.question_key, func.count())
            .where(ReflectionAnswer.reflection_id == draft)
            .group_by(ReflectionAnswer.question_key)
        ).all()
        notes = db.session.scalars(
            select(ReflectionNote.text).where(ReflectionNote.reflection_id == draft)
        ).all()
    close(app)
    assert answers
    assert all(count == 1 for _key, count in answers), answers
    assert len(notes) == 1, notes  # one note for the area: the last save's
    assert re.fullmatch(r"p\d+s\d+", notes[0])
