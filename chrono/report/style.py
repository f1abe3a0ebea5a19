"""What the Word appendix, the workbook and the chart share: agency colours,
how a date is shown, what is withheld from the parents' copy, and the save.

Kept in one place so that the three outputs a core group reads side by side
agree: the same agency has the same tint everywhere and a date reads the same.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from chrono.config import Config
from chrono.model import Chronology, Event, Flag, Row

DEFAULT_MARKING = "OFFICIAL-SENSITIVE"
PARENTS_COPY = "PARENTS' COPY"

#: Light tints, each dark enough to tell apart and light enough that black
#: text on it meets WCAG AA (contrast >= 4.5; tested).
PALETTE: tuple[str, ...] = (
    "FFE699",  # yellow
    "BDD7EE",  # blue
    "C6E0B4",  # green
    "F8CBAD",  # peach
    "D9C3E9",  # lavender
    "F4B6C2",  # pink
    "A9E2DA",  # teal
    "D9D9D9",  # grey
    "E6D3A3",  # khaki
    "C9C9F0",  # periwinkle
    "E2F0A8",  # lime
    "F0C8E6",  # orchid
)

#: Agencies the procedures name get a fixed tint, so a reader learns them
#: across months. Matched on a word in the canonical agency name.
_KNOWN_TINTS: tuple[tuple[tuple[str, ...], int], ...] = (
    (("social care", "social work", "csc"), 0),
    (("police",), 1),
    (("health visit",), 2),
    (("school nurs",), 10),
    (("school", "education", "nursery", "college"), 3),
    (("gp", "general practi", "surgery"), 4),
    (("a&e", "emergency", "hospital", "paediatric", "urgent"), 5),
    (("midwi", "maternity"), 6),
    (("probation",), 7),
    (("housing",), 8),
    (("camhs", "mental health"), 9),
    (("substance", "drug", "alcohol"), 11),
)


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of an ``RRGGBB`` colour."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two ``RRGGBB`` colours (1 to 21)."""
    a, b = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _known_index(agency: str) -> int | None:
    name = agency.lower()
    words = set(name.replace("/", " ").replace("(", " ").replace(")", " ").split())
    for keys, index in _KNOWN_TINTS:
        for key in keys:
            if (" " in key or "&" in key) and key in name:
                return index
            if key in words or (len(key) > 3 and key in name):
                return index
    return None


def agency_colours(agencies: Iterable[str]) -> dict[str, str]:
    """A tint for each agency: the fixed one for a known agency, else the next
    unused tint (by a stable hash, so a case keeps its colours month to month)."""
    names = sorted(dict.fromkeys(a for a in agencies if a))
    colours: dict[str, str] = {}
    used: set[int] = set()
    pending: list[str] = []
    for name in names:
        index = _known_index(name)
        if index is None or index in used:
            pending.append(name)
        else:
            colours[name] = PALETTE[index]
            used.add(index)
    for name in pending:
        start = zlib.crc32(name.encode("utf-8")) % len(PALETTE)
        for step in range(len(PALETTE)):
            index = (start + step) % len(PALETTE)
            if index not in used or len(used) >= len(PALETTE):
                break
        colours[name] = PALETTE[index]
        used.add(index)
    return colours


def chronology_agencies(chron: Chronology) -> list[str]:
    """Every agency that reported an event or sent an accepted file, sorted."""
    names: dict[str, None] = {}
    for event in chron.events:
        for agency in event.agencies:
            names.setdefault(agency, None)
    for report in chron.files:
        if report.status == "ok" and report.agency:
            names.setdefault(report.agency, None)
    return sorted(names)


def marking(cfg: Config | None) -> str:
    """The protective marking every page and sheet carries."""
    if cfg is None:
        return DEFAULT_MARKING
    return str(cfg.section("privacy").get("marking") or DEFAULT_MARKING)


# ---------------------------------------------------------------- dates

def format_day(day: dt.date | None) -> str:
    """``dd/mm/yyyy``: four-digit years, because chronologies reach back to the
    parents' births (003:864) and ``09/06/88`` would be ambiguous."""
    return _day_text(day) if day else ""


@functools.lru_cache(maxsize=4096)
def _day_text(day: dt.date) -> str:
    """A day as text, made once per day: a chronology shows the same days many times over."""
    return day.strftime("%d/%m/%Y")


def format_precise(day: dt.date | None, precision: str = "day") -> str:
    """A date as precisely as it is known: ``12/03/2024``, ``March 2024``, ``2019``."""
    if day is None:
        return ""
    if precision == "year":
        return f"{day.year}"
    if precision == "month":
        return f"{MONTHS[day.month - 1]} {day.year}"
    return format_day(day)


#: Month names spelled out, not by locale (the machine's locale must not change the appendix).
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def format_row_date(row: Row, with_time: bool = True) -> str:
    """One account's own date, as precisely as that agency knew it."""
    return _shown_date(row.date, row.precision, row.approximate, row.time if with_time else None,
                       getattr(row, "date_end", None))


def _shown_date(day: dt.date, precision: str, approximate: bool, time: str | None,
                end: dt.date | None) -> str:
    text = format_precise(day, precision)
    if end and precision == "day" and end != day:
        text = f"{text} to {format_day(end)}"  # an episode ("12/03-15/03/24"): both ends are known
    elif approximate:
        text = f"c. {text}"
    if time and precision == "day":
        text = f"{text} {time}"
    return text


def format_iso_label(label: str) -> str:
    """A date label the merge stage wrote (``2024-03-12``, ``2024-03``, ``2024``,
    ``~`` for approximate) in the form people read."""
    approximate = label.startswith("~")
    core = label.lstrip("~")
    try:
        if len(core) == 4:
            text = format_precise(dt.date(int(core), 1, 1), "year")
        elif len(core) == 7:
            text = format_precise(dt.date(int(core[:4]), int(core[5:7]), 1), "month")
        else:
            text = format_day(dt.date.fromisoformat(core[:10]))
    except ValueError:
        return label
    return f"c. {text}" if approximate else text


def format_event_date(event: Event, with_time: bool = True) -> str:
    """The date as precisely as it was known: ``12/03/2024 21:40``,
    ``March 2024``, ``2019``, ``c. 12/03/2024``, ``12/03/2024 to 15/03/2024``."""
    return _shown_date(event.date, event.precision, event.approximate, event.time if with_time else None,
                       getattr(event, "date_end", None))


def written_date(event: Event) -> str:
    """How the submissions wrote an imprecise or approximate date, when that
    differs from :func:`format_event_date` (empty otherwise)."""
    if event.precision == "day" and not event.approximate:
        return ""
    shown = format_event_date(event, with_time=False)
    written = [r.date_text.strip() for r in event.sources if r.date_text and r.date_text.strip()]
    written = [w for w in dict.fromkeys(written) if w != shown]
    return "; ".join(written)


def event_span(event: Event) -> tuple[dt.date, dt.date]:
    """The first and last day an event could have been on, given its precision."""
    start = event.date
    if event.precision == "year":
        return dt.date(start.year, 1, 1), dt.date(start.year, 12, 31)
    if event.precision == "month":
        nxt = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return dt.date(start.year, start.month, 1), nxt - dt.timedelta(days=1)
    return start, start


def in_period(event: Event, since: dt.date | None, until: dt.date | None) -> bool:
    """Whether an event may fall within ``since..until`` (inclusive). A month-
    or year-only date counts if any day of it does: an uncertain entry is shown
    rather than silently dropped."""
    first, last = event_span(event)
    if since and last < since:
        return False
    if until and first > until:
        return False
    return True


def sorted_events(events: Iterable[Event]) -> list[Event]:
    """By date; a stable sort keeps the merge's order within a day."""
    return sorted(events, key=lambda e: e.date)


# ---------------------------------------------------------------- wording

def wording(cfg: Config | None = None) -> dict:
    """The people-facing names (``chrono/data/wording.toml``, overridable in chrono.toml)."""
    if cfg is not None and cfg.section("wording"):
        return cfg.section("wording")
    return _shipped_section("wording")


def privacy(cfg: Config | None = None) -> dict:
    """What the parents' copy withholds (``chrono/data/privacy.toml``)."""
    if cfg is not None and cfg.section("privacy"):
        return cfg.section("privacy")
    return _shipped_section("privacy")


_SHIPPED: dict[str, dict] = {}


def _shipped_section(name: str) -> dict:
    if name not in _SHIPPED:
        import tomllib
        from importlib import resources

        _SHIPPED[name] = tomllib.loads(resources.files("chrono.data").joinpath(f"{name}.toml").read_text("utf-8"))
    return _SHIPPED[name]


def rule_name(rule: str, cfg: Config | None = None) -> str:
    """A flag's rule in plain English ("Repeated A&E attendances"); the code if unnamed."""
    return str(wording(cfg).get("rules", {}).get(rule, {}).get("name") or rule.replace("_", " ").capitalize())


def rule_short_name(rule: str, cfg: Config | None = None) -> str:
    """The few words that label a flag on the timeline picture."""
    entry = wording(cfg).get("rules", {}).get(rule, {})
    return str(entry.get("short") or rule_name(rule, cfg))


def rule_standard(rule: str, cfg: Config | None = None) -> str:
    """The standard a process flag measures against, stated as the standard with
    the grace separately ("monthly ... flagged only after a further 11 days' grace")."""
    import string

    templates = wording(cfg).get("rules", {}).get(rule, {}).get("standard") or []
    if isinstance(templates, str):
        templates = [templates]
    values: dict = {}
    if cfg is not None:
        values.update(cfg.area_settings())
        values.update(cfg.section("rules").get(rule, {}) or {})
    for template in templates:
        names = [name for _, name, _, _ in string.Formatter().parse(str(template)) if name]
        if all(values.get(name) not in (None, 0, "") for name in names):
            try:
                return str(template).format_map(values)
            except (KeyError, ValueError, IndexError):
                continue
    return ""


def category_name(category: str, cfg: Config | None = None) -> str:
    return str(wording(cfg).get("categories", {}).get(category) or category.replace("_", " "))


def citation(key: str, cfg: Config | None = None) -> str:
    """A short human citation for the notes section (never a ``000:`` code)."""
    return str(wording(cfg).get("citations", {}).get(key, ""))


def area_label(chron: Chronology, cfg: Config | None = None) -> str:
    """The local procedures in words; empty for the built-in default (an internal name)."""
    if not chron.area or chron.area in set(wording(cfg).get("hidden_areas", ["default"])):
        return ""
    if cfg is not None:
        label = cfg.section("areas").get(chron.area, {}).get("label")
        if label:
            return str(label)
    return chron.area


def flag_groups(flags: list[Flag], cfg: Config | None = None) -> list[list[Flag]]:
    """Flags presented together: rules wording.toml names as related, on the
    same evidence (one's events within the other's), come out as one group."""
    related = [set(g) for g in wording(cfg).get("related", [])]
    groups: list[list[Flag]] = []
    for flag in flags:
        home = None
        for group in groups:
            lead = group[0]
            together = any(flag.rule in g and lead.rule in g for g in related) and flag.rule != lead.rule
            a, b = set(flag.events), set(lead.events)
            if together and a and b and (a <= b or b <= a):
                home = group
                break
        if home is None:
            groups.append([flag])
        else:
            home.append(flag)
    return groups


# ---------------------------------------------------------------- every account

@dataclass
class Account:
    """One agency's account of an event: its latest version, and the earlier
    versions of it that read differently (a resubmission edited it)."""

    row: Row
    lead: bool = False
    earlier: list[Row] = field(default_factory=list)

    @property
    def agency(self) -> str:
        return self.row.agency


def _version_key(row: Row) -> tuple:
    return (row.submitted or dt.date.min, row.provenance.sort_key())


def _fields(row: Row) -> tuple:
    return (row.event, row.who, row.outcome, row.comments, row.seen_text)


def _content(row: Row) -> tuple:
    return tuple(" ".join(x.split()).casefold() for x in _fields(row))


#: Within :func:`shared_facts`, what :func:`accounts` found for each event (id(event) -> (event, accounts)).
_ACCOUNTS: ContextVar[dict[int, tuple[Event, list[Account]]] | None] = ContextVar("chrono_accounts", default=None)


@contextmanager
def shared_facts() -> Iterator[None]:
    """While one run writes its outputs: each event's accounts are worked out once and
    shared by every writer (the appendix, the workbook and the page each asked for them
    several times an event). Nothing is kept once the block ends: the events of the next
    case in a batch, or an event changed afterwards, are never answered from it."""
    token = _ACCOUNTS.set({})
    try:
        yield
    finally:
        _ACCOUNTS.reset(token)


def accounts(event: Event) -> list[Account]:
    """Every agency's account of ``event``: the lead account (whose text the
    event carries) first, the others beneath in the order they reported it."""
    known = _ACCOUNTS.get()
    if known is None:
        return _accounts(event)
    hit = known.get(id(event))
    if hit is None or hit[0] is not event:
        hit = known[id(event)] = (event, _accounts(event))
    return list(hit[1])


def _accounts(event: Event) -> list[Account]:
    by_agency: dict[str, list[Row]] = {}
    for row in event.sources:
        by_agency.setdefault(row.agency, []).append(row)
    out: list[Account] = []
    for agency in list(dict.fromkeys(list(event.agencies) + list(by_agency))):
        rows = sorted(by_agency.get(agency, []), key=_version_key)
        if not rows:
            continue
        latest = rows[-1]
        earlier = []
        if len(rows) > 1:
            # a version written exactly as one already seen reads the same (most resubmissions)
            written = {_fields(latest)}
            seen = {_content(latest)}
            for row in reversed(rows[:-1]):
                fields = _fields(row)
                if fields in written:
                    continue
                written.add(fields)
                content = _content(row)
                if content not in seen:
                    seen.add(content)
                    earlier.append(row)
        out.append(Account(latest, earlier=list(reversed(earlier))))
    if out:
        lead = next((a for a in out if a.row.event.strip() == event.event.strip()), out[0])
        lead.lead = True
        out.remove(lead)
        out.insert(0, lead)
    return out


def seen_by(event: Event) -> list[str]:
    """The agencies whose own account says the child was seen (an agency that
    only received a letter or a call about the visit did not see the child)."""
    return [a.agency for a in accounts(event) if a.row.child_seen == "yes"]


def others_present(present: str, child_name: str) -> str:
    """Who else was present: the child is not one of the others."""
    if not present:
        return ""
    names = {n.casefold() for n in (child_name or "", *(child_name or "").split()) if n}
    names |= {"child", "the child"}
    kept = [p.strip() for p in present.split(",") if p.strip() and p.strip().casefold() not in names]
    return ", ".join(kept)


def present_for(event: Event | None, present: str, child_name: str) -> str:
    """Who else was present at a visit, attributed per agency when several
    agencies' accounts say who was there (never "Mother; Mother, Marnie")."""
    if event is None:
        return others_present(present, child_name)
    saw = [a for a in accounts(event) if a.row.child_seen == "yes"]
    joined = "; ".join(dict.fromkeys(a.row.who.strip() for a in accounts(event) if a.row.who.strip()))
    if len(saw) <= 1 or (present and present != joined and ";" not in present):
        if saw and present == joined:
            return others_present(saw[0].row.who, child_name)
        return others_present(present, child_name)
    parts = []
    for account in saw:
        who = others_present(account.row.who, child_name)
        if who:
            parts.append(f"{account.agency}: {who}")
    return "; ".join(parts)


# ---------------------------------------------------------------- what changed

@dataclass
class Edit:
    event: Event
    agency: str
    before: Row
    after: Row


def edits(chron: Chronology) -> list[Edit]:
    """The edited entries of ``Chronology.changes``, each with the agency's
    version before and after (the merge keeps both as sources)."""
    by_id = {e.id: e for e in chron.events}
    out = []
    for event_id in chron.changes.edited_events:
        event = by_id.get(event_id)
        if event is None:
            continue
        for account in accounts(event):
            if account.earlier:
                out.append(Edit(event, account.agency, account.earlier[-1], account.row))
    return out


def earlier_versions(chron: Chronology) -> list[Edit]:
    """Every earlier wording of an account that :func:`edits` does not show (an
    older edit, or one made before the last merge): what a person wrote stays
    readable outside the JSON."""
    shown = {(e.event.id, e.agency, id(e.before)) for e in edits(chron)}
    out = []
    for event in chron.events:
        for account in accounts(event):
            versions = account.earlier + [account.row]
            for before, after in zip(versions, versions[1:]):
                if (event.id, account.agency, id(before)) not in shown:
                    out.append(Edit(event, account.agency, before, after))
    return out


def vanished_text(item: dict, chron: Chronology) -> str:
    """What a vanished entry said: carried by the merge stage, else the kept source."""
    if item.get("text"):
        return str(item["text"])
    event = next((e for e in chron.events if e.id == item.get("event")), None)
    if event is not None:
        for row in event.sources:
            if row.provenance.file == item.get("file") and row.provenance.row == item.get("row"):
                return row.event
        own = [r for r in event.sources if r.agency == item.get("agency")]
        if own:
            return own[-1].event
    return ""


def vanished_lines(item: dict, chron: Chronology) -> list[str]:
    """A vanished entry in full: what it said, who was involved, outcome, comments."""
    lines = [vanished_text(item, chron) or "(text not kept)"]
    for label, key in (("Who", "who"), ("Outcome", "outcome"), ("Comments", "comments")):
        if item.get(key):
            lines.append(f"{label}: {item[key]}")
    return lines


def vanished_date(item: dict) -> str:
    return format_iso_label(str(item.get("date") or ""))


def changes_summary(chron: Chronology) -> str:
    """One line for the terminal after a merge: what changed since the last one."""
    c = chron.changes
    if not (c.previous_generated_at or c.new_events or c.edited_events or c.vanished):
        return "First merge into this folder: nothing to compare with."
    parts = [f"{len(c.new_events)} new", f"{len(c.edited_events)} edited",
             f"{len(c.vanished)} no longer in the latest submissions"]
    since = ""
    if c.previous_generated_at:
        try:
            since = " since " + format_day(dt.datetime.fromisoformat(
                c.previous_generated_at.replace("Z", "+00:00")).date())
        except ValueError:
            since = ""
    line = f"Changes{since or ' in the submissions'}: " + ", ".join(parts) + "."
    if c.vanished:
        line += " Check the vanished entries with the agencies (appendix, Changes section)."
    return line


def changes_lines(chron: Chronology) -> list[str]:
    """The lines ``chrono flags`` prints under the flags: what changed, with
    each vanished entry named (an agency quietly deleting an entry must be seen)."""
    lines = [changes_summary(chron)]
    for item in chron.changes.vanished:
        text = vanished_text(item, chron)
        lines.append(f"  vanished: {vanished_date(item)} {item.get('agency', '')}: "
                     f"{text[:120]}{'…' if len(text) > 120 else ''} (last in {item.get('file', '')})")
    for edit in edits(chron):
        lines.append(f"  edited: {format_event_date(edit.event, with_time=False)} {edit.agency} "
                     f"({edit.event.id})")
    return lines


def flag_lines(chron: Chronology, cfg: Config | None = None) -> list[str]:
    """What ``chrono flags`` prints: each flag by its plain name (code after it),
    related flags on the same evidence together, dates as DD/MM/YYYY; then
    what changed since the last merge (:func:`changes_lines`)."""
    by_id = {e.id: e for e in chron.events}
    order = {"high": 0, "medium": 1, "low": 2}
    flags = sorted(chron.flags, key=lambda f: (order.get(f.severity, 3), f.start, f.id))
    lines: list[str] = []
    for group in flag_groups(flags, cfg):
        for number, flag in enumerate(group):
            lead = f"{flag.severity.upper():6} " if number == 0 else "  and  "
            lines.append(f"{lead}{rule_name(flag.rule, cfg)} ({flag.rule}), "
                         f"{format_day(flag.start)} to {format_day(flag.end)}")
            lines.append(f"       {flag.summary}")
            standard = rule_standard(flag.rule, cfg)
            if standard:
                lines.append(f"       {standard}")
        evidence = list(dict.fromkeys(i for f in group for i in f.events))
        if evidence:
            lines.append("       evidence: " + "; ".join(
                f"{format_event_date(by_id[i], with_time=False)} ({i})" if i in by_id else i for i in evidence))
    return lines + changes_lines(chron)


# ---------------------------------------------------------------- parents' copy

def is_withheld(event: Event) -> bool:
    """Marked confidential / third party (000:928, 000:768): the whole event is
    withheld, because its other accounts may repeat what was marked."""
    return bool(event.confidential or any(r.confidential for r in event.sources))


def _casefolds(values) -> list[str]:
    return [str(v).casefold() for v in values or []]


def withhold_reason(row: Row, cfg: Config | None = None) -> str:
    """Why one account is left out of the parents' copy (empty: it is shown).
    The categories and their words are ``[parents_copy]`` in privacy.toml."""
    settings = privacy(cfg).get("parents_copy", {})
    wanted = settings.get("withhold", [])
    categories = settings.get("categories", {})
    text = " ".join((row.event, row.who, row.outcome, row.comments)).casefold()
    for name in wanted:
        category = categories.get(name, {})
        reason = str(category.get("reason") or name.replace("_", " "))
        if category.get("confidential_mark") and row.confidential:
            return reason
        agencies = _casefolds(category.get("agencies"))
        if row.agency.casefold() in agencies or (row.agency_raw and row.agency_raw.casefold() in agencies):
            return reason
        if any(m in text for m in _casefolds(category.get("markers"))):
            return reason
        starts = _casefolds(category.get("starts"))
        if starts and row.event.strip().casefold().startswith(tuple(starts)):
            return reason
    return ""


@dataclass
class Withheld:
    """One account (or whole event) left out of the parents' copy, and why."""

    event: Event
    row: Row
    reason: str
    whole_event: bool


def withheld_accounts(events: Iterable[Event], cfg: Config | None = None) -> dict[str, list[Withheld]]:
    """Per event id, the accounts the parents' copy leaves out."""
    out: dict[str, list[Withheld]] = {}
    confidential_reason = str(privacy(cfg).get("parents_copy", {}).get("categories", {})
                              .get("confidential", {}).get("reason") or "marked confidential")
    for event in events:
        shown = accounts(event)
        if is_withheld(event):
            out[event.id] = [Withheld(event, a.row, withhold_reason(a.row, cfg) or confidential_reason, True)
                             for a in shown]
            continue
        items = [Withheld(event, a.row, reason, False) for a in shown
                 for reason in [withhold_reason(a.row, cfg)] if reason]
        if items:
            whole = len(items) == len(shown)
            for item in items:
                item.whole_event = whole
            out[event.id] = items
    return out


@dataclass
class View:
    """The events and flags one copy of the outputs shows, and what it leaves out."""

    events: list[Event]
    flags: list[Flag]
    since: dt.date | None
    until: dt.date | None
    before: int = 0
    after: int = 0
    withheld: int = 0
    flags_withheld: int = 0
    #: event id -> accounts withheld from this copy (parents' copy only)
    withheld_accounts: dict[str, list[Withheld]] = field(default_factory=dict)
    withheld_flags: list[Flag] = field(default_factory=list)
    _shown: set[str] | None = None

    @property
    def shown_ids(self) -> set[str]:
        if self._shown is None:
            self._shown = {e.id for e in self.events}
        return self._shown

    def agencies(self, event: Event) -> list[str]:
        """The agencies this copy shows for ``event`` (those whose accounts are all withheld go)."""
        items = self.withheld_accounts.get(event.id)
        if not items:
            return list(event.agencies)
        shown = {a.agency for a in self.shown_accounts(event)}
        return [a for a in event.agencies if a in shown]

    def shown_accounts(self, event: Event) -> list[Account]:
        """The accounts of ``event`` this copy shows (all but the withheld)."""
        hidden = {id(w.row) for w in self.withheld_accounts.get(event.id, [])}
        shown = [a for a in accounts(event) if id(a.row) not in hidden]
        if shown and not any(a.lead for a in shown):
            shown[0] = Account(shown[0].row, True, shown[0].earlier)
        return shown


def build_view(chron: Chronology, since: dt.date | None = None, until: dt.date | None = None,
               parents_copy: bool = False, cfg: Config | None = None) -> View:
    """Filter a chronology to a period, and for the parents' copy withhold the
    accounts privacy.toml names (000:928, 000:768) and any flag whose evidence
    is only withheld entries."""
    kept: list[Event] = []
    before = after = withheld = 0
    hidden = withheld_accounts(chron.events, cfg) if parents_copy else {}
    all_withheld = {eid for eid, items in hidden.items() if items and items[0].whole_event}
    for event in sorted_events(chron.events):
        first, last = event_span(event)
        if since and last < since:
            before += 1
            continue
        if until and first > until:
            after += 1
            continue
        if event.id in all_withheld:
            withheld += 1
            continue
        kept.append(event)
    if parents_copy:
        flags = [f for f in chron.flags if not f.events or not set(f.events) <= all_withheld]
    else:
        flags = list(chron.flags)
    shown = {id(f) for f in flags}
    return View(events=kept, flags=flags, since=since, until=until, before=before, after=after,
                withheld=withheld, flags_withheld=len(chron.flags) - len(flags),
                withheld_accounts=hidden, withheld_flags=[f for f in chron.flags if id(f) not in shown])


def period_of(chron: Chronology, since: dt.date | None = None,
              until: dt.date | None = None) -> tuple[dt.date | None, dt.date | None]:
    """The period a copy covers: the one asked for, else the chronology's, else
    the span of its entries."""
    dates = [e.date for e in chron.events]
    start = since or chron.period_from or (min(dates) if dates else None)
    end = until or chron.period_to or (max(dates) if dates else None)
    return start, end


def produced_on(chron: Chronology) -> dt.date:
    """The date the merge ran (from ``generated_at``), else today."""
    if chron.generated_at:
        try:
            return dt.datetime.fromisoformat(chron.generated_at.replace("Z", "+00:00")).date()
        except ValueError:
            pass
    return dt.date.today()


# ---------------------------------------------------------------- child seen

def seen_visits(events: list[Event], child=None) -> list:
    """When the child was seen (000:713): the detect stage's ``seen_summary``;
    until that is installed, every entry recording the child as seen.
    ``child``: a family chronology's child, seen by the accounts about that child."""
    try:
        from chrono.detect import seen_summary  # type: ignore[attr-defined]
    except ImportError:
        seen_summary = None
    if seen_summary is not None:
        return list(seen_summary(events, child=child) if child is not None else seen_summary(events))
    return [dict(date=e.date, time=e.time, agencies=list(e.agencies), alone=None, present="",
                 detail=e.seen_text, event=e.id) for e in events if e.child_seen == "yes"]


def visit_field(visit, name: str):
    """A field of a ``SeenVisit`` (or of the stand-in dict)."""
    return visit.get(name) if isinstance(visit, dict) else getattr(visit, name, None)


# ---------------------------------------------------------------- saving

def rewrite_package(package: bytes, target: Path, parts: dict[str, Callable[[bytes, IO[bytes]], None]]) -> None:
    """Copy a saved Office package (a zip) to ``target`` member by member, each part named in
    ``parts`` written by its function (given the part as saved and the member to write to):
    how the appendix and the workbook put in their long tables' rows, made as they are
    written. A part that turns out to pass 2 GiB makes the copy again in the zip's 64-bit form."""
    try:
        _copy_package(package, target, parts, force_zip64=False)
    except RuntimeError as exc:
        if "force_zip64" not in str(exc):
            raise
        _copy_package(package, target, parts, force_zip64=True)


def _copy_package(package: bytes, target: Path, parts: dict[str, Callable[[bytes, IO[bytes]], None]],
                  force_zip64: bool) -> None:
    with zipfile.ZipFile(io.BytesIO(package)) as source, \
            zipfile.ZipFile(str(target), "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            copy = zipfile.ZipInfo(info.filename, info.date_time)
            copy.compress_type, copy.external_attr = info.compress_type, info.external_attr
            data = source.read(info)
            write = parts.get(info.filename)
            if write is None:
                out.writestr(copy, data)
                continue
            with out.open(copy, "w", force_zip64=force_zip64) as member:
                write(data, member)


def save_atomically(path: Path, save: Callable[[Path], None]) -> None:
    """Write through a temporary file and rename (``chrono.files.atomic_write``), so a
    crash or a reader never sees a half-written document; the folder is made private."""
    from chrono.files import atomic_write, ensure_private_dir

    path = Path(path)
    ensure_private_dir(path.parent)
    atomic_write(path, save)
