"""Dashboards: who may see them, what they show, and what they never reveal."""

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from tests.conftest import csrf_token_from
from toolbox import clock
from toolbox.analysis.models import Action, Goal
from toolbox.examples.models import CaseLesson, Collection, Example, ExampleCase
from toolbox.extensions import db
from toolbox.org.models import OrgUnit
from toolbox.privacy.periods import default

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


def table_rows(page: str) -> dict[str, list[str]]:
    """Each row of the page's first table: its heading and its cells."""
    table = page.split("<tbody>")[1].split("</tbody>", maxsplit=1)[0]
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S):
        name = re.sub(r"<[^>]+>", "", re.search(r"<th[^>]*>(.*?)</th>", row, re.S).group(1))
        rows[name.strip()] = re.findall(r'<td class="num">([^<]*)</td>', row)
    return rows


def csv_rows(response) -> dict[str, list[str]]:
    lines = response.get_data(as_text=True).lstrip("\ufeff").strip().splitlines()
    return {line.split(";")[0]: line.split(";")[1:] for line in lines[1:]}


def is_number(text: str) -> bool:
    return re.fullmatch(r"\d+(,\d+)?", text) is not None


def test_pages_and_exports_never_let_a_hidden_unit_be_computed(
    leader, org, half_year, add_managers
):
    """Issue 16, attack 1: one manager placed directly on the förvaltning."""
    add_managers(org["TOP"], [5])  # 100 over 2 answers
    period = f"period={half_year.key}"
    page = leader.get(f"/analys/skattning?enhet={org['TOP']}&{period}").get_data(as_text=True)
    first = {name: cells[0] for name, cells in table_rows(page).items()}  # ledarskap
    assert first == {
        "Verksamhet A": "75",
        "Verksamhet B": "för få svar",
        "Verksamhet C": "för få svar",
        "Direkt på Förvaltningen": "för få svar",
        "Totalt": "57",  # 1600 / 28
    }
    csv = csv_rows(leader.get(f"/analys/export.csv?tabell=skattning&enhet={org['TOP']}&{period}"))
    assert {name: cells[0] for name, cells in csv.items()} == {
        "Verksamhet A": "75,0",
        "Verksamhet B": "för få svar",
        "Verksamhet C": "för få svar",
        "Direkt på Förvaltningen": "för få svar",
        "Totalt": "57,1",
    }
    # Total minus A leaves B, C and the one on Top mixed: three hidden rows, one sum.
    # Drilling into B shows no figure either, and its trend has no point.
    inner = leader.get(f"/analys/skattning?enhet={org['B']}&{period}").get_data(as_text=True)
    totals = re.search(r'<tr class="total">(.*?)</tr>', inner, re.S).group(1)
    assert "50" not in shown_numbers(totals)
    assert "för få svar" in totals
    trend = inner.split("per kvartal</caption>")[1].split("</table>")[0]
    assert "50" not in shown_numbers(trend)
    points = re.findall(r'<td class="num">([^<]*)</td>', trend)
    assert len(points) == 8
    assert points[-1] == "pågår"


def test_no_period_offered_shows_a_small_group(leader, org, half_year, add_managers):
    """Every period the dashboards offer, on the page and in the export: the
    one manager placed on Top and C's two never get a number in any column,
    B's five no index (it would give C away) – whether seen from Top or
    drilled into."""
    add_managers(org["TOP"], [5])
    page = leader.get("/analys/skattning").get_data(as_text=True)
    offered = re.findall(r'<option value="(\d{4}(?:-[HK]\d)?)"', page)
    assert half_year.key in offered
    assert str(clock.today().year) in offered
    running = re.findall(r'<option value="([^"]+)"[^>]*>[^<]*\(pågår\)</option>', page)
    assert str(clock.today().year) in running
    assert half_year.key not in running
    numbers = 0
    for key in offered:
        for tabell in ("export.csv?tabell=skattning&", "skattning?"):
            top = rows_of(leader, f"/analys/{tabell}enhet={org['TOP']}&period={key}")
            assert set(top) == {
                "Verksamhet A",
                "Verksamhet B",
                "Verksamhet C",
                "Direkt på Förvaltningen",
                "Totalt",
            }
            b = rows_of(leader, f"/analys/{tabell}enhet={org['B']}&period={key}")["Totalt"]
            c = rows_of(leader, f"/analys/{tabell}enhet={org['C']}&period={key}")["Totalt"]
            for cells in (top["Direkt på Förvaltningen"], top["Verksamhet C"], c):
                assert len(cells) == 12, (key, tabell)  # 4 areas, 7 principles, share
                assert not any(map(is_number, cells)), (key, tabell)
            for cells in (top["Verksamhet B"][:11], b[:11]):  # every area's and principle's index
                assert not any(map(is_number, cells)), (key, tabell)
            numbers += sum(map(is_number, top["Verksamhet A"]))
    assert numbers > 0  # A's figures are shown where it has them


def rows_of(client, path: str) -> dict[str, list[str]]:
    response = client.get(path)
    assert response.status_code == 200, path
    if "export.csv" in path:
        return csv_rows(response)
    return table_rows(response.get_data(as_text=True))


def test_the_dashboards_open_on_the_last_ended_half_year(leader, org):
    page = leader.get(f"/analys/skattning?enhet={org['TOP']}").get_data(as_text=True)
    opened = default(clock.today())
    assert f'<option value="{opened.key}" selected>{opened.label}</option>' in page
    assert f"({opened.label})" in page
    # An unknown period, or one not offered, opens the same.
    for key in ("2026-K9", "1990", "x"):
        other = leader.get(f"/analys/skattning?enhet={org['TOP']}&period={key}")
        assert f'<option value="{opened.key}" selected>' in other.get_data(as_text=True)


def test_a_goal_with_its_gap_and_an_action_on_the_overview(app, leader, org, half_year):
    response = leader.post(
        "/analys/mal/ny",
        data={
            "metric": "skattning",
            "focus": "ledarskap",
            "unit_id": str(org["A"]),
            "target": "80",
            "period_key": half_year.key,
        },
    )
    assert response.status_code == 302
    page = leader.get("/analys/").get_data(as_text=True)
    assert "5 indexenheter under målet (75 mot 80)." in page
    assert f"<td>{half_year.label}</td>" in page
    goals = csv_rows(leader.get("/analys/export.csv?tabell=mal"))
    assert goals["Självskattning Ledarskap, Verksamhet A"] == [
        "Verksamhet A",
        half_year.label,
        "80",
        "75,0",
        "5 indexenheter under målet (75 mot 80).",
    ]
    with app.app_context():
        goal = db.session.scalar(select(Goal))
        goal_id = goal.id
        assert (goal.period_key, goal.unit_id, goal.target) == (half_year.key, org["A"], 80)
    response = leader.post(
        "/analys/atgarder/ny",
        data={
            "title": "Ledarskapsdialog i A",
            "owner": "Verksamhetschef A",
            "due_on": f"{clock.today().year + 1}-03-01",
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


def test_a_goal_on_a_running_period_waits_for_it_to_end(leader, org):
    year = str(clock.today().year)
    data = {"metric": "skattning", "focus": "ledarskap", "unit_id": "0", "target": "50"}
    assert leader.post("/analys/mal/ny", data=data | {"period_key": year}).status_code == 302
    page = leader.get("/analys/").get_data(as_text=True)
    assert "Perioden pågår: utfallet visas när den är slut." in page
    goals = csv_rows(leader.get("/analys/export.csv?tabell=mal"))
    assert goals["Självskattning Ledarskap, hela org."] == [
        "Hela organisationen",
        year,
        "50",
        "pågår",
        "Perioden pågår: utfallet visas när den är slut.",
    ]


def goal_data(**values) -> dict:
    return {
        "metric": "skattning",
        "focus": "ledarskap",
        "unit_id": "0",
        "target": "75",
        "period_key": "",
        "note": "Vår egen formulering",
    } | values


NOT_OFFERED = "Välj ett kvartal, halvår eller år i listan: mål gäller hela perioder."


@pytest.mark.parametrize(
    ("period_key", "message"),
    [
        (None, "Välj en period."),
        ("", "Välj en period."),
        ("2026-K9", NOT_OFFERED),
        ("2026-01-01", NOT_OFFERED),  # a day, as goals were set before
        ("1990", NOT_OFFERED),  # a period, but not one offered
    ],
)
def test_a_goal_needs_a_period_that_is_offered(app, leader, org, period_key, message):
    data = goal_data(period_key=period_key)
    if period_key is None:
        del data["period_key"]
    response = leader.post("/analys/mal/ny", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    assert f'<a href="#period_key">{message}</a>' in summary
    assert summary.count("<li>") == 1  # only the period is wrong
    # What was written is kept.
    assert 'name="target" required step="any" type="number" value="75"' in page
    assert "Vår egen formulering</textarea>" in page
    assert '<option selected value="ledarskap">' in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Goal)) == 0


def test_an_old_goal_keeps_its_period_when_edited(app, leader, org):
    """A goal migrated to a period no longer offered (2020) can still be
    edited on it; a new goal cannot choose it."""
    with app.app_context():
        goal = Goal(metric="skattning", focus="ledarskap", target=50, period_key="2020-H2")
        db.session.add(goal)
        db.session.commit()
        goal_id, version = goal.id, goal.version
    page = leader.get(f"/analys/mal/{goal_id}").get_data(as_text=True)
    assert '<option selected value="2020-H2">2020 halvår 2</option>' in page
    data = goal_data(period_key="2020-H2", target="60", version=str(version))
    assert leader.post(f"/analys/mal/{goal_id}", data=data).status_code == 302
    with app.app_context():
        goal = db.session.get(Goal, goal_id)
        assert (goal.period_key, goal.target) == ("2020-H2", 60)
    refused = leader.post("/analys/mal/ny", data=goal_data(period_key="2020-H2"))
    assert refused.status_code == 422
    assert NOT_OFFERED in refused.get_data(as_text=True)


def test_goal_and_action_forms_refuse_bad_input(leader, org, half_year):
    bad = leader.post("/analys/mal/ny", data=goal_data(target="150", period_key=half_year.key))
    page = bad.get_data(as_text=True)
    assert bad.status_code == 422
    assert "Ange ett värde mellan 0 och 100." in page
    assert f'<option selected value="{half_year.key}">' in page  # the period is kept
    no_area = leader.post("/analys/mal/ny", data=goal_data(focus="", period_key=half_year.key))
    assert no_area.status_code == 422
    assert "Välj vilket område eller vilken princip målet gäller." in no_area.get_data(as_text=True)
    unknown = leader.post(
        "/analys/mal/ny",
        data=goal_data(metric="hemligt", unit_id="999999", period_key=half_year.key),
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


def test_the_goal_form_keeps_its_csrf_protection(app, leader, org, half_year):
    app.config["WTF_CSRF_ENABLED"] = True
    data = goal_data(period_key=half_year.key)
    refused = leader.post("/analys/mal/ny", data=data)
    assert refused.status_code == 400
    assert "saknade säkerhetskod" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Goal)) == 0
    token = csrf_token_from(leader.get("/analys/mal/ny").get_data(as_text=True))
    assert leader.post("/analys/mal/ny", data=data | {"csrf_token": token}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Goal.period_key)) == half_year.key


def test_statement_count_does_not_grow_with_the_organisation(
    app, leader, org, half_year, make_user, count_statements
):
    period = f"period={half_year.key}"
    paths = [f"{path}?{period}" for path in PAGES[:4]] + [
        f"/analys/skattning?enhet={org['TOP']}&{period}",
        f"/analys/export.csv?tabell=skattning&enhet={org['TOP']}&{period}",
    ]

    def counts():
        found = {}
        for path in paths:
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


def test_min_sida_shows_leadership_the_headline_gaps(leader, org, half_year):
    for target, period_key in ((90, half_year.key), (99, str(clock.today().year))):
        response = leader.post(
            "/analys/mal/ny",
            data=goal_data(unit_id=str(org["A"]), target=str(target), period_key=period_key),
        )
        assert response.status_code == 302
    page = leader.get("/").get_data(as_text=True)
    assert "15 indexenheter under målet (75 mot 90)." in page
    assert "mot 99" not in page
    assert "Perioden pågår" not in page


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
