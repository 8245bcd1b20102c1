"""Självskattning in English: every page, every form posted blank and
valid (with the flash that follows), the to-dos on Min sida and the export
read in English; no Swedish word of the feature's catalogue shows."""

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.reflection.conftest import reflection_ids, step_data
from tests.reflection.english import SWEDISH, WORDS, content_texts, read, swedish_words
from toolbox.extensions import db
from toolbox.reflection import kept
from toolbox.reflection.models import ReflectionReminder

CATALOGUE = Path(__file__).parents[2] / "toolbox/translations/en/LC_MESSAGES/messages.po"


def in_english(client) -> None:
    response = client.post("/sprak", data={"lang": "en", "next": "/"})
    assert response.status_code == 302


@pytest.fixture
def english_chef(make_user, login_as, client):
    user = make_user(roles=("chef",), name="Karin Lindqvist")
    login_as(user)
    in_english(client)
    return user


@pytest.fixture
def leave_out(app):
    with app.app_context():
        return content_texts()


def check(response, leave_out, status: int = 200) -> str:
    assert response.status_code == status, response.status_code
    html = response.get_data(as_text=True)
    found = swedish_words(html, leave_out)
    assert not found, f"{response.request.path}: {found}\n{read(html, leave_out)}"
    return html


def test_the_word_list_is_swedish_only():
    with CATALOGUE.open("rb") as file:
        catalogue = read_po(file)
    english = " ".join(
        " ".join(m.string) if isinstance(m.string, tuple) else m.string for m in catalogue if m.id
    )
    assert WORDS.findall(english) == []
    assert len(SWEDISH) == len(set(SWEDISH))


def test_the_checker_skips_swedish_data_and_content(app, leave_out):
    html = (
        '<title>Tack</title><p lang="sv">Egna tankar och svar</p>'
        '<button aria-label="Välj">Go</button><script>var och = 1</script>'
    )
    assert swedish_words(html) == ["Tack", "Välj"]
    with app.app_context():
        assert swedish_words(f"<p>{leave_out[0]}</p>", leave_out) == []


def test_every_page_and_form_in_english(
    app, client, english_chef, keys, make_reflection, leave_out
):
    make_reflection(english_chef, {"ledarskap": 4}, submitted_at=datetime(2026, 1, 10, 9, 0))
    # Nothing under 4,0: the catalog's own "nothing fits" text (its owner's) stays out.
    rid = make_reflection(
        english_chef,
        {"ledarskap": 4, "styrning": None, "kultur": 5, "forutsattningar": 4},
        submitted_at=datetime(2026, 3, 1, 10, 0),
        notes={"ledarskap": "Mer tid på avdelningen och färre möten."},
    )
    overview = check(client.get("/sjalvskattning/"), leave_out)
    assert "Your self-reflections" in overview
    assert "Index per area over time" in overview
    assert '<h2 id="data-title">Your data</h2>' in overview
    results = check(client.get(f"/sjalvskattning/{rid}"), leave_out)
    assert re.search(r"Now: 5[,.]0 \(index 100\)", results)
    assert "so we have no specific suggestions this time" in results
    assert '<p class="rf-note-text" lang="sv">Mer tid på avdelningen' in results
    check(client.get(f"/sjalvskattning/{rid}/utskrift"), leave_out)
    check(client.get(f"/sjalvskattning/{rid}/ta-bort"), leave_out)

    # The reminder form: blank, then valid with its flash.
    check(client.post("/sjalvskattning/paminnelse", data={}), leave_out, 422)
    page = check(
        client.post("/sjalvskattning/paminnelse", data={"every": "6"}, follow_redirects=True),
        leave_out,
    )
    assert "You will be reminded every six months." in page

    # A new draft: each step blank, too long a note, then answered.
    response = client.post("/sjalvskattning/ny")
    draft = int(re.search(r"/sjalvskattning/(\d+)/steg/1", response.headers["Location"])[1])
    areas = list(keys)
    for step in range(1, len(areas) + 1):
        check(client.get(f"/sjalvskattning/{draft}/steg/{step}"), leave_out)
    blank = check(
        client.post(f"/sjalvskattning/{draft}/steg/1", data=step_data([], note="")),
        leave_out,
        422,
    )
    assert "Choose an answer to statement 1, or Don&#39;t know / not applicable." in blank
    long_note = step_data(keys[areas[0]], note="x" * 2001)
    page = check(client.post(f"/sjalvskattning/{draft}/steg/1", data=long_note), leave_out, 422)
    assert "The text may be at most 2000 characters long." in page
    later = step_data(keys[areas[0]], action="later")
    page = check(
        client.post(f"/sjalvskattning/{draft}/steg/1", data=later, follow_redirects=True),
        leave_out,
    )
    assert "The draft has been saved." in page
    check(client.get("/sjalvskattning/"), leave_out)
    check(client.get(f"/sjalvskattning/{draft}/granska"), leave_out)
    refused = check(client.post(f"/sjalvskattning/{draft}/skicka-in"), leave_out, 422)
    assert "Answer missing:" in refused
    home = client.get("/").get_data(as_text=True)
    assert "You have a self-reflection in progress from" in home
    assert "Du har en påbörjad självskattning" not in home

    for step, area in enumerate(areas, start=1):
        client.post(f"/sjalvskattning/{draft}/steg/{step}", data=step_data(keys[area], "4"))
    page = check(
        client.post(f"/sjalvskattning/{draft}/skicka-in", follow_redirects=True), leave_out
    )
    assert "Your self-reflection has been submitted." in page

    page = check(client.post(f"/sjalvskattning/{draft}/ta-bort", follow_redirects=True), leave_out)
    assert "The self-reflection and all your answers have been deleted." in page
    assert draft not in reflection_ids(app, english_chef.id)


def test_draft_deletion_and_todos(app, client, english_chef, make_reflection, leave_out):
    draft = make_reflection(english_chef, draft=True)
    check(client.get(f"/sjalvskattning/{draft}/ta-bort"), leave_out)
    page = check(client.post(f"/sjalvskattning/{draft}/ta-bort", follow_redirects=True), leave_out)
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
        leave_out,
    )
    assert "You will not get any reminders about self-reflection." in page


def test_signed_out_page_in_english(app, client, english_chef, keys, leave_out):
    response = client.post("/sjalvskattning/ny")
    draft = int(re.search(r"/sjalvskattning/(\d+)/steg/1", response.headers["Location"])[1])
    with app.test_request_context():
        keep = kept.form_value(english_chef.id, draft, 1)
    visitor = app.test_client()
    in_english(visitor)
    data = step_data(keys["ledarskap"], "4", note="Något jag vill minnas.") | {kept.FIELD: keep}
    page = check(visitor.post(f"/sjalvskattning/{draft}/steg/1", data=data), leave_out)
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
