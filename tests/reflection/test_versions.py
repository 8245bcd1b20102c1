"""Answers reference the question-set version; a new version never changes
the results of a reflection given on an old one (acceptance 3)."""

import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import base_config
from toolbox import create_app
from toolbox.content import load_question_set
from toolbox.extensions import db
from toolbox.reflection import service
from toolbox.reflection.models import Reflection
from toolbox.reflection.results import results_for

CONTENT = Path(__file__).resolve().parents[2] / "content"
V1 = CONTENT / "questions" / "sjalvskattning" / "v1.yaml"


def test_the_shipped_set_follows_the_rules():
    questions = load_question_set(V1)
    assert 16 <= len(questions.questions) <= 24
    for section in questions.sections:
        assert 4 <= len(section.questions) <= 6
        assert section.free_text_prompt
        assert all(q.principles for q in section.questions)
    assert "Bara du kan se dina svar" in questions.intro


def crafted_v2(folder: Path) -> Path:
    """A content folder whose sjalvskattning v2 rewords, moves and drops statements."""
    content = folder / "content"
    shutil.copytree(CONTENT, content)
    data = yaml.safe_load(V1.read_text(encoding="utf-8"))
    data["version"] = 2
    ledarskap, styrning = data["areas"][0], data["areas"][1]
    moved = ledarskap["questions"].pop(0)  # ledarskap-ge-aterkoppling now counts as styrning
    styrning["questions"].append(moved)
    styrning["questions"][0]["text"] = "Helt ny formulering i version 2."
    ledarskap["questions"].append(
        {
            "key": "ledarskap-ny",
            "text": "Ett nytt påstående.",
            "principles": ["tillit"],
            "en": {"text": "A new statement."},
        }
    )
    path = content / "questions" / "sjalvskattning" / "v2.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return content


def summary(reflection_id: int, user_id: int) -> dict:
    results = results_for(service.own_reflection(reflection_id, user_id))
    return {
        "version": results.question_set.version,
        "areas": {a.key: (a.score, [s.question.text for s in a.statements]) for a in results.areas},
        "principles": {p.key: p.score for p in results.principles},
        "overall": results.overall,
    }


def test_a_second_version_leaves_first_version_results_unchanged(
    app, tmp_path, make_user, make_reflection
):
    user = make_user()
    values = {"ledarskap": [1, 5, 5, 5, 5], "styrning": [2, 2, 2, 2, None]}
    old = make_reflection(user, values)
    with app.app_context():
        before = summary(old, user.id)
    assert before["areas"]["ledarskap"][0].mean == pytest.approx(4.2)

    config = base_config(tmp_path) | {
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "CONTENT_DIR": str(crafted_v2(tmp_path)),
    }
    newer = create_app(config)
    try:
        with newer.app_context():
            assert service.question_set().version == 2
            after = summary(old, user.id)
            draft = service.start(user.id)
            db.session.commit()
            assert draft.question_set_version == 2
            assert db.session.get(Reflection, old).question_set_version == 1
    finally:
        with newer.app_context():
            db.session.remove()
            db.engine.dispose()
    assert after == before
    assert "Helt ny formulering i version 2." not in str(after)
