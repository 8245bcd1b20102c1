"""PRODUCT.md section 6: login throttling holds across several worker
processes – a real gunicorn with two workers on SQLite and PostgreSQL."""

import http.client
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import create_engine, func, select

from tests.conftest import csrf_token_from
from tests.ops.conftest import ROOT, app_env, flask_cli
from toolbox.auth.models import LoginFailure

ACCOUNT = "spärr.prov@example.se"
PASSWORD = "korv-med-bröd-och-senap-7"
WRONG = "fel-lösenord-varje-gång-1"
WRONG_MESSAGE = "Fel e-postadress eller lösenord."
THROTTLED = "För många misslyckade inloggningar"
LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")
START_TIMEOUT = 30


@dataclass(frozen=True)
class Reply:
    status: int
    cookies: dict[str, str]
    text: str


@dataclass(frozen=True)
class Server:
    port: int
    access_log: Path

    def failed_logins_by_worker(self) -> Counter[int]:
        """How many failed logins (422) each worker process answered."""
        answered: Counter[int] = Counter()
        for line in self.access_log.read_text().splitlines():
            pid, method, path, status = line.split()  # gunicorn writes the pid as <1234>
            if (method, path, status) == ("POST", "/login", "422"):
                answered[int(pid.strip("<>"))] += 1
        return answered


def call(
    port: int,
    method: str,
    path: str,
    form: dict | None = None,
    cookies: dict[str, str] | None = None,
) -> Reply:
    """One request over a connection of its own, so that any worker may take it."""
    headers = {"Connection": "close"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    body = None
    if form is not None:
        body = urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        jar = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or ():
            jar.load(header)
        text = response.read().decode()
        return Reply(response.status, {name: m.value for name, m in jar.items()}, text)
    finally:
        connection.close()


def attempt_login(port: int, password: str) -> Reply:
    """What a browser does: fetch the form, then post it with its CSRF token."""
    form_page = call(port, "GET", "/login")
    assert form_page.status == 200, form_page.text
    form = {"csrf_token": csrf_token_from(form_page.text), "email": ACCOUNT, "password": password}
    return call(port, "POST", "/login", form=form, cookies=form_page.cookies)


def wait_until_serving(process: subprocess.Popen, log: Path) -> int:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited with {process.returncode}:\n{log.read_text()}")
        found = LISTENING.search(log.read_text())
        if found:
            try:
                if call(int(found.group(1)), "GET", "/healthz").status == 200:
                    return int(found.group(1))
            except OSError:
                pass
        time.sleep(0.1)
    pytest.fail(f"gunicorn did not answer /healthz in {START_TIMEOUT} s:\n{log.read_text()}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@pytest.fixture
def server(scratch_database_url, tmp_path) -> Iterator[Server]:
    """gunicorn with two workers on a database set up by the real commands."""
    env = app_env(scratch_database_url)
    flask_cli(env, "db", "upgrade")
    flask_cli(
        env,
        "create-user",
        ACCOUNT,
        "--name",
        "Stina Spärr",
        "--role",
        "chef",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    log, access_log = tmp_path / "gunicorn.log", tmp_path / "access.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        "2",
        "--bind",
        "127.0.0.1:0",
        "--graceful-timeout",
        "5",
        "--access-logfile",
        str(access_log),
        "--access-logformat",
        "%(p)s %(m)s %(U)s %(s)s",
        "app:create_app()",
    ]
    with log.open("w") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        yield Server(wait_until_serving(process, log), access_log)
    finally:
        stop(process)


def test_login_throttling_is_shared_by_all_workers(server):
    # Attempts 1-8 in concurrent pairs: while one worker hashes a password,
    # the other must take the second request, so both workers count failures.
    with ThreadPoolExecutor(max_workers=2) as pool:
        for _ in range(4):
            for reply in pool.map(lambda _: attempt_login(server.port, WRONG), range(2)):
                assert reply.status == 422, reply.text
                assert WRONG_MESSAGE in reply.text
    ninth = attempt_login(server.port, WRONG)
    assert ninth.status == 422, ninth.text
    assert WRONG_MESSAGE in ninth.text

    tenth = attempt_login(server.port, WRONG)
    assert tenth.status == 429, tenth.text
    assert THROTTLED in tenth.text

    correct = attempt_login(server.port, PASSWORD)
    assert correct.status == 429, correct.text
    assert THROTTLED in correct.text

    workers = server.failed_logins_by_worker()
    assert len(workers) == 2, f"failed logins were answered by only {workers}"
    assert sum(workers.values()) == 9


def test_a_burst_of_guesses_gets_no_more_than_the_limit(server, scratch_database_url):
    """Twenty wrong passwords at once, four at a time over both workers: the
    check and the count are one step, so no burst slips extra guesses in."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        replies = list(pool.map(lambda _: attempt_login(server.port, WRONG), range(20)))
    statuses = Counter(reply.status for reply in replies)
    assert set(statuses) == {422, 429}, statuses
    # Each password checked and found wrong is one row; the limit is 10.
    engine = create_engine(scratch_database_url)
    try:
        with engine.connect() as connection:
            guesses = connection.scalar(
                select(func.count())
                .select_from(LoginFailure)
                .where(LoginFailure.account == ACCOUNT)
            )
    finally:
        engine.dispose()
    assert guesses == 10, statuses
