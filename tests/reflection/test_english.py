"""Självskattning in English: every page, every form posted blank and
valid (with the flash that follows), the to-dos on Min sida and the export
read in English; no Swedish word of the feature's catalogue shows.

On SQLite only: what a page says does not depend on the database, and
the feature's own tests run on both."""

import json
import re
from datetime import datetime

import pytest

from tests.conftest import ON_SQLITE_ONLY
from tests.language.vocabulary import swedish_words, vocabulary
from tests.reflection.conftest import reflection_ids, step_data
from toolbox.extensions import db
from toolbox.reflection import kept
from toolbox.reflection.models import ReflectionReminder

pytestmark = ON_SQLITE_ONLY


def in_english(client) -> None:
    response = client.post("/sprak", data={"lang": "en", "next": "/"})
    assert response.status_code == 302


@pytest.fixture
def english_chef(make_user, login_as, client):
    user = make_user(roles=("chef",), name="Karin Lindqvist")
    login_as(user)
    in_english(client)
    return user


def check(response, status: int = 200) -> str:
    assert response.status_code == status, (response.request.path, response.status_code)
    html = response.get_data(as_text=True)
    found = swedish_words(html, vocabulary())
    assert not found, f"{response.request.path}: {found}"
    return html


def test_every_page_and_form_in_english(app, client, english_chef, keys, make_reflection):
    make_reflection(english_chef, {"ledarskap": 4}, submitted_at=datetime(2026, 1, 10, 9, 0))
    # Nothing under 4,0: the catalog's own "nothing fits" text (its owner's) stays out.
    rid = make_reflection(
        english_chef,
        {"ledarskap": 4, "styrning": None, "kultur": 5, "forutsattningar": 4},
        submitted_at=datetime(2026, 3, 1, 10, 0),
        notes={"ledarskap": "Mer tid på avdelningen och färre möten."},
    )
    overview = check(client.get("/sjalvskattning/"))
    assert "Your self-reflections" in overview
    assert "Index per area over time" in overview
    assert '<h2 id="data-title">Your data</h2>' in overview
    results = check(client.get(f"/sjalvskattning/{rid}"))
    assert re.search(r"Now: 5[,.]0 \(index 100\)", results)
    assert "so we have no specific suggestions this time" in results
    assert '<p class="rf-note-text" lang="sv">Mer tid på avdelningen' in results
    check(client.get(f"/sjalvskattning/{rid}/utskrift"))
    check(client.get(f"/sjalvskattning/{rid}/ta-bort"))

    # The reminder form: blank, then valid with its flash.
    check(client.post("/sjalvskattning/paminnelse", data={}), 422)
    page = check(
        client.post("/sjalvskattning/paminnelse", data={"every": "6"}, follow_redirects=True),
    )
    assert "You will be reminded every six months." in page

    # A new draft: each step blank, too long a note, then answered.
    response = client.post("/sjalvskattning/ny")
    draft = int(re.search(r"/sjalvskattning/(\d+)/steg/1", response.headers["Location"])[1])
    areas = list(keys)
    for step in range(1, len(areas) + 1):
        check(client.get(f"/sjalvskattning/{draft}/steg/{step}"))
    blank = check(
        client.post(f"/sjalvskattning/{draft}/steg/1", data=step_data([], note="")),
        422,
    )
    assert "Choose an answer to statement 1, or Don&#39;t know / not applicable." in blank
    long_note = step_data(keys[areas[0]], note="x" * 2001)
    page = check(client.post(f"/sjalvskattning/{draft}/steg/1", data=long_note), 422)
    assert "The text may be at most 2000 characters long." in page
    later = step_data(keys[areas[0]], action="later")
    page = check(
        client.post(f"/sjalvskattning/{draft}/steg/1", data=later, follow_redirects=True),
    )
    assert "The draft has been saved." in page
    check(client.get("/sjalvskattning/"))
    check(client.get(f"/sjalvskattning/{draft}/granska"))
    refused = check(client.post(f"/sjalvskattning/{draft}/skicka-in"), 422)
    assert "Answer missing:" in refused
    home = client.get("/").get_data(as_text=True)
    assert "You have a self-reflection in progress from" in home
    assert "Du har en påbörjad självskattning" not in home

    for step, area in enumerate(areas, start=1):
        client.post(f"/sjalvskattning/{draft}/steg/{step}", data=step_data(keys[area], "4"))
    page = check(client.post(f"/sjalvskattning/{draft}/skicka-in", follow_redirects=True))
    assert "Your self-reflection has been submitted." in page

    page = check(client.post(f"/sjalvskattning/{draft}/ta-bort", follow_redirects=True))
    assert "The self-reflection and all your answers have been deleted." in page
    assert draft not in reflection_ids(app, english_chef.id)


def test_draft_deletion_and_todos(app, client, english_chef, make_reflection):
    draft = make_reflection(english_chef, draft=True)
    check(client.get(f"/sjalvskattning/{draft}/ta-bort"))
    page = check(client.post(f"/sjalvskattning/{draft}/ta-bort", follow_redirects=True))
    assert "The draft has been deleted." in page
    with app.app_context():
        db.session.add(
            ReflectionReminder(
                user_id=english_chef.id, every_months=3, next_due_on=datetime(2026, 1, 1).date()
            )
        )
        db.session.commit()
    home = client.get("/").get_data(as_text=True)
    assert (
        "It is time for a new self-reflection (you have chosen a reminder every three months)."
        in home
    )
    assert "Complete your first self-reflection" in home
    page = check(
        client.post("/sjalvskattning/paminnelse", data={"every": "ingen"}, follow_redirects=True),
    )
    assert "You will not get any reminders about self-reflection." in page


def test_signed_out_page_in_english(app, client, english_chef, keys):
    response = client.post("/sjalvskattning/ny")
    draft = int(re.search(r"/sjalvskattning/(\d+)/steg/1", response.headers["Location"])[1])
    with app.test_request_context():
        keep = kept.form_value(english_chef.id, draft, 1)
    visitor = app.test_client()
    in_english(visitor)
    data = step_data(keys["ledarskap"], "4", note="Något jag vill minnas.") | {kept.FIELD: keep}
    page = check(visitor.post(f"/sjalvskattning/{draft}/steg/1", data=data))
    assert "You have been logged out" in page
    assert "4 – Mostly true" in page


def test_export_labels_follow_the_language(app, client, english_chef, make_reflection):
    make_reflection(english_chef, {"ledarskap": 4})
    data = json.loads(client.get("/sjalvskattning/export").get_data(as_text=True))
    assert data["skala"]["4"] == "Mostly true"
    assert data["skala"]["null"] == "Don't know / not applicable"
    assert data["sjalvskattningar"][0]["status"] == "Submitted"
    labels = {answer["svar"] for answer in data["sjalvskattningar"][0]["svar"]}
    assert labels == {"4 – Mostly true", "3 – Partly true"}


def test_recommendation_reasons_in_english(client, english_chef, make_reflection, make_item):
    make_item("Båda", areas=("styrning", "forutsattningar"), principles=("tillit",))
    weak = make_reflection(english_chef, {"styrning": 2, "forutsattningar": 2, "kultur": 5})
    page = client.get(f"/sjalvskattning/{weak}").get_data(as_text=True)
    assert re.search(r"Shown because \w+ scored 2[,.]0 and \w+ scored 2[,.]0 in your", page)
    assert "Visas för att" not in page
