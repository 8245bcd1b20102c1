"""Fixtures for leadership-team dialogues: a leader, a team of four, a
dialogue opened for them, and answers posted through the members' own pages."""

import pytest
from sqlalchemy import select

from tests.language.pages import english  # noqa: F401 - the English tests' page checker
from toolbox import clock
from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.teams import service
from toolbox.teams.content import get_dialogue_content
from toolbox.teams.models import Dialogue


@pytest.fixture
def leader(make_user, make_unit) -> User:
    unit = make_unit("VO-1", name="Verksamhetsområde Medicin", level="verksamhet")
    return make_user("vc@example.se", roles=("chef", "ledning"), name="Vera Berg", unit_id=unit.id)


@pytest.fixture
def team(make_user) -> list[User]:
    return [
        make_user(f"medlem{n}@example.se", roles=("chef",), name=f"Medlem {n}") for n in range(1, 5)
    ]


@pytest.fixture
def open_dialogue(app, leader, team):
    """Open a dialogue for the team (or given members); returns its id."""

    def make(members=None, team_name: str = "Verksamhetsledningen") -> int:
        with app.app_context():
            users = [db.session.get(User, u.id) for u in (members or team)]
            dialogue = service.open_dialogue(
                db.session.get(User, leader.id),
                team_name,
                "tillit",
                None,
                users,
                get_dialogue_content().version,
            )
            db.session.commit()
            return dialogue.id

    return make


def answer_data(app, rating: str = "3", priorities=None, meaning: str = "") -> dict:
    with app.app_context():
        content = get_dialogue_content()
        keys = [b.key for b in content.behaviours]
        data = {f"r_{key}": rating for key in keys}
        data["priorities"] = priorities or keys[: content.priorities]
        data["meaning"] = meaning
        return data


@pytest.fixture
def answer(app, login_as, client):
    """Post a member's answers through the answer page."""

    def post(user: User, dialogue_id: int, **values):
        login_as(user)
        response = client.post(
            f"/ledningsgrupp/{dialogue_id}/svara", data=answer_data(app, **values)
        )
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        return response

    return post


@pytest.fixture
def close_dialogue(app):
    def close(dialogue_id: int) -> None:
        with app.app_context():
            service.close(db.session.get(Dialogue, dialogue_id), clock.utcnow())
            db.session.commit()

    return close


def dialogue_row(app, dialogue_id: int) -> Dialogue:
    with app.app_context():
        found = db.session.scalar(select(Dialogue).where(Dialogue.id == dialogue_id))
        db.session.expunge(found)
        return found
