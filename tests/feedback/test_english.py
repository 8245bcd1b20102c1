"""Återkoppling in English: the manager's pages and forms (posted blank and
valid, with the flash that follows), the results, print view, report and
comparison, Min sida's to-dos, and the respondent's public pages for a
respondent who chose English there; no Swedish word of the feature's
catalogue shows. People's own words (comments, the round's title and
greeting) carry lang="sv".

On SQLite only: what a page says does not depend on the database, and
the feature's own tests run on both."""

import re
from datetime import timedelta

import pytest

from tests.conftest import ON_SQLITE_ONLY
from tests.feedback.conftest import form_data
from tests.language.vocabulary import swedish_words, vocabulary
from tests.reflection.conftest import keys, make_reflection  # noqa: F401 - fixtures
from toolbox import clock
from toolbox.extensions import db, mail
from toolbox.feedback import invitations, service
from toolbox.feedback.models import FeedbackRound
from toolbox.submissions.service import new_token

pytestmark = ON_SQLITE_ONLY

COMMENT = "Bra att du lyssnar på oss."
BOSS_COMMENT = "Jag vill se dig delegera mer av schemat."


def in_english(client) -> None:
    assert client.post("/sprak", data={"lang": "en", "next": "/"}).status_code == 302


@pytest.fixture
def english_manager(manager, login_as, client):
    login_as(manager)
    in_english(client)
    return manager


def check(response, status: int = 200) -> str:
    assert response.status_code == status, (response.request.path, response.status_code)
    html = response.get_data(as_text=True)
    found = swedish_words(html, vocabulary())
    assert not found, f"{response.request.path}: {found}"
    return html


def round_id_of(response) -> int:
    return int(re.search(r"/aterkoppling/omgangar/(\d+)", response.request.path)[1])


def test_a_round_from_start_to_close_in_english(app, client, english_manager):
    check(client.get("/aterkoppling/"))
    new = check(client.get("/aterkoppling/ny"))
    assert f'value="Feedback {clock.today():%B %Y}"' in new
    blank = check(client.post("/aterkoppling/ny", data={"submission": new_token()}), 422)
    assert "Enter a name for the round." in blank
    assert "Choose at least one group to ask." in blank
    closes = (clock.today() + timedelta(days=10)).isoformat()
    started = client.post(
        "/aterkoppling/ny",
        data={
            "title": "Hösten",
            "groups": ["medarbetare", "chef"],
            "closes_on": closes,
            "message": "Tack för att du svarar!",
            "submission": new_token(),
        },
        follow_redirects=True,
    )
    page = check(started)
    assert "The round has started. Now invite the people you want to ask." in page
    assert '<h1 lang="sv">Hösten</h1>' in page
    base = f"/aterkoppling/omgangar/{round_id_of(started)}"

    check(client.get(f"{base}/bjud-in"))
    blank = check(client.post(f"{base}/bjud-in", data={"submission": new_token()}), 422)
    assert "Choose a group." in blank
    assert "Enter at least one email address." in blank
    wrong = {"rater_group": "medarbetare", "addresses": "nej", "submission": new_token()}
    page = check(client.post(f"{base}/bjud-in", data=wrong), 422)
    assert "These addresses are not valid: nej. Correct or remove them." in page
    mine = {
        "rater_group": "medarbetare",
        "addresses": "karin@example.se",
        "submission": new_token(),
    }
    page = check(client.post(f"{base}/bjud-in", data=mine), 422)
    assert "You cannot invite yourself. Remove your own address." in page
    invite = {
        "rater_group": "medarbetare",
        "addresses": "a@example.se\nb@example.se",
        "submission": new_token(),
    }
    page = check(client.post(f"{base}/bjud-in", data=invite, follow_redirects=True))
    assert "An invitation with its own link has been sent to 2 addresses." in page
    invite["submission"] = new_token()
    page = check(client.post(f"{base}/bjud-in", data=invite, follow_redirects=True))
    assert "2 addresses had already been invited and did not get a new invitation." in page

    check(client.get(f"{base}/koder"))
    blank = check(
        client.post(f"{base}/koder", data={"count": "", "submission": new_token()}),
        422,
    )
    assert "Enter how many codes you want." in blank
    codes = {"rater_group": "medarbetare", "count": "2", "submission": new_token()}
    sheet = check(client.post(f"{base}/koder", data=codes, follow_redirects=True))
    assert sheet.count('class="fb-slip"') == 2
    page = check(client.post(f"{base}/koder/klar", follow_redirects=True))
    assert "The codes have been removed from the screen." in page
    check(client.get(f"{base}/koder/utskrift"))

    check(client.get(f"{base}/sista-dag"))
    blank = check(
        client.post(f"{base}/sista-dag", data={"closes_on": "", "submission": new_token()}),
        422,
    )
    assert "Enter the last day to respond." in blank
    late = (clock.today() + timedelta(days=200)).isoformat()
    page = check(
        client.post(f"{base}/sista-dag", data={"closes_on": late, "submission": new_token()}),
        422,
    )
    assert "A round can be open for at most 90 days." in page
    moved = {"closes_on": closes, "submission": new_token()}
    page = check(client.post(f"{base}/sista-dag", data=moved, follow_redirects=True))
    assert f"The last day to respond is now {closes}." in page

    page = check(client.post(f"{base}/paminn", follow_redirects=True))
    assert "The reminder goes to those of the 2 who received a link by email" in page
    home = client.get("/").get_data(as_text=True)
    assert 'The feedback round “<span lang="sv">Hösten</span>” runs until' in home
    assert "No group has enough responses to show results yet." in home

    check(client.get(f"{base}/ta-bort"))
    page = check(client.post(f"{base}/avsluta", follow_redirects=True))
    assert "The round has closed. Here are the results." in page
    page = check(client.get(f"{base}/bjud-in", follow_redirects=True))
    assert "The round has closed. No more people can be invited." in page
    page = check(client.post(f"{base}/paminn", follow_redirects=True))
    assert "The round has closed." in page


def test_cancelling_a_round_in_english(client, english_manager, make_round):
    round_ = make_round(english_manager, {"medarbetare": 1})
    base = f"/aterkoppling/omgangar/{round_.id}"
    check(client.get(f"{base}/ta-bort"))
    page = check(
        client.post(f"{base}/ta-bort", data={"submission": new_token()}, follow_redirects=True),
    )
    assert 'The round <span lang="sv">Återkoppling i test</span> has been removed.' in page


@pytest.fixture
def closed_round(app, english_manager, make_round, answer, close_round, make_reflection):  # noqa: F811
    """Five employees and the own manager answered, with comments; the
    manager rated themselves higher (blind spots)."""
    make_reflection(english_manager, dict.fromkeys(("ledarskap", "styrning"), 5))
    round_ = make_round(english_manager, {"medarbetare": 5, "chef": 1})
    for token in round_.links["medarbetare"]:
        answer(token, 4, {"bra": COMMENT, "utveckla": COMMENT})
    answer(round_.links["chef"][0], 4, {"bra": BOSS_COMMENT})
    close_round(round_)
    return round_


def test_results_print_report_and_comparison_in_english(
    app, client, closed_round, english_manager, make_round, answer, close_round
):
    base = f"/aterkoppling/omgangar/{closed_round.id}"
    results = check(client.get(base))
    assert "Blind spots" in results
    assert "Your manager’s comments" in results
    assert f'<li class="fb-comment" lang="sv">{COMMENT}</li>' in results
    assert f'<p class="fb-user-text" lang="sv">{BOSS_COMMENT}</p>' in results
    assert "You and others, average per area" in results
    check(client.get(f"{base}/utskrift"))
    report = check(client.get(f"{base}/rapport"))
    assert "Blind spot: “" in report
    assert "The whole area" in report
    home = client.get("/").get_data(as_text=True)
    ready = (
        'The results of the feedback round “<span lang="sv">Återkoppling i test</span>” are ready.'
    )
    assert ready in home

    second = make_round(english_manager, {"medarbetare": 3})
    for token in second.links["medarbetare"]:
        answer(token, 3)
    close_round(second)
    compare = check(client.get("/aterkoppling/jamfor"))
    assert "Everyone else per area in your rounds" in compare
    assert '<th scope="col" class="num"><span lang="sv">Återkoppling i test</span> (' in compare


def test_the_respondent_reads_english_after_choosing_it(app, manager, make_round):
    round_ = make_round(manager, {"medarbetare": 1, "chef": 1})
    with app.app_context():
        db.session.get(FeedbackRound, round_.id).message = "Tack för att du svarar!"
        db.session.commit()
        questions = service.question_set(db.session.get(FeedbackRound, round_.id))
    respondent = app.test_client()
    in_english(respondent)
    link = f"/aterkoppling/svar/{round_.links['medarbetare'][0]}"
    page = check(respondent.get(link))
    assert "You are answering as an employee." in page
    assert '<p class="fb-user-text" lang="sv">Tack för att du svarar!</p>' in page
    assert "What works well in the manager’s leadership? (optional)" in page
    assert "4 – Mostly true" in page
    blank = check(respondent.post(link, data={"submission": new_token()}), 422)
    assert "Answer statement 1, or choose don&#39;t know / not applicable." in blank
    thanks = check(respondent.post(link, data=form_data(questions), follow_redirects=True))
    assert "Thank you for your answers!" in thanks
    check(respondent.get(link), 410)

    boss = check(respondent.get(f"/aterkoppling/svar/{round_.links['chef'][0]}"))
    assert "Your answers are not anonymous" in boss

    check(respondent.get("/aterkoppling/svara"))
    blank = check(respondent.post("/aterkoppling/svara", data={}), 422)
    assert "Enter the code from the slip." in blank
    wrong = check(respondent.post("/aterkoppling/svara", data={"code": "AAAAA-BBBBB"}), 422)
    assert "The code does not exist, or belongs to a round that has closed." in wrong
    check(respondent.get("/aterkoppling/svar/okand-lank"), 404)

    with app.app_context():
        found = db.session.get(FeedbackRound, round_.id)
        code = invitations.create_codes(found, "medarbetare", 1, clock.today())[0]
        db.session.commit()
    form = check(
        respondent.post("/aterkoppling/svara", data={"code": code}, follow_redirects=True),
    )
    assert "You are answering as an employee." in form
    blank = check(
        respondent.post("/aterkoppling/svara/formular", data={"submission": new_token()}),
        422,
    )
    assert "Answer statement 1, or choose don&#39;t know / not applicable." in blank
    answered = respondent.post(
        "/aterkoppling/svara/formular", data=form_data(questions), follow_redirects=True
    )
    assert "Thank you for your answers!" in check(answered)
    used = check(respondent.post("/aterkoppling/svara", data={"code": code}), 422)
    assert "The code has already been used. Each code works once." in used


def test_the_invitation_mail_subject_follows_the_sender(app, client, english_manager, make_round):
    round_ = make_round(english_manager, {})
    with mail.record_messages() as outbox:
        client.post(
            f"/aterkoppling/omgangar/{round_.id}/bjud-in",
            data={
                "rater_group": "medarbetare",
                "addresses": "a@example.se",
                "submission": new_token(),
            },
        )
        with app.app_context():
            service.send_feedback_reminders(clock.today() + timedelta(days=12))
    subjects = [m.subject for m in outbox]
    assert "Karin Lindqvist is asking for your feedback" in subjects
    # Cron has no visitor: its reminders are in Swedish.
    assert subjects[-1] == "Påminnelse: Karin Lindqvist ber om din återkoppling"
