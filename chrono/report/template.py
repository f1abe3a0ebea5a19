"""The blank local chronology template (000:1121-1151) that each agency fills
in every month, in Word or Excel.

Agencies that use it send submissions chrono reads without guessing: the
heading names the child and the sharing agency, and the column headings are
the ones the procedure lists.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from chrono.report.docx import _fixed_layout, _row_flag
from chrono.report.style import DEFAULT_MARKING, save_atomically

TITLE = "Multi-Agency Child Protection Chronology"
#: The heading (000:1123-1133): label and what to write.
HEADING: tuple[tuple[str, str], ...] = (
    ("Name", "the child's name"),
    ("DOB", "the child's date of birth"),
    ("Address", "the child's address"),
    ("Agency", "the agency sharing the information"),
    ("Author", "the name of the author of the chronology"),
)
#: The columns (000:1135-1149), with widths in cm for the landscape page.
COLUMNS: tuple[tuple[str, float], ...] = (
    ("Date and Time", 3.0),
    ("Significant Event", 6.2),
    ("Professional/Agency", 3.0),
    ("Who was involved", 3.5),
    ("Decisions/Actions Outcome", 4.5),
    ("Child Seen/View obtained", 3.2),
    ("Author comments", 3.3),
)
#: A short guidance note from the procedure (000:1095-1149, 000:928).
GUIDANCE: tuple[str, ...] = (
    "Send this chronology to the key worker by secure email each month, before the core group "
    "(000:1112-1113).",
    "Date and Time: the date the event took place, not the date it was recorded, as DD/MM/YY "
    "(for example 12/03/24 21:40). If only the month or year is known, write that (Mar 2024, 2019); "
    "if the date is approximate, say so (c. 12/03/24).",
    "Significant Event: the significant piece of information, e.g. police log of domestic abuse, "
    "missed medical appointment (was not brought), allegation of injury, Section 47 enquiry. "
    "Be succinct: if every contact is recorded the chronology loses its value.",
    "Professional/Agency: the record the information came from (social work, health visiting, "
    "school nursing, police, probation ...).",
    "Who was involved: everyone involved, including professionals, the child/ren, parents, carers "
    "and other adults.",
    "Decisions/Actions Outcome: key decisions taken, action taken and the outcome.",
    "Child Seen/View obtained: Yes or No; if obtained, the child's views or observed behaviour.",
    "Author comments: anything else that gives the entry its context. Separate fact, observation, "
    "allegation and opinion.",
    "Mark third-party or confidential information [CONFIDENTIAL] so that it is left out of the "
    "parents' copy (000:928).",
)
BLANK_ROWS = 8

Format = Literal["docx", "xlsx"]


def build_docx_template(marking: str = DEFAULT_MARKING):
    """The Word template in memory: heading table, chronology table, guidance."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(1.5)
    header = section.header.paragraphs[0]
    header.text = f"{marking} (when complete)"
    header.runs[0].bold = True
    section.footer.paragraphs[0].text = f"{marking} (when complete)"

    doc.add_heading(TITLE, level=1)
    heading = doc.add_table(rows=0, cols=2)
    heading.style = "Table Grid"
    _fixed_layout(heading, [3.0, 14.0])
    for label, _ in HEADING:
        cells = heading.add_row().cells
        cells[0].text = label
        cells[0].paragraphs[0].runs[0].bold = True
    doc.add_paragraph()

    table = doc.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    _fixed_layout(table, [width for _, width in COLUMNS])
    for cell, (name, _) in zip(table.rows[0].cells, COLUMNS):
        cell.text = name
        cell.paragraphs[0].runs[0].bold = True
    _row_flag(table.rows[0], "w:tblHeader")
    for _ in range(BLANK_ROWS):
        table.add_row().height = Cm(0.9)  # room to write by hand

    doc.add_heading("Guidance", level=2)
    for text in GUIDANCE:
        paragraph = doc.add_paragraph(text, style="List Bullet")
        for run in paragraph.runs:
            run.font.size = Pt(8.5)
    doc.core_properties.title = TITLE
    doc.core_properties.author = "chrono"
    return doc


def build_xlsx_template(marking: str = DEFAULT_MARKING) -> Workbook:
    """The Excel template in memory: sheet Chronology (heading in rows 1-5,
    column headings in row 7), and a Guidance sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Chronology"
    bold = Font(bold=True)
    for number, (label, _) in enumerate(HEADING, start=1):
        ws.cell(row=number, column=1, value=label).font = bold
        ws.merge_cells(start_row=number, start_column=2, end_row=number, end_column=4)
    header_row = len(HEADING) + 2
    thin = Side(style="thin")
    fill = PatternFill("solid", fgColor="D9D9D9")
    widths = (16, 45, 20, 24, 34, 24, 28)
    for column, ((name, _), width) in enumerate(zip(COLUMNS, widths), start=1):
        cell = ws.cell(row=header_row, column=column, value=name)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        ws.column_dimensions[get_column_letter(column)].width = width
    for row in range(header_row + 1, header_row + 1 + 200):
        ws.cell(row=row, column=1).number_format = "@"  # typed as written: DD/MM/YY
        for column in range(1, len(COLUMNS) + 1):
            ws.cell(row=row, column=column).alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.oddHeader.center.text = f"{marking} (when complete)"
    ws.oddFooter.center.text = f"{marking} (when complete)   Page &P of &N"

    guide = wb.create_sheet("Guidance")
    guide.column_dimensions["A"].width = 120
    guide.cell(row=1, column=1, value=TITLE).font = Font(bold=True, size=13)
    for number, text in enumerate(GUIDANCE, start=3):
        guide.cell(row=number, column=1, value=text).alignment = Alignment(wrap_text=True, vertical="top")
    wb.properties.title = TITLE
    wb.properties.creator = "chrono"
    return wb


class TemplateError(ValueError):
    """The template cannot be written where asked; the message says what to give instead."""


def check_template_path(fmt: Format, path: Path) -> Path:
    """Where the ``fmt`` template goes: ``path`` itself, or ``path`` + the extension when it has none.

    A folder, or a name whose extension says the other format (an Excel
    workbook named ``x.docx`` would not open), raises :class:`TemplateError`.
    """
    path = Path(path)
    if path.is_dir():
        raise TemplateError(f"-o {path} is a folder: give a file name, e.g. -o {path / ('chronology_template.' + fmt)}")
    suffix = path.suffix.lower()
    if suffix in (".docx", ".xlsx") and suffix != f".{fmt}":
        other = "docx" if fmt == "xlsx" else "xlsx"
        raise TemplateError(f"-o {path} names a .{other} file but --format is {fmt}: use -o "
                            f"{path.with_suffix('.' + fmt)} or --format {other}")
    if suffix != f".{fmt}":
        path = path.with_name(path.name + f".{fmt}")
    if path.parent.exists() and not path.parent.is_dir():
        raise TemplateError(f"-o {path}: {path.parent} is a file, not a folder")
    return path


def write_template(fmt: Format, path: Path) -> None:
    """Write the blank template as ``docx`` or ``xlsx``."""
    if fmt == "docx":
        doc = build_docx_template()
        save_atomically(Path(path), lambda target: doc.save(str(target)))
    elif fmt == "xlsx":
        wb = build_xlsx_template()
        save_atomically(Path(path), lambda target: wb.save(str(target)))
    else:
        raise ValueError(f"template format must be docx or xlsx, not {fmt!r}")


def main() -> None:
    """Regenerate ``templates/`` in the repository: ``python -m chrono.report.template [folder]``."""
    import sys

    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "templates")
    for fmt in ("docx", "xlsx"):
        write_template(fmt, folder / f"chronology_template.{fmt}")


if __name__ == "__main__":
    main()
