"""content/ledningsgrupp.yaml loads, and a broken file says where it is broken."""

from pathlib import Path

import pytest
import yaml

from toolbox.content import PRINCIPLE_KEYS, ContentError
from toolbox.teams.content import FILENAME, load_dialogue_content

SOURCE = Path(__file__).resolve().parents[2] / "content" / FILENAME


def test_the_file_loads():
    content = load_dialogue_content(SOURCE)
    assert len(content.scale) == 5
    assert 1 <= content.priorities <= len(content.behaviours)
    assert {b.principle for b in content.behaviours} <= set(PRINCIPLE_KEYS)
    assert sum(step.minutes for step in content.steps) == content.guide_minutes
    assert content.disagreement


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("behaviours"), "behaviours saknas"),
        (lambda d: d["behaviours"][0].update(principle="okand"), "behaviours[0]: okänd princip"),
        (lambda d: d["behaviours"][1].update(key=d["behaviours"][0]["key"]), "behaviours[1]"),
        (lambda d: d["scale"].pop(), "scale ska ha 5 steg"),
        (lambda d: d["guide"]["steps"][0].update(minutes=99), "guide.minutes"),
        (lambda d: d["guide"]["steps"][0].pop("title"), "guide.steps[0]: title"),
        (lambda d: d.update(priorities=0), "priorities"),
    ],
)
def test_a_broken_file_names_the_file_and_the_key(tmp_path, change, message):
    data = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    change(data)
    broken = tmp_path / FILENAME
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_dialogue_content(broken)
    assert str(broken) in str(error.value)
    assert message in str(error.value)
