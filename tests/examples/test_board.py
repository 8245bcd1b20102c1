"""The status board by step, reminders only to those behind, and HR's
follow-up questions (step 3)."""

from datetime import timedelta

from sqlalchemy import select

from tests.examples.conftest import link_in
from toolbox import clock
from toolbox.clock import utcnow
from toolbox.examples import contacts, service
from toolbox.examples.models import Collection, Example, FollowUp
from toolbox.extensions import db, mail


def advance(app, example_id: int, story: bool = True, inventory: bool = False, asked: int = 0):
    with app.app_context():
        example = db.session.get(Example, example_id)
        if story:
            contacts.submit_story(example, "Berättelse")
        if inventory:
            contacts.submit_inventory(example, {}, 1)
        for n in range(asked):
            db.session.add(FollowUp(example_id=example_id, question=f"Fråga {n}", sent_at=utcnow()))
        db.session.commit()


def overdue_step1(app, collection_id: int) -> None:
    with app.app_context():
        collection = db.session.get(Collection, collection_id)
        collection.step1_due = clock.today() - timedelta(days=1)
        db.session.commit()


def test_board_shows_every_example_by_step(app, hr_client, make_collection, invite_example):
    collection_id = make_collection()
    invite_example(collection_id, unit_name="Ettan")
    two, _ = invite_example(collection_id, unit_name="Tvåan")
    three, _ = invite_example(collection_id, unit_name="Trean")
    done, _ = invite_example(collection_id, unit_name="Klara")
    advance(app, two)
    advance(app, three, inventory=True, asked=2)
    advance(app, done, inventory=True)
    with app.app_context():
        collection = db.session.get(Collection, collection_id)
        assert service.step_counts(collection) == {1: 1, 2: 1, 3: 1, 4: 1}
        rows = {r.example.unit_name: r for r in service.board(collection, clock.today())}
        assert {name: r.step for name, r in rows.items()} == {
            "Ettan": 1,
            "Tvåan": 2,
            "Trean": 3,
            "Klara": 4,
        }
        for row in rows.values():  # the SQL rule and the Python rule agree
            assert row.step == row.example.current_step
        assert (rows["Trean"].followups_sent, rows["Trean"].followups_answered) == (2, 0)
    page = hr_client.get(f"/goda-exempel/insamlingar/{collection_id}").get_data(as_text=True)
    assert "<caption>Alla exempel i insamlingen och var de är</caption>" in page
    assert '<th scope="col">Steg 1</th>' in page
    assert "0 av 2 besvarade" in page
    assert "Ingen behöver en påminnelse just nu." in page


def test_reminders_go_only_to_those_behind_and_once_a_day(
    app, hr_client, make_collection, invite_example
):
    collection_id = make_collection()
    behind, old_token = invite_example(collection_id, unit_name="Sen", email="sen@example.se")
    ahead, _ = invite_example(collection_id, unit_name="Klar", email="klar@example.se")
    advance(app, ahead)  # at step 2, which is not due yet
    overdue_step1(app, collection_id)
    board = hr_client.get(f"/goda-exempel/insamlingar/{collection_id}").get_data(as_text=True)
    assert "Försenat" in board
    assert "1 kontaktperson ligger efter" in board
    with mail.record_messages() as outbox:
        assert (
            hr_client.post(f"/goda-exempel/insamlingar/{collection_id}/paminn").status_code == 302
        )
        hr_client.post(f"/goda-exempel/insamlingar/{collection_id}/paminn")
        hr_client.post(f"/goda-exempel/exempel/{behind}/paminn")
        hr_client.post(f"/goda-exempel/exempel/{ahead}/paminn")
    assert [m.recipients for m in outbox] == [["sen@example.se"]]
    assert outbox[0].subject == "Påminnelse: Goda exempel 2026"
    assert "steg 1: berättelse" in outbox[0].body
    visitor = app.test_client()
    assert visitor.get(f"/goda-exempel/svar/{old_token}").status_code == 404
    assert visitor.get(link_in(outbox[0].body)).status_code == 200
    with app.app_context():
        example = db.session.get(Example, behind)
        assert example.reminders_sent == 1
        assert example.last_reminded_at is not None
        assert db.session.get(Example, ahead).reminders_sent == 0


def test_hr_writes_follow_up_questions_and_sends_them(
    app, hr_client, make_collection, invite_example
):
    collection_id = make_collection()
    example_id, _token = invite_example(collection_id, unit_name="Neonatal")
    advance(app, example_id, inventory=True)
    url = f"/goda-exempel/exempel/{example_id}"
    empty = hr_client.post(f"{url}/fragor", data={"question": "", "submission": "e" * 24})
    assert empty.status_code == 422
    assert "Skriv frågan." in empty.get_data(as_text=True)
    for n, question in enumerate(("Hur började ni?", "Vem tog initiativet?", "Ta bort mig")):
        hr_client.post(f"{url}/fragor", data={"question": question, "submission": f"{n}" * 24})
    with app.app_context():
        ids = db.session.scalars(select(FollowUp.id).order_by(FollowUp.id)).all()
    assert len(ids) == 3
    assert hr_client.post(f"{url}/fragor/{ids[2]}/ta-bort").status_code == 302
    with mail.record_messages() as outbox:
        assert hr_client.post(f"{url}/fragor/skicka").status_code == 302
        hr_client.post(f"{url}/fragor/skicka")  # nothing new: no second mail
    assert len(outbox) == 1
    assert outbox[0].subject == "Följdfrågor: Goda exempel 2026"
    page = app.test_client().get(link_in(outbox[0].body)).get_data(as_text=True)
    assert "Hur började ni?" in page
    assert "Vem tog initiativet?" in page
    assert "Ta bort mig" not in page
    sent_delete = hr_client.post(f"{url}/fragor/{ids[0]}/ta-bort")
    assert sent_delete.status_code == 302
    with app.app_context():
        assert db.session.get(FollowUp, ids[0]) is not None  # a sent question stays
    assert (
        hr_client.post(
            f"/goda-exempel/exempel/{example_id}/fragor/{ids[0] + 99}/ta-bort"
        ).status_code
        == 404
    )


def test_the_example_page_shows_the_material_to_hr(app, hr_client, make_collection, invite_example):
    collection_id = make_collection()
    example_id, token = invite_example(collection_id, unit_name="Röntgen")
    visitor = app.test_client()
    url = f"/goda-exempel/svar/{token}"
    visitor.post(
        url, data={"step": "1", "story": "Schemat lägger vi själva.", "submission": "a" * 24}
    )
    visitor.post(
        url,
        data={"step": "2", "submission": "b" * 24, "q_styrning-larande": "Varje torsdag."},
    )
    page = hr_client.get(f"/goda-exempel/exempel/{example_id}").get_data(as_text=True)
    assert "Schemat lägger vi själva." in page
    assert "Hur lär ni av varandra i arbetsgruppen" in page
    assert "Varje torsdag." in page
    assert "Telefon" in page  # the contact's preferred way


def test_min_sida_tells_hr_about_collections_under_way(
    app, hr_client, make_collection, invite_example
):
    collection_id = make_collection(title="Höstens insamling")
    invite_example(collection_id)
    overdue_step1(app, collection_id)
    home = hr_client.get("/").get_data(as_text=True)
    assert 'Insamlingen <span lang="sv">Höstens insamling</span> ska levereras' in home
    assert "1 exempel ligger efter." in home
    assert f'href="/goda-exempel/insamlingar/{collection_id}"' in home
