"""content/admin_tasks.yaml is validated on load, and the demo register is
seeded from it idempotently."""

import shutil
from pathlib import Path

import pytest
from flask import session
from sqlalchemy import func, select

from toolbox import create_app
from toolbox.content import ContentError
from toolbox.demo.org import seed_org
from toolbox.demo.tasks import seed_tasks
from toolbox.extensions import db
from toolbox.tasks.content import CATEGORY_KEYS, load_register
from toolbox.tasks.models import STATUSES, Task, TaskComment, TaskEndorsement, TaskEvent

CONTENT = Path(__file__).resolve().parents[2] / "content"


def test_the_starter_register_loads():
    register = load_register(CONTENT / "admin_tasks.yaml")
    assert [c.key for c in register.categories] == list(CATEGORY_KEYS)
    assert register.category_labels["process_kvalitet"] == "Process och kvalitet"
    assert "chefsstod" in register.function_labels
    assert len(register.tasks) >= 20
    assert {t.status for t in register.tasks} == set(STATUSES)
    assert {t.category for t in register.tasks} == set(CATEGORY_KEYS)


def test_the_register_names_categories_and_functions_in_the_visitors_language(app):
    register = load_register(CONTENT / "admin_tasks.yaml")
    with app.test_request_context():
        session["lang"] = "en"
        assert register.category_labels["hr_personal"] == "HR and staffing"
        assert register.function_labels["chefsstod"] == "Management support"
        # The task history keeps the Swedish name.
        assert register.swedish_function_labels["chefsstod"] == "Chefsstöd"
    with app.test_request_context():
        assert register.category_labels["hr_personal"] == "HR och personal"


@pytest.fixture
def broken(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("key: hr_personal\n", "key: personal\n", "'categories' ska ha nycklarna"),
        ("status: inkommen\n    proposer: chef", "status: klar\n    proposer: chef", "'status'"),
        ("    owner: cecilia.wallin@example.se\n", "", "behöver decision, decided_by, owner"),
        ("hours: 4.0\n", "hours: 4.05\n", "högst en decimal"),
        ("    title: Ringa in ersättare vid sjukfrånvaro\n", "", "fältet 'title'"),
        ("      label: HR and staffing\n", "", r"categories\[0\]\.en: fältet 'label'"),
    ],
)
def test_a_broken_register_names_file_task_and_problem(broken, old, new, message):
    path = broken / "admin_tasks.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError, match=message) as error:
        load_register(path)
    assert "admin_tasks.yaml" in str(error.value)


def test_the_app_does_not_start_with_a_broken_register(broken, tmp_path):
    (broken / "admin_tasks.yaml").write_text("categories: []\n", encoding="utf-8")
    config = {
        "TESTING": True,
        "SECRET_KEY": "x",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 't.db'}",
        "CONTENT_DIR": str(broken),
    }
    with pytest.raises(ContentError, match="admin_tasks.yaml"):
        create_app(config)


def counts(app) -> tuple[int, ...]:
    with app.app_context():
        return tuple(
            db.session.scalar(select(func.count()).select_from(model))
            for model in (Task, TaskEvent, TaskEndorsement, TaskComment)
        )


def test_seed_demo_loads_the_register_once(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "25 administrativa uppgifter (25 nya)" in first.output
    seeded = counts(app)
    second = runner.invoke(args=["seed-demo"])
    assert "25 administrativa uppgifter (0 nya)" in second.output
    assert counts(app) == seeded
    with app.app_context():
        task = db.session.scalar(select(Task).where(Task.seed_key == "schema-sjukfranvaro"))
        assert task.proposer.email == "sara.ekstrom@example.se"
        assert task.owner.email == "hr@example.se"
        assert task.decided_by.email == "ledning@example.se"
        assert [e.kind for e in task.events] == [
            "created", "endorsed", "endorsed", "bedom", "besluta", "starta", "rapportera",
        ]  # fmt: skip
        assert [e.to_status for e in task.events][-1] == "genomford"


def test_large_demo_data_has_about_1500_tasks(app):
    content = Path(app.config["CONTENT_DIR"])
    with app.app_context():
        seed_org(content, "small")
        assert seed_tasks(content, "large") == "1500 administrativa uppgifter (1500 nya)"
        db.session.commit()
        assert seed_tasks(content, "large") == "1500 administrativa uppgifter (0 nya)"
