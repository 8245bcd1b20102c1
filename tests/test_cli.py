"""The flask commands: create-user, seed-demo, load-content."""

import shutil
from pathlib import Path

from sqlalchemy import func, select

from toolbox.audit.models import AuditEvent
from toolbox.auth.models import User
from toolbox.auth.service import authenticate
from toolbox.extensions import db
from toolbox.org.models import OrgUnit

CONTENT = Path(__file__).resolve().parent.parent / "content"


def counts(app) -> tuple[int, int]:
    with app.app_context():
        return (
            db.session.scalar(select(func.count()).select_from(User)),
            db.session.scalar(select(func.count()).select_from(OrgUnit)),
        )


def test_create_user_reads_password_from_stdin_and_updates_on_rerun(app):
    runner = app.test_cli_runner()
    args = [
        "create-user",
        "Ny@Example.se",
        "--name",
        "Ny Användare",
        "--role",
        "chef",
        "--role",
        "ledning",
        "--password-stdin",
    ]
    result = runner.invoke(args=args, input="korv-med-bröd-och-senap-7\n")
    assert result.exit_code == 0, result.output
    assert "Skapade ny@example.se" in result.output
    again = [
        "create-user",
        "ny@example.se",
        "--name",
        "Ny Användare",
        "--role",
        "hr",
        "--password-stdin",
    ]
    result = runner.invoke(args=again, input="korv-med-bröd-och-senap-7\n")
    assert "Uppdaterade ny@example.se" in result.output
    with app.app_context():
        user = authenticate("ny@example.se", "korv-med-bröd-och-senap-7")
        assert user is not None
        assert user.roles == {"hr"}


def test_create_user_refuses_weak_password_and_unknown_unit(app):
    runner = app.test_cli_runner()
    weak = runner.invoke(
        args=["create-user", "a@example.se", "--name", "A", "--role", "chef", "--password-stdin"],
        input="password1234\n",
    )
    assert weak.exit_code == 1
    assert "för vanligt" in weak.output
    unit = runner.invoke(
        args=[
            "create-user",
            "a@example.se",
            "--name",
            "A",
            "--role",
            "chef",
            "--unit",
            "NOPE",
            "--password-stdin",
        ],
        input="x\n",
    )
    assert unit.exit_code == 1
    assert "Enheten NOPE finns inte." in unit.output
    role = runner.invoke(
        args=["create-user", "a@example.se", "--name", "A", "--role", "kung", "--password-stdin"],
        input="x\n",
    )
    assert role.exit_code == 2
    assert counts(app) == (0, 0)


def test_seed_demo_is_idempotent_and_demo_accounts_log_in(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    users, units = counts(app)
    assert units >= 30 + 8 + 3 + 1
    assert users >= 34
    with app.app_context():
        hashes = dict(db.session.execute(select(User.email, User.password_hash)).all())
        events = db.session.scalar(select(func.count()).select_from(AuditEvent))
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert counts(app) == (users, units)
    with app.app_context():
        assert dict(db.session.execute(select(User.email, User.password_hash)).all()) == hashes
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == events
        for email, roles in (
            ("chef@example.se", {"chef"}),
            ("hr@example.se", {"hr"}),
            ("ledning@example.se", {"ledning", "chef"}),
            ("admin@example.se", {"admin"}),
        ):
            user = authenticate(email, "tillit-demo-2026")
            assert user is not None, email
            assert user.roles == roles, email
        chef = db.session.scalar(select(User).where(User.email == "chef@example.se"))
        assert chef.unit.manager_id == chef.id
        assert chef.unit.staff_count


def test_load_content_validates_and_names_the_broken_file(app, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["load-content"])
    assert result.exit_code == 0
    assert "4 områden, 7 principer, 5 sidor" in result.output
    broken = tmp_path / "content"
    shutil.copytree(CONTENT, broken)
    (broken / "framework.yaml").write_text("areas:\n  - key: ledarskap\n", encoding="utf-8")
    app.config["CONTENT_DIR"] = str(broken)
    result = runner.invoke(args=["load-content"])
    assert result.exit_code == 1
    assert "framework.yaml: areas[0]: fältet 'name' saknas eller är tomt" in result.output
