"""Issue 20, acceptance 2: every dashboard figure per principle as well as per
area – the sums written beside the area sums, the pages, export and goals,
and the same cells hidden in every area and principle."""

from datetime import datetime

import pytest
from sqlalchemy import select

from tests.analysis.test_pages import csv_rows
from toolbox.content import get_content
from toolbox.extensions import db
from toolbox.org.models import OrgUnit
from toolbox.reflection import summary
from toolbox.reflection.models import (
    SUBMITTED,
    Reflection,
    ReflectionAnswer,
    ReflectionPrincipleSum,
)


@pytest.fixture
def leader(make_user, login_as):
    return login_as(make_user("ledning@example.se", roles=("ledning",)))


def reflect(app, user_id: int, value: int, when: datetime) -> int:
    """A submitted reflection on the real question set: every statement
    `value`, the first one "Vet ej"."""
    with app.app_context():
        questions = get_content().question_set("sjalvskattning", 1).questions
        reflection = Reflection(
            user_id=user_id, question_set_version=1, status=SUBMITTED, submitted_at=when
        )
        db.session.add(reflection)
        db.session.flush()
        db.session.add_all(
            ReflectionAnswer(
                reflection_id=reflection.id,
                question_key=q.key,
                area=q.area,
                value=None if n == 0 else value,
            )
            for n, q in enumerate(questions)
        )
        summary.refresh([reflection.id])
        db.session.commit()
        return reflection.id


def test_principle_sums_follow_the_statements(app, make_user, submitted_at):
    user = make_user("chef@example.se", roles=("chef",))
    reflection_id = reflect(app, user.id, 4, submitted_at)
    with app.app_context():
        questions = get_content().question_set("sjalvskattning", 1).questions
        expected = {}
        for q in questions[1:]:
            for principle in q.principles:
                total, count = expected.get(principle, (0, 0))
                expected[principle] = (total + 4, count + 1)
        rows = db.session.execute(
            select(
                ReflectionPrincipleSum.principle,
                ReflectionPrincipleSum.value_sum,
                ReflectionPrincipleSum.value_count,
            ).where(ReflectionPrincipleSum.reflection_id == reflection_id)
        ).all()
        assert {p: (s, c) for p, s, c in rows} == expected


def test_the_dashboard_and_export_per_principle(app, leader, make_user, submitted_at, half_year):
    with app.app_context():
        top = OrgUnit(code="TOP", name="Förvaltningen", level="forvaltning")
        units = {
            name: OrgUnit(code=name, name=f"Verksamhet {name}", level="verksamhet", parent=top)
            for name in "ABC"
        }
        db.session.add_all([top, *units.values()])
        db.session.commit()
        ids = {"TOP": top.id} | {name: unit.id for name, unit in units.items()}
    people = {"A": [5, 5, 4, 4, 3, 3], "B": [2, 2, 3, 3, 5], "C": [1, 1]}
    for name, values in people.items():
        for n, value in enumerate(values):
            user = make_user(f"{name}{n}@example.se", roles=("chef",), unit_id=ids[name])
            reflect(app, user.id, value, submitted_at)
    page = leader.get(f"/analys/skattning?enhet={ids['TOP']}&omrade=tillit&period={half_year.key}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Per enhet: Tillit" in text
    assert '<option value="tillit" selected>' in text
    export = leader.get(
        f"/analys/export.csv?tabell=skattning&enhet={ids['TOP']}&period={half_year.key}"
    )
    header = export.get_data(as_text=True).lstrip("\ufeff").splitlines()[0].split(";")
    with app.app_context():
        content = get_content()
        names = [a.name for a in content.areas] + [p.name for p in content.principles]
    assert header == ["Enhet", *names, "Andel som skattat (%)"]
    rows = csv_rows(export)
    # A: (4+4+3+3+2+2)/6 × 25 = 75 in every principle and area; C's two never shown,
    # and B's figures would give C away.
    assert rows["Verksamhet A"][:11] == ["75,0"] * 11
    assert rows["Verksamhet C"][:11] == ["för få svar"] * 11
    assert rows["Verksamhet B"][:11] == ["för få svar"] * 11
    # A goal on a principle, with its outcome.
    response = leader.post(
        "/analys/mal/ny",
        data={
            "metric": "skattning",
            "focus": "tillit",
            "unit_id": str(ids["A"]),
            "target": "80",
            "period_key": half_year.key,
        },
    )
    assert response.status_code == 302
    goals = csv_rows(leader.get("/analys/export.csv?tabell=mal"))
    assert goals["Självskattning Tillit, Verksamhet A"][3:] == [
        "75,0",
        "5 indexenheter under målet (75 mot 80).",
    ]


def goal(leader, metric: str, period_key: str, focus: str = "", unit_id: int = 0, target="50"):
    return leader.post(
        "/analys/mal/ny",
        data={
            "metric": metric,
            "focus": focus,
            "unit_id": str(unit_id),
            "target": target,
            "period_key": period_key,
        },
    )


def test_goals_on_every_metric_of_the_dashboards(app, leader, make_unit, half_year):
    """PRODUCT.md 3.6: goals on the self–others gap, catalog coverage,
    overdue reviews, hours freed and good examples too; a metric of the whole
    organisation tells "no data yet" from "too few answers", a metric about
    people never does."""
    unit = make_unit("U1", level="verksamhet")
    refused = goal(leader, "tackning", half_year.key, unit_id=unit.id)
    assert refused.status_code == 422
    assert "Måttet gäller hela organisationen" in refused.get_data(as_text=True)
    for metric, focus in (
        ("sjalv-andra", "tillit"),
        ("tackning", ""),
        ("forsenade", ""),
        ("timmar", ""),
        ("exempel", "oppenhet"),
    ):
        assert goal(leader, metric, half_year.key, focus).status_code == 302, metric
    rows = csv_rows(leader.get("/analys/export.csv?tabell=mal"))
    outcomes = {title.split(",")[0]: row[3:] for title, row in rows.items()}
    assert outcomes["Skillnad mellan självskattning och andras bild Tillit"] == [
        "för få svar",
        "För få svar för att jämföra med målet.",
    ]
    assert outcomes["Katalogens täckning: andel område × princip med godkända objekt"] == [
        "0,0",
        "50 procentenheter under målet (0 mot 50).",
    ]
    no_data = ["inga uppgifter ännu", "Inga uppgifter ännu att jämföra med målet."]
    assert outcomes["Andel godkända objekt vars granskning är försenad"] == no_data
    assert outcomes["Frigjorda timmar som andel av de uppskattade"] == no_data
    assert outcomes["Publicerade goda exempel Öppenhet"] == [
        "0,0",
        "50 färre än målet (0 mot 50).",
    ]
    page = leader.get("/analys/").get_data(as_text=True)
    assert "inga uppgifter ännu" in page
