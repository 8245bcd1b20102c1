"""Sealing an ended round (toolbox/feedback/seal.py): what it rewrites and
keeps, and that it is idempotent, safe when two workers run it at once,
and done by `send-reminders` for a round that ended by its date."""

import threading
from datetime import timedelta

from sqlalchemy import func, select, update

from toolbox import clock
from toolbox.clock import utcnow
from toolbox.db import sealing
from toolbox.extensions import db
from toolbox.feedback import responses, seal, service, tokens
from toolbox.feedback.invitations import invitations
from toolbox.feedback.models import (
    EMAIL,
    FeedbackAnswer,
    FeedbackAreaSum,
    FeedbackComment,
    FeedbackInvitation,
    FeedbackResponse,
    FeedbackRound,
)
from toolbox.feedback.results import results_for
from toolbox.submissions.service import new_token

GROUPS = ("medarbetare", "kollegor")
LIMITS = service.Thresholds(min_group=3, min_text=5)


def snapshot(app, round_id: int) -> dict:
    """What a sealed round must keep (the figures) and what it must change (keys)."""
    with app.app_context():
        found = db.session.get(FeedbackRound, round_id)
        results = results_for(found, LIMITS)
        of_round = select(FeedbackResponse.id).where(FeedbackResponse.round_id == round_id)
        return {
            "sealed": found.sealed,
            "response_ids": set(db.session.scalars(of_round)),
            "comment_ids": set(
                db.session.scalars(
                    select(FeedbackComment.id).where(FeedbackComment.round_id == round_id)
                )
            ),
            "answers": db.session.scalar(
                select(func.count()).where(FeedbackAnswer.response_id.in_(of_round))
            ),
            "sums": db.session.execute(
                select(func.count(), func.sum(FeedbackAreaSum.value_sum)).where(
                    FeedbackAreaSum.round_id == round_id
                )
            ).one(),
            "figures": [(a.key, a.line.total) for a in results.areas],
            "responses": results.responses,
            "comments": sorted((c.prompt, c.text) for c in results.comments or ()),
            "invited": invitations(found).by_group,
        }


def answered(make_round, manager, answer, **invited) -> object:
    round_ = make_round(manager, invited, groups=GROUPS)
    for group, links in round_.links.items():
        for n, token in enumerate(links[:-1]):  # one in each group never answers
            answer(token, 2 + n % 3, {"bra": f"{group} {n}"})
    return round_


def close_without_seal(app, round_) -> None:
    with app.app_context():
        found = db.session.get(FeedbackRound, round_.id)
        service.close(found, round_.manager_id, clock.today())
        db.session.commit()


def test_sealing_rewrites_the_keys_keeps_the_results_and_blanks_the_invitations(
    app, manager, make_round, answer
):
    round_ = answered(make_round, manager, answer, medarbetare=6, kollegor=4)
    close_without_seal(app, round_)
    before = snapshot(app, round_.id)
    with app.app_context():
        assert seal.seal_round(round_.id, clock.today())
    after = snapshot(app, round_.id)
    assert after["sealed"]
    assert not before["sealed"]
    assert not after["response_ids"] & before["response_ids"]
    assert not after["comment_ids"] & before["comment_ids"]
    assert len(after["response_ids"]) == len(before["response_ids"]) == 8
    for key in ("answers", "sums", "figures", "responses", "comments", "invited"):
        assert after[key] == before[key], key
    assert after["invited"] == {"medarbetare": {"epost": 6}, "kollegor": {"epost": 4}}
    with app.app_context():
        rows = db.session.execute(
            select(
                FeedbackInvitation.email,
                FeedbackInvitation.answered,
                FeedbackInvitation.submission,
                FeedbackInvitation.last_reminded_on,
                FeedbackInvitation.created_on,
            )
        ).all()
        opened_on = db.session.get(FeedbackRound, round_.id).opened_on
        assert set(rows) == {(None, False, None, None, opened_on)}
    # A link of the sealed round, answered or not, no longer exists.
    for token in round_.links["medarbetare"][-2:]:
        assert app.test_client().get(f"/aterkoppling/svar/{token}").status_code == 404


def test_sealing_again_changes_nothing(app, manager, make_round, answer, close_round):
    round_ = answered(make_round, manager, answer, medarbetare=4, kollegor=4)
    close_round(round_)  # closes and seals
    first = snapshot(app, round_.id)
    with app.app_context():
        on = clock.today()
        assert not seal.seal_round(round_.id, on)
        assert seal.seal_ended(on) == 0
    assert snapshot(app, round_.id) == first


def test_an_open_round_is_not_sealed(app, manager, make_round, answer):
    round_ = answered(make_round, manager, answer, medarbetare=4, kollegor=4)
    before = snapshot(app, round_.id)
    with app.app_context():
        assert not seal.seal_round(round_.id, clock.today())
        assert seal.seal_ended(clock.today()) == 0
    assert snapshot(app, round_.id) == before


def test_two_workers_at_once_seal_the_round_once(app, manager, make_round, answer):
    round_ = answered(make_round, manager, answer, medarbetare=5, kollegor=4)
    close_without_seal(app, round_)
    before = snapshot(app, round_.id)
    start, outcomes = threading.Barrier(2), []

    def worker(entry) -> None:
        with app.app_context():
            on = clock.today()
            start.wait()
            outcomes.append(entry(on))

    threads = [
        threading.Thread(target=worker, args=(lambda on: seal.seal_round(round_.id, on),)),
        threading.Thread(target=worker, args=(lambda on: seal.seal_ended(on) == 1,)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [False, True]
    after = snapshot(app, round_.id)
    assert after["sealed"]
    assert len(after["response_ids"]) == len(before["response_ids"]) == 7
    assert not after["response_ids"] & before["response_ids"]
    for key in ("answers", "sums", "figures", "comments", "invited"):
        assert after[key] == before[key], key


def test_a_claim_is_respected_until_it_is_stale(app, manager, make_round, answer):
    round_ = answered(make_round, manager, answer, medarbetare=4, kollegor=4)
    close_without_seal(app, round_)

    def claim_since(minutes: int) -> None:
        with app.app_context():
            db.session.execute(
                update(FeedbackRound).values(seal_claimed_at=utcnow() - timedelta(minutes=minutes))
            )
            db.session.commit()

    claim_since(1)  # another worker is sealing it right now
    with app.app_context():
        assert seal.seal_ended(clock.today()) == 0
    assert not snapshot(app, round_.id)["sealed"]
    claim_since(60)  # that worker died
    with app.app_context():
        assert seal.seal_ended(clock.today()) == 1
    assert snapshot(app, round_.id)["sealed"]


def test_send_reminders_seals_a_round_that_ended_by_its_date(app, manager, make_round, answer):
    ended = answered(make_round, manager, answer, medarbetare=4, kollegor=4)
    running = answered(make_round, manager, answer, medarbetare=4, kollegor=4)
    with app.app_context():
        db.session.execute(
            update(FeedbackRound)
            .where(FeedbackRound.id == ended.id)
            .values(closes_on=clock.today() - timedelta(days=1))
        )
        db.session.commit()
    before = snapshot(app, ended.id)
    result = app.test_cli_runner().invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output
    after = snapshot(app, ended.id)
    assert after["sealed"]
    assert not after["response_ids"] & before["response_ids"]
    assert after["figures"] == before["figures"]
    assert not snapshot(app, running.id)["sealed"]
    with app.app_context():
        emails = db.session.scalars(
            select(FeedbackInvitation.email).where(FeedbackInvitation.round_id == ended.id)
        ).all()
        assert emails == [None] * 8
        # The running round keeps its addresses for the reminders.
        assert (
            None
            not in db.session.scalars(
                select(FeedbackInvitation.email).where(FeedbackInvitation.round_id == running.id)
            ).all()
        )
    again = app.test_cli_runner().invoke(args=["send-reminders"])
    assert again.exit_code == 0
    assert snapshot(app, ended.id) == after


def test_a_failed_clean_up_leaves_the_round_to_the_next_pass(
    app, manager, make_round, answer, monkeypatch
):
    round_ = answered(make_round, manager, answer, medarbetare=4, kollegor=4)
    close_without_seal(app, round_)
    monkeypatch.setattr(sealing, "clear_traces", lambda kind: False)
    with app.app_context():
        assert seal.seal_ended(clock.today()) == 0
        found = db.session.get(FeedbackRound, round_.id)
        assert not found.sealed
        assert found.seal_claimed_at is None
    monkeypatch.undo()
    with app.app_context():
        assert seal.seal_ended(clock.today()) == 1
    assert snapshot(app, round_.id)["sealed"]


def test_for_a_day_after_a_seal_every_pass_clears_the_traces_again(
    app, manager, make_round, answer, close_round, monkeypatch
):
    """What a transaction open elsewhere kept through the seal's VACUUM
    goes at a later pass (SECURITY.md)."""
    round_ = answered(make_round, manager, answer, medarbetare=4, kollegor=4)
    close_round(round_)
    cleared = []
    monkeypatch.setattr(sealing, "clear_traces", lambda kind: cleared.append(kind) or True)
    with app.app_context():
        today = clock.today()
        assert seal.seal_ended(today) == 0
        assert len(cleared) == 1
        assert seal.seal_ended(today + timedelta(days=1)) == 0
        assert len(cleared) == 2
        assert seal.seal_ended(today + timedelta(days=2)) == 0
        assert len(cleared) == 2


def test_an_answer_sent_as_the_round_is_sealed_is_not_stored(app, manager, make_round, answer):
    """Midnight on the last day: a respondent whose form opened before it
    posts after the seal has begun. The token is gone; nothing is stored
    after the responses were rewritten."""
    round_ = make_round(manager, {"medarbetare": 4}, groups=GROUPS, days=0)
    for token in round_.links["medarbetare"][:3]:
        answer(token)
    late = round_.links["medarbetare"][3]
    with app.app_context():
        today = clock.today()
        found = tokens.lookup(late, EMAIL, today)
        assert found.status == tokens.OK  # the form was opened on the last day
        # What the respondent's request holds of it, as it was then.
        invitation = FeedbackInvitation(
            id=found.invitation.id, round_id=round_.id, rater_group="medarbetare"
        )
        db.session.commit()
        assert seal.seal_round(round_.id, today + timedelta(days=1))
        before = snapshot(app, round_.id)
        questions = service.question_set(db.session.get(FeedbackRound, round_.id))
        answers = responses.Answers({q.key: 5 for q in questions.questions}, {"bra": "Sent."})
        assert not responses.submit(invitation, questions, answers, new_token(), today)
        db.session.rollback()
    assert snapshot(app, round_.id) == before
