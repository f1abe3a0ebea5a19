"""The read stage: find the submissions and read each one into raw rows.

``discover`` lists the files to read; ``read_file`` reads one and never
raises on bad input: a file that cannot be accepted comes back with
``report.status == "error"`` and a ``problems`` entry saying what to do.
Rows are returned exactly as written (``RawRow``), with provenance a person
can follow back to the file; dates and agencies are left to ``normalise``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
from pathlib import Path

from chrono.config import Config
from chrono.model import FileReport, ReadResult
from chrono.read.budget import BudgetRefused
from chrono.read.containers import NOT_OFFICE, check_file_size, office_kind, open_office_zip
from chrono.read.decrypt import decrypt_ole, is_ole
from chrono.read.errors import ReadRefused, xml_problem

__all__ = ["discover", "display_name", "read_file", "skip_reason", "ReadRefused"]

log = logging.getLogger(__name__)

WORD_EXT = {".docx", ".docm", ".dotx", ".dotm"}
EXCEL_EXT = {".xlsx", ".xlsm", ".xltx", ".xltm"}
TEXT_EXT = {".csv", ".txt", ".tsv", ".tab"}

_CONVERT = {
    ".doc": "an old Word 97-2003 document (.doc): open it in Word and Save As .docx",
    ".xls": "an old Excel 97-2003 workbook (.xls): open it in Excel and Save As .xlsx",
    ".pdf": "a PDF, which cannot be merged: ask the agency for the Word or Excel version "
            "(or open it in Word and Save As .docx)",
    ".rtf": "a Rich Text file: open it in Word and Save As .docx",
    ".odt": "an OpenDocument text file: open it in Word (or LibreOffice) and Save As .docx",
    ".ods": "an OpenDocument spreadsheet: open it in Excel (or LibreOffice) and Save As .xlsx",
    ".xlsb": "an Excel binary workbook (.xlsb): open it in Excel and Save As .xlsx",
    ".pages": "an Apple Pages document: export it as Word (.docx)",
    ".numbers": "an Apple Numbers spreadsheet: export it as Excel (.xlsx)",
    ".msg": "an Outlook e-mail: save the attached chronology itself (.docx/.xlsx) into the folder",
    ".eml": "an e-mail: save the attached chronology itself (.docx/.xlsx) into the folder",
    ".zip": "a zip archive: unzip it and give chrono the folder",
    ".htm": "a web page: open it in Word and Save As .docx",
    ".html": "a web page: open it in Word and Save As .docx",
}
_UNKNOWN = ("not a chronology format chrono reads (.docx, .xlsx, .csv): "
            "open it in Word and Save As .docx, or in Excel and Save As .xlsx")


NOT_REGULAR = ("not a regular file (a folder, pipe or device with a document's name): "
               "put the chronology file itself in the folder")


#: operating-system files that are never submissions
_OS_JUNK = {"thumbs.db", "ehthumbs.db", "desktop.ini", ".ds_store", ".localized", "icon\r"}


def skip_reason(path: Path) -> str | None:
    """Why a file found in a folder is not a submission, or None to read it.

    Only what cannot be a chronology is skipped: Office lock files
    (``~$x.docx``), LibreOffice lock files (``.~lock.x.docx#``), macOS
    resource forks (``._x.docx``) and operating-system files. Any other file,
    hidden or not, is read -- a real submission named ``.chronology.docx`` or
    ``..chronology.docx`` is read, not dropped -- unless it is hidden and has
    no document extension (``.gitignore``).
    """
    name = path.name
    low = name.lower()
    if low in _OS_JUNK:
        return "an operating-system file, not a submission"
    if name.startswith("~$"):
        return "an Office lock file (the document is open in Word/Excel somewhere), not a submission"
    if low.startswith(".~lock.") and low.endswith("#"):
        return "a LibreOffice lock file, not a submission"
    if name.startswith("._"):
        return "a macOS resource-fork file (made when copying from a Mac), not a submission"
    suffix = path.suffix.lower()
    if name.startswith(".") and suffix not in WORD_EXT | EXCEL_EXT | TEXT_EXT | set(_CONVERT) | {".doc", ".xls"}:
        return "a hidden settings file, not a submission"
    return None


def _hidden_dir(part: str) -> bool:
    """A hidden folder (``.git``, ``.Trash``), whose contents are not the agencies' submissions."""
    return part.startswith(".") and part not in (".", "..")


def display_name(name: str) -> str:
    """A file name as text that can be shown and written anywhere.

    A name that is not valid UTF-8 (a file copied from an old Windows share)
    comes from the operating system with its bad bytes smuggled in as lone
    surrogates, which no UTF-8 output can hold; they are shown as ``\\xe9``.
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _special_kind(mode: int) -> str | None:
    """What a path that is neither a file nor a folder is, in words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe, not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return "not a regular file"
    return None


def _inside(path: str, roots: list[str]) -> bool:
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def _walk(top: Path):
    """(path, relative parts, lstat) of everything under ``top``; symbolic links never followed."""
    stack = [(top, ())]
    while stack:
        folder, rel = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            if rel:
                yield folder, rel, None
            continue
        for entry in entries:
            parts = rel + (entry.name,)
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                yield Path(entry.path), parts, None
                continue
            if stat.S_ISDIR(st.st_mode):
                stack.append((Path(entry.path), parts))
            yield Path(entry.path), parts, st


def discover(inputs: list[Path], skipped: list[tuple[str, str]] | None = None) -> list[tuple[Path, str]]:
    """Files to read with their display names (relative to the folder named).

    Folders are searched recursively; every path under them is either listed
    or, with its reason, put in ``skipped`` as (display name, reason):

    - files that cannot be submissions (see :func:`skip_reason`) and the
      contents of hidden folders;
    - named pipes, sockets and devices (reading one could hang the run);
    - symbolic links, unless they point to a file inside the case folder that
      is not already listed under its own name (then the link is read as
      itself): broken links, loops, links to folders, links out of the case
      and second names for a listed file are skipped, saying which.

    A file named directly is always read. Display names are safe to show and
    write (:func:`display_name`). Raises ``FileNotFoundError`` for an input
    that does not exist (a usage error, not a bad file).
    """
    found: dict[Path, str] = {}
    left: dict[str, str] = {}
    hidden_files: dict[str, int] = {}
    links: list[tuple[Path, str, list[str]]] = []
    for raw in inputs:
        top = Path(raw)
        if top.is_dir():
            roots = [os.path.realpath(top)]
            for path, parts, st in _walk(top):
                rel = display_name(Path(*parts).as_posix())
                k = next((k for k, p in enumerate(parts[:-1]) if _hidden_dir(p)), None)
                if k is not None:
                    if st is not None and not stat.S_ISDIR(st.st_mode):
                        folder = display_name(Path(*parts[: k + 1]).as_posix()) + "/"
                        hidden_files[folder] = hidden_files.get(folder, 0) + 1
                    continue
                if st is None:
                    left.setdefault(rel, "cannot be read from disk (permission denied?): check the file and run again")
                    continue
                if stat.S_ISDIR(st.st_mode):
                    continue
                if stat.S_ISLNK(st.st_mode):
                    if skip_reason(path) is None:
                        links.append((path, rel, roots))
                    else:
                        left.setdefault(rel, skip_reason(path) or "")
                    continue
                special = _special_kind(st.st_mode)
                if special:
                    left.setdefault(rel, special + ": put the chronology file itself in the folder")
                    continue
                reason = skip_reason(path)
                if reason:
                    left.setdefault(rel, reason)
                    continue
                found.setdefault(path.resolve(), rel)
        elif top.exists():
            found.setdefault(top.resolve(), display_name(top.name))
        else:
            raise FileNotFoundError(f"{top}: no such file or folder")
    # links last, so that a file listed under its own name is never displaced by a second name for it
    for path, rel, roots in links:
        reason, target = _link_reason(path, roots, found)
        if reason:
            left.setdefault(rel, reason)
        else:
            found[target] = rel
    for folder, count in hidden_files.items():
        left.setdefault(folder, f"a hidden folder ({count:,} file{'s' if count != 1 else ''} not read)")
    if skipped is not None:
        skipped.extend(sorted(left.items()))
    for name, reason in sorted(left.items()):
        log.info("skipped %s: %s", name, reason)
    return sorted(((p, name) for p, name in found.items()), key=lambda pn: (pn[1], str(pn[0])))


def _link_reason(path: Path, roots: list[str], found: dict[Path, str]) -> tuple[str | None, Path]:
    """Why a symbolic link under the case is not read (None to read it), and what it points to."""
    try:
        target = Path(os.path.realpath(path, strict=True))
        st = os.stat(target)
    except FileNotFoundError:
        return "a broken shortcut (symbolic link to something that no longer exists): copy the file itself in", path
    except (OSError, RuntimeError):
        return "a symbolic link that loops or cannot be followed: copy the file itself in", path
    if stat.S_ISDIR(st.st_mode):
        return "a symbolic link to a folder, not followed: copy the folder's files in", target
    if not _inside(str(target), roots):
        return ("a symbolic link to a file outside the case folder, not read: "
                "copy the file itself into the case folder"), target
    special = _special_kind(st.st_mode)
    if special:
        return f"a symbolic link to {special.split(',')[0]}, not read", target
    if target in found:
        return f"a second name (symbolic link) for {found[target]}, which is read once", target
    return None, target


def _read_bytes(path: Path, cfg: Config) -> bytes:
    """The file's bytes, read once; refused if it vanishes or changes meanwhile."""
    try:
        before = os.stat(path)
        if not os.path.isfile(path):
            raise ReadRefused(NOT_REGULAR)
        check_file_size(before.st_size, cfg)
        with open(path, "rb") as fh:
            # the size just checked, not the cap: read(n) reserves n bytes up front
            data = fh.read(before.st_size + 1)
        after = os.stat(path)
    except FileNotFoundError:
        raise ReadRefused("the file disappeared before it could be read: check the folder and run again")
    except PermissionError:
        raise ReadRefused("cannot be opened (permission denied, or open in another program): close it and run again")
    except IsADirectoryError:
        raise ReadRefused(NOT_REGULAR)
    except OSError as exc:
        raise ReadRefused(f"cannot be read from disk ({exc.__class__.__name__}): copy it locally and run again")
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns) or len(data) != after.st_size:
        raise ReadRefused("the file changed while it was being read (still copying or saving?): wait and run again")
    return data


def _sniff(data: bytes) -> str:
    head = data[:8]
    if is_ole(data):
        return "ole"
    if head.startswith(b"PK"):
        return "zip"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    return "other"


def _looks_like_text(data: bytes) -> bool:
    """No NUL or control bytes in the first 4 KiB: a text export, not a binary."""
    head = data[:4096]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    bad = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and bad == 0


def _read(path: Path, display_name: str, cfg: Config, password: str | None, report: FileReport):
    from chrono.read.csv import read_csv
    from chrono.read.docx import read_docx
    from chrono.read.xlsx import read_xlsx

    data = _read_bytes(path, cfg)
    report.sha256 = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    if not data:
        report.format = suffix.lstrip(".")
        raise ReadRefused("empty file (0 bytes): ask the sender for the file again")
    kind = _sniff(data)
    if kind == "pdf":
        report.format = "pdf"
        raise ReadRefused(
            "a PDF" + (f" named {suffix}" if suffix not in ("", ".pdf") else "") +
            ", which cannot be merged: ask the agency for the Word or Excel version (or open it in Word and Save As .docx)"
        )
    if kind == "rtf":
        report.format = "rtf"
        raise ReadRefused(_CONVERT[".rtf"])
    if kind == "ole":
        report.format = suffix.lstrip(".")
        data = decrypt_ole(data, suffix, password)
        kind = "zip"
    if kind == "zip":
        zf = open_office_zip(data, cfg)
        inner = office_kind(zf)
        zf.close()
        if inner == "odf":
            raise ReadRefused(_CONVERT[".odt"] if suffix != ".ods" else _CONVERT[".ods"])
        if inner == "docx":
            report.format = "docx"
            if suffix not in WORD_EXT:
                report.warnings.append(f"a Word document named {suffix or 'without an extension'}: read as .docx")
            return read_docx(data, display_name, cfg, report)
        if inner == "xlsx":
            report.format = "xlsx"
            if suffix not in EXCEL_EXT:
                report.warnings.append(f"an Excel workbook named {suffix or 'without an extension'}: read as .xlsx")
            return read_xlsx(data, display_name, cfg, report)
        if suffix in WORD_EXT | EXCEL_EXT:
            raise ReadRefused(NOT_OFFICE)
        raise ReadRefused(_CONVERT.get(suffix, _UNKNOWN))
    if suffix in WORD_EXT | EXCEL_EXT | {".doc", ".xls"} and data.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] == b"<":
        report.format = suffix.lstrip(".")
        raise ReadRefused(
            f"a web page (HTML) or XML file named {suffix}, as some case-management systems export: "
            "open it in Word or Excel and Save As .docx or .xlsx"
        )
    if suffix in (".doc", ".xls") and _looks_like_text(data):
        # a text export named .doc/.xls is not "an old Word document": read it as CSV if it is one
        report.format = "txt"
        try:
            rows = read_csv(data, display_name, cfg, report)
        except ReadRefused:
            raise ReadRefused(f"a plain text file named {suffix}, not a Word or Excel document: open it in "
                              "Word or Excel and Save As .docx or .xlsx") from None
        report.format = "csv"
        report.warnings.append(f"a text (CSV) file named {suffix}: read as CSV")
        return rows
    if suffix in WORD_EXT | EXCEL_EXT:
        report.format = suffix.lstrip(".")
        if _looks_like_text(data):
            # a CSV export renamed .xlsx: read it if it holds a chronology, else refuse as damaged
            try:
                rows = read_csv(data, display_name, cfg, report)
            except BudgetRefused:
                raise
            except ReadRefused:
                raise ReadRefused(NOT_OFFICE)
            report.format = "csv"
            report.warnings.append(f"a text (CSV) file named {suffix}: read as CSV")
            return rows
        raise ReadRefused(NOT_OFFICE)
    if suffix in TEXT_EXT:
        report.format = "csv" if suffix != ".txt" else "txt"
        if data.count(b"\x00") > len(data) // 4 and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ReadRefused("not a text file (binary content): " + _UNKNOWN)
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                data = data.decode("utf-16").encode("utf-8")
            except UnicodeDecodeError:
                raise ReadRefused("a UTF-16 text file that cannot be decoded: open it in Excel and Save As .xlsx")
        try:
            return read_csv(data, display_name, cfg, report)
        except ReadRefused as exc:
            if suffix == ".txt" and not isinstance(exc, BudgetRefused):
                raise ReadRefused(
                    "a text file that is not a chronology (no table with a header row such as "
                    "Date | Significant Event | ...): if it is a covering e-mail, remove it from the folder"
                ) from exc
            raise
    report.format = suffix.lstrip(".")
    raise ReadRefused(_CONVERT.get(suffix, _UNKNOWN))


def read_file(path: Path, display_name: str, cfg: Config, password: str | None = None) -> ReadResult:
    """Read one submission; never raises on bad input (a refused file has status 'error')."""
    report = FileReport(file=display_name)
    try:
        rows = _read(Path(path), display_name, cfg, password, report)
    except ReadRefused as exc:
        report.refuse(str(exc))
        return ReadResult(report=report)
    except MemoryError:
        report.refuse("too large to read in memory: split the file or ask the sender for a smaller one")
        return ReadResult(report=report)
    except SyntaxError as exc:  # lxml's XMLSyntaxError, ElementTree's ParseError: XML the parser rejects
        report.refuse(xml_problem(str(exc)))
        return ReadResult(report=report)
    except RecursionError:
        report.refuse("refused for safety: the file's structure is nested too deeply (damaged or hostile)")
        return ReadResult(report=report)
    except Exception as exc:  # a damaged file must never stop the merge
        report.refuse(
            f"could not be read ({exc.__class__.__name__}): the file may be damaged; "
            "open it and save it again, or ask the sender for a fresh copy"
        )
        return ReadResult(report=report)
    report.rows_read = len(rows)
    report.agency_raw = report.heading.agency
    report.author = report.heading.author
    if not report.agency_raw.strip() and rows:
        try:
            _infer_agency(report, rows, display_name, cfg)
        except Exception as exc:  # a guess must never cost the file
            log.debug("agency inference failed for %s: %s", display_name, exc)
    return ReadResult(report=report, rows=rows)


def _infer_agency(report: FileReport, rows: list, display_name: str, cfg: Config) -> None:
    """The agency of a file that states none, guessed from its entries (a last resort, with a warning).

    Only when the heading names no agency, the file name resolves to none and
    no row's agency cell resolves to one: the entries and
    column headings are scored against the ``[agencies.hints]`` phrases.
    """
    from chrono.normalise.agencies import AgencyResolver

    resolver = AgencyResolver(cfg)
    if resolver.find_in_name(display_name).known:
        return
    if any(resolver.resolve(c).known for c in {r.fields.get("agency", "").strip() for r in rows} if c):
        return  # the rows name their agencies: the normaliser takes each row's own
    headings: list[str] = []
    for r in rows:
        for k in r.cells:
            if k not in headings:
                headings.append(k)
    texts = [" | ".join(v for v in r.cells.values() if v) for r in rows]
    found, why = resolver.infer(texts, headings)
    if found.known:
        # "as written" says it was not written; it still resolves to the agency
        label = f"{found.name} (inferred from entries)"
        report.agency_raw = label if resolver.resolve(label).name == found.name else found.name
        report.warnings.append(
            f"agency not stated; inferred {found.name} from the entries ({why}) "
            "— add 'Agency:' to the heading"
        )
    else:
        report.warnings.append(
            f"agency not stated in the heading, the file name or an agency column, and not clear "
            f"from the entries ({why}): add 'Agency:' to the heading"
        )
