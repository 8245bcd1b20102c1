"""Reminders: a chosen rhythm, the due date on Min sida, and `send-reminders`
that mails each due manager once – also when two runs overlap."""

import threading
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from toolbox import clock
from toolbox.extensions import db, mail
from toolbox.reflection import reminders
from toolbox.reflection.models import ReflectionReminder
from toolbox.web.filters import long_date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 11, 15), 3, date(2027, 2, 15)),
        (date(2026, 3, 5), 12, date(2027, 3, 5)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_last(start, months, expected):
    assert reminders.add_months(start, months) == expected


def reminder(app, user_id):
    with app.app_context():
        found = db.session.get(ReflectionReminder, user_id)
        return None if found is None else (found.every_months, found.next_due_on)


def test_choosing_a_rhythm_sets_the_due_date(app, make_user, login_as, client, make_reflection):
    user = make_user(roles=("chef",))
    login_as(user)
    response = client.post("/sjalvskattning/paminnelse", data={"every": "6"})
    assert response.status_code == 302
    with app.app_context():
        today = clock.today()
    assert reminder(app, user.id) == (6, today)  # never reflected: due at once
    make_reflection(user, submitted_at=datetime(2026, 1, 31, 12, 0))
    client.post("/sjalvskattning/paminnelse", data={"every": "3"})
    assert reminder(app, user.id) == (3, date(2026, 4, 30))
    page = client.get("/sjalvskattning/").get_data(as_text=True)
    assert "Du blir påmind var tredje månad. Nästa självskattning: 30 april 2026." in page
    assert '<input checked id="every-0"' in page
    client.post("/sjalvskattning/paminnelse", data={"every": "ingen"})
    assert reminder(app, user.id) is None
    bad = client.post("/sjalvskattning/paminnelse", data={"every": "7"})
    assert bad.status_code == 422
    assert 'href="#every-0"' in bad.get_data(as_text=True)


def test_submitting_moves_the_due_date(app, make_user, login_as, client, make_reflection, keys):
    user = make_user(roles=("chef",))
    login_as(user)
    client.post("/sjalvskattning/paminnelse", data={"every": "12"})
    draft = make_reflection(user, draft=True)
    client.post(f"/sjalvskattning/{draft}/skicka-in")
    with app.app_context():
        today = clock.today()
    assert reminder(app, user.id) == (12, reminders.add_months(today, 12))


def test_min_sida_shows_when_a_reflection_is_due(app, make_user, login_as, client):
    user = make_user(roles=("chef",))
    login_as(user)
    assert "Gör din första självskattning" in client.get("/").get_data(as_text=True)
    with app.app_context():
        today = clock.today()
        db.session.add(ReflectionReminder(user_id=user.id, every_months=6, next_due_on=today))
        db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert "Det är dags för en ny självskattning (du har valt påminnelse var sjätte månad)." in page
    for days, shown in ((7, True), (30, False)):
        with app.app_context():
            due = today + timedelta(days=days)
            db.session.get(ReflectionReminder, user.id).next_due_on = due
            db.session.commit()
            text = f"Din nästa självskattning är planerad till {long_date(due)}."
        assert (text in client.get("/").get_data(as_text=True)) is shown


def test_min_sida_points_to_a_draft(app, make_user, login_as, client, make_reflection):
    user = make_user(roles=("chef",))
    make_reflection(user, draft=True)
    page = login_as(user).get("/").get_data(as_text=True)
    assert "Du har en påbörjad självskattning från" in page
    assert 'href="/sjalvskattning/">Fortsätt självskattningen' in page


def due_setup(app, make_user, count: int = 3) -> list[int]:
    users = [make_user(roles=("chef",)) for _ in range(count)]
    users.append(make_user(roles=("hr",)))  # no longer a manager: not reminded
    users.append(make_user(roles=("chef",), active=False))  # deactivated: not reminded
    with app.app_context():
        today = clock.today()
        for user in users:
            db.session.add(ReflectionReminder(user_id=user.id, every_months=6, next_due_on=today))
        db.session.commit()
    return [u.id for u in users[:count]]


def test_send_reminders_mails_each_due_manager_once(app, make_user):
    due = due_setup(app, make_user)
    runner = app.test_cli_runner()
    with mail.record_messages() as outbox:
        first = runner.invoke(args=["send-reminders"])
        second = runner.invoke(args=["send-reminders"])
    assert first.exit_code == 0, first.output
    assert "3 skickade, 0 misslyckades" in first.output
    assert "0 skickade" in second.output
    assert len(outbox) == 3
    assert outbox[0].subject == "Dags för en ny självskattning"
    assert "http://127.0.0.1:5000/sjalvskattning/" in outbox[0].body
    with app.app_context():
        claimed = db.session.scalars(
            select(ReflectionReminder.last_reminded_on).where(ReflectionReminder.user_id.in_(due))
        ).all()
        assert claimed == [clock.today()] * 3


def test_two_runs_at_once_send_each_reminder_once(app, make_user):
    due_setup(app, make_user, count=12)
    sent: list[int] = []
    lock = threading.Lock()
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def send(item: reminders.Due) -> None:
        with lock:
            sent.append(item.user_id)

    def run() -> None:
        try:
            with app.app_context():
                barrier.wait()
                reminders.send_due(clock.today(), send)
                db.session.remove()
        except BaseException as error:  # surfaced below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert len(sent) == 12
    assert len(set(sent)) == 12


def test_a_failed_mail_is_tried_again_next_run(app, make_user):
    due_setup(app, make_user, count=2)
    calls: list[int] = []

    def flaky(item: reminders.Due) -> None:
        calls.append(item.user_id)
        if len(calls) == 1:
            raise ConnectionError("SMTP borta")

    with app.app_context():
        assert reminders.send_due(clock.today(), flaky) == (1, 1)
        assert reminders.send_due(clock.today(), flaky) == (1, 0)
        assert reminders.send_due(clock.today(), flaky) == (0, 0)
    assert calls[0] == calls[2]
