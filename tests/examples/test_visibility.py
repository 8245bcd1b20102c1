"""Unpublished material – the contacts' answers, draft cases, the report –
is visible only to HR (acceptance 3), checked for every other role, for a
visitor who is not logged in and for the contact's own link."""

import pytest

from toolbox.auth.models import User
from toolbox.examples import contacts, packaging
from toolbox.examples.models import Example
from toolbox.extensions import db

SECRET_STORY = "Undersköterskan Lisa Berg tog initiativet"
DRAFT_TITLE = "Hemligt utkast om utskrivning"
OTHERS = ("chef", "ledning", "admin", "no-role", "anonymous")


@pytest.fixture
def material(app, hr, make_collection, invite_example, make_user):
    """An example with a story, and a draft case that is not published."""
    collection_id = make_collection()
    contact = make_user("kontakt@example.se", roles=("chef",), name="Kontakt Chef")
    example_id, token = invite_example(collection_id, email="kontakt@example.se")
    with app.app_context():
        example = db.session.get(Example, example_id)
        contacts.submit_story(example, SECRET_STORY)
        data = packaging.CaseData(
            title=DRAFT_TITLE,
            setting="",
            summary="Ej avidentifierad ännu.",
            lessons={"styrning": "Utkast"},
            principles={"tillit"},
            anonymised=False,
        )
        case = packaging.save_case(example, data, None, db.session.get(User, hr.id))
        db.session.commit()
        return {
            "collection": collection_id,
            "example": example_id,
            "case": case.id,
            "token": token,
            "contact": contact,
        }


def hr_paths(ids: dict) -> list[str]:
    return [
        "/goda-exempel/insamlingar",
        f"/goda-exempel/insamlingar/{ids['collection']}",
        f"/goda-exempel/insamlingar/{ids['collection']}/rapport",
        f"/goda-exempel/insamlingar/{ids['collection']}/rapport/utskrift",
        f"/goda-exempel/exempel/{ids['example']}",
        f"/goda-exempel/exempel/{ids['example']}/case",
    ]


def visitor_client(app, role: str, make_user, login_as, client):
    if role == "anonymous":
        return client
    roles = () if role == "no-role" else (role,)
    login_as(make_user(f"{role}-besok@example.se", roles=roles))
    return client


@pytest.mark.parametrize("role", OTHERS)
def test_nobody_but_hr_sees_unpublished_material(app, material, role, make_user, login_as, client):
    visitor = visitor_client(app, role, make_user, login_as, client)
    for path in hr_paths(material):
        response = visitor.get(path)
        body = response.get_data(as_text=True)
        if role == "anonymous":
            assert response.status_code == 302
            assert "/login?next=" in response.headers["Location"]
        else:
            assert response.status_code == 403, path
        assert SECRET_STORY not in body, path
        assert DRAFT_TITLE not in body, path
    draft = visitor.get(f"/goda-exempel/case/{material['case']}")
    # Roles that may use the library get 404; a user without a role may not use it at all.
    assert draft.status_code == {"anonymous": 302, "no-role": 403}.get(role, 404)
    assert DRAFT_TITLE not in draft.get_data(as_text=True)
    if role in ("chef", "ledning", "admin"):
        library = visitor.get("/goda-exempel/?q=hemligt").get_data(as_text=True)
        assert DRAFT_TITLE not in library
        assert "0 exempel" in library
        assert visitor.get(f"/goda-exempel/mina/{material['example']}").status_code in (403, 404)


def test_hr_sees_the_material_and_the_draft(app, material, hr, login_as, client):
    login_as(hr)
    assert SECRET_STORY in client.get(f"/goda-exempel/exempel/{material['example']}").get_data(
        as_text=True
    )
    draft = client.get(f"/goda-exempel/case/{material['case']}").get_data(as_text=True)
    assert DRAFT_TITLE in draft
    assert "Utkast." in draft


def test_the_contact_sees_neither_the_draft_nor_other_material(
    app, material, login_as, client, invite_example
):
    other_id, _ = invite_example(material["collection"], unit_name="Grannenheten")
    link = client.get(f"/goda-exempel/svar/{material['token']}").get_data(as_text=True)
    assert DRAFT_TITLE not in link
    assert SECRET_STORY not in link
    assert "Grannenheten" not in link
    login_as(material["contact"])
    own = client.get(f"/goda-exempel/mina/{material['example']}").get_data(as_text=True)
    assert SECRET_STORY in own  # their own text, in the portal
    assert DRAFT_TITLE not in own
    assert client.get(f"/goda-exempel/case/{material['case']}").status_code == 404
    assert client.get(f"/goda-exempel/mina/{other_id}").status_code == 404


def test_published_cases_are_for_every_role(app, published_case, make_user, login_as, client):
    case_id, _ = published_case("Lärandeforum varje månad")
    for role in ("chef", "ledning", "admin", "hr"):
        login_as(make_user(f"{role}-las@example.se", roles=(role,)))
        response = client.get(f"/goda-exempel/case/{case_id}")
        assert response.status_code == 200, role
        assert "Lärandeforum varje månad" in response.get_data(as_text=True)
