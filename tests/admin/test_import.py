"""CSV import of units and users: all or nothing, errors per line, idempotent."""

import io

from sqlalchemy import select

from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.org.models import OrgUnit

UNITS = """kod,namn,overordnad,niva,antal_medarbetare,chefsstod
SUS,Sjukhusförvaltningen,,forvaltning,,
SUS-MED,Medicin,SUS,verksamhet,,
MED-AVD12,Vårdavdelning 12,SUS-MED,enhet,34,"0,5"
"""
USERS = """epost;namn;roller;enhet;chef_for;aktiv
karin@example.se;Karin Lind;chef;MED-AVD12;MED-AVD12;ja
lars@example.se;Lars Ek;chef ledning;SUS-MED;SUS-MED;ja
hanna@example.se;Hanna Ro;hr;SUS;;nej
"""


def snapshot(app) -> tuple:
    with app.app_context():
        units = [
            (
                u.code,
                u.name,
                u.parent.code if u.parent else None,
                u.staff_count,
                u.manager_support,
                u.manager.email if u.manager else None,
                u.version,
            )
            for u in db.session.scalars(select(OrgUnit).order_by(OrgUnit.code))
        ]
        users = [
            (u.email, u.name, sorted(u.roles), u.unit.code if u.unit else None, u.active, u.version)
            for u in db.session.scalars(select(User).order_by(User.email))
        ]
    return units, users


def upload(client, text: str, name: str = "org.csv"):
    return client.post(
        "/admin/import",
        data={"file": (io.BytesIO(text.encode()), name)},
        content_type="multipart/form-data",
    )


def test_units_then_users_import_and_a_second_import_changes_nothing(
    app, make_user, login_as, client
):
    login_as(make_user("admin@example.se", roles=("admin",)))
    first = upload(client, UNITS)
    assert first.status_code == 200
    assert "3 nya, 0 ändrade, 0 oförändrade" in first.get_data(as_text=True)
    assert "3 nya" in upload(client, USERS).get_data(as_text=True)
    before = snapshot(app)
    again = upload(client, UNITS).get_data(as_text=True)
    assert "0 nya, 0 ändrade, 3 oförändrade" in again
    assert "0 nya, 0 ändrade, 3 oförändrade" in upload(client, USERS).get_data(as_text=True)
    assert snapshot(app) == before
    units, users = before
    assert (
        "MED-AVD12",
        "Vårdavdelning 12",
        "SUS-MED",
        34,
        units[0][4],
        "karin@example.se",
        units[0][6],
    ) == units[0]
    assert str(units[0][4]) == "0.50"
    assert [u for u in users if u[0] == "hanna@example.se"][0][4] is False
    assert sorted([u for u in users if u[0] == "lars@example.se"][0][2]) == ["chef", "ledning"]


def test_one_bad_line_imports_nothing_and_names_the_line(app, make_user, login_as, client):
    login_as(make_user("admin@example.se", roles=("admin",)))
    upload(client, UNITS)
    before = snapshot(app)
    bad = USERS.replace("lars@example.se;Lars Ek;chef ledning", "lars@example.se;Lars Ek;chef boss")
    response = upload(client, bad)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Ingenting importerades" in page
    assert "Rad 3: roller ska vara en eller flera av chef, hr, ledning, admin." in page
    assert snapshot(app) == before


def test_unit_errors_are_reported_for_every_bad_line(app, make_user, login_as, client):
    login_as(make_user("admin@example.se", roles=("admin",)))
    bad = (
        UNITS + "X1,Okänd förälder,NOPE,enhet,5,\nX2,Fel nivå,SUS,avdelning,5,\n"
        "X3,Fel antal,SUS,enhet,många,\nSUS,Dubblett,,forvaltning,,\n"
    )
    page = upload(client, bad).get_data(as_text=True)
    assert "Rad 5: överordnad enhet NOPE finns inte" in page
    assert "Rad 6: niva ska vara en av" in page
    assert "Rad 7: antal_medarbetare ska vara ett heltal" in page
    assert "Rad 8: koden SUS finns redan tidigare i filen" in page
    with app.app_context():
        assert db.session.scalar(select(OrgUnit)) is None


def test_unknown_header_and_wrong_encoding_are_explained(make_user, login_as, client):
    login_as(make_user("admin@example.se", roles=("admin",)))
    assert "okänd rubrikrad" in upload(client, "a,b\n1,2\n").get_data(as_text=True)
    latin = client.post(
        "/admin/import",
        data={"file": (io.BytesIO(UNITS.encode("latin-1")), "org.csv")},
        content_type="multipart/form-data",
    )
    assert "UTF-8" in latin.get_data(as_text=True)
    wrong_type = upload(client, UNITS, name="org.exe")
    assert "Filen ska vara en CSV-fil." in wrong_type.get_data(as_text=True)


def test_cli_import_is_all_or_nothing_and_idempotent(app, tmp_path):
    units = tmp_path / "units.csv"
    units.write_text(UNITS, encoding="utf-8")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["import-org", str(units)])
    assert result.exit_code == 0, result.output
    assert "3 nya" in result.output
    before = snapshot(app)
    assert "3 oförändrade" in runner.invoke(args=["import-org", str(units)]).output
    assert snapshot(app) == before
    broken = tmp_path / "users.csv"
    broken.write_text(USERS.replace("karin@example.se", "karin(at)example"), encoding="utf-8")
    result = runner.invoke(args=["import-org", str(broken)])
    assert result.exit_code == 1
    assert "Inget importerades." in result.output
    assert "Rad 2: ogiltig e-postadress" in result.output
    assert snapshot(app) == before
