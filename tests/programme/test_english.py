"""Issue 21: the programme plan and the report to the board read in English –
the plan, the activity form with its validation messages and conflict, the
report with its summary form, the print view and the Word file – no word of
the Swedish vocabulary (tests/language/vocabulary.py) outside what people
wrote (lang="sv"). Nothing is set aside: the texts of content/program.yaml
and ledningsgrupp.yaml are English too, as are the analysis feature's metric
and action-status names that the plan and the report show.

On SQLite only: what a page says does not depend on the database, and
the feature's own tests run on both."""

import re
from io import BytesIO

import docx
from sqlalchemy import select

from tests.conftest import ON_SQLITE_ONLY
from toolbox import clock
from toolbox.extensions import db
from toolbox.programme.models import Activity

from .test_plan import GOOD

pytestmark = ON_SQLITE_ONLY

ENGLISH_HEADINGS = (
    "Summary",
    "Background",
    "Activities carried out",
    "Gap analysis",
    "Leadership team dialogues",
    "Administrative tasks and time freed",
    "Good examples",
    "Planning ahead",
)
TITLE = (
    "Trust-based leadership and governance with a focus on stronger support for first-line managers"
)
TRACKS = (
    "Trust-based leadership",
    "Trust-based governance",
    "Stronger support for first-line managers",
)


def test_the_plan_and_the_activity_form_read_english(app, leader_client, english):
    client = leader_client
    page = english("plan, empty", client.get("/program/"))
    assert f'<p class="lead">{TITLE}</p>' in page
    for track in TRACKS:
        assert f">{track}</h2>" in page, track
    page = english("new", client.get("/program/ny"))
    assert f'<option value="chefsstod">{TRACKS[2]}</option>' in page
    english("new, blank", client.post("/program/ny", data={}), status=422)
    backwards = GOOD | {"starts_on": "2026-12-01", "ends_on": "2026-11-01", "submission": "b" * 24}
    page = english("new, backwards", client.post("/program/ny", data=backwards), status=422)
    assert "The end date cannot be before the start date." in page
    saved = client.post("/program/ny", data=GOOD | {"submission": "a" * 24}, follow_redirects=True)
    assert "The activity has been saved." in english("saved", saved)
    with app.app_context():
        activity_id = db.session.scalar(select(Activity.id))
    action = {
        "title": "Chefsstöd",
        "description": "",
        "goal_id": "0",
        "gap": "",
        "owner": "HR",
        "due_on": "2027-06-30",
        "status": "planerad",
        "activity_id": str(activity_id),
    }
    created = client.post("/analys/atgarder/ny", data=action)
    client.get(created.headers["Location"])  # the analysis page's own flash, read there
    page = english("plan", client.get("/program/"))
    assert "In progress" in page or "Ongoing" in page
    assert '<li><span lang="sv">Chefsstöd</span> (planned)</li>' in page
    english("edit", client.get(f"/program/{activity_id}"))
    stale = client.post(f"/program/{activity_id}", data=GOOD | {"version": "0"})
    english("edit, stale", stale, status=409)
    edited = client.post(f"/program/{activity_id}", data=GOOD | {"version": "1"})
    assert "The changes have been saved." in english(
        "edited", client.get(edited.headers["Location"])
    )


def test_the_report_reads_english_and_its_word_file_too(
    app, org, half_year, leader_client, english
):
    client = leader_client
    url = f"/program/aterrapportering?period={half_year.key}"
    page = english("report", client.get(url))
    for heading in ENGLISH_HEADINGS:
        assert f">{heading}</h2>" in page, heading
    assert "too few responses" in page
    assert "Share of managers who have done a self-assessment" in page
    assert "The hospital board has asked hospital management" in page
    assert "<li>greater employee influence</li>" in page
    for track in TRACKS:
        assert f">{track}</h3>" in page, track
    summary = "Arbetet har kommit i gång.\n\nNästa steg är samsynen."
    saved = client.post(url, data={"summary": summary, "version": "0"}, follow_redirects=True)
    page = english("summary saved", saved)
    assert "The summary has been saved." in page
    assert '<p><span lang="sv">Nästa steg är samsynen.</span></p>' in page
    stale = client.post(url, data={"summary": "Annan text", "version": "0"})
    english("summary, stale", stale, status=409)
    too_long = client.post(url, data={"summary": "x" * 4001, "version": "1"})
    english("summary, too long", too_long, status=422)
    print_url = f"/program/aterrapportering/utskrift?period={half_year.key}"
    english("print view", client.get(print_url))
    word = docx.Document(
        BytesIO(client.get(url.replace("aterrapportering", "aterrapportering.docx")).data)
    )
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    for heading in ENGLISH_HEADINGS:
        assert heading in headings, heading
    assert word.paragraphs[0].text == f"Report to the board – {TITLE}"
    assert word.core_properties.language == "en"
    for track in TRACKS:
        assert track in headings, track
    text = [p.text for p in word.paragraphs]
    assert any(p.startswith("The hospital board has asked") for p in text)
    assert "a well-established model for governance and follow-up" in text
    captions = [p.text for p in word.paragraphs if p.style.name == "Caption"]
    assert captions[0].startswith("Index 0–100 per area, whole organisation, ")
    assert re.search(r"\d{4} half-year \d", captions[0])
    assert [c.text for c in word.tables[0].rows[0].cells] == [
        "Area",
        "Self-reflection",
        "Feedback from others",
    ]


def test_the_report_with_the_demo_reads_english(app, leader_client, english):
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    year = clock.today().year
    english("plan, demo", leader_client.get("/program/"))
    english("report, demo", leader_client.get(f"/program/aterrapportering?period={year}"))
