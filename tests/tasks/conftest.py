"""Fixtures for the task register: the people of the workflow and tasks in
any status, created straight in the database; for the browser tests the
portal with demo data on a live server and a Chromium in a thread of its own.

Playwright's sync API allows one instance per thread, and the browser suite
in tests/browser may hold one in the main thread for the whole session, so
these tests drive their own Chromium from a worker thread."""

import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal

import pytest
from playwright.sync_api import Browser, sync_playwright
from sqlalchemy import func, select
from werkzeug.serving import make_server

from toolbox import create_app
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
            if status != "inkommen" and status != "avslagen":
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


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        reason = (
            f"browser tests need Chromium at {path} (apt-get install chromium or CHROMIUM_PATH)"
        )
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    return path


class BrowserThread:
    """A Chromium driven from one worker thread of its own."""

    def __init__(self, path: str):
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tasks-browser")
        self._browser: Browser = self._pool.submit(self._start, path).result(timeout=120)

    def _start(self, path: str) -> Browser:
        self._playwright = sync_playwright().start()
        return self._playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_ARGS
        )

    def run(self, work: Callable, *args):
        return self._pool.submit(work, self._browser, *args).result(timeout=600)

    def close(self) -> None:
        def stop():
            self._browser.close()
            self._playwright.stop()

        self._pool.submit(stop).result(timeout=60)
        self._pool.shutdown()


@pytest.fixture(scope="module")
def live_app(tmp_path_factory):
    chromium_path()  # skip before building anything when there is no browser
    folder = tmp_path_factory.mktemp("tasks-browser")
    application = create_app(
        {
            "SECRET_KEY": "tasks-browser-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'browser.db'}",
            "WTF_CSRF_ENABLED": True,
            "MAIL_SUPPRESS_SEND": True,
            "MAIL_OUTBOX": False,
        }
    )
    application.instance_path = str(folder / "instance")
    with application.app_context():
        db.create_all()
    result = application.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="module")
def live_url(live_app) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="tasks-live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(live_app) -> Iterator[BrowserThread]:
    worker = BrowserThread(chromium_path())
    yield worker
    worker.close()
