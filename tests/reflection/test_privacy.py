"""Only the author can open a reflection (PRODUCT.md section 5, acceptance 2):
every other demo account – managers, HR, leadership, administrator – gets 404
for every URL of a draft or a submitted reflection, and changes nothing."""

from pathlib import Path

import pytest
from sqlalchemy import func, select
from werkzeug.exceptions import NotFound

from toolbox.auth.models import User
from toolbox.demo.org import seed_org
from toolbox.extensions import db
from toolbox.reflection.models import Reflection, ReflectionAnswer, ReflectionNote
from toolbox.reflection.service import own_reflection

CONTENT = Path(__file__).resolve().parents[2] / "content"
OWNER = "chef@example.se"
SECRET_NOTE = "Hemlig tanke om min chef"
GET_PATHS = ("/steg/1", "/steg/4", "/granska", "", "/utskrift", "/ta-bort")
POST_PATHS = ("/steg/1", "/skicka-in", "/ta-bort")


@pytest.fixture
def demo_users(app) -> dict[str, User]:
    with app.app_context():
        seed_org(CONTENT, "small")
        db.session.commit()
        users = db.session.scalars(select(User).order_by(User.email)).all()
        for user in users:
            db.session.expunge(user)
        return {user.email: user for user in users}


def state(app) -> tuple:
    with app.app_context():
        return tuple(
            db.session.scalar(select(func.count()).select_from(model))
            for model in (Reflection, ReflectionAnswer, ReflectionNote)
        ) + tuple(db.session.scalars(select(Reflection.status).order_by(Reflection.id)))


def test_every_other_demo_account_gets_404(app, client, login_as, demo_users, make_reflection):
    owner = demo_users[OWNER]
    submitted = make_reflection(owner, notes={"kultur": SECRET_NOTE})
    draft = make_reflection(owner, draft=True, notes={"styrning": SECRET_NOTE})
    before = state(app)
    others = [user for email, user in demo_users.items() if email != OWNER]
    assert {"hr@example.se", "ledning@example.se", "admin@example.se"} <= {u.email for u in others}
    assert len(others) >= 30
    for user in others:
        login_as(user)
        for reflection_id in (submitted, draft):
            base = f"/sjalvskattning/{reflection_id}"
            for path in GET_PATHS:
                response = client.get(base + path)
                assert response.status_code == 404, (user.email, "GET", base + path)
                assert SECRET_NOTE not in response.get_data(as_text=True)
            for path in POST_PATHS:
                data = {"action": "next", "note": "inbrott", "q_kultur-syfte": "1"}
                response = client.post(base + path, data=data)
                assert response.status_code == 404, (user.email, "POST", base + path)
        export = client.get("/sjalvskattning/export")
        assert export.status_code == 200
        assert SECRET_NOTE not in export.get_data(as_text=True)
        assert export.get_json()["sjalvskattningar"] == []
    assert state(app) == before


def test_the_author_can_open_everything(app, client, login_as, demo_users, make_reflection):
    owner = demo_users[OWNER]
    submitted = make_reflection(owner, notes={"kultur": SECRET_NOTE})
    draft = make_reflection(owner, draft=True)
    login_as(owner)
    for path in ("", "/utskrift", "/ta-bort"):
        assert client.get(f"/sjalvskattning/{submitted}{path}").status_code == 200, path
    for path in ("/steg/1", "/granska", "/ta-bort"):
        assert client.get(f"/sjalvskattning/{draft}{path}").status_code == 200, path
    assert SECRET_NOTE in client.get(f"/sjalvskattning/{submitted}").get_data(as_text=True)
    assert SECRET_NOTE in client.get("/sjalvskattning/export").get_data(as_text=True)


def test_the_owner_check_refuses_even_an_administrator(app, demo_users, make_reflection):
    reflection_id = make_reflection(demo_users[OWNER])
    with app.app_context():
        assert own_reflection(reflection_id, demo_users[OWNER].id).id == reflection_id
        for email in ("admin@example.se", "hr@example.se", "ledning@example.se"):
            with pytest.raises(NotFound):
                own_reflection(reflection_id, demo_users[email].id)
        with pytest.raises(NotFound):
            own_reflection(reflection_id + 1000, demo_users[OWNER].id)


def test_anonymous_visitors_are_sent_to_login_and_see_nothing(client, demo_users, make_reflection):
    reflection_id = make_reflection(demo_users[OWNER], draft=True, notes={"kultur": SECRET_NOTE})
    base = f"/sjalvskattning/{reflection_id}"
    for path in ("/steg/1", "/granska", "", "/utskrift", "/ta-bort"):
        response = client.get(base + path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login")
    for path in ("/skicka-in", "/ta-bort"):
        assert client.post(base + path).headers["Location"].startswith("/login")
    assert client.get("/sjalvskattning/export").headers["Location"].startswith("/login")
    # A step posted without a login and without the author's signed form value is refused.
    response = client.post(base + "/steg/3", data={"version": "1"})
    assert response.status_code == 400
    assert SECRET_NOTE not in response.get_data(as_text=True)


def test_the_overview_is_for_managers_only(client, login_as, demo_users):
    for email, status in (("hr@example.se", 403), ("admin@example.se", 403), (OWNER, 200)):
        login_as(demo_users[email])
        assert client.get("/sjalvskattning/").status_code == status, email
