"""deploy/: the gunicorn config loads, the systemd units parse, the nginx
site passes `nginx -t` (where the tools are installed), and the locked
requirements pin exactly the versions these tests run with."""

import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from gunicorn.config import Config
from packaging.utils import canonicalize_name

from toolbox.cli import apply_retention_command, send_reminders

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").iterdir())


def test_gunicorn_config_loads_with_gunicorns_own_validators():
    namespace: dict = {"__file__": str(DEPLOY / "gunicorn.conf.py")}
    exec(compile((DEPLOY / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), namespace)  # noqa: S102
    cfg = Config()
    settings = {k: v for k, v in namespace.items() if k in cfg.settings}
    for key, value in settings.items():
        cfg.set(key, value)  # raises on a value gunicorn would refuse
    assert cfg.bind == ["127.0.0.1:8000"]
    assert cfg.workers >= 1
    assert cfg.worker_class_str == "sync"
    assert cfg.accesslog is None  # single-use links stay out of the app's logs


def test_every_cli_command_a_timer_runs_exists_and_each_service_has_a_timer():
    services = [u for u in UNITS if u.suffix == ".service" and u.stem != "verktygsladan"]
    assert {u.stem for u in services} == {
        "verktygsladan-send-reminders",
        "verktygsladan-apply-retention",
    }
    names = {apply_retention_command.name, send_reminders.name}
    for unit in services:
        command = re.search(r"^ExecStart=.* --app app (\S+)$", unit.read_text(), re.M).group(1)
        assert command in names
        assert unit.with_suffix(".timer").is_file()


def test_systemd_units_parse(tmp_path):
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    # verify checks that ExecStart's program and the working directory exist:
    # point the units at this checkout and the running interpreter's venv.
    venv = Path(sys.executable).parent.parent
    for unit in UNITS:
        text = unit.read_text()
        text = text.replace("/srv/verktygsladan/venv", str(venv))
        text = text.replace("/srv/verktygsladan/app", str(ROOT))
        (tmp_path / unit.name).write_text(text)
    result = subprocess.run(
        ["systemd-analyze", "verify", *sorted(p.name for p in tmp_path.iterdir())],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    # verify exits 0 on many problems it only warns about: any output is a defect.
    problems = [
        line for line in (result.stdout + result.stderr).splitlines() if str(tmp_path) in line
    ]
    assert result.returncode == 0, result.stderr
    assert problems == []


def test_nginx_site_passes_nginx_t(tmp_path):
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if nginx is None:
        pytest.skip("nginx is not installed (CI checks the site where it is)")
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=verktygslada.example.se",
            "-keyout",
            tmp_path / "privkey.pem",
            "-out",
            tmp_path / "fullchain.pem",
        ],
        check=True,
        capture_output=True,
    )
    site = (DEPLOY / "nginx" / "verktygsladan.conf").read_text()
    site = site.replace("/etc/ssl/verktygsladan", str(tmp_path))
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        f"events {{}}\nhttp {{\n  access_log off;\n  include {tmp_path}/site.conf;\n}}\n"
    )
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def locked_versions() -> dict[str, str]:
    text = (DEPLOY / "requirements.lock").read_text()
    return {
        canonicalize_name(name): version
        for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", text, re.M)
    }


def test_locked_requirements_pin_the_installed_versions_with_hashes():
    locked = locked_versions()
    assert {
        "flask",
        "sqlalchemy",
        "authlib",
        "requests",
        "openpyxl",
        "segno",
        "gunicorn",
    } <= locked.keys()
    installed = {name: metadata.version(name) for name in locked}
    assert installed == locked
    # Every requirement carries hashes, so pip installs it only with --require-hashes.
    blocks = re.split(r"\n(?=[A-Za-z])", (DEPLOY / "requirements.lock").read_text())
    for block in blocks:
        if "==" in block:
            assert "--hash=sha256:" in block, block.splitlines()[0]


def test_every_runtime_dependency_of_the_project_is_locked():
    # This checkout's pyproject.toml, not the installed package's metadata
    # (an editable install may come from another checkout).
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {
        canonicalize_name(re.split(r"[\s\[<>=!~;]", r, maxsplit=1)[0])
        for r in project["dependencies"]
    }
    assert runtime <= locked_versions().keys()
