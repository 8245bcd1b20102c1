"""HR's view of the managers' ratings: whole ended quarters, released in steps
of at least AGGREGATE_MIN_GROUP new raters, comments only from the step shown,
and ratings that are final once their quarter has ended."""

import random
from datetime import UTC, timedelta

from sqlalchemy import select

from toolbox.auth.models import User
from toolbox.catalog.models import PlanEntry
from toolbox.catalog.ratings import Quarter, Released, released, running_quarter
from toolbox.clock import utcnow
from toolbox.extensions import db
from toolbox.privacy.releases import last_release
from toolbox.privacy.suppression import Figure


def quarters_back(count: int) -> Quarter:
    quarter = running_quarter()
    for _ in range(count):
        quarter = Quarter.of(quarter.begins - timedelta(days=1))
    return quarter


def rate(app, make_user, item, ratings, quarter: Quarter | None, comment: str = ""):
    """Managers who rated the item in `quarter` (None: today, in the running quarter)."""
    ids = []
    for rating in ratings:
        rater = make_user(name="Rater Ratersson")
        with app.app_context():
            entry = PlanEntry(
                user_id=rater.id,
                item_id=item.id,
                status="genomford",
                rating=rating,
                comment=comment,
                completed_at=quarter.begins + timedelta(days=5) if quarter else utcnow(),
            )
            db.session.add(entry)
            db.session.commit()
            ids.append((rater, entry.id))
    return ids


def hr_page(client, make_user, login_as, item) -> str:
    login_as(make_user(roles=("hr",), name="Hanna HR"))
    response = client.get(f"/katalog/hantera/{item.id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_fewer_than_k_raters_show_nothing(app, make_user, login_as, client, make_item):
    item = make_item()
    rate(app, make_user, item, (1, 2, 5, 5), quarters_back(1), comment="Hemlig kommentar")
    page = hr_page(client, make_user, login_as, item)
    assert "Chefernas betyg: för få svar." in page
    assert "av 5 (" not in page
    assert "Hemlig kommentar" not in page


def test_k_raters_of_an_ended_quarter_show_with_pooled_comments(
    app, make_user, login_as, client, make_item
):
    item = make_item()
    last = quarters_back(1)
    rate(app, make_user, item, (5, 4, 3), last, comment="Gav mig mod")
    rate(app, make_user, item, (4, 5), last)
    page = hr_page(client, make_user, login_as, item)
    assert f"Chefernas betyg: 4,2 av 5 (5 betyg till och med {last.label})." in page
    assert page.count('<li lang="sv">Gav mig mod</li>') == 3
    assert "Rater" not in page


def test_ratings_of_the_running_quarter_do_not_move_the_figure(
    app, make_user, login_as, client, make_item
):
    item = make_item()
    rate(app, make_user, item, (2, 2, 2, 2, 2), quarters_back(1))
    rate(app, make_user, item, (5, 5, 5, 5, 5, 5), None, comment="Ny i kvartalet")
    page = hr_page(client, make_user, login_as, item)
    assert "Chefernas betyg: 2,0 av 5 (5 betyg till och med" in page
    assert "Ny i kvartalet" not in page


def test_a_new_step_needs_k_more_raters(app, make_user, login_as, client, make_item):
    item = make_item()
    first = quarters_back(2)
    rate(app, make_user, item, (1, 1, 1, 1, 1), first)
    rate(app, make_user, item, (5, 5, 5, 5), quarters_back(1), comment="Senare")
    page = hr_page(client, make_user, login_as, item)
    # Four more raters would give one rating of 5 apiece away: the first step stays.
    assert f"Chefernas betyg: 1,0 av 5 (5 betyg till och med {first.label})." in page
    assert "Senare" not in page
    rate(app, make_user, item, (5,), quarters_back(1))
    page = client.get(f"/katalog/hantera/{item.id}").get_data(as_text=True)
    assert f"Chefernas betyg: 3,0 av 5 (10 betyg till och med {quarters_back(1).label})." in page
    assert page.count('<li lang="sv">Senare</li>') == 4


def test_export_has_only_the_released_step(app, make_user, login_as, client, make_item):
    shown, hidden = make_item("Visas"), make_item("Döljs")
    rate(app, make_user, shown, (3, 3, 4, 4, 5), quarters_back(1))
    rate(app, make_user, shown, (1,), None)
    rate(app, make_user, hidden, (1, 5, 5), quarters_back(1))
    login_as(make_user(roles=("hr",)))
    lines = client.get("/katalog/hantera/export.csv").get_data(as_text=True).splitlines()
    assert lines[0].endswith("Snittbetyg;Antal betyg;Betyg till och med")
    row = next(line for line in lines if line.startswith("Visas;"))
    assert row.endswith(f";3,8;5;{quarters_back(1).label}")
    assert next(line for line in lines if line.startswith("Döljs;")).endswith(";;;")


def entry_state(app, entry_id):
    with app.app_context():
        entry = db.session.get(PlanEntry, entry_id)
        return None if entry is None else (entry.status, entry.rating, entry.comment)


def test_a_rating_is_final_once_its_quarter_has_ended(app, make_user, login_as, client, make_item):
    item = make_item()
    (rater, entry_id), *_ = rate(app, make_user, item, (2,), quarters_back(1), comment="Ok")
    login_as(rater)
    page = client.get("/katalog/plan").get_data(as_text=True)
    assert "kan inte ändras eller tas bort längre" in page
    assert f"/katalog/plan/{entry_id}/betyg" not in page
    refused = client.post(f"/katalog/plan/{entry_id}/betyg", data={"rating": "5"})
    assert refused.status_code == 422
    assert "kan inte ändras" in refused.get_data(as_text=True)
    client.post(f"/katalog/plan/{entry_id}/status", data={"status": "pagar"})
    client.post(f"/katalog/plan/{entry_id}/ta-bort")
    assert entry_state(app, entry_id) == ("genomford", 2, "Ok")
    assert "kan inte ändras" in client.get("/katalog/plan").get_data(as_text=True)


def test_a_rating_of_the_running_quarter_can_change_and_counts_from_then(
    app, make_user, login_as, client, make_item
):
    item = make_item()
    (rater, entry_id), *_ = rate(app, make_user, item, (2,), None)
    login_as(rater)
    changed = client.post(f"/katalog/plan/{entry_id}/betyg", data={"rating": "5", "comment": "Ja"})
    assert changed.status_code == 302
    assert entry_state(app, entry_id) == ("genomford", 5, "Ja")
    with app.app_context():
        # An item completed long ago and rated now counts from now.
        entry = db.session.get(PlanEntry, entry_id)
        entry.rating, entry.completed_at = None, quarters_back(3).begins
        db.session.commit()
    client.post(f"/katalog/plan/{entry_id}/betyg", data={"rating": "3"})
    with app.app_context():
        moment = db.session.scalar(select(PlanEntry.completed_at).where(PlanEntry.id == entry_id))
    assert moment >= running_quarter().begins
    assert client.post(f"/katalog/plan/{entry_id}/ta-bort").status_code == 302
    assert entry_state(app, entry_id) is None


def test_the_service_releases_what_the_rule_releases_quarter_by_quarter(app, make_item):
    """Ratings at random moments of eight quarters, edges of quarters in Swedish
    time included; looked at from every later quarter, HR is shown exactly the
    step the rule of toolbox/privacy/releases.py gives, and each new step
    holds at least k more raters than the one before."""
    item, rng, k = make_item(), random.Random(16), 5
    oldest = quarters_back(8)
    quarters = [oldest]
    while len(quarters) < 8:
        quarters.append(quarters[-1].next)
    given: list[list[int]] = []
    with app.app_context():
        for number, quarter in enumerate(quarters):
            span = (quarter.next.begins - quarter.begins).total_seconds()
            moments = [quarter.begins, quarter.next.begins - timedelta(microseconds=1)]
            ratings = [rng.randint(1, 5) for _ in range(rng.choice((0, 1, 2, 4, 6, 7)))]
            for index, rating in enumerate(ratings):
                rater = User(email=f"q{number}r{index}@example.se", name="R")
                moment = (
                    moments[index]
                    if index < 2
                    else quarter.begins + timedelta(seconds=rng.uniform(0, span - 1))
                )
                db.session.add(rater)
                db.session.flush()
                db.session.add(
                    PlanEntry(user_id=rater.id, item_id=item.id, status="genomford",
                              rating=rating, completed_at=moment)
                )  # fmt: skip
            given.append(ratings)
        db.session.commit()
        shown_before = 0
        for ended in range(1, len(quarters) + 1):
            looked_at = (quarters[ended - 1].next.begins + timedelta(hours=1)).replace(tzinfo=UTC)
            found = released([item.id], now=looked_at).get(item.id)
            history = [
                Figure(float(sum(sum(q) for q in given[:n])), *(sum(map(len, given[:n])),) * 2)
                for n in range(1, ended + 1)
            ]
            expected = last_release(history, k)
            if expected is None:
                assert found is None
                continue
            figure = history[expected]
            assert found == Released(figure.total / figure.count, figure.count, quarters[expected])
            assert found.raters == shown_before or found.raters - shown_before >= k
            shown_before = found.raters
