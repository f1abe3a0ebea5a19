"""The review conference appendix (Word): what the procedures ask a merged
chronology to carry, laid out for a landscape A4 page.

Order of the document: title block, contributors (and who is silent, and
whether the quorum of agencies is met), patterns flagged, when the child was
seen, the timeline picture, the chronology table, the sources. Every page
carries the protective marking, the child and the period, and "Page X of Y";
the parents' copy says so on every page and leaves out confidential entries.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator
from xml.sax.saxutils import escape as xml_escape
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from chrono.config import Config
from chrono.model import Chronology, Event, FileReport, Row
from chrono.own import mark_output
from chrono.report.style import (
    PARENTS_COPY,
    Account,
    View,
    Withheld,
    accounts,
    agency_colours,
    area_label,
    citation,
    edits,
    flag_groups,
    format_iso_label,
    format_precise,
    format_row_date,
    in_period as style_in_period,
    privacy,
    rule_name,
    rule_standard,
    vanished_date,
    vanished_lines,
    vanished_text,
    build_view,
    chronology_agencies,
    event_span,
    format_day,
    format_event_date,
    is_withheld,
    marking as marking_of,
    others_present,
    present_for,
    period_of,
    produced_on,
    rewrite_package,
    save_atomically,
    seen_visits,
    visit_field,
    written_date,
    wording,
)

PAGE_WIDTH = Cm(29.7)
PAGE_HEIGHT = Cm(21.0)
MARGIN = Cm(1.5)
#: Chronology table columns and widths in cm (they add up to the 26.7 cm text width).
COLUMNS: tuple[tuple[str, float], ...] = (
    ("Date", 2.7),
    ("Significant event", 6.0),
    ("Agency", 2.8),
    ("Who was involved", 3.2),
    ("Decisions/actions/outcome", 5.0),
    ("Child seen", 3.0),
    ("Comments", 4.0),
)
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
FONT = "Arial"


@dataclass
class AppendixInfo:
    """What the appendix shows, for the caller's summary line."""

    events_shown: int
    withheld: int
    flags_shown: int = 0
    flags_withheld: int = 0
    omitted_before: int = 0
    omitted_after: int = 0
    silent_agencies: list[str] = field(default_factory=list)
    quorum_met: bool = False


# ---------------------------------------------------------------- low-level Word helpers

def _set_cell_fill(cell, hex_colour: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    for old in tc_pr.findall(qn("w:shd")):
        tc_pr.remove(old)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_colour)
    tc_pr.append(shd)


_TR_PR_ORDER = ("w:cantSplit", "w:trHeight", "w:tblHeader")


def _row_flag(row, tag: str) -> None:
    """Set w:cantSplit / w:tblHeader on a row, in the schema's order (Word is strict)."""
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    later = [qn(t) for t in _TR_PR_ORDER[_TR_PR_ORDER.index(tag) + 1:]]
    for child in tr_pr:
        if child.tag in later:
            child.addprevious(element)
            return
    tr_pr.append(element)


def _fixed_layout(table, widths_cm: list[float]) -> None:
    """Fixed column widths: Word and LibreOffice otherwise squeeze long text."""
    table.autofit = False  # w:tblLayout fixed
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_cm):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    # rows added later take their cell widths from the grid (python-docx add_row)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)


def _add_field(paragraph, code: str, placeholder: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES) that the word processor fills in."""
    def fld_char(kind: str):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
        return run

    fld_char("begin")
    instr_run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    instr_run._r.append(instr)
    fld_char("separate")
    paragraph.add_run(placeholder)
    fld_char("end")


TABLE_STYLE = "Chrono table text"
TABLE_STYLE_ID = "ChronoTableText"


def _write_cell(cell, lines: list[tuple[str, dict]] | str, size: float = 8.5) -> None:
    """Fill a cell with paragraphs; each line is (text, run options).

    Paragraph spacing and the usual size come from one paragraph style: setting
    them run by run is what makes python-docx slow on a long chronology."""
    if isinstance(lines, str):
        lines = [(lines, {})]
    first = True
    for text, opts in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph._p.get_or_add_pPr().style = TABLE_STYLE_ID  # by id: a lookup by name is slow
        run = paragraph.add_run(clean(text))
        wanted = opts.get("size", size)
        if wanted != 8.5:
            run.font.size = Pt(wanted)
        if opts.get("bold"):
            run.bold = True
        if opts.get("italic"):
            run.italic = True


def _table(doc, headings: list[str], widths: list[float], header_fill: str = "D9D9D9"):
    table = doc.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    _fixed_layout(table, widths)
    for cell, text in zip(table.rows[0].cells, headings):
        _write_cell(cell, [(text, {"bold": True})])
        _set_cell_fill(cell, header_fill)
    _row_flag(table.rows[0], "w:tblHeader")
    _row_flag(table.rows[0], "w:cantSplit")
    return table


_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text) -> str:
    """Text Word can hold: control characters a submission may carry are dropped."""
    return _XML_ILLEGAL.sub("", "" if text is None else str(text))


def _runs_xml(text: str, opts: dict) -> str:
    props = ""
    if opts.get("bold"):
        props += "<w:b/>"
    if opts.get("italic"):
        props += "<w:i/>"
    size = opts.get("size", 8.5)
    if size != 8.5:
        props += f'<w:sz w:val="{int(round(size * 2))}"/>'
    text = clean(text)
    if "\n" not in text and "\t" not in text:  # most lines: one piece of text
        body = f'<w:t xml:space="preserve">{xml_escape(text)}</w:t>' if text else ""
    else:
        pieces = []
        for number, line in enumerate(text.split("\n")):
            if number:
                pieces.append("<w:br/>")
            for k, part in enumerate(line.split("\t")):
                if k:
                    pieces.append("<w:tab/>")
                if part:
                    pieces.append(f'<w:t xml:space="preserve">{xml_escape(part)}</w:t>')
        body = "".join(pieces)
    return f"<w:r>{'<w:rPr>' + props + '</w:rPr>' if props else ''}{body}</w:r>"


def _grid_widths(table) -> list[str]:
    """The table's column widths (twips), looked up once per table, not once per row."""
    return [gc.get(qn("w:w")) for gc in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def _row_xml(widths: list[str], values: list, fill: str | None = None, fills: list[str | None] | None = None,
             keep_with_next: bool = False) -> str:
    """A data row's WordprocessingML (never split across pages), as text.
    ``fills`` tints cell by cell; ``keep_with_next`` keeps the row on the page
    of the next one (an event and the other agencies' accounts of it)."""
    keep = "<w:keepNext/>" if keep_with_next else ""
    cells = []
    for index, (value, width) in enumerate(zip(values, widths)):
        lines = [(value, {})] if isinstance(value, str) or value is None else value
        tint = fills[index] if fills else fill
        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{tint}"/>' if tint else ""
        paragraphs = "".join(f'<w:p><w:pPr><w:pStyle w:val="{TABLE_STYLE_ID}"/>{keep}</w:pPr>'
                             f"{_runs_xml(text, opts)}</w:p>" for text, opts in lines) \
            or f'<w:p><w:pPr><w:pStyle w:val="{TABLE_STYLE_ID}"/>{keep}</w:pPr></w:p>'
        cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>'
                     f"{paragraphs}</w:tc>")
    return f"<w:tr><w:trPr><w:cantSplit w:val=\"true\"/></w:trPr>{''.join(cells)}</w:tr>"


#: Rows parsed together when a long table's rows go into the document tree (bounded memory per parse).
ROWS_PER_PARSE = 2000


def _parse_rows(rows: Iterable[str]) -> Iterator[list]:
    """Row XML parsed a chunk of rows at a time (one ``parse_xml`` per chunk, never one per row:
    parsing row by row was the appendix's largest cost on a long chronology)."""
    chunk: list[str] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= ROWS_PER_PARSE:
            yield list(parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(chunk)}</w:tbl>"))
            chunk = []
    if chunk:
        yield list(parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(chunk)}</w:tbl>"))


class Rows:
    """The data rows of one table, written as XML text and put into the table when the
    ``with`` block ends, parsed a chunk of rows at a time (python-docx's cell-by-cell API,
    or a parse per row, takes seconds on a long chronology)."""

    def __init__(self, table):
        self.table = table
        self.widths = _grid_widths(table)
        self.pending: list[str] = []

    def add(self, values: list, fill: str | None = None, fills: list[str | None] | None = None,
            keep_with_next: bool = False) -> None:
        self.pending.append(_row_xml(self.widths, values, fill, fills, keep_with_next))

    def __enter__(self) -> "Rows":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            for parsed in _parse_rows(self.pending):
                self.table._tbl.extend(parsed)
        self.pending = []


@dataclass
class StreamedRows:
    """A long table's data rows, made only when the document is saved and written straight
    into it: a huge chronology's rows are never all in memory at once (as XML text or as a
    document tree). ``marker`` is the comment standing in the table where they go."""

    marker: str
    rows: Callable[[], Iterator[str]]


def _stream_rows(table, streamed: list[StreamedRows], rows: Callable[[list[str]], Iterator[str]]) -> None:
    """Leave a marker in ``table`` where ``rows(widths)`` go when the document is saved."""
    marker = f"chrono-rows-{len(streamed)}"
    widths = _grid_widths(table)
    table._tbl.append(etree.Comment(marker))
    streamed.append(StreamedRows(marker, lambda: rows(widths)))


def _fill_streamed(doc, streamed: list[StreamedRows]) -> None:
    """Put streamed rows into the document tree instead (a document to work on in memory)."""
    for item in streamed:
        comment = next(c for c in doc.element.body.iter(etree.Comment) if c.text == item.marker)
        parent = comment.getparent()
        for parsed in _parse_rows(item.rows()):
            for row in parsed:
                comment.addprevious(row)
        parent.remove(comment)


#: Row XML written to the document at a time while streaming rows.
_STREAM_CHUNK = 1 << 20


def _save_streamed(doc, streamed: list[StreamedRows], target: Path) -> None:
    """Save ``doc`` with each streamed table's rows written in place of its marker.

    python-docx saves the document without them (small); word/document.xml is then
    written in pieces: the part before a marker, that table's rows as they are made,
    the rest."""
    if not streamed:
        doc.save(str(target))
        return
    buffer = io.BytesIO()
    doc.save(buffer)

    def document(xml: bytes, out) -> None:
        for item in streamed:
            head, xml = xml.split(f"<!--{item.marker}-->".encode(), 1)
            out.write(head)
            pieces: list[str] = []
            size = 0
            for row in item.rows():
                pieces.append(row)
                size += len(row)
                if size >= _STREAM_CHUNK:
                    out.write("".join(pieces).encode("utf-8"))
                    pieces, size = [], 0
            out.write("".join(pieces).encode("utf-8"))
        out.write(xml)

    rewrite_package(buffer.getvalue(), Path(target), {"word/document.xml": document})


def _keep(paragraph):
    """Keep a heading or an introduction on the page of what it introduces."""
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _spaced(paragraph):
    """A paragraph straight after a table needs air above it."""
    paragraph.paragraph_format.space_before = Pt(6)
    return paragraph


def _heading(doc, text: str, level: int = 1):
    return _keep(doc.add_heading(text, level=level))


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


# ---------------------------------------------------------------- page furniture

LANGUAGE = "en-GB"


def _british_english(doc) -> None:
    """en-GB for every style (the document defaults) and for the settings, so a
    screen reader and the spelling checker read the appendix as British English."""
    for lang in doc.styles.element.iter(qn("w:lang")):
        lang.set(qn("w:val"), LANGUAGE)
        if lang.get(qn("w:eastAsia")) == "en-US":
            lang.set(qn("w:eastAsia"), LANGUAGE)
    for lang in doc.settings.element.iter(qn("w:themeFontLang")):
        lang.set(qn("w:val"), LANGUAGE)


def _setup_page(doc) -> None:
    _british_english(doc)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.font.size = Pt(10)
    for name in ("Title", "Heading 1", "Heading 2"):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.color.rgb = RGBColor(0, 0, 0)
        fonts = style.element.rPr.rFonts
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)
    table_text = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.style_id = TABLE_STYLE_ID
    table_text.base_style = normal
    table_text.font.size = Pt(8.5)
    table_text.paragraph_format.space_before = Pt(0)
    table_text.paragraph_format.space_after = Pt(0)
    doc.styles["Title"].font.size = Pt(20)
    doc.styles["Heading 1"].font.size = Pt(14)
    doc.styles["Heading 2"].font.size = Pt(11)
    for section in doc.sections:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.left_margin = section.right_margin = MARGIN
        section.top_margin = section.bottom_margin = Cm(1.6)
        section.header_distance = section.footer_distance = Cm(0.7)


def _running_text(chron: Chronology, start: dt.date | None, end: dt.date | None) -> str:
    name = chron.child.name or "(child not named)"
    dob = f" (DOB {format_day(chron.child.dob)})" if chron.child.dob else ""
    if chron.children:
        name, dob = ", ".join(c.name for c in chron.children), ""
    return f"Multi-agency chronology: {name}{dob}. Period {format_day(start) or '?'} to {format_day(end) or '?'}"


def _furnish_sections(doc, mark: str, running: str, parents_copy: bool) -> None:
    """Marking in header and footer of every section; child and period in the
    header; Page X of Y in the footer; "Parents' copy" on every page."""
    label = f"{mark}  {PARENTS_COPY}" if parents_copy else mark
    for section in doc.sections:
        section.different_first_page_header_footer = False
        for part in (section.header, section.footer):
            part.is_linked_to_previous = False
            for paragraph in part.paragraphs[1:]:
                paragraph._p.getparent().remove(paragraph._p)
        header = section.header.paragraphs[0]
        header.text = ""
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = header.add_run(label)
        run.bold = True
        run.font.size = Pt(10)
        line = section.header.add_paragraph()
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        line.add_run(clean(running)).font.size = Pt(8)

        footer = section.footer.paragraphs[0]
        footer.text = ""
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = footer.add_run(label)
        run.bold = True
        run.font.size = Pt(8)
        footer.add_run("    Page ").font.size = Pt(8)
        _add_field(footer, "PAGE")
        footer.add_run(" of ").font.size = Pt(8)
        _add_field(footer, "NUMPAGES")
        for run in footer.runs:
            run.font.size = Pt(8)


# ---------------------------------------------------------------- contributors

def _is_social_care(agency: str) -> bool:
    name = agency.lower()
    return "social care" in name or "social work" in name or name.strip() in {"csc", "cs"}


@dataclass
class Contributor:
    agency: str
    authors: list[str]
    latest: dt.date | None
    entries: int


def _contributors(chron: Chronology, view: View) -> list[Contributor]:
    by_agency: dict[str, list[FileReport]] = {}
    for report in chron.files:
        if report.status == "ok" and report.agency:
            by_agency.setdefault(report.agency, []).append(report)
    entries: dict[str, int] = {}
    for event in view.events:
        for agency in view.agencies(event):
            entries[agency] = entries.get(agency, 0) + 1
    out = []
    for agency in sorted(set(by_agency) | set(entries)):
        reports = by_agency.get(agency, [])
        dated = [r.submitted for r in reports if r.submitted]
        latest = max(dated) if dated else None
        latest_reports = [r for r in reports if r.submitted == latest] or reports
        authors = list(dict.fromkeys(r.author or r.heading.author for r in latest_reports
                                     if r.author or r.heading.author))
        out.append(Contributor(agency, authors, latest, entries.get(agency, 0)))
    return out


def silent_agencies(chron: Chronology, expected: list[str] | None = None) -> list[str]:
    """Agencies silent in the latest round: no accepted submission and no entry
    in the calendar month of the newest submission (as the AGENCY_SILENT flag
    reads it). With ``expected`` (agencies that should send every month), any of
    those silent; otherwise those that sent something in an earlier month."""
    accepted = [f for f in chron.files if f.status == "ok" and f.agency and f.submitted]
    if not accepted:
        if not expected:
            return []
        heard = {f.agency.lower() for f in chron.files if f.status == "ok"}
        return [a for a in expected if a.lower() not in heard]
    month = max((f.submitted.year, f.submitted.month) for f in accepted)
    current = {f.agency.lower() for f in accepted if (f.submitted.year, f.submitted.month) == month}
    current |= {a.lower() for e in chron.events if (e.date.year, e.date.month) == month for a in e.agencies}
    candidates = expected if expected else sorted({f.agency for f in accepted})
    return [a for a in candidates if a.lower() not in current]


def quorum(contributors: list[Contributor]) -> tuple[bool, str]:
    """Children's social care plus at least two other agencies with direct
    contact (000:561), judged on the agencies with entries in this period."""
    active = [c.agency for c in contributors if c.entries > 0]
    social_care = [a for a in active if _is_social_care(a)]
    others = [a for a in active if not _is_social_care(a)]
    met = bool(social_care) and len(others) >= 2
    if met:
        why = (f"met: {', '.join(social_care)} and {_plural(len(others), 'other agency', 'other agencies')} "
               f"({', '.join(others)}) have entries in this period.")
    elif not social_care:
        why = "NOT met: there is no entry from Children's Social Care in this period."
    else:
        why = (f"NOT met: besides {', '.join(social_care)} only "
               f"{_plural(len(others), 'agency', 'agencies')} ({', '.join(others) or 'none'}) "
               "have entries in this period; at least two are needed.")
    return met, why


# ---------------------------------------------------------------- sections

def _title_block(doc, chron: Chronology, start, end, parents_copy: bool, mark: str, cfg=None) -> None:
    doc.add_paragraph("Multi-agency chronology", style="Title")
    doc.add_paragraph("Appendix to the social work report for the child protection review conference"
                      + (f" ({PARENTS_COPY.lower().capitalize()})" if parents_copy else ""))
    child = chron.child
    rows = [
        ("Child", child.name or "(not named in any submission)"),
        ("Date of birth", format_day(child.dob) or "(not given)"),
        ("Address", child.address or "(not given)"),
        ("Period covered", f"{format_day(start) or '?'} to {format_day(end) or '?'}"),
        ("Date produced", format_day(produced_on(chron))),
        ("Marking", mark + (f", {PARENTS_COPY.lower().capitalize()}" if parents_copy else "")),
    ]
    if chron.children:  # a family chronology: every child of the conference, each with its DOB
        rows[:2] = [("Children", "\n".join(f"{c.name} (DOB {format_day(c.dob) or 'not given'})"
                                            for c in chron.children))]
    area = area_label(chron, cfg)
    if area:
        rows.insert(len(rows) - 1, ("Local procedures", area))
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    _fixed_layout(table, [4.5, 14.0])
    for label, value in rows:
        cells = table.add_row().cells
        _write_cell(cells[0], [(label, {"bold": True})], size=10)
        _write_cell(cells[1], value, size=10)
        _set_cell_fill(cells[0], "F2F2F2")
    note = doc.add_paragraph()
    note.paragraph_format.space_before = Pt(6)
    note.add_run("Not to be passed on without the consent of the conference chair or a court order.").italic = True
    if parents_copy:
        note = doc.add_paragraph()
        note.add_run("This is the parents' copy. Confidential information, third-party information and "
                     "other adults' own records have been left out; the conference chair has the list.").bold = True


_PARENTHESIS = re.compile(r"\s*\([^)]*\)")


def _contributors_section(doc, chron, view, expected, parents_copy, cfg=None) -> tuple[list[str], bool]:
    _heading(doc, "Contributors")
    contributors = _contributors(chron, view)
    if parents_copy:
        # an agency working only with another adult, and notes such as "(re: partner)"
        # beside an author's name, would tell the parents what was withheld
        other_adults = {a.casefold() for a in privacy(cfg).get("parents_copy", {}).get("categories", {})
                        .get("other_adults", {}).get("agencies", [])}
        contributors = [Contributor(c.agency, [_PARENTHESIS.sub("", a).strip() for a in c.authors],
                                    c.latest, c.entries)
                        for c in contributors if c.entries or c.agency.casefold() not in other_adults]
    table = _table(doc, ["Agency", "Author", "Latest submission", "Entries in this period"],
                   [7.0, 8.0, 4.0, 4.0])
    colours = agency_colours(chronology_agencies(chron))
    with Rows(table) as rows:
        for c in contributors:
            rows.add([c.agency, ", ".join(c.authors) or "(not given)", format_day(c.latest) or "(not dated)",
                      str(c.entries)], fills=[colours.get(c.agency, "FFFFFF"), None, None, None])

    silent = silent_agencies(chron, expected)
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.add_run("Expected but silent this month: ").bold = True
    if silent:
        paragraph.add_run(", ".join(silent) + ". No submission from them in the latest round; "
                          "ask them before the conference.")
    elif not expected and not any(f.submitted for f in chron.files if f.status == "ok"):
        paragraph.add_run("cannot tell: no submission is dated.")
    else:
        paragraph.add_run("none.")
    met, why = quorum(contributors)
    paragraph = doc.add_paragraph()
    paragraph.add_run("Quorum of agencies: ").bold = True
    paragraph.add_run(why)
    if not parents_copy:
        pending = [r for r in chron.review if not r.decision]
        if pending:
            paragraph = doc.add_paragraph()
            paragraph.add_run("Awaiting a decision: ").bold = True
            paragraph.add_run(f"{_plural(len(pending), 'pair')} of entries may describe the same event; "
                              "decide on the Review sheet of the workbook and merge again.")
        for warning in chron.warnings:
            doc.add_paragraph(clean(warning), style="List Bullet")
    return silent, met


def _in_period(flag, start: dt.date | None, end: dt.date | None) -> bool:
    return not ((start and flag.end < start) or (end and flag.start > end))


def _flags_section(doc, chron: Chronology, view: View, events_by_id: dict[str, Event],
                   parents_copy: bool, cfg=None) -> None:
    start, end = period_of(chron, view.since, view.until)
    _heading(doc, "Patterns flagged in this period")
    _keep(doc.add_paragraph("A flag points at a pattern across agencies for the core group to consider; "
                            "it is a prompt for professional judgement, not a conclusion. Flags resting on "
                            "the same entries are shown together.")).runs[0].italic = True
    flags = [f for f in view.flags if _in_period(f, start, end)]
    earlier = len(view.flags) - len(flags)
    if not flags:
        doc.add_paragraph("No pattern was flagged in this period." if not view.flags_withheld else
                          "No pattern is shown in this copy.")
        return
    widths = [2.0, 6.4, 10.5, 7.8]
    table = _table(doc, ["Severity", "Pattern", "What was found", "Evidence (dates)"], widths)
    withheld_ids = {eid for eid, items in view.withheld_accounts.items() if items and items[0].whole_event}
    ordered = sorted(flags, key=lambda f: (SEVERITY_ORDER.get(f.severity, 3), f.start, f.id))
    hidden_agencies = _hidden_agencies(chron, view) if parents_copy else set()
    with Rows(table) as rows:
        for group in flag_groups(ordered, cfg):
            severity = min((f.severity for f in group), key=lambda v: SEVERITY_ORDER.get(v, 3))
            pattern: list[tuple[str, dict]] = []
            found: list[tuple[str, dict]] = []
            for flag in group:
                pattern.append((rule_name(flag.rule, cfg), {"bold": True}))
                pattern.append((f"{format_day(flag.start)} to {format_day(flag.end)}", {"size": 7}))
                found.append((_summary_for(flag, view, hidden_agencies) if parents_copy else flag.summary, {}))
                standard = rule_standard(flag.rule, cfg)
                if standard:
                    found.append((standard, {"size": 7.5, "italic": True}))
            ids = list(dict.fromkeys(i for f in group for i in f.events))
            dates = []
            for event_id in ids:
                if event_id in withheld_ids:
                    continue
                event = events_by_id.get(event_id)
                if event is None:
                    dates.append(event_id)
                elif parents_copy:
                    dates.append(format_event_date(event, with_time=False))
                else:
                    dates.append(f"{format_event_date(event, with_time=False)} ({event_id})")
            rows.add([[(severity.upper(), {"bold": severity == "high"})], pattern, found,
                      "; ".join(dates) or ("no entry: the flag is about a gap" if not ids else "(see chronology)")])
    if earlier:
        where = "not shown here" if parents_copy else "on the Flags sheet of the workbook"
        _spaced(doc.add_paragraph(f"{_plural(earlier, 'flag')} about the time before this period "
                                  f"{'is' if earlier == 1 else 'are'} {where}."))


def _hidden_agencies(chron: Chronology, view: View) -> set[str]:
    """Agencies the parents' copy shows nowhere (all their accounts withheld)."""
    shown = {a for e in view.events for a in view.agencies(e)}
    return {a for e in chron.events for a in e.agencies} - shown


def _summary_for(flag, view: View, hidden_agencies: set[str]) -> str:
    """A flag's finding for the parents' copy: not when it names an agency whose
    records are withheld (it would tell the parents what was left out)."""
    if any(agency in flag.summary for agency in hidden_agencies):
        return "The details rest partly on information left out of this copy; the chair has them."
    return flag.summary


def _seen_by(event: Event | None, view: View) -> list[str]:
    """The agencies whose own account says the child was seen (not those that
    were only told about it)."""
    if event is None:
        return []
    return [a.agency for a in view.shown_accounts(event) if a.row.child_seen == "yes"]


def _seen_sections(doc, chron: Chronology, view: View, events_by_id: dict[str, Event]) -> int:
    if chron.children:  # a family chronology: when each child was seen (000:713)
        return sum(_seen_section(doc, chron, view, events_by_id, kid) for kid in chron.children)
    return _seen_section(doc, chron, view, events_by_id)


def _seen_section(doc, chron: Chronology, view: View, events_by_id: dict[str, Event], child=None) -> int:
    who = child.name if child is not None else "the child"
    _heading(doc, f"When {who} was seen in this period")
    _keep(doc.add_paragraph(f"The dates {who} was seen in this period, by which agency (as that agency "
                            "recorded it), whether alone and, if not, who else was present."))
    start, end = period_of(chron, view.since, view.until)
    # background history before the period is in the chronology, not in this table
    in_period = [e for e in view.events if style_in_period(e, start, end)]
    shown = {e.id for e in in_period}
    visits = [v for v in seen_visits(in_period, child) if visit_field(v, "event") in shown
              or visit_field(v, "event") is None]
    rows = []
    for visit in visits:
        event = events_by_id.get(visit_field(visit, "event"))
        by = _seen_by(event, view) if event is not None else list(visit_field(visit, "agencies") or [])
        if child is not None and event is not None:
            by = [a for a in by if a in (visit_field(visit, "agencies") or [])] or by
        if event is not None and not by:
            continue
        rows.append((visit, by))
    if not rows:
        doc.add_paragraph(f"No entry in this period records that {who} was seen.").runs[0].bold = True
        return 0
    widths = [2.8, 5.0, 2.6, 6.0, 10.3]
    table = _table(doc, ["Date", "Seen by", "Seen alone?", "Who else was present", "Detail"], widths)
    first_name = (child.name if child is not None else chron.child.name) or ""
    with Rows(table) as table_rows:
        for visit, by in rows:
            day = visit_field(visit, "date")
            event = events_by_id.get(visit_field(visit, "event"))
            when = (format_event_date(event) if event is not None else
                    format_day(day) + (f" {visit_field(visit, 'time')}" if visit_field(visit, "time") else ""))
            alone = visit_field(visit, "alone")
            present = present_for(event, visit_field(visit, "present") or "", first_name)
            table_rows.add([when, ", ".join(by), {True: "Yes", False: "No"}.get(alone, "Not recorded"),
                            present or ("" if alone else "Not recorded"), visit_field(visit, "detail") or ""])
    return len(rows)


def chart_description(chron: Chronology, view: View) -> str:
    """The alternative text of the timeline picture: what a sighted reader takes from it."""
    start, end = period_of(chron, view.since, view.until)
    counts: dict[str, int] = {}
    for event in view.events:
        for agency in event.agencies:
            counts[agency] = counts.get(agency, 0) + 1
    busiest = ", ".join(f"{a} {n}" for a, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])))
    text = (f"Timeline of {_plural(len(view.events), 'entry', 'entries')} from {format_day(start) or '?'} "
            f"to {format_day(end) or '?'}, one lane per agency. Entries by agency: {busiest or 'none'}.")
    if view.flags:
        text += f" {_plural(len(view.flags), 'pattern')} flagged, listed in the Patterns flagged section."
    return text


def _chart_section(doc, chron, chart: Path | None, since, until, parents_copy, mark, view: View,
                   cfg=None) -> None:
    if chart is None:
        return
    _heading(doc, "Timeline")
    if parents_copy:
        # never trust a picture drawn for the professionals' copy
        from chrono.report.chart import render_chart
        source = io.BytesIO(render_chart(chron, since, until, parents_copy=True, marking=mark, cfg=cfg))
    else:
        source = str(chart)
    picture = doc.add_picture(source, width=Cm(26.0))
    max_height = Cm(15.0)
    if picture.height > max_height:
        ratio = max_height / picture.height
        picture.height = int(picture.height * ratio)
        picture.width = int(picture.width * ratio)
    doc_pr = picture._inline.docPr
    doc_pr.set("descr", clean(chart_description(chron, view)))
    doc_pr.set("title", "Timeline of the chronology")


_SEEN_WORDS = {"yes": "Yes", "no": "No", "unknown": "Not recorded"}


def _seen_lines(row: Row) -> list[tuple[str, dict]]:
    lines = [(_SEEN_WORDS.get(row.child_seen, row.child_seen), {"bold": True})]
    if row.seen_text and row.seen_text.strip().lower() not in {"yes", "no", "y", "n"}:
        lines.append((row.seen_text, {}))
    return lines


def _check_lines(event: Event) -> list[tuple[str, dict]]:
    lines: list[tuple[str, dict]] = []
    if event.needs_review or event.conflicts:
        lines.append(("CHECK:", {"bold": True}))
        for name, values in event.conflicts.items():
            if name == "date":
                values = [format_iso_label(v) for v in values]
            shown = " | ".join(v if len(v) <= 90 else v[:89] + "…" for v in values)
            label = {"child_seen": "whether the child was seen"}.get(name, name)
            lines.append((f"accounts differ on {label}: {shown}", {"bold": True, "size": 7.5}))
        if event.needs_review:
            lines.append(("may be the same event as another entry; awaiting a decision",
                          {"bold": True, "size": 7.5}))
    return lines


def _event_rows(widths: list[str], event: Event, shown: list[Account], colours: dict[str, str],
                show_id: bool = True, parents_view: bool = False) -> Iterator[str]:
    """An event's rows (XML): the lead account in full, then each other agency's own
    account beneath it (its own who, outcome and child seen), labelled by agency."""
    event_date = format_event_date(event)
    when = [(event_date, {"bold": True})]
    written = written_date(event)
    if written:
        when.append((f"as written: {written}", {"size": 7, "italic": True}))
    if show_id:
        when.append((event.id, {"size": 7}))
    lead, others = (shown[0], shown[1:]) if shown else (None, [])
    # CHECK notes are for the professionals resolving them, not for the parents
    what = [] if parents_view else _check_lines(event)
    if lead is None:
        yield _row_xml(widths, [when, what + [(event.event, {})], "(not given)", event.who, event.outcome,
                                [(_SEEN_WORDS.get(event.child_seen, event.child_seen), {"bold": True})],
                                event.comments], "FFFFFF")
        return
    row = lead.row
    if others:
        what.append((f"{row.agency}'s account:", {"bold": True, "size": 7.5}))
    what.append((event.event if lead.lead and row.event.strip() != event.event.strip() and
                 not parents_view else row.event, {}))
    agency = [(row.agency or "(not given)", {})]
    if others:
        agency.append((f"and {_plural(len(others), 'other account')} below", {"size": 7, "italic": True}))
    fill = colours.get(row.agency, "FFFFFF")
    yield _row_xml(widths, [when, what, agency, row.who, row.outcome, _seen_lines(row), row.comments], fill,
                   keep_with_next=bool(others))
    for number, account in enumerate(others, start=1):
        r = account.row
        date_note = [("same event", {"size": 7, "italic": True})]
        own_date = format_row_date(r)
        if own_date != event_date:
            date_note.append((f"{r.agency} dated it {own_date}", {"size": 7, "italic": True}))
        tint = colours.get(r.agency, "FFFFFF")
        yield _row_xml(widths, [date_note, [(f"{r.agency}'s account:", {"bold": True, "size": 7.5}), (r.event, {})],
                                r.agency, r.who, r.outcome, _seen_lines(r), r.comments],
                       fills=[fill] + [tint] * 6, keep_with_next=number < len(others))


def _chronology_section(doc, chron: Chronology, view: View, parents_copy: bool,
                        streamed: list[StreamedRows]) -> None:
    _heading(doc, "Chronology of significant events")
    start, end = period_of(chron, view.since, view.until)
    intro = _keep(doc.add_paragraph(f"{_plural(len(view.events), 'entry', 'entries')}, oldest first."))
    if view.since is None and start is not None:
        background = sum(1 for e in view.events if event_span(e)[1] < start)
        if background:
            intro.add_run(f" The first {_plural(background, 'entry', 'entries')} "
                          f"{'is' if background == 1 else 'are'} background history from before "
                          f"{format_day(start)}.")
    omitted = []
    if view.before:
        omitted.append(f"{_plural(view.before, 'earlier entry', 'earlier entries')} "
                       f"(before {format_day(view.since)}, background history)")
    if view.after:
        omitted.append(f"{_plural(view.after, 'later entry', 'later entries')} (after {format_day(view.until)})")
    if omitted:
        intro.add_run(" Not shown here: " + " and ".join(omitted)
                      + ("." if parents_copy else "; they are in the workbook and chronology.json."))
    if parents_copy:
        paragraph = doc.add_paragraph()
        parts = sum(1 for items in view.withheld_accounts.values() if items and not items[0].whole_event)
        text = f"Left out of this copy: {_plural(view.withheld, 'entry', 'entries')}"
        if parts:
            text += f" and part of {_plural(parts, 'other entry', 'other entries')}"
        paragraph.add_run(text + " (confidential or third-party information, or another adult's own "
                          "record).").bold = True
        if view.flags_withheld:
            verb = "is" if view.flags_withheld == 1 else "are"
            paragraph.add_run(f" {_plural(view.flags_withheld, 'flag')} resting only on those entries "
                              f"{verb} also left out.")
    legend = _keep(doc.add_paragraph(
        "Dates are day/month/year; \"c.\" marks an approximate date and a month or year alone means the "
        "day is not known. Where several agencies recorded the same event, the first account is shown "
        "with the others beneath it, each under its agency's name. "
        + ("" if parents_copy else "CHECK marks an entry whose accounts differ or that may duplicate another. ")
        + "Rows are tinted by agency."))
    legend.runs[0].font.size = Pt(8)

    colours = agency_colours(chronology_agencies(chron))
    key_agencies = sorted({a for e in view.events for a in view.agencies(e)})
    if key_agencies:
        per_row = min(6, len(key_agencies))
        rows = -(-len(key_agencies) // per_row)
        key = doc.add_table(rows=rows, cols=per_row)
        key.style = "Table Grid"
        cells = [cell for row in key.rows for cell in row.cells]
        for cell, agency in zip(cells, key_agencies):
            _write_cell(cell, [(agency, {"bold": True})], size=8)
            _set_cell_fill(cell, colours.get(agency, "FFFFFF"))
        _fixed_layout(key, [26.7 / per_row] * per_row)
        doc.add_paragraph().paragraph_format.space_after = Pt(2)

    table = _table(doc, [name for name, _ in COLUMNS], [w for _, w in COLUMNS])

    def rows(widths: list[str]) -> Iterator[str]:
        for event in view.events:
            shown = view.shown_accounts(event) if parents_copy else accounts(event)
            # the parents' copy shows no ids: gaps in them would show where entries were withheld
            yield from _event_rows(widths, event, shown, colours, show_id=not parents_copy,
                                   parents_view=parents_copy)

    _stream_rows(table, streamed, rows)


def _changes_section(doc, chron: Chronology) -> None:
    """What changed since the last merge: an agency quietly deleting or
    rewriting an entry must be seen by the chair."""
    c = chron.changes
    _heading(doc, "What changed since the last merge")
    edited = edits(chron)
    since = ""
    if c.previous_generated_at:
        try:
            since = format_day(dt.datetime.fromisoformat(c.previous_generated_at.replace("Z", "+00:00")).date())
        except ValueError:
            since = ""
    intro = doc.add_paragraph()
    if c.previous_generated_at:
        intro.add_run(f"Compared with the merge of {since or 'last time'}: ")
    else:
        intro.add_run("First merge into this folder; compared across the monthly submissions: ")
    intro.add_run(f"{_plural(len(c.new_events), 'new entry', 'new entries')}, "
                  f"{_plural(len(c.edited_events), 'edited entry', 'edited entries')}, "
                  f"{_plural(len(c.vanished), 'entry', 'entries')} no longer in the agency's latest "
                  "submission.").bold = True
    if edited:
        _heading(doc, "Edited entries", 2)
        _keep(doc.add_paragraph("An agency's latest submission reads differently from its earlier one. "
                                "The latest version is the one in the chronology."))
        table = _table(doc, ["Date", "Agency", "Before", "After", "Latest file"], [2.4, 3.2, 7.3, 7.3, 6.5])
        with Rows(table) as rows:
            for edit in edited:
                rows.add([[(format_event_date(edit.event, with_time=False), {"bold": True}),
                           (edit.event.id, {"size": 7})], edit.agency,
                          _account_text(edit.before), _account_text(edit.after), edit.after.provenance.file])
    if c.vanished:
        _heading(doc, "Entries no longer submitted", 2)
        _keep(doc.add_paragraph("These entries were in an earlier submission but not in the agency's "
                                "latest one. They are kept in the chronology; ask the agency why."))
        table = _table(doc, ["Date", "Agency", "Entry as last submitted", "Last in file"], [2.6, 3.4, 13.0, 7.7])
        with Rows(table) as rows:
            for item in c.vanished:
                rows.add([[(vanished_date(item), {"bold": True}), (str(item.get("event", "")), {"size": 7})],
                          str(item.get("agency", "")),
                          [(line, {} if n == 0 else {"size": 7.5})
                           for n, line in enumerate(vanished_lines(item, chron))],
                          f"{item.get('file', '')}, row {item.get('row', '')}"])


def _account_text(row: Row) -> list[tuple[str, dict]]:
    lines = [(row.event, {})]
    for label, value in (("Who", row.who), ("Outcome", row.outcome), ("Comments", row.comments)):
        if value:
            lines.append((f"{label}: {value}", {"size": 7.5}))
    return lines


def _sources_section(doc, chron: Chronology, parents_copy: bool, cfg=None) -> None:
    _heading(doc, "Sources")
    used: dict[str, int] = {}
    for event in chron.events:
        for row in event.sources:
            used[row.provenance.file] = used.get(row.provenance.file, 0) + 1
    accepted = [r for r in chron.files if r.status == "ok"]
    refused = [r for r in chron.files if r.status != "ok"]
    technical = bool(privacy(cfg).get("parents_copy", {}).get("technical_sources", False))
    if parents_copy and not technical:
        other_adults = {a.casefold() for a in privacy(cfg).get("parents_copy", {}).get("categories", {})
                        .get("other_adults", {}).get("agencies", [])}
        latest: dict[str, dt.date | None] = {}
        for report in accepted:
            if report.agency and report.agency.casefold() not in other_adults:
                if report.submitted and (latest.get(report.agency) is None or report.submitted > latest[report.agency]):
                    latest[report.agency] = report.submitted
                latest.setdefault(report.agency, None)
        _keep(doc.add_paragraph("The agencies whose chronologies were merged, and the date of each one's "
                                "latest submission."))
        table = _table(doc, ["Agency", "Latest submission"], [10.0, 5.0])
        with Rows(table) as rows:
            for agency in sorted(latest):
                rows.add([agency, format_day(latest[agency]) or "(not dated)"])
        return
    widths = [8.7, 3.8, 3.6, 2.2, 2.2, 6.2]  # file names have no spaces to wrap at: room for them
    table = _table(doc, ["File", "Agency", "Author", "Submitted", "Rows used / read", "SHA-256"], widths)
    with Rows(table) as rows:
        for report in sorted(accepted, key=lambda r: (r.agency, r.file)):
            digest = report.sha256 or ""
            rows.add([report.file, report.agency or "(unknown)", report.author or report.heading.author,
                      format_day(report.submitted),
                      f"{used.get(report.file, 0)} / {report.rows_read}",
                      [(digest[:16] + ("…" if len(digest) > 16 else ""), {"bold": True}),
                       (digest, {"size": 5.5})]])
    if refused:
        _heading(doc, "Files not used", 2)
        if parents_copy:
            _spaced(doc.add_paragraph(f"{_plural(len(refused), 'file')} could not be used."))
        else:
            widths = [8.0, 18.7]
            table = _table(doc, ["File", "Why it was not used"], widths)
            with Rows(table) as rows:
                for report in refused:
                    rows.add([report.file, "; ".join(report.problems) or "(no reason recorded)"])
    if chron.rejected and not parents_copy:
        _spaced(doc.add_paragraph(f"{_plural(len(chron.rejected), 'row')} could not be used (for example an "
                          "unreadable date); they are listed on the Rejected sheet of the workbook."))


def _notes_section(doc, parents_copy: bool, cfg=None) -> None:
    """Where the appendix's requirements come from, in words (never a code)."""
    _heading(doc, "Notes")
    keys = ["procedures", "quorum", "seen", "consent"] + (["parents"] if parents_copy else [])
    for key in keys:
        text = citation(key, cfg)
        if text:
            paragraph = doc.add_paragraph(clean(text), style="List Bullet")
            paragraph.paragraph_format.space_after = Pt(1)
            paragraph.paragraph_format.keep_with_next = True  # the notes stay together
            for run in paragraph.runs:
                run.font.size = Pt(8)


# ---------------------------------------------------------------- entry point

def build_appendix(chron: Chronology, cfg: Config, parents_copy: bool = False, chart: Path | None = None,
                   since: dt.date | None = None, until: dt.date | None = None,
                   expected_agencies: list[str] | None = None):
    """The appendix as a python-docx Document (every row in it), and what it shows."""
    doc, info, streamed = _compose_appendix(chron, cfg, parents_copy, chart, since, until, expected_agencies)
    _fill_streamed(doc, streamed)
    return doc, info


def _period_only_from(chron: Chronology, until: dt.date | None, cfg) -> dt.date | None:
    """The period's first day when the background history before it is too long to list
    (``[appendix] background_entries_listed`` in wording.toml): a huge case's appendix then
    covers the period, and says how many earlier entries the workbook and JSON hold."""
    listed = wording(cfg).get("appendix", {}).get("background_entries_listed")
    start, _ = period_of(chron, None, until)
    if not listed or start is None:
        return None
    background = sum(1 for e in chron.events if event_span(e)[1] < start)
    return start if background > int(listed) else None


def _compose_appendix(chron: Chronology, cfg: Config, parents_copy: bool = False, chart: Path | None = None,
                      since: dt.date | None = None, until: dt.date | None = None,
                      expected_agencies: list[str] | None = None):
    """The appendix without the chronology table's rows (streamed when it is saved), what it
    shows, and those rows."""
    mark = marking_of(cfg)
    since = since or _period_only_from(chron, until, cfg)
    view = build_view(chron, since, until, parents_copy, cfg=cfg)
    start, end = period_of(chron, since, until)
    doc = Document()
    _setup_page(doc)
    _title_block(doc, chron, start, end, parents_copy, mark, cfg)
    silent, met = _contributors_section(doc, chron, view, expected_agencies, parents_copy, cfg)
    events_by_id = {e.id: e for e in chron.events}
    _flags_section(doc, chron, view, events_by_id, parents_copy, cfg)
    if not parents_copy:
        _changes_section(doc, chron)
    _seen_sections(doc, chron, view, events_by_id)
    _chart_section(doc, chron, chart, since, until, parents_copy, mark, view, cfg)
    streamed: list[StreamedRows] = []
    _chronology_section(doc, chron, view, parents_copy, streamed)
    _sources_section(doc, chron, parents_copy, cfg)
    _notes_section(doc, parents_copy, cfg)
    _furnish_sections(doc, mark, _running_text(chron, start, end), parents_copy)
    core = doc.core_properties
    names = ", ".join(c.name for c in chron.children) or chron.child.name
    core.title = clean(f"Multi-agency chronology{': ' + names if names else ''}")
    core.subject = mark + (f", {PARENTS_COPY}" if parents_copy else "")
    core.keywords = mark
    core.author = "chrono"
    core.language = LANGUAGE
    mark_output(core)  # chrono never reads its own appendix back as a submission
    info = AppendixInfo(events_shown=len(view.events), withheld=view.withheld, flags_shown=len(view.flags),
                        flags_withheld=view.flags_withheld, omitted_before=view.before,
                        omitted_after=view.after, silent_agencies=silent, quorum_met=met)
    return doc, info, streamed


def write_appendix(chron: Chronology, path: Path, cfg: Config, parents_copy: bool = False,
                   chart: Path | None = None, since: dt.date | None = None, until: dt.date | None = None,
                   expected_agencies: list[str] | None = None) -> AppendixInfo:
    """Write the review conference appendix (.docx) and say what it shows."""
    doc, info, streamed = _compose_appendix(chron, cfg, parents_copy, chart, since, until, expected_agencies)
    save_atomically(Path(path), lambda target: _save_streamed(doc, streamed, target))
    return info


# ---------------------------------------------------------------- the chair's withheld list

PARENTS_COPY_FILE = "appendix-parents-copy.docx"
WITHHELD_LIST_FILE = "withheld-list-for-chair.docx"
CHAIR_ONLY = "FOR THE CONFERENCE CHAIR ONLY: NOT TO BE SHARED WITH PARENTS"


def parents_files(outdir: Path) -> list[Path]:
    """The files that belong to a parents' copy: a later run that does not ask
    for one removes them, so an outdated copy is never handed out."""
    outdir = Path(outdir)
    from chrono.report.html import PARENTS_COPY_PAGE

    return [outdir / PARENTS_COPY_FILE, outdir / WITHHELD_LIST_FILE, outdir / PARENTS_COPY_PAGE]


def build_withheld_list(chron: Chronology, cfg: Config, since: dt.date | None = None,
                        until: dt.date | None = None):
    """The chair's list of what the parents' copy leaves out and why, so the
    chair decides what the parents see (000:928, 000:768)."""
    mark = marking_of(cfg)
    view = build_view(chron, since, until, parents_copy=True, cfg=cfg)
    start, end = period_of(chron, since, until)
    doc = Document()
    _setup_page(doc)
    doc.add_paragraph("What the parents' copy leaves out", style="Title")
    paragraph = doc.add_paragraph()
    paragraph.add_run(CHAIR_ONLY).bold = True
    doc.add_paragraph(f"Child: {chron.child.name or '(not named)'}. Period {format_day(start) or '?'} to "
                      f"{format_day(end) or '?'}. Produced {format_day(produced_on(chron))}.")
    doc.add_paragraph("Each entry or account below is left out of the parents' copy by default, for the "
                      "reason given. The chair decides whether any of it should be shared; to share a "
                      "category, remove it from [privacy.parents_copy] withhold in chrono.toml and merge again.")
    shown_ids = {e.id for e in view.events} | {eid for eid, items in view.withheld_accounts.items()
                                                 if items and items[0].whole_event}
    items = [w for event in sorted_events_by_date(chron)
             if event.id in shown_ids for w in view.withheld_accounts.get(event.id, [])]
    _heading(doc, "Entries and accounts left out")
    if not items:
        doc.add_paragraph("Nothing in this period is left out.")
    else:
        table = _table(doc, ["Date", "Agency", "Entry", "Left out", "Why", "Where"], [2.6, 3.2, 9.0, 2.6, 5.3, 4.0])
        with Rows(table) as rows:
            for item in items:
                rows.add([[(format_row_date(item.row), {"bold": True}), (item.event.id, {"size": 7})],
                          item.row.agency, _account_text(item.row),
                          "whole entry" if item.whole_event else "this account only",
                          item.reason, str(item.row.provenance)])
    if view.withheld_flags:
        _heading(doc, "Flags left out")
        doc.add_paragraph("These flags rest only on entries left out above.")
        table = _table(doc, ["Pattern", "What was found"], [8.0, 18.7])
        with Rows(table) as rows:
            for flag in view.withheld_flags:
                rows.add([[(rule_name(flag.rule, cfg), {"bold": True})], flag.summary])
    if not bool(privacy(cfg).get("parents_copy", {}).get("technical_sources", False)):
        _heading(doc, "Sections left out")
        doc.add_paragraph("The table of source files (file names, rows used and SHA-256 digests), the files "
                          "that could not be used, what changed since the last merge, the rows that could not "
                          "be read, the CHECK notes on differing or possibly duplicate accounts, and the event "
                          "ids; the parents' copy lists only the agencies that contributed.")
    _furnish_sections(doc, f"{mark}  {CHAIR_ONLY}", _running_text(chron, start, end), False)
    core = doc.core_properties
    core.title = "Withheld from the parents' copy"
    core.subject = f"{mark}, {CHAIR_ONLY}"
    core.keywords = mark
    core.author = "chrono"
    core.language = LANGUAGE
    return doc, len(items)


def sorted_events_by_date(chron: Chronology) -> list[Event]:
    return sorted(chron.events, key=lambda e: e.date)


def write_withheld_list(chron: Chronology, path: Path, cfg: Config, since: dt.date | None = None,
                        until: dt.date | None = None) -> int:
    """Write the chair's withheld list beside the parents' copy; returns how many items it names."""
    doc, count = build_withheld_list(chron, cfg, since, until)
    save_atomically(Path(path), lambda target: doc.save(str(target)))
    return count
