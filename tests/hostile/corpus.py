"""Builders for hostile input files, and the checks every refusal must pass.

Everything is built in the test's tmp_path from fictional data. The zip bombs
are written from a pre-compressed deflate block repeated many times (a full
flush resets the compressor, so the block is self-contained): a 1.1 GiB member
costs about 1 MB on disk and a fraction of a second to build.
"""

from __future__ import annotations

import struct
import time
import zipfile
import zlib
from pathlib import Path

from chrono.config import load_config
from chrono.model import ReadResult

HEADER = ["Date", "Significant event", "Agency", "Child seen", "Outcome"]
ROWS = [
    ["03/02/2025", "Home visit by social worker", "Children's Social Care", "Yes, alone", "Plan reviewed"],
    ["10/02/2025", "Missed health appointment", "Health Visiting", "No", "Letter sent"],
    ["14/02/2025", "Attended school, tired", "School", "Yes", "Monitor"],
]

#: What no message shown to a user may look like.
TRACEBACK_MARKS = ("Traceback (most recent call last)", 'File "', "line ", "Error(", "Exception(")

#: Seconds any one hostile read may take (the brief: "a few seconds").
READ_SECONDS = 5.0


# -- reading and checking ----------------------------------------------------

def read(path: Path, display_name: str | None = None, cfg=None, seconds: float = READ_SECONDS) -> ReadResult:
    """``read_file`` as the pipeline calls it; fails if it raises or is slow."""
    from chrono.read import read_file

    cfg = cfg or load_config()
    start = time.perf_counter()
    result = read_file(Path(path), display_name or Path(path).name, cfg)
    elapsed = time.perf_counter() - start
    assert isinstance(result, ReadResult), f"read_file returned {type(result).__name__}, not ReadResult"
    assert elapsed < seconds, f"reading {Path(path).name} took {elapsed:.1f}s (limit {seconds}s)"
    return result


def assert_clear(message: str) -> None:
    """A sentence a key worker can act on, not an exception dump."""
    assert isinstance(message, str) and len(message.strip()) >= 20, f"message too thin: {message!r}"
    for mark in TRACEBACK_MARKS:
        assert mark not in message, f"message looks like a traceback/repr ({mark!r}): {message!r}"


def assert_refused(result: ReadResult, *words: str) -> str:
    """Refused with a clear message mentioning each of ``words``; no rows kept."""
    report = result.report
    assert report.status == "error", f"expected a refusal, got status {report.status!r}"
    assert report.problems, "refused without saying why"
    for problem in report.problems:
        assert_clear(problem)
    assert result.rows == [], "a refused file must not pass on rows (that would be a partial read)"
    text = " ".join(report.problems).lower()
    for word in words:
        assert word.lower() in text, f"{word!r} not in the refusal message: {report.problems!r}"
    return text


def all_cells(result: ReadResult) -> list[str]:
    return [value for row in result.rows for value in (*row.cells.values(), *row.fields.values())]


# -- ordinary submissions ----------------------------------------------------

def make_docx(path: Path, rows=ROWS, header=HEADER) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("Multi-agency chronology (fictional test data)")
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    for i, text in enumerate(header):
        table.cell(0, i).text = text
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(path)
    return path


def make_xlsx(path: Path, rows=ROWS, header=HEADER) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Chronology"
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def make_csv(path: Path, rows=ROWS, header=HEADER, encoding="utf-8") -> Path:
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def make_xlsx_text_cells(path: Path, rows, header=HEADER) -> Path:
    """An xlsx whose every cell is stored as a string (even text like ``=SUM(1)``)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Chronology"
    for r, row in enumerate([header, *rows], start=1):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            cell.value = value
            cell.data_type = "s"
    wb.save(path)
    return path


# -- zip surgery -------------------------------------------------------------

def deflate(data: bytes) -> bytes:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


class Member:
    """A zip member given as a raw deflate stream, with the sizes to declare."""

    def __init__(self, name: str, stream: bytes, crc: int, size: int) -> None:
        self.name, self.stream, self.crc, self.size = name, stream, crc, size

    @classmethod
    def plain(cls, name: str, data: bytes) -> "Member":
        return cls(name, deflate(data), zlib.crc32(data), len(data))


def repeated_member(name: str, prefix: bytes, fill: bytes, chunks: int, suffix: bytes,
                    chunk_bytes: int = 1 << 24) -> Member:
    """``prefix + fill * chunk_bytes * chunks + suffix``, deflated cheaply.

    With ``chunks=70`` that is 1.1 GiB declared, about 1.1 MB stored (> 1000:1).
    """
    block = fill * (chunk_bytes // len(fill))
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(prefix) + c.flush(zlib.Z_FULL_FLUSH)
    body = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.compress(suffix) + c.flush()
    crc = zlib.crc32(prefix)
    for _ in range(chunks):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(suffix, crc)
    size = len(prefix) + len(block) * chunks + len(suffix)
    return Member(name, head + body * chunks + tail, crc, size)


def write_zip(path: Path, members: list[Member]) -> Path:
    """A plain (non-zip64) zip from pre-deflated members; sizes as declared."""
    out = bytearray()
    central = bytearray()
    for m in members:
        name = m.name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21,
                           m.crc & 0xFFFFFFFF, len(m.stream), m.size & 0xFFFFFFFF, len(name), 0)
        out += name + m.stream
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21,
                               m.crc & 0xFFFFFFFF, len(m.stream), m.size & 0xFFFFFFFF,
                               len(name), 0, 0, 0, 0, 0, offset)
        central += name
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), start, 0)
    path.write_bytes(bytes(out))
    return path


def members_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def with_member(source: Path, target: Path, name: str, replacement: Member | bytes) -> Path:
    """A copy of the Office file ``source`` with member ``name`` replaced."""
    members = []
    for member_name, data in members_of(source).items():
        if member_name == name:
            members.append(replacement if isinstance(replacement, Member) else Member.plain(name, replacement))
        else:
            members.append(Member.plain(member_name, data))
    return write_zip(target, members)


# -- hostile XML -------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

LAUGHS_DTD = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>"
)
XXE_DTD = '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def docx_body_xml(dtd: str, cell_text: str) -> bytes:
    """A document.xml with a chronology table whose first event cell is ``cell_text``."""
    def cell(text: str) -> str:
        return f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    header = "".join(cell(h) for h in HEADER)
    first = "".join(cell(cell_text if i == 1 else v) for i, v in enumerate(ROWS[0]))
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{dtd}'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:tbl>'
        f"<w:tr>{header}</w:tr><w:tr>{first}</w:tr>"
        "</w:tbl></w:body></w:document>"
    ).encode()


def sheet_xml(dtd: str, cell_text: str) -> bytes:
    """A worksheet with a header row and one row whose B2 is ``cell_text`` (inline)."""
    def cell(ref: str, text: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'

    cols = "ABCDE"
    header = "".join(cell(f"{cols[i]}1", h) for i, h in enumerate(HEADER))
    first = "".join(cell(f"{cols[i]}2", cell_text if i == 1 else v) for i, v in enumerate(ROWS[0]))
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{dtd}'
        f'<worksheet xmlns="{S_NS}"><sheetData>'
        f'<row r="1">{header}</row><row r="2">{first}</row>'
        "</sheetData></worksheet>"
    ).encode()


def sheet_member_name(path: Path) -> str:
    return next(n for n in members_of(path) if n.startswith("xl/worksheets/sheet"))


# -- big and bomb files (shared with the memory tests) ------------------------

def bomb_docx(tmp_path, chunks=70):
    """A .docx whose document.xml declares 1.1 GiB (blank padding) in ~1.1 MB."""
    good = make_docx(tmp_path / "good.docx")
    xml = docx_body_xml("", "x").decode()
    cut = xml.index("<w:tbl>")
    member = repeated_member("word/document.xml", xml[:cut].encode(), b" ", chunks, xml[cut:].encode())
    return with_member(good, tmp_path / "Police chronology.docx", "word/document.xml", member)


def bomb_xlsx(tmp_path, chunks=70):
    good = make_xlsx(tmp_path / "good.xlsx")
    sheet = sheet_member_name(good)
    xml = sheet_xml("", "x").decode()
    cut = xml.index("<sheetData>")
    member = repeated_member(sheet, xml[:cut].encode(), b" ", chunks, xml[cut:].encode())
    return with_member(good, tmp_path / "Health chronology.xlsx", sheet, member)


def liar_docx(tmp_path):
    """document.xml declares 2 KB but inflates to 1.1 GiB."""
    good = make_docx(tmp_path / "good.docx")
    xml = docx_body_xml("", "x").decode()
    cut = xml.index("<w:tbl>")
    honest = repeated_member("word/document.xml", xml[:cut].encode(), b" ", 70, xml[cut:].encode())
    liar = Member(honest.name, honest.stream, honest.crc, 2048)
    return with_member(good, tmp_path / "liar.docx", "word/document.xml", liar)


def big_xlsx(tmp_path, rows):
    """An xlsx with ``rows`` data rows and, like openpyxl's write-only mode, no
    <dimension> tag: the row count is only known by reading the sheet. The
    sheet XML is generated directly (openpyxl takes ~15 s for 200k rows)."""
    good = make_xlsx(tmp_path / "small.xlsx")
    sheet = sheet_member_name(good)

    def row(n, values):
        return f'<row r="{n}">' + "".join(
            f'<c r="{col}{n}" t="inlineStr"><is><t>{v}</t></is></c>' for col, v in zip("ABCDE", values)
        ) + "</row>"

    body = [row(1, HEADER)]
    body += [row(n, ("03/02/2025", f"Contact {n}", "School", "Yes", "")) for n in range(2, rows + 2)]
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{S_NS}">'
           f'<sheetData>{"".join(body)}</sheetData></worksheet>').encode()
    return with_member(good, tmp_path / f"{rows} rows.xlsx", sheet, xml)


def narrative(chars: int, seed: int = 1) -> str:
    """Fictional free text that compresses like real prose (~3:1), not like padding."""
    import random

    words = ("visit", "mum", "school", "tired", "attended", "appointment", "worker", "flat",
             "reported", "concern", "plan", "review", "nursery", "health", "called", "seen")
    rnd = random.Random(seed)
    out, size = [], 0
    while size < chars:
        word = rnd.choice(words) + rnd.choice(("", "", ",", ".", "s")) + str(rnd.randint(0, 999))
        out.append(word)
        size += len(word) + 1
    return " ".join(out)[:chars]
