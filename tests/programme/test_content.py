"""content/program.yaml loads in Swedish and English, the request's language
chooses which, and a missing or broken text says where it is."""

from pathlib import Path

import pytest
from flask import session

from tests.language.content import assert_the_app_does_not_start, broken_copy
from toolbox.content import ContentError
from toolbox.programme.content import FILENAME, get_programme_content, load_programme_content

SOURCE = Path(__file__).resolve().parents[2] / "content" / FILENAME


def test_the_file_loads_in_both_languages_with_the_same_keys():
    swedish, english = load_programme_content(SOURCE), load_programme_content(SOURCE, "en")
    assert swedish.tracks[0] == ("ledning", "Tillitsbaserad ledning")
    assert english.tracks[0] == ("ledning", "Trust-based leadership")
    assert [key for key, _ in english.tracks] == [key for key, _ in swedish.tracks]
    assert english.title.endswith("with a focus on stronger support for first-line managers")
    assert english.background.startswith("The hospital board has asked")
    assert len(english.assignment_points) == len(swedish.assignment_points)
    # The activities are demo data that people would write: as written, in Swedish.
    assert english.activities == swedish.activities


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["tracks"][1].pop("en"), "tracks[1]: 'en' med den engelska texten"),
        (lambda d: d["en"].pop("background"), "fältet 'background' saknas"),
        (lambda d: d["en"]["assignment_points"].pop(), "assignment_points ska ha lika många"),
        (lambda d: d["en"].update(assignment_points="x"), "assignment_points ska vara en lista"),
        (lambda d: d.pop("en"), "'en' med den engelska texten saknas"),
    ],
)
def test_a_missing_english_text_names_the_file_and_the_key(tmp_path, change, message):
    broken = broken_copy(SOURCE, tmp_path, change)
    load_programme_content(broken)  # the Swedish alone is whole
    with pytest.raises(ContentError) as error:
        load_programme_content(broken, "en")
    assert str(broken) in str(error.value)
    assert message in str(error.value)


def test_a_broken_swedish_text_names_the_file_and_the_key(tmp_path):
    broken = broken_copy(SOURCE, tmp_path, lambda d: d["assignment_points"].append(""))
    with pytest.raises(ContentError, match="assignment_points ska vara en lista med text") as error:
        load_programme_content(broken)
    assert str(broken) in str(error.value)


def test_the_request_chooses_the_language_and_swedish_is_the_default(app):
    with app.app_context():
        assert get_programme_content().track_names["styrning"] == "Tillitsbaserad styrning"
    with app.test_request_context():
        session["lang"] = "en"
        assert get_programme_content().track_names["styrning"] == "Trust-based governance"


def test_the_app_does_not_start_without_the_english(tmp_path):
    assert_the_app_does_not_start(
        tmp_path, SOURCE, lambda d: d["tracks"][2].pop("en"), r"program\.yaml: tracks\[2\]: 'en'"
    )
