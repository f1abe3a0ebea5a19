"""Safety checks on an Office file before any parser sees it.

Submissions arrive by e-mail from outside the authority, so a .docx/.xlsx is
untrusted: it must be a real zip, not too big once unpacked (zip bomb), and
its XML parts must carry no DTD (entity-expansion attacks such as "billion
laughs"; Office never writes one). Each refusal names the limit it hit.
"""

from __future__ import annotations

import io
import zipfile

from chrono.config import Config
from chrono.read.errors import ReadRefused

NOT_OFFICE = "not a valid Word/Excel file (damaged, or really a PDF/other format?): ask the sender for a fresh copy"

#: members smaller than this cannot be a zip bomb, whatever their ratio
_RATIO_FLOOR_BYTES = 1 << 20
_CHUNK = 1 << 20
_DTD_MARKS = (b"<!DOCTYPE", b"<!ENTITY")
_DTD_REFUSAL = ("refused for safety: the file contains an XML document type declaration, "
                "which Word and Excel never write (possible entity-expansion attack)")


def check_file_size(size: int, cfg: Config) -> None:
    limit = int(cfg.limit("max_file_bytes"))
    if size > limit:
        raise ReadRefused(
            f"file is {size:,} bytes, above the {limit:,}-byte limit (limits.max_file_bytes): "
            "check it is the right file, or raise the limit in chrono.toml"
        )


def open_office_zip(data: bytes, cfg: Config) -> zipfile.ZipFile:
    """The zip inside an Office file, after the zip-bomb and DTD checks."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ReadRefused(NOT_OFFICE)
    max_members = int(cfg.limit("max_zip_members"))
    if len(infos) > max_members:
        raise ReadRefused(
            f"possible zip bomb: {len(infos):,} parts inside, above limits.max_zip_members ({max_members:,})"
        )
    total = sum(i.file_size for i in infos)
    max_total = int(cfg.limit("max_uncompressed_bytes"))
    if total > max_total:
        raise ReadRefused(
            f"possible zip bomb: {total:,} bytes once unpacked, above limits.max_uncompressed_bytes ({max_total:,})"
        )
    max_ratio = float(cfg.limit("max_compression_ratio"))
    for info in infos:
        if info.file_size >= _RATIO_FLOOR_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > max_ratio:
                raise ReadRefused(
                    f"possible zip bomb: a part unpacks {ratio:.0f} times larger than stored, "
                    f"above limits.max_compression_ratio ({max_ratio:g})"
                )
    max_elements = int(cfg.section("limits").get("max_xml_elements", 4_000_000))
    for info in infos:
        name = info.filename.lower()
        if name.endswith((".xml", ".rels", ".vml")):
            # a worksheet is streamed row by row (its rows are charged to the reader's budget);
            # every other part is parsed whole, so its elements are bounded here
            streamed = name.startswith("xl/worksheets/")
            _check_xml_part(zf, info, max_elements if not streamed else 1 << 62)
    return zf


def _check_xml_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, max_elements: int) -> None:
    """No DTD anywhere in the part, and no more elements than the parser may build.

    The whole part is streamed (the size checks above bound it), not only its
    first bytes: a long comment must not push a ``<!DOCTYPE`` past the check.
    Word escapes ``<`` in text, so the markers can only be markup. Counting
    ``<`` bounds the elements lxml or openpyxl would make from the part.
    """
    tail = b""
    elements = 0
    try:
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(_CHUNK)
                if not chunk:
                    break
                elements += chunk.count(b"<")
                window = (tail + chunk).upper()
                if any(mark in window for mark in _DTD_MARKS):
                    raise ReadRefused(_DTD_REFUSAL)
                if elements > max_elements:
                    raise ReadRefused(
                        f"a part of the file holds more than {max_elements:,} XML elements, above "
                        "limits.max_xml_elements: refused rather than read (damaged or hostile; ask the sender "
                        "to copy the chronology into a fresh file). Raise the limit in chrono.toml only if it is genuine."
                    )
                tail = chunk[-16:]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError):
        raise ReadRefused(NOT_OFFICE)


def office_kind(zf: zipfile.ZipFile) -> str:
    """'docx', 'xlsx', 'odf' (OpenDocument) or '' from the parts inside."""
    names = set(zf.namelist())
    if "word/document.xml" in names or any(n.startswith("word/") and n.endswith("document.xml") for n in names):
        return "docx"
    if "xl/workbook.xml" in names or any(n.startswith("xl/") and n.endswith("workbook.xml") for n in names):
        return "xlsx"
    if "mimetype" in names:
        try:
            if zf.read("mimetype")[:64].startswith(b"application/vnd.oasis.opendocument"):
                return "odf"
        except Exception:
            return ""
    return ""
