"""The setup of the real OpenID provider for the browser test (review finding
8): Node 20+ or a clear failure naming the version found, npm ci again when
the lock file changes, npm's and the provider's errors shown."""

import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.sso import node_provider

ROOT = Path(__file__).resolve().parents[2]


def fake_tools(directory: Path, version: str) -> Path:
    """`node` answering `version` and an `npm` that notes its arguments."""
    directory.mkdir()
    scripts = {
        "node": f"#!/bin/sh\necho {version}\n",
        "npm": f'#!/bin/sh\necho "$@" >> {directory}/npm.log\necho 9.2.0\n',
    }
    for name, text in scripts.items():
        path = directory / name
        path.write_text(text)
        path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return directory


def test_node_18_fails_clearly_under_require_browser(tmp_path, monkeypatch):
    tools = fake_tools(tmp_path / "bin", "v18.20.4")
    monkeypatch.setenv("PATH", f"{tools}:/usr/bin:/bin")
    monkeypatch.setenv("REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="found node v18.20.4"):
        node_provider.node_or_skip()
    monkeypatch.delenv("REQUIRE_BROWSER")
    with pytest.raises(pytest.skip.Exception, match="Node.js 20"):
        node_provider.node_or_skip()


def test_ci_installs_node_20_from_npm_when_node_is_too_old(tmp_path):
    tools = fake_tools(tmp_path / "bin", "v18.20.4")
    env = os.environ | {"PATH": f"{tools}:/usr/bin:/bin"}
    result = subprocess.run(  # noqa: S603 - our own script
        [str(ROOT / ".ci/ensure-node")], env=env, capture_output=True, text=True, check=False
    )
    # The fake node stays 18 after the (fake) install: a clear failure.
    assert result.returncode == 1
    assert "is v18.20.4" in result.stderr
    assert "install --global --no-audit --no-fund node-linux-" in (tools / "npm.log").read_text()


def test_ci_leaves_node_20_alone(tmp_path):
    tools = fake_tools(tmp_path / "bin", "v20.11.1")
    env = os.environ | {"PATH": f"{tools}:/usr/bin:/bin"}
    result = subprocess.run(  # noqa: S603 - our own script
        [str(ROOT / ".ci/ensure-node")], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "install" not in (tools / "npm.log").read_text()


def test_npm_ci_runs_again_when_the_lock_file_changes(tmp_path, monkeypatch):
    (tmp_path / "node_modules" / "oidc-provider").mkdir(parents=True)
    (tmp_path / "node_modules" / "oidc-provider" / "package.json").write_text("{}")
    (tmp_path / "package-lock.json").write_text('{"v": 1}')
    monkeypatch.setattr(node_provider, "PROVIDER_DIR", tmp_path)
    calls = []

    def run(command, **_):
        calls.append(command)
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(node_provider.subprocess, "run", run)
    node_provider.install()
    node_provider.install()
    assert len(calls) == 1  # installed before, but from no known lock file; then kept
    (tmp_path / "package-lock.json").write_text('{"v": 2}')
    node_provider.install()
    assert len(calls) == 2


def test_npm_errors_are_shown(tmp_path, monkeypatch):
    (tmp_path / "package-lock.json").write_text("{}")
    monkeypatch.setattr(node_provider, "PROVIDER_DIR", tmp_path)

    def run(command, **_):
        return subprocess.CompletedProcess(command, 1, "", "npm ERR! 404 oidc-provider")

    monkeypatch.setattr(node_provider.subprocess, "run", run)
    with pytest.raises(RuntimeError, match="npm ERR! 404 oidc-provider"):
        node_provider.install()


def test_the_providers_errors_are_shown_when_it_does_not_start():
    code = "import sys; print('SyntaxError in server.mjs', file=sys.stderr); sys.exit(3)"
    with tempfile.TemporaryFile(mode="w+") as output:
        process = subprocess.Popen(  # noqa: S603 - a fixed command
            [sys.executable, "-c", code], stdout=output, stderr=subprocess.STDOUT
        )
        with pytest.raises(RuntimeError, match="SyntaxError in server.mjs"):
            node_provider.wait_for("http://127.0.0.1:9/none", process, output)
