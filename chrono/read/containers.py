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
_PROLOG_BYTES = 4096


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
    for info in infos:
        name = info.filename.lower()
        if name.endswith((".xml", ".rels", ".vml")):
            try:
                with zf.open(info) as fh:
                    prolog = fh.read(_PROLOG_BYTES)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError):
                raise ReadRefused(NOT_OFFICE)
            if b"<!DOCTYPE" in prolog.upper() or b"<!ENTITY" in prolog.upper():
                raise ReadRefused(
                    "refused for safety: the file contains an XML document type declaration, "
                    "which Word and Excel never write (possible entity-expansion attack)"
                )
    return zf


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
