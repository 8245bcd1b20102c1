"""Managers who are contacts answer inside the portal and propose their own
unit; nobody else can open their example."""

from sqlalchemy import select

from toolbox.examples.models import Example
from toolbox.extensions import db


def test_a_manager_proposes_their_unit_and_answers_in_the_portal(
    app, make_collection, make_unit, make_user, login_as, client, load
):
    collection_id = make_collection(title="Vårens insamling")
    manager = make_user("karin@example.se", roles=("chef",), name="Karin Lindqvist")
    unit = make_unit("MED-AVD14", name="Vårdavdelning 14", manager_id=manager.id)
    login_as(manager)
    mine = client.get("/goda-exempel/mina").get_data(as_text=True)
    assert "Vårens insamling" in mine
    assert "Föreslå min enhet" in mine
    form = client.get(f"/goda-exempel/insamlingar/{collection_id}/foresla")
    assert "Vårdavdelning 14" in form.get_data(as_text=True)
    response = client.post(
        f"/goda-exempel/insamlingar/{collection_id}/foresla",
        data={"unit_id": str(unit.id), "preferred_contact": "mote", "submission": "p" * 24},
    )
    assert response.status_code == 302
    with app.app_context():
        example = db.session.scalar(select(Example))
        example_id = example.id
        assert example.proposed_by_contact
        assert example.contact_user_id == manager.id
        assert example.preferred_contact == "mote"
        assert example.token_hash is None
    assert response.headers["Location"] == f"/goda-exempel/mina/{example_id}"
    home = client.get("/").get_data(as_text=True)
    assert 'steg 1: berättelse för <span lang="sv">Vårdavdelning 14' in home
    url = f"/goda-exempel/mina/{example_id}"
    assert "Steg 1 av 3" in client.get(url).get_data(as_text=True)
    client.post(url, data={"step": "1", "story": "Vi lär av varandra.", "submission": "q" * 24})
    page = client.get(url).get_data(as_text=True)
    assert "Steg 2 av 3" in page
    assert "Det du har skickat" in page
    assert "Vi lär av varandra." in page
    assert load(Example, example_id).story == "Vi lär av varandra."
    again = client.get("/goda-exempel/mina").get_data(as_text=True)
    assert "Det pågår ingen insamling där du kan föreslå din enhet just nu." in again


def test_a_manager_cannot_propose_someone_elses_unit(
    app, make_collection, make_unit, make_user, login_as, client
):
    collection_id = make_collection()
    manager = make_user("a@example.se", roles=("chef",))
    make_unit("A-1", name="Egen enhet", manager_id=manager.id)
    other = make_unit("B-1", name="Annan enhet")
    login_as(manager)
    response = client.post(
        f"/goda-exempel/insamlingar/{collection_id}/foresla",
        data={"unit_id": str(other.id), "preferred_contact": "epost", "submission": "r" * 24},
    )
    assert response.status_code == 422
    with app.app_context():
        assert db.session.scalar(select(Example)) is None


def test_a_manager_without_a_unit_is_told_so(make_collection, make_user, login_as, client):
    collection_id = make_collection()
    login_as(make_user(roles=("chef",)))
    page = client.get(f"/goda-exempel/insamlingar/{collection_id}/foresla").get_data(as_text=True)
    assert "Du står inte som chef för någon enhet" in page


def test_an_invited_manager_answers_in_the_portal_but_others_get_404(
    make_collection, invite_example, make_user, login_as, client
):
    contact = make_user("kontakt@example.se", roles=("chef",))
    stranger = make_user("annan@example.se", roles=("chef",))
    collection_id = make_collection()
    example_id, _token = invite_example(collection_id, email="kontakt@example.se")
    login_as(contact)
    assert client.get(f"/goda-exempel/mina/{example_id}").status_code == 200
    login_as(stranger)
    assert client.get(f"/goda-exempel/mina/{example_id}").status_code == 404
    posted = client.post(
        f"/goda-exempel/mina/{example_id}",
        data={"step": "1", "story": "Inbrytning", "submission": "z" * 24},
    )
    assert posted.status_code == 404
    assert client.get("/goda-exempel/mina/99999").status_code == 404
