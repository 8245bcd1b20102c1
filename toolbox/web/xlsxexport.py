"""Excel (XLSX) downloads beside every CSV: the same columns and rows, cells
typed (numbers, dates, text), and no cell a spreadsheet would run as a formula.
openpyxl is loaded at the first Excel file: it costs a worker 22 MB, and most
workers never make one."""

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from flask import Response

from toolbox.web.csvexport import FORMULA_STARTS, csv_response

if TYPE_CHECKING:
    from openpyxl.cell import Cell

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel's own codes; Excel shows them in the reader's locale (decimal comma in Swedish).
NUMBER_FORMATS = {float: "0.0", int: "0", date: "yyyy-mm-dd", datetime: "yyyy-mm-dd hh:mm"}
WIDEST_COLUMN = 60


def set_cell(cell: "Cell", value: object) -> None:
    """A typed value; text that could be a formula stays text."""
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, bool) or not isinstance(value, int | float | date | str | type(None)):
        value = str(value)
    cell.value = value
    if isinstance(value, str):
        # openpyxl would store "=…" as a formula: force a text cell, and mark
        # it with Excel's quote prefix (the apostrophe of the CSV) so that
        # editing the cell in Excel keeps it text too.
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
        return
    for kind in (datetime, date, float, int):
        if isinstance(value, kind):
            cell.number_format = NUMBER_FORMATS[kind]
            return


def xlsx_bytes(sheet_title: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    from openpyxl import Workbook  # noqa: PLC0415 - see the module docstring
    from openpyxl.styles import Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title[:31]
    widths = [len(str(name)) for name in header]
    for column, name in enumerate(header, start=1):
        cell = sheet.cell(row=1, column=column)
        set_cell(cell, name)
        cell.font = Font(bold=True)
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            set_cell(sheet.cell(row=row_number, column=column), value)
            if column <= len(widths):
                widths[column - 1] = max(widths[column - 1], len(str(value or "")))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, WIDEST_COLUMN)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]):
    """A download of one sheet, named after the file."""
    body = xlsx_bytes(filename.rsplit(".", 1)[0], header, rows)
    return Response(
        body,
        mimetype=XLSX_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def table_download(kind: str, stem: str, header: Sequence[str], rows: Iterable[Sequence[object]]):
    """The table as `stem.csv` or `stem.xlsx`, by `kind` ("csv" or "xlsx")."""
    if kind == "xlsx":
        return xlsx_response(f"{stem}.xlsx", header, rows)
    return csv_response(f"{stem}.csv", header, rows)
