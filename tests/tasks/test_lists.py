"""The register as a list: filters, search, sorting, pagination, CSV export,
and what Min sida says about it."""

import csv
import io

from sqlalchemy import select

from toolbox.audit.models import AuditEvent
from toolbox.extensions import db
from toolbox.web.csvexport import neutralise


def titles(client, query: str = "") -> list[str]:
    page = client.get(f"/uppgifter/{query}").get_data(as_text=True)
    rows = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        part.split('">', 1)[1].split("</a>", 1)[0]
        for part in rows.split('<th scope="row"><a href="')[1:]
    ]


def test_filters_search_and_sort(app, people, make_task, make_user, login_as, client):
    make_task("inkommen", title="Åtgärda schemat", category="hr_personal", hours="1.0")
    make_task("beslutad", title="Fakturor", hours="5.0", receiving_function="ekonomi")
    make_task(
        "inkommen",
        title="Avvikelser",
        category="process_kvalitet",
        hours="3.0",
        proposer_id=people.chef.id,
        endorsements=[(people.proposer.id, "1.0")],
    )
    make_task(
        "genomford",
        title="Nycklar",
        category="lokaler_service",
        hours="0.5",
        owner_id=people.hr.id,
        receiving_function="service",
        proposer_id=people.chef.id,
    )
    login_as(people.proposer)
    assert titles(client) == ["Nycklar", "Avvikelser", "Fakturor", "Åtgärda schemat"]
    assert titles(client, "?sortering=tid") == [
        "Fakturor",
        "Avvikelser",
        "Åtgärda schemat",
        "Nycklar",
    ]
    assert titles(client, "?kategori=hr_personal") == ["Åtgärda schemat"]
    assert titles(client, "?status=beslutad") == ["Fakturor"]
    assert titles(client, "?atgard=avlasta") == ["Nycklar", "Fakturor"]
    assert titles(client, "?funktion=service") == ["Nycklar"]
    assert titles(client, "?mina=1") == ["Avvikelser", "Fakturor", "Åtgärda schemat"]
    assert titles(client, "?q=åtgärda") == ["Åtgärda schemat"]  # å in any case, also on SQLite
    assert len(titles(client, "?q=SMÅ+FAKTUROR")) == 4  # the description: "Små fakturor …"
    assert titles(client, "?q=finns+inte") == []
    assert titles(client, "?q=100%25") == []  # a % is a character, not a wildcard
    assert titles(client, "?kategori=<script>&status=x&sortering=y") == titles(client)
    login_as(people.hr)
    assert titles(client, "?mina=1") == ["Nycklar"]


def test_pagination_keeps_the_filter(people, make_task, login_as, client):
    for number in range(30):
        make_task("inkommen", title=f"Uppgift {number:02d}", category="ekonomi")
    make_task("inkommen", title="Annan", category="ovrigt")
    login_as(people.hr)
    page = client.get("/uppgifter/?kategori=ekonomi").get_data(as_text=True)
    assert "Sida 1 av 2, 30 träffar" in page
    assert "page=2" in page
    assert "kategori=ekonomi" in page
    assert len(titles(client, "?kategori=ekonomi&page=2")) == 5


def test_csv_export_for_excel(app, people, make_task, login_as, client):
    make_task("inkommen", title='=HYPERLINK("http://evil.example")', hours="2.5", managers=2)
    make_task("beslutad", title="Fakturor", category="ekonomi", hours="1.0")
    login_as(people.ledning)
    response = client.get("/uppgifter/export.csv?status=inkommen")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeffID;Titel;")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 2  # the header and the one task with status inkommen
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Titel"] == '\'=HYPERLINK("http://evil.example")'
    assert row["Timmar per chef och månad"] == "2,5"
    assert row["Beräknad tid totalt, timmar per månad"] == "5,0"
    assert row["Status"] == "Inkommen"
    assert row["Kategori"] == "Ekonomi"
    with app.app_context():
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "tasks_exported")
        ).one()
        assert event.actor_id == people.ledning.id
        assert event.detail.startswith("1 rader")


def test_neutralise_covers_formula_starts():
    for cell in ("=1+1", "+46 70", "-5", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(cell) == "'" + cell
    assert neutralise("Fakturor") == "Fakturor"
    assert neutralise("") == ""


def todo_text(client) -> str:
    page = client.get("/").get_data(as_text=True)
    return page.split('id="todo-title"', 1)[1].split("</section>", 1)[0]


def test_min_sida_tells_each_role_what_waits(app, people, make_task, login_as, client):
    make_task("inkommen", hours="2.0")
    make_task("inkommen", hours="1.0")
    make_task("under_genomlysning", hours="3.0")
    make_task("beslutad", hours="1.0")
    login_as(people.hr)
    text = todo_text(client)
    assert "2 uppgifter väntar på bedömning." in text
    assert "väntar på beslut" not in text
    assert "beräknat 7,0 timmar per månad kan frigöras för cheferna, 0,0 är realiserade" in text
    login_as(people.ledning)
    assert "1 uppgift väntar på beslut." in todo_text(client)
    login_as(people.owner)
    assert "Du är ägare till 1 beslutad uppgift som ska genomföras och följas upp." in todo_text(
        client
    )
    login_as(people.proposer)
    text = todo_text(client)
    assert "Dina förslag: inkommen 2, under genomlysning 1, beslutad 1." in text
    assert "bedömning" not in text
    login_as(people.admin)
    assert "Administrativa uppgifter" not in todo_text(client)
