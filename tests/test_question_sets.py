"""Question sets are versioned YAML, validated on load (PRODUCT.md section 2)."""

from pathlib import Path

import pytest
import yaml

from toolbox.content import ContentError, load_question_set, load_question_sets

CONTENT = Path(__file__).resolve().parent.parent / "content"


def example_set(per_area: int = 2) -> dict:
    return {
        "version": 1,
        "title": "Goda exempel",
        "intro": "Berätta gärna.",
        "areas": [
            {
                "area": area,
                "questions": [
                    {"key": f"{area}-{n}", "text": f"Fråga {n} om {area}?"} for n in range(per_area)
                ],
            }
            for area in ("ledarskap", "styrning", "kultur")
        ],
    }


def write(tmp_path: Path, name: str, data: dict, version: int = 1) -> Path:
    path = tmp_path / name / f"v{version}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_valid_set_loads_with_sections_in_order(tmp_path):
    loaded = load_question_set(write(tmp_path, "goda-exempel", example_set()))
    assert (loaded.name, loaded.version) == ("goda-exempel", 1)
    assert [s.area for s in loaded.sections] == ["ledarskap", "styrning", "kultur"]
    assert loaded.question("kultur-1").text == "Fråga 1 om kultur?"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(version=2), "'version' ska vara 1"),
        (lambda d: d["areas"].pop(), "områdena ska vara"),
        (lambda d: d["areas"][0]["questions"].pop(), "ska ha 2–4 frågor"),
        (lambda d: d["areas"][1]["questions"][0].update(key="ledarskap-0"), "samma nyckel"),
        (lambda d: d["areas"][0]["questions"][0].update(key="Stor Bokstav"), "nyckeln"),
        (lambda d: d["areas"][0]["questions"][0].update(principles=["okand"]), "'principles'"),
        (lambda d: d["areas"][0]["questions"][0].pop("text"), "fältet 'text'"),
    ],
)
def test_broken_sets_name_file_and_problem(tmp_path, change, message):
    data = example_set()
    change(data)
    path = write(tmp_path, "goda-exempel", data)
    with pytest.raises(ContentError, match=message) as error:
        load_question_set(path)
    assert "v1.yaml" in str(error.value)


def test_unknown_set_name_is_refused(tmp_path):
    with pytest.raises(ContentError, match="okänd frågeuppsättning"):
        load_question_set(write(tmp_path, "hemligt", example_set()))


def test_the_shipped_question_sets_load():
    sets = load_question_sets(CONTENT / "questions")
    for (name, version), question_set in sets.items():
        assert question_set.questions, (name, version)
