"""chrono's own outputs, so that chrono never reads them back as submissions.

An output folder put inside the case folder (``chrono merge case -o case/out``)
would otherwise feed the appendix, the workbook and ``chronology.json`` into the
next merge as if an agency had sent them: 70 events, then 149, then 259 from
the same submissions. So every Word/Excel output carries a marker in its
document properties (:func:`mark_output`, called by the report writers), and
discovery skips any file that carries it (:func:`own_output_reason`), as well
as chrono's other files by name (lock, JSON, chart, temporary files) when they
sit in a folder chrono wrote to.

The blank template is deliberately *not* marked: agencies fill it in and send
it back as a submission.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

__all__ = ["OUTPUT_MARKER", "mark_output", "own_output_reason", "OUTPUT_NAMES", "RUN_OUTPUTS"]

#: Written to the ``identifier`` core property of every .docx/.xlsx chrono writes.
OUTPUT_MARKER = "chrono-output"

#: What one merge run writes into OUTDIR, published together (``pipeline.write_outputs``).
RUN_OUTPUTS = ("chronology.json", "appendix.docx", "appendix-parents-copy.docx", "withheld-list-for-chair.docx",
               "chronology.xlsx", "timeline.png", "chronology.html", "chronology-parents-copy.html")
#: Files chrono writes into an output folder (besides the marked documents).
OUTPUT_NAMES = set(RUN_OUTPUTS) | {
    "caseload.json", "caseload.xlsx", "batch-error.txt", ".timeline-for-appendix.png",
    "glossary.csv", "possible-names-left.txt",
}
#: The page chrono writes names itself in its first lines (``<meta name="generator" content="chrono">``).
_PAGE_MARKER = b'<meta name="generator" content="chrono">'
#: Files only chrono makes, wherever they are.
_ALWAYS_OURS = {
    ".chrono.lock": "chrono's lock file (held while a merge writes its outputs), not a submission",
    ".chrono-outputs.json": "chrono's record of the outputs its last run published, not a submission",
}
#: atomic_write's temporary files: ``.<stem>.<random>.tmp<suffix>``
_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]{6,}\.tmp(\.[A-Za-z0-9]+)?$")

_CORE = "docProps/core.xml"
_MAX_CORE_BYTES = 64 * 1024


def mark_output(properties) -> None:
    """Mark a document as chrono's output: ``doc.core_properties`` (python-docx) or
    ``wb.properties`` (openpyxl); both have the Dublin Core ``identifier``."""
    properties.identifier = OUTPUT_MARKER


def _carries_marker(path: Path) -> bool:
    """The file is a zip whose core properties hold the marker (read at most 64 KiB of it)."""
    try:
        with open(path, "rb") as fh:
            if fh.read(2) != b"PK":
                return False
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo(_CORE)
            if info.file_size > _MAX_CORE_BYTES:
                return False
            core = zf.read(info)
    except (OSError, KeyError, zipfile.BadZipFile, ValueError, RuntimeError, NotImplementedError):
        return False
    return f">{OUTPUT_MARKER}<".encode() in core


def _page_marker(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return _PAGE_MARKER in fh.read(4096)
    except OSError:
        return False


def _output_folder(folder: Path) -> bool:
    """A folder chrono has written to: it holds chrono's lock file or its chronology.json."""
    return (folder / ".chrono.lock").exists() or (folder / "chronology.json").is_file() or \
        (folder / "caseload.json").is_file()


def own_output_reason(path: Path) -> str | None:
    """Why ``path`` is chrono's own file and not a submission, or None when it may be one."""
    path = Path(path)
    name = path.name
    if name in _ALWAYS_OURS:
        return _ALWAYS_OURS[name]
    if _TEMP.match(name) and _output_folder(path.parent):
        return "a temporary file left by an interrupted chrono run, not a submission"
    if path.suffix.lower() in (".html", ".htm") and _page_marker(path):
        return "a page written by chrono (chronology.html from an earlier merge), not a submission"
    if path.suffix.lower() in (".docx", ".xlsx") and _carries_marker(path):
        return "written by chrono (an appendix or workbook from an earlier merge), not a submission"
    if name in OUTPUT_NAMES and _output_folder(path.parent):
        return "written by chrono in an earlier merge, not a submission"
    return None
