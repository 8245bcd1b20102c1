"""HR removes an invited example – a wrong unit or contact – after a
confirmation page: its link stops working and its material goes with it;
an example whose case is published stays until the case is unpublished."""

from sqlalchemy import func, select

from tests.examples.conftest import case_of
from toolbox.audit.models import AuditEvent
from toolbox.examples.models import Example, ExampleAnswer, FollowUp
from toolbox.extensions import db


def count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_hr_confirms_and_the_example_and_its_material_are_gone(
    app, hr_client, make_collection, invite_example, load
):
    collection_id = make_collection()
    example_id, token = invite_example(collection_id, unit_name="Fel enhet")
    kept_id, _ = invite_example(collection_id, unit_name="Rätt enhet")
    respond = f"/goda-exempel/svar/{token}"
    assert hr_client.get(respond).status_code == 200
    example_page = hr_client.get(f"/goda-exempel/exempel/{example_id}").get_data(as_text=True)
    assert f'href="/goda-exempel/exempel/{example_id}/ta-bort"' in example_page

    confirm = hr_client.get(f"/goda-exempel/exempel/{example_id}/ta-bort")
    assert confirm.status_code == 200
    page = confirm.get_data(as_text=True)
    assert 'Ta bort exemplet från <span lang="sv">Fel enhet</span>?' in page
    assert load(Example, example_id) is not None  # the page alone removes nothing

    response = hr_client.post(f"/goda-exempel/exempel/{example_id}/ta-bort")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/goda-exempel/insamlingar/{collection_id}")
    board = hr_client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'Exemplet från <span lang="sv">Fel enhet</span> är borttaget.' in board
    assert load(Example, example_id) is None
    assert load(Example, kept_id) is not None
    assert count(app, ExampleAnswer, ExampleAnswer.example_id == example_id) == 0
    assert count(app, FollowUp, FollowUp.example_id == example_id) == 0
    assert hr_client.get(respond).status_code in (404, 410)
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "example_removed"))
        assert event.target == "Fel enhet"


def test_an_example_with_a_published_case_stays(app, hr_client, published_case, load):
    case_id, example_id = published_case()
    confirm = hr_client.get(f"/goda-exempel/exempel/{example_id}/ta-bort").get_data(as_text=True)
    assert "Avpublicera caset först" in confirm
    assert "<form" not in confirm.split("<main", 1)[1]
    response = hr_client.post(f"/goda-exempel/exempel/{example_id}/ta-bort")
    assert response.status_code == 302
    page = hr_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Avpublicera caset först" in page
    assert load(Example, example_id) is not None
    assert case_of(app, example_id).id == case_id


def test_only_hr_can_remove_and_an_unknown_example_is_404(
    app, client, login_as, make_user, make_collection, invite_example, hr_client, load
):
    collection_id = make_collection()
    example_id, _ = invite_example(collection_id)
    assert hr_client.post("/goda-exempel/exempel/999999/ta-bort").status_code == 404
    login_as(make_user("chef.ledning@example.se", roles=("chef", "ledning", "admin")))
    assert client.get(f"/goda-exempel/exempel/{example_id}/ta-bort").status_code == 403
    assert client.post(f"/goda-exempel/exempel/{example_id}/ta-bort").status_code == 403
    assert load(Example, example_id) is not None
