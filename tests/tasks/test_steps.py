"""The step forms: validation, lost updates, double posts, CSRF, buttons and
the audit log of decisions."""

from sqlalchemy import func, select

from tests.conftest import PASSWORD_HASH, csrf_token_from
from tests.tasks.conftest import form, snapshot, task_status, task_version
from toolbox.audit.models import AuditEvent
from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.tasks import figures
from toolbox.tasks.models import Task, TaskEvent


def post_step(app, client, task_id: int, step: str, **data):
    data = form(version=str(task_version(app, task_id)), **data)
    return client.post(f"/uppgifter/{task_id}/steg/{step}", data=data)


def test_assessing_as_avlasta_needs_a_receiving_function(app, people, make_task, login_as, client):
    task_id = make_task("inkommen")
    login_as(people.hr)
    before = snapshot(app, task_id)
    response = post_step(
        app, client, task_id, "bedom", action="avlasta", function="", hours_per_month="2",
        affected_managers="1", note="Bör avlastas.",
    )  # fmt: skip
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Välj vilken funktion som ska ta över uppgiften." in page
    assert 'href="#function"' in page
    assert "Bör avlastas." in page
    assert snapshot(app, task_id) == before
    response = post_step(app, client, task_id, "bedom", action="", hours_per_month="2")
    assert response.status_code == 422
    assert "Välj en åtgärd: utveckla, avveckla eller avlasta." in response.get_data(as_text=True)


def test_the_owner_must_be_hr_or_leadership(app, people, make_task, login_as, client):
    task_id = make_task("under_genomlysning")
    login_as(people.ledning)
    before = snapshot(app, task_id)
    page = client.get(f"/uppgifter/{task_id}/steg/besluta").get_data(as_text=True)
    assert "Agnes Ägare, HR" in page
    assert "Olle Kollega" not in page
    response = post_step(
        app, client, task_id, "besluta", note="Beslut.", owner_id=str(people.chef.id)
    )
    assert response.status_code == 422
    assert snapshot(app, task_id) == before


def test_a_stale_step_is_a_conflict_that_keeps_the_text(app, people, make_task, login_as, client):
    task_id = make_task("under_genomlysning")
    stale_version = str(task_version(app, task_id))
    login_as(people.hr)
    assert post_step(app, client, task_id, "bedom", action="utveckla", hours_per_month="2",
                     affected_managers="1", note="Ny bedömning.").status_code == 302  # fmt: skip
    login_as(people.ledning)
    before = snapshot(app, task_id)
    data = form(
        version=stale_version, note="Beslut på gammal bedömning", owner_id=str(people.owner.id)
    )
    response = client.post(f"/uppgifter/{task_id}/steg/besluta", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Någon annan har ändrat uppgiften medan du arbetade." in page
    assert "Beslut på gammal bedömning" in page
    assert f'name="version" type="hidden" value="{before["version"]}"' in page
    assert snapshot(app, task_id) == before
    data["version"] = str(before["version"])  # read again, then send again: accepted
    assert client.post(f"/uppgifter/{task_id}/steg/besluta", data=data).status_code == 302


def test_a_step_posted_twice_is_taken_once(app, people, make_task, login_as, client):
    task_id = make_task("genomfors")
    login_as(people.owner)
    data = form(version=str(task_version(app, task_id)), realised="1,5")
    assert client.post(f"/uppgifter/{task_id}/steg/rapportera", data=data).status_code == 302
    again = client.post(f"/uppgifter/{task_id}/steg/rapportera", data=data)
    assert again.status_code == 302
    with app.app_context():
        kinds = db.session.scalars(select(TaskEvent.kind).where(TaskEvent.task_id == task_id))
        assert list(kinds) == ["rapportera"]


def test_realised_hours_can_be_corrected_after_a_later_follow_up(
    app, people, make_task, login_as, client
):
    task_id = make_task("genomford", managers=3)  # realised 1,0 per manager
    with app.app_context():
        assert figures.for_task(task_id).realised == 3
    login_as(people.owner)
    assert post_step(app, client, task_id, "rapportera", realised="2,0").status_code == 302
    with app.app_context():
        assert figures.for_task(task_id).realised == 6
        event = db.session.scalars(select(TaskEvent).where(TaskEvent.task_id == task_id)).one()
        assert event.detail.startswith("1,0 → 2,0 timmar per chef och månad")
    assert task_status(app, task_id) == "genomford"


def test_decisions_are_audit_logged(app, people, make_task, login_as, client):
    decided, rejected = make_task("under_genomlysning"), make_task("inkommen")
    login_as(people.ledning)
    post_step(app, client, decided, "besluta", note="Ja.", owner_id=str(people.owner.id))
    post_step(app, client, rejected, "avsla", note="Nej.")
    post_step(app, client, rejected, "ateroppna")
    login_as(people.hr)
    post_step(app, client, rejected, "bedom", action="avveckla", hours_per_month="2",
              affected_managers="1", note="Kan avvecklas.")  # fmt: skip
    with app.app_context():
        events = db.session.execute(
            select(AuditEvent.action, AuditEvent.actor_id, AuditEvent.target).order_by(
                AuditEvent.id
            )
        ).all()
    assert [(action, actor) for action, actor, _ in events] == [
        ("task_decided", people.ledning.id),
        ("task_rejected", people.ledning.id),
        ("task_reopened", people.ledning.id),
    ]
    assert events[0].target == f"Uppgift {decided}: Attestera fakturor"


def test_the_buttons_follow_the_table(app, people, make_task, login_as, client):
    incoming, assessed = make_task("inkommen"), make_task("under_genomlysning")
    login_as(people.hr)
    page = client.get(f"/uppgifter/{incoming}").get_data(as_text=True)
    assert f'href="/uppgifter/{incoming}/steg/bedom">Bedöm<' in page
    assert "/steg/besluta" not in page
    login_as(people.ledning)
    page = client.get(f"/uppgifter/{assessed}").get_data(as_text=True)
    for step, label in (
        ("besluta", "Besluta"),
        ("avsla", "Avslå"),
        ("aterremittera", "Skicka tillbaka till HR"),
    ):
        assert f'href="/uppgifter/{assessed}/steg/{step}">{label}<' in page
    assert "/steg/bedom" not in page
    login_as(people.chef)
    assert "/steg/" not in client.get(f"/uppgifter/{assessed}").get_data(as_text=True)


def test_an_expired_form_shows_again_with_the_text_kept(csrf_app):
    with csrf_app.app_context():
        hr = User(email="hr@example.se", name="Hanna", password_hash=PASSWORD_HASH)
        hr.set_roles({"hr"})
        task = Task(title="T", description="D", category="ekonomi", frequency="vid_behov",
                    hours_per_month=2, affected_managers=1, search_text="t")  # fmt: skip
        db.session.add_all([hr, task])
        db.session.commit()
        task_id, user_id = task.id, hr.get_id()
    client = csrf_app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = user_id, True
    url = f"/uppgifter/{task_id}/steg/bedom"
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    data = form(version="1", action="utveckla", hours_per_month="2", affected_managers="1",
                note="En lång bedömning som inte får försvinna")  # fmt: skip
    response = client.post(url, data=data)
    assert response.status_code == 400
    assert "En lång bedömning som inte får försvinna" in response.get_data(as_text=True)
    assert client.post(url, data=data | {"csrf_token": token}).status_code == 302
    with csrf_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(TaskEvent)) == 1
