"""The report as a Word document (python-docx) that a board secretary can
paste into the board papers: the same sections, headings, lists and tables
as the print view, in Word's own styles."""

from io import BytesIO

from docx import Document
from docx.document import Document as WordDocument

from toolbox.programme.report import Report, ReportTable, Section

TOP_LEVEL = 1


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


def add_section(document: WordDocument, section: Section, level: int) -> None:
    document.add_heading(section.heading, level=level)
    for paragraph in section.paragraphs:
        document.add_paragraph(paragraph)
    for bullet in section.bullets:
        document.add_paragraph(bullet, style="List Bullet")
    for table in section.tables:
        add_table(document, table)
    for subsection in section.subsections:
        add_section(document, subsection, level + 1)


def word_file(report: Report, subtitle: str) -> bytes:
    document = Document()
    document.core_properties.title = f"Återrapportering {report.period.label}"
    document.add_heading(f"Återrapportering – {report.title}", level=0)
    document.add_paragraph(subtitle)
    for section in report.sections:
        add_section(document, section, TOP_LEVEL)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
