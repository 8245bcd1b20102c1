"""Retention periods (PRODUCT.md section 5): `flask apply-retention` deletes
what has passed its period and nothing else, and a second run deletes
nothing more. The periods are settings that cannot be set below a day."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from toolbox import create_app
from toolbox.audit.models import AuditEvent
from toolbox.auth.models import LoginFailure
from toolbox.clock import utcnow
from toolbox.config import ConfigError
from toolbox.extensions import db
from toolbox.feedback.models import CodeFailure
from toolbox.reflection.models import Reflection, ReflectionAnswer
from toolbox.submissions.models import UsedSubmission

DAY = timedelta(days=1)


def count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


@pytest.fixture
def aged(app, make_user):
    """One row just past and one just within each period."""
    config = app.config
    owners = [make_user(), make_user()]
    now = utcnow()
    with app.app_context():
        drafts = config["REFLECTION_DRAFT_RETENTION_DAYS"]
        old = now - (drafts + 1) * DAY
        rows = [
            Reflection(user_id=owners[0].id, question_set_version=1, updated_at=old),
            Reflection(user_id=owners[1].id, question_set_version=1, updated_at=now - DAY),
            Reflection(
                user_id=owners[1].id, question_set_version=1, status="inskickad", updated_at=old
            ),
        ]
        db.session.add_all(rows)
        db.session.flush()
        db.session.add(ReflectionAnswer(reflection_id=rows[0].id, question_key="k", area="a"))
        for model, column, setting, extra in (
            (AuditEvent, "at", "AUDIT_RETENTION_DAYS", {"action": "login"}),
            (LoginFailure, "at", "LOGIN_FAILURE_RETENTION_DAYS", {"account": "a", "address": "b"}),
            (CodeFailure, "at", "LOGIN_FAILURE_RETENTION_DAYS", {"address_hash": "c"}),
        ):
            days = config[setting]
            db.session.add(model(**extra, **{column: now - (days + 1) * DAY}))
            db.session.add(model(**extra, **{column: now - (days - 1) * DAY}))
        days = config["USED_SUBMISSION_RETENTION_DAYS"]
        db.session.add(UsedSubmission(token="gammal", used_at=now - (days + 1) * DAY))
        db.session.add(UsedSubmission(token="ny", used_at=now - (days - 1) * DAY))
        db.session.commit()
        return rows[0].id


def test_apply_retention_deletes_what_has_passed_and_only_that(app, aged):
    result = app.test_cli_runner().invoke(args=["apply-retention"])
    assert result.exit_code == 0, result.output
    assert "Gallrat utkast till självskattning: 1" in result.output
    assert "Gallrat händelser i loggen: 1" in result.output
    assert "Gallrat misslyckade inloggningar och koder: 2" in result.output
    assert "Gallrat använda formulärnycklar: 1" in result.output
    with app.app_context():
        assert db.session.get(Reflection, aged) is None
        assert count(ReflectionAnswer, ReflectionAnswer.reflection_id == aged) == 0
        assert count(Reflection) == 2  # the fresh draft and the submitted one
        assert count(LoginFailure) == 1
        assert count(CodeFailure) == 1
        assert db.session.scalars(select(UsedSubmission.token)).all() == ["ny"]
        assert count(AuditEvent, AuditEvent.action == "retention_applied") == 1


def test_a_second_run_deletes_nothing_more(app, aged):
    runner = app.test_cli_runner()
    runner.invoke(args=["apply-retention"])
    with app.app_context():
        before = {m.__tablename__: count(m) for m in (Reflection, LoginFailure, UsedSubmission)}
    again = runner.invoke(args=["apply-retention"])
    assert again.exit_code == 0
    assert "Gallrat händelser i loggen: 0" in again.output
    with app.app_context():
        after = {m.__tablename__: count(m) for m in (Reflection, LoginFailure, UsedSubmission)}
    assert after == before


def test_periods_are_settings_of_at_least_a_day(tmp_path, monkeypatch):
    base = {"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'r.db'}"}
    monkeypatch.setenv("TOOLBOX_AUDIT_RETENTION_DAYS", "90")
    assert create_app(base).config["AUDIT_RETENTION_DAYS"] == 90
    with pytest.raises(ConfigError, match="AUDIT_RETENTION_DAYS"):
        create_app(base | {"AUDIT_RETENTION_DAYS": 0})
