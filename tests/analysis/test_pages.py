"""Dashboards: who may see them, what they show, and what they never reveal."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from toolbox.analysis.models import Action, Goal
from toolbox.examples.models import CaseLesson, Collection, Example, ExampleCase
from toolbox.extensions import db
from toolbox.org.models import OrgUnit

PAGES = (
    "/analys/",
    "/analys/skattning",
    "/analys/forutsattningar",
    "/analys/katalog",
    "/analys/mal/ny",
    "/analys/atgarder/ny",
    "/analys/export.csv?tabell=skattning",
    "/analys/export.csv?tabell=forutsattningar",
    "/analys/export.csv?tabell=katalog",
    "/analys/goda-exempel",
    "/analys/export.csv?tabell=mal",
    "/analys/export.csv?tabell=goda-exempel",
)
CATALOG_PARTS = ("/analys/katalog", "/analys/export.csv?tabell=katalog")


@pytest.mark.parametrize("role", ["chef", "admin", "hr"])
def test_only_leadership_sees_the_dashboards(make_user, login_as, client, role):
    login_as(make_user(roles=(role,)))
    for path in PAGES:
        expected = 200 if role == "hr" and path in CATALOG_PARTS else 403
        assert client.get(path).status_code == expected, (role, path)


@pytest.fixture
def leader(make_user, login_as):
    return login_as(make_user("ledning@example.se", roles=("ledning",)))


def shown_numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:,\d+)?", text)


def test_pages_and_exports_never_let_a_hidden_unit_be_computed(leader, org):
    page = leader.get(f"/analys/skattning?enhet={org['TOP']}").get_data(as_text=True)
    rows = dict(
        re.findall(
            r'<th scope="row">(?:<a [^>]+>)?([^<]+)(?:</a>)?</th>\s*'
            r'<td class="num">([^<]+)</td>',
            page,
        )
    )
    assert rows["Verksamhet A"] == "75"
    assert rows["Verksamhet B"] == "för få svar" and rows["Verksamhet C"] == "för få svar"
    assert rows["Totalt"] == "54"
    csv = leader.get(f"/analys/export.csv?tabell=skattning&enhet={org['TOP']}").get_data(
        as_text=True
    )
    lines = {line.split(";")[0]: line.split(";")[1:] for line in csv.strip().splitlines()[1:]}
    assert lines["Verksamhet B"][0] == "för få svar"
    assert lines["Verksamhet C"][0] == "för få svar"
    # The residual after subtracting A mixes B and C: neither is 50 (B) nor 0 (C).
    residual = (1400 - 900) / (26 - 12)
    assert round(residual) not in (50, 0)
    # Drilling into B shows no figure either, and its trend has no point.
    inner = leader.get(f"/analys/skattning?enhet={org['B']}").get_data(as_text=True)
    totals = re.search(r'<tr class="total">(.*?)</tr>', inner, re.S).group(1)
    assert "50" not in shown_numbers(totals)
    trend = inner.split("per kvartal</caption>")[1].split("</table>")[0]
    assert "50" not in shown_numbers(trend)


def test_a_goal_with_its_gap_and_an_action_on_the_overview(app, leader, org):
    response = leader.post(
        "/analys/mal/ny",
        data={
            "metric": "skattning",
            "area": "ledarskap",
            "unit_id": str(org["A"]),
            "target": "80",
            "period_start": f"{date.today().year}-01-01",
            "period_end": f"{date.today().year}-12-31",
        },
    )
    assert response.status_code == 302
    page = leader.get("/analys/").get_data(as_text=True)
    assert "5 indexenheter under målet (75 mot 80)." in page
    with app.app_context():
        goal_id = db.session.scalar(select(Goal.id))
    response = leader.post(
        "/analys/atgarder/ny",
        data={
            "title": "Ledarskapsdialog i A",
            "owner": "Verksamhetschef A",
            "due_on": f"{date.today().year + 1}-03-01",
            "status": "planerad",
            "goal_id": str(goal_id),
            "gap": "",
        },
    )
    assert response.status_code == 302
    assert "Ledarskapsdialog i A" in leader.get("/analys/").get_data(as_text=True)
    with app.app_context():
        action = db.session.scalar(select(Action))
        action_id, version = action.id, action.version
    leader.post(
        f"/analys/atgarder/{action_id}",
        data={
            "title": "Ledarskapsdialog i A",
            "owner": "X",
            "due_on": "2027-03-01",
            "status": "klar",
            "goal_id": "0",
            "version": str(version),
        },
    )
    assert "Ledarskapsdialog i A" not in leader.get("/analys/").get_data(as_text=True)


def test_goal_and_action_forms_refuse_bad_input(leader, org):
    bad = leader.post(
        "/analys/mal/ny",
        data={
            "metric": "skattning",
            "area": "",
            "unit_id": "0",
            "target": "150",
            "period_start": "2026-12-31",
            "period_end": "2026-01-01",
        },
    )
    page = bad.get_data(as_text=True)
    assert bad.status_code == 422
    assert "Ange ett värde mellan 0 och 100." in page
    assert "Slutdatum kan inte ligga före startdatum." in page
    no_area = leader.post(
        "/analys/mal/ny",
        data={
            "metric": "skattning",
            "area": "",
            "unit_id": "0",
            "target": "50",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
        },
    )
    assert "Välj vilket område målet gäller." in no_area.get_data(as_text=True)
    unknown = leader.post(
        "/analys/mal/ny",
        data={
            "metric": "hemligt",
            "unit_id": "999999",
            "target": "50",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
        },
    )
    assert unknown.status_code == 422
    action = leader.post(
        "/analys/atgarder/ny",
        data={"title": "", "owner": "", "due_on": "x", "status": "klar", "goal_id": "0"},
    )
    assert action.status_code == 422
    assert "Beskriv åtgärden kort." in action.get_data(as_text=True)
    assert leader.get("/analys/skattning?enhet=999999").status_code == 404
    assert leader.get("/analys/export.csv?tabell=okand").status_code == 404


def test_statement_count_does_not_grow_with_the_organisation(
    app, leader, org, make_user, count_statements
):
    def counts():
        found = {}
        for path in PAGES[:4] + (f"/analys/skattning?enhet={org['TOP']}",):
            leader.get(path)
            with count_statements() as counter:
                assert leader.get(path).status_code == 200
            found[path] = counter.count
        return found

    small = counts()
    with app.app_context():
        for number in range(40):
            db.session.add(
                OrgUnit(
                    code=f"X{number}",
                    name=f"Extra {number}",
                    level="enhet",
                    parent_id=org["A"],
                    staff_count=12,
                )
            )
        db.session.commit()
    for number in range(20):
        make_user(f"extra{number}@example.se", roles=("chef",), unit_id=org["A"])
    assert counts() == small


def test_min_sida_shows_leadership_the_headline_gaps(leader, org):
    leader.post(
        "/analys/mal/ny",
        data={
            "metric": "skattning",
            "area": "ledarskap",
            "unit_id": str(org["A"]),
            "target": "90",
            "period_start": f"{date.today().year}-01-01",
            "period_end": f"{date.today().year}-12-31",
        },
    )
    page = leader.get("/").get_data(as_text=True)
    assert "15 indexenheter under målet (75 mot 90)." in page


def test_good_examples_and_task_figures_are_shown(app, leader):
    with app.app_context():
        collection = Collection(
            title="Insamling",
            step1_due=date(2026, 1, 1),
            step2_due=date(2026, 2, 1),
            step3_due=date(2026, 3, 1),
            delivery_date=date(2026, 4, 1),
        )
        db.session.add(collection)
        db.session.flush()
        for number, published in enumerate((True, True, False)):
            example = Example(
                collection_id=collection.id,
                unit_name=f"Enhet {number}",
                contact_name="K",
                contact_email=f"k{number}@example.se",
            )
            db.session.add(example)
            db.session.flush()
            case = ExampleCase(
                example_id=example.id,
                title=f"Case {number}",
                published_at=date(2026, 5, 1) if published else None,
            )
            db.session.add(case)
            db.session.flush()
            db.session.add(CaseLesson(case_id=case.id, area="kultur", text="Lärdom"))
        db.session.commit()
    page = leader.get("/analys/goda-exempel").get_data(as_text=True)
    assert re.search(r'<th scope="row">Kultur</th><td class="num">2</td>', page)
    assert re.search(r'<th scope="row">Styrning</th><td class="num">0</td>', page)
    conditions = leader.get("/analys/forutsattningar").get_data(as_text=True)
    assert "Administrativ avlastning" in conditions
