"""The anonymity thresholds and the blind-spot rule, on crafted data
(PRODUCT.md section 5): plain functions first, then a round in the database."""

import pytest

from toolbox.extensions import db
from toolbox.feedback import service
from toolbox.feedback.compare import BLIND_SPOT, GAP_THRESHOLD, HIDDEN_STRENGTH, classify
from toolbox.feedback.models import FeedbackRound
from toolbox.feedback.results import (
    Tally,
    all_answering_shown,
    combine,
    comments_visible,
    figure,
    results_for,
    shown_groups,
)

LIMITS = service.Thresholds(min_group=3, min_text=5)


def test_a_group_under_the_threshold_is_not_shown():
    counts = {"medarbetare": 3, "kollegor": 2, "chef": 1}
    assert shown_groups(counts, ["medarbetare", "kollegor", "chef"], 3) == ["medarbetare"]
    assert shown_groups(counts, ["kollegor", "medarbetare"], 2) == ["kollegor", "medarbetare"]
    assert shown_groups({}, ["medarbetare"], 3) == []


def test_a_figure_needs_enough_answers_on_the_scale():
    assert figure(Tally(12, 3, 0), 3).mean == 4
    # Three responses, but two said "Vet ej": one person's answer would stand alone.
    assert figure(Tally(5, 1, 2), 3) is None
    assert figure(None, 3) is None


def test_the_total_counts_only_shown_figures():
    tallies = {"medarbetare": Tally(15, 3, 0), "kollegor": Tally(6, 3, 0)}
    line = combine(tallies, ["medarbetare", "kollegor"], 3)
    assert line.figures["medarbetare"].mean == 5
    assert line.total.mean == pytest.approx(21 / 6)
    assert line.total.answered == 6
    # Kollegor hidden for this statement ("Vet ej"): not folded into the total,
    # so total minus medarbetare cannot reveal the one kollega's answer.
    tallies["kollegor"] = Tally(1, 1, 2)
    line = combine(tallies, ["medarbetare", "kollegor"], 3)
    assert line.figures["kollegor"] is None
    assert line.total.mean == 5
    assert line.total.answered == 3


def test_no_total_without_a_shown_figure():
    line = combine({"medarbetare": Tally(2, 1, 2)}, ["medarbetare"], 3)
    assert line.figures == {"medarbetare": None}
    assert line.total is None


@pytest.mark.parametrize(
    ("counts", "visible"),
    [
        ({"medarbetare": 4}, False),
        ({"medarbetare": 5}, True),
        ({"medarbetare": 12}, True),
        # Only the shown groups count: 3 + 2 is five responses, but kollegor is dropped.
        ({"medarbetare": 3, "kollegor": 2}, False),
        ({"medarbetare": 3, "kollegor": 3}, True),
    ],
)
def test_comments_show_from_the_text_threshold_of_shown_groups(counts, visible):
    groups = shown_groups(counts, ["medarbetare", "kollegor"], 3)
    assert comments_visible(counts, groups, 5) is visible


def test_comments_without_a_group_need_every_answering_group_shown():
    assert all_answering_shown({"medarbetare": 5, "kollegor": 0}, ["medarbetare"])
    assert not all_answering_shown({"medarbetare": 5, "kollegor": 2}, ["medarbetare"])


@pytest.mark.parametrize(
    ("own", "others", "kind"),
    [
        (5, 4.25, BLIND_SPOT),  # exactly the threshold below
        (5, 4.26, None),
        (3, 3.75, HIDDEN_STRENGTH),  # exactly the threshold above
        (3, 3.74, None),
        (4, 3.25, BLIND_SPOT),
        (1, 5, HIDDEN_STRENGTH),
        (4, 4, None),
        (None, 2, None),  # "Vet ej" in the self-reflection
        (4, None, None),  # too few answers from others
    ],
)
def test_blind_spots_and_hidden_strengths(own, others, kind):
    assert GAP_THRESHOLD == 0.75
    assert classify(own, others) == kind


def test_results_drop_a_small_group_everywhere(app, manager, make_round, answer, close_round):
    round_ = make_round(manager, {"medarbetare": 3, "kollegor": 2})
    for token in round_.links["medarbetare"]:
        answer(token, 4, {"bra": "Lyssnar."})
    for token in round_.links["kollegor"]:
        answer(token, 1, {"utveckla": "Mer tid för oss."})
    close_round(round_)
    with app.app_context():
        results = results_for(db.session.get(FeedbackRound, round_.id), LIMITS)
        assert results.groups == ("medarbetare",)
        assert results.responses == {"medarbetare": 3}
        assert results.any_dropped
        for area in results.areas:
            assert set(area.line.figures) == {"medarbetare"}
            assert area.line.total.mean == 4  # the kollegor's 1s are not in the total
            for statement in area.statements:
                assert statement.line.total.mean == 4
        # Five responses in the round, but only three in the groups shown: no comments.
        assert results.comments is None


def test_a_higher_configured_threshold_is_respected(app, manager, make_round, answer, close_round):
    app.config["FEEDBACK_MIN_GROUP"] = 4
    round_ = make_round(manager, {"medarbetare": 3})
    for token in round_.links["medarbetare"]:
        answer(token, 5)
    close_round(round_)
    with app.app_context():
        results = results_for(db.session.get(FeedbackRound, round_.id), service.thresholds())
        assert results.groups == ()
        assert results.comments is None
        assert all(area.line.total is None for area in results.areas)


def test_while_open_only_whether_thresholds_are_reached(app, manager, make_round, answer):
    round_ = make_round(manager, {"medarbetare": 4, "kollegor": 1})
    for token in round_.links["medarbetare"][:3]:
        answer(token)
    with app.app_context():
        found = db.session.get(FeedbackRound, round_.id)
        progress = service.progress([found], LIMITS)[found.id]
        assert progress.groups == {"medarbetare": True, "kollegor": False}
        assert progress.named is False  # the own manager, a named voice, has not answered
        assert progress.comments is False
        assert all(isinstance(v, bool) for v in progress.groups.values())
