"""Proposing, editing, endorsing and commenting: the managers' side of the register."""

from decimal import Decimal

from sqlalchemy import func, select

from tests.tasks.conftest import form, snapshot, task_version
from toolbox.extensions import db
from toolbox.tasks import figures
from toolbox.tasks.models import Task, TaskComment, TaskEndorsement, TaskEvent

PROPOSAL = {
    "title": "Beställa behörigheter i journalsystemet",
    "description": "Varje ny medarbetare kräver fem beställningar.",
    "category": "it_system",
    "frequency": "varje_manad",
    "hours_per_month": "2,5",
    "affected_managers": "2",
    "scope_unit_id": "0",
    "action": "avlasta",
}


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_a_manager_proposes_a_task_and_a_double_post_creates_one(app, people, login_as, client):
    login_as(people.proposer)
    assert client.get("/uppgifter/ny").status_code == 200
    data = form(**PROPOSAL)
    first = client.post("/uppgifter/ny", data=data)
    assert first.status_code == 302
    again = client.post("/uppgifter/ny", data=data)
    assert again.status_code == 302
    assert again.headers["Location"] == "/uppgifter/?mina=1"
    assert count(app, Task) == 1
    with app.app_context():
        task = db.session.scalar(select(Task))
        assert first.headers["Location"] == f"/uppgifter/{task.id}"
        assert (task.status, task.proposer_id, task.action) == (
            "inkommen",
            people.proposer.id,
            "avlasta",
        )
        assert task.hours_per_month == Decimal("2.5")
        assert task.affected_managers == 2
        assert [e.kind for e in task.events] == ["created"]
        assert task.events[0].detail == "2,5 timmar per chef och månad, 2 berörda chefer."
    page = client.get(first.headers["Location"]).get_data(as_text=True)
    assert "Beställa behörigheter i journalsystemet" in page
    assert "Status:" in page
    assert '<dd id="task-estimated">5,0</dd>' in page


def test_the_proposal_form_explains_its_errors_and_keeps_the_input(people, login_as, client):
    login_as(people.proposer)
    bad = PROPOSAL | {
        "title": "",
        "category": "",
        "hours_per_month": "2,55",
        "affected_managers": "0",
    }
    response = client.post("/uppgifter/ny", data=form(**bad))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    for message in (
        "Skriv vad uppgiften heter.",
        "Välj en kategori.",
        "Ange timmar med högst en decimal, till exempel 2,5.",
        "Ange 1–5000 chefer.",
    ):
        assert message in page, message
    assert "Varje ny medarbetare kräver fem beställningar." in page
    assert 'href="#title"' in page  # the error summary links to the field
    tampered = client.post("/uppgifter/ny", data=form(**PROPOSAL | {"category": "hemligt"}))
    assert tampered.status_code == 422


def test_only_managers_propose(people, login_as, client):
    for user in (people.hr, people.ledning, people.admin):
        login_as(user)
        assert client.get("/uppgifter/ny").status_code == 403
        assert client.post("/uppgifter/ny", data=form(**PROPOSAL)).status_code == 403


def edit_data(app, task_id, **changes) -> dict:
    return form(**PROPOSAL | {"version": str(task_version(app, task_id))} | changes)


def test_the_proposer_edits_and_history_says_what_changed(app, people, make_task, login_as, client):
    task_id = make_task("inkommen", hours="2.0")
    login_as(people.proposer)
    response = client.post(f"/uppgifter/{task_id}/andra", data=edit_data(app, task_id))
    assert response.status_code == 302
    with app.app_context():
        event = db.session.scalars(select(TaskEvent).where(TaskEvent.kind == "edited")).one()
        assert event.actor_id == people.proposer.id
        assert "titel" in event.detail
        assert "timmar per chef och månad 2,0 → 2,5" in event.detail


def test_a_stale_edit_is_a_conflict_that_keeps_the_text(app, people, make_task, login_as, client):
    task_id = make_task("inkommen")
    login_as(people.hr)
    stale = edit_data(app, task_id, title="HR:s version")
    assert (
        client.post(f"/uppgifter/{task_id}/andra", data=edit_data(app, task_id)).status_code == 302
    )
    response = client.post(f"/uppgifter/{task_id}/andra", data=stale)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Någon annan har sparat ändringar i uppgiften medan du arbetade." in page
    assert 'value="HR:s version"' in page
    with app.app_context():
        assert db.session.get(Task, task_id).title == PROPOSAL["title"]


def test_who_may_edit(app, people, make_task, login_as, client):
    open_task, decided = make_task("under_genomlysning"), make_task("beslutad")
    login_as(people.chef)
    assert client.get(f"/uppgifter/{open_task}/andra").status_code == 403
    login_as(people.proposer)  # no longer, once HR has taken it up
    before = snapshot(app, open_task)
    response = client.post(f"/uppgifter/{open_task}/andra", data=edit_data(app, open_task))
    assert response.status_code == 403
    assert snapshot(app, open_task) == before
    login_as(people.hr)
    assert (
        client.post(f"/uppgifter/{open_task}/andra", data=edit_data(app, open_task)).status_code
        == 302
    )
    response = client.get(f"/uppgifter/{decided}/andra")
    assert response.status_code == 403
    assert "En uppgift med status Beslutad kan inte ändras längre." in response.get_data(
        as_text=True
    )


def test_another_manager_endorses_and_the_figures_follow(app, people, make_task, login_as, client):
    task_id = make_task("inkommen", hours="2.0", managers=1)
    login_as(people.chef)
    assert "Berör mig också" in client.get(f"/uppgifter/{task_id}").get_data(as_text=True)
    data = form(hours_per_month="3,5")
    assert client.post(f"/uppgifter/{task_id}/beror-mig", data=data).status_code == 302
    assert client.post(f"/uppgifter/{task_id}/beror-mig", data=data).status_code == 409
    with app.app_context():
        assert figures.for_task(task_id) == (2, Decimal("5.5"), None)
        assert figures.total().estimated == Decimal("5.5")
    page = client.get(f"/uppgifter/{task_id}").get_data(as_text=True)
    assert "Ta bort min anmälan" in page
    assert "Olle Kollega" in page
    assert client.post(f"/uppgifter/{task_id}/beror-mig/ta-bort").status_code == 302
    with app.app_context():
        assert figures.for_task(task_id) == (1, Decimal("2.0"), None)
        kinds = db.session.scalars(select(TaskEvent.kind).order_by(TaskEvent.id)).all()
        assert kinds == ["endorsed", "unendorsed"]


def test_endorsing_is_refused_for_the_proposer_and_after_assessment(
    app, people, make_task, login_as, client
):
    task_id, decided = make_task("inkommen"), make_task("beslutad")
    login_as(people.proposer)
    response = client.post(f"/uppgifter/{task_id}/beror-mig", data=form(hours_per_month="1"))
    assert response.status_code == 409
    assert "Du lämnade själv förslaget" in response.get_data(as_text=True)
    login_as(people.chef)
    before = snapshot(app, decided)
    response = client.post(f"/uppgifter/{decided}/beror-mig", data=form(hours_per_month="1"))
    assert response.status_code == 409
    assert snapshot(app, decided) == before
    login_as(people.hr)
    assert client.get(f"/uppgifter/{task_id}/beror-mig").status_code == 403
    assert count(app, TaskEndorsement) == 0


def test_comments_are_kept_once_and_an_empty_one_is_refused(
    app, people, make_task, login_as, client
):
    task_id = make_task("inkommen")
    login_as(people.ledning)
    data = form(text="Hur många enheter gäller det?")
    response = client.post(f"/uppgifter/{task_id}/kommentarer", data=data)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/uppgifter/{task_id}#kommentarer")
    client.post(f"/uppgifter/{task_id}/kommentarer", data=data)
    assert count(app, TaskComment) == 1
    empty = client.post(f"/uppgifter/{task_id}/kommentarer", data=form(text="  "))
    assert empty.status_code == 422
    assert "Skriv en kommentar." in empty.get_data(as_text=True)
    page = client.get(f"/uppgifter/{task_id}").get_data(as_text=True)
    assert "Hur många enheter gäller det?" in page
    assert "Lars Ledning" in page


def test_unknown_tasks_and_steps_are_404(people, login_as, client):
    login_as(people.hr)
    assert client.get("/uppgifter/99999").status_code == 404
    assert client.get("/uppgifter/99999/steg/bedom").status_code == 404
    assert client.post("/uppgifter/99999/kommentarer", data=form(text="x")).status_code == 404
    assert client.get("/uppgifter/1/steg/trolla").status_code == 404


def test_admin_and_visitors_do_not_reach_the_register(people, login_as, client, app):
    anonymous = app.test_client().get("/uppgifter/")
    assert anonymous.status_code == 302
    assert "/login" in anonymous.headers["Location"]
    login_as(people.admin)
    assert client.get("/uppgifter/").status_code == 403
    assert client.get("/uppgifter/export.csv").status_code == 403
