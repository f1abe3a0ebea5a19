"""``chronology.html``: the merged timeline to explore in a browser, and the unsure pairs to decide.

One self-contained file (no network, no server, nothing fetched: it opens
from a USB stick by double-click). The data is the same chronology the
appendix shows, embedded as JSON; a little plain JavaScript draws the
agency lanes as SVG, filters, searches, shows every agency's account of an
event side by side with where it came from, and saves the reviewer's
"same" / "different" decisions as the CSV that ``chrono review --import``
reads. A content security policy forbids every request, so the page cannot
send anything anywhere even if entry text were hostile; entry text is only
ever inserted as text, never as markup.

>>> from chrono.model import Chronology, Child
>>> page = render_page(Chronology(Child("Jo BLOGGS"), None, None, [], [], []))
>>> "OFFICIAL-SENSITIVE" in page and "connect-src 'none'" in page
True
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from chrono.config import Config
from chrono.model import Chronology, Event, Row
from chrono.report.style import (PARENTS_COPY, agency_colours, build_view, chronology_agencies, format_day,
                                 format_event_date, format_row_date, marking, rule_name)

TEMPLATE = "chronology.html.j2"
PAGE = "chronology.html"
PARENTS_COPY_PAGE = "chronology-parents-copy.html"


@lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, select_autoescape

    text = resources.files("chrono.report").joinpath("templates", TEMPLATE).read_text("utf-8")
    env = Environment(autoescape=select_autoescape(default=True), keep_trailing_newline=True)
    return env.from_string(text)


def _account(row: Row, show_sources: bool) -> dict[str, Any]:
    account = {
        "agency": row.agency,
        "date": format_row_date(row, with_time=False),
        "time": row.time or "",
        "event": row.event,
        "who": row.who,
        "outcome": row.outcome,
        "seen": row.child_seen,
        "seen_text": row.seen_text,
        "comments": row.comments,
        "author": row.author,
    }
    if show_sources:
        account["where"] = str(row.provenance)
    return account


def _event(event: Event, flags_of: dict[str, list[str]], show_sources: bool) -> dict[str, Any]:
    return {
        "id": event.id,
        "date": event.date.isoformat(),
        "label": format_event_date(event),
        "precision": event.precision,
        "agencies": list(event.agencies),
        "categories": list(event.categories),
        "seen": event.child_seen,
        "text": event.event,
        "flags": flags_of.get(event.id, []),
        "review": event.needs_review,
        "accounts": [_account(r, show_sources) for r in event.sources],
        **({"children": event.children} if event.children else {}),
    }


def page_data(chron: Chronology, cfg: Config | None = None, parents_copy: bool = False) -> dict[str, Any]:
    """What the page shows, as plain data: the same withholding as the appendix for the parents' copy."""
    view = build_view(chron, parents_copy=parents_copy)
    show_sources = not parents_copy
    flags_of: dict[str, list[str]] = {}
    for flag in view.flags:
        for event_id in flag.events:
            flags_of.setdefault(event_id, []).append(flag.id)
    agencies = chronology_agencies(chron)
    colours = agency_colours(agencies)
    shown = view.shown_ids
    return {
        "marking": marking(cfg) + (f" - {PARENTS_COPY}" if parents_copy else ""),
        "child": {"name": chron.child.name, "dob": format_day(chron.child.dob)},
        **({"children": [{"id": c.id, "name": c.name, "dob": format_day(c.dob)} for c in chron.children]}
           if chron.children else {}),
        "period": {"from": chron.period_from.isoformat() if chron.period_from else "",
                   "to": chron.period_to.isoformat() if chron.period_to else "",
                   "label": f"{format_day(chron.period_from)} to {format_day(chron.period_to)}"
                   if chron.period_from and chron.period_to else ""},
        "parents_copy": parents_copy,
        "withheld": view.withheld,
        "agencies": [{"name": a, "colour": "#" + colours[a]} for a in agencies],
        "events": [_event(e, flags_of, show_sources) for e in view.events],
        "flags": [{"id": f.id, "rule": f.rule, "name": rule_name(f.rule, cfg),
                   "severity": f.severity, "start": format_day(f.start), "end": format_day(f.end),
                   "summary": f.summary, "events": [e for e in f.events if e in shown]}
                  for f in view.flags],
        "review": [] if parents_copy else [
            {"fingerprint": item.fingerprint, "reason": item.reason, "score": round(item.score, 2),
             "left": _account(item.left, True), "right": _account(item.right, True)}
            for item in chron.review if not item.decision],
    }


def _embed(data: dict[str, Any]) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``</script>`` or comment can close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_page(chron: Chronology, cfg: Config | None = None, parents_copy: bool = False) -> str:
    """The whole page as one string of HTML."""
    data = page_data(chron, cfg, parents_copy)
    title = "Merged chronology" + (" - parents' copy" if parents_copy else "")
    return _template().render(title=title, data=data, data_json=_embed(data))


def write_page(chron: Chronology, path: Path, cfg: Config | None = None, parents_copy: bool = False) -> None:
    """Write ``chronology.html`` (or the parents' copy) atomically and owner-only."""
    from chrono.report.style import save_atomically

    html = render_page(chron, cfg, parents_copy)
    save_atomically(Path(path), lambda target: Path(target).write_text(html, "utf-8"))
