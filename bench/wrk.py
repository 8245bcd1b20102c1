"""Running wrk against one URL and reading its figures.

wrk's own `--latency` report shows the 50/75/90/99th percentiles; a small Lua
`done` hook prints the 50th, 95th and 99th and the error counts instead, in
one line that is easy to read back."""

import os
import re
import subprocess
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path

SUMMARY = """
done = function(summary, latency, requests)
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d " ..
    "status_errors=%d socket_errors=%d\\n",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""
LINE = re.compile(r"^BENCH (.*)$", re.M)
WARM_UP_SECONDS = 1
SETTLE_REQUESTS = 2  # one per worker is enough to see the queue empty
MIX_SCRIPT = Path(__file__).resolve().parent / "mix.lua"
MIX_THREADS = 2


@dataclass(frozen=True)
class WrkResult:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int  # non-2xx/3xx answers and socket errors

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def measure(url: str, cookie: str, seconds: int, connections: int) -> WrkResult:
    """wrk for `seconds` at `connections` connections, after a short warm-up."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(SUMMARY)
    try:
        options = ["--script", script.name]
        options += ["--header", f"Cookie: {cookie}"] if cookie else []
        run_wrk(url, WARM_UP_SECONDS, connections, *options)
        settle(url)
        output = run_wrk(url, seconds, connections, *options)
        settle(url)
    finally:
        Path(script.name).unlink()
    return result(read_summary(output, url))


def read_summary(output: str, what: str) -> dict[str, int]:
    match = LINE.search(output)
    if match is None:
        raise SystemExit(f"wrk gave no summary for {what}:\n{output}")
    return {key: int(value) for key, value in re.findall(r"(\w+)=(\d+)", match.group(1))}


def result(values: dict[str, int]) -> WrkResult:
    return WrkResult(
        requests=values["requests"],
        seconds=values["duration_us"] / 1e6,
        p50_ms=values["p50_us"] / 1000,
        p95_ms=values["p95_us"] / 1000,
        p99_ms=values["p99_us"] / 1000,
        errors=values["status_errors"] + values["socket_errors"],
    )


@dataclass(frozen=True)
class MixResult:
    loaded: WrkResult
    posts: int
    statuses: dict[int, int] = field(default_factory=dict)  # answers per status code

    @property
    def failed(self) -> int:
        """Answers other than 2xx and 3xx."""
        return sum(
            count for status, count in self.statuses.items() if status >= HTTPStatus.BAD_REQUEST
        )

    @property
    def redirects(self) -> int:
        return sum(
            count
            for status, count in self.statuses.items()
            if HTTPStatus.MULTIPLE_CHOICES <= status < HTTPStatus.BAD_REQUEST
        )


def measure_mix(bases: list[str], lines: Path, seconds: int, connections: int, posts: float):
    """wrk with bench/mix.lua: random lines of `lines`, a share `posts` of them
    posts, the threads spread over the app instances at `bases`."""
    env = os.environ | {
        "BENCH_MIX_FILE": str(lines),
        "BENCH_MIX_HOSTS": ",".join(base.split("//", 1)[1] for base in bases),
        "BENCH_MIX_THREADS": str(MIX_THREADS),
        "BENCH_MIX_POST_SHARE": str(posts),
    }
    output = run_wrk(bases[0] + "/", seconds, connections, "--script", str(MIX_SCRIPT), env=env)
    for base in bases:
        settle(base)
    values = read_summary(output, "the realistic mix")
    statuses = {
        int(key.split("_")[1]): count
        for key, count in values.items()
        if re.fullmatch(r"status_\d+", key)
    }
    return MixResult(result(values), values["posts"], statuses)


def settle(url: str) -> None:
    """Wait until the server has worked off the requests wrk left queued when it
    stopped: a request sent now is answered only after them. The next
    measurement then starts on idle workers."""
    base = "/".join(url.split("/")[:3])
    for _ in range(SETTLE_REQUESTS):
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=300):  # noqa: S310 - ours
                pass
        except urllib.error.HTTPError:
            pass  # the ceiling has no /healthz; its 404 comes after the backlog all the same


def run_wrk(
    url: str, seconds: int, connections: int, *options: str, env: dict[str, str] | None = None
) -> str:
    """wrk's output; `options` such as --script and --header come before the URL."""
    command = [
        "wrk",
        "--threads",
        str(min(MIX_THREADS, connections)),
        "--connections",
        str(connections),
        "--duration",
        f"{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        *options,
        url,
    ]
    done = subprocess.run(  # noqa: S603 - fixed arguments, our own URL
        command, capture_output=True, text=True, check=True, env=env
    )
    return done.stdout


def wrk_version() -> str:
    done = subprocess.run(["wrk", "--version"], check=False, capture_output=True, text=True)  # noqa: S603, S607
    first = (done.stdout or done.stderr).strip().splitlines()
    return first[0].split(" [")[0] if first else "wrk"
