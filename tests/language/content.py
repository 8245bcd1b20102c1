"""A content/ file (program.yaml, ledningsgrupp.yaml) with its English
missing or broken: a changed copy, and the app that refuses to start on it."""

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from toolbox import create_app
from toolbox.content import ContentError


def broken_copy(source: Path, folder: Path, change: Callable[[dict], object]) -> Path:
    """`source` as YAML, changed by `change`, written under its name in `folder`."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    change(data)
    broken = folder / source.name
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return broken


def assert_the_app_does_not_start(
    tmp_path: Path, source: Path, change: Callable[[dict], object], match: str
) -> None:
    """create_app on a copy of content/ whose `source` file is changed stops
    with a ContentError matching `match`."""
    content = tmp_path / "content"
    shutil.copytree(source.parent, content)
    broken_copy(source, content, change)
    config = {
        "TESTING": True,
        "SECRET_KEY": "x",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 't.db'}",
        "CONTENT_DIR": str(content),
    }
    with pytest.raises(ContentError, match=match):
        create_app(config)
