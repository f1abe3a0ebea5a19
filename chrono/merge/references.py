"""Which earlier day an entry reports: "ED letter received: attended 18/03", "PPN re DA last night".

A later account of an incident is dated when the agency heard of it, not when
it happened; the text usually names the incident's day, written out
("18/03", "09/08/25", "12th March") or relative ("yesterday", "at the
weekend", "on Saturday"). :func:`referenced_days` finds those days;
:func:`is_report` says whether the entry is a report of something that
happened elsewhere ("letter received", "notified by police", "PPN") rather
than an event of its own that merely mentions one ("CIN visit. Mother told SW
about the ED attendance on 18/03").

Everything here is pure; the phrases live in ``[references]`` of
``abbreviations.toml``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {m: k + 1 for k, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_WEEKDAYS = {d: k for k, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_WEEKDAY_ABBREV = {d[:3]: k for d, k in _WEEKDAYS.items()}

# 18/03, 18/03/25, 18/03/2025, 18.03.25 (a dotted date needs its year: "2.5 year review" is no date)
_NUMERIC = re.compile(r"(?<![\d/.:])(\d{1,2})(?:/(\d{1,2})(?:/(\d{4}|\d{2}))?|\.(\d{1,2})\.(\d{4}|\d{2}))(?![\d/:]|\.\d)")
# 12th March (2025), 12 Mar 25, March 12th (2025)
_MONTH_NAMES = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+" + _MONTH_NAMES + r"(?:,?\s+(\d{4}|\d{2})\b)?")
_MONTH_DAY = re.compile(r"\b" + _MONTH_NAMES + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")
# "absent Monday", "off school Tues", "not in Weds": an absence names its own day
_WEEKDAY = re.compile(r"\b(?:on|last|this\s+past|previous|absent|away|missed|(?:off|not\s+in)(?:\s+school)?)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday"
                      r"|mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)s?\b")
# "two days ago", "3 days ago", "the day before yesterday"
_DAYS_AGO = re.compile(r"\b(\d|one|two|three|four|five|six)\s+days?\s+ago\b|\b(day\s+before\s+yesterday)\b")
_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
# "Fri night", "Saturday evening": a part of a named day is that day
_WEEKDAY_PART = re.compile(r"\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                           r"\s+(?:night|evening|morning|afternoon|teatime|lunchtime)\b")
_CLAUSE_END = re.compile(r"[.:;]\s|\s[-\u2013\u2014]\s|[.:;]$")


@dataclass(frozen=True)
class ReferenceRules:
    """Phrases from ``[references]``, lower case, whole words."""

    markers: tuple[str, ...] = ()
    own_event: tuple[str, ...] = ()
    day_before: tuple[str, ...] = ()
    same_day: tuple[str, ...] = ()
    weekend: tuple[str, ...] = ()
    not_incident: tuple[str, ...] = ()
    lookback_days: int = 60

    @classmethod
    def from_section(cls, sec: dict) -> "ReferenceRules":
        def words(key: str) -> tuple[str, ...]:
            return tuple(" ".join(_words(p)) for p in sec.get(key, []) if _words(p))
        return cls(markers=words("report_markers"), own_event=words("own_event"),
                   day_before=words("day_before"), same_day=words("same_day"), weekend=words("weekend"),
                   not_incident=words("not_incident_before_date"),
                   lookback_days=int(sec.get("lookback_days", 60)))


def _words(text: str) -> list[str]:
    return [t for t in re.split(r"[^a-z0-9]+", text.lower()) if t]


def _first_at(text: str, phrases: tuple[str, ...]) -> int:
    """Position of the earliest whole-word phrase in ``text`` (words joined by single spaces), else -1."""
    best = -1
    padded = f" {text} "
    for p in phrases:
        at = padded.find(f" {p} ")
        if at >= 0 and (best < 0 or at < best):
            best = at
    return best


def lead_clause(text: str) -> str:
    """The entry's first clause: what the entry is ("ED letter received", "CIN visit")."""
    text = text.strip()
    m = _CLAUSE_END.search(text)
    return text[:m.start()] if m else text


def is_report(text: str, rules: ReferenceRules) -> bool:
    """The entry reports news of an event (a letter, a notification) before naming any event of its own."""
    lead = " ".join(_words(lead_clause(text)))
    marker = _first_at(lead, rules.markers)
    if marker < 0:
        return False
    own = _first_at(lead, rules.own_event)
    return own < 0 or marker < own


def names_own_event(text: str, rules: ReferenceRules) -> bool:
    """The entry's first clause names an event of its own kind ("CIN visit", "Re-attended")."""
    return _first_at(" ".join(_words(lead_clause(text))), rules.own_event) >= 0


def _year(two_or_four: str | None) -> int | None:
    if not two_or_four:
        return None
    y = int(two_or_four)
    return y + 2000 if y < 100 else y


def _resolve(day: int, month: int, year: int | None, on: dt.date, slack: int) -> dt.date | None:
    """The date, a missing year being the latest that is not after the row's date (plus slack)."""
    try:
        if year is not None:
            return dt.date(year, month, day)
        latest = on + dt.timedelta(days=slack)
        got = dt.date(latest.year, month, day)
        return got if got <= latest else dt.date(latest.year - 1, month, day)
    except ValueError:
        return None


def _explicit(text: str, on: dt.date, slack: int, rules: ReferenceRules) -> list[dt.date]:
    low = text.lower()
    found: list[tuple[int, dt.date | None]] = []
    for m in _NUMERIC.finditer(low):
        if m.group(2):
            d, mo, y = int(m.group(1)), int(m.group(2)), _year(m.group(3))
        else:
            d, mo, y = int(m.group(1)), int(m.group(4)), _year(m.group(5))
        if 1 <= mo <= 12:
            found.append((m.start(), _resolve(d, mo, y, on, slack)))
    for m in _DAY_MONTH.finditer(low):
        found.append((m.start(), _resolve(int(m.group(1)), _MONTHS[m.group(2)], _year(m.group(3)), on, slack)))
    for m in _MONTH_DAY.finditer(low):
        found.append((m.start(), _resolve(int(m.group(2)), _MONTHS[m.group(1)], _year(m.group(3)), on, slack)))
    out = []
    for start, date in found:
        if date is None:
            continue
        before = _words(low[max(0, start - 24):start])[-1:]
        if before and before[0] in rules.not_incident:  # "letter dated 20/03": the letter's day, not the incident's
            continue
        out.append(date)
    return out


def _relative(text: str, on: dt.date, rules: ReferenceRules) -> list[dt.date]:
    joined = " ".join(_words(text))
    out: list[dt.date] = []
    if _first_at(joined, rules.same_day) >= 0:
        out.append(on)
    if _first_at(joined.replace("day before yesterday", "_"), rules.day_before) >= 0:
        out.append(on - dt.timedelta(days=1))
    if _first_at(joined, rules.weekend) >= 0:
        # the last Saturday and Sunday up to the row's day
        for back in range(0, 8):
            d = on - dt.timedelta(days=back)
            if d.weekday() == 6 and back:
                out += [d, d - dt.timedelta(days=1)]
                break
            if d.weekday() == 5 and back:
                out.append(d)
                break
            if d.weekday() in (5, 6) and not back:
                out.append(d)
    for m in _WEEKDAY.finditer(joined):
        want = _WEEKDAY_ABBREV[m.group(1)[:3]]
        back = (on.weekday() - want) % 7 or 7
        out.append(on - dt.timedelta(days=back))
    for m in _DAYS_AGO.finditer(joined):
        back = 2 if m.group(2) else (_COUNTS.get(m.group(1)) or int(m.group(1)))
        out.append(on - dt.timedelta(days=back))
    for m in _WEEKDAY_PART.finditer(joined):
        want = _WEEKDAY_ABBREV[m.group(1)[:3]]
        back = (on.weekday() - want) % 7 or 7
        out.append(on - dt.timedelta(days=back))
    return out


@dataclass(frozen=True)
class References:
    """The days an entry names as the day of what it reports (ordinals), split by how they were written."""

    explicit: frozenset[int] = frozenset()
    relative: frozenset[int] = frozenset()

    @property
    def days(self) -> frozenset[int]:
        return self.explicit | self.relative


NONE = References()


def referenced_days(text: str, on: dt.date, rules: ReferenceRules, slack: int = 0) -> References:
    """Days within ``lookback_days`` before ``on`` (up to ``slack`` after it) that ``text`` names."""
    if not text:
        return NONE
    first = (on - dt.timedelta(days=rules.lookback_days)).toordinal()
    last = (on + dt.timedelta(days=slack)).toordinal()

    def keep(dates: list[dt.date]) -> frozenset[int]:
        return frozenset(o for o in (d.toordinal() for d in dates) if first <= o <= last)

    explicit = keep(_explicit(text, on, slack, rules))
    relative = keep(_relative(text, on, rules)) - explicit
    if not explicit and not relative:
        return NONE
    return References(explicit, relative)
