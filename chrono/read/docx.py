"""Word submissions (.docx/.docm): the DSCB template's tables, as agencies fill them.

Read with python-docx (its lxml parser resolves no entities; macros never
run: only the XML is read). Tables are numbered among all body tables in
document order, a heading table included, nested tables not; rows from the
table's first row. A table with no header row that directly follows a
chronology table with the same number of columns is its continuation after a
page break and uses the same mapping.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml.ns import qn
from lxml import etree

from chrono.config import Config
from chrono.model import FileReport, Heading, RawRow
from chrono.read.budget import Budget
from chrono.read.errors import ReadRefused, xml_problem
from chrono.read.grid import NO_TABLE, GridRow, Limits, extract_rows, extract_table, find_header, record_table
from chrono.read.headers import ColumnMapper, HeadingReader

_TBL, _P, _SDT, _SDT_CONTENT, _TC, _TR = qn("w:tbl"), qn("w:p"), qn("w:sdt"), qn("w:sdtContent"), qn("w:tc"), qn("w:tr")
_CUSTOM_XML = qn("w:customXml")
_T, _TAB, _BR, _CR, _NB_HYPHEN = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:noBreakHyphen")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
#: never text a reader sees: deleted (tracked) text, properties, field codes, the
#: fallback copy of a text box (its mc:Choice twin is read instead)
_NOT_TEXT = {qn("w:del"), qn("w:moveFrom"), qn("w:pPr"), qn("w:rPr"), qn("w:instrText"),
             qn("w:delText"), qn("w:sdtPr"), qn("w:sdtEndPr"), _MC_FALLBACK}
_WRAPPERS = {_SDT, _SDT_CONTENT, _CUSTOM_XML}


def _wrapped(parent, tags: tuple[str, ...]):
    """Children of ``parent`` with one of ``tags``, looking inside content controls."""
    for child in parent.iterchildren():
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _wrapped(child, tags)


def _block_items(parent):
    """Body-level paragraphs and tables in order (content controls opened up)."""
    return _wrapped(parent, (_TBL, _P))


def _collect_text(el, out: list[str]) -> None:
    for child in el.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _NOT_TEXT:
            continue
        if tag == _T:
            out.append(child.text or "")
        elif tag == _TAB:
            out.append("\t")
        elif tag in (_BR, _CR):
            out.append("\n")
        elif tag == _NB_HYPHEN:
            out.append("-")
        else:
            if tag == _P and out:
                out.append("\n")
            _collect_text(child, out)


def _para_text(p, parent=None) -> str:
    """A paragraph's visible text, including content controls, tracked insertions and smart tags.

    python-docx's ``Paragraph.text`` reads only direct runs and hyperlinks,
    which would silently drop dates typed into a template's content controls.
    """
    out: list[str] = []
    _collect_text(p, out)
    return "".join(out)


def _cell_text(tc, parent) -> str:
    """A cell's text; a nested table's rows are kept as ' | '-joined lines."""
    parts: list[str] = []
    for child in _block_items(tc):
        if child.tag == _P:
            parts.append(_para_text(child, parent))
        else:
            for tr in _wrapped(child, (_TR,)):
                cells = [_cell_text(c, parent) for c in _wrapped(tr, (_TC,))]
                parts.append(" | ".join(c for c in cells if c.strip()))
    return "\n".join(parts).strip("\n")


def _table_grid(tbl, parent, budget: Budget | None = None) -> list[GridRow]:
    """One text per layout column; a horizontally merged cell's text once, at its first column.

    The row's width (grid columns skipped before it plus every cell's span) is
    charged to ``budget`` before any cell is made: a cell claiming to span 300
    million columns is refused, not allocated.
    """
    rows: list[GridRow] = []
    above: list[str] = []
    for n, tr in enumerate(_wrapped(tbl, (_TR,)), start=1):
        cells = list(_wrapped(tr, (_TC,)))
        before = max(int(tr.grid_before or 0), 0)
        widths = [max(int(tc.grid_span or 1), 1) for tc in cells]
        if budget is not None:
            budget.row(before + sum(widths), f"a Word table's row {n}")
        texts: list[str] = [""] * before
        spans: list[int] = [1] * before
        for tc, span in zip(cells, widths):
            col = len(texts)
            if tc.vMerge == "continue":
                text = above[col] if col < len(above) else ""
            else:
                text = _cell_text(tc, parent)
            texts.append(text)
            texts.extend([""] * (span - 1))
            spans.append(span)
            spans.extend([0] * (span - 1))
        above = {i: t for i, t in enumerate(texts)}
        rows.append(GridRow(n, texts, spans=spans))
    return rows


_MAIN_DOCX = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_OTHER_MAINS = (
    b"application/vnd.ms-word.document.macroEnabled.main+xml",
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
)


def as_plain_docx(data: bytes) -> bytes:
    """A .docm/.dotx/.dotm re-labelled as a plain .docx, macros dropped (python-docx opens only .docx).

    Only the main part's content type changes; the macro project is left out,
    so nothing in it can ever run.
    """
    src = zipfile.ZipFile(io.BytesIO(data))
    ctypes = src.read("[Content_Types].xml")
    if not any(t in ctypes for t in _OTHER_MAINS):
        return data
    for t in _OTHER_MAINS:
        ctypes = ctypes.replace(t, _MAIN_DOCX)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename.lower().endswith("vbaproject.bin"):
                continue
            dst.writestr(info, ctypes if info.filename == "[Content_Types].xml" else src.read(info))
    return out.getvalue()


def read_docx(data: bytes, file: str, cfg: Config, report: FileReport) -> list[RawRow]:
    """Data rows of every chronology table; fills the report's heading and columns."""
    try:
        document = docx.Document(io.BytesIO(as_plain_docx(data)))
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ReadRefused(f"not a Word document that can be read ({type(exc).__name__}): open it in Word and Save As .docx")
    except etree.XMLSyntaxError as exc:
        raise ReadRefused(xml_problem(str(exc), "document"))
    mapper = ColumnMapper(cfg)
    heads = HeadingReader(cfg)
    limits = Limits.from_cfg(cfg)
    budget = Budget.from_cfg(cfg)
    search = int(cfg.section("columns").get("header_search_rows_word", 8))
    heading = Heading()
    body = document.element.body
    rows: list[RawRow] = []
    lines: list[str] = []
    table_no = 0
    previous = None  # (header, width) of the last table when it was a chronology table
    found_any = False
    for item in _block_items(body):
        if item.tag == _P:
            text = _para_text(item, document)
            if text.strip():
                lines.append(text)
            continue
        table_no += 1
        grid = _table_grid(item, document, budget)
        width = max((len(r.cells) for r in grid), default=0)
        # a table as wide as the chronology table before it continues that table: its
        # first row is an entry, never a header recognised only by what lies under it
        hit = find_header(grid, mapper, search, heads,
                          content=previous is None or width != previous[1])
        if hit is not None:
            idx, header = hit
            continuing = previous is not None and width == previous[1]
            got, titles = extract_table(grid, idx, header, file, table_no, mapper, limits, already=len(rows),
                                         heads=heads, continuing=continuing)
            previous = (header, width)
        elif previous is not None and width == previous[1] and grid:
            header = previous[0]
            got = extract_rows(grid, header, file, table_no, mapper, limits, start=0, already=len(rows))
        else:
            previous = None
            heads.add_table(heading, [r.cells for r in grid])
            continue
        found_any = True
        record_table(report, table_no, header, got)
        rows.extend(got.rows)
        report.warnings.extend(got.warnings)
        if hit is not None:
            heads.add_table(heading, [r.cells for r in titles])
            for r in titles:
                for c in r.cells:
                    heads.add_line(heading, c)
                    heads.add_title(heading, c)
    for line in lines:
        heads.add_line(heading, line)
    if not all((heading.name, heading.dob, heading.agency, heading.author)):
        try:  # the page header of a template sometimes carries the child's details
            for section in document.sections:
                for p in section.header.paragraphs:
                    heads.add_line(heading, _para_text(p._p))
        except (AttributeError, KeyError, ValueError):
            pass
    for line in lines:
        heads.add_title(heading, line)
    try:
        heads.add_creator(heading, document.core_properties.author)
    except Exception:
        pass
    report.heading = heading
    if not found_any:
        raise ReadRefused(NO_TABLE)
    return rows
