"""The manager's side: opening a round, inviting by mail, printed codes,
what shows while a round is open, closing early, Min sida and comparing."""

import re
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from toolbox import clock
from toolbox.auth.models import User
from toolbox.demo.feedback import seed_feedback
from toolbox.demo.org import seed_org
from toolbox.extensions import db, mail
from toolbox.feedback.models import FeedbackInvitation, FeedbackResponse, FeedbackRound
from toolbox.feedback.tokens import CODE_ALPHABET, hash_token
from toolbox.submissions.service import new_token

LINK = re.compile(r"http://127\.0\.0\.1(/aterkoppling/svar/[A-Za-z0-9_-]+)")


def test_a_round_needs_a_group_and_a_future_date(app, login_as, manager):
    client = login_as(manager)
    today = clock.today()
    page = client.post(
        "/aterkoppling/ny",
        data={"title": "Våren", "closes_on": today.isoformat(), "submission": new_token()},
    )
    assert page.status_code == 422
    text = page.get_data(as_text=True)
    assert "Välj minst en grupp att fråga." in text
    assert "Sista dag att svara måste vara i morgon eller senare." in text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(FeedbackRound)) == 0


def test_opening_a_round(app, login_as, manager):
    client = login_as(manager)
    assert "Återkoppling " in client.get("/aterkoppling/ny").get_data(as_text=True)
    closes = clock.today() + timedelta(days=10)
    data = {
        "title": "Våren 2026",
        "groups": ["kollegor", "medarbetare"],
        "closes_on": closes.isoformat(),
        "message": "Tack för att ni tar er tid!",
        "submission": new_token(),
    }
    response = client.post("/aterkoppling/ny", data=data)
    assert response.status_code == 302
    assert client.post("/aterkoppling/ny", data=data).status_code == 302  # a double click
    with app.app_context():
        round_ = db.session.scalar(select(FeedbackRound))
        assert db.session.scalar(select(func.count()).select_from(FeedbackRound)) == 1
        assert round_.groups == ["medarbetare", "kollegor"]  # the usual order
        assert (round_.closes_on, round_.question_set_version) == (closes, 2)
        assert response.headers["Location"] == f"/aterkoppling/omgangar/{round_.id}"


def invite(client, round_id, addresses, group="medarbetare"):
    return client.post(
        f"/aterkoppling/omgangar/{round_id}/bjud-in",
        data={"rater_group": group, "addresses": addresses, "submission": new_token()},
    )


def test_inviting_validates_removes_duplicates_and_mails_a_link_each(
    app, login_as, manager, make_round
):
    round_ = make_round(manager, {"medarbetare": 1})
    client = login_as(manager)
    refused = invite(client, round_.id, "anna@example.se\ninte-en-adress")
    assert refused.status_code == 422
    assert "inte giltiga: inte-en-adress" in refused.get_data(as_text=True)
    assert "anna@example.se" in refused.get_data(as_text=True)  # the input is kept
    own = invite(client, round_.id, "KARIN@example.se")
    assert "Du kan inte bjuda in dig själv" in own.get_data(as_text=True)
    with mail.record_messages() as outbox:
        done = invite(
            client,
            round_.id,
            "Anna@Example.se, bo@example.se; anna@example.se\nmedarbetare0@example.se",
        )
    assert done.status_code == 302
    assert sorted(m.recipients[0] for m in outbox) == ["anna@example.se", "bo@example.se"]
    message = outbox[0]
    assert message.subject == "Karin Lindqvist ber om din återkoppling"
    assert "anonyma" in message.body
    assert "fungerar en gång" in message.body
    links = [LINK.search(m.body).group(1) for m in outbox]
    assert len(set(links)) == 2
    for link in links:
        assert app.test_client().get(link).status_code == 200
    page = client.get(f"/aterkoppling/omgangar/{round_.id}").get_data(as_text=True)
    assert "1 adress var redan inbjuden och fick ingen ny inbjudan." in page
    assert "Inbjudan med en egen länk är skickad till 2 adresser." in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(FeedbackInvitation)) == 3


def test_while_open_the_manager_sees_thresholds_only(app, login_as, manager, make_round, answer):
    round_ = make_round(manager, {"medarbetare": 4})
    for token in round_.links["medarbetare"][:2]:
        answer(token, 5, {"bra": "Hemlig kommentar."})
    client = login_as(manager)
    page = client.get(f"/aterkoppling/omgangar/{round_.id}").get_data(as_text=True)
    assert "Medarbetare: inte tillräckligt många svar ännu" in page
    assert "Hemlig kommentar." not in page
    assert "Vilka som svarade" not in page
    assert not re.search(r"\b2 (svar|har svarat)", page)
    assert client.get(f"/aterkoppling/omgangar/{round_.id}/utskrift").status_code == 302
    answer(round_.links["medarbetare"][2], 5)
    page = client.get(f"/aterkoppling/omgangar/{round_.id}").get_data(as_text=True)
    assert "Medarbetare: <strong>tillräckligt många svar" in page
    home = client.get("/").get_data(as_text=True)
    assert "Tillräckligt många svar för att visa resultat: medarbetare." in home


def test_closing_early_shows_the_results_and_stops_the_links(
    app, login_as, manager, make_round, answer
):
    round_ = make_round(manager, {"medarbetare": 4, "kollegor": 2})
    for token in round_.links["medarbetare"][:3] + round_.links["kollegor"]:
        answer(token, 4, {"bra": "Lyssnar på oss."})
    client = login_as(manager)
    assert client.post(f"/aterkoppling/omgangar/{round_.id}/avsluta").status_code == 302
    page = client.get(f"/aterkoppling/omgangar/{round_.id}").get_data(as_text=True)
    results = page.split('id="fb-results"')[1]
    assert "Antal svar: Medarbetare 3." in results
    assert "Kollegor" not in results  # two answers: dropped everywhere
    # Five responses, but three in the groups shown: no comments, from anyone.
    assert "Lyssnar på oss." not in results
    assert "minst 5 har svarat i de grupper som visas" in results
    assert client.get(f"/aterkoppling/omgangar/{round_.id}/utskrift").status_code == 200
    # The round is sealed: its links are gone from the database altogether.
    unused = app.test_client().get(f"/aterkoppling/svar/{round_.links['medarbetare'][3]}")
    assert unused.status_code == 404
    assert "hör till en omgång som är avslutad" in unused.get_data(as_text=True)
    again = client.post(f"/aterkoppling/omgangar/{round_.id}/avsluta", follow_redirects=True)
    assert "Omgången är redan avslutad." in again.get_data(as_text=True)
    refused = client.get(f"/aterkoppling/omgangar/{round_.id}/bjud-in", follow_redirects=True)
    assert "Det går inte att bjuda in fler." in refused.get_data(as_text=True)


def test_codes_are_shown_once_and_stored_hashed(app, login_as, manager, make_round):
    round_ = make_round(manager, {})
    client = login_as(manager)
    data = {"rater_group": "kollegor", "count": "3", "submission": new_token()}
    created = client.post(f"/aterkoppling/omgangar/{round_.id}/koder", data=data)
    assert created.headers["Location"] == f"/aterkoppling/omgangar/{round_.id}/koder/utskrift"
    client.post(f"/aterkoppling/omgangar/{round_.id}/koder", data=data)  # a double click
    sheet = client.get(created.headers["Location"]).get_data(as_text=True)
    codes = re.findall(rf'fb-code">([{CODE_ALPHABET}]{{5}}-[{CODE_ALPHABET}]{{5}})<', sheet)
    assert len(codes) == 3
    assert "Du svarar som kollega." in sheet
    assert "/aterkoppling/svara" in sheet
    with app.app_context():
        stored = set(db.session.scalars(select(FeedbackInvitation.token_hash)))
        assert stored == {hash_token(code.replace("-", "")) for code in codes}
    client.post(f"/aterkoppling/omgangar/{round_.id}/koder/klar")
    sheet = client.get(created.headers["Location"]).get_data(as_text=True)
    assert "Det finns inga koder att visa" in sheet
    assert codes[0] not in sheet


def test_compare_and_demo_data(app, login_as):
    with app.app_context():
        content = Path(app.config["CONTENT_DIR"])
        seed_org(content, "small")
        first = seed_feedback(content, "small")
        db.session.commit()
        assert seed_feedback(content, "small") == first  # idempotent
        db.session.commit()
        chef = db.session.scalar(select(FeedbackRound.manager_id).limit(1))
        count = db.session.scalar(select(func.count()).select_from(FeedbackResponse))
        assert first == f"3 återkopplingsomgångar, {count} svar"
    with app.app_context():
        session_id = db.session.get(User, chef).get_id()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = session_id
    page = client.get("/aterkoppling/jamfor").get_data(as_text=True)
    assert "Återkoppling hösten 2025" in page
    assert "Återkoppling inför medarbetarsamtalen" in page
    assert "<svg" in page
    assert "<title id=" in page
    overview = client.get("/aterkoppling/").get_data(as_text=True)
    assert "Återkoppling hösten 2026" in overview


def test_the_results_page_does_not_grow_with_the_responses(
    app, login_as, manager, make_round, answer, close_round, count_statements
):
    """A bounded number of SQL statements per page (PRODUCT.md section 7)."""
    found = []
    for size in (3, 9):
        round_ = make_round(manager, {"medarbetare": size, "kollegor": size})
        for token in round_.links["medarbetare"] + round_.links["kollegor"]:
            answer(token, 3, {"bra": "Bra."})
        close_round(round_)
        client = login_as(manager)
        with count_statements() as counter:
            assert client.get(f"/aterkoppling/omgangar/{round_.id}").status_code == 200
        found.append(counter.count)
    assert found[0] == found[1], found
