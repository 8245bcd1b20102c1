"""Issue 18, acceptance 3: recommendations fit the manager. For every demo
manager, nothing recommended targets another level of manager or a group
the manager does not lead, and nothing already in the plan (planned, under
way, finished) or in a followed learning path is recommended. The manager's
level is read here from the organisation data, not from fit.py."""

from sqlalchemy import select

from toolbox.auth.models import User, UserRole
from toolbox.catalog import plans
from toolbox.catalog.fit import profile_of
from toolbox.catalog.models import CatalogItem, ItemTag, PathEnrollment, PathStep, PlanEntry
from toolbox.content import get_content
from toolbox.extensions import db
from toolbox.org.models import OrgUnit
from toolbox.reflection.recommend import Weakness, recommend
from toolbox.submissions.service import new_token


def all_weak() -> list[Weakness]:
    content = get_content()
    return [Weakness("area", a.key, a.name, 1.0) for a in content.areas] + [
        Weakness("principle", p.key, p.name, 1.0) for p in content.principles
    ]


def target_groups(item_id: int) -> set[str]:
    """The item's target groups as its tags in the database say."""
    return set(
        db.session.scalars(
            select(ItemTag.value).where(ItemTag.item_id == item_id, ItemTag.dimension == "target")
        )
    )


def expected_groups(user_id: int) -> tuple[str, set[str]]:
    """The level and the groups led, from the units the user manages."""
    units = db.session.scalars(select(OrgUnit).where(OrgUnit.manager_id == user_id)).all()
    if any(u.level in ("verksamhet", "omrade", "forvaltning") for u in units):
        return "verksamhetschef", {"verksamhetschef", "ledningsgrupp"}
    led = {"forsta-linjen", "arbetsgrupp"}
    if any(u.children for u in units):
        led.add("ledningsgrupp")
    return "forsta-linjen", led


def test_no_demo_manager_is_recommended_what_does_not_fit(app, figure):
    runner = app.test_cli_runner()
    with app.app_context():
        db.create_all()
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    checked = recommended = 0
    levels = set()
    with app.app_context():
        chefs = db.session.scalars(
            select(User).join(UserRole).where(UserRole.role == "chef").order_by(User.email)
        ).all()
        assert len(chefs) >= 10
        for chef in chefs:
            level, led = expected_groups(chef.id)
            levels.add(level)
            taken = set(
                db.session.scalars(select(PlanEntry.item_id).where(PlanEntry.user_id == chef.id))
            ) | set(
                db.session.scalars(
                    select(PathStep.item_id)
                    .join(PathEnrollment, PathEnrollment.path_id == PathStep.path_id)
                    .where(PathEnrollment.user_id == chef.id)
                )
            )
            found = recommend(all_weak(), profile_of(chef.id), limit=500)
            for entry in found:
                targets = target_groups(entry.item.id)
                where = (chef.email, entry.item.title, sorted(targets))
                assert targets & led, where  # a group the manager is or leads
                other_level = {"forsta-linjen", "verksamhetschef"} - {level}
                assert level in targets or not targets & other_level, where
                assert entry.item.id not in taken, where
                assert entry.item.state == "godkand", where
                assert "Riktar sig till" in entry.reason, where
            checked += 1
            recommended += len(found)
        # Not vacuous: both levels occur, and the demo chef's plan is not empty.
        assert levels == {"forsta-linjen", "verksamhetschef"}
        karin = db.session.scalar(select(User).where(User.email == "chef@example.se"))
        assert plans.plan_item_ids(karin.id)
        introduction = db.session.scalar(
            select(CatalogItem).where(CatalogItem.slug == "chefsintroduktion-verksamhetschefer")
        )
        if introduction is not None:
            titles = {e.item.title for e in recommend(all_weak(), profile_of(karin.id), limit=500)}
            assert introduction.title not in titles
    assert recommended > checked  # most managers get several
    figure("Demo managers whose recommendations were checked", checked)


def test_the_plan_button_adds_once_and_comes_back(app, make_user, make_item, login_as, client):
    item = make_item("Samtalsguide om tillit")
    user = make_user(roles=("chef",))
    login_as(user)
    back = "/sjalvskattning/7"
    data = {"submission": new_token(), "next": back}
    first = client.post(f"/katalog/{item.slug}/spara", data=data)
    assert first.status_code == 302
    assert first.headers["Location"] == back
    again = client.post(f"/katalog/{item.slug}/spara", data=data)  # a double click
    assert again.headers["Location"] == back
    later = client.post(
        f"/katalog/{item.slug}/spara", data={"submission": new_token(), "next": back}
    )
    assert later.headers["Location"] == back
    page = client.get("/katalog/plan").get_data(as_text=True)
    assert (
        '<span lang="sv">Samtalsguide om tillit</span> finns redan i din utvecklingsplan.' in page
    )
    with app.app_context():
        rows = db.session.scalars(select(PlanEntry).where(PlanEntry.user_id == user.id)).all()
        assert [r.item_id for r in rows] == [item.id]


def test_the_plan_button_refuses_bad_input(app, make_user, make_item, login_as, client):
    item = make_item("Utkastet", state="utkast")
    approved = make_item("Godkänt")
    user = make_user(roles=("chef",))
    login_as(user)
    assert (
        client.post(f"/katalog/{item.slug}/spara", data={"submission": new_token()}).status_code
        == 404
    )
    assert (
        client.post("/katalog/finns-inte/spara", data={"submission": new_token()}).status_code
        == 404
    )
    elsewhere = client.post(
        f"/katalog/{approved.slug}/spara",
        data={"submission": new_token(), "next": "https://evil.example/"},
    )
    assert elsewhere.headers["Location"] == f"/katalog/{approved.slug}"
    broken = client.post(f"/katalog/{approved.slug}/spara", data={"submission": "x", "next": "/"})
    assert broken.headers["Location"] == "/"
    assert "Det gick inte att lägga till" in client.get("/").get_data(as_text=True)
    with app.app_context():
        rows = db.session.scalars(select(PlanEntry).where(PlanEntry.user_id == user.id)).all()
        assert [r.item_id for r in rows] == [approved.id]


def test_the_plan_button_needs_csrf(csrf_app, make_user, make_item):
    item = make_item("Med skydd")
    client = csrf_app.test_client()
    user = make_user(roles=("chef",))
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
    refused = client.post(f"/katalog/{item.slug}/spara", data={"submission": new_token()})
    assert refused.status_code == 400
    with csrf_app.app_context():
        assert db.session.scalar(select(PlanEntry.id)) is None
