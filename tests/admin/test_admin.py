"""Users and org units in /admin: invitations, edits, conflicts and the audit log."""

import re

from sqlalchemy import select

from toolbox.audit.models import AuditEvent
from toolbox.auth.models import User
from toolbox.extensions import db, mail
from toolbox.org.models import OrgUnit


def admin_client(make_user, login_as):
    admin = make_user("admin@example.se", roles=("admin",), name="Amir Admin")
    login_as(admin)
    return admin


def actions(app) -> list[str]:
    with app.app_context():
        return db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()


def test_inviting_a_user_sends_a_set_password_link(app, make_user, make_unit, login_as, client):
    admin_client(make_user, login_as)
    unit = make_unit("MED-1", name="Avdelning 1")
    with mail.record_messages() as outbox:
        response = client.post(
            "/admin/anvandare/ny",
            data={
                "name": "Nora Ny",
                "email": "Nora@Example.se",
                "roles": ["chef", "ledning"],
                "unit_id": str(unit.id),
                "active": "y",
            },
        )
    assert response.status_code == 302
    assert len(outbox) == 1
    assert outbox[0].recipients == ["nora@example.se"]
    assert outbox[0].subject == "Välkommen till Verktygslådan"
    link = re.search(r"http://127\.0\.0\.1(/satt-losenord/\S+)", outbox[0].body).group(1)
    with app.app_context():
        nora = db.session.scalar(select(User).where(User.email == "nora@example.se"))
        assert nora.roles == {"chef", "ledning"}
        assert nora.unit_id == unit.id
        assert nora.password_hash is None
    assert actions(app) == ["user_created"]
    visitor = app.test_client()
    new = "korv-med-bröd-och-senap-7"
    assert visitor.post(link, data={"new_password": new, "confirm": new}).status_code == 302
    assert (
        visitor.post("/login", data={"email": "nora@example.se", "password": new}).status_code
        == 302
    )


def test_user_form_refuses_bad_input_and_keeps_it(make_user, login_as, client):
    admin_client(make_user, login_as)
    make_user("taken@example.se")
    response = client.post(
        "/admin/anvandare/ny",
        data={"name": "", "email": "inte-en-adress", "roles": [], "unit_id": "0"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Fyll i namnet." in page
    assert "Välj minst en roll." in page
    assert "Skriv en giltig e-postadress" in page
    assert 'value="inte-en-adress"' in page
    duplicate = client.post(
        "/admin/anvandare/ny",
        data={"name": "Dubbel", "email": "taken@example.se", "roles": ["chef"], "unit_id": "0"},
    )
    assert "Det finns redan en användare med den e-postadressen." in duplicate.get_data(
        as_text=True
    )
    bogus_role = client.post(
        "/admin/anvandare/ny",
        data={"name": "X", "email": "x@example.se", "roles": ["kung"], "unit_id": "0"},
    )
    assert bogus_role.status_code == 422
    bogus_unit = client.post(
        "/admin/anvandare/ny",
        data={"name": "X", "email": "x@example.se", "roles": ["chef"], "unit_id": "99999"},
    )
    assert bogus_unit.status_code == 422


def test_role_change_is_audited_and_conflicting_edit_keeps_the_text(
    app, make_user, login_as, client
):
    admin_client(make_user, login_as)
    karin = make_user("karin@example.se", name="Karin", roles=("chef",))
    form = {
        "name": "Karin Lind",
        "email": "karin@example.se",
        "roles": ["chef", "hr"],
        "unit_id": "0",
        "active": "y",
        "version": str(karin.version),
    }
    assert client.post(f"/admin/anvandare/{karin.id}", data=form).status_code == 302
    assert actions(app) == ["roles_changed", "user_updated"]
    stale = form | {"name": "Karin Gammal Version"}
    response = client.post(f"/admin/anvandare/{karin.id}", data=stale)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Någon annan har sparat ändringar" in page
    assert 'value="Karin Gammal Version"' in page
    with app.app_context():
        assert db.session.get(User, karin.id).name == "Karin Lind"


def test_admin_cannot_lock_themselves_out(app, make_user, login_as, client):
    admin = admin_client(make_user, login_as)
    response = client.post(
        f"/admin/anvandare/{admin.id}",
        data={
            "name": "Amir",
            "email": "admin@example.se",
            "roles": ["chef"],
            "unit_id": "0",
            "active": "y",
            "version": str(admin.version),
        },
    )
    assert response.status_code == 422
    assert "Du kan inte ta bort din egen administratörsroll" in response.get_data(as_text=True)


def test_unknown_ids_are_404(make_user, login_as, client):
    admin_client(make_user, login_as)
    assert client.get("/admin/anvandare/99999").status_code == 404
    assert client.get("/admin/enheter/99999").status_code == 404
    assert client.post("/admin/anvandare/99999/inbjudan").status_code == 404


def test_units_form_builds_the_tree_and_refuses_cycles(app, make_user, login_as, client):
    admin_client(make_user, login_as)
    top = client.post(
        "/admin/enheter/ny",
        data={
            "code": "SUS",
            "name": "Sjukhuset",
            "level": "forvaltning",
            "parent_id": "0",
            "manager_id": "0",
        },
    )
    assert top.status_code == 302
    with app.app_context():
        sus = db.session.scalar(select(OrgUnit).where(OrgUnit.code == "SUS"))
    child = client.post(
        "/admin/enheter/ny",
        data={
            "code": "SUS-MED",
            "name": "Medicin",
            "level": "verksamhet",
            "parent_id": str(sus.id),
            "manager_id": "0",
            "staff_count": "40",
            "manager_support": "0,5",
        },
    )
    assert child.status_code == 302
    with app.app_context():
        med = db.session.scalar(select(OrgUnit).where(OrgUnit.code == "SUS-MED"))
        assert str(med.manager_support) == "0.50"
        assert med.parent_id == sus.id
    cycle = client.post(
        f"/admin/enheter/{sus.id}",
        data={
            "code": "SUS",
            "name": "Sjukhuset",
            "level": "forvaltning",
            "parent_id": str(med.id),
            "manager_id": "0",
            "version": str(sus.version),
        },
    )
    assert cycle.status_code == 422
    assert "En enhet kan inte ligga under sig själv" in cycle.get_data(as_text=True)
    tree = client.get("/admin/enheter").get_data(as_text=True)
    assert tree.index("Sjukhuset") < tree.index("Medicin")
    assert "0,50" in tree
    bad = client.post(
        "/admin/enheter/ny",
        data={
            "code": "fel kod",
            "name": "",
            "level": "enhet",
            "parent_id": "0",
            "manager_id": "0",
            "staff_count": "-3",
            "manager_support": "mycket",
        },
    )
    page = bad.get_data(as_text=True)
    assert bad.status_code == 422
    assert "Koden får bara ha versaler" in page
    assert "Fyll i namnet." in page


def test_audit_log_lists_events_and_filters(app, make_user, login_as, client):
    admin_client(make_user, login_as)
    karin = make_user("karin@example.se", roles=("chef",))
    client.post(f"/admin/anvandare/{karin.id}/inbjudan")
    page = client.get("/admin/logg").get_data(as_text=True)
    assert "Inbjudan skickad" in page
    assert "karin@example.se" in page
    filtered = client.get("/admin/logg?handelse=login").get_data(as_text=True)
    assert "karin@example.se" not in filtered
    assert client.get("/admin/logg?handelse=<script>").status_code == 200


def test_user_search_and_pagination(make_user, login_as, client):
    admin_client(make_user, login_as)
    for number in range(55):
        make_user(f"person{number:02d}@example.se", name=f"Person {number:02d}")
    first = client.get("/admin/anvandare").get_data(as_text=True)
    assert "Sida 1 av 2, 56 träffar" in first
    found = client.get("/admin/anvandare?q=person07").get_data(as_text=True)
    assert "person07@example.se" in found
    assert "person08@example.se" not in found


def test_min_sida_tells_admins_about_accounts_without_password(make_user, login_as, client):
    admin_client(make_user, login_as)
    make_user("ny@example.se", password=False)
    page = client.get("/").get_data(as_text=True)
    assert "1 aktiva konton har inte valt lösenord ännu." in page
