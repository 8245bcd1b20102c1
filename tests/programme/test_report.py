"""Återrapportering (issue 20, acceptance 3): the report for a period opens,
its summary is editable, the print view and the Word file carry every
section heading and the dashboards' own figures – none from a group under k."""

from datetime import datetime, time, timedelta
from decimal import Decimal
from io import BytesIO

import docx
from sqlalchemy import select

from toolbox import clock
from toolbox.analysis.metrics import metrics
from toolbox.analysis.scopes import Tree
from toolbox.analysis.service import scope_figure
from toolbox.extensions import db
from toolbox.programme.models import ReportIntro
from toolbox.programme.report import HEADINGS
from toolbox.tasks.models import Task
from toolbox.web.filters import figure_text


def word_text(data: bytes) -> tuple[list[str], str]:
    """The headings and the whole text (tables included) of a Word file."""
    document = docx.Document(BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return headings, "\n".join([p.text for p in document.paragraphs] + cells)


def chart_rows(data: bytes) -> dict[str, list[str]]:
    """The rows of the Word file's bar chart (the table after the figures)."""
    table = docx.Document(BytesIO(data)).tables[1]
    return {row.cells[0].text: [c.text for c in row.cells[1:]] for row in table.rows}


def dashboard_figure(app, key: str, area: str | None, period) -> str:
    """The figure Gapanalys shows for the whole organisation and the period."""
    with app.app_context():
        config = app.config
        found = metrics(
            (config["NORMTAL_MIN"], config["NORMTAL_MAX"]), config["FEEDBACK_MIN_GROUP"]
        )
        figure = scope_figure(
            found[key],
            Tree.load(),
            None,
            period,
            area,
            config["AGGREGATE_MIN_GROUP"],
            clock.today(),
        )
        return figure_text(figure)


def test_the_word_file_has_every_heading_and_the_dashboards_figures(
    app, org, half_year, leader_client
):
    response = leader_client.get(f"/program/aterrapportering.docx?period={half_year.key}")
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    assert f"aterrapportering-{half_year.key}.docx" in response.headers["Content-Disposition"]
    headings, text = word_text(response.data)
    for heading in (*HEADINGS, "Uppdraget i korthet", "Tillitsbaserad ledning"):
        assert heading in headings, heading
    expected = dashboard_figure(app, "skattning", "ledarskap", half_year)
    assert expected == "54"  # (100·4 + 75·4 + 50·4 + 25·4 + 50·4 + 100·2 + 0·4) / 26
    table = docx.Document(BytesIO(response.data)).tables[0]
    rows = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in table.rows}
    assert rows["Ledarskap"][0] == expected
    assert rows["Styrning"] == ["för få svar", "för få svar"]  # nobody answered: never "0"
    chart = chart_rows(response.data)
    assert chart["Ledarskap"] == ["█" * 11, "54"]
    assert chart["Styrning"] == ["", "för få svar"]
    assert f"Period: {half_year.label}" in text
    assert docx.Document(BytesIO(response.data)).core_properties.language == "sv"


def test_a_group_under_k_shows_no_figure(app, add_managers, make_unit, half_year, leader_client):
    unit = make_unit("SMALL", name="Liten verksamhet")
    add_managers(unit.id, [5, 4, 5, 4])  # four people: under AGGREGATE_MIN_GROUP = 5
    assert dashboard_figure(app, "skattning", "ledarskap", half_year) == "för få svar"
    response = leader_client.get(f"/program/aterrapportering.docx?period={half_year.key}")
    table = docx.Document(BytesIO(response.data)).tables[0]
    rows = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in table.rows}
    assert rows["Ledarskap"][0] == "för få svar"
    assert chart_rows(response.data)["Ledarskap"] == ["", "för få svar"]
    _, text = word_text(response.data)
    for value in ("88", "87", "100", "75"):
        assert value not in text.split()


def test_the_page_and_the_print_view_show_every_section(app, org, half_year, leader_client):
    for path in ("/program/aterrapportering", "/program/aterrapportering/utskrift"):
        page = leader_client.get(f"{path}?period={half_year.key}").get_data(as_text=True)
        for heading in HEADINGS:
            assert f">{heading}</h2>" in page, (path, heading)
        assert half_year.label in page
        assert '<svg role="img"' in page  # the chart, with the table beside it
    # An unknown period falls back to the default one rather than failing.
    assert leader_client.get("/program/aterrapportering?period=1999-K9").status_code == 200


def test_leadership_edits_the_summary_per_period(app, half_year, leader_client):
    url = f"/program/aterrapportering?period={half_year.key}"
    text = "Arbetet har kommit i gång i alla verksamheter.\n\nNästa steg är samsynen."
    assert leader_client.post(url, data={"summary": text, "version": "0"}).status_code == 302
    with app.app_context():
        intro = db.session.scalar(select(ReportIntro))
        assert intro.period_key == half_year.key
        assert intro.summary == text
    headings, body = word_text(
        leader_client.get(f"/program/aterrapportering.docx?period={half_year.key}").data
    )
    assert "Nästa steg är samsynen." in body
    # Saved on a stale version: a conflict that keeps what was written.
    stale = leader_client.post(url, data={"summary": "Annan text", "version": "0"})
    assert stale.status_code == 409
    assert "Annan text" in stale.get_data(as_text=True)
    too_long = leader_client.post(url, data={"summary": "x" * 4001, "version": "1"})
    assert too_long.status_code == 422
    with app.app_context():
        assert db.session.scalar(select(ReportIntro)).summary == text


def test_the_report_counts_activities_dialogues_and_plans_ahead(app, leader_client):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    period = (clock.today() - timedelta(days=299)).year  # the demo's first activity
    page = leader_client.get(f"/program/aterrapportering?period={period}").get_data(as_text=True)
    assert "Uppstart för förvaltningsledningen vid ledningsinternat" in page
    assert "Etablering av projektorganisation" in page  # planned: in Planering framåt
    assert "ledningsgruppsdialoger" in page


def test_the_report_counts_tasks_decided_and_followed_up_in_the_period(
    app, half_year, leader_client
):
    inside = datetime.combine(half_year.start + timedelta(days=10), time(12))
    outside = datetime.combine(half_year.end + timedelta(days=10), time(12))
    with app.app_context():
        for title, action, decided, reported in (
            ("Attestering", "avlasta", inside, inside),
            ("Schemaläggning", "utveckla", inside, None),
            ("Statistik", "avlasta", outside, None),
        ):
            db.session.add(
                Task(
                    title=title,
                    category="ekonomi",
                    frequency="varje_manad",
                    hours_per_month=Decimal(2),
                    action=action,
                    status="beslutad",
                    decided_at=decided,
                    realised_hours_per_month=Decimal(1) if reported else None,
                    realised_reported_at=reported,
                )
            )
        db.session.commit()
    _, text = word_text(
        leader_client.get(f"/program/aterrapportering.docx?period={half_year.key}").data
    )
    assert "Under perioden beslutades 2 uppgifter, varav 1 att avlasta, och för 1 följdes" in text
    assert "Uppgifter i registret: 3" in text
