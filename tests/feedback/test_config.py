"""Acceptance 5: feedback thresholds below 3 are refused at start-up, with a
message that names the setting and the floor."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from toolbox import create_app
from toolbox.config import ConfigError

ROOT = Path(__file__).resolve().parents[2]


def config(tmp_path, **values) -> dict:
    return {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'c.db'}", "SECRET_KEY": "x"} | values


@pytest.mark.parametrize("setting", ["FEEDBACK_MIN_GROUP", "FEEDBACK_MIN_TEXT"])
@pytest.mark.parametrize("value", [2, 0, -1, "2"])
def test_a_threshold_below_three_is_refused(tmp_path, setting, value):
    with pytest.raises(ConfigError) as refused:
        create_app(config(tmp_path, **{setting: value}))
    assert str(refused.value) == f"{setting} får inte vara lägre än 3."


def test_three_and_above_are_accepted(tmp_path):
    app = create_app(config(tmp_path, FEEDBACK_MIN_GROUP=3, FEEDBACK_MIN_TEXT="7"))
    assert int(app.config["FEEDBACK_MIN_TEXT"]) == 7


def test_the_command_line_refuses_to_start(tmp_path):
    """As an operator sees it: TOOLBOX_FEEDBACK_MIN_GROUP=2 stops `flask` with the message."""
    environment = os.environ | {
        "TOOLBOX_FEEDBACK_MIN_GROUP": "2",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "SECRET_KEY": "x",
    }
    environment.pop("TOOLBOX_ENV", None)
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", "routes"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,  # the failure is what the test reads
    )
    assert result.returncode != 0
    assert "FEEDBACK_MIN_GROUP får inte vara lägre än 3." in result.stderr
