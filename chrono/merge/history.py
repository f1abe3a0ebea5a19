"""What changed since the last merge: stable ids, new, edited and vanished entries.

``previous`` is the last ``chronology.json`` loaded as a dict (the public
contract). Its sources are recognised by content (agency, date, entry text)
or by where they were found, so ids survive next month's resubmission.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass

from chrono.merge.review import plain_words, row_content
from chrono.model import Changes, Event, Row

_ID = re.compile(r"^E(\d+)$")


@dataclass
class PreviousSource:
    event_id: str
    agency: str
    file: str
    table: object
    row: int
    date: str
    content: str
    #: what the entry said, so that a vanished entry is shown in full
    fields: dict | None = None


def previous_sources(previous: dict | None) -> list[PreviousSource]:
    """Every source of the previous chronology, with its content key."""
    out: list[PreviousSource] = []
    for ev in (previous or {}).get("events", []) or []:
        for src in ev.get("sources", []) or []:
            fields = src.get("fields") or {}
            text = src.get("text") or {}
            if isinstance(fields, dict) and fields.get("event"):
                entry = fields["event"]
            elif isinstance(text, dict):
                entry = text.get("event") or " ".join(str(v) for k, v in text.items() if k not in ("date", "time"))
            else:
                entry = str(text)
            date = str(src.get("date") or ev.get("date") or "")
            agency = str(src.get("agency") or "")
            out.append(PreviousSource(
                event_id=str(ev.get("id", "")), agency=agency, file=str(src.get("file", "")),
                table=src.get("table"), row=int(src.get("row", 0) or 0), date=date,
                content=f"{plain_words(agency)}|{date}|{plain_words(str(entry))}",
                fields={"text": str(entry), "who": str(fields.get("who_involved", "") if isinstance(fields, dict) else ""),
                        "outcome": str(fields.get("decisions_actions", "") if isinstance(fields, dict) else ""),
                        "comments": str(fields.get("author_comments", "") if isinstance(fields, dict) else "")},
            ))
    return out


def _where(file: str, table: object, row: int) -> tuple[str, str, int]:
    return (file, str(table), row)


def assign_ids(groups: list[list[Row]], previous: dict | None) -> tuple[list[str], set[str]]:
    """An id per group (groups already in chronological order) and the ids that are new.

    A group whose rows overlap a previous event's sources keeps that event's id
    (the largest overlap wins; each previous id is used once); the others get
    ids after the previous largest, in chronological order.
    """
    prev = previous_sources(previous)
    by_content: dict[str, set[str]] = {}
    by_place: dict[tuple, set[str]] = {}
    top = 0
    for p in prev:
        by_content.setdefault(p.content, set()).add(p.event_id)
        by_place.setdefault(_where(p.file, p.table, p.row), set()).add(p.event_id)
    for ev in (previous or {}).get("events", []) or []:
        m = _ID.match(str(ev.get("id", "")))
        if m:
            top = max(top, int(m.group(1)))
    width = max(4, len(str(top + len(groups))))
    ids: list[str | None] = [None] * len(groups)
    taken: set[str] = set()
    if prev:
        wanted: list[tuple[int, str, int]] = []
        for g, rows in enumerate(groups):
            votes: dict[str, int] = {}
            for r in rows:
                hits = by_content.get(row_content(r), set()) | by_place.get(
                    _where(r.provenance.file, r.provenance.table, r.provenance.row), set())
                for eid in hits:
                    votes[eid] = votes.get(eid, 0) + 1
            for eid, n in votes.items():
                wanted.append((-n, eid, g))
        for _, eid, g in sorted(wanted, key=lambda w: (w[0], w[2], w[1])):
            if ids[g] is None and eid not in taken:
                ids[g] = eid
                taken.add(eid)
    new: set[str] = set()
    counter = top
    for g in range(len(groups)):
        if ids[g] is None:
            counter += 1
            ids[g] = f"E{counter:0{width}d}"
            new.add(ids[g])
    return [i for i in ids if i is not None], new


def _file_rank(rows: list[Row]) -> dict[str, tuple]:
    """Per file: (submission date, agency, content digest) -- later ranks later. Falls back to the latest entry.

    Never the file's name: renaming a case's files must not change which
    account leads an event, the order of agencies or the events' ids.
    """
    latest_entry: dict[str, dt.date] = {}
    submitted: dict[str, dt.date | None] = {}
    agencies: dict[str, Counter] = {}
    digests: dict = {}
    for r in rows:
        f = r.provenance.file
        latest_entry[f] = max(latest_entry.get(f, r.date), r.date)
        if r.submitted is not None:
            submitted[f] = max(submitted.get(f) or r.submitted, r.submitted)
        agencies.setdefault(f, Counter())[r.agency] += 1
        digests.setdefault(f, hashlib.sha256()).update(
            "\x1f".join((str(r.provenance.table), str(r.provenance.row), *r.raw.values())).encode("utf-8", "replace"))
    return {f: (submitted.get(f) or latest_entry[f], agencies[f].most_common(1)[0][0], digests[f].hexdigest())
            for f in latest_entry}


def latest_files(rows: list[Row], rank: dict[str, tuple] | None = None) -> dict[str, set[str]]:
    """Per agency, the file(s) of its latest submission (``rank``: :func:`_file_rank` of ``rows``)."""
    rank = rank or _file_rank(rows)
    best: dict[str, dt.date] = {}
    for r in rows:
        d = rank[r.provenance.file][0]
        best[r.agency] = max(best.get(r.agency, d), d)
    out: dict[str, set[str]] = {}
    for r in rows:
        if rank[r.provenance.file][0] == best[r.agency]:
            out.setdefault(r.agency, set()).add(r.provenance.file)
    return out


def changes(events: list[Event], new_ids: set[str], previous: dict | None, rows: list[Row],
            rank: dict[str, tuple] | None = None) -> Changes:
    """New events, events an agency edited, and rows an agency's latest submission dropped.

    ``rank``: :func:`_file_rank` of ``rows``, when the caller has it already.
    """
    result = Changes()
    if previous:
        result.previous_generated_at = str(previous.get("generated_at", ""))
        result.new_events = [e.id for e in events if e.id in new_ids]
    prev_content = {p.content for p in previous_sources(previous)}
    rank = rank or _file_rank(rows)
    latest = latest_files(rows, rank)
    for ev in events:
        by_agency: dict[str, list[Row]] = {}
        for r in ev.sources:
            by_agency.setdefault(r.agency, []).append(r)
        # an agency's copies with the very same texts have one edit key: normalise only texts that differ
        edited = any(len(own) > 1 and len({_texts(r) for r in own}) > 1 and len({_edit_key(r) for r in own}) > 1
                     for own in by_agency.values())
        if edited and previous and ev.id not in new_ids:
            edited = any(row_content(r) not in prev_content for r in ev.sources)
        if edited:
            result.edited_events.append(ev.id)
        for agency, own in by_agency.items():
            if any(r.provenance.file in latest.get(agency, ()) or r.imported_from for r in own):
                continue  # an account read back from last period's chronology is not dropped by a new file
            last = max(own, key=lambda r: (rank[r.provenance.file], r.provenance.sort_key()))
            result.vanished.append({
                "agency": agency, "date": last.date.isoformat(), "file": last.provenance.file,
                "table": last.provenance.table, "row": last.provenance.row, "event": ev.id,
                "text": last.event, "who": last.who, "outcome": last.outcome, "comments": last.comments,
            })
    if previous:
        current = {row_content(r) for r in rows}
        places = {_where(r.provenance.file, r.provenance.table, r.provenance.row) for r in rows}
        seen: set[tuple] = set()
        for p in previous_sources(previous):
            if p.content in current or _where(p.file, p.table, p.row) in places:
                continue
            key = (p.event_id, p.agency)
            if key in seen:
                continue
            seen.add(key)
            result.vanished.append({"agency": p.agency, "date": p.date, "file": p.file,
                                    "table": p.table, "row": p.row, "event": p.event_id, **(p.fields or {})})
    return result


def _texts(r: Row) -> tuple[str, str, str]:
    return (r.event, r.outcome, r.comments)


def _edit_key(r: Row) -> str:
    return "|".join(plain_words(x) for x in (r.event, r.outcome, r.comments))
