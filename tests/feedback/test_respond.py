"""The respondent's side: the page behind a link, answering, the messages for
used, expired and unknown tokens, and the code page with its throttle."""

import re
from datetime import timedelta

from sqlalchemy import func, select, update

from tests.feedback.conftest import form_data
from toolbox import clock
from toolbox.extensions import db
from toolbox.feedback import invitations, service, throttle
from toolbox.feedback.models import (
    FeedbackComment,
    FeedbackInvitation,
    FeedbackResponse,
    FeedbackRound,
)


def test_the_page_names_the_manager_the_purpose_and_who_sees_what(app, manager, make_round):
    round_ = make_round(manager, {"kollegor": 1})
    page = app.test_client().get(f"/aterkoppling/svar/{round_.links['kollegor'][0]}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<h1>Återkoppling till Karin Lindqvist</h1>" in text
    assert "Du svarar som kollega." in text
    assert "Varför du får frågan" in text
    assert "Vem ser dina svar?" in text
    assert "minst 3 har svarat" in text
    assert "minst 5 har svarat i de grupper som visas" in text
    assert "allmän handling" in text
    assert "(frivilligt)" in text
    assert text.count('type="radio"') == 12 * 6
    assert "Logga in" not in text


def test_an_incomplete_form_comes_back_with_the_answers_kept(app, manager, make_round):
    round_ = make_round(manager, {"medarbetare": 1})
    path = f"/aterkoppling/svar/{round_.links['medarbetare'][0]}"
    with app.app_context():
        questions = service.question_set(db.session.get(FeedbackRound, round_.id))
    data = form_data(questions, "2", bra="Bra möten.")
    del data[f"q_{questions.questions[4].key}"]
    page = app.test_client().post(path, data=data)
    text = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "Svara på påstående 5, eller välj vet ej / ej aktuellt." in text
    assert "Bra möten." in text
    assert len(re.findall(r'<input checked id="q_[a-z-]+-1"', text)) == 11  # "2", kept
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(FeedbackResponse)) == 0


def test_answering_stores_the_day_the_group_and_pooled_comments(app, manager, make_round):
    round_ = make_round(manager, {"chef": 1})
    path = f"/aterkoppling/svar/{round_.links['chef'][0]}"
    with app.app_context():
        questions = service.question_set(db.session.get(FeedbackRound, round_.id))
    data = form_data(questions, "vet-ej", bra="  Tydlig.  ", utveckla="")
    response = app.test_client().post(path, data=data, follow_redirects=True)
    assert "Tack för dina svar!" in response.get_data(as_text=True)
    with app.app_context():
        stored = db.session.scalar(select(FeedbackResponse))
        assert (stored.rater_group, stored.submitted_on) == ("chef", clock.today())
        comments = db.session.execute(select(FeedbackComment.prompt, FeedbackComment.text)).all()
        assert comments == [("bra", "Tydlig.")]


def test_unknown_used_and_expired_links_say_so(app, manager, make_round, answer):
    round_ = make_round(manager, {"medarbetare": 2})
    client = app.test_client()
    unknown = client.get("/aterkoppling/svar/finns-inte")
    assert unknown.status_code == 404
    assert "Länken fungerar inte" in unknown.get_data(as_text=True)
    used, waiting = round_.links["medarbetare"]
    answer(used)
    page = client.get(f"/aterkoppling/svar/{used}")
    assert page.status_code == 410
    assert "Du har redan svarat" in page.get_data(as_text=True)
    with app.app_context():
        db.session.execute(
            update(FeedbackRound).values(closes_on=clock.today() - timedelta(days=1))
        )
        db.session.commit()
    page = client.get(f"/aterkoppling/svar/{waiting}")
    assert page.status_code == 410
    assert "Omgången är avslutad" in page.get_data(as_text=True)


def make_codes(app, round_id, count=1):
    with app.app_context():
        found = db.session.get(FeedbackRound, round_id)
        codes = invitations.create_codes(found, "medarbetare", count, clock.today())
        db.session.commit()
        return codes


def test_a_code_opens_the_form_once(app, manager, make_round):
    round_ = make_round(manager, {})
    code = make_codes(app, round_.id)[0]
    client = app.test_client()
    assert client.get("/aterkoppling/svara/formular").headers["Location"] == "/aterkoppling/svara"
    typed = f" {code[:5].lower()} - {code[5:]} "
    entered = client.post("/aterkoppling/svara", data={"code": typed})
    assert entered.headers["Location"] == "/aterkoppling/svara/formular"
    with app.app_context():
        questions = service.question_set(db.session.get(FeedbackRound, round_.id))
    page = client.get("/aterkoppling/svara/formular")
    assert "Du svarar som medarbetare." in page.get_data(as_text=True)
    done = client.post("/aterkoppling/svara/formular", data=form_data(questions, "5"))
    assert done.headers["Location"] == "/aterkoppling/tack"
    again = client.post("/aterkoppling/svara", data={"code": code})
    assert again.status_code == 422
    assert "Koden har redan använts." in again.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(FeedbackInvitation.answered)) is True
        assert db.session.scalar(select(func.count()).select_from(FeedbackResponse)) == 1


def test_wrong_codes_are_throttled_per_address(app, manager, make_round):
    round_ = make_round(manager, {})
    code = make_codes(app, round_.id)[0]
    client = app.test_client()
    wrong = client.post("/aterkoppling/svara", data={"code": "AAAAA-AAAAA"})
    assert wrong.status_code == 422
    assert "Koden finns inte" in wrong.get_data(as_text=True)
    for _ in range(throttle.MAX_FAILURES - 1):
        client.post("/aterkoppling/svara", data={"code": "AAAAA-AAAAB"})
    blocked = client.post("/aterkoppling/svara", data={"code": code})
    assert blocked.status_code == 429
    assert "Vänta en kvart" in blocked.get_data(as_text=True)
    other = app.test_client().post(
        "/aterkoppling/svara", data={"code": code}, environ_base={"REMOTE_ADDR": "10.1.2.3"}
    )
    assert other.status_code == 302
