"""The local OpenID provider (tests/sso/provider: the node `oidc-provider`
package) as a process on 127.0.0.1, for the browser test. Its npm packages
are installed by the test setup itself (`npm ci`, from the committed lock
file, again whenever the lock file changes); without Node 20+ and npm the
test is skipped, or fails under REQUIRE_BROWSER=1 as CI runs it. npm's and
the provider's error output are shown when they fail."""

import hashlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

PROVIDER_DIR = Path(__file__).resolve().parent / "provider"
CLIENT_ID = "verktygsladan"
CLIENT_SECRET = "lokal-hemlighet"  # noqa: S105 - the local provider's test client
STARTUP_SECONDS = 30
NODE_MAJOR = 20  # oidc-provider 9
# In node_modules: the hash of the lock file the packages were installed from.
LOCK_STAMP = ".lock-sha256"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def node_version(node: str) -> str:
    result = subprocess.run(  # noqa: S603 - the node found on PATH
        [node, "--version"], capture_output=True, text=True, timeout=30, check=False
    )
    return result.stdout.strip()


def major_of(version: str) -> int:
    head = version.lstrip("v").split(".", 1)[0]
    return int(head) if head.isdigit() else 0


def node_or_skip() -> str:
    node, npm = shutil.which("node"), shutil.which("npm")
    version = node_version(node) if node else ""
    if node and npm and major_of(version) >= NODE_MAJOR:
        return node
    found = f"found node {version or 'missing'}, npm {'at ' + npm if npm else 'missing'}"
    reason = (
        f"the SSO browser test needs Node.js {NODE_MAJOR}+ and npm ({found}); "
        ".ci/ensure-node installs them"
    )
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)
    return ""


def lock_hash() -> str:
    return hashlib.sha256((PROVIDER_DIR / "package-lock.json").read_bytes()).hexdigest()


def install() -> None:
    """`npm ci` when node_modules was not installed from this lock file (which
    pins oidc-provider and what it needs); npm's errors are shown on failure."""
    stamp = PROVIDER_DIR / "node_modules" / LOCK_STAMP
    wanted = lock_hash()
    if stamp.exists() and stamp.read_text().strip() == wanted:
        return
    result = subprocess.run(  # noqa: S603 - a fixed command
        ["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(PROVIDER_DIR)],  # noqa: S607
        timeout=600,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"npm ci in {PROVIDER_DIR} failed ({result.returncode}):\n"
            f"{result.stderr[-4000:]}{result.stdout[-2000:]}"
        )
    stamp.write_text(wanted)


@contextmanager
def node_provider(port: int, portal: str) -> Iterator[str]:
    """The provider at http://127.0.0.1:`port` for the portal at `portal`; its issuer."""
    node = node_or_skip()
    install()
    issuer = f"http://127.0.0.1:{port}"
    env = os.environ | {
        "OIDC_PORT": str(port),
        "OIDC_PORTAL": portal,
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
    }
    # Its output goes to a file (a pipe nobody reads could fill and stall it),
    # shown when it does not start.
    with tempfile.TemporaryFile(mode="w+") as output:
        process = subprocess.Popen(  # noqa: S603 - a fixed command
            [node, "server.mjs"],
            cwd=PROVIDER_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(f"{issuer}/.well-known/openid-configuration", process, output)
            yield issuer
        finally:
            process.terminate()
            process.wait(timeout=10)


def wait_for(url: str, process: subprocess.Popen, output) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"the OpenID provider exited with {process.returncode}:\n{tail(output)}"
            )
        try:
            if requests.get(url, timeout=1).ok:
                return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise RuntimeError(f"the OpenID provider did not answer at {url}:\n{tail(output)}")


def tail(output) -> str:
    output.seek(0)
    return output.read()[-4000:]
