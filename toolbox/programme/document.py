"""The report as a Word document (python-docx) that a board secretary can
paste into the board papers: the same sections, headings, lists and tables
as the print view, in Word's own styles and the reader's language."""

from io import BytesIO

from docx import Document
from docx.document import Document as WordDocument

from toolbox.programme.parts import Chart, Report, ReportTable, Section
from toolbox.web.filters import decimal
from toolbox.web.language import current_locale
from toolbox.web.language import gettext as _

TOP_LEVEL = 1
BAR = "█"
BAR_STEP = 5  # one block per five points of 0–100


def add_table(document: WordDocument, table: ReportTable) -> None:
    document.add_paragraph(table.caption, style="Caption")
    grid = document.add_table(rows=1, cols=len(table.headers), style="Table Grid")
    for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
        cell.text = header
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in table.rows:
        for cell, value in zip(grid.add_row().cells, row, strict=True):
            cell.text = value


def add_chart(document: WordDocument, chart: Chart) -> None:
    """A bar chart drawn with block characters, so that it pastes anywhere."""
    document.add_paragraph(chart.title, style="Caption")
    grid = document.add_table(rows=0, cols=3)
    for label, value in chart.rows:
        cells = grid.add_row().cells
        cells[0].text = label
        if value is None:
            cells[1].text, cells[2].text = "", _("för få svar")
        else:
            cells[1].text = BAR * round(max(value, 0) / BAR_STEP)
            cells[2].text = decimal(value, 0)
    document.add_paragraph(chart.description)


def add_section(document: WordDocument, section: Section, level: int) -> None:
    document.add_heading(section.heading, level=level)
    for paragraph in section.paragraphs:
        document.add_paragraph(str(paragraph))
    for bullet in section.bullets:
        document.add_paragraph(str(bullet), style="List Bullet")
    for table in section.tables:
        add_table(document, table)
    for chart in section.charts:
        add_chart(document, chart)
    for subsection in section.subsections:
        add_section(document, subsection, level + 1)


def word_file(report: Report, subtitle: str) -> bytes:
    document = Document()
    document.core_properties.title = _("Återrapportering %(period)s", period=report.period_label)
    document.core_properties.language = str(current_locale())
    document.add_heading(_("Återrapportering – %(title)s", title=report.title), level=0)
    document.add_paragraph(subtitle)
    for section in report.sections:
        add_section(document, section, TOP_LEVEL)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
