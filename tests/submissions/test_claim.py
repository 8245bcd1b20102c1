"""A submission token is accepted once, also from two parallel requests."""

import threading

from sqlalchemy import func, select

from toolbox.extensions import db
from toolbox.submissions.models import UsedSubmission
from toolbox.submissions.service import claim, new_token


def test_a_token_is_claimed_once(ctx):
    token = new_token()
    assert claim(token) is True
    db.session.commit()
    assert claim(token) is False
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(UsedSubmission)) == 1


def test_a_failed_claim_keeps_the_rest_of_the_transaction(ctx):
    first, second = new_token(), new_token()
    claim(first)
    db.session.commit()
    assert claim(first) is False
    assert claim(second) is True
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(UsedSubmission)) == 2


def test_parallel_claims_of_one_token_give_one_winner(app):
    token = new_token()
    results: list[bool] = []
    barrier = threading.Barrier(4)

    def worker():
        with app.test_request_context(method="POST"):
            barrier.wait()
            results.append(claim(token))
            db.session.commit()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == [False, False, False, True]
