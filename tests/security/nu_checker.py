"""The Nu HTML Checker (vnu-jar from npm, tests/security/vnu): installed by the
test setup itself with `npm ci` from the committed lock file, run with Java.
Without Java or npm the test is skipped, or fails under REQUIRE_BROWSER=1 as
CI runs it (.ci/run installs both)."""

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parent / "vnu"
JAR = PACKAGE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str
    extract: str


def java_or_skip() -> str:
    java, npm = shutil.which("java"), shutil.which("npm")
    if java and (npm or JAR.exists()):
        return java
    reason = (
        "the HTML check needs Java and npm for vnu-jar "
        "(apt-get install default-jre-headless nodejs npm)"
    )
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)
    return ""


def install() -> Path:
    """`npm ci` once: the lock file pins vnu-jar."""
    if not JAR.exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(PACKAGE_DIR)],
            check=True,
            timeout=600,
            capture_output=True,
        )
    return JAR


def check(folder: Path) -> list[Problem]:
    """Every error the checker finds in the .html files of `folder`, in one
    run of the checker (starting Java once keeps it to seconds)."""
    java = java_or_skip()
    jar = install()
    result = subprocess.run(  # noqa: S603 - a fixed command
        [
            java,
            "-jar",
            str(jar),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        Problem(
            Path(m.get("url", "")).name,
            m.get("lastLine", 0),
            m.get("message", ""),
            m.get("extract", "").strip(),
        )
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]
