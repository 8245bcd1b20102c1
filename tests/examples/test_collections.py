"""HR opens collections with a purpose and a timeline, invites contacts and
edits the timeline without losing a concurrent change (PRODUCT.md 3.7)."""

from datetime import timedelta

from sqlalchemy import func, select

from tests.examples.conftest import link_in
from toolbox import clock
from toolbox.examples import service
from toolbox.examples.models import Collection, Example
from toolbox.extensions import db, mail


def collection_form(**changes) -> dict:
    on = clock.today()
    return {
        "title": "Goda exempel inför utskottet",
        "purpose": "Exemplen ska visa hur man kan arbeta tillitsbaserat.",
        "step1_due": (on + timedelta(days=10)).isoformat(),
        "step2_due": (on + timedelta(days=20)).isoformat(),
        "step3_due": (on + timedelta(days=30)).isoformat(),
        "delivery_date": (on + timedelta(days=40)).isoformat(),
        "submission": "a" * 24,
    } | changes


def test_hr_opens_a_collection_once_even_when_the_form_is_posted_twice(app, hr_client):
    first = hr_client.post("/goda-exempel/insamlingar/ny", data=collection_form())
    again = hr_client.post("/goda-exempel/insamlingar/ny", data=collection_form())
    assert first.status_code == 302
    assert again.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Collection)) == 1
        collection = db.session.scalar(select(Collection))
        assert collection.title == "Goda exempel inför utskottet"
        assert collection.delivery_date == clock.today() + timedelta(days=40)
    board = hr_client.get(first.headers["Location"]).get_data(as_text=True)
    assert "Goda exempel inför utskottet" in board
    assert "Ingen är inbjuden ännu." in board


def test_dates_must_be_valid_and_in_order(hr_client):
    on = clock.today()
    response = hr_client.post(
        "/goda-exempel/insamlingar/ny",
        data=collection_form(step1_due="25/4", delivery_date=on.isoformat()),
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Skriv datumet som ÅÅÅÅ-MM-DD" in page
    assert 'href="#step1_due"' in page  # the error summary links to the field
    disorder = hr_client.post(
        "/goda-exempel/insamlingar/ny", data=collection_form(delivery_date=on.isoformat())
    )
    assert disorder.status_code == 422
    assert "Datumen ska komma i ordning" in disorder.get_data(as_text=True)
    assert 'value="Goda exempel inför utskottet"' in disorder.get_data(as_text=True)


def test_a_stale_edit_gets_409_and_keeps_the_text(app, hr_client, make_collection):
    collection_id = make_collection()
    url = f"/goda-exempel/insamlingar/{collection_id}/andra"
    form = collection_form(title="Första ändringen", version="1")
    assert hr_client.post(url, data=form).status_code == 302
    stale = hr_client.post(url, data=form | {"title": "Min gamla version", "purpose": "Mitt syfte"})
    page = stale.get_data(as_text=True)
    assert stale.status_code == 409
    assert "Någon annan har sparat ändringar i insamlingen" in page
    assert 'value="Min gamla version"' in page
    assert "Mitt syfte" in page
    with app.app_context():
        assert db.session.get(Collection, collection_id).title == "Första ändringen"


def test_inviting_a_contact_mails_a_link_and_records_the_contact_way(
    app, hr_client, make_collection, make_unit, make_user
):
    unit = make_unit("MED-12", name="Vårdavdelning 12")
    manager = make_user("daniel@example.se", roles=("chef",), name="Daniel Lundgren")
    collection_id = make_collection()
    with mail.record_messages() as outbox:
        response = hr_client.post(
            f"/goda-exempel/insamlingar/{collection_id}/bjud-in",
            data={
                "unit_id": str(unit.id),
                "contact_name": "Daniel Lundgren",
                "contact_email": "Daniel@Example.se",
                "preferred_contact": "video",
                "contact_note": "Bäst efter 14",
                "submission": "b" * 24,
            },
        )
    assert response.status_code == 302
    assert len(outbox) == 1
    assert outbox[0].recipients == ["daniel@example.se"]
    assert outbox[0].subject == "Inbjudan: Goda exempel 2026"
    body = outbox[0].body
    assert "Vi styr medvetet inte med frågor" in body
    assert "Videomöte" in body
    assert "allmän handling" in body
    token = link_in(body).rsplit("/", 1)[1]
    with app.app_context():
        example = db.session.scalar(select(Example))
        assert example.unit_id == unit.id
        assert example.unit_name == "Vårdavdelning 12"
        assert example.preferred_contact == "video"
        assert example.contact_note == "Bäst efter 14"
        assert example.contact_user_id == manager.id  # can also answer in the portal
        assert example.token_hash == service.hash_token(token)
        assert token not in example.token_hash
    board = hr_client.get(f"/goda-exempel/insamlingar/{collection_id}").get_data(as_text=True)
    assert "Vårdavdelning 12" in board
    assert "Videomöte" in board
    assert "Bäst efter 14" in board


def test_invitation_needs_a_unit_and_refuses_the_same_unit_twice(
    app, hr_client, make_collection, make_unit
):
    unit = make_unit("KIR-DAG", name="Dagkirurgin")
    collection_id = make_collection()
    url = f"/goda-exempel/insamlingar/{collection_id}/bjud-in"
    base = {
        "contact_name": "Hanna",
        "contact_email": "hanna@example.se",
        "preferred_contact": "epost",
    }
    missing = hr_client.post(url, data=base | {"unit_id": "0", "submission": "c" * 24})
    assert missing.status_code == 422
    assert "Välj en enhet i listan eller skriv vilken enhet" in missing.get_data(as_text=True)
    with mail.record_messages() as outbox:
        assert (
            hr_client.post(
                url, data=base | {"unit_id": str(unit.id), "submission": "d" * 24}
            ).status_code
            == 302
        )
        twice = hr_client.post(url, data=base | {"unit_id": str(unit.id), "submission": "e" * 24})
    assert twice.status_code == 422
    assert "Enheten finns redan med i den här insamlingen." in twice.get_data(as_text=True)
    assert len(outbox) == 1
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Example)) == 1


def test_a_closed_collection_takes_no_invitations(app, hr_client, make_collection):
    on = clock.today()
    collection_id = make_collection(
        step1_due=on - timedelta(days=30),
        step2_due=on - timedelta(days=20),
        step3_due=on - timedelta(days=10),
        delivery_date=on - timedelta(days=1),
    )
    response = hr_client.post(
        f"/goda-exempel/insamlingar/{collection_id}/bjud-in",
        data={
            "unit_id": "0",
            "unit_name": "Förlossningen",
            "contact_name": "Elin",
            "contact_email": "elin@example.se",
            "preferred_contact": "epost",
            "submission": "f" * 24,
        },
    )
    assert response.status_code == 422
    assert "Insamlingen är avslutad" in response.get_data(as_text=True)


def test_unknown_ids_are_404_for_hr(hr_client):
    for path in (
        "/goda-exempel/insamlingar/999",
        "/goda-exempel/insamlingar/999/andra",
        "/goda-exempel/insamlingar/999/bjud-in",
        "/goda-exempel/insamlingar/999/rapport",
        "/goda-exempel/insamlingar/999/rapport/utskrift",
        "/goda-exempel/exempel/999",
        "/goda-exempel/exempel/999/case",
        "/goda-exempel/case/999",
    ):
        assert hr_client.get(path).status_code == 404, path
    for path in (
        "/goda-exempel/insamlingar/999/paminn",
        "/goda-exempel/exempel/999/paminn",
        "/goda-exempel/case/999/publicera",
        "/goda-exempel/insamlingar/999/leverera",
    ):
        assert hr_client.post(path).status_code == 404, path
