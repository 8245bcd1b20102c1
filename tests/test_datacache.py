"""Shared results (toolbox/db/cache.py): a cached computation is used again
until a table it read is written to, by this worker or by any other."""

import pytest
from sqlalchemy import func, select, text, update

from tests.conftest import app_on, base_config
from toolbox import create_app
from toolbox.auth.models import User
from toolbox.db.cache import DataVersion, cached
from toolbox.extensions import db
from toolbox.org.models import OrgUnit

calls: list[str] = []


@cached
def unit_count(level: str) -> int:
    calls.append(f"units {level}")
    return db.session.scalar(select(func.count()).where(OrgUnit.level == level))


@cached
def summary(level: str) -> tuple[int, int]:
    """A cached computation that uses another one."""
    calls.append(f"summary {level}")
    return unit_count(level), db.session.scalar(select(func.count(User.id)))


@pytest.fixture(autouse=True)
def _fresh_calls():
    calls.clear()


def versions() -> dict[str, int]:
    rows = db.session.execute(select(DataVersion.table_name, DataVersion.version))
    return dict(rows)


def in_request(app, method="GET"):
    return app.test_request_context("/", method=method)


def current(app) -> dict[str, int]:
    with app.app_context():
        return versions()


def test_a_commit_bumps_the_tables_it_wrote_and_a_rollback_nothing(app, make_unit):
    before = current(app)
    make_unit("A")  # commits
    after = current(app)
    assert after["org_units"] == before.get("org_units", 0) + 1
    assert {k: v for k, v in after.items() if k != "org_units"} == {
        k: v for k, v in before.items() if k != "org_units"
    }
    with in_request(app, "POST"):
        db.session.execute(update(OrgUnit).values(staff_count=3))
        db.session.rollback()
    assert current(app) == after
    with in_request(app, "POST"):  # raw SQL counts too (SQLite's search index is written so)
        db.session.execute(text("UPDATE org_units SET staff_count = 4"))
        db.session.commit()
    assert current(app)["org_units"] == after["org_units"] + 1


def test_a_result_is_used_until_a_table_it_read_changes(app, make_unit, make_user):
    make_unit("A", level="enhet")
    for _ in range(2):
        with in_request(app):
            assert unit_count("enhet") == 1
    assert calls == ["units enhet"]
    make_user("ny@example.se")  # another table: the result stays
    with in_request(app):
        assert unit_count("enhet") == 1
    assert calls == ["units enhet"]
    make_unit("B", level="enhet")
    with in_request(app):
        assert unit_count("enhet") == 2
        assert unit_count("verksamhet") == 0  # arguments are part of the key
    assert calls == ["units enhet", "units enhet", "units verksamhet"]


def test_a_cached_caller_depends_on_what_its_cached_callees_read(app, make_unit):
    make_unit("A", level="enhet")
    with in_request(app):
        assert unit_count("enhet") == 1  # cached before the caller runs
    with in_request(app):
        assert summary("enhet") == (1, 0)
    make_unit("B", level="enhet")  # read only by the callee
    with in_request(app):
        assert summary("enhet") == (2, 0)
    assert calls == ["units enhet", "summary enhet", "summary enhet", "units enhet"]


def test_a_write_by_another_worker_is_seen(database_url, tmp_path):
    """Two apps on one database stand for two gunicorn workers."""
    with app_on(database_url, tmp_path) as first:
        with first.app_context():
            db.session.add(OrgUnit(code="A", name="A", level="enhet"))
            db.session.commit()
        with in_request(first):
            assert unit_count("enhet") == 1
        other = create_app(base_config(tmp_path) | {"SQLALCHEMY_DATABASE_URI": database_url})
        with other.app_context():
            db.session.add(OrgUnit(code="B", name="B", level="enhet"))
            db.session.commit()
            db.engine.dispose()
        with in_request(first):
            assert unit_count("enhet") == 2


def test_dashboard_shows_a_change_at_the_next_request(make_user, make_unit, login_as, client):
    boss = make_user(roles=("chef",))
    unit = make_unit("U1", staff_count=45, manager_id=boss.id)
    login_as(make_user("ledning@example.se", roles=("ledning",)))
    outside = f'<th scope="row">{unit.name}</th><td class="num">45</td>'
    assert outside in client.get("/analys/forutsattningar").get_data(as_text=True)
    with in_request(client.application, "POST"):
        db.session.execute(update(OrgUnit).values(staff_count=20))
        db.session.commit()
    page = client.get("/analys/forutsattningar").get_data(as_text=True)
    assert outside not in page
    assert "Alla enheter ligger inom normtalet." in page


def test_a_request_with_uncommitted_changes_reads_them_and_keeps_nothing(app, make_unit):
    make_unit("A", level="enhet")
    with in_request(app):
        assert unit_count("enhet") == 1
    with in_request(app, "POST"):
        db.session.add(OrgUnit(code="B", name="B", level="enhet"))
        db.session.flush()
        assert unit_count("enhet") == 2
        db.session.rollback()
    with in_request(app):
        assert unit_count("enhet") == 1
    assert calls == ["units enhet", "units enhet"]


def test_a_dashboard_body_follows_a_renamed_unit(make_user, make_unit, login_as, client):
    """The organisation tree is read inside the body's build: renaming a unit
    is seen at the next request, though the figures did not change."""
    boss = make_user(roles=("chef",))
    unit = make_unit("U1", name="Gamla namnet", staff_count=45, manager_id=boss.id)
    login_as(make_user("ledning@example.se", roles=("ledning",)))
    for path in ("/analys/skattning", "/analys/forutsattningar"):
        assert "Gamla namnet" in client.get(path).get_data(as_text=True)
    with in_request(client.application, "POST"):
        db.session.execute(update(OrgUnit).where(OrgUnit.id == unit.id).values(name="Nya namnet"))
        db.session.commit()
    for path in ("/analys/skattning", "/analys/forutsattningar"):
        page = client.get(path).get_data(as_text=True)
        assert "Nya namnet" in page, path
        assert "Gamla namnet" not in page, path


def test_a_kept_account_follows_changes_made_by_another_worker(
    database_url, tmp_path, make_user, login_as, client
):
    """The signed-in user is kept between requests (toolbox/auth/service.py):
    a role taken away or a deactivation by another worker counts at once."""
    user = make_user("chef@example.se", roles=("chef", "ledning"))
    login_as(user)
    assert client.get("/analys/").status_code == 200
    assert client.get("/analys/").status_code == 200  # from what the worker kept
    other = create_app(base_config(tmp_path) | {"SQLALCHEMY_DATABASE_URI": database_url})
    with other.app_context():
        db.session.get(User, user.id).set_roles({"chef"})
        db.session.commit()
    assert client.get("/analys/").status_code == 403
    assert client.get("/uppgifter/").status_code == 200
    with other.app_context():
        db.session.get(User, user.id).active = False
        db.session.commit()
        db.engine.dispose()
    assert client.get("/uppgifter/").status_code == 302  # to the login page
