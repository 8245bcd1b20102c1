"""Issue 10, load: 60 s of mixed signed-in traffic at 32 connections against
gunicorn on PostgreSQL, and not one 5xx or dropped connection.

The demo organisation is set up by the real commands; the four demo roles
sign in through the login form; each connection then walks the pages its
role finds (tests/security/discovery.py) with keep-alive, and one request
in ten is a post – a comment on a task with its CSRF and single-use tokens.
Slow: runs with RUN_SLOW=1 (LOAD_SECONDS, LOAD_CONNECTIONS to change it)."""

import http.client
import os
import random
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import select

from tests.conftest import csrf_token_from
from tests.ops.conftest import ROOT, app_env, flask_cli, is_postgres
from tests.ops.test_throttle_workers import LISTENING, stop
from tests.security.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from tests.security.discovery import crawl
from toolbox import create_app
from toolbox.auth.models import User
from toolbox.extensions import db

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("RUN_SLOW") != "1", reason="a load run: set RUN_SLOW=1"),
]
SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "32"))
POST_SHARE = 0.1
COMMENT_FORM = re.compile(r'action="(/uppgifter/\d+/kommentarer)"')
SUBMISSION = re.compile(r'name="submission" type="hidden" value="([^"]+)"')


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)

    def add(self, status: int, seconds: float, where: str) -> None:
        with self.lock:
            self.statuses[status] += 1
            self.latencies.append(seconds)
            if status >= 500:
                self.failures.append(f"{status} {where}")


class Connection:
    """One keep-alive connection with a cookie jar, as a browser tab."""

    def __init__(self, port: int, cookies: dict[str, str]):
        self.port, self.cookies = port, dict(cookies)
        self.http = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.http.request(method, path, body=body, headers=headers)
            response = self.http.getresponse()
        except (ConnectionError, http.client.HTTPException):
            self.http.close()  # the server closed a kept-alive connection: reconnect once
            self.http = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.http.request(method, path, body=body, headers=headers)
            response = self.http.getresponse()
        jar = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or ():
            jar.load(header)
        self.cookies.update({name: morsel.value for name, morsel in jar.items()})
        return response.status, response.read().decode()

    def close(self) -> None:
        self.http.close()


def sign_in(port: int, email: str) -> dict[str, str]:
    tab = Connection(port, {})
    _, page = tab.request("GET", "/login")
    form = {"csrf_token": csrf_token_from(page), "email": email, "password": DEMO_PASSWORD}
    status, _ = tab.request("POST", "/login", form)
    tab.close()
    assert status == 302, f"{email} could not sign in"
    return tab.cookies


def post_comment(tab: Connection, pages: list[str], tally: Tally) -> None:
    task_pages = [p for p in pages if re.fullmatch(r"/uppgifter/\d+", p)]
    if not task_pages:
        return
    page = random.choice(task_pages)  # noqa: S311 - load, not security
    started = time.monotonic()
    status, html = tab.request("GET", page)
    tally.add(status, time.monotonic() - started, f"GET {page}")
    action, token = COMMENT_FORM.search(html), SUBMISSION.search(html)
    if status != 200 or not action or not token:
        return
    form = {
        "csrf_token": csrf_token_from(html),
        "submission": token.group(1),
        "text": "Kommentar under last.",
    }
    started = time.monotonic()
    status, _ = tab.request("POST", action.group(1), form)
    tally.add(status, time.monotonic() - started, f"POST {action.group(1)}")


def browse(port: int, cookies: dict, pages: list[str], until: float, tally: Tally) -> None:
    tab = Connection(port, cookies)
    try:
        while time.monotonic() < until:
            step(tab, pages, tally)
    finally:
        tab.close()


def step(tab: Connection, pages: list[str], tally: Tally) -> None:
    """One page, or one in ten times a comment; a dropped connection counts."""
    try:
        if random.random() < POST_SHARE:  # noqa: S311 - load, not security
            post_comment(tab, pages, tally)
            return
        page = random.choice(pages)  # noqa: S311
        started = time.monotonic()
        status, _ = tab.request("GET", page)
        tally.add(status, time.monotonic() - started, f"GET {page}")
    except OSError as error:
        with tally.lock:
            tally.failures.append(f"connection: {error!r}")


def pages_by_role(database_url: str) -> dict[str, list[str]]:
    """What each demo role reaches, crawled in process on the same database."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "crawl"})
    found = {}
    with app.app_context():
        ids = {
            role: db.session.scalar(select(User).where(User.email == email)).get_id()
            for role, email in DEMO_ACCOUNTS.items()
        }
    for role, user_id in ids.items():
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = user_id, True
        site = crawl(app, client, role)
        found[role] = [v.url for v in site.pages(role) if v.endpoint != "auth.change_password"]
    with app.app_context():
        db.engine.dispose()
    return found


@pytest.fixture
def server(scratch_database_url, tmp_path):
    if not is_postgres(scratch_database_url):
        pytest.skip("the load run is on PostgreSQL")
    env = app_env(scratch_database_url)
    flask_cli(env, "db", "upgrade")
    flask_cli(env, "seed-demo")
    log = tmp_path / "gunicorn.log"
    command = [
        sys.executable, "-m", "gunicorn", "--workers", "4", "--worker-class", "gthread",
        "--threads", str(max(1, CONNECTIONS // 4)), "--keep-alive", "30",
        "--bind", "127.0.0.1:0", "--graceful-timeout", "5", "app:create_app()",
    ]  # fmt: skip
    with log.open("w") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        yield wait_for_port(process, log), scratch_database_url
    finally:
        stop(process)


def wait_for_port(process: subprocess.Popen, log: Path) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited:\n{log.read_text()}")
        if found := LISTENING.search(log.read_text()):
            return int(found.group(1))
        time.sleep(0.1)
    pytest.fail(f"gunicorn did not start:\n{log.read_text()}")


def test_a_minute_of_mixed_traffic_at_32_connections_without_a_5xx(server, figure):
    port, database_url = server
    pages = pages_by_role(database_url)
    cookies = {role: sign_in(port, email) for role, email in DEMO_ACCOUNTS.items()}
    roles = list(DEMO_ACCOUNTS)
    tally = Tally()
    until = time.monotonic() + SECONDS
    threads = [
        threading.Thread(
            target=browse,
            args=(port, cookies[roles[i % 4]], pages[roles[i % 4]], until, tally),
        )
        for i in range(CONNECTIONS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 60)
    total = sum(tally.statuses.values())
    latencies = sorted(tally.latencies)
    p50, p95 = latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.95)]
    print(
        f"\nload: {total} requests in {SECONDS:.0f} s at {CONNECTIONS} connections "
        f"({total / SECONDS:.0f}/s), p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"statuses {dict(tally.statuses)}"
    )
    figure(f"load: requests in {SECONDS:.0f} s at {CONNECTIONS} connections", total)
    figure("load: 5xx answers and dropped connections", len(tally.failures))
    assert tally.failures == []
    assert total >= CONNECTIONS * 10
    assert set(tally.statuses) <= {200, 302}
