"""Min utvecklingsplan, ratings and learning paths."""

import re

from sqlalchemy import func, select

from toolbox.catalog.models import LearningPath, PathStep, PlanEntry
from toolbox.extensions import db


def save(client, slug):
    page = client.get(f"/katalog/{slug}").get_data(as_text=True)
    token = re.search(r'name="submission" type="hidden" value="([^"]+)"', page).group(1)
    return client.post(f"/katalog/{slug}/spara", data={"submission": token}), token


def entries(app, user_id):
    with app.app_context():
        return db.session.execute(
            select(PlanEntry.status, PlanEntry.rating).where(PlanEntry.user_id == user_id)
        ).all()


def test_save_set_status_and_rate(app, make_user, login_as, client, make_item):
    item = make_item("Guide")
    user = make_user(roles=("chef",))
    login_as(user)
    response, _ = save(client, item.slug)
    assert response.status_code == 302
    assert "Finns i din utvecklingsplan." in client.get(f"/katalog/{item.slug}").get_data(True)
    with app.app_context():
        entry_id = db.session.scalar(select(PlanEntry.id))
    early = client.post(f"/katalog/plan/{entry_id}/betyg", data={"rating": "4"})
    assert early.status_code == 422
    assert "när du har genomfört" in early.get_data(True)
    client.post(f"/katalog/plan/{entry_id}/status", data={"status": "genomford"})
    empty = client.post(f"/katalog/plan/{entry_id}/betyg", data={"comment": "bra"})
    assert empty.status_code == 422
    assert "Välj ett betyg 1–5." in empty.get_data(True)
    assert "bra</textarea>" in empty.get_data(True)
    for bad in ("0", "6", "fem"):
        assert (
            client.post(f"/katalog/plan/{entry_id}/betyg", data={"rating": bad}).status_code == 422
        )
    assert (
        client.post(
            f"/katalog/plan/{entry_id}/betyg", data={"rating": "4", "comment": "Hjälpte"}
        ).status_code
        == 302
    )
    assert entries(app, user.id) == [("genomford", 4)]
    assert (
        client.post(f"/katalog/plan/{entry_id}/status", data={"status": "klar"}).status_code == 302
    )
    assert entries(app, user.id) == [("genomford", 4)]


def test_double_submit_of_save_creates_one_entry(app, make_user, login_as, client, make_item):
    item = make_item()
    user = make_user(roles=("chef",))
    login_as(user)
    _, token = save(client, item.slug)
    client.post(f"/katalog/{item.slug}/spara", data={"submission": token})
    assert len(entries(app, user.id)) == 1


def test_other_users_entries_are_404(make_user, login_as, client, make_item, app):
    item = make_item()
    owner = make_user("owner@example.se", roles=("chef",))
    login_as(owner)
    save(client, item.slug)
    with app.app_context():
        entry_id = db.session.scalar(select(PlanEntry.id))
    login_as(make_user("other@example.se", roles=("chef",)))
    for path in ("status", "betyg", "ta-bort"):
        assert (
            client.post(
                f"/katalog/plan/{entry_id}/{path}", data={"status": "pagar", "rating": "1"}
            ).status_code
            == 404
        )
    assert entries(app, owner.id) == [("planerad", None)]


def test_following_a_path_fills_the_plan_and_shows_progress(
    app, make_user, login_as, client, make_item
):
    first, second = make_item("Steg ett"), make_item("Steg två")
    hidden = make_item("Utkast", state="utkast")
    with app.app_context():
        path = LearningPath(slug="intro", title="Chefsintroduktion", description="Start.")
        db.session.add(path)
        db.session.flush()
        for position, item in enumerate((first, hidden, second), start=1):
            db.session.add(PathStep(path_id=path.id, position=position, item_id=item.id))
        db.session.commit()
    user = make_user(roles=("chef",))
    login_as(user)
    assert "0 av 2 steg" in client.get("/katalog/larvagar").get_data(True)
    assert client.post("/katalog/larvagar/intro/starta").status_code == 302
    assert len(entries(app, user.id)) == 2
    page = client.get("/katalog/larvagar/intro").get_data(as_text=True)
    assert "Steg ett" in page
    assert "Utkast" not in page
    with app.app_context():
        entry = db.session.scalar(select(PlanEntry).where(PlanEntry.item_id == first.id))
        entry.status = "genomford"
        db.session.commit()
    assert "Du har genomfört 1 av 2 steg." in client.get("/katalog/larvagar/intro").get_data(True)
    client.post("/katalog/larvagar/intro/starta")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PlanEntry)) == 2
    assert client.get("/katalog/larvagar/finns-inte").status_code == 404


def test_hr_composes_a_path_and_unknown_steps_are_refused(
    app, make_user, login_as, client, make_item
):
    make_item(slug="ett")
    make_item(slug="tva")
    login_as(make_user(roles=("hr",)))
    bad = client.post(
        "/katalog/hantera/larvagar/ny",
        data={"title": "Väg", "slug": "vag", "description": "", "items": "ett\nfinns-inte"},
    )
    assert bad.status_code == 422
    assert "Okända adresser: finns-inte" in bad.get_data(True)
    ok = client.post(
        "/katalog/hantera/larvagar/ny",
        data={"title": "Väg", "slug": "vag", "description": "", "items": "tva\nett"},
    )
    assert ok.status_code == 302
    with app.app_context():
        path = db.session.scalar(select(LearningPath))
        assert [s.item.slug for s in path.steps] == ["tva", "ett"]
        path_id, version = path.id, path.version
    client.post(
        f"/katalog/hantera/larvagar/{path_id}",
        data={"title": "Väg 2", "slug": "vag", "items": "ett", "version": str(version)},
    )
    stale = client.post(
        f"/katalog/hantera/larvagar/{path_id}",
        data={"title": "Väg 3", "slug": "vag", "items": "tva", "version": str(version)},
    )
    assert stale.status_code == 409
    assert "Väg 3" in stale.get_data(True)


def test_min_sida_shows_the_plan_and_hr_review_todos(app, make_user, login_as, client, make_item):
    item = make_item()
    make_item(state="granskas")
    user = make_user(roles=("chef", "hr"))
    login_as(user)
    page = client.get("/").get_data(as_text=True)
    assert "1 katalogobjekt väntar på granskning." in page
    assert "Spara något från katalogen i din utvecklingsplan" in page
    save(client, item.slug)
    page = client.get("/").get_data(as_text=True)
    assert "Du har 1 planerade eller pågående saker i din utvecklingsplan." in page
