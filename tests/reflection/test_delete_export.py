"""Deleting removes the answers from the database (acceptance 4); the export
holds all own reflection data; both are security events in the audit log
without any answer text."""

import json

from sqlalchemy import text

from toolbox.audit.models import AuditEvent
from toolbox.extensions import db
from toolbox.reflection.models import ReflectionReminder

NOTE = "Jag vill delegera mer"


def rows_for(app, reflection_id: int) -> dict[str, int]:
    """Counted straight in the tables, past the ORM."""
    with app.app_context():
        return {
            table: db.session.execute(
                text(f"SELECT COUNT(*) FROM {table} WHERE {column} = :id"),  # noqa: S608
                {"id": reflection_id},
            ).scalar_one()
            for table, column in (
                ("reflections", "id"),
                ("reflection_answers", "reflection_id"),
                ("reflection_notes", "reflection_id"),
            )
        }


def audit(app) -> list[tuple[str, str, str]]:
    with app.app_context():
        return [
            (e.action, e.target, e.detail)
            for e in db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))
        ]


def test_deleting_removes_the_answers_from_the_database(
    app, make_user, login_as, client, make_reflection
):
    user = make_user(roles=("chef",))
    kept = make_reflection(user, notes={"kultur": "Ska finnas kvar"})
    gone = make_reflection(user, notes={"styrning": NOTE})
    assert rows_for(app, gone) == {
        "reflections": 1,
        "reflection_answers": 20,
        "reflection_notes": 1,
    }
    login_as(user)
    confirm = client.get(f"/sjalvskattning/{gone}/ta-bort").get_data(as_text=True)
    assert "Ta bort självskattningen?" in confirm
    assert "Det går inte att ångra." in confirm
    response = client.post(f"/sjalvskattning/{gone}/ta-bort")
    assert response.headers["Location"] == "/sjalvskattning/"
    assert rows_for(app, gone) == {"reflections": 0, "reflection_answers": 0, "reflection_notes": 0}
    assert rows_for(app, kept)["reflection_answers"] == 20
    assert client.get(f"/sjalvskattning/{gone}").status_code == 404
    assert client.post(f"/sjalvskattning/{gone}/ta-bort").status_code == 404
    events = audit(app)
    assert events == [("reflection_deleted", f"Självskattning {gone}", "")]
    assert NOTE not in str(events)


def test_a_draft_can_be_deleted(app, make_user, login_as, client, make_reflection):
    user = make_user(roles=("chef",))
    draft = make_reflection(user, draft=True, notes={"ledarskap": NOTE})
    login_as(user)
    assert "Ta bort utkastet?" in client.get(f"/sjalvskattning/{draft}/ta-bort").get_data(True)
    client.post(f"/sjalvskattning/{draft}/ta-bort")
    assert set(rows_for(app, draft).values()) == {0}
    assert "Starta en ny självskattning" in client.get("/sjalvskattning/").get_data(True)


def test_deleting_the_last_reflection_moves_the_due_date(
    app, make_user, login_as, client, make_reflection
):
    user = make_user(roles=("chef",))
    login_as(user)
    only = make_reflection(user)
    client.post("/sjalvskattning/paminnelse", data={"every": "6"})
    with app.app_context():
        assert db.session.get(ReflectionReminder, user.id).next_due_on.isoformat() == "2026-09-01"
    client.post(f"/sjalvskattning/{only}/ta-bort")
    with app.app_context():
        due = db.session.get(ReflectionReminder, user.id).next_due_on
    assert due.isoformat() != "2026-09-01"  # no reflection left: due at once


def test_export_holds_all_own_reflection_data(app, make_user, login_as, client, make_reflection):
    user = make_user(roles=("chef",), name="Karin Lindqvist", email="karin@example.se")
    submitted = make_reflection(user, {"styrning": [2, None, 3, 3, 3]}, notes={"styrning": NOTE})
    draft = make_reflection(user, draft=True)
    login_as(user)
    response = client.get("/sjalvskattning/export")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="sjalvskattningar-'
    )
    data = json.loads(response.get_data(as_text=True))
    assert data["anvandare"] == {"namn": "Karin Lindqvist", "epost": "karin@example.se"}
    assert [r["id"] for r in data["sjalvskattningar"]] == [submitted, draft]
    first = data["sjalvskattningar"][0]
    assert first["status"] == "Inskickad"
    assert first["fragor"]["version"] == 1
    assert first["egna_tankar"] == {"styrning": NOTE}
    answers = {a["nyckel"]: a for a in first["svar"]}
    assert len(answers) == 20
    assert answers["styrning-fa-mal"]["varde"] == 2
    assert answers["styrning-mandat"]["varde"] is None
    assert answers["styrning-mandat"]["svar"] == "Vet ej / ej aktuellt"
    assert answers["styrning-fa-mal"]["pastaende"].startswith("Vi har få och tydliga mål")
    assert first["resultat_per_omrade"]["styrning"] == {
        "medelvarde": 2.75,
        "index": 43.8,
        "besvarade": 4,
        "vet_ej": 1,
    }
    assert data["sjalvskattningar"][1]["status"] == "Utkast"
    assert audit(app) == [("reflection_exported", "karin@example.se", "")]
