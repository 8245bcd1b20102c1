"""Benchmark: the portal's key pages on the `large` demo data, against the ceiling.

    make bench                      # SQLite; PostgreSQL too when a URL is set
    BENCH_DATABASE_URL=postgresql+psycopg://user:pass@127.0.0.1/toolbox_bench make bench

For each database: a fresh database, `flask db upgrade` and `seed-demo --size
large` (timed), the portal under gunicorn on 127.0.0.1, demo users logged in
through the login form, then wrk against each key page and against the bare
Flask + Flask-SQLAlchemy page of bench/ceiling.py. Prints the table and writes
it to bench/RESULTS.md. See bench/README.md for what the columns mean.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import mix
from pages import discover_pages, login
from report import Measurement, MixRun, Run, write_results
from sqlalchemy import create_engine, text
from wrk import measure, measure_mix, wrk_version

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent

DURATION = int(os.environ.get("BENCH_DURATION", "10"))  # seconds per page under load
LATENCY_DURATION = int(os.environ.get("BENCH_LATENCY_DURATION", "5"))  # at 1 connection
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
MIX_DURATION = int(os.environ.get("BENCH_MIX_DURATION", "20"))  # seconds per run of the mix
MIX_WARM_UP = 5  # seconds of the mix, not measured, before its first run
MIX_CONNECTIONS = int(os.environ.get("BENCH_MIX_CONNECTIONS", "16"))
POST_SHARE = 0.05  # of the requests in the mix's second run
SECRET = "bench-secret-key-not-for-production"  # noqa: S105 - a throwaway local server


def main() -> int:
    # Stopped with SIGTERM, still stop the servers and remove the temporary files.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if shutil.which("wrk") is None:
        print("bench: wrk is not installed. Install it with: apt-get install wrk", file=sys.stderr)
        return 2
    postgres = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    load = os.getloadavg()
    runs = []
    with tempfile.TemporaryDirectory(prefix="toolbox-bench-") as scratch:
        work = Path(scratch)
        runs.append(bench_database("SQLite", f"sqlite:///{work / 'bench.db'}", work))
        if postgres:
            runs.append(bench_database("PostgreSQL", postgres, work))
        else:
            print("bench: PostgreSQL skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)")
    settings = (
        f"{DURATION} s at {CONNECTIONS} connections and {LATENCY_DURATION} s at 1 connection "
        f"per page, gunicorn with {WORKERS} sync workers; the realistic mix {MIX_DURATION} s "
        f"per run at {MIX_CONNECTIONS} connections"
    )
    path = write_results(runs, BENCH / "RESULTS.md", wrk_version(), settings, load)
    print(f"\nWritten to {path.relative_to(ROOT)}")
    return 0


def bench_database(label: str, url: str, work: Path) -> Run:
    print(f"\n== {label} ==", flush=True)
    env = os.environ | {"DATABASE_URL": url, "SECRET_KEY": SECRET}
    run = Run(label, prepare(url, env), server_version(url))
    ceiling_url = f"sqlite:///{work / 'ceiling.db'}" if url.startswith("sqlite") else url
    ceiling_env = os.environ | {"CEILING_DATABASE_URL": ceiling_url}
    subprocess.run([sys.executable, str(BENCH / "ceiling.py")], env=ceiling_env, check=True)  # noqa: S603
    started_load = os.getloadavg()[0]
    # Both servers stay up (idle, one is measured at a time); the ceiling is
    # measured before and after the pages, so that a change in the machine's
    # load during the run shows and is averaged out of the ratios.
    with (
        Server(["ceiling:create_app()"], ceiling_env, BENCH, work / "ceiling.log") as ceiling,
        Server(["app:create_app()"], env, ROOT, work / "portal.log") as portal,
    ):
        run.ceilings.append(measured("ceiling, before the pages", ceiling.base + "/", ""))
        cookies = {who: login(portal.base, who) for who in ("chef", "hr", "ledning")}
        pages, notes = discover_pages(portal.base, cookies, url)
        run.notes.extend(notes)
        for page in pages:
            address = portal.base + page.path
            run.pages.append(
                measured(page.name, address, page.cookie, page.weight_kb, page.first_ms)
            )
        run.ceilings.append(measured("ceiling, after the pages", ceiling.base + "/", ""))
        run.memory, run.ceiling_memory = portal.worker_memory(), ceiling.worker_memory()
        run.mix = realistic_mix(url, env, work, portal, ceiling)
    run.load = (started_load, os.getloadavg()[0])
    if url.startswith("postgresql"):
        drop_ceiling_table(url)
    return run


def realistic_mix(url: str, env: dict[str, str], work: Path, portal, ceiling) -> MixRun:
    """The mix of bench/mix.py: reads only, then with a share of posts. On
    PostgreSQL a second instance of the portal serves the same database, and
    wrk's threads are spread over the two."""
    print("  realistic mix: signing in, checking every address once", flush=True)
    with ExitStack() as instances:
        portals = [portal]
        if url.startswith("postgresql"):
            log = work / "portal-2.log"
            portals.append(instances.enter_context(Server(["app:create_app()"], env, ROOT, log)))
        found = mix.prepare(portal.base, url)
        lines = found.write(work / "mix.txt")
        bases = [instance.base for instance in portals]
        measure_mix(bases, lines, MIX_WARM_UP, MIX_CONNECTIONS, 0.0)
        reads = mix_measured("mix, reads only", bases, lines, 0.0)
        ceiling_loaded = measure(ceiling.base + "/", "", MIX_DURATION, MIX_CONNECTIONS)
        print(f"  {'ceiling':<40}{ceiling_loaded.rps:8.0f} req/s", flush=True)
        posts = mix_measured(f"mix, {POST_SHARE:.0%} posts", bases, lines, POST_SHARE)
        return MixRun(
            instances=len(portals),
            users=found.users,
            addresses=found.addresses,
            lines=len(found.gets),
            refused=dict(found.refused),
            first_ms=found.first_ms,
            ceiling=ceiling_loaded,
            runs=[("reads only", reads), (f"{POST_SHARE:.0%} posts", posts)],
            memory=[instance.worker_memory() for instance in portals],
        )


def mix_measured(name: str, bases: list[str], lines: Path, posts: float):
    print(f"  {name:<40}", end="", flush=True)
    result = measure_mix(bases, lines, MIX_DURATION, MIX_CONNECTIONS, posts)
    loaded = result.loaded
    print(
        f"{loaded.rps:8.0f} req/s  p99 {loaded.p99_ms:6.1f} ms  answers {result.statuses}",
        flush=True,
    )
    return result


def prepare(url: str, env: dict[str, str]) -> float:
    """A new database with the large demo data; returns the seconds the seed took."""
    if url.startswith("postgresql"):
        empty_postgres(url)
    flask(env, "db", "upgrade")
    started = time.perf_counter()
    flask(env, "seed-demo", "--size", "large")
    seconds = time.perf_counter() - started
    print(f"seed-demo --size large: {seconds:.0f} s", flush=True)
    return seconds


def measured(
    name: str, url: str, cookie: str, weight_kb: float = 0.0, first_ms: float = 0.0
) -> Measurement:
    print(f"  {name:<40}", end="", flush=True)
    loaded = measure(url, cookie, DURATION, CONNECTIONS)
    single = measure(url, cookie, LATENCY_DURATION, 1)
    result = Measurement(name, url, loaded, single, weight_kb, first_ms)
    print(
        f"{loaded.rps:8.0f} req/s  p95 {loaded.p95_ms:6.1f} ms  "
        f"p95 at 1 connection {single.p95_ms:6.1f} ms",
        flush=True,
    )
    return result


def flask(env: dict[str, str], *args: str) -> None:
    """A command of the portal's CLI; its output is shown only when it fails."""
    command = [sys.executable, "-m", "flask", "--app", "app", *args]
    done = subprocess.run(  # noqa: S603 - the portal's own CLI
        command, check=False, cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        output = (done.stdout + done.stderr)[-4000:]
        raise SystemExit(f"bench: flask {' '.join(args)} failed:\n{output}")


def empty_postgres(url: str) -> None:
    """The benchmark owns its PostgreSQL database: it starts from an empty schema."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def drop_ceiling_table(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS bench_ceiling_rows"))
    engine.dispose()


def server_version(url: str) -> str:
    engine = create_engine(url)
    with engine.connect() as connection:
        if url.startswith("sqlite"):
            version = "SQLite " + connection.execute(text("select sqlite_version()")).scalar()
        else:
            version = connection.execute(text("show server_version")).scalar()
            version = "PostgreSQL " + version.split()[0]
    engine.dispose()
    return version


class Server:
    """gunicorn on a free port of 127.0.0.1, stopped on exit."""

    def __init__(self, app: list[str], env: dict[str, str], cwd: Path, log: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(WORKERS),
            "--error-logfile",
            str(log),
            *app,
        ]
        self.env, self.cwd, self.log = env, cwd, log
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        self.process = subprocess.Popen(self.command, cwd=self.cwd, env=self.env)  # noqa: S603
        wait_until_up(self.base, self.process, self.log)
        return self

    def __exit__(self, *exc) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def worker_memory(self) -> list[tuple[int, int, int]]:
        """(pid, VmRSS kB, VmHWM kB) of each worker, read from /proc."""
        assert self.process is not None
        found = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                fields = dict(
                    line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
                )
            except OSError:
                continue
            if int(fields.get("PPid", "0").strip()) == self.process.pid:
                found.append((int(status.parent.name), kilobytes(fields, "VmRSS"), kilobytes(
                    fields, "VmHWM")))  # fmt: skip
        return sorted(found)


def kilobytes(fields: dict[str, str], name: str) -> int:
    return int(fields.get(name, "0 kB").split()[0])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(base: str, process: subprocess.Popen, log: Path) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start-up:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(base + "/", timeout=2):  # noqa: S310 - our own server
                return
        except urllib.error.HTTPError:
            return  # it answers (the portal's / redirects to the login page)
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"gunicorn did not answer on {base}")


if __name__ == "__main__":
    sys.exit(main())
