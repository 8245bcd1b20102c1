"""A new catalog item gets its address from the title unless HR types one
(issue 21: a new item failed without a hand-typed "Adress (slug)")."""

from sqlalchemy import select

from tests.catalog.test_review import FORM
from toolbox.catalog.models import CatalogItem
from toolbox.catalog.service import slug_from_title
from toolbox.extensions import db


def slugs(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(CatalogItem.slug).order_by(CatalogItem.id)))


def test_the_address_is_made_from_the_title_unique_and_never_a_page(app, make_item):
    with app.app_context():
        assert (
            slug_from_title("Samtal om arbetsmiljö – för chefer!")
            == "samtal-om-arbetsmiljo-for-chefer"
        )
        assert slug_from_title("Ärlig återkoppling på APT") == "arlig-aterkoppling-pa-apt"
        assert slug_from_title("Plan") == "plan-2"  # /katalog/plan is a page
        assert slug_from_title("!!!") == "objekt"
        assert len(slug_from_title("Ledarskap " * 40)) <= 120
    make_item("Stöd i vardagen", slug="stod-i-vardagen")
    with app.app_context():
        assert slug_from_title("Stöd i vardagen") == "stod-i-vardagen-2"


def test_hr_creates_an_item_without_typing_an_address(app, make_user, login_as):
    hr = login_as(make_user("hr@example.se", roles=("hr",)))
    created = hr.post("/katalog/hantera/ny", data=FORM | {"title": "Öppen dörr", "slug": ""})
    assert created.status_code == 302
    again = hr.post("/katalog/hantera/ny", data=FORM | {"title": "Öppen dörr", "slug": ""})
    assert again.status_code == 302
    assert slugs(app)[-2:] == ["oppen-dorr", "oppen-dorr-2"]
    assert hr.get("/katalog/oppen-dorr-2").status_code == 200


def test_a_typed_address_is_kept_and_checked(app, make_user, login_as):
    hr = login_as(make_user("hr@example.se", roles=("hr",)))
    assert hr.post("/katalog/hantera/ny", data=FORM | {"slug": "egen-adress"}).status_code == 302
    assert slugs(app)[-1] == "egen-adress"
    reserved = hr.post("/katalog/hantera/ny", data=FORM | {"slug": "hantera"})
    assert reserved.status_code == 422
    assert "Adressen används redan" in reserved.get_data(as_text=True)
    bad = hr.post("/katalog/hantera/ny", data=FORM | {"slug": "Fel Adress!"})
    assert bad.status_code == 422
    assert "Bara a–z, 0–9 och bindestreck." in bad.get_data(as_text=True)
