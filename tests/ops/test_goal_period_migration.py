"""Migration 9b4e6d2a7c1f: goals on two dates move to the published period
that holds them (issue 16), each with an event in the audit log, and back."""

from datetime import date

from sqlalchemy import create_engine, text

from tests.ops.conftest import app_env, flask_cli

BEFORE = "7f2a9c4e1b3d"
GOALS = {
    # (from, to) → the period that holds them
    (date(2026, 1, 1), date(2026, 12, 31)): "2026",
    (date(2026, 4, 1), date(2026, 6, 30)): "2026-K2",
    (date(2026, 2, 10), date(2026, 5, 5)): "2026-H1",
    (date(2026, 12, 5), date(2026, 12, 6)): "2026-K4",
    (date(2026, 5, 1), date(2026, 8, 31)): "2026",
    (date(2025, 11, 1), date(2026, 2, 28)): "2026",
}


def test_goals_move_to_the_period_that_holds_them(scratch_database_url):
    env = app_env(scratch_database_url)
    flask_cli(env, "db", "upgrade", BEFORE)
    engine = create_engine(scratch_database_url)
    with engine.begin() as connection:
        for number, (start, end) in enumerate(GOALS, 1):
            connection.execute(
                text(
                    "INSERT INTO analysis_goals (id, metric, area, target, period_start,"
                    " period_end, note, created_at, version)"
                    " VALUES (:id, 'skattning', 'ledarskap', 60, :start, :end, '', :now, 1)"
                ),
                {"id": number, "start": start, "end": end, "now": "2026-12-01 10:00:00"},
            )
    flask_cli(env, "db", "upgrade")
    with engine.connect() as connection:
        keys = dict(connection.execute(text("SELECT id, period_key FROM analysis_goals")).all())
        events = connection.execute(
            text("SELECT target, detail FROM audit_events WHERE action = 'goal_period_migrated'")
        ).all()
    assert [keys[n] for n in range(1, len(GOALS) + 1)] == list(GOALS.values())
    assert len(events) == len(GOALS)
    assert any("2026-02-10–2026-05-05 blev 2026-H1" in detail for _, detail in events)

    flask_cli(env, "db", "downgrade", BEFORE)
    with engine.connect() as connection:
        periods = connection.execute(
            text("SELECT period_start, period_end FROM analysis_goals WHERE id = 3")
        ).one()
    assert [str(day)[:10] for day in periods] == ["2026-01-01", "2026-06-30"]
    engine.dispose()
