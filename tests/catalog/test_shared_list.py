"""Search hits are kept and shared between users (toolbox/db/cache.py); the
list around them is rendered per request: what differs between them must
never cross over."""

from datetime import date

from toolbox.catalog.models import CatalogItem, PlanEntry
from toolbox.extensions import db


def as_user(app, user):
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return client


def test_each_manager_sees_the_own_plan_marked(app, make_item, make_user):
    item = make_item(title="Samtalsguide för tillit")
    planner, other = make_user("plan@example.se"), make_user("annan@example.se")
    with app.app_context():
        db.session.add(PlanEntry(user_id=planner.id, item_id=item.id))
        db.session.commit()
    for _ in range(2):  # the second round is served from what the first kept
        assert "I din plan" in as_user(app, planner).get("/katalog/").get_data(as_text=True)
        page = as_user(app, other).get("/katalog/").get_data(as_text=True)
        assert "Samtalsguide för tillit" in page
        assert "I din plan" not in page


def test_a_new_item_shows_at_once(app, make_item, make_user):
    manager = make_user()
    make_item(title="Första verktyget")
    assert "1 träff" in as_user(app, manager).get("/katalog/?q=verktyget").get_data(as_text=True)
    make_item(title="Andra verktyget")
    page = as_user(app, manager).get("/katalog/?q=verktyget").get_data(as_text=True)
    assert "2 träffar" in page
    assert "Andra verktyget" in page


def test_the_overdue_list_links_to_editing_only_for_hr(app, make_item, make_user):
    item = make_item(title="Gammal guide", next_review_on=date(2020, 1, 1))
    edit = f"/katalog/hantera/{item.id}"
    leader = make_user("ledning@example.se", roles=("ledning",))
    hr = make_user("hr@example.se", roles=("hr",))
    for _ in range(2):
        page = as_user(app, leader).get("/analys/katalog").get_data(as_text=True)
        assert "Gammal guide" in page
        assert edit not in page
        assert edit in as_user(app, hr).get("/analys/katalog").get_data(as_text=True)


def test_an_edited_item_page_shows_the_new_text(app, make_item, make_user):
    item = make_item(title="Guide", body="Den gamla texten.")
    manager = make_user()
    assert "Den gamla texten." in as_user(app, manager).get(f"/katalog/{item.slug}").get_data(
        as_text=True
    )
    with app.test_request_context("/", method="POST"):
        found = db.session.get(CatalogItem, item.id)
        found.body, found.summary = "Den nya texten.", "Ny sammanfattning."
        db.session.commit()
    page = as_user(app, manager).get(f"/katalog/{item.slug}").get_data(as_text=True)
    assert "Den nya texten." in page
    assert "Ny sammanfattning." in page
    assert "Den gamla texten." not in page


def test_a_withdrawn_item_is_gone_for_managers_at_once_and_still_there_for_hr(
    app, make_item, make_user
):
    item = make_item(title="Guide som avvecklas")
    manager, hr = make_user(), make_user("hr@example.se", roles=("hr",))
    page = f"/katalog/{item.slug}"
    assert "Lägg till i min utvecklingsplan" in as_user(app, manager).get(page).get_data(
        as_text=True
    )
    with app.test_request_context("/", method="POST"):
        db.session.get(CatalogItem, item.id).state = "avvecklad"
        db.session.commit()
    assert as_user(app, manager).get(page).status_code == 404
    shown = as_user(app, hr).get(page)
    assert shown.status_code == 200
    assert "Guide som avvecklas" in shown.get_data(as_text=True)
    assert "Lägg till i min utvecklingsplan" not in shown.get_data(as_text=True)
