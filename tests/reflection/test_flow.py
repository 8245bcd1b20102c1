"""The form: steps with "Steg N av M", drafts saved at every step and on
"Spara och fortsätt senare", the review with "Ändra" links, submission and
the results with chart, table, change and recommendations."""

import re
import threading
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from tests.reflection.conftest import AREAS, reflection_ids, step_data
from toolbox.extensions import db
from toolbox.reflection import service
from toolbox.reflection.models import Reflection, ReflectionAnswer, ReflectionNote


def start(client) -> int:
    response = client.post("/sjalvskattning/ny")
    assert response.status_code == 302
    match = re.fullmatch(r"/sjalvskattning/(\d+)/steg/1", response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


def saved(app, reflection_id: int) -> dict[str, int | None]:
    with app.app_context():
        rows = db.session.execute(
            select(ReflectionAnswer.question_key, ReflectionAnswer.value).where(
                ReflectionAnswer.reflection_id == reflection_id
            )
        )
        return dict(rows.all())


def test_steps_save_drafts_and_lead_to_the_review(app, make_user, login_as, client, keys):
    user = make_user(roles=("chef",))
    login_as(user)
    rid = start(client)
    page = client.get(f"/sjalvskattning/{rid}/steg/2").get_data(as_text=True)
    assert "<title>Steg 2 av 4: Styrning – Självskattning – Verktygslådan</title>" in page
    assert "<h1>Steg 2 av 4: Styrning</h1>" in page
    assert page.count("<fieldset") == len(keys["styrning"])
    assert "<legend>1. Vi har få och tydliga mål" in page

    data = step_data(keys["ledarskap"], "2", note="Mer tid på avdelningen.")
    response = client.post(f"/sjalvskattning/{rid}/steg/1", data=data)
    assert response.headers["Location"] == f"/sjalvskattning/{rid}/steg/2"
    assert set(saved(app, rid).values()) == {2}

    later = step_data(keys["styrning"][:2], "vet-ej", action="later")
    response = client.post(f"/sjalvskattning/{rid}/steg/2", data=later)
    assert response.headers["Location"] == "/sjalvskattning/"
    answers = saved(app, rid)
    assert len(answers) == 7
    assert answers[keys["styrning"][0]] is None

    overview = client.get("/sjalvskattning/").get_data(as_text=True)
    assert "Din påbörjade självskattning" in overview
    assert f'href="/sjalvskattning/{rid}/steg/2">Fortsätt där du slutade' in overview
    again = client.get(f"/sjalvskattning/{rid}/steg/1").get_data(as_text=True)
    first = keys["ledarskap"][0]
    assert f'<input checked id="q_{first}-1" name="q_{first}" type="radio" value="2">' in again
    assert "Mer tid på avdelningen.</textarea>" in again
    assert client.post("/sjalvskattning/ny").headers["Location"] == f"/sjalvskattning/{rid}/steg/2"
    back = client.post(f"/sjalvskattning/{rid}/steg/2", data=step_data([], action="back"))
    assert back.headers["Location"] == f"/sjalvskattning/{rid}/steg/1"
    assert len(saved(app, rid)) == 5  # an empty step 2 replaced its two answers
    assert reflection_ids(app, user.id) == [rid]


def test_next_with_unanswered_statements_keeps_the_draft_and_names_them(
    app, make_user, login_as, client, keys
):
    login_as(make_user(roles=("chef",)))
    rid = start(client)
    data = step_data(keys["kultur"][1:], "5")
    response = client.post(f"/sjalvskattning/{rid}/steg/3", data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Något behöver rättas" in page
    link = f'href="#q_{keys["kultur"][0]}-0"'
    assert link in page
    assert "Välj ett svar på påstående 1" in page
    assert "Det du har svarat är sparat." in page
    assert len(saved(app, rid)) == 4


def test_review_submit_and_results(app, make_user, login_as, client, keys, make_item):
    make_item("Styrning med få mål", areas=("styrning",), principles=("tillit",))
    make_item("Helheten", areas=("ledarskap",), principles=("helhetssyn",))
    make_item("Inte godkänd", state="utkast", areas=("styrning",))
    user = make_user(roles=("chef",))
    login_as(user)
    rid = start(client)
    values = {"ledarskap": "4", "styrning": "2", "kultur": "4", "forutsattningar": "3"}
    for step, (area, value) in enumerate(values.items(), start=1):
        if area != "forutsattningar":
            client.post(f"/sjalvskattning/{rid}/steg/{step}", data=step_data(keys[area], value))
    review = client.get(f"/sjalvskattning/{rid}/granska").get_data(as_text=True)
    assert review.count('>Ändra<span class="visually-hidden">') == 4
    assert f'href="/sjalvskattning/{rid}/steg/4">Ändra' in review
    assert "5 påståenden saknar svar." in review

    refused = client.post(f"/sjalvskattning/{rid}/skicka-in")
    assert refused.status_code == 422
    assert "Svar saknas:" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Reflection, rid).status == "utkast"

    last = step_data(keys["forutsattningar"], "3", note="Chefsstöd på heltid")
    assert client.post(f"/sjalvskattning/{rid}/steg/4", data=last).headers["Location"] == (
        f"/sjalvskattning/{rid}/granska"
    )
    response = client.post(f"/sjalvskattning/{rid}/skicka-in")
    assert response.headers["Location"] == f"/sjalvskattning/{rid}"
    again = client.post(f"/sjalvskattning/{rid}/skicka-in")  # a double click
    assert again.headers["Location"] == f"/sjalvskattning/{rid}"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Reflection)) == 1
        assert db.session.get(Reflection, rid).submitted_at is not None

    page = client.get(f"/sjalvskattning/{rid}").get_data(as_text=True)
    assert "Bara du kan se dina svar och ditt resultat" in page  # the confirmation
    assert '<svg class="rf-svg"' in page
    assert "<title id=" in page
    assert "<desc id=" in page
    assert "Styrning: 2,0 (index 25)" in page  # the chart's description
    assert "<caption>Resultat per område</caption>" in page
    assert '<th scope="row">Styrning</th><td class="num">2,0</td><td class="num">25</td>' in page
    assert "Styrning med få mål" in page
    assert "Inte godkänd" not in page
    assert "Visas för att Styrning fick 2,0 i din skattning." in page
    # helhetssyn: two statements in styrning (2) and one in kultur (4)
    assert "Visas för att principen Helhetssyn fick 2,7 i din skattning." in page
    assert "Chefsstöd på heltid" in page
    assert "ingen förändring att visa ännu" in page


def test_a_submit_and_a_save_of_one_draft_at_once_leave_no_gap_in_what_is_submitted(
    app, make_user, keys, monkeypatch
):
    """The draft in two tabs: one saves step 1 with a statement left out while
    the other submits the complete draft. One waits for the other: the
    submit for the save (and finds the gap), never a save changing what was
    submitted. Without the lock on PostgreSQL the submit went through and the
    save then took an answer out of a submitted reflection."""
    user = make_user(roles=("chef",))
    saver, submitter = app.test_client(), app.test_client()
    for tab in (saver, submitter):
        with tab.session_transaction() as session:
            session["_user_id"], session["_fresh"] = user.get_id(), True
    rid = start(saver)
    for step, area in enumerate(AREAS, start=1):
        saver.post(f"/sjalvskattning/{rid}/steg/{step}", data=step_data(keys[area], "3"))
    complete = len(saved(app, rid))

    read, go = threading.Event(), threading.Event()
    save_section = service.save_section

    def slow_save(*args) -> None:
        read.set()  # the save has read the draft
        go.wait(timeout=10)
        save_section(*args)

    monkeypatch.setattr(service, "save_section", slow_save)
    answered = {}

    def post(name: str, tab, path: str, data=None) -> None:
        answered[name] = tab.post(path, data=data).status_code

    gap = step_data(keys["ledarskap"][1:], "3", action="later")
    saving = threading.Thread(
        target=post, args=("save", saver, f"/sjalvskattning/{rid}/steg/1", gap)
    )
    saving.start()
    assert read.wait(timeout=10)
    submitting = threading.Thread(
        target=post, args=("submit", submitter, f"/sjalvskattning/{rid}/skicka-in")
    )
    submitting.start()
    submitting.join(timeout=0.5)  # without the lock the submit is done by now
    go.set()
    saving.join(timeout=10)
    submitting.join(timeout=10)

    assert answered == {"save": 302, "submit": 422}
    with app.app_context():
        assert db.session.get(Reflection, rid).status == "utkast"
    assert len(saved(app, rid)) == complete - 1


def test_results_show_change_since_the_previous_reflection(
    app, make_user, login_as, client, make_reflection
):
    user = make_user(roles=("chef",))
    make_reflection(user, {"kultur": 2}, submitted_at=datetime(2025, 9, 1))
    latest = make_reflection(user, {"kultur": 4})
    page = login_as(user).get(f"/sjalvskattning/{latest}").get_data(as_text=True)
    assert "Förändring sedan förra" in page
    row = '<th scope="row">Kultur</th><td class="num">4,0</td><td class="num">75</td>'
    assert row + '<td class="num">+2,0</td>' in page
    assert "Förra: 2,0 (index 25)" in page
    overview = login_as(user).get("/sjalvskattning/").get_data(as_text=True)
    assert "Index per område över tid" in overview  # the trend chart
    assert overview.count('href="/sjalvskattning/') >= 2


def test_a_draft_has_no_results_and_a_submitted_one_no_steps(
    app, make_user, login_as, client, make_reflection
):
    user = make_user(roles=("chef",))
    draft = make_reflection(user, draft=True)
    done = make_reflection(user)
    login_as(user)
    assert client.get(f"/sjalvskattning/{draft}").headers["Location"].endswith("/granska")
    results = f"/sjalvskattning/{done}"
    assert client.get(f"/sjalvskattning/{done}/steg/1").headers["Location"] == results
    posted = client.post(f"/sjalvskattning/{done}/steg/1", data={"action": "next"})
    assert posted.headers["Location"] == f"/sjalvskattning/{done}"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ReflectionNote)) == 0
    assert client.get(f"/sjalvskattning/{done}/steg/9").status_code == 302
    assert client.get(f"/sjalvskattning/{draft}/steg/9").status_code == 404
    assert client.get(f"/sjalvskattning/{draft}/steg/0").status_code == 404


def test_print_view_has_the_results_and_print_styles(make_user, login_as, client, make_reflection):
    user = make_user(roles=("chef",), name="Karin Lindqvist")
    rid = make_reflection(user)
    page = login_as(user).get(f"/sjalvskattning/{rid}/utskrift").get_data(as_text=True)
    assert "utskriftsversionen" in page
    assert "Karin Lindqvist" in page
    assert "<caption>Resultat per område</caption>" in page
    css = (Path(__file__).parents[2] / "static" / "css" / "main.css").read_text(encoding="utf-8")
    assert ".rf-print-note, .rf-actions, .rf-privacy, .main-nav { display: none; }" in css
