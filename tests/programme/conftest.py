"""Fixtures for the programme plan and the report: a leadership user, and
the analysis tests' crafted organisation with reflections in an ended
half-year, whose figures are known."""

import pytest

from tests.analysis.conftest import add_managers, half_year, org, submitted_at  # noqa: F401
from tests.language.pages import english  # noqa: F401 - the English tests' page checker
from toolbox.auth.models import User


@pytest.fixture
def leader(make_user) -> User:
    return make_user("ledning@example.se", roles=("ledning",), name="Lars Lind")


@pytest.fixture
def leader_client(leader, login_as, client):
    login_as(leader)
    return client
