"""Pattern flags across the merged timeline (shared/contract/FLAG_RULES.md).

Each rule reads the categories set by :func:`chrono.detect.lexicon.tag_events`
and its thresholds from ``chrono/data/rules.toml`` (process-clock standards
from the area preset, ``areas.toml``). A flag names its evidence events and
says in one sentence what the pattern is; it never quotes entry text beyond
short site names. Severity is chosen per rule as documented beside it.

No I/O here: plain dataclasses in, :class:`~chrono.model.Flag` out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Iterable

from rapidfuzz import fuzz

from chrono.detect.calendar import add_months, add_working_days, working_days_between
from chrono.config import ConfigError
from chrono.detect.lexicon import occurrence_dates
from chrono.text.vocabulary import SiteWords, Vocabulary, vocabulary_for
from chrono.family import family_events, family_seen_events, youngest
from chrono.model import Chronology, Event, Flag

SOCIAL_CARE = "Children's Social Care"


@dataclass
class _Draft:
    rule: str
    severity: str
    start: dt.date
    end: dt.date
    summary: str
    events: list[str]
    #: a family chronology: the child a per-child rule fired for
    child: str = ""


# ---------------------------------------------------------------- helpers

def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")  # one date format in everything people read


def _short(day: dt.date) -> str:
    return day.strftime("%d/%m")


def _dates_list(days: Iterable[dt.date]) -> str:
    days = sorted(set(days))
    same_year = len({d.year for d in days}) == 1
    return ", ".join(_short(d) if same_year else _fmt(d) for d in days)


def _span(start: dt.date, end: dt.date) -> str:
    """'5 months' / '3 weeks' / '4 days' between two dates, for a chair to read aloud."""
    days = (end - start).days
    if days >= 60:
        months = round(days / 30.44)
        return f"{months} months"
    if days >= 14:
        return f"{round(days / 7)} weeks"
    return f"{days + 1} day{'s' if days else ''}"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _dated(events: Iterable[Event]) -> list[Event]:
    """Events usable for counting: dated to the day or month (a bare year is too vague)."""
    return sorted((e for e in events if e.precision in ("day", "month")), key=lambda e: (e.date, e.id))


def _secondhand(event: Event) -> bool:
    """Every account of the event is a report of something that happened elsewhere (a letter, a notification)."""
    told = [r for r in event.sources if r.event]
    return bool(told) and all(_notice(r) for r in told)


def _notice(row) -> bool:
    """The account is news of an event recorded elsewhere (a letter, a notification, a call)."""
    return row.annotation is not None and row.annotation.notice


def _all_accounts(event: Event, test: Callable[[frozenset[str]], bool]) -> bool:
    """Every account with an entry passes ``test`` on the cues its annotation found in the entry."""
    cues = [r.annotation.cues for r in event.sources if r.event and r.annotation is not None]
    return bool(cues) and all(test(c) for c in cues)


def _continues(event: Event, category: str | None) -> bool:
    """Every account that counts ``category`` reports back on it (a discharge from the ward,
    results, a letter) and none names a new occurrence: the stay or episode goes on."""
    if category is None:
        return False
    cues = [r.annotation.cues for r in event.sources
            if r.event and r.annotation is not None and category in r.annotation.categories]
    return bool(cues) and all("follow_up" in c and "new_occurrence" not in c for c in cues)


def _occurrences(events: list[Event], same_days: int, secondhand_days: int = 0,
                 dated_by_text: frozenset[int] | set[int] = frozenset(),
                 written: dict[str, dt.date] | None = None, category: str | None = None) -> list[list[Event]]:
    """Group reports of one occurrence: events within ``same_days`` of the group's first.

    A purely second-hand report (a discharge letter, a notification) up to
    ``secondhand_days`` after an occurrence's latest report joins it, so a letter
    the merge left apart is not counted as a second attendance. The latest report
    is by the date it was written (``written``, by event id): a disclosure made on
    the 19th about the 17th is passed on by a notification of the 21st. A report
    whose text gave the occurrence's date (``dated_by_text``, by ``id``) is
    already at that date and does not drift onto an earlier occurrence. With
    ``category``, an event whose accounts of it only report back (a discharge from
    the ward two days after the attendance) joins the same way.
    """
    written = written or {}
    groups: list[list[Event]] = []
    for e in events:
        gap = (e.date - groups[-1][0].date).days if groups else None
        loose = False
        # the same entry at its own date, after the date one of its accounts gave (a police
        # account naming Thursday, a notification of it that names none), is that occurrence
        again = any(x.id == e.id for x in groups[-1]) if groups else False
        if gap is not None and id(e) not in dated_by_text and (again or _secondhand(e) or _continues(e, category)):
            latest = max([x.date for x in groups[-1]] + [written.get(x.id, x.date) for x in groups[-1]])
            loose = (e.date - latest).days <= secondhand_days
        elif gap is not None and id(e) in dated_by_text:
            # "PPN re incident on 19/07" when the 19/07 entry was the disclosure of an
            # assault it dated to the 17th: the date the occurrence was reported
            loose = any(abs((e.date - written[x.id]).days) <= same_days
                        for x in groups[-1] if x.id in written and written[x.id] != x.date)
        if gap is not None and (gap <= same_days or loose):
            groups[-1].append(e)
        else:
            groups.append([e])
    return groups


def _clusters(groups: list[list[Event]], count: int, months: int) -> list[list[list[Event]]]:
    """Maximal runs of occurrences with ``count`` or more inside any ``months`` window.

    Overlapping qualifying windows merge into one cluster, so one pattern gives
    one flag.
    """
    if count <= 1:
        return [[g] for g in groups]
    qualifying: list[tuple[int, int]] = []
    for i, g in enumerate(groups):
        limit = add_months(g[0].date, months)
        j = i
        while j + 1 < len(groups) and groups[j + 1][0].date <= limit:
            j += 1
        if j - i + 1 >= count:
            qualifying.append((i, j))
    merged: list[list[int]] = []
    for i, j in qualifying:
        if merged and i <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], j)
        else:
            merged.append([i, j])
    return [groups[i:j + 1] for i, j in merged]


def _ids(groups: list[list[Event]]) -> list[str]:
    return list(dict.fromkeys(e.id for g in groups for e in g))


def _bounds(groups: list[list[Event]]) -> tuple[dt.date, dt.date]:
    """First and last occurrence: later reports of an occurrence (a letter, a child's
    account at school) do not stretch the window."""
    days = [g[0].date for g in groups]
    return min(days), max(days)


def _with(events: list[Event], category: str) -> list[Event]:
    return _dated(e for e in events if category in e.categories)


def _at_occurrences(events: list[Event], category: str, lex: Vocabulary | None,
                    max_days: int = 60) -> tuple[list[Event], set[int]]:
    """The category's events placed at the date(s) they report the occurrence on.

    An entry written days after the occurrence that gives its date ("ED letter:
    attended ... 26/08", "PPN re incident 09/08") counts at that date, so it is
    de-duplicated against the occurrence itself and windows start and end at
    occurrence dates. Returns the (possibly re-dated copies of the) events in
    date order and the ``id``s of those dated from their text.
    """
    found = _with(events, category)
    if lex is None:
        return found, set()
    out: list[Event] = []
    by_text: set[int] = set()
    for e in found:
        days, from_text = occurrence_dates(e, category, lex, max_days)
        for day in days:
            copy = e if day == e.date else dataclasses.replace(e, date=day)
            out.append(copy)
            if from_text:
                by_text.add(id(copy))
    return sorted(out, key=lambda e: (e.date, e.id)), by_text


def _period(chron: Chronology, months: int) -> tuple[dt.date, dt.date] | None:
    """The period under review: ``period_from``/``period_to`` if set, else 12 months to the latest entry."""
    dated = [e.date for e in chron.events if e.precision == "day"] or [e.date for e in chron.events]
    if not dated and chron.period_to is None:
        return None
    end = chron.period_to or max(dated)
    start = chron.period_from or add_months(end, -months)
    return start, end


# ---------------------------------------------------------------- count rules

def _count_rule(events: list[Event], category: str, rule: str, params: dict, noun: str,
                plural: str | None = None, lex: Vocabulary | None = None) -> list[_Draft]:
    """N or more occurrences of a category inside a sliding window.

    With ``lex``, events count at the occurrence dates their text gives
    (:func:`_at_occurrences`). Severity: the configured one, raised to ``high``
    when a cluster holds ``high_count`` occurrences or more.
    """
    plural = plural or noun + "s"
    count = int(params.get("count", 2))
    months = int(params.get("window_months", 12))
    found, by_text = _at_occurrences(events, category, lex, int(params.get("referenced_days", 60)))
    written = {e.id: e.date for e in _with(events, category)}
    groups = _occurrences(found, int(params.get("same_event_days", 0)),
                          int(params.get("secondhand_days", 0)), by_text, written, category)
    drafts = []
    for cluster in _clusters(groups, count, months):
        start, end = _bounds(cluster)
        severity = params.get("severity", "medium")
        if params.get("high_count") and len(cluster) >= int(params["high_count"]):
            severity = "high"
        n = len(cluster)
        summary = f"{n} {noun if n == 1 else plural} in {_span(start, end)}"
        summary += f": {_dates_list(g[0].date for g in cluster)}"
        drafts.append(_Draft(rule, severity, start, end, summary, _ids(cluster)))
    return drafts


def _follow_up(event: Event, cue: str = "follow_up") -> bool:
    """Every account of the event reports back on an occurrence (a letter, a discharge summary,
    a follow-up visit or interview; with ``passed_on``, a notification) rather than a new one."""
    return _all_accounts(event, lambda cues: cue in cues and "new_occurrence" not in cues)


def _each_rule(events: list[Event], category: str, rule: str, params: dict, what: str,
               keep: Callable[[Event], bool] | None = None, lex: Vocabulary | None = None) -> list[_Draft]:
    """Any occurrence fires; reports of one occurrence make one flag. Severity as configured.

    With ``lex``, a report that gives the occurrence's date ("discharge summary: admitted
    09/05 after an overdose") counts at that date (:func:`_at_occurrences`); reports within
    ``same_event_days`` of an occurrence's first are one occurrence; and a follow-up
    (letter, summary, visit or interview after it) up to ``followup_days`` after its last
    report, or a passed-on account (a notification, a call) up to ``secondhand_days``
    after it, joins it rather than starting a second flag. The window runs from the
    occurrence to the last report of it.
    """
    evidence = [e for e in _with(events, category) if keep is None or keep(e)]
    written = {e.id: e.date for e in evidence}
    found, by_text = _at_occurrences(evidence, category, lex, int(params.get("referenced_days", 60)))
    same_days = int(params.get("same_event_days", 0))
    followup_days = int(params.get("followup_days", 0))
    secondhand_days = int(params.get("secondhand_days", 0))
    groups: list[list[Event]] = []
    for e in found:
        if groups:
            first, last = groups[-1][0].date, max(x.date for x in groups[-1])
            gap = (e.date - first).days
            since = (e.date - last).days
            loose = id(e) not in by_text and (
                (since <= followup_days and _follow_up(e))
                or (since <= secondhand_days and (_follow_up(e, "passed_on") or _follow_up(e))))
            if gap <= same_days or loose:
                groups[-1].append(e)
                continue
        groups.append([e])
    # one event re-dated to several occurrences, or a report joining another group: keep ids unique
    drafts = []
    for group in groups:
        start = group[0].date
        end = max([x.date for x in group] + [written[x.id] for x in group])
        agencies = sorted({a for e in group for a in e.agencies if a})
        by = f", reported by {', '.join(agencies)}" if agencies else ""
        drafts.append(_Draft(rule, params.get("severity", "medium"), start, end,
                             f"{what} on {_fmt(start)}{by}", list(dict.fromkeys(e.id for e in group))))
    return _merge_overlapping(drafts)


def _merge_overlapping(drafts: list[_Draft]) -> list[_Draft]:
    """Flags of one rule that share an event (one report naming two dates) are one flag."""
    out: list[_Draft] = []
    for d in drafts:
        merged = True
        while merged:
            merged = False
            for prev in out:
                if set(prev.events) & set(d.events):
                    out.remove(prev)
                    d = dataclasses.replace(d, start=min(prev.start, d.start), end=max(prev.end, d.end),
                                            summary=prev.summary if prev.start <= d.start else d.summary,
                                            events=list(dict.fromkeys(prev.events + d.events)))
                    merged = True
                    break
        out.append(d)
    return sorted(out, key=lambda d: d.start)


# ---------------------------------------------------------------- A&E sites

def _site_key(name: str, sw: SiteWords) -> str | None:
    """A comparable key for a site name: 'Hollinsby Royal Infirmary' ~ 'Hollinsby Royal'."""
    words = [w.replace("'", "").replace("’", "") for w in _site_words(name)]
    kinds = sorted({sw.kinds[w] for w in words if w in sw.kinds})
    core = [w for w in words if w not in sw.generic and w not in sw.kinds]
    if not core and not kinds:
        return None
    return " ".join(core + kinds)


def _site_words(name: str) -> list[str]:
    out, word = [], ""
    for ch in name.lower():
        if ch.isalnum() or ch in "_'’&-":
            word += ch
        elif word:
            out.append(word)
            word = ""
    return out + ([word] if word else [])


def _column_sites(event: Event, columns: Iterable[str], sw: SiteWords) -> list[tuple[str, str]]:
    """(key, name) for sites written in a site-like column of the accounts (Site, Hospital, ...)."""
    words = [c.lower() for c in columns]
    out = []
    for row in event.sources:
        for header, value in list((row.raw or {}).items()) + list((row.extra or {}).items()):
            value = str(value or "").strip()
            head = set(_letters(str(header)))
            hit = [w for w in words if w in head]
            if not value or not hit or len(value) > 80:
                continue
            if not any(w in sw.columns_read_as_site for w in hit) and not (
                    sw.looks_like_site is not None and sw.looks_like_site.search(value)):
                continue
            key = _site_key(value, sw)
            if key:
                out.append((key, value))
    return out


def _letters(text: str) -> list[str]:
    out, word = [], ""
    for ch in text.lower():
        if "a" <= ch <= "z":
            word += ch
        elif word:
            out.append(word)
            word = ""
    return out + ([word] if word else [])


def attendance_sites(event: Event, names: dict[str, str] | None = None,
                     columns: Iterable[str] | None = None, sw: SiteWords | None = None) -> set[str]:
    """Site keys named in an attendance's accounts (the places their annotations name, a
    site-like column such as Site or Hospital, or an emergency department's own name).

    ``names`` collects a readable name per key for the summary.
    """
    if sw is None or columns is None:
        from chrono.config import load_config
        cfg = load_config()
        sw = sw or vocabulary_for(cfg).sites
        columns = columns if columns is not None else cfg.section("rules")["AE_MULTIPLE_SITES"]["site_columns"]
    keys = set()
    for key, raw in _column_sites(event, columns, sw):
        keys.add(key)
        if names is not None and len(raw) > len(names.get(key, "")):
            names[key] = raw
    for row in event.sources:
        for raw in (row.annotation.sites if row.annotation is not None else ()):
            key = _site_key(raw, sw)
            if key:
                keys.add(key)
                if names is not None:
                    raw = raw.strip()
                    if len(raw) > len(names.get(key, "")):
                        names[key] = raw
    # 'hollinsby' and 'hollinsby royal' name one site: keep the shortest of each family
    return set(_distinct_sites(keys, sw))


def _site_label(key: str, names: dict[str, str], sw: SiteWords) -> str:
    """The fullest name written for a site ('Hollinsby Royal Infirmary' rather than 'Hollinsby')."""
    family = [raw for k, raw in names.items() if _same_site(k, key, sw)]
    return max(family, key=len) if family else key


def _split_key(key: str, sw: SiteWords) -> tuple[list[str], set[str]]:
    words = key.split()
    kinds = {w for w in words if w in set(sw.kinds.values())}
    return [w for w in words if w not in kinds], kinds


def _same_site(a: str, b: str, sw: SiteWords) -> bool:
    """One site written two ways: same kind (hospital, UTC, walk-in ...) and one name a prefix of the other."""
    (core_a, kinds_a), (core_b, kinds_b) = _split_key(a, sw), _split_key(b, sw)
    if kinds_a != kinds_b:
        return False
    short, long_ = sorted((core_a, core_b), key=len)
    head = long_[:len(short)]
    # a typo in a site's name ("Stanerby") is not a second site
    return head == short or fuzz.ratio(" ".join(head), " ".join(short)) >= 85


def _in_order(named: list[str], per_attendance: list[set[str]], sw: SiteWords) -> list[str]:
    """Sites in the order they were first attended."""
    def first(key: str) -> int:
        return next((i for i, keys in enumerate(per_attendance) if any(_same_site(key, k, sw) for k in keys)), 0)
    return sorted(named, key=first)


def _sites_attended(per_attendance: list[set[str]], sw: SiteWords) -> list[str]:
    """Distinct sites the attendances were at, one site per attendance at most.

    One attendance written two ways by two agencies ("WGH", "Wyebridge Gen ED") is
    one visit to one place: it can never count as two sites. Only distinct
    attendances at distinct sites add up (a maximum matching of attendances to sites).
    """
    families = _distinct_sites(set().union(*per_attendance), sw) if per_attendance else []
    options = [[f for f in families if any(_same_site(f, k, sw) for k in keys)] for keys in per_attendance]
    owner: dict[str, int] = {}

    def assign(i: int, seen: set[str]) -> bool:
        for f in options[i]:
            if f in seen:
                continue
            seen.add(f)
            if f not in owner or assign(owner[f], seen):
                owner[f] = i
                return True
        return False

    for i in range(len(options)):
        assign(i, set())
    return [f for f in families if f in owner]


def _distinct_sites(keys: Iterable[str], sw: SiteWords) -> list[str]:
    out: list[str] = []
    for k in sorted(keys, key=len):
        if not any(_same_site(k, o, sw) for o in out):
            out.append(k)
    return out


def _adult_attendance(event: Event, lex: Vocabulary) -> bool:
    """Every account that describes an attendance says a carer, not the child, attended
    ("Mother attended ED following an overdose").

    The A&E rules are about the child's attendances; a carer's overdose is the SELF_HARM rule's.
    """
    attending = [r.annotation for r in event.sources if r.event and r.annotation is not None
                 and any(h.concept == "ae_attendance" and h.counts and h.field == "event" and h.via == "phrase"
                         for h in r.annotation.hits)]
    return bool(attending) and all("adult_attended" in a.cues for a in attending)


def _child_attendances(events: list[Event], lex: Vocabulary, category: str = "ae_attendance") -> list[Event]:
    return [e for e in _with(events, category) if not _adult_attendance(e, lex)]


def _name_sites(drafts: list[_Draft], events: list[Event], columns: Iterable[str], lex: Vocabulary) -> None:
    """Name the sites of the attendances in each flag's summary (AE_REPEAT)."""
    by_id = {e.id: e for e in events}
    for d in drafts:
        names: dict[str, str] = {}
        per_event = [attendance_sites(by_id[i], names, columns, lex.sites) for i in d.events]
        named = _in_order(_distinct_sites(set().union(*per_event), lex.sites), per_event, lex.sites)
        if named:
            where = ", ".join(_site_label(n, names, lex.sites) for n in named)
            head, _, dates = d.summary.partition(": ")
            d.summary = f"{head}, at {_plural(len(named), 'named site')} ({where}): {dates}"


def _initials_alias(display: dict[str, str]) -> dict[str, str]:
    """A site written by its initials ("HGH ED") is the site whose name they abbreviate
    ("Harrowfield General" + Hospital/Infirmary), when exactly one site's name fits."""
    def initials(raw: str) -> str:
        return "".join(w[0] for w in _site_words(raw) if w[0].isalpha() and w not in ("of", "the")).lower()

    alias = {}
    for key, raw in display.items():
        if " " in key or not 2 <= len(key) <= 5 or key.upper() not in raw:
            continue
        fits = [other for other, name in display.items() if other != key
                and (initials(name) == key or (initials(name) == key[:-1] and key[-1] in "hi"))]
        if len(fits) == 1:
            alias[key] = fits[0]
    return alias


def _ae_multiple_sites(events: list[Event], params: dict, lex: Vocabulary, rule: str = "AE_MULTIPLE_SITES",
                       category: str = "ae_attendance") -> list[_Draft]:
    """Attendances at 2+ different sites inside 12 months. Severity high at ``high_sites``+ sites."""
    need = int(params.get("sites", 2))
    months = int(params.get("window_months", 12))
    found, by_text = _at_occurrences(_child_attendances(events, lex, category), category, lex,
                                     int(params.get("referenced_days", 60)))
    written = {e.id: e.date for e in _with(events, category)}
    attendances = _occurrences(found, 0, int(params.get("secondhand_days", 0)), by_text, written, category)
    columns = params.get("site_columns", ())
    display: dict[str, str] = {}
    sw = lex.sites
    sites = [set().union(*(attendance_sites(e, display, columns, sw) for e in g)) for g in attendances]
    alias = _initials_alias(display)
    sites = [{alias.get(k, k) for k in g} for g in sites]
    windows: list[tuple[int, int]] = []
    for i, g in enumerate(attendances):
        limit = add_months(g[0].date, months)
        j = i
        while j + 1 < len(attendances) and attendances[j + 1][0].date <= limit:
            j += 1
        if len(_sites_attended(sites[i:j + 1], sw)) >= need:
            windows.append((i, j))
    merged: list[list[int]] = []
    for i, j in windows:
        if merged and i <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], j)
        else:
            merged.append([i, j])
    drafts = []
    for i, j in merged:
        cluster = attendances[i:j + 1]
        named = _in_order(_sites_attended(sites[i:j + 1], sw), sites[i:j + 1], sw)
        start, end = _bounds(cluster)
        severity = "high" if len(named) >= int(params.get("high_sites", 3)) else params.get("severity", "medium")
        labels = ", ".join(_site_label(n, display, sw) for n in named)
        summary = (f"{_plural(len(cluster), 'attendance')} at {len(named)} different sites in "
                   f"{_span(start, end)} ({labels}): {_dates_list(g[0].date for g in cluster)}")
        drafts.append(_Draft(rule, severity, start, end, summary, _ids(cluster)))
    return drafts


# ---------------------------------------------------------------- child not seen

def _child_not_seen(chron: Chronology, params: dict, rule: str = "CHILD_NOT_SEEN", child=None) -> list[_Draft]:
    """Gaps of more than ``days`` between entries recording the child as seen, inside the period.

    The window runs from the last time seen to the next (or to the period end).
    Severity as configured (high: the conference must know, 000:713).
    """
    limit = int(params.get("days", 28))
    period = _period(chron, int(params.get("period_months", 12)))
    if period is None:
        return []
    start, end = period
    events = chron.events
    if child is not None:  # a family: the events at which this child was seen (chrono.family)
        events = family_seen_events(chron.events, child)
        start = max(start, child.dob) if child.dob else start
    seen = sorted({e.date for e in events if e.child_seen == "yes" and e.precision == "day"})
    by_date: dict[dt.date, list[str]] = {}
    for e in events:
        if e.child_seen == "yes" and e.precision == "day":
            by_date.setdefault(e.date, []).append(e.id)
    seen = [d for d in seen if d <= end]
    drafts = []
    bounds = list(zip(seen, seen[1:])) + ([(seen[-1], None)] if seen else [])
    for last, nxt in bounds:
        stop = nxt or end
        inside_from = max(last, start)
        if stop <= start or (stop - inside_from).days <= limit:
            continue
        gap = (stop - last).days
        if nxt is None:
            summary = f"Child not recorded as seen for {gap} days, from {_fmt(last)} to the end of the period ({_fmt(end)})"
            ids = by_date[last]
        else:
            summary = f"Child not recorded as seen for {gap} days, between {_fmt(last)} and {_fmt(nxt)}"
            ids = by_date[last] + by_date[nxt]
        if child is not None:
            summary = (f"{child.first_name}{summary[5:]}" if summary.startswith("Child ")
                       else f"{child.first_name}: {summary}")
        drafts.append(_Draft(rule, params.get("severity", "high"), last, stop, summary, ids,
                             child.id if child is not None else ""))
    return drafts


# ---------------------------------------------------------------- injury to a non-mobile baby

def _injury_non_mobile(chron: Chronology, rule: str, category: str, params: dict, lex: Vocabulary,
                       child=None) -> list[_Draft]:
    """An injury, bruise or mark to the child while under ``months`` months old, or described as non-mobile.

    An injury a sentence gives to an adult ("mum had bruising to her face") is
    not the child's. Severity as configured (high: the bruising-in-non-mobile-babies
    protocol, 000:174).
    """
    who = child if child is not None else chron.child  # a family: each child by its own DOB
    dob = who.dob
    months = int(params.get("months", params.get("baby_months", 6)))
    first_name = (who.name or "").split()[0].lower() if (who.name or "").split() else ""

    def names_child(clause: str) -> bool:
        return lex.cue("child", clause) or bool(first_name) and (first_name in _letters(clause) or first_name in _site_words(clause))

    def childs_injury(e: Event) -> bool:
        return any(h.concept == category and h.counts and h.field != "outcome" and h.via == "phrase"
                   and (not lex.cue("adult_injury", h.clause) or names_child(h.clause))
                   for r in e.sources if r.annotation is not None for h in r.annotation.hits)

    def keep(e: Event) -> bool:
        if not childs_injury(e):
            return False
        young = dob is not None and dob <= e.date < add_months(dob, months) and e.precision == "day"
        return young or any("non_mobile" in r.annotation.text_cues for r in e.sources if r.annotation is not None
                            and (child is None or youngest(r, chron.children) == child.id))

    what = params.get("wording", "Injury recorded")
    events = chron.events if child is None else family_events(chron.events, child)
    drafts = _each_rule(events, category, rule, params, what, keep, lex)
    for d in drafts:
        if child is not None:
            d.child = child.id
            d.summary = f"{child.first_name}: {d.summary}"
        if dob is not None:
            weeks = (d.start - dob).days // 7
            age = f"{weeks} weeks" if weeks < 26 else f"{(d.start - dob).days // 30} months"
            d.summary = d.summary.replace(f"{what} on", params.get("wording_with_age", what + " at {age} old on").format(age=age))
    return drafts


# ---------------------------------------------------------------- agency silent

def _agency_silent(chron: Chronology, params: dict, rule: str = "AGENCY_SILENT") -> list[_Draft]:
    """An agency that submitted in an earlier month has no accepted submission and no entry in the latest month.

    Severity as configured (low: a prompt to chase the submission).
    """
    accepted = [f for f in chron.files if f.status == "ok" and f.agency and f.submitted]
    if not accepted:
        return []
    submitted = {id(f): f.submitted.date() if isinstance(f.submitted, dt.datetime) else f.submitted for f in accepted}

    def month(d: dt.date) -> tuple[int, int]:
        return (d.year, d.month)
    latest = max(month(submitted[id(f)]) for f in accepted)
    by_agency: dict[str, list] = {}
    for f in accepted:
        by_agency.setdefault(f.agency, []).append(f)
    latest_end = max(submitted[id(f)] for f in accepted if month(submitted[id(f)]) == latest)
    drafts = []
    for agency, files in sorted(by_agency.items()):
        if any(month(submitted[id(f)]) == latest for f in files):
            continue
        entries = [e for e in chron.events if agency in e.agencies and month(e.date) == latest]
        if entries:
            continue
        last = max(submitted[id(f)] for f in files)
        name = dt.date(*latest, 1).strftime("%B %Y")
        drafts.append(_Draft(rule, params.get("severity", "low"), last, latest_end,
                             f"{agency} contributed before but sent nothing for {name} (last submission {_fmt(last)})", []))
    return drafts


# ---------------------------------------------------------------- process clock

def _latest_icpc(events: list[Event]) -> list[Event]:
    """The reports of the most recent ICPC (one conference reported by several agencies)."""
    icpcs = _occurrences(_with(events, "icpc"), 14)
    return icpcs[-1] if icpcs else []


def _next_working_day(day: dt.date) -> dt.date:
    """A deadline falling on a weekend or bank holiday moves to the next working day."""
    return add_working_days(day - dt.timedelta(days=1), 1)


def _review_overdue(chron: Chronology, area: dict, params: dict, period_end: dt.date) -> list[_Draft]:
    """First review within ``first_review_months`` of the ICPC, later ones within ``later_review_months`` (000:530-532).

    Severity as configured (medium); high when a review is more than a month late.
    """
    icpc = _latest_icpc(chron.events)
    if not icpc:
        return []
    first_gap = int(area.get("first_review_months", 3))
    later_gap = int(area.get("later_review_months", 6))
    previous = icpc[0]
    reviews = _occurrences([e for e in _with(chron.events, "review_conference") if e.date > previous.date], 14)
    drafts = []
    label = "the ICPC"
    gap = first_gap
    for group in reviews + [None]:
        due = _next_working_day(add_months(previous.date, gap))
        held = group[0].date if group else None
        if held is not None and held <= due:
            previous, label, gap = group[0], "the last review", later_gap
            continue
        if held is None and period_end <= due:
            break
        stop = held or period_end
        late = (stop - due).days
        severity = "high" if late > 31 else params.get("severity", "medium")
        if held:
            summary = f"Review conference held {_fmt(held)}, {late} days after it was due ({_plural(gap, 'month')} after {label} on {_fmt(previous.date)})"
            ids = [previous.id, group[0].id]
        else:
            summary = f"No review conference recorded by {_fmt(period_end)}; it was due by {_fmt(due)} ({_plural(gap, 'month')} after {label} on {_fmt(previous.date)})"
            ids = [previous.id]
        drafts.append(_Draft("REVIEW_OVERDUE", severity, previous.date, stop, summary, ids))
        if not group:
            break
        previous, label, gap = group[0], "the last review", later_gap
    return drafts


def _core_group_gap(chron: Chronology, area: dict, params: dict, period_end: dt.date) -> list[_Draft]:
    """First core group within ``first_core_group_working_days`` of the ICPC (000:952), then every
    ``core_group_frequency_days`` (000:1112). Severity as configured (low)."""
    icpc = _latest_icpc(chron.events)
    if not icpc:
        return []
    first_wd = int(area.get("first_core_group_working_days", 10))
    every = int(area.get("core_group_frequency_days", 31)) + int(params.get("grace_days", 0))
    meetings = _occurrences([e for e in _with(chron.events, "core_group") if e.date >= icpc[0].date], 3)
    severity = params.get("severity", "low")
    drafts = []
    due = add_working_days(icpc[0].date, first_wd)
    first = meetings[0][0] if meetings else None
    if (first and first.date > due) or (first is None and period_end > due):
        stop = first.date if first else period_end
        if first:
            summary = f"First core group {_fmt(first.date)}, {working_days_between(icpc[0].date, first.date)} working days after the ICPC on {_fmt(icpc[0].date)} (standard {first_wd})"
        else:
            summary = f"No core group recorded since the ICPC on {_fmt(icpc[0].date)}; the first was due by {_fmt(due)}"
        drafts.append(_Draft("CORE_GROUP_GAP", severity, icpc[0].date, stop, summary,
                             [icpc[0].id] + ([first.id] if first else [])))
    dates = [g[0] for g in meetings]
    for a, b in zip(dates + [None], dates[1:] + [None]):
        if a is None:
            break
        stop = b.date if b else period_end
        if (stop - a.date).days <= every:
            continue
        if b:
            summary = f"{(stop - a.date).days} days between core groups on {_fmt(a.date)} and {_fmt(b.date)} (standard every {every} days)"
        else:
            summary = f"No core group recorded for {(stop - a.date).days} days since {_fmt(a.date)} (standard every {every} days)"
        drafts.append(_Draft("CORE_GROUP_GAP", severity, a.date, stop, summary, [a.id] + ([b.id] if b else [])))
    return drafts


def _visit_frequency(chron: Chronology, area: dict, params: dict, period_end: dt.date) -> list[_Draft]:
    """Social-care visits at which the child was seen further apart than the area's standard
    (every 10 working days by default, 000:990; Dudley 28 days; Hampshire 14 days), counted
    from the ICPC. Severity as configured (medium)."""
    icpc = _latest_icpc(chron.events)
    if not icpc:
        return []
    wd = int(area.get("child_seen_every_working_days", 0))
    days = int(area.get("child_seen_every_days", 0))
    if not wd and not days:
        return []
    visits = [e for e in _dated(chron.events) if SOCIAL_CARE in e.agencies and e.child_seen == "yes"
              and e.precision == "day" and e.date >= icpc[0].date]
    standard = f"every {wd} working days" if wd else f"every {days} days"

    grace_wd = int(params.get("grace_working_days", 0))
    grace = int(params.get("grace_days", 0))

    def too_long(a: dt.date, b: dt.date) -> bool:
        return working_days_between(a, b) > wd + grace_wd if wd else (b - a).days > days + grace

    drafts = []
    points = [(icpc[0].date, icpc[0].id, "the ICPC")] + [(v.date, v.id, "visit") for v in visits]
    for (a, aid, what), nxt in zip(points, points[1:] + [None]):
        stop = nxt[0] if nxt else period_end
        if not too_long(a, stop):
            continue
        gap = f"{working_days_between(a, stop)} working days" if wd else f"{(stop - a).days} days"
        since = f"since {what} on {_fmt(a)}"
        if nxt:
            summary = f"Social worker did not see the child for {gap} {since}, until {_fmt(stop)} (standard {standard})"
        else:
            summary = f"Social worker has not recorded seeing the child for {gap} {since} (standard {standard})"
        drafts.append(_Draft("VISIT_FREQUENCY", params.get("severity", "medium"), a, stop, summary,
                             [aid] + ([nxt[1]] if nxt else [])))
    return drafts


# ---------------------------------------------------------------- rule kinds

@dataclass
class Context:
    """What every rule reads: the chronology, its dated events, the vocabulary, the area's standards."""

    chron: Chronology
    events: list[Event]
    vocab: Vocabulary
    area: dict
    rules: dict
    period_end: dt.date | None


@dataclass
class Rule:
    """One rule of ``rules.toml``: a kind (this class) with its parameters (the table)."""

    name: str
    params: dict

    kind: ClassVar[str] = ""

    def p(self, key: str, default: Any = None) -> Any:
        return self.params.get(key, default)

    def category(self) -> str:
        got = self.params.get("category")
        if not got:
            raise ConfigError(f"[rules.{self.name}]: a {self.kind!r} rule needs a category "
                              "(a concept of lexicon.toml, e.g. category = \"missed_appointment\").")
        return got

    def drafts(self, ctx: Context) -> list[_Draft]:  # pragma: no cover - every kind overrides
        raise NotImplementedError


class CountInWindow(Rule):
    """``count`` or more occurrences of a category inside ``window_months`` (AE_REPEAT, WAS_NOT_BROUGHT, ...).

    Wording: ``noun`` / ``plural``. ``children_only``: a carer's attendance does not
    count. ``name_sites``: the summary names the sites attended.
    """

    kind = "count"

    def drafts(self, ctx: Context) -> list[_Draft]:
        events = ctx.events
        category = self.category()
        if self.p("children_only"):
            events = [e for e in _with(events, category) if not _adult_attendance(e, ctx.vocab)]
        drafts = _count_rule(events, category, self.name, self.params, self.p("noun", category.replace("_", " ")),
                             self.p("plural"), lex=ctx.vocab)
        if self.p("name_sites"):
            columns = self.p("site_columns") or ctx.rules.get("AE_MULTIPLE_SITES", {}).get("site_columns", ())
            _name_sites(drafts, events, columns, ctx.vocab)
        return drafts


class EachOccurrence(Rule):
    """Any occurrence of a category fires; reports of one occurrence make one flag (GP_CHANGE, SELF_HARM, ...).

    Wording: ``wording``. ``baby_months``: only an injury to the child while under that
    many months old or described as non-mobile (INJURY_NON_MOBILE).
    """

    kind = "each"

    def drafts(self, ctx: Context) -> list[_Draft]:
        if self.p("baby_months") is not None:
            return [d for kid in (ctx.chron.children or [None])
                    for d in _injury_non_mobile(ctx.chron, self.name, self.category(), self.params, ctx.vocab, kid)]
        return _each_rule(ctx.events, self.category(), self.name, self.params,
                          self.p("wording", self.category().replace("_", " ")),
                          keep=_old_enough(ctx.chron, self.category(), self.p("child_min_years"), ctx.vocab),
                          lex=ctx.vocab)


def _old_enough(chron: Chronology, category: str, years, lex: Vocabulary) -> Callable[[Event], bool] | None:
    """``child_min_years``: an occurrence only counts for the child from that age.

    A carer's explanation that a baby's bruises are "self-inflicted" is not the
    baby's self-harm; a carer's own act (the `adult_subject` cue: "mum took an
    overdose") still counts at any age of the child.
    """
    dob = chron.child.dob
    if years is None or dob is None:
        return None
    months = int(float(years) * 12)

    def keep(e: Event) -> bool:
        if e.date >= add_months(dob, months):
            return True
        return any(h.concept == category and h.counts and lex.cue("adult_subject", h.clause)
                   for r in e.sources if r.annotation is not None for h in r.annotation.hits)
    return keep


class SitesInWindow(Rule):
    """Attendances of a category at ``sites`` or more different places inside ``window_months``."""

    kind = "sites"

    def drafts(self, ctx: Context) -> list[_Draft]:
        return _ae_multiple_sites(ctx.events, self.params, ctx.vocab, self.name, self.category())


class GapBetweenOccurrences(Rule):
    """More than ``days`` between entries recording the child as seen, inside the period (CHILD_NOT_SEEN)."""

    kind = "gap"

    def drafts(self, ctx: Context) -> list[_Draft]:
        return [d for kid in (ctx.chron.children or [None]) for d in _child_not_seen(ctx.chron, self.params, self.name, kid)]


class AgencySilent(Rule):
    """An agency that contributed before sent nothing in the latest month (AGENCY_SILENT)."""

    kind = "silent"

    def drafts(self, ctx: Context) -> list[_Draft]:
        return _agency_silent(ctx.chron, self.params, self.name)


class ProcessClock(Rule):
    """A child protection plan's clock from the latest ICPC (``clock``: ``review``, ``core_group``
    or ``visits``), with the standards of the area preset (``areas.toml``)."""

    kind = "clock"

    def drafts(self, ctx: Context) -> list[_Draft]:
        if ctx.period_end is None:
            return []
        clock = {"review": _review_overdue, "core_group": _core_group_gap, "visits": _visit_frequency}.get(self.p("clock"))
        if clock is None:
            raise ConfigError(f"[rules.{self.name}]: clock must be review, core_group or visits.")
        drafts = clock(ctx.chron, ctx.area, self.params, ctx.period_end)
        for d in drafts:
            d.rule = self.name
        return drafts


KINDS: dict[str, type[Rule]] = {k.kind: k for k in (CountInWindow, EachOccurrence, SitesInWindow,
                                                    GapBetweenOccurrences, AgencySilent, ProcessClock)}


def rules_from_config(cfg: Any) -> list[Rule]:
    """Every rule declared in ``[rules]`` (``rules.toml`` and a local authority's ``chrono.toml``).

    A table without ``kind``, or with ``enabled = false``, declares no rule.
    """
    out = []
    for name, params in cfg.section("rules").items():
        if not isinstance(params, dict) or "kind" not in params or params.get("enabled", True) is False:
            continue
        kind = KINDS.get(params["kind"])
        if kind is None:
            raise ConfigError(f"[rules.{name}]: unknown kind {params['kind']!r}; use one of "
                              f"{', '.join(sorted(KINDS))}.")
        out.append(kind(name, params))
    return out


# ---------------------------------------------------------------- entry point

def find_flags(chronology: Chronology, cfg: Any) -> list[Flag]:
    """Every rule of ``[rules]`` (FLAG_RULES.md plus the process clock), in date order, ids F001...

    Needs ``categories`` set by ``tag_events``.
    """
    from chrono.text import annotate_rows

    annotate_rows([r for e in chronology.events for r in e.sources if r.annotation is None], cfg)
    period = _period(chronology, 12)
    ctx = Context(chron=chronology, events=[e for e in chronology.events if e.date is not None],
                  vocab=vocabulary_for(cfg), area=cfg.area_settings(), rules=cfg.section("rules"),
                  period_end=period[1] if period is not None else None)
    drafts: list[_Draft] = []
    for rule in rules_from_config(cfg):
        drafts += rule.drafts(ctx)
    drafts.sort(key=lambda d: (d.start, d.end, d.rule))
    return [Flag(id=f"F{i:03d}", rule=d.rule, severity=d.severity, start=d.start, end=d.end,
                 summary=d.summary, events=d.events, child=d.child) for i, d in enumerate(drafts, 1)]
