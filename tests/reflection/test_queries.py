"""Pages ask the database a bounded number of questions (no N+1), and the
database itself allows one draft per manager."""

from datetime import datetime

import pytest
from sqlalchemy.exc import IntegrityError

from toolbox.extensions import db
from toolbox.reflection.models import Reflection


def statements_for(client, count_statements, path: str) -> int:
    with count_statements() as counter:
        assert client.get(path).status_code == 200
    return counter.count


def test_history_and_results_do_not_grow_with_the_number_of_reflections(
    make_user, login_as, client, make_reflection, make_item, count_statements
):
    make_item(areas=("styrning",))
    user = make_user(roles=("chef",))
    login_as(user)
    ids = [make_reflection(user, {"styrning": 2}, datetime(2024, 1, 1 + n)) for n in range(2)]
    small = statements_for(client, count_statements, "/sjalvskattning/")
    result_small = statements_for(client, count_statements, f"/sjalvskattning/{ids[-1]}")
    ids += [make_reflection(user, {"styrning": 2}, datetime(2025, 1, 1 + n)) for n in range(6)]
    assert statements_for(client, count_statements, "/sjalvskattning/") == small
    assert statements_for(client, count_statements, f"/sjalvskattning/{ids[-1]}") == result_small
    # The reflection, the previous one, their answers, the notes; the
    # recommendations: the manager's units and plan, the ranking, the items.
    assert result_small <= 17


def test_one_draft_per_manager_is_kept_by_the_database(app, make_user):
    user = make_user()
    with app.app_context():
        db.session.add(Reflection(user_id=user.id, question_set_version=1))
        db.session.commit()
        db.session.add(Reflection(user_id=user.id, question_set_version=1))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        db.session.add(
            Reflection(
                user_id=user.id,
                question_set_version=1,
                status="inskickad",
                submitted_at=datetime(2026, 1, 1),
            )
        )
        db.session.commit()
