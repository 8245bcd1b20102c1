"""content/ledningsgrupp.yaml loads in Swedish and English, the request's
language chooses which, and a broken file says where it is broken."""

from pathlib import Path

import pytest
from flask import session

from tests.language.content import assert_the_app_does_not_start, broken_copy
from toolbox.content import PRINCIPLE_KEYS, ContentError
from toolbox.teams.content import FILENAME, get_dialogue_content, load_dialogue_content

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
        (lambda d: d["guide"]["steps"][0].pop("title"), "guide.steps[0]: fältet 'title'"),
        (lambda d: d.update(priorities=0), "priorities"),
    ],
)
def test_a_broken_file_names_the_file_and_the_key(tmp_path, change, message):
    broken = broken_copy(SOURCE, tmp_path, change)
    with pytest.raises(ContentError) as error:
        load_dialogue_content(broken)
    assert str(broken) in str(error.value)
    assert message in str(error.value)


def test_the_english_has_every_text_and_the_same_keys():
    swedish, english = load_dialogue_content(SOURCE), load_dialogue_content(SOURCE, "en")
    assert english.behaviour_keys == swedish.behaviour_keys  # what answers store
    assert english.behaviours[0].text == "We ask how something happened before we draw conclusions."
    assert english.scale[0] == "Not established at all"
    assert english.intro.startswith("Before the leadership team's dialogue")
    assert english.steps[0].title == "Introduction and purpose"
    assert [len(s.questions) for s in english.steps] == [len(s.questions) for s in swedish.steps]
    assert len(english.disagreement) == len(swedish.disagreement)
    assert (english.version, english.priorities, english.guide_minutes) == (
        swedish.version,
        swedish.priorities,
        swedish.guide_minutes,
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["behaviours"][2].pop("en"), "behaviours[2]: 'en' med den engelska texten"),
        (lambda d: d["en"].pop("intro"), "fältet 'intro' saknas"),
        (lambda d: d["en"]["scale"].pop(), "scale ska ha lika många rader"),
        (lambda d: d["guide"]["steps"][1]["en"].pop("text"), "steps[1].en: fältet 'text'"),
        (lambda d: d["guide"]["steps"][3]["en"].pop("questions"), "steps[3].en: questions"),
        (lambda d: d["guide"].pop("en"), "guide: 'en' med den engelska texten"),
    ],
)
def test_a_missing_english_text_names_the_file_and_the_key(tmp_path, change, message):
    broken = broken_copy(SOURCE, tmp_path, change)
    load_dialogue_content(broken)  # the Swedish alone is whole
    with pytest.raises(ContentError) as error:
        load_dialogue_content(broken, "en")
    assert str(broken) in str(error.value)
    assert message in str(error.value)


def test_the_request_chooses_the_language_and_swedish_is_the_default(app):
    with app.app_context():
        assert get_dialogue_content().scale[0] == "Inte alls etablerat"
    with app.test_request_context():
        session["lang"] = "en"
        assert get_dialogue_content().scale[0] == "Not established at all"


def test_the_app_does_not_start_without_the_english(tmp_path):
    assert_the_app_does_not_start(
        tmp_path,
        SOURCE,
        lambda d: d["behaviours"][0].pop("en"),
        r"ledningsgrupp\.yaml: behaviours\[0\]: 'en'",
    )
