"""Scores (PRODUCT.md section 2): means on 1–5, index 0–100 with 1→0 … 5→100,
"Vet ej" left out of the means and counted on its own."""

import random
from datetime import datetime

import pytest

from tests.reflection.conftest import AREAS
from toolbox.reflection import service
from toolbox.reflection.results import results_for
from toolbox.reflection.scoring import EMPTY, Score, change, score, to_index


@pytest.mark.parametrize(("value", "index"), [(1, 0), (2, 25), (3, 50), (4, 75), (5, 100)])
def test_the_index_maps_the_scale_to_0_100(value, index):
    assert to_index(value) == index
    assert score([value]).index == index


def test_dont_know_is_left_out_of_the_mean_and_counted():
    result = score([1, None, 4, None, 4])
    assert result == Score(3.0, 3, 2)
    assert result.index == 50
    assert result.count == 5


def test_only_dont_know_gives_no_mean_and_no_index():
    assert score([None, None]) == Score(None, 0, 2)
    assert score([None]).index is None
    assert score([]) == EMPTY


def test_values_off_the_scale_are_refused():
    with pytest.raises(ValueError, match="1–5"):
        score([0, 3])
    with pytest.raises(ValueError, match="1–5"):
        score([6])


def test_change_needs_two_means():
    assert change(Score(3.5, 2, 0), Score(3.0, 2, 0)) == pytest.approx(0.5)
    assert change(Score(3.5, 2, 0), None) is None
    assert change(Score(3.5, 2, 0), Score(None, 0, 2)) is None


def test_area_scores_in_sql_leave_out_dont_know(app, make_user, make_reflection):
    user = make_user()
    reflection_id = make_reflection(
        user,
        {
            "ledarskap": [1, 2, None, None, 3],
            "styrning": [None] * 5,
            "kultur": 5,
            "forutsattningar": [2, 2, 2, 2, 3],
        },
    )
    with app.app_context():
        scores = service.area_scores([reflection_id])[reflection_id]
    assert scores["ledarskap"] == Score(2.0, 3, 2)
    assert scores["ledarskap"].index == 25
    assert scores["styrning"] == Score(None, 0, 5)
    assert scores["kultur"] == Score(5.0, 5, 0)
    assert scores["forutsattningar"].mean == pytest.approx(2.2)
    assert scores["forutsattningar"].index == pytest.approx(30)


def test_results_per_area_statement_principle_and_change(app, make_user, make_reflection):
    user = make_user()
    make_reflection(user, {"styrning": 2}, submitted_at=service.utcnow().replace(year=2025))
    latest = make_reflection(user, {"styrning": [3, 3, 4, None, 2]})
    with app.test_request_context():  # the labels are in the request's language
        results = results_for(service.own_reflection(latest, user.id))
        styrning = next(a for a in results.areas if a.key == "styrning")
        assert styrning.score == Score(3.0, 4, 1)
        assert styrning.previous == Score(2.0, 5, 0)
        assert styrning.change == pytest.approx(1.0)
        first = styrning.statements[0]
        assert (first.number, first.value, first.previous, first.change) == (1, 3, 2, 1)
        assert first.index == 50
        assert first.label == "3 – Stämmer delvis"
        fourth = styrning.statements[3]
        assert fourth.label == "Vet ej / ej aktuellt"
        assert fourth.index is None
        assert fourth.change is None
        assert results.overall == Score(pytest.approx(3.0), 19, 1)
        stod = next(p for p in results.principles if p.key == "stod")
        assert stod.score.answered > 0


def test_the_results_area_scores_are_those_computed_in_sql(app, make_user, make_reflection):
    """The results page scores each area from the answers it reads anyway;
    the history and the export from SQL. On random answers (statements left
    out, "Vet ej", whole areas unanswered) both give the same scores."""
    rng = random.Random(7)
    user = make_user()
    choices = [1, 2, 3, 4, 5, None, ""]  # "": not answered
    for year in range(2000, 2012):
        values = {
            area: [rng.choice(choices) for _ in range(5)] if rng.random() < 0.8 else [""] * 5
            for area in AREAS
        }
        reflection_id = make_reflection(user, values, datetime(year, 1, 1))
        with app.test_request_context():
            results = results_for(service.own_reflection(reflection_id, user.id))
            in_sql = service.area_scores(
                [reflection_id] + ([results.previous.id] if results.previous else [])
            )
        for area in results.areas:
            assert area.score == in_sql[reflection_id].get(area.key, EMPTY), (year, area.key)
            if results.previous:
                assert area.previous == in_sql[results.previous.id].get(area.key), (year, area.key)
