"""A web worker does not carry libraries it may never use: each costs every
worker of every instance its memory (measured: Authlib with requests and
joserfc 16 MB, Flask-Migrate with Alembic 11 MB, python-docx with lxml 8 MB,
openpyxl 22 MB). They are loaded where they are used: the migrations in the
command line, the OpenID client when single sign-on is configured, a Word or
Excel file at the first download."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("authlib", "requests", "joserfc", "flask_migrate", "alembic", "docx", "lxml", "openpyxl")
PROBE = """
import json, sys
from toolbox import create_app
create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def loaded_by_a_worker(**environment: str) -> set[str]:
    """The top-level modules loaded by create_app in a fresh process, as gunicorn loads it."""
    env = {"PATH": "/usr/bin:/bin", **environment}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
        check=True, timeout=120,
    )  # fmt: skip
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def test_a_web_worker_loads_no_library_it_may_never_use():
    assert set(HEAVY) & loaded_by_a_worker() == set()


def test_the_check_sees_a_library_that_is_loaded():
    """Not vacuous: the command line does load the migrations, and single
    sign-on the OpenID client."""
    assert "flask_migrate" in loaded_by_a_worker(FLASK_RUN_FROM_CLI="true")
    sso = {"TOOLBOX_OIDC_ISSUER": "https://idp.example.se", "TOOLBOX_OIDC_CLIENT_ID": "portal"}
    assert "authlib" in loaded_by_a_worker(**sso)
