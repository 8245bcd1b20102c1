"""The benchmark's table and bench/RESULTS.md."""

import os
import platform
from dataclasses import dataclass, field
from datetime import datetime
from importlib.metadata import version
from pathlib import Path
from statistics import median

from wrk import MixResult, WrkResult

# PRODUCT.md section 7 and issue 9.
SEARCH_PAGE = "Katalog, sökning"
SEARCH_SHARE = 60  # % of the ceiling's throughput
PAGE_SHARE = 30
P95_MS = 50
MEMORY_MB = 150
WEIGHT_KB = 60
# Issue 17, the realistic mix: of the ceiling, by database; p99 and worker peak memory.
MIX_SHARE = {"SQLite": 0.5, "PostgreSQL": 0.4}
MIX_P99_MS = 100
MIX_MEMORY_MB = 120
PACKAGES = ("Flask", "Flask-SQLAlchemy", "SQLAlchemy", "gunicorn", "psycopg", "Jinja2")


@dataclass
class Measurement:
    name: str
    url: str
    loaded: WrkResult  # at the benchmark's connections: throughput and latency under load
    single: WrkResult  # at 1 connection: p95 is the server-time estimate
    weight_kb: float = 0.0  # HTML with its CSS and JS, uncompressed
    first_ms: float = 0.0  # the first request, before the worker has kept any result


@dataclass
class MixRun:
    """The realistic mix on one database (bench/mix.py)."""

    instances: int
    users: int
    addresses: int  # distinct paths requested
    lines: int  # (user, address) pairs, posts not included
    refused: dict[tuple[str, int], int]  # (kind, status) left out of the mix
    first_ms: dict[str, list[float]]  # first request of each address, per kind
    ceiling: WrkResult  # at the mix's connections, between the two runs
    runs: list[tuple[str, MixResult]] = field(default_factory=list)
    memory: list[list[tuple[int, int, int]]] = field(default_factory=list)  # per instance


@dataclass
class Run:
    label: str
    seed_seconds: float
    server: str
    load: tuple[float, float] = (0.0, 0.0)  # 1-minute load average before and after
    pages: list[Measurement] = field(default_factory=list)
    ceilings: list[Measurement] = field(default_factory=list)  # before and after the pages
    memory: list[tuple[int, int, int]] = field(default_factory=list)
    ceiling_memory: list[tuple[int, int, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    mix: MixRun | None = None


def ceiling_rps(run: Run) -> float:
    """The ceiling's throughput in this run: the mean of its measurements."""
    found = [m.loaded.rps for m in run.ceilings]
    return sum(found) / len(found) if found else 0.0


def share(page: Measurement, run: Run) -> float:
    ceiling = ceiling_rps(run)
    return 100 * page.loaded.rps / ceiling if ceiling else 0.0


def verdict(page: Measurement, run: Run) -> str:
    wanted = SEARCH_SHARE if page.name == SEARCH_PAGE else PAGE_SHARE
    misses = []
    if share(page, run) < wanted:
        misses.append(f"< {wanted} %")
    if page.single.p95_ms > P95_MS:
        misses.append(f"p95 > {P95_MS} ms")
    if page.weight_kb > WEIGHT_KB:
        misses.append(f"> {WEIGHT_KB} KB")
    if page.loaded.errors:
        misses.append(f"{page.loaded.errors} errors")
    return "ok" if not misses else "**" + ", ".join(misses) + "**"


def table(run: Run) -> list[str]:
    lines = [
        "| page | req/s | p50 ms | p95 ms | p99 ms | of ceiling | server p95 ms (1 conn.) "
        "| first request ms | KB | budget |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for page in run.pages:
        lines.append(row(page, f"{share(page, run):.0f} %", verdict(page, run)))
    for ceiling in run.ceilings:
        lines.append(row(ceiling, f"{share(ceiling, run):.0f} %", "–"))
    return lines


def row(page: Measurement, ratio: str, budget: str) -> str:
    loaded = page.loaded
    return (
        f"| {page.name} | {loaded.rps:.0f} | {loaded.p50_ms:.1f} | {loaded.p95_ms:.1f} "
        f"| {loaded.p99_ms:.1f} | {ratio} | {page.single.p95_ms:.1f} "
        f"| {page.first_ms:.1f} | {page.weight_kb:.0f} | {budget} |"
    )


def memory_line(label: str, workers: list[tuple[int, int, int]], limit: int = MEMORY_MB) -> str:
    if not workers:
        return f"- {label}: no workers found"
    each = ", ".join(f"{rss / 1024:.0f} MB (peak {peak / 1024:.0f} MB)" for _, rss, peak in workers)
    status = "ok" if peak_mb(workers) < limit else f"**over {limit} MB**"
    return f"- {label}: {each} – {status}"


def peak_mb(workers: list[tuple[int, int, int]]) -> float:
    return max((peak for _, _, peak in workers), default=0) / 1024


def mix_section(label: str, mix: MixRun) -> list[str]:
    wanted = MIX_SHARE[label]
    instances = "one app instance" if mix.instances == 1 else f"{mix.instances} app instances"
    lines = [
        f"### Realistic mix ({label})",
        "",
        f"{mix.users} signed-in users on {mix.addresses} distinct addresses ({mix.lines} pairs of "
        f"user and address), {instances} on the database. The ceiling at the same connections, "
        f"measured between the two runs: {mix.ceiling.rps:.0f} req/s. Bars (issue 17): "
        f"≥ {wanted} of the ceiling, p99 ≤ {MIX_P99_MS} ms, no worker over {MIX_MEMORY_MB} MB.",
        "",
        "| run | req/s | of ceiling | p50 ms | p95 ms | p99 ms | posts | answers "
        "| not 2xx/3xx | bars |",
        "|---|---:|---:|---:|---:|---:|---:|---|---:|---|",
        *[mix_row(name, result, mix, wanted) for name, result in mix.runs],
        "",
        "Gunicorn worker memory after the runs (VmRSS, peak VmHWM):",
        "",
        *[memory_line(f"instance {n}", w, MIX_MEMORY_MB) for n, w in enumerate(mix.memory, 1)],
        "",
        *first_requests(mix),
    ]
    if mix.refused:
        left_out = ", ".join(f"{kind} {status}: {n}" for (kind, status), n in mix.refused.items())
        lines += ["", f"Left out of the mix (not 200 before the runs): {left_out}."]
    return lines + [""]


def mix_row(name: str, result: MixResult, mix: MixRun, wanted: float) -> str:
    loaded = result.loaded
    ratio = loaded.rps / mix.ceiling.rps if mix.ceiling.rps else 0.0
    misses = []
    if ratio < wanted:
        misses.append(f"< {wanted}")
    if loaded.p99_ms > MIX_P99_MS:
        misses.append(f"p99 > {MIX_P99_MS} ms")
    if result.failed or loaded.errors:
        misses.append("errors")
    if result.redirects > result.posts:  # every post redirects, a page should not
        misses.append("pages redirected")
    if any(peak_mb(workers) > MIX_MEMORY_MB for workers in mix.memory):
        misses.append(f"> {MIX_MEMORY_MB} MB")
    answers = ", ".join(f"{status}: {n}" for status, n in sorted(result.statuses.items()))
    verdict = "ok" if not misses else "**" + ", ".join(misses) + "**"
    return (
        f"| {name} | {loaded.rps:.0f} | {ratio:.2f} | {loaded.p50_ms:.1f} | {loaded.p95_ms:.1f} "
        f"| {loaded.p99_ms:.1f} | {result.posts} | {answers} | {result.failed + loaded.errors} "
        f"| {verdict} |"
    )


def first_requests(mix: MixRun) -> list[str]:
    """Per kind of page, the times of the addresses' first requests."""
    lines = [
        "First request of each address before the runs, one at a time, per kind of page "
        "(what a page costs when the worker has kept none of its results):",
        "",
        "| kind | addresses | median ms | p95 ms | max ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind, times in sorted(mix.first_ms.items(), key=lambda item: -max(item[1])):
        ordered = sorted(times)
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        lines.append(
            f"| {kind} | {len(ordered)} | {median(ordered):.1f} | {p95:.1f} | {ordered[-1]:.1f} |"
        )
    return lines


def section(run: Run) -> list[str]:
    lines = [
        f"## {run.label}",
        "",
        f"{run.server}. `seed-demo --size large`: {run.seed_seconds:.0f} s "
        "(`db upgrade` not included). Load average (1 min) at the start of the "
        f"measurements {run.load[0]:.1f}, at the end {run.load[1]:.1f}.",
        "",
        *table(run),
        "",
        f"Gunicorn worker memory (VmRSS after the run, VmHWM peak), budget < {MEMORY_MB} MB each:",
        "",
        memory_line("portal", run.memory),
        memory_line("ceiling", run.ceiling_memory),
    ]
    lines += [""] + [f"- {note}" for note in run.notes] if run.notes else []
    lines += [""] + mix_section(run.label, run.mix) if run.mix else []
    return lines + [""]


def machine(load: tuple[float, float, float]) -> list[str]:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        models = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                  if line.startswith("model name")]  # fmt: skip
        cpu = models[0] if models else cpu
    versions = ", ".join(f"{name} {version(name)}" for name in PACKAGES)
    return [
        f"- Date: {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- Machine: {os.cpu_count()} CPUs, {platform.machine()} ({cpu}), "
        f"{platform.system()} {platform.release()}; load average before the run "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}",
        f"- Python {platform.python_version()}, {versions}",
    ]


def write_results(runs: list[Run], path: Path, wrk: str, settings: str, load) -> Path:
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (bench/run.py); see bench/README.md for the method.",
        "",
        *machine(load),
        f"- Load: {wrk}, {settings}",
        "",
        "req/s and p50/p95/p99 come from wrk (client side, over loopback) under load; "
        '"of ceiling" is the page\'s req/s against the bare Flask + Flask-SQLAlchemy page '
        "listing 50 rows, measured in the same run before and after the pages (their mean "
        'is 100 %). "server p95" is wrk\'s p95 at one '
        "connection: with no queueing it estimates the server time (it includes the loopback "
        "round trip). Budgets (PRODUCT.md section 7, issue 9): catalog search "
        f"≥ {SEARCH_SHARE} % of the ceiling, every page ≥ {PAGE_SHARE} %, server p95 "
        f'≤ {P95_MS} ms, worker memory < {MEMORY_MB} MB. "KB" is the page\'s HTML with the '
        f"CSS and JS it loads, uncompressed (budget ≤ {WEIGHT_KB} KB).",
        "",
    ]
    for run in runs:
        lines += section(run)
    if not any(run.label == "PostgreSQL" for run in runs):
        lines += ["## PostgreSQL", "", "Not run: set BENCH_DATABASE_URL or TEST_DATABASE_URL.", ""]
    text = "\n".join(lines)
    print("\n" + text)
    path.write_text(text, encoding="utf-8")
    return path
