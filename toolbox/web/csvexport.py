"""CSV downloads that open cleanly in Swedish Excel and cannot carry formulas."""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from flask import Response

# A cell starting with one of these is a formula to a spreadsheet program.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value: object) -> str:
    """A typed cell as a Swedish spreadsheet reads it: decimals with one
    place and a decimal comma (the precision of every figure the portal
    shows), dates as ISO dates, nothing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, float | Decimal):
        return f"{value:.1f}".replace(".", ",")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def neutralise(value: object) -> str:
    """The cell as text, with a leading apostrophe if it could be a formula."""
    text = cell_text(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]):
    """A download: semicolon-separated UTF-8 with a byte order mark for Excel."""
    body = "\ufeff" + csv_text(header, rows)
    return Response(
        body,
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Content-Type": "text/csv; charset=utf-8",
        },
    )
