"""CSV formula injection (PRODUCT.md section 6: exports neutralise
`= + - @` at a cell's start, as do tab and carriage return, which some
spreadsheet programs skip before a formula). Generated from the app: every
free-text field of every form any visitor finds is saved with a formula,
through the form itself; then every download that answers text/csv is
fetched as each visitor who finds it, and every cell is read back."""

import csv
import io

from tests.security.conftest import visitor_client
from tests.security.discovery import Site, Visit
from toolbox.web.csvexport import FORMULA_STARTS


def cells(body: str) -> list[str]:
    text = body.removeprefix("\ufeff")
    delimiter = ";" if ";" in text.partition("\n")[0] else ","
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


def csv_exports(site: Site) -> list[Visit]:
    """Each CSV address once, with a visitor who may download it."""
    found: dict[str, Visit] = {}
    for visit in site.downloads():
        if visit.content_type.startswith("text/csv"):
            found.setdefault(visit.url, visit)
    return list(found.values())


def test_every_export_is_found(site):
    endpoints = {visit.endpoint for visit in csv_exports(site)}
    assert {"tasks.export", "catalog.export", "analysis.export"} <= endpoints
    assert len(csv_exports(site)) >= 5


def test_no_cell_of_any_export_starts_a_formula(demo_app, demo_seed, site, planted, figure):
    assert planted >= 25
    problems, neutralised = [], 0
    for export in csv_exports(site):
        client = visitor_client(demo_app, export.role, demo_seed.prepared)
        response = client.get(export.url)
        assert response.status_code == 200, export.url
        assert response.headers["Content-Type"].startswith("text/csv"), export.url
        for cell in cells(response.get_data(as_text=True)):
            if cell.startswith(FORMULA_STARTS):
                problems.append(f"{export.url}: {cell[:60]!r}")
            neutralised += cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS)
    assert problems == []
    # The planted formulas did reach the exports, defused.
    assert neutralised >= 10
    figure("CSV: exports checked", len(csv_exports(site)))
    figure("CSV: planted formulas that reached an export, neutralised", neutralised)
