"""Issue 21: every page of the leadership-team dialogue read in English –
the index, opening a dialogue, answering, the team page open and closed with
its results and guide, the agreement and the follow-up, leadership's
overview (before and after the members' choices are published) and the
samsyn – with the forms' validation messages and the flash after each saved
form: no word of the Swedish vocabulary (tests/language/vocabulary.py)
outside what people wrote (lang="sv"). The texts of content/ledningsgrupp.yaml
are English too: they are not set aside.

On SQLite only: what a page says does not depend on the database, and
the feature's own tests run on both."""

from datetime import datetime, timedelta

from tests.conftest import ON_SQLITE_ONLY
from toolbox import clock
from toolbox.extensions import db
from toolbox.teams.models import Dialogue

from .conftest import answer_data

pytestmark = ON_SQLITE_ONLY


def test_every_page_of_the_dialogue_reads_english(
    app, leader, make_user, login_as, client, english
):
    people = [make_user(f"m{n}@example.se", name=f"Person {n}") for n in range(11)]
    login_as(leader)
    client.post("/sprak", data={"lang": "en", "next": "/"})
    english("index, empty", client.get("/ledningsgrupp/"))
    english("new", client.get("/ledningsgrupp/ny"))
    english("new, blank", client.post("/ledningsgrupp/ny", data={}), status=422)
    unknown = {"team_name": "Alfa", "concept": "tillit", "members": "nobody@example.se"}
    page = english("new, unknown", client.post("/ledningsgrupp/ny", data=unknown), status=422)
    assert "There is no active account for: nobody@example.se." in page
    data = unknown | {"members": "\n".join(p.email for p in people[:4]), "meeting_on": "x"}
    english("new, bad date", client.post("/ledningsgrupp/ny", data=data), status=422)
    new_page = client.get("/ledningsgrupp/ny").get_data(as_text=True)
    submission = new_page.split('name="submission" type="hidden" value="')[1].split('"')[0]
    data = data | {"meeting_on": "", "submission": submission}
    opened = client.post("/ledningsgrupp/ny", data=data, follow_redirects=True)
    page = english("opened", opened)
    assert "The dialogue is open." in page
    with app.app_context():
        dialogue_id = db.session.scalar(db.select(Dialogue.id))
    url = f"/ledningsgrupp/{dialogue_id}"
    english("invite, blank", client.post(f"{url}/medlemmar", data={}), status=422)
    invited = client.post(
        f"{url}/medlemmar",
        data={"members": "\n".join(p.email for p in people[4:6])},
        follow_redirects=True,
    )
    assert "2 new members have been invited." in english("invited", invited)
    for number, person in enumerate(people[:6]):
        login_as(person)
        client.post("/sprak", data={"lang": "en", "next": "/"})
        if number == 0:
            page = english("member's Min sida", client.get("/"))
            assert 'the leadership team dialogue in <span lang="sv">Alfa</span>.' in page
            english("member's index", client.get("/ledningsgrupp/"))
            english("member's page, open", client.get(url))
            page = english("answer", client.get(f"{url}/svara"))
            assert "We ask how something happened before we draw conclusions." in page
            assert "1 – Not established at all" in page
            assert "Feel free to give an example from the last few weeks." in page
            blank = client.post(f"{url}/svara", data={})
            english("answer, blank", blank, status=422)
        values = answer_data(app, meaning=f"Svar nummer {number}", rating=str(number % 5 + 1))
        sent = client.post(f"{url}/svara", data=values, follow_redirects=True)
        english("answered", sent)
    login_as(leader)
    client.post("/sprak", data={"lang": "en", "next": "/"})
    english("leader's page, open", client.get(url))
    closed = english("closed", client.post(f"{url}/stang", follow_redirects=True))
    assert "Answering is closed." in closed
    page = client.get("/").get_data(as_text=True)  # (Min sida's own texts: home's tests)
    assert 'Record what <span lang="sv">Alfa</span> agreed' in page
    assert 'lang="sv"' in closed  # the free texts, pooled, are people's own words
    assert "Introduction and purpose" in closed  # the guide, from content/
    assert "What do we recognise? What surprises us?" in closed
    assert "the answers are anonymous on purpose" in closed
    blank = client.post(f"{url}/overenskommelse", data={"version": "1"})
    english("agreement, blank", blank, status=422)
    agreement = {
        "behaviours": ["fraga-forst", "saga-ifran"],
        "commitments": "Vi frågar först.",
        "followup_on": (clock.today() - timedelta(days=1)).isoformat(),
        "version": "1",
    }
    past = client.post(f"{url}/overenskommelse", data=agreement)
    english("agreement, past date", past, status=422)
    agreement["followup_on"] = (clock.today() + timedelta(days=30)).isoformat()
    saved = client.post(f"{url}/overenskommelse", data=agreement, follow_redirects=True)
    page = english("agreed", saved)
    assert "<li>It is safe to disagree in the leadership team.</li>" in page
    blank = client.post(f"{url}/uppfoljning", data={})
    english("follow-up, blank", blank, status=422)
    done = client.post(f"{url}/uppfoljning", data={"note": "Bra."}, follow_redirects=True)
    english("followed up", done)
    english("index", client.get("/ledningsgrupp/"))
    english("overview, too few", client.get("/ledningsgrupp/uppfoljning"))
    second = Dialogue(leader_id=leader.id, team_name="Beta", concept="tillit", content_version=1)
    with app.app_context():
        db.session.add(second)
        db.session.flush()
        second_id = second.id
        db.session.commit()
    with app.app_context():
        from toolbox.teams import service  # noqa: PLC0415 - the members' answers, direct

        found = db.session.get(Dialogue, second_id)
        service.add_members(found, [db.session.merge(p) for p in people[6:]])
        db.session.commit()
    for person in people[6:]:
        login_as(person)
        client.post(f"/ledningsgrupp/{second_id}/svara", data=answer_data(app))
    with app.app_context():
        for dialogue in db.session.scalars(db.select(Dialogue)):
            dialogue.status, dialogue.closed_at = "stangd", datetime(2026, 7, 10, 12)
        db.session.commit()
    login_as(leader)
    client.post("/sprak", data={"lang": "en", "next": "/"})
    overview = english("overview", client.get("/ledningsgrupp/uppfoljning"))
    assert "2026 quarter 3" in overview
    english("samsyn", client.get("/ledningsgrupp/samsyn"))
    blank = client.post("/ledningsgrupp/samsyn", data={})
    english("samsyn, blank", blank, status=422)
    view = {"behaviours": ["fraga-forst"], "text": "Vi frågar först."}
    saved = client.post("/ledningsgrupp/samsyn", data=view, follow_redirects=True)
    english("samsyn, saved", saved)
    english("samsyn, again", client.get("/ledningsgrupp/samsyn"))
