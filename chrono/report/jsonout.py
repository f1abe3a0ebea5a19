"""``chronology.json``: the audit trail of a merge, and a public interface.

The shape follows ``shared/contract/CHRONOLOGY_JSON.md`` (schema ``chrono/1``).
Fields are only ever added, never changed in meaning. :func:`to_dict` and
:func:`from_dict` round-trip a :class:`~chrono.model.Chronology`, so
``chrono appendix OUTDIR`` can re-render without re-reading the inputs.

>>> from chrono.model import Chronology, Child
>>> d = to_dict(Chronology(Child("Jo BLOGGS"), None, None, [], [], []))
>>> d["schema"], d["events"], d["rejected"]
('chrono/1', [], [])
"""

from __future__ import annotations

import datetime as dt
import json
import math
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any, Iterator

from chrono.model import (
    Changes,
    Child,
    Chronology,
    Event,
    FileReport,
    Flag,
    Heading,
    Provenance,
    Rejected,
    ReviewItem,
    Row,
)

SCHEMA = "chrono/1"

#: The process clock (issue 4): timescales of the child protection process
#: itself, not patterns in the family's life. They are written to
#: ``process_flags`` so that ``flags`` holds only the contract's rule codes
#: (``shared/contract/FLAG_RULES.md``), as its readers expect.
PROCESS_RULES = frozenset({"REVIEW_OVERDUE", "CORE_GROUP_GAP", "VISIT_FREQUENCY"})


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


def _prov(p: Provenance) -> dict[str, Any]:
    return {"file": p.file, "table": p.table, "row": p.row}


def source_to_dict(row: Row) -> dict[str, Any]:
    """One row's own account: where it is, what it said, how it was read."""
    return {
        **_prov(row.provenance),
        "agency": row.agency,
        "agency_as_written": row.agency_raw,
        "date": _iso(row.date),
        "date_precision": row.precision,
        "date_approximate": row.approximate,
        "date_as_written": row.date_text,
        **({"date_end": _iso(row.date_end)} if row.date_end else {}),
        **({"recorded": _iso(row.recorded)} if row.recorded else {}),
        "time": row.time,
        "child_seen": row.child_seen,
        "seen_as_written": row.seen_text,
        "author": row.author,
        "submitted": _iso(row.submitted),
        "confidential": row.confidential,
        **({"children": list(row.children)} if row.children else {}),
        "fields": {
            "event": row.event,
            "who_involved": row.who,
            "decisions_actions": row.outcome,
            "author_comments": row.comments,
        },
        "text": dict(row.raw),
    }


def source_from_dict(d: dict[str, Any]) -> Row:
    fields = d.get("fields", {})
    return Row(
        provenance=Provenance(d["file"], d["table"], d["row"]),
        raw=dict(d.get("text", {})),
        date=_date(d.get("date")) or dt.date.min,
        precision=d.get("date_precision", "day"),
        approximate=bool(d.get("date_approximate", False)),
        date_text=d.get("date_as_written", ""),
        date_end=_date(d.get("date_end")),
        recorded=_date(d.get("recorded")),
        time=d.get("time"),
        event=fields.get("event", ""),
        agency=d.get("agency", ""),
        agency_raw=d.get("agency_as_written", ""),
        who=fields.get("who_involved", ""),
        outcome=fields.get("decisions_actions", ""),
        child_seen=d.get("child_seen", "unknown"),
        seen_text=d.get("seen_as_written", ""),
        comments=fields.get("author_comments", ""),
        author=d.get("author", ""),
        submitted=_date(d.get("submitted")),
        confidential=bool(d.get("confidential", False)),
        children=[str(c) for c in d.get("children", [])],
    )


def event_to_dict(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "date": _iso(e.date),
        "date_precision": e.precision,
        "date_approximate": e.approximate,
        **({"date_end": _iso(e.date_end)} if e.date_end else {}),
        "time": e.time,
        "event": e.event,
        "agencies": list(e.agencies),
        "who_involved": e.who,
        "decisions_actions": e.outcome,
        "child_seen": e.child_seen,
        "author_comments": e.comments,
        "categories": list(e.categories),
        "confidential": e.confidential,
        "conflicts": {k: list(v) for k, v in sorted(e.conflicts.items())},
        "sources": [source_to_dict(r) for r in e.sources],
        "match": {"confidence": round(e.confidence, 3), "needs_review": e.needs_review},
    }


def event_from_dict(d: dict[str, Any]) -> Event:
    match = d.get("match", {})
    return Event(
        id=d["id"],
        date=_date(d["date"]) or dt.date.min,
        precision=d.get("date_precision", "day"),
        approximate=bool(d.get("date_approximate", False)),
        time=d.get("time"),
        event=d.get("event", ""),
        agencies=list(d.get("agencies", [])),
        who=d.get("who_involved", ""),
        outcome=d.get("decisions_actions", ""),
        child_seen=d.get("child_seen", "unknown"),
        comments=d.get("author_comments", ""),
        sources=[source_from_dict(s) for s in d.get("sources", [])],
        categories=list(d.get("categories", [])),
        confidence=float(match.get("confidence", 1.0)),
        needs_review=bool(match.get("needs_review", False)),
        conflicts={k: list(v) for k, v in d.get("conflicts", {}).items()},
        confidential=bool(d.get("confidential", False)),
    )


def file_to_dict(f: FileReport) -> dict[str, Any]:
    return {
        "file": f.file,
        "sha256": f.sha256,
        "format": f.format,
        "agency": f.agency,
        "agency_as_written": f.agency_raw,
        "author": f.author,
        "submitted": _iso(f.submitted),
        "rows": f.rows_read,
        "rows_rejected": f.rows_rejected,
        **({"ledger": dict(f.ledger)} if f.ledger else {}),
        "status": f.status,
        "problems": list(f.problems),
        "warnings": list(f.warnings),
        "identity_warning": f.identity_warning,
        **({"children": list(f.children)} if f.children else {}),
        "columns": {k: dict(v) for k, v in f.columns.items()},
        "unmapped_columns": list(f.unmapped_columns),
        "heading": {
            "name": f.heading.name,
            "dob": f.heading.dob,
            "address": f.heading.address,
            "agency": f.heading.agency,
            "author": f.heading.author,
        },
    }


def file_from_dict(d: dict[str, Any]) -> FileReport:
    h = d.get("heading", {})
    return FileReport(
        file=d["file"],
        sha256=d.get("sha256", ""),
        format=d.get("format", ""),
        status=d.get("status", "ok"),
        problems=list(d.get("problems", [])),
        warnings=list(d.get("warnings", [])),
        heading=Heading(h.get("name", ""), h.get("dob", ""), h.get("address", ""),
                        h.get("agency", ""), h.get("author", "")),
        agency=d.get("agency", ""),
        agency_raw=d.get("agency_as_written", ""),
        author=d.get("author", ""),
        columns={k: dict(v) for k, v in d.get("columns", {}).items()},
        unmapped_columns=list(d.get("unmapped_columns", [])),
        rows_read=int(d.get("rows", 0)),
        rows_rejected=int(d.get("rows_rejected", 0)),
        ledger={str(k): int(v) for k, v in d.get("ledger", {}).items()},
        submitted=_date(d.get("submitted")),
        identity_warning=d.get("identity_warning", ""),
        children=[str(c) for c in d.get("children", [])],
    )


def _flag_to_dict(f: Flag) -> dict[str, Any]:
    return {"id": f.id, "rule": f.rule, "severity": f.severity, "start": _iso(f.start),
            "end": _iso(f.end), "summary": f.summary, "events": list(f.events),
            **({"child": f.child} if f.child else {})}


def _flag_from_dict(d: dict[str, Any]) -> Flag:
    return Flag(d["id"], d["rule"], d["severity"], _date(d["start"]), _date(d["end"]),
                d.get("summary", ""), list(d.get("events", [])), str(d.get("child", "")))


def _review_to_dict(item: ReviewItem) -> dict[str, Any]:
    return {
        "fingerprint": item.fingerprint,
        "score": round(item.score, 3),
        "reason": item.reason,
        "decision": item.decision,
        "left": source_to_dict(item.left),
        "right": source_to_dict(item.right),
    }


def _review_from_dict(d: dict[str, Any]) -> ReviewItem:
    return ReviewItem(
        fingerprint=d["fingerprint"],
        left=source_from_dict(d["left"]),
        right=source_from_dict(d["right"]),
        score=float(d.get("score", 0.0)),
        reason=d.get("reason", ""),
        decision=d.get("decision", ""),
    )


def _parts(chron: Chronology) -> dict[str, Any]:
    """The contract's JSON object, its long lists left as iterators (written one item at a time)."""
    return {
        "schema": SCHEMA,
        "generated_at": chron.generated_at,
        "area": chron.area,
        "child": {"name": chron.child.name, "dob": _iso(chron.child.dob), "address": chron.child.address,
                  **({"address_from": chron.child.address_source} if chron.child.address_source else {})},
        **({"children": [{"id": c.id, "name": c.name, "dob": _iso(c.dob),
                          **({"address": c.address} if c.address else {})} for c in chron.children]}
           if chron.children else {}),
        "child_chosen": chron.child_basis,
        "period": {"from": _iso(chron.period_from), "to": _iso(chron.period_to)},
        "files": (file_to_dict(f) for f in chron.files),
        "events": (event_to_dict(e) for e in chron.events),
        "flags": [_flag_to_dict(f) for f in chron.flags if f.rule not in PROCESS_RULES],
        "process_flags": [_flag_to_dict(f) for f in chron.flags if f.rule in PROCESS_RULES],
        "rejected": (
            {**_prov(r.provenance), "reason": r.reason, "raw": dict(r.raw)} for r in chron.rejected
        ),
        "review": (_review_to_dict(i) for i in chron.review),
        "changes": {
            "since": chron.changes.previous_generated_at,
            "new_events": list(chron.changes.new_events),
            "edited_events": list(chron.changes.edited_events),
            "vanished": list(chron.changes.vanished),
        },
        "warnings": list(chron.warnings),
    }


def to_dict(chron: Chronology) -> dict[str, Any]:
    """The contract's JSON object for ``chron``."""
    return {k: list(v) if isinstance(v, Iterator) else v for k, v in _parts(chron).items()}


def same_content(chron: Chronology, previous: Any, ignore: tuple[str, ...] = ()) -> bool:
    """Whether ``to_dict(chron)`` equals ``previous`` (a loaded chronology.json) but for the
    keys in ``ignore``. Part by part and an event at a time, stopping at the first
    difference: every event's dict is never held at once, and a new submission (its file
    listed before the events) ends the comparison straight away."""
    if not isinstance(previous, dict):
        return False
    parts = _parts(chron)
    if {k for k in parts if k not in ignore} != {k for k in previous if k not in ignore}:
        return False
    for key, value in parts.items():
        if key in ignore:
            continue
        theirs = previous[key]
        if not isinstance(value, Iterator):
            if value != theirs:
                return False
            continue
        if not isinstance(theirs, list):
            return False
        count = 0
        for count, item in enumerate(value, start=1):
            if count > len(theirs) or item != theirs[count - 1]:
                return False
        if count != len(theirs):
            return False
    return True


def from_dict(d: dict[str, Any]) -> Chronology:
    """Rebuild a :class:`Chronology` from ``chronology.json`` (for re-rendering)."""
    if d.get("schema") != SCHEMA:
        raise ValueError(f"not a chrono chronology (schema {d.get('schema')!r}, expected {SCHEMA!r})")
    child = d.get("child", {})
    period = d.get("period", {})
    changes = d.get("changes", {})
    return Chronology(
        child=Child(child.get("name", ""), _date(child.get("dob")), child.get("address", ""),
                    child.get("address_from", "")),
        period_from=_date(period.get("from")),
        period_to=_date(period.get("to")),
        files=[file_from_dict(f) for f in d.get("files", [])],
        events=[event_from_dict(e) for e in d.get("events", [])],
        rejected=[Rejected(Provenance(r["file"], r["table"], r["row"]), r.get("reason", ""), dict(r.get("raw", {})))
                  for r in d.get("rejected", [])],
        flags=sorted((_flag_from_dict(f) for f in d.get("flags", []) + d.get("process_flags", [])),
                     key=lambda f: f.id),
        review=[_review_from_dict(i) for i in d.get("review", [])],
        changes=Changes(list(changes.get("new_events", [])), list(changes.get("edited_events", [])),
                        list(changes.get("vanished", [])), changes.get("since", "")),
        generated_at=d.get("generated_at", ""),
        area=d.get("area", ""),
        warnings=list(d.get("warnings", [])),
        child_basis=d.get("child_chosen", ""),
        children=[Child(c.get("name", ""), _date(c.get("dob")), c.get("address", ""), id=str(c.get("id", "")))
                  for c in d.get("children", []) or []],
    )


def _dumps(value: Any, level: int) -> str:
    """``value`` as ``json.dumps(..., ensure_ascii=False, indent=1)`` writes it ``level`` deep."""
    return _encode(value, " " * level)


def _encode(value: Any, indent: str) -> str:
    """What ``json.dumps(value, ensure_ascii=False, indent=1)`` writes, indented by ``indent`` after
    each line break: the same text, made without the standard library's generators (json uses
    its C encoder only without ``indent``), for the events of a huge case."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = indent + " "
        return f"[\n{inner}" + f",\n{inner}".join([_encode(item, inner) for item in value]) + f"\n{indent}]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = indent + " "
        return f"{{\n{inner}" + f",\n{inner}".join([f"{_key_text(key)}: {_encode(item, inner)}"
                                                    for key, item in value.items()]) + f"\n{indent}}}"
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def _float_text(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (math.inf, -math.inf):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _key_text(key: Any) -> str:
    """A dict key as json writes it: always a string."""
    if isinstance(key, str):
        return encode_basestring(key)
    if isinstance(key, float):
        return encode_basestring(_float_text(key))
    if key is True or key is False or key is None:
        return encode_basestring({True: "true", False: "false", None: "null"}[key])
    if isinstance(key, int):
        return encode_basestring(int.__repr__(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


def iter_json(chron: Chronology) -> Iterator[str]:
    """The text of ``chronology.json`` in pieces, an event at a time: a huge case is written
    without one giant string (or every event's dict) in memory. ``"".join`` of the pieces is
    exactly ``json.dumps(to_dict(chron), ensure_ascii=False, indent=1) + "\n"``.
    """
    yield "{"
    first = True
    for key, value in _parts(chron).items():
        yield ("\n " if first else ",\n ") + json.dumps(key, ensure_ascii=False) + ": "
        first = False
        if not isinstance(value, Iterator):
            yield _dumps(value, 1)
            continue
        empty = True
        for item in value:
            yield ("[\n  " if empty else ",\n  ") + _dumps(item, 2)
            empty = False
        yield "[]" if empty else "\n ]"
    yield "}\n" if first else "\n}\n"


def dumps(chron: Chronology) -> str:
    """Deterministic text: sorted nowhere but where the data is already ordered."""
    return "".join(iter_json(chron))


def write_json(chron: Chronology, path: str | Path) -> None:
    """Write ``chronology.json`` atomically (owner-only), streaming: see :func:`iter_json`."""
    from chrono.files import atomic_write

    def write(temp: Path) -> None:
        with open(temp, "w", encoding="utf-8", newline="\n", buffering=1 << 16) as handle:
            for piece in iter_json(chron):
                handle.write(piece)

    atomic_write(Path(path), write)


def load(path: str | Path) -> Chronology:
    """Read ``chronology.json`` (a file or the OUTDIR holding it)."""
    p = Path(path)
    if p.is_dir():
        p = p / "chronology.json"
    return from_dict(json.loads(p.read_text("utf-8")))
