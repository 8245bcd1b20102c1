"""The contact's link (acceptance 2): each step is taken once, the link
expires with the collection, and it opens one example only."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from toolbox import clock
from toolbox.clock import utcnow
from toolbox.examples import contacts, service
from toolbox.examples.models import Collection, Example, ExampleAnswer, FollowUp
from toolbox.extensions import db, mail

STORY = {"step": "1", "story": "Vi har en flödesansvarig per pass.", "submission": "s" * 24}


def inventory(**answers) -> dict:
    return {"step": "2", "submission": "i" * 24} | {f"q_{k}": v for k, v in answers.items()}


@pytest.fixture
def example(make_collection, invite_example):
    collection_id = make_collection()
    example_id, token = invite_example(collection_id, unit_name="Akutmottagningen Nord")
    return example_id, f"/goda-exempel/svar/{token}"


def test_the_contact_answers_step_1_then_step_2_through_one_link(app, client, example, load):
    example_id, url = example
    first = client.get(url)
    page = first.get_data(as_text=True)
    assert first.status_code == 200
    assert "Steg 1 av 3: Berätta om er enhet" in page
    assert "Akutmottagningen Nord" in page
    assert "Poängen är att inte styra" in page
    assert "allmän handling" in page
    assert "Vem läser det du skriver?" in page
    assert client.post(url, data=STORY).status_code == 302
    second = client.get(url).get_data(as_text=True)
    assert "Steg 2 av 3: Inventering" in second
    assert "Hur får chefen och medarbetarna återkoppling på sitt arbete" in second
    assert "Vi har en flödesansvarig per pass." not in second  # the link never shows it back
    answers = inventory(**{"ledarskap-aterkoppling": "Varje fredag.", "kultur-dialog-syfte": ""})
    assert client.post(url, data=answers).status_code == 302
    assert "Tack för era svar" in client.get(url).get_data(as_text=True)
    stored = load(Example, example_id)
    assert stored.story == "Vi har en flödesansvarig per pass."
    assert stored.question_set_version == 2
    with app.app_context():
        rows = db.session.execute(select(ExampleAnswer.question_key, ExampleAnswer.text)).all()
    assert rows == [("ledarskap-aterkoppling", "Varje fredag.")]  # empty answers are not kept


def test_every_inventory_question_is_optional(client, example, load):
    example_id, url = example
    client.post(url, data=STORY)
    assert client.post(url, data=inventory()).status_code == 302
    assert load(Example, example_id).inventory_at is not None


def test_a_step_is_taken_once(app, client, example, load):
    example_id, url = example
    assert client.post(url, data=STORY).status_code == 302
    again = client.post(url, data=STORY | {"story": "Ett nytt försök", "submission": "x" * 24})
    assert again.status_code == 409
    assert "Steget är redan inskickat" in again.get_data(as_text=True)
    # The same form posted twice (double click) is accepted once, without an error.
    client.post(url, data=inventory(**{"styrning-larande": "Fallgenomgång"}))
    repeat = client.post(url, data=inventory(**{"styrning-larande": "Dubbelt"}))
    assert repeat.status_code == 302
    assert load(Example, example_id).story == "Vi har en flödesansvarig per pass."
    with app.app_context():
        assert db.session.scalar(select(ExampleAnswer.text)) == "Fallgenomgång"


def test_an_inventory_cannot_come_before_the_story(client, example, load):
    example_id, url = example
    response = client.post(url, data=inventory(**{"styrning-larande": "För tidigt"}))
    assert response.status_code == 409
    assert load(Example, example_id).inventory_at is None


def test_the_service_refuses_a_second_story(app, example):
    example_id, _url = example
    with app.app_context():
        found = db.session.get(Example, example_id)
        contacts.submit_story(found, "Först")
        db.session.commit()
        stale = db.session.get(Example, example_id)
        with pytest.raises(service.StepClosed):
            contacts.submit_story(stale, "Sedan")
        db.session.rollback()
        assert db.session.get(Example, example_id).story == "Först"


def test_follow_up_questions_are_answered_once_through_the_same_kind_of_link(
    app, client, example, load
):
    example_id, url = example
    client.post(url, data=STORY)
    client.post(url, data=inventory())
    with app.app_context():
        db.session.add(
            FollowUp(example_id=example_id, question="Hur började ni?", sent_at=utcnow())
        )
        db.session.add(FollowUp(example_id=example_id, question="Utkast som inte syns"))
        db.session.commit()
        asked = db.session.scalar(select(FollowUp.id).where(FollowUp.sent_at.is_not(None)))
    page = client.get(url).get_data(as_text=True)
    assert "Steg 3 av 3: Följdfrågor" in page
    assert "Hur började ni?" in page
    assert "Utkast som inte syns" not in page
    data = {"step": "3", "submission": "f" * 24, f"f_{asked}": "Med en pilot."}
    assert client.post(url, data=data).status_code == 302
    assert client.post(url, data=data | {"submission": "g" * 24}).status_code == 409
    assert load(FollowUp, asked).answer == "Med en pilot."


@pytest.mark.parametrize("closing", ["delivered", "past_delivery_date"])
def test_the_link_expires_with_the_collection(app, client, example, load, closing):
    example_id, url = example
    with app.app_context():
        collection = db.session.get(Example, example_id).collection
        if closing == "delivered":
            collection.delivered_at = utcnow()
        else:
            on = clock.today()
            collection.step1_due = on - timedelta(days=20)
            collection.step2_due = on - timedelta(days=10)
            collection.step3_due = on - timedelta(days=5)
            collection.delivery_date = on - timedelta(days=1)
        db.session.commit()
    response = client.get(url)
    assert response.status_code == 410
    assert "Insamlingen är avslutad" in response.get_data(as_text=True)
    assert client.post(url, data=STORY).status_code == 410
    assert load(Example, example_id).story_at is None


def test_the_link_works_through_the_delivery_date(app, client, example):
    example_id, url = example
    with app.app_context():
        collection = db.session.get(Example, example_id).collection
        collection.delivery_date = clock.today()
        db.session.commit()
    assert client.get(url).status_code == 200


def test_a_link_opens_its_own_example_only(app, client, make_collection, invite_example, load):
    collection_id = make_collection()
    mine_id, mine = invite_example(collection_id, unit_name="Dialysenheten")
    other_id, _ = invite_example(collection_id, unit_name="Röntgen")
    page = client.get(f"/goda-exempel/svar/{mine}").get_data(as_text=True)
    assert "Dialysenheten" in page
    assert "Röntgen" not in page
    assert not re.search(r'name="(example|example_id|id)"', page)  # nothing to point elsewhere
    # Extra fields naming the other example change nothing there.
    client.post(
        f"/goda-exempel/svar/{mine}",
        data=STORY | {"example_id": str(other_id), "id": str(other_id)},
    )
    assert load(Example, mine_id).story_at is not None
    assert load(Example, other_id).story_at is None


@pytest.mark.parametrize("token", ["ogiltig", "x" * 200, ""])
def test_unknown_or_malformed_tokens_open_nothing(client, token):
    response = client.get(f"/goda-exempel/svar/{token}")
    assert response.status_code == 404


def test_a_new_link_replaces_the_old_one(app, hr_client, example, load):
    example_id, old = example
    with mail.record_messages() as outbox:
        assert hr_client.post(f"/goda-exempel/exempel/{example_id}/ny-lank").status_code == 302
    new = re.search(r"http://127\.0\.0\.1(/goda-exempel/svar/\S+)", outbox[0].body).group(1)
    visitor = app.test_client()
    assert visitor.get(old).status_code == 404
    assert visitor.get(new).status_code == 200


def test_only_the_hash_of_the_token_is_stored(app, example):
    example_id, url = example
    token = url.rsplit("/", 1)[1]
    with app.app_context():
        stored = db.session.get(Example, example_id).token_hash
    assert stored == service.hash_token(token)
    assert token != stored


def test_an_expired_form_keeps_the_contacts_text(csrf_app, hr_token_example):
    client = csrf_app.test_client()
    url = f"/goda-exempel/svar/{hr_token_example}"
    assert 'name="csrf_token"' in client.get(url).get_data(as_text=True)
    response = client.post(url, data=STORY | {"csrf_token": "utgangen"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Formuläret hade legat öppet för länge" in page
    assert "Vi har en flödesansvarig per pass." in page
    with csrf_app.app_context():
        assert db.session.scalar(select(Example.story_at)) is None


@pytest.fixture
def hr_token_example(csrf_app):
    """An invited example in the CSRF-protected app; returns its link token."""
    with csrf_app.app_context():
        on = clock.today()
        collection = Collection(
            title="Med CSRF",
            purpose="Syfte",
            step1_due=on,
            step2_due=on,
            step3_due=on,
            delivery_date=on + timedelta(days=1),
        )
        db.session.add(collection)
        db.session.flush()
        data = contacts.InviteData(None, "Enheten", "Kontakt", "k@example.se", "epost", "")
        _example, token = contacts.invite(collection, data, on)
        db.session.commit()
        return token
