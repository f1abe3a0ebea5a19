"""The review queue's memory: a person's same/different decisions, by content.

A pair is named by a fingerprint of its two rows' *content* (agency, date and
normalised entry text), not by row numbers, so a decision made this month
still applies next month when the agencies resubmit with rows shifted.

The decisions file holds fingerprints, decisions and where the rows were
found (provenance) -- never entry text, so it can be kept beside the case
without adding more sensitive data.
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

from chrono.model import Row

DECISIONS = ("same", "different")
_SPACES = re.compile(r"[^a-z0-9]+")
_ALIASES = {
    "same": "same", "s": "same", "yes": "same", "y": "same", "merge": "same", "same event": "same",
    "different": "different", "d": "different", "no": "different", "n": "different",
    "separate": "different", "keep apart": "different", "different events": "different",
}


def plain_words(text: str) -> str:
    """Lower-case words without punctuation: what survives re-typing."""
    return " ".join(t for t in _SPACES.split(text.lower()) if t)


def row_content(row: Row) -> str:
    """agency|date|entry text, normalised: what stays the same when a row moves."""
    text = row.event or " ".join((row.outcome, row.comments))
    return f"{plain_words(row.agency)}|{row.date.isoformat()}|{plain_words(text)}"


def row_fingerprint(row: Row) -> str:
    return hashlib.sha256(row_content(row).encode("utf-8")).hexdigest()


def pair_fingerprint(a: Row, b: Row) -> str:
    """Order-free fingerprint of a pair of rows (survives resubmission)."""
    return content_fingerprint(row_content(a), row_content(b))


def content_fingerprint(a: str, b: str) -> str:
    """:func:`pair_fingerprint` of two rows' :func:`row_content`."""
    left, right = sorted((a, b))
    return hashlib.sha256(f"{left}\n{right}".encode("utf-8")).hexdigest()[:32]


def normalise_decision(text: str) -> str:
    """``same`` / ``different`` / ``""`` from what a person typed in the Review sheet."""
    return _ALIASES.get(plain_words(text), "")


def load_decisions(path: str | Path) -> dict[str, str]:
    """Fingerprint -> ``same``/``different`` from a decisions CSV; {} if there is none yet."""
    path = Path(path)
    if not path.exists():
        return {}
    return _read_decisions(path)


def save_decisions(path: str | Path, decisions: dict[str, str],
                   where: dict[str, tuple[str, str]] | None = None) -> None:
    """Write ``fingerprint,decision,left,right`` (left/right: provenance, no entry text).

    Written atomically and owner-only (0600), like every file chrono writes.
    """
    import io

    from chrono.files import atomic_write_text

    where = where or {}
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerow(["fingerprint", "decision", "left", "right"])
    for fp in sorted(decisions):
        decision = normalise_decision(decisions[fp])
        if decision:
            left, right = where.get(fp, ("", ""))
            out.writerow([fp, decision, left, right])
    atomic_write_text(Path(path), buffer.getvalue())


def apply_review_csv(path: str | Path) -> dict[str, str]:
    """Decisions from the workbook's Review sheet saved as CSV (columns fingerprint, decision)."""
    return _read_decisions(Path(path))


def import_review_csv(path: str | Path, known: set[str] | None = None) -> tuple[dict[str, str], list[tuple[int, str]]]:
    """Decisions from the Review sheet saved as CSV, and every row that could not be used.

    Returns ``(decisions, unusable)`` where ``unusable`` lists ``(line, why)``
    for each data row with no fingerprint, a decision that is neither same
    nor different (a blank decision is simply undecided, not listed), or a
    fingerprint that is not in this chronology's queue (``known``).
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    reader = csv.DictReader(text.splitlines())
    fields = {(f or "").strip().lower(): f for f in reader.fieldnames or []}
    fp_col, dec_col = fields.get("fingerprint"), fields.get("decision")
    if fp_col is None or dec_col is None:
        raise ValueError(f"{path}: needs the columns 'fingerprint' and 'decision' (found: {', '.join(fields) or 'none'}).")
    decisions: dict[str, str] = {}
    unusable: list[tuple[int, str]] = []
    for rec in reader:
        line = reader.line_num
        fp = (rec.get(fp_col) or "").strip()
        raw = (rec.get(dec_col) or "").strip()
        decision = normalise_decision(raw)
        if not fp and not raw:
            continue
        if not fp:
            unusable.append((line, "no fingerprint: copy the row from the workbook's Review sheet unchanged"))
        elif raw and not decision:
            unusable.append((line, f"decision '{raw[:20]}' is neither 'same' nor 'different'"))
        elif known is not None and fp not in known:
            unusable.append((line, "fingerprint not in this chronology's review queue (from another case or merge?)"))
        elif decision:
            decisions[fp] = decision
    return decisions, unusable


def _read_decisions(path: Path) -> dict[str, str]:
    """The usable decisions of a decisions CSV (rows it cannot use are left out silently here;
    ``chrono review --import`` lists them through :func:`import_review_csv`)."""
    return import_review_csv(path)[0]
