"""Helpers for the feedback tests: a round with mailed links, answering
through the service or through the respondent's page."""

from dataclasses import dataclass
from datetime import timedelta

import pytest

from toolbox import clock
from toolbox.extensions import db
from toolbox.feedback import invitations, responses, seal, service, tokens
from toolbox.feedback.models import EMAIL, FeedbackRound
from toolbox.submissions.service import new_token

ALL_GROUPS = ("medarbetare", "kollegor", "chef")


@dataclass
class Round:
    id: int
    manager_id: int
    links: dict[str, list[str]]  # group → link tokens


def form_data(questions, value: str = "4", **comments) -> dict[str, str]:
    """A complete answer form: every statement answered with `value`."""
    data = {f"q_{q.key}": value for q in questions.questions}
    data |= {f"c_{prompt}": text for prompt, text in comments.items()}
    data["submission"] = new_token()
    return data


@pytest.fixture
def manager(make_user):
    return make_user("karin@example.se", roles=("chef",), name="Karin Lindqvist")


@pytest.fixture
def make_round(app):
    """A round with `invited` mailed links per group."""

    def make(manager, invited: dict[str, int], groups=ALL_GROUPS, days: int = 14) -> Round:
        with app.app_context():
            on = clock.today()
            data = service.RoundData("Återkoppling i test", list(groups), on + timedelta(days), "")
            round_ = service.open_round(manager.id, data, on)
            links = {}
            for group, count in invited.items():
                addresses = [f"{group}{n}@example.se" for n in range(count)]
                found = invitations.invite(round_, group, addresses, manager.email, on)
                links[group] = list(found.tokens.values())
            db.session.commit()
            return Round(round_.id, manager.id, links)

    return make


@pytest.fixture
def answer(app):
    """Answer through the service with one value for every statement."""

    def give(token: str, value: int | None = 4, comments: dict | None = None) -> bool:
        with app.app_context():
            on = clock.today()
            found = tokens.lookup(token, EMAIL, on)
            assert found.status == tokens.OK, found.status
            questions = service.question_set(found.round)
            answers = responses.Answers({q.key: value for q in questions.questions}, comments or {})
            done = responses.submit(found.invitation, questions, answers, new_token(), on)
            db.session.commit()
            return done

    return give


@pytest.fixture
def close_round(app):
    """Close and seal, as the manager's button does."""

    def close(round_: Round) -> None:
        with app.app_context():
            found = db.session.get(FeedbackRound, round_.id)
            service.close(found, round_.manager_id, clock.today())
            db.session.commit()
            assert seal.seal_round(round_.id, clock.today())

    return close
