"""Issue 16, acceptance 3: comments only from the groups that are shown, and
no page, print view or export that lets a dropped group's participation be
read (PRODUCT.md section 5).

The strongest form of "no number from which the 2 staff answers can be
read": two managers' rounds that differ only in whether the two staff
members answered give the same pages, byte for byte once the round's own
address and the comments' random order are set aside."""

import re

from sqlalchemy import insert

from toolbox.extensions import db
from toolbox.feedback import service
from toolbox.feedback.models import FeedbackComment, FeedbackRound, random_key
from toolbox.feedback.results import results_for

GROUPS = ("medarbetare", "kollegor")
COMMENT = re.compile(r'<li class="fb-comment" lang="sv">[^<]*</li>')
CSRF = re.compile(r'name="csrf_token" value="[^"]*"')


def results_of(html: str) -> str:
    return html.split('id="fb-results"')[1]


def answered_round(make_user, make_round, answer, close_round, email: str, staff_answer: bool):
    manager = make_user(email, roles=("chef",), name="Karin Lindqvist")
    round_ = make_round(manager, {"kollegor": 5, "medarbetare": 2}, groups=GROUPS)
    for n, token in enumerate(round_.links["kollegor"]):
        answer(token, 4, {"bra": f"Kollegan {n} tycker att du lyssnar."})
    if staff_answer:
        for n, token in enumerate(round_.links["medarbetare"]):
            answer(token, 1, {"utveckla": f"Medarbetaren {n} saknar dig."})
    close_round(round_)
    return manager, round_


def normalised(html: str, round_id: int, email: str) -> str:
    """The page without what differs by construction: the round's id, the
    manager's address, the CSRF token (signed with the time) and the
    shuffled order of the comments."""
    html = html.replace(f"/omgangar/{round_id}", "/omgangar/N").replace(email, "chef@x")
    html = CSRF.sub('name="csrf_token"', html)
    comments = sorted(COMMENT.findall(html))
    return COMMENT.sub("<li>", html) + "".join(comments)


def pages(app, login_as, manager, round_) -> dict[str, str]:
    client = login_as(manager)
    found = {}
    for name, path in {
        "results": f"/aterkoppling/omgangar/{round_.id}",
        "print": f"/aterkoppling/omgangar/{round_.id}/utskrift",
        "compare": "/aterkoppling/jamfor",
        "rounds": "/aterkoppling/",
        "min sida": "/",
    }.items():
        page = client.get(path)
        assert page.status_code == 200, (name, page.status_code)
        found[name] = normalised(page.get_data(as_text=True), round_.id, manager.email)
    export = client.post("/konto/mina-uppgifter", data={"confirm": "y"})
    assert export.status_code == 200
    found["export"] = str(export.get_json()["aterkoppling"])
    return found


def test_five_colleagues_shown_two_staff_members_leave_no_trace(
    app, login_as, make_user, make_round, answer, close_round
):
    manager, round_ = answered_round(
        make_user, make_round, answer, close_round, "karin@example.se", staff_answer=True
    )
    shown = pages(app, login_as, manager, round_)
    for name in ("results", "print"):
        results = results_of(shown[name])
        assert "Antal svar: Kollegor 5." in results, name
        assert "Medarbetare" not in results, name
        # The colleagues' five comments, and not one of the staff's.
        assert len(COMMENT.findall(results)) == 5, name
        for n in range(5):
            assert f"Kollegan {n} tycker att du lyssnar." in results, name
        assert "Medarbetaren" not in results, name
        assert "saknar dig" not in results, name
        # Every figure is the colleagues' 4: the staff's 1s are in no mean
        # (with them a mean would be 22/7 = 3,1).
        assert "4,0" in results, name
        assert "3,1" not in results, name
        assert "1,0" not in results, name

    # The same round where the staff members never answered: nothing differs.
    other, quiet = answered_round(
        make_user, make_round, answer, close_round, "lena@example.se", staff_answer=False
    )
    assert pages(app, login_as, other, quiet) == shown


def test_comments_need_the_text_threshold_within_the_shown_groups(
    app, login_as, manager, make_round, answer, close_round
):
    """3 staff shown, 2 colleagues dropped: five responses in the round, but
    the shown group has three, so no comment shows – none of the five."""
    round_ = make_round(manager, {"medarbetare": 3, "kollegor": 2}, groups=GROUPS)
    for token in round_.links["medarbetare"] + round_.links["kollegor"]:
        answer(token, 4, {"bra": "Tydlig."})
    page = login_as(manager).get(f"/aterkoppling/omgangar/{round_.id}").get_data(as_text=True)
    assert "Tydlig." not in page  # the round is still open: no results at all
    assert "Kommentarer: inte tillräckligt många svar i de grupper som visas ännu" in page
    close_round(round_)
    page = login_as(manager).get(f"/aterkoppling/omgangar/{round_.id}").get_data(as_text=True)
    results = results_of(page)
    assert "Antal svar: Medarbetare 3." in results
    assert "Tydlig." not in results
    assert "minst 5 har svarat i de grupper som visas" in results


def test_while_open_the_comment_threshold_counts_only_groups_that_reached_theirs(
    app, manager, make_round, answer
):
    round_ = make_round(manager, {"medarbetare": 3, "kollegor": 3}, groups=GROUPS)
    for token in round_.links["medarbetare"] + round_.links["kollegor"][:2]:
        answer(token)
    limits = service.Thresholds(min_group=3, min_text=5)
    with app.app_context():
        found = db.session.get(FeedbackRound, round_.id)
        assert service.progress([found], limits)[found.id].comments is False
    answer(round_.links["kollegor"][2])
    with app.app_context():
        found = db.session.get(FeedbackRound, round_.id)
        assert service.progress([found], limits)[found.id].comments is True


def add_old_comment(app, round_id: int, text: str) -> None:
    """A comment stored before comments kept their group (migration 7f2a9c4e1b3d)."""
    with app.app_context():
        db.session.execute(
            insert(FeedbackComment).values(
                id=random_key(), round_id=round_id, rater_group=None, prompt="bra", text=text
            )
        )
        db.session.commit()


def test_a_comment_without_a_group_shows_only_when_no_answering_group_is_dropped(
    app, manager, make_round, answer, close_round
):
    limits = service.Thresholds(min_group=3, min_text=5)
    # Colleagues asked but none answered: every group that answered is shown.
    whole = make_round(manager, {"medarbetare": 5, "kollegor": 2}, groups=GROUPS)
    for token in whole.links["medarbetare"]:
        answer(token)
    add_old_comment(app, whole.id, "Från förr.")
    # Two colleagues answered and are dropped: the old comment might be theirs.
    part = make_round(manager, {"medarbetare": 5, "kollegor": 2}, groups=GROUPS)
    for token in part.links["medarbetare"] + part.links["kollegor"]:
        answer(token)
    add_old_comment(app, part.id, "Okänd.")
    close_round(whole)
    close_round(part)
    with app.app_context():
        shown = results_for(db.session.get(FeedbackRound, whole.id), limits)
        hidden = results_for(db.session.get(FeedbackRound, part.id), limits)
        assert [c.text for c in shown.comments] == ["Från förr."]
        assert hidden.groups == ("medarbetare",)
        assert hidden.comments == ()
