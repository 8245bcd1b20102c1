"""Administration in English: every page, each form posted blank and filled
in, refusals, the import's errors, the audit log's event labels and the
administrator's to-do on Min sida, with no Swedish word of the UI left
(issue 21). Names, codes and e-mail addresses are data.

On SQLite only: what a page says does not depend on the database, and
the feature's own tests run on both."""

import io

import pytest

from tests.conftest import ON_SQLITE_ONLY
from tests.language.visitor import EnglishVisitor
from tests.language.vocabulary import words
from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.org.service import UNIT_COLUMNS, USER_COLUMNS

pytestmark = ON_SQLITE_ONLY

UNITS = "kod,namn,overordnad,niva,antal_medarbetare,chefsstod\nNORTH,North,,forvaltning,,\n"
BAD_UNITS = "kod,namn,overordnad,niva,antal_medarbetare,chefsstod\nX1,,Y9,fel,many,\n"
BAD_USERS = "epost;namn;roller;enhet;chef_for;aktiv\nnot-an-address;;boss;Q;;maybe\n"


@pytest.fixture
def admin(app, make_user, make_unit, client, login_as):
    unit = make_unit("WEST", name="West")
    user = make_user("alex@example.se", roles=("admin",), name="Alex Morgan", unit_id=unit.id)
    make_user("sam@example.se", roles=("chef",), name="Sam Taylor", password=False)
    # Data, and the import's column names (as a file spells them) that its
    # error messages quote.
    names = " ".join(
        ["Alex Morgan Sam Taylor West North aktiv extern_id", *UNIT_COLUMNS, *USER_COLUMNS]
    )
    visitor = EnglishVisitor(client, words(names))
    visitor.sign_in(login_as, user)
    visitor.user, visitor.unit = user, unit
    return visitor


def upload(text: str) -> dict:
    return {"file": (io.BytesIO(text.encode()), "org.csv")}


def test_every_admin_page_in_english(admin):
    assert "1 active account has not chosen a password yet." in admin.page("/")
    for url in ("/admin/", "/admin/anvandare", "/admin/anvandare?q=sam", "/admin/anvandare/ny"):
        admin.page(url)
    admin.page(f"/admin/anvandare/{admin.user.id}")
    for url in ("/admin/enheter", "/admin/enheter/ny", f"/admin/enheter/{admin.unit.id}"):
        admin.page(url)
    admin.page("/admin/import")
    admin.page("/admin/logg")


def version_of(app, user_id: int) -> str:
    with app.app_context():
        return str(db.session.get(User, user_id).version)


def test_user_forms_in_english(app, admin):
    page = admin.page("/admin/anvandare/ny", {})
    assert "Enter the name." in page
    assert "Choose at least one role." in page
    new = {"name": "Robin Lee", "email": "robin@example.se", "roles": ["chef"], "unit_id": "0"}
    assert "has been created and has been sent an invitation" in admin.page(
        "/admin/anvandare/ny", new | {"active": "y"}
    )
    page = admin.page("/admin/anvandare/ny", new | {"email": "sam@example.se", "active": "y"})
    assert "There is already a user with that email address." in page
    own = f"/admin/anvandare/{admin.user.id}"
    version = version_of(app, admin.user.id)
    page = admin.page(own, {"name": "Alex Morgan", "email": "alex@example.se", "roles": ["chef"],
                            "unit_id": "0", "version": version, "active": "y"})  # fmt: skip
    assert "You cannot remove your own administrator role" in page
    page = admin.page(f"{own}/inbjudan", {})
    assert "A new invitation has been sent to alex@example.se." in page
    assert "Invitation sent" in admin.page("/admin/logg?handelse=user_invited")


def test_unit_forms_and_the_import_in_english(admin):
    page = admin.page("/admin/enheter/ny", {})
    assert "Enter the code." in page
    values = {"code": "EAST", "name": "East", "level": "enhet", "parent_id": "0",
              "manager_id": "0", "staff_count": "", "manager_support": ""}  # fmt: skip
    assert 'The unit <span lang="sv">East</span> has been saved.' in admin.page(
        "/admin/enheter/ny", values
    )
    page = admin.page(f"/admin/enheter/{admin.unit.id}", values | {"version": "1"})
    assert "There is already a unit with that code." in page
    assert "Choose a file." in admin.page("/admin/import", {})
    page = admin.page("/admin/import", upload(BAD_UNITS), content_type="multipart/form-data")
    assert "Row 2: kod and namn must be filled in." in page
    page = admin.page("/admin/import", upload(BAD_USERS), content_type="multipart/form-data")
    assert "Row 2: invalid email address" in page
    page = admin.page("/admin/import", upload("a,b\n1,2\n"), content_type="multipart/form-data")
    assert "Row 1: unknown header row." in page
    page = admin.page("/admin/import", upload(UNITS), content_type="multipart/form-data")
    assert "1 new" in page
    assert "Organisation import" in admin.page("/admin/logg")
