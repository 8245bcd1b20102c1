"""Issue 18: each rater group answers in its own words (question set
version 2), and the own manager is a named voice – told so before the first
question, shown on their own as "Din chef", never pooled, never in "Alla
andra" – while staff and colleagues keep every anonymity rule."""

from sqlalchemy import select

from toolbox import clock
from toolbox.extensions import db, mail
from toolbox.feedback import invitations, mails, service
from toolbox.feedback.models import FeedbackInvitation, FeedbackRound
from toolbox.feedback.results import results_for
from toolbox.submissions.service import new_token

LIMITS = service.Thresholds(3, 5)
STAFF_TEXT = "Min chef ger återkoppling regelbundet"
PEER_TEXT = "Min kollega ger sina medarbetare återkoppling regelbundet"
BOSS_TEXT = "Min medarbetare ger sina medarbetare återkoppling regelbundet"
NOTICE = "Dina svar är inte anonyma"
BOSS_COMMENT = "Jag vill se dig delegera mer av schemat."
STAFF_COMMENT = "Bra att du lyssnar på oss."


def page_of(client, token: str) -> str:
    response = client.get(f"/aterkoppling/svar/{token}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_each_group_reads_its_own_wording(client, manager, make_round):
    round_ = make_round(manager, {"medarbetare": 1, "kollegor": 1, "chef": 1})
    staff = page_of(client, round_.links["medarbetare"][0])
    peer = page_of(client, round_.links["kollegor"][0])
    boss = page_of(client, round_.links["chef"][0])
    assert STAFF_TEXT in staff
    assert PEER_TEXT not in staff
    assert PEER_TEXT in peer
    assert STAFF_TEXT not in peer
    assert BOSS_TEXT in boss
    assert STAFF_TEXT not in boss
    assert "Vad fungerar bra i din medarbetares ledarskap?" in boss
    assert "Vad fungerar bra i din kollegas ledarskap?" in peer
    # The old note for non-staff ("written for a staff member") is gone in v2.
    assert "skrivna så att de passar en medarbetare" not in peer


def test_the_own_manager_is_told_before_the_first_question(client, manager, make_round):
    round_ = make_round(manager, {"medarbetare": 1, "chef": 1})
    boss = page_of(client, round_.links["chef"][0])
    staff = page_of(client, round_.links["medarbetare"][0])
    first_question = boss.index('name="q_')
    assert boss.index(NOTICE) < first_question
    assert boss.index(NOTICE) < boss.index(BOSS_TEXT)
    # The first paragraph after the heading.
    assert boss.index(NOTICE) < boss.index('<p class="lead">')
    assert NOTICE not in staff
    assert "Ingen i Verktygslådan kan se vad just du har svarat" in staff


def test_the_invitation_mail_says_so_first(app, manager, make_round):
    with mail.record_messages() as outbox:
        round_ = make_round(manager, {}, groups=("medarbetare", "chef"))
        with app.test_request_context():
            found = db.session.get(FeedbackRound, round_.id)
            made = invitations.invite(found, "chef", ["boss@example.se"], manager.email,
                                      clock.today())  # fmt: skip
            db.session.commit()
            for address, token in made.tokens.items():
                mails.send_invitation(found, address, token)
    body = outbox[0].body
    assert body.split("\n")[2].startswith("Dina svar är inte anonyma")


def answer_all(answer, round_, values: dict[str, int], comments: dict[str, dict]) -> None:
    for group, tokens in round_.links.items():
        for token in tokens:
            answer(token, values[group], comments.get(group))


def test_results_show_the_own_manager_on_their_own(
    app, manager, make_round, answer, close_round, login_as, client
):
    round_ = make_round(manager, {"medarbetare": 3, "kollegor": 3, "chef": 1})
    answer_all(
        answer,
        round_,
        {"medarbetare": 4, "kollegor": 2, "chef": 5},
        {"chef": {"utveckla": BOSS_COMMENT}, "medarbetare": {"bra": STAFF_COMMENT}},
    )
    close_round(round_)
    with app.app_context():
        results = results_for(db.session.get(FeedbackRound, round_.id), LIMITS)
        assert results.groups == ("medarbetare", "kollegor")
        assert "chef" not in results.responses
        area = results.areas[0]
        assert area.line.total.mean == 3.0  # (3×4 + 3×2) / 6: the own manager is not in it
        assert set(area.line.figures) == {"medarbetare", "kollegor"}
        assert results.named.answered
        assert results.named.area("ledarskap").mean == 5.0
        assert [c.text for c in results.named.comments] == [BOSS_COMMENT]
        assert BOSS_COMMENT not in [c.text for c in results.comments]
        assert STAFF_COMMENT in [c.text for c in results.comments]
    page = login_as(manager).get(f"/aterkoppling/omgangar/{round_.id}").get_data(as_text=True)
    assert '<th scope="col" class="num">Din chef</th>' in page
    assert "Din chefs kommentarer" in page
    named_section = page[page.index("Din chefs kommentarer") : page.index('id="comments-title"')]
    assert BOSS_COMMENT in named_section
    pooled = page[page.index('id="comments-title"') :]
    assert BOSS_COMMENT not in pooled


def test_two_staff_are_absent_everywhere_beside_a_named_manager(
    app, manager, make_round, answer, close_round, login_as, client
):
    round_ = make_round(manager, {"medarbetare": 2, "kollegor": 3, "chef": 1})
    answer_all(
        answer,
        round_,
        {"medarbetare": 1, "kollegor": 4, "chef": 3},
        {"medarbetare": {"bra": STAFF_COMMENT}, "chef": {"bra": BOSS_COMMENT}},
    )
    close_round(round_)
    with app.app_context():
        results = results_for(db.session.get(FeedbackRound, round_.id), LIMITS)
        assert results.groups == ("kollegor",)
        assert results.comments is None  # 3 shown anonymous answers < 5; the manager never counts
        assert results.areas[0].line.total.mean == 4.0
    login_as(manager)
    base = f"/aterkoppling/omgangar/{round_.id}"
    for path in (base, f"{base}/utskrift", f"{base}/rapport"):
        page = client.get(path).get_data(as_text=True)
        assert STAFF_COMMENT not in page, path
        assert ">Medarbetare<" not in page, path
        assert BOSS_COMMENT in page, path


def test_the_own_manager_is_one_invitation(app, manager, make_round, login_as, client):
    round_ = make_round(manager, {}, groups=("medarbetare", "chef"))
    login_as(manager)
    two = client.post(
        f"/aterkoppling/omgangar/{round_.id}/bjud-in",
        data={"rater_group": "chef", "addresses": "a@example.se b@example.se",
              "submission": new_token()},
    )  # fmt: skip
    assert two.status_code == 422
    assert "Din egen chef är en person" in two.get_data(as_text=True)
    one = client.post(
        f"/aterkoppling/omgangar/{round_.id}/bjud-in",
        data={"rater_group": "chef", "addresses": "a@example.se", "submission": new_token()},
    )
    assert one.status_code == 302
    codes = client.post(
        f"/aterkoppling/omgangar/{round_.id}/koder",
        data={"rater_group": "chef", "count": "1", "submission": new_token()},
    )
    assert codes.status_code == 422
    assert "Din egen chef är en person" in codes.get_data(as_text=True)
    with app.app_context():
        found = db.session.scalars(
            select(FeedbackInvitation.email).where(
                FeedbackInvitation.round_id == round_.id, FeedbackInvitation.rater_group == "chef"
            )
        ).all()
    assert found == ["a@example.se"]


def test_a_version_1_round_keeps_its_promise_of_anonymity(
    app, manager, make_round, answer, close_round
):
    round_ = make_round(manager, {"medarbetare": 3, "chef": 1})
    with app.app_context():
        found = db.session.get(FeedbackRound, round_.id)
        found.question_set_version = 1
        db.session.commit()
    answer_all(answer, round_, {"medarbetare": 4, "chef": 1}, {"chef": {"bra": BOSS_COMMENT}})
    close_round(round_)
    with app.app_context():
        found = db.session.get(FeedbackRound, round_.id)
        assert found.named_group is None
        results = results_for(found, LIMITS)
        assert not results.named.asked
        assert results.any_dropped  # the one answer is under the minimum, as promised
        assert results.areas[0].line.total.mean == 4.0


def test_the_report_puts_everyone_side_by_side(
    app, manager, make_round, answer, close_round, login_as, client
):
    round_ = make_round(manager, {"medarbetare": 3, "kollegor": 3, "chef": 1})
    answer_all(answer, round_, {"medarbetare": 4, "kollegor": 2, "chef": 5}, {})
    login_as(manager)
    assert client.get(f"/aterkoppling/omgangar/{round_.id}/rapport").status_code == 302  # open
    close_round(round_)
    page = client.get(f"/aterkoppling/omgangar/{round_.id}/rapport").get_data(as_text=True)
    for header in ("Du själv", "Din chef", "Medarbetare", "Kollegor"):
        assert f">{header}</th>" in page
    assert page.count('class="fb-report-page"') == 5  # a summary and one page per area
    assert "Ledarskap: medelvärde 1–5 sida vid sida" in page


def test_while_open_the_manager_sees_whether_the_own_manager_answered(
    app, manager, make_round, answer, login_as, client
):
    round_ = make_round(manager, {"medarbetare": 1, "chef": 1}, days=5)
    login_as(manager)
    page = client.get(f"/aterkoppling/omgangar/{round_.id}").get_data(as_text=True)
    assert "Din chef: har inte svarat ännu" in " ".join(page.split())
    answer(round_.links["chef"][0], 4)
    page = client.get(f"/aterkoppling/omgangar/{round_.id}").get_data(as_text=True)
    assert "Din chef: <strong>har svarat</strong>" in " ".join(page.split())
