"""The one reader of dates an entry's text names: "attended 18/03", "PPN re DA last night".

A later account of an incident is dated when the agency heard of it; its text
usually names the incident's day, written out ("18/03", "09/08/25", "12th
March", "March 12th") or relative to the entry ("yesterday", "at the weekend",
"on Saturday", "Fri night", "two days ago"). :func:`dates_named` finds them
once, unresolved (:class:`NamedDate`); each consumer resolves them against
the entry's date and keeps the window it needs (merge: ``lookback_days``
before the row; detect: ``referenced_days`` before the account).

The date *grammar* (numbers, month names, weekday names) is here; the words
(``yesterday``, ``weekend``, the words before a date that make it another
event's date: "rebooked for 12/03", "letter dated 20/03") are vocabulary and
live in ``[dates]`` of ``lexicon.toml``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {m: k + 1 for k, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_WEEKDAY_ENDS_CLAUSE = re.compile(
    r"\b(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b(?=\s*(?:[,.;:)]|\s[-–]\s|$))")
_WEEKDAY_ABBREV = {d: k for k, d in enumerate(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])}

# 18/03, 18/03/25, 18/03/2025, 18.03.25 (a dotted date needs its year: "2.5 year review" is no date;
# a time "10:30" is none either)
_NUMERIC = re.compile(r"(?<![\d/.:])(\d{1,2})(?:/(\d{1,2})(?:/(\d{4}|\d{2}))?|\.(\d{1,2})\.(\d{4}|\d{2}))(?![\d/:]|\.\d)")
_MONTH_NAMES = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# 12th March (2025), 12 of March, 12 Mar 25
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+" + _MONTH_NAMES + r"(?:,?\s+(\d{4}|\d{2})\b)?")
# March 12th (2025)
_MONTH_DAY = re.compile(r"\b" + _MONTH_NAMES + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")
_DAY_NAMES = (r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday"
              r"|mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)")
# "day before yesterday", "2 days ago", "a week ago", "a couple of days ago"
_AGO = re.compile(r"\b(\d{1,2}|(?:a )?couple of|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                  r"(days?|weeks?)\s+ago\b|\b(day before yesterday)\b")
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "couple of": 2, "a couple of": 2}
_WORD = re.compile(r"[a-z0-9]+")
# 21:25, 21.25, 2am, 2.30 pm (a bare 2315 is left to the time column's reader)
_CLOCK = re.compile(r"(?<![\d/.:])([01]?\d|2[0-3])[:.]([0-5]\d)(?!\d|[./]\d)\s*(am|pm)?|\b(1[0-2]|0?[1-9])\s?(am|pm)\b", re.I)


def words(text: str) -> list[str]:
    """Lower-case words (letters and digits), punctuation dropped: what the phrase lists match."""
    return _WORD.findall(text.lower())


@dataclass(frozen=True)
class NamedDate:
    """A date the text names, before it is placed against the entry's own date.

    ``kind`` is ``explicit`` (written out: ``day``/``month``/``year``) or
    ``relative`` (``back`` days before the entry; or the last ``weekday``
    before it; or the last ``weekend``). ``text`` is the words that named it.
    """

    kind: str
    text: str
    day: int = 0
    month: int = 0
    year: int | None = None
    back: int = -1
    weekday: int = -1
    weekend: bool = False
    #: a night ("overnight"): it spans the day before and the entry's own day
    spans_night: bool = False

    def resolve(self, on: dt.date, slack: int = 0) -> tuple[dt.date, ...]:
        """The day(s) meant, for an entry dated ``on`` (a missing year: the latest not after ``on + slack``)."""
        if self.kind == "explicit":
            try:
                if self.year is not None:
                    return (dt.date(self.year, self.month, self.day),)
                latest = on + dt.timedelta(days=slack)
                got = dt.date(latest.year, self.month, self.day)
                return (got if got <= latest else dt.date(latest.year - 1, self.month, self.day),)
            except ValueError:
                return ()
        if self.back >= 0:
            return (on - dt.timedelta(days=self.back),)
        if self.weekday >= 0:
            back = (on.weekday() - self.weekday) % 7 or 7
            return (on - dt.timedelta(days=back),)
        if self.weekend:
            # the last Saturday and Sunday up to the entry's day
            for back in range(0, 8):
                d = on - dt.timedelta(days=back)
                if d.weekday() == 6 and back:
                    return (d, d - dt.timedelta(days=1))
                if d.weekday() == 5 and back:
                    return (d,)
                if d.weekday() in (5, 6) and not back:
                    return (d,)
        return ()


@dataclass(frozen=True)
class DateWords:
    """The words of ``[dates]``, compiled (see :func:`chrono.text.vocabulary.build_vocabulary`)."""

    same_day: tuple[str, ...] = ()
    day_before: tuple[str, ...] = ()
    overnight: tuple[str, ...] = ()
    weekend: tuple[str, ...] = ()
    #: a weekday after one of these is the day it names ("on Friday", "absent Monday")
    weekday_before: re.Pattern | None = None
    #: a part of a day after a weekday names that day ("Fri night")
    day_parts: re.Pattern | None = None
    #: words just before a date that make it another event's ("rebooked for 12/03", "letter dated 20/03")
    not_the_occurrence: re.Pattern | None = None
    not_the_occurrence_word: frozenset[str] = frozenset()


def _year(two_or_four: str | None) -> int | None:
    if not two_or_four:
        return None
    y = int(two_or_four)
    return y + 2000 if y < 100 else y


def _first_at(joined: str, phrases: tuple[str, ...]) -> int:
    padded = f" {joined} "
    best = -1
    for p in phrases:
        at = padded.find(f" {p} ")
        if at >= 0 and (best < 0 or at < best):
            best = at
    return best


def _excluded(text: str, start: int, dw: DateWords) -> bool:
    before = text[max(0, start - 25):start]
    if dw.not_the_occurrence is not None and dw.not_the_occurrence.search(before):
        return True
    last = words(text[max(0, start - 24):start])[-1:]
    return bool(last) and last[0] in dw.not_the_occurrence_word


def dates_named(text: str, dw: DateWords) -> tuple[NamedDate, ...]:
    """Every date ``text`` names as when something happened, unresolved, in order of kind."""
    if not text:
        return ()
    low = text.lower()
    out: list[NamedDate] = []
    for m in _NUMERIC.finditer(low):
        if m.group(2):
            d, mo, y = int(m.group(1)), int(m.group(2)), _year(m.group(3))
        else:
            d, mo, y = int(m.group(1)), int(m.group(4)), _year(m.group(5))
        if 1 <= mo <= 12 and not _excluded(low, m.start(), dw):
            out.append(NamedDate("explicit", m.group(0), d, mo, y))
    for m in _DAY_MONTH.finditer(low):
        if not _excluded(low, m.start(), dw):
            out.append(NamedDate("explicit", m.group(0), int(m.group(1)), _MONTHS[m.group(2)], _year(m.group(3))))
    for m in _MONTH_DAY.finditer(low):
        if not _excluded(low, m.start(), dw):
            out.append(NamedDate("explicit", m.group(0), int(m.group(2)), _MONTHS[m.group(1)], _year(m.group(3))))
    joined = " ".join(words(low))
    if _first_at(joined, dw.same_day) >= 0:
        out.append(NamedDate("relative", "same day", back=0))
    if _first_at(joined.replace("day before yesterday", "_"), dw.day_before) >= 0:
        out.append(NamedDate("relative", "day before", back=1))
    elif _first_at(joined, dw.overnight) >= 0:
        out.append(NamedDate("relative", "overnight", back=1, spans_night=True))
    weekdays: list[NamedDate] = []
    for pattern in (dw.weekday_before, dw.day_parts):
        if pattern is None:
            continue
        for m in pattern.finditer(joined):
            if _excluded(joined, m.start(), dw):
                continue
            want = _WEEKDAY_ABBREV[m.group("day")[:3]]
            if all(w.weekday != want for w in weekdays):  # "on Friday night": one day
                weekdays.append(NamedDate("relative", m.group(0), weekday=want))
    # a weekday written out in full that ends its clause ("fell off the trampoline Sunday, seen at
    # A&E"; "assaulted Saturday.") is the day it happened
    for m in _WEEKDAY_ENDS_CLAUSE.finditer(low):
        if _excluded(low, m.start(), dw):
            continue
        want = _WEEKDAY_ABBREV[m.group("day")[:3]]
        if all(w.weekday != want for w in weekdays):
            weekdays.append(NamedDate("relative", m.group(0), weekday=want))
    # "over the weekend (Sat night)": the day named is more precise than the weekend
    if not weekdays and _first_at(joined, dw.weekend) >= 0:
        out.append(NamedDate("relative", "weekend", weekend=True))
    out += weekdays
    for m in _AGO.finditer(joined):
        if _excluded(joined, m.start(), dw):
            continue
        if m.group(3):
            back = 2
        else:
            n = m.group(1)
            back = (int(n) if n.isdigit() else _COUNTS[n]) * (7 if m.group(2).startswith("week") else 1)
        out.append(NamedDate("relative", m.group(0), back=back))
    return tuple(out)


def compile_date_words(sec: dict) -> DateWords:
    """``[dates]`` of the vocabulary as a :class:`DateWords`."""
    def phrases(key: str) -> tuple[str, ...]:
        return tuple(" ".join(words(p)) for p in sec.get(key, []) if words(p))

    def alternatives(key: str) -> str:
        return "|".join(sorted((" ".join(words(p)) for p in sec.get(key, []) if words(p)), key=len, reverse=True))

    before = alternatives("weekday_after")
    parts = alternatives("day_parts")
    not_occ = [p for p in sec.get("not_the_occurrence_before", []) if p]
    return DateWords(
        same_day=phrases("same_day"),
        day_before=phrases("day_before"),
        overnight=phrases("overnight"),
        weekend=phrases("weekend"),
        weekday_before=re.compile(rf"\b(?:{before})\s+(?P<day>{_DAY_NAMES[1:-1]})\b(?!s\b)") if before else None,
        day_parts=re.compile(rf"\b(?P<day>{_DAY_NAMES[1:-1]})\s+(?:{parts})\b") if parts else None,
        not_the_occurrence=(re.compile(r"\b(?:" + "|".join(not_occ) + r")\s*(?:\w+\s*){0,2}$", re.I)
                            if not_occ else None),
        not_the_occurrence_word=frozenset(" ".join(words(p)) for p in sec.get("not_the_occurrence_word", [])),
    )


@dataclass(frozen=True)
class References:
    """The days (ordinals) a text names as the day of what it reports, split by how they were written."""

    explicit: frozenset[int] = frozenset()
    relative: frozenset[int] = frozenset()

    @property
    def days(self) -> frozenset[int]:
        return self.explicit | self.relative


NONE = References()


def referenced_days(named: tuple[NamedDate, ...], on: dt.date, lookback_days: int = 60,
                    slack: int = 0) -> References:
    """The named days within ``lookback_days`` before ``on`` (up to ``slack`` after it)."""
    if not named:
        return NONE
    first = (on - dt.timedelta(days=lookback_days)).toordinal()
    last = (on + dt.timedelta(days=slack)).toordinal()
    explicit: set[int] = set()
    relative: set[int] = set()
    for n in named:
        for d in n.resolve(on, slack if n.kind == "explicit" else 0):
            o = d.toordinal()
            if first <= o <= last:
                (explicit if n.kind == "explicit" else relative).add(o)
    relative -= explicit
    if not explicit and not relative:
        return NONE
    return References(frozenset(explicit), frozenset(relative))


def times_named(text: str) -> tuple[str, ...]:
    """Clock times the text names ("at 21:25", "found at 2am"), as HH:MM, in order."""
    out = []
    for m in _CLOCK.finditer(text or ""):
        if m.group(1) is not None:
            h, mi, half = int(m.group(1)), int(m.group(2)), (m.group(3) or "").lower()
        else:
            h, mi, half = int(m.group(4)), 0, m.group(5).lower()
        if half == "pm" and h < 12:
            h += 12
        elif half == "am" and h == 12:
            h = 0
        if h < 24:
            out.append(f"{h:02d}:{mi:02d}")
    return tuple(dict.fromkeys(out))
