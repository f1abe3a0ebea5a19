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
from xml.sax.saxutils import escape as xml_escape
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.table import _Row
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from chrono.config import Config
from chrono.model import Chronology, Event, FileReport
from chrono.own import mark_output
from chrono.report.style import (
    PARENTS_COPY,
    View,
    agency_colours,
    build_view,
    chronology_agencies,
    event_span,
    format_day,
    format_event_date,
    is_withheld,
    marking as marking_of,
    period_of,
    produced_on,
    save_atomically,
    seen_visits,
    visit_field,
    written_date,
)

PAGE_WIDTH = Cm(29.7)
PAGE_HEIGHT = Cm(21.0)
MARGIN = Cm(1.5)
#: Chronology table columns and widths in cm (they add up to the 26.7 cm text width).
COLUMNS: tuple[tuple[str, float], ...] = (
    ("Date", 2.7),
    ("Significant event", 6.0),
    ("Agencies", 2.8),
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
    pieces = []
    for number, line in enumerate(clean(text).split("\n")):
        if number:
            pieces.append("<w:br/>")
        for k, part in enumerate(line.split("\t")):
            if k:
                pieces.append("<w:tab/>")
            if part:
                pieces.append(f'<w:t xml:space="preserve">{xml_escape(part)}</w:t>')
    return f"<w:r>{'<w:rPr>' + props + '</w:rPr>' if props else ''}{''.join(pieces)}</w:r>"


def _add_row(table, values: list, fill: str | None = None):
    """Append a data row (never split across pages), built as XML in one go:
    python-docx's cell-by-cell API takes seconds on a long chronology."""
    widths = [gc.get(qn("w:w")) for gc in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    cells = []
    for value, width in zip(values, widths):
        lines = [(value, {})] if isinstance(value, str) or value is None else value
        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
        paragraphs = "".join(f'<w:p><w:pPr><w:pStyle w:val="{TABLE_STYLE_ID}"/></w:pPr>'
                             f"{_runs_xml(text, opts)}</w:p>" for text, opts in lines) \
            or f'<w:p><w:pPr><w:pStyle w:val="{TABLE_STYLE_ID}"/></w:pPr></w:p>'
        cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>'
                     f"{paragraphs}</w:tc>")
    row_xml = (f"<w:tr {nsdecls('w')}><w:trPr><w:cantSplit w:val=\"true\"/></w:trPr>"
               f"{''.join(cells)}</w:tr>")
    tr = parse_xml(row_xml)
    table._tbl.append(tr)
    return _Row(tr, table)


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

def _setup_page(doc) -> None:
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
        for agency in event.agencies:
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

def _title_block(doc, chron: Chronology, start, end, parents_copy: bool, mark: str) -> None:
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
    if chron.area:
        rows.insert(5, ("Area procedures", chron.area))
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
    note.add_run("Not to be passed on without the consent of the conference chair or a court order "
                 "(000:936).").italic = True
    if parents_copy:
        note = doc.add_paragraph()
        note.add_run("This is the parents' copy. Confidential and third-party information has been "
                     "left out (000:928).").bold = True


def _contributors_section(doc, chron, view, expected, parents_copy) -> tuple[list[str], bool]:
    _heading(doc, "Contributors")
    contributors = _contributors(chron, view)
    table = _table(doc, ["Agency", "Author", "Latest submission", "Entries in this period"],
                   [7.0, 8.0, 4.0, 4.0])
    colours = agency_colours(chronology_agencies(chron))
    for c in contributors:
        row = _add_row(table, [c.agency, ", ".join(c.authors) or "(not given)",
                               format_day(c.latest) or "(not dated)", str(c.entries)])
        _set_cell_fill(row.cells[0], colours.get(c.agency, "FFFFFF"))

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
    paragraph.add_run("Quorum of agencies (000:561): ").bold = True
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


def _flags_section(doc, chron: Chronology, view: View, events_by_id: dict[str, Event],
                   parents_copy: bool) -> None:
    _heading(doc, "Patterns flagged")
    _keep(doc.add_paragraph("A flag points at a pattern across agencies for the core group to consider; "
                            "it is a prompt for professional judgement, not a conclusion.")).runs[0].italic = True
    if not view.flags:
        doc.add_paragraph("No pattern was flagged." if not view.flags_withheld else
                          "No pattern is shown in this copy.")
        return
    widths = [2.0, 5.4, 10.0, 9.3]
    table = _table(doc, ["Severity", "Pattern", "What was found", "Evidence (dates)"], widths)
    withheld_ids = {e.id for e in chron.events if is_withheld(e)} if parents_copy else set()
    for flag in sorted(view.flags, key=lambda f: (SEVERITY_ORDER.get(f.severity, 3), f.start, f.id)):
        dates = []
        for event_id in flag.events:
            if event_id in withheld_ids:
                continue
            event = events_by_id.get(event_id)
            if event is None:
                dates.append(event_id)
            elif parents_copy:
                dates.append(format_event_date(event, with_time=False))
            else:
                dates.append(f"{format_event_date(event, with_time=False)} ({event_id})")
        window = f"{format_day(flag.start)} to {format_day(flag.end)}"
        severity = flag.severity.upper()
        _add_row(table, [[(severity, {"bold": flag.severity == "high"})],
                         [(flag.rule, {"bold": True}), (window, {"size": 7.5})],
                         flag.summary,
                         "; ".join(dates) or ("no entry: the flag is about a gap" if not flag.events
                                              else "(see chronology)")])


def _seen_section(doc, view: View) -> int:
    _heading(doc, "When the child was seen")
    _keep(doc.add_paragraph("The dates the child was seen in this period, by whom, whether alone and, "
                            "if not, who was present (000:713)."))
    visits = [v for v in seen_visits(view.events) if visit_field(v, "event") in view.shown_ids
              or visit_field(v, "event") is None]
    if not visits:
        doc.add_paragraph("No entry in this period records that the child was seen.").runs[0].bold = True
        return 0
    widths = [2.8, 5.0, 2.6, 6.0, 10.3]
    table = _table(doc, ["Date", "Seen by", "Seen alone?", "Who else was present", "Detail"], widths)
    for visit in visits:
        day = visit_field(visit, "date")
        when = format_day(day) + (f" {visit_field(visit, 'time')}" if visit_field(visit, "time") else "")
        alone = visit_field(visit, "alone")
        _add_row(table, [when, ", ".join(visit_field(visit, "agencies") or []),
                         {True: "Yes", False: "No"}.get(alone, "Not recorded"),
                         visit_field(visit, "present") or ("" if alone else "Not recorded"),
                         visit_field(visit, "detail") or ""])
    return len(visits)


def _chart_section(doc, chron, chart: Path | None, since, until, parents_copy, mark) -> None:
    if chart is None:
        return
    _heading(doc, "Timeline")
    if parents_copy:
        # never trust a picture drawn for the professionals' copy
        from chrono.report.chart import render_chart
        source = io.BytesIO(render_chart(chron, since, until, parents_copy=True, marking=mark))
    else:
        source = str(chart)
    picture = doc.add_picture(source, width=Cm(26.0))
    max_height = Cm(15.0)
    if picture.height > max_height:
        ratio = max_height / picture.height
        picture.height = int(picture.height * ratio)
        picture.width = int(picture.width * ratio)


def _event_row(table, event: Event, colours: dict[str, str], show_id: bool = True) -> None:
    when = [(format_event_date(event), {"bold": True})]
    written = written_date(event)
    if written:
        when.append((f"as written: {written}", {"size": 7, "italic": True}))
    if show_id:
        when.append((event.id, {"size": 7}))
    what: list[tuple[str, dict]] = []
    if event.needs_review or event.conflicts:
        what.append(("CHECK:", {"bold": True}))
        for name, values in event.conflicts.items():
            shown = " | ".join(v if len(v) <= 90 else v[:89] + "…" for v in values)
            what.append((f"accounts differ on {name}: {shown}", {"bold": True, "size": 7.5}))
        if event.needs_review:
            what.append(("may be the same event as another entry; awaiting a decision",
                         {"bold": True, "size": 7.5}))
    what.append((event.event, {}))
    seen = {"yes": "Yes", "no": "No", "unknown": "Not recorded"}.get(event.child_seen, event.child_seen)
    seen_lines = [(seen, {"bold": True})]
    if event.seen_text and event.seen_text.strip().lower() not in {"yes", "no", "y", "n"}:
        seen_lines.append((event.seen_text, {}))
    agencies = "\n".join(event.agencies) if event.agencies else "(not given)"
    fill = colours.get(event.agencies[0], "FFFFFF") if event.agencies else "FFFFFF"
    _add_row(table, [when, what, agencies, event.who, event.outcome, seen_lines, event.comments], fill)


def _chronology_section(doc, chron: Chronology, view: View, parents_copy: bool) -> None:
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
                      + "; they are in the workbook and chronology.json.")
    if parents_copy:
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"Withheld from this copy: {_plural(view.withheld, 'entry', 'entries')} "
                          "marked confidential or third-party information (000:928).").bold = True
        if view.flags_withheld:
            verb = "is" if view.flags_withheld == 1 else "are"
            paragraph.add_run(f" {_plural(view.flags_withheld, 'flag')} resting only on those entries "
                              f"{verb} also withheld.")
    legend = _keep(doc.add_paragraph(
        "Dates are day/month/year; \"c.\" marks an approximate date and a month or year alone means the "
        "day is not known. CHECK marks an entry whose accounts differ or that may duplicate another; "
        "rows are tinted by the first agency named."))
    legend.runs[0].font.size = Pt(8)

    colours = agency_colours(chronology_agencies(chron))
    key_agencies = sorted({a for e in view.events for a in e.agencies})
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

    widths = [w for _, w in COLUMNS]
    table = _table(doc, [name for name, _ in COLUMNS], widths)
    for event in view.events:
        # the parents' copy shows no ids: gaps in them would show where entries were withheld
        _event_row(table, event, colours, show_id=not parents_copy)


def _sources_section(doc, chron: Chronology, parents_copy: bool) -> None:
    _heading(doc, "Sources")
    used: dict[str, int] = {}
    for event in chron.events:
        for row in event.sources:
            used[row.provenance.file] = used.get(row.provenance.file, 0) + 1
    accepted = [r for r in chron.files if r.status == "ok"]
    refused = [r for r in chron.files if r.status != "ok"]
    widths = [6.5, 4.2, 4.0, 2.4, 2.4, 7.2]
    table = _table(doc, ["File", "Agency", "Author", "Submitted", "Rows used / read", "SHA-256"], widths)
    for report in sorted(accepted, key=lambda r: (r.agency, r.file)):
        digest = report.sha256 or ""
        _add_row(table, [report.file, report.agency or "(unknown)", report.author or report.heading.author,
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
            for report in refused:
                _add_row(table, [report.file, "; ".join(report.problems) or "(no reason recorded)"])
    if chron.rejected and not parents_copy:
        _spaced(doc.add_paragraph(f"{_plural(len(chron.rejected), 'row')} could not be used (for example an "
                          "unreadable date); they are listed on the Rejected sheet of the workbook."))


# ---------------------------------------------------------------- entry point

def build_appendix(chron: Chronology, cfg: Config, parents_copy: bool = False, chart: Path | None = None,
                   since: dt.date | None = None, until: dt.date | None = None,
                   expected_agencies: list[str] | None = None):
    """The appendix as a python-docx Document, and what it shows."""
    mark = marking_of(cfg)
    view = build_view(chron, since, until, parents_copy)
    start, end = period_of(chron, since, until)
    doc = Document()
    _setup_page(doc)
    _title_block(doc, chron, start, end, parents_copy, mark)
    silent, met = _contributors_section(doc, chron, view, expected_agencies, parents_copy)
    events_by_id = {e.id: e for e in chron.events}
    _flags_section(doc, chron, view, events_by_id, parents_copy)
    _seen_section(doc, view)
    _chart_section(doc, chron, chart, since, until, parents_copy, mark)
    _chronology_section(doc, chron, view, parents_copy)
    _sources_section(doc, chron, parents_copy)
    _furnish_sections(doc, mark, _running_text(chron, start, end), parents_copy)
    core = doc.core_properties
    core.title = clean(f"Multi-agency chronology{': ' + chron.child.name if chron.child.name else ''}")
    core.subject = mark + (f", {PARENTS_COPY}" if parents_copy else "")
    core.keywords = mark
    core.author = "chrono"
    mark_output(core)  # chrono never reads its own appendix back as a submission
    info = AppendixInfo(events_shown=len(view.events), withheld=view.withheld, flags_shown=len(view.flags),
                        flags_withheld=view.flags_withheld, omitted_before=view.before,
                        omitted_after=view.after, silent_agencies=silent, quorum_met=met)
    return doc, info


def write_appendix(chron: Chronology, path: Path, cfg: Config, parents_copy: bool = False,
                   chart: Path | None = None, since: dt.date | None = None, until: dt.date | None = None,
                   expected_agencies: list[str] | None = None) -> AppendixInfo:
    """Write the review conference appendix (.docx) and say what it shows."""
    doc, info = build_appendix(chron, cfg, parents_copy, chart, since, until, expected_agencies)
    save_atomically(Path(path), lambda target: doc.save(str(target)))
    return info
