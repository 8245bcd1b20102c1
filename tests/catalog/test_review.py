"""The review workflow, HR editing, conflicts and the export."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from toolbox import clock, create_app
from toolbox.catalog.models import CatalogItem, ReviewDecision
from toolbox.catalog.review import STEPS
from toolbox.extensions import db

NEXT_YEAR = (clock.today() + timedelta(days=365)).isoformat()
FORM = {
    "title": "Ny guide",
    "slug": "ny-guide",
    "summary": "Kort.",
    "body": "Om ledarskap.",
    "kind": "verktyg",
    "format": "samtalsguide",
    "provider": "forvaltningen",
    "target_groups": ["forsta-linjen"],
    "areas": ["kultur"],
    "principles": ["oppenhet"],
    "duration": "45 minuter",
    "cost_sek": "0",
    "mode": "eget",
    "location": "",
    "language": "sv",
    "link": "",
    "next_dates": "",
    "contact": "HR",
}


@pytest.fixture
def hr(make_user, login_as):
    return login_as(make_user("hr@example.se", roles=("hr",), name="Hanna HR"))


def item_state(app, item_id):
    with app.app_context():
        item = db.session.get(CatalogItem, item_id)
        return item.state, item.priority, item.version


def step(client, item_id, key, **data):
    version = data.pop("version", None)
    if version is None:
        page = client.get(f"/katalog/hantera/{item_id}").get_data(as_text=True)
        version = page.split('name="version" value="')[1].split('"')[0]
    return client.post(
        f"/katalog/hantera/{item_id}/granskning", data={"step": key, "version": version, **data}
    )


def test_create_review_and_approve(app, hr, make_user, login_as):
    sender = hr
    response = sender.post("/katalog/hantera/ny", data=FORM)
    assert response.status_code == 302
    with app.app_context():
        item_id = db.session.scalar(select(CatalogItem.id).where(CatalogItem.slug == "ny-guide"))
    assert item_state(app, item_id)[0] == "utkast"
    assert step(sender, item_id, "skicka").status_code == 302
    # Four eyes (on by default): the sender may not approve.
    own = step(sender, item_id, "godkann", note="Bra", priority="hog", next_review_on=NEXT_YEAR)
    assert own.status_code == 422
    assert "Någon annan på HR ska godkänna det." in own.get_data(True)
    told = "Du skickade objektet till granskning, så någon annan på HR ska godkänna det."
    assert told in sender.get(f"/katalog/hantera/{item_id}").get_data(True)
    assert item_state(app, item_id)[0] == "granskas"
    with app.app_context():
        assert db.session.get(CatalogItem, item_id).decisions[0].to_state == "granskas"
    # Another HR user approves (login_as switches the test client to them).
    hr = login_as(make_user("hr2@example.se", roles=("hr",), name="Greta Granskare"))
    assert told not in hr.get(f"/katalog/hantera/{item_id}").get_data(True)
    refused = step(hr, item_id, "godkann", note="", priority="hog", next_review_on=NEXT_YEAR)
    assert refused.status_code == 422
    assert "Skriv en motivering." in refused.get_data(True)
    no_priority = step(hr, item_id, "godkann", note="Bra", next_review_on=NEXT_YEAR)
    assert "Välj en prioritet." in no_priority.get_data(True)
    past = step(hr, item_id, "godkann", note="Bra", priority="hog", next_review_on="2020-01-01")
    assert "efter dagens datum" in past.get_data(True)
    assert item_state(app, item_id)[0] == "granskas"
    ok = step(
        hr,
        item_id,
        "godkann",
        note="Stärker tilliten i gruppen.",
        priority="hog",
        next_review_on=NEXT_YEAR,
    )
    assert ok.status_code == 302
    with app.app_context():
        item = db.session.get(CatalogItem, item_id)
        assert (item.state, item.priority, item.reviewer_name) == (
            "godkand",
            "hog",
            "Greta Granskare",
        )
        assert item.reviewed_on == clock.today()
        assert item.rationale == "Stärker tilliten i gruppen."
        history = [(d.from_state, d.to_state) for d in item.decisions]
    assert history == [("granskas", "godkand"), ("utkast", "granskas")]
    page = hr.get(f"/katalog/hantera/{item_id}").get_data(as_text=True)
    assert "Stärker tilliten i gruppen." in page
    assert "Greta Granskare" in page
    assert "Hanna HR" in page  # who sent it, in the history


@pytest.mark.parametrize("state", ["utkast", "granskas", "godkand", "avvecklad"])
def test_every_step_not_allowed_from_a_state_is_refused(app, hr, make_item, state):
    item = make_item(state=state)
    for key, definition in STEPS.items():
        if state in definition.sources:
            continue
        before = item_state(app, item.id)
        response = step(hr, item.id, key, note="x", priority="hog", next_review_on=NEXT_YEAR)
        assert response.status_code == 422, (state, key)
        assert "Det steget går inte" in response.get_data(True)
        assert item_state(app, item.id) == before
    with app.app_context():
        assert db.session.scalar(select(ReviewDecision)) is None


def test_unknown_step_and_stale_version_change_nothing(app, hr, make_item):
    item = make_item(state="granskas")
    assert step(hr, item.id, "publicera", note="x").status_code == 422
    stale = step(hr, item.id, "tillbaka", note="x", version="999")
    assert "har ändrats sedan du öppnade sidan" in stale.get_data(True)
    assert item_state(app, item.id)[0] == "granskas"


def test_a_manager_cannot_set_review_fields_through_any_form(
    app, make_user, login_as, client, make_item
):
    item = make_item(state="godkand", priority="lag")
    login_as(make_user(roles=("chef",)))
    client.post(
        f"/katalog/{item.slug}/spara",
        data={"state": "avvecklad", "priority": "hog", "submission": "x" * 20},
    )
    assert item_state(app, item.id)[:2] == ("godkand", "lag")


def test_hr_edit_cannot_touch_review_fields(app, hr, make_item):
    item = make_item(state="godkand", priority="lag")
    data = FORM | {
        "slug": item.slug,
        "version": str(item.version),
        "state": "utkast",
        "priority": "hog",
        "reviewer_name": "Någon",
    }
    assert hr.post(f"/katalog/hantera/{item.id}", data=data).status_code == 302
    with app.app_context():
        saved = db.session.get(CatalogItem, item.id)
        assert (saved.state, saved.priority, saved.reviewer_name) == ("godkand", "lag", "HR")
        assert saved.title == "Ny guide"


def test_concurrent_edits_show_a_conflict_and_keep_both_texts(app, make_user, login_as, make_item):
    item = make_item("Original", body="Första texten.")
    first, second = app.test_client(), app.test_client()
    for client, email in ((first, "hr1@example.se"), (second, "hr2@example.se")):
        with client.session_transaction() as session:
            session["_user_id"] = make_user(email, roles=("hr",)).get_id()
    base = FORM | {"slug": item.slug, "version": str(item.version)}
    assert (
        first.post(f"/katalog/hantera/{item.id}", data=base | {"body": "Annas text."}).status_code
        == 302
    )
    response = second.post(f"/katalog/hantera/{item.id}", data=base | {"body": "Bertils text."})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Någon annan har sparat objektet" in page
    assert "Annas text." in page
    assert "Bertils text." in page
    with app.app_context():
        assert db.session.get(CatalogItem, item.id).body == "Annas text."
    version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
    again = second.post(
        f"/katalog/hantera/{item.id}", data=base | {"body": "Bertils text.", "version": version}
    )
    assert again.status_code == 302
    with app.app_context():
        assert db.session.get(CatalogItem, item.id).body == "Bertils text."


def test_item_form_refuses_bad_input(hr, make_item):
    taken = make_item(slug="upptagen")
    bad = FORM | {
        "title": "",
        "slug": "Fel Adress!",
        "areas": [],
        "link": "javascript:alert(1)",
        "cost_sek": "-5",
        "kind": "hemlig",
    }
    page = hr.post("/katalog/hantera/ny", data=bad).get_data(as_text=True)
    for message in (
        "Fyll i en titel.",
        "Bara a–z, 0–9 och bindestreck.",
        "Välj minst ett område.",
        "Skriv en fullständig adress",
        "Ange 0 eller ett positivt belopp.",
    ):
        assert message in page, message
    duplicate = hr.post("/katalog/hantera/ny", data=FORM | {"slug": taken.slug})
    assert "Adressen används redan" in duplicate.get_data(as_text=True)


def test_overdue_items_are_listed_for_hr(hr, make_item):
    make_item("Gammal", next_review_on=clock.today() - timedelta(days=3))
    make_item("Färsk", next_review_on=clock.today() + timedelta(days=30))
    page = hr.get("/katalog/hantera").get_data(as_text=True)
    overdue = page.split("Dags för ny granskning")[1].split("</section>")[0]
    assert "Gammal" in overdue
    assert "Färsk" not in overdue


def test_export_is_excel_friendly_and_neutralises_formulas(hr, make_item):
    make_item('=HYPERLINK("http://evil")', summary="x")
    make_item("@SUM(A1)", summary="y")
    response = hr.get("/katalog/hantera/export.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeffTitel;Adress;")
    assert "'=HYPERLINK" in body
    assert "'@SUM(A1)" in body
    assert "\n=HYPERLINK" not in body


def test_the_sender_may_approve_when_four_eyes_is_turned_off(app, hr):
    app.config["CATALOG_SEPARATE_APPROVER"] = False
    assert hr.post("/katalog/hantera/ny", data=FORM).status_code == 302
    with app.app_context():
        item_id = db.session.scalar(select(CatalogItem.id).where(CatalogItem.slug == "ny-guide"))
    step(hr, item_id, "skicka")
    ok = step(hr, item_id, "godkann", note="Bra.", priority="medel", next_review_on=NEXT_YEAR)
    assert ok.status_code == 302
    assert item_state(app, item_id)[0] == "godkand"


def test_four_eyes_is_on_by_default_and_a_setting(tmp_path):
    config = {"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    assert create_app(config).config["CATALOG_SEPARATE_APPROVER"] is True
    off = create_app(config | {"CATALOG_SEPARATE_APPROVER": "0"})
    assert off.config["CATALOG_SEPARATE_APPROVER"] is False
