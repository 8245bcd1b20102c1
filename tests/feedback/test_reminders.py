"""Reminders go only to those with a link who have not answered, carry a new
link, and are idempotent – from the button and from `send-reminders`."""

import re
from datetime import timedelta

from sqlalchemy import select

from toolbox import clock
from toolbox.extensions import db, mail
from toolbox.feedback import mails, service
from toolbox.feedback.models import FeedbackInvitation, FeedbackRound

LINK = re.compile(r"http://127\.0\.0\.1(/aterkoppling/svar/[A-Za-z0-9_-]+)")


def test_the_button_reminds_only_those_who_have_not_answered(
    app, login_as, manager, make_round, answer
):
    round_ = make_round(manager, {"medarbetare": 3})
    answered, *waiting = round_.links["medarbetare"]
    answer(answered)
    client = login_as(manager)
    with mail.record_messages() as outbox:
        page = client.post(f"/aterkoppling/omgangar/{round_.id}/paminn", follow_redirects=True)
        client.post(f"/aterkoppling/omgangar/{round_.id}/paminn")  # same day: nothing more
    text = page.get_data(as_text=True)
    assert "Påminnelsen går till dem av de 3 som har fått en länk via e-post" in text
    assert not re.search(r"\b[12] (personer|adresser|påminnelser)", text)
    assert sorted(m.recipients[0] for m in outbox) == [
        "medarbetare1@example.se",
        "medarbetare2@example.se",
    ]
    assert outbox[0].subject.startswith("Påminnelse: Karin Lindqvist")
    visitor = app.test_client()
    for old in waiting:  # a reminder replaces the link
        assert visitor.get(f"/aterkoppling/svar/{old}").status_code == 404
    for message in outbox:
        assert visitor.get(LINK.search(message.body).group(1)).status_code == 200


def flashed(page) -> str:
    return re.search(r"Påminnelsen går till[^<]*", page.get_data(as_text=True)).group(0)


def test_the_button_says_how_many_were_asked_never_how_many_are_reminded(
    login_as, manager, make_round, answer
):
    """Issue 21 asked for "how many were reminded"; that number is how many
    have not answered (PRODUCT.md section 5 shows only whether the threshold
    is reached), so the button names how many were asked by e-mail instead:
    the same words whether no one or everyone has answered."""
    nobody = make_round(manager, {"medarbetare": 4})
    everyone = make_round(manager, {"medarbetare": 4})
    for token in everyone.links["medarbetare"]:
        answer(token)
    client = login_as(manager)
    pages = [
        client.post(f"/aterkoppling/omgangar/{r.id}/paminn", follow_redirects=True)
        for r in (nobody, everyone)
    ]
    first, second = (flashed(page) for page in pages)
    assert first == second
    assert "de 4 som har fått en länk via e-post" in first


def test_cron_reminds_once_in_the_last_days_and_seals_ended_rounds(
    app, manager, make_round, answer
):
    soon = make_round(manager, {"medarbetare": 2}, days=2)
    later = make_round(manager, {"kollegor": 2}, days=10)
    answer(soon.links["medarbetare"][0])
    with app.app_context(), mail.record_messages() as outbox:
        today = clock.today()
        assert service.send_feedback_reminders(today).sent == 1
        assert service.send_feedback_reminders(today).sent == 0
        assert service.send_feedback_reminders(today + timedelta(days=1)).sent == 0
        assert [m.recipients for m in outbox] == [["medarbetare1@example.se"]]
        # After the closing day: no reminders, and the ended round is sealed.
        assert service.send_feedback_reminders(today + timedelta(days=3)).sent == 0
        emails = dict(
            db.session.execute(
                select(FeedbackInvitation.round_id, FeedbackInvitation.email).order_by(
                    FeedbackInvitation.email
                )
            ).all()
        )
        assert emails[soon.id] is None
        assert emails[later.id] is not None
        assert db.session.get(FeedbackRound, soon.id).sealed
        assert not db.session.get(FeedbackRound, later.id).sealed


def test_a_failed_mail_gives_the_reminder_back(app, manager, make_round, monkeypatch):
    round_ = make_round(manager, {"medarbetare": 1}, days=1)
    token = round_.links["medarbetare"][0]

    def broken(*args):
        raise OSError("SMTP nere")

    with app.app_context():
        monkeypatch.setattr(mails, "send_reminder", broken)
        assert service.send_feedback_reminders().failed == 1
        monkeypatch.undo()
    assert app.test_client().get(f"/aterkoppling/svar/{token}").status_code == 200
    with app.app_context(), mail.record_messages() as outbox:
        assert service.send_feedback_reminders().sent == 1
        assert len(outbox) == 1
