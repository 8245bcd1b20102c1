"""Issue 10, faults: the PostgreSQL server itself is stopped and started while
the portal runs. A server of its own (initdb in a temporary folder, a free
port of 127.0.0.1) so that the shared one the other tests use stays up.

While it is down a signed-in administrator sends a form that would write two
rows (a unit and its audit event): 503, the input shown again, nothing
written. Once the server is back the same app – not restarted – answers
/healthz with 200 and the same form saves."""

import getpass
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import app_on
from tests.ops.conftest import free_port
from toolbox.audit.models import AuditEvent
from toolbox.extensions import db
from toolbox.org.models import OrgUnit

DOWN = "Tjänsten är inte tillgänglig just nu"
UNIT = {
    "code": "OMSTART-1",
    "name": "Enheten som skrevs under omstarten",
    "level": "enhet",
    "parent_id": "0",
    "manager_id": "0",
    "staff_count": "12",
    "manager_support": "0,25",
}


def postgres_programs() -> Path | None:
    """The folder of initdb and pg_ctl (Debian keeps them out of PATH)."""
    pg_config = shutil.which("pg_config")
    if pg_config:
        found = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
        folder = Path(found.stdout.strip())
        if (folder / "initdb").exists():
            return folder
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    return candidates[0].parent if candidates else None


class Server:
    """A throwaway PostgreSQL server. As root (CI) it runs as `postgres`, since
    PostgreSQL refuses to run as root."""

    def __init__(self, programs: Path, folder: Path, port: int):
        self.programs, self.folder, self.port = programs, folder, port
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.user = "postgres" if os.geteuid() == 0 else getpass.getuser()

    def run(self, program: str, *args: str) -> None:
        command = [*self.as_user, str(self.programs / program), *args]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        assert result.returncode == 0, f"{program} failed:\n{result.stdout}{result.stderr}"

    def init(self) -> None:
        self.run("initdb", "-D", str(self.folder / "data"), "--auth=trust", "-U", "fault")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.folder / "server.log")
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-o", options, "-l", log, "-w", "start")

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://fault@127.0.0.1:{self.port}/postgres"


@pytest.fixture
def server() -> Iterator[Server]:
    programs = postgres_programs()
    if programs is None:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail("REQUIRE_POSTGRES=1 but initdb and pg_ctl were not found")
        pytest.skip("needs the PostgreSQL server programs (initdb, pg_ctl)")
    folder = Path(tempfile.mkdtemp(prefix="toolbox-fault-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    running = Server(programs, folder, free_port())
    running.init()
    running.start()
    try:
        yield running
    finally:
        subprocess.run(
            [
                *running.as_user,
                str(programs / "pg_ctl"),
                "-D",
                str(folder / "data"),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def app(server, tmp_path):
    """The portal on the throwaway server (overrides tests/conftest.py's app)."""
    with app_on(server.url, tmp_path) as application:
        yield application


def rows(app) -> tuple[int, int]:
    with app.app_context():
        units = db.session.scalar(select(func.count()).select_from(OrgUnit))
        events = db.session.scalar(select(func.count()).select_from(AuditEvent))
        db.session.remove()
    return units, events


def test_a_stopped_server_gets_503_with_the_input_kept_and_the_app_recovers(
    server, app, make_user, login_as, client, figure
):
    login_as(make_user("admin.omstart@example.se", roles=("admin",)))
    assert client.get("/admin/enheter/ny").status_code == 200  # the form is open
    before = rows(app)

    server.stop()
    health = client.get("/healthz")
    sent = client.post("/admin/enheter/ny", data=UNIT)
    page = sent.get_data(as_text=True)

    server.start()
    assert health.status_code == 503
    assert sent.status_code == 503
    assert DOWN in page
    assert UNIT["name"] in page  # what the user sent, to copy
    assert rows(app) == before  # nothing half-written
    assert client.get("/healthz").status_code == 200  # the same app, not restarted
    again = client.post("/admin/enheter/ny", data=UNIT)
    assert again.status_code == 302
    assert rows(app) == (before[0] + 1, before[1] + 1)
    figure("faults: PostgreSQL server stopped and started, no partial write, no restart")
