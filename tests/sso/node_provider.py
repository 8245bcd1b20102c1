"""The local OpenID provider (tests/sso/provider: the node `oidc-provider`
package) as a process on 127.0.0.1, for the browser test. Its npm packages
are installed by the test setup itself (`npm ci`, from the committed lock
file); without Node and npm the test is skipped, or fails under
REQUIRE_BROWSER=1 as CI runs it."""

import os
import shutil
import socket
import subprocess
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def node_or_skip() -> str:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node and npm:
        return node
    reason = "the SSO browser test needs Node.js 20+ and npm (apt-get install nodejs npm)"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)
    return ""


def install() -> None:
    """`npm ci` once: the lock file pins oidc-provider and what it needs."""
    if (PROVIDER_DIR / "node_modules" / "oidc-provider" / "package.json").exists():
        return
    subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(PROVIDER_DIR)],
        check=True,
        timeout=600,
        capture_output=True,
    )


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
    process = subprocess.Popen(  # noqa: S603 - a fixed command
        [node, "server.mjs"],
        cwd=PROVIDER_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"{issuer}/.well-known/openid-configuration", process)
        yield issuer
    finally:
        process.terminate()
        process.wait(timeout=10)


def wait_for(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the OpenID provider exited with {process.returncode}")
        try:
            if requests.get(url, timeout=1).ok:
                return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise RuntimeError(f"the OpenID provider did not answer at {url}")
