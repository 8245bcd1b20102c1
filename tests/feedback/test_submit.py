"""Acceptance 3: one token gives exactly one response – after a double
submit, a second form, and two (or four) posts at the same moment."""

import threading

import pytest
from sqlalchemy import func, select

from tests.feedback.conftest import form_data
from toolbox import clock
from toolbox.extensions import db
from toolbox.feedback import invitations, service
from toolbox.feedback.models import FeedbackAnswer, FeedbackComment, FeedbackResponse, FeedbackRound


def counts(app) -> tuple[int, int, int]:
    with app.app_context():
        return tuple(
            db.session.scalar(select(func.count()).select_from(model))
            for model in (FeedbackResponse, FeedbackAnswer, FeedbackComment)
        )


def questions_of(app, round_id):
    with app.app_context():
        return service.question_set(db.session.get(FeedbackRound, round_id))


def test_the_same_form_twice_stores_one_response(app, client, manager, make_round):
    round_ = make_round(manager, {"medarbetare": 1})
    path = f"/aterkoppling/svar/{round_.links['medarbetare'][0]}"
    assert client.get(path).status_code == 200
    data = form_data(questions_of(app, round_.id), "3", bra="Lyssnar.")
    first = client.post(path, data=data)
    again = client.post(path, data=data)
    assert first.status_code == again.status_code == 302
    assert first.headers["Location"] == again.headers["Location"] == "/aterkoppling/tack"
    assert counts(app) == (1, 12, 1)


def test_another_form_with_a_used_token_is_refused(app, client, manager, make_round):
    round_ = make_round(manager, {"medarbetare": 1})
    path = f"/aterkoppling/svar/{round_.links['medarbetare'][0]}"
    questions = questions_of(app, round_.id)
    assert client.post(path, data=form_data(questions, "5")).status_code == 302
    second = client.post(path, data=form_data(questions, "1"))
    assert second.status_code == 410
    assert "Du har redan svarat" in second.get_data(as_text=True)
    assert client.get(path).status_code == 410
    assert counts(app) == (1, 12, 0)


def post_at_once(app, path: str, forms: list[dict], prepare=None) -> list[int]:
    statuses: list[int] = []
    barrier = threading.Barrier(len(forms))

    def worker(data):
        client = app.test_client()
        if prepare:
            prepare(client)
        barrier.wait()
        statuses.append(client.post(path, data=data).status_code)

    threads = [threading.Thread(target=worker, args=(data,)) for data in forms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(statuses)


@pytest.mark.parametrize("same_form", [True, False], ids=["same-form", "different-forms"])
def test_parallel_posts_with_one_link_store_one_response(app, manager, make_round, same_form):
    round_ = make_round(manager, {"medarbetare": 1})
    path = f"/aterkoppling/svar/{round_.links['medarbetare'][0]}"
    questions = questions_of(app, round_.id)
    first = form_data(questions, "4", utveckla="Mer tid.")
    forms = [first if same_form else form_data(questions, "4", utveckla="Mer tid.")] * 4
    if not same_form:
        forms = [form_data(questions, str(n), utveckla="Mer tid.") for n in range(1, 5)]
    statuses = post_at_once(app, path, forms)
    assert statuses.count(302) >= 1
    assert counts(app) == (1, 12, 1)
    if not same_form:
        assert statuses == [302, 410, 410, 410]


def test_parallel_posts_with_one_code_store_one_response(app, manager, make_round):
    round_ = make_round(manager, {})
    with app.app_context():
        found = db.session.get(FeedbackRound, round_.id)
        code = invitations.create_codes(found, "kollegor", 1, clock.today())[0]
        db.session.commit()
    questions = questions_of(app, round_.id)

    def with_code(client):
        with client.session_transaction() as session:
            session["feedback_code"] = code

    forms = [form_data(questions, str(n)) for n in range(1, 3)]
    statuses = post_at_once(app, "/aterkoppling/svara/formular", forms, with_code)
    assert statuses == [302, 410]
    assert counts(app) == (1, 12, 0)
