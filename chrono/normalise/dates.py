"""Dates as people type them in chronologies, read day first (UK).

A hand-written parser covers the shapes agencies actually use (``12/03/24``,
``12th March 2024``, ``w/c 04/03/24``, ``March 2024``, ``2019``, Excel serials
and real date cells, a time in the same cell). ``dateparser`` is only a
fallback for unfamiliar shapes, and only when the text names a year, so it can
never guess a date out of ``TBC`` or turn "yesterday" into today's date.
Nothing here raises: an unreadable date comes back with ``error`` set to a
sentence the key worker can act on.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from chrono.model import Precision

#: A two-digit year may land this many months after the reference's month (planned
#: reviews, next month's core group); anything later is taken as last century.
FUTURE_MONTHS = 12
#: Years outside this window are typos ("2204"), not events.
EARLIEST_YEAR = 1900
LATEST_YEARS_AHEAD = 2

MONTHS: dict[str, int] = {}
for _i in range(1, 13):
    MONTHS[calendar.month_name[_i].lower()] = _i
    MONTHS[calendar.month_abbr[_i].lower()] = _i
MONTHS.update({"sept": 9, "febr": 2, "june": 6, "july": 7, "janu": 1})

_MONTH_NAME = {i: calendar.month_name[i] for i in range(1, 13)}
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

_PLACEHOLDERS = re.compile(
    r"^(?:tbc|tba|tbd|t\.b\.c\.?|unknown|unk|not\s+known|n\s*/\s*k|nk|n\s*/\s*a|na|none|nil|"
    r"no\s+date|date\s+unknown|date\s+not\s+known|to\s+be\s+confirmed|to\s+follow|pending|"
    r"various|ongoing|see\s+above|see\s+below|as\s+above|-+|\?+|x+|\.+)$",
    re.I,
)

# Markers that make a date approximate; stripped before parsing. Marks that end
# in punctuation ("?", "c.", "approx.") may touch the date ("?Sept 2023",
# "c.2019"); words need a break after them ("about", not "August").
_APPROX_PREFIX = re.compile(
    r"^(?:(?:\?+|~|\(\s*(?:approx(?:imate|imately)?\.?|\?|est\.?|estimated|c\.?|circa)\s*\)|"
    r"approx\.|appr\.|ca?\.|abt\.|est\.)"
    r"|(?:approx(?:imately|imate)?|appr(?:ox)?|c(?=\s*\d)|circa|around|about|abt|"
    r"roughly|estimated|est|sometime\s+(?:in|around|during)?|some\s+time\s+in|"
    r"on\s+or\s+about|on\s+or\s+around|or\s+thereabouts|between)(?![a-z]))\s*[:\-]?\s*",
    re.I,
)
_WEEK_COMMENCING = re.compile(
    r"^(?:w\s*/\s*[cbe]|w\.[cbe]\.?|wc|wb|we|wk\s+(?:comm?|beg|end)\.?|"
    r"week\s+(?:commencing|beginning|starting|ending|of))"
    r"(?![a-z])\s*[:\-]?\s*",
    re.I,
)
_PART_OF_MONTH = re.compile(
    r"^(?:early|mid|late|beginning\s+of|start\s+of|end\s+of|middle\s+of|first\s+half\s+of|"
    r"second\s+half\s+of|latter\s+part\s+of|early\s+part\s+of)[\s\-]*",
    re.I,
)
# Words that introduce a date without making it vaguer ("in March 2024").
_NEUTRAL_PREFIX = re.compile(r"^(?:in|on|during|from|since|dated|date:?)(?![a-z])\s*", re.I)
_APPROX_SUFFIX = re.compile(
    r"\s*(?:\?+|\(\s*(?:approx(?:imate|imately)?\.?|\?+|est\.?|estimated|c\.?|circa)\s*\)|"
    r"\bapprox(?:imately|imate|\.)?|\bestimated|\bor\s+thereabouts|\bor\s+so)$",
    re.I,
)
_WEEKDAY = re.compile(
    r"^(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s+", re.I
)

_SEP = r"\s*[./\-\\,]+\s*"
_NUMERIC_DMY = re.compile(rf"^(\d{{1,2}})(?:{_SEP}|\s+)(\d{{1,2}})(?:{_SEP}|\s+)(\d{{4}}|\d{{2}})(?!\d)(.*)$")
_ISO = re.compile(r"^(\d{4})[\-/.](\d{1,2})[\-/.](\d{1,2})(?!\d)(?:T(?=\d))?(.*)$")
_COMPACT = re.compile(r"^(\d{2})(\d{2})(\d{4})(?!\d)(.*)$")
_DAY_MONTH_NAME = re.compile(
    r"^(\d{1,2})\s*(?:st|nd|rd|th)?[\s\-./,]*(?:of\s+)?([a-z]{3,9})\.?[\s\-./,']*(\d{4}|\d{2})(?!\d)(.*)$", re.I
)
_MONTH_NAME_DAY = re.compile(
    r"^([a-z]{3,9})\.?\s+(\d{1,2})\s*(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)(.*)$", re.I
)
_MONTH_YEAR = re.compile(r"^([a-z]{3,9})\.?[\s\-./,']*(\d{4}|\d{2})(?!\d)(.*)$", re.I)
_MONTH_RANGE = re.compile(
    r"^([a-z]{3,9})\.?\s*(?:-|–|/|&|to|and)\s*([a-z]{3,9})\.?[\s\-./,']*(\d{4}|\d{2})(?!\d)(.*)$", re.I
)
_DAY_RANGE = re.compile(
    r"^(\d{1,2})\s*(?:st|nd|rd|th)?\s*(?:-|–|/|&|to|and)\s*\d{1,2}\s*(?:st|nd|rd|th)?\s+(?:of\s+)?"
    r"([a-z]{3,9})\.?[\s\-./,']*(\d{4}|\d{2})(?!\d)(.*)$",
    re.I,
)
_QUARTER = re.compile(r"^q([1-4])[\s\-./,']*(\d{4}|\d{2})(?!\d)(.*)$", re.I)
_DECADE = re.compile(r"^((?:19|20)\d0)'?s$", re.I)
_NUMERIC_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*[./\-]\s*(\d{4})(?!\d)(.*)$")
_ISO_MONTH = re.compile(r"^(\d{4})[\-/.](\d{1,2})(?!\d)(.*)$")
_YEAR = re.compile(r"^(\d{4})(?!\d)(.*)$")
_SERIAL_TEXT = re.compile(r"^\d{5}(?:\.\d+)?$")
_DAY_MONTH_NO_YEAR = re.compile(r"^(\d{1,2})\s*(?:st|nd|rd|th)?[\s./\-]+(\d{1,2}|[a-z]{3,9})\.?$", re.I)

_TIME = re.compile(
    r"^(?:[@,;\-–]|\bat\b|\bT\b|time:?)*\s*"
    r"(?:(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)"
    r"|(\d{1,2})\s*[:.h]\s*(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(?:hrs?|hours|h)?"
    r"|(\d{2})(\d{2})\s*(?:hrs?|hours|h)"
    r"|(noon|midday|midnight))\s*\.?$",
    re.I,
)

# "2315" typed after a full date ("19/11/2022 2315"): a 24-hour time with no
# colon. Only ever after a day-precision date (never after "March 2024", where
# four digits would be a year) and only 0000-2359; a dash before it reads as a
# span ("12/03/24 - 2025"), so it is not taken.
_BARE_HHMM = re.compile(r"^(?:@|at\b|,)?\s*([01]\d|2[0-3])([0-5]\d)$", re.I)

_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_SERIAL_MIN, _SERIAL_MAX = 1, 73050  # 1900-01-01 .. 2099-12-31


@dataclass
class ParsedDate:
    """A date cell read: the date (``None`` with ``error`` when it cannot be read)."""

    date: dt.date | None
    precision: Precision = "day"
    approximate: bool = False
    time: str | None = None
    error: str | None = None
    #: the last day of an episode written as a range ("12/03-15/03/24"); ``date`` is the first
    end: dt.date | None = None


def _fail(text: str, why: str) -> ParsedDate:
    return ParsedDate(None, "day", False, None, f"date '{text}' {why}")


def _clean(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-")
    text = text.replace("\u2019", "'").replace("\u200b", "")
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"(?<=\d)[.,;:]+$", "", text)  # "12/03/24." - a full stop typed after the date


def parse_time(text: str | None) -> str | None:
    """``"14:30"``, ``"2pm"``, ``"2.30 pm"``, ``"1430hrs"``, ``"21:25:00"`` -> ``"HH:MM"``; else None.

    This reads a time column, so a bare ``"2315"`` (or a number cell 2315) is 23:15 here.
    """
    try:
        if text is None:
            return None
        if isinstance(text, dt.time):
            return f"{text.hour:02d}:{text.minute:02d}"
        if isinstance(text, dt.datetime):
            return f"{text.hour:02d}:{text.minute:02d}"
        if isinstance(text, (int, float)) and not isinstance(text, bool):
            if float(text).is_integer() and 100 <= text <= 2359:  # "0930" typed into a number cell
                return _bare_hhmm(f"{int(text):04d}")
            return _fraction_time(float(text))
        return _read_time(_clean(str(text)), bare=True)
    except Exception:  # never raise on a cell
        return None


def _bare_hhmm(text: str) -> str | None:
    m = _BARE_HHMM.match(text.strip())
    return f"{m.group(1)}:{m.group(2)}" if m else None


def _read_time(text: str, bare: bool = False) -> str | None:
    """A time in ``text``; ``bare`` also reads four digits with no colon ("2315")."""
    try:
        if not text:
            return None
        if re.fullmatch(r"0?\.\d+", text):
            return _fraction_time(float(text))
        m = _TIME.match(text)
        if not m:
            return _bare_hhmm(text) if bare else None
        if m.group(9):
            word = m.group(9).lower()
            return "00:00" if word == "midnight" else "12:00"
        if m.group(4):
            hour, minute = int(m.group(1)), int(m.group(2) or 0)
            if not 1 <= hour <= 12 or minute > 59:
                return None
            pm = m.group(4).lower().startswith("p")
            hour = hour % 12 + (12 if pm else 0)
        elif m.group(5):
            hour, minute = int(m.group(5)), int(m.group(6))
        else:
            hour, minute = int(m.group(7)), int(m.group(8))
        if hour > 23 or minute > 59:
            return None
        return f"{hour:02d}:{minute:02d}"
    except Exception:  # never raise on a cell
        return None


def _fraction_time(fraction: float) -> str | None:
    if not 0 <= fraction < 1:
        return None
    minutes = int(round(fraction * 24 * 60))
    if minutes >= 24 * 60:
        return None
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _resolve_century(yy: int, month: int, reference: dt.date) -> int:
    """The most recent century for a two-digit year whose month is at most
    ``FUTURE_MONTHS`` after ``reference``'s month (the day never moves it)."""
    century = reference.year // 100 * 100
    latest = reference.year * 12 + reference.month - 1 + FUTURE_MONTHS
    for year in (century + 100 + yy, century + yy, century - 100 + yy, century - 200 + yy):
        if 1 <= month <= 12 and year * 12 + month - 1 <= latest:
            return year
    return century + yy


def _invalid_reason(day: int, month: int, year: int) -> str | None:
    """Why day/month/year is not a real date, or None when it is."""
    if month < 1 or month > 12:
        if 1 <= day <= 12 and 13 <= month <= 31:
            return (f"is not a real date (there is no month {month}; it looks month-first): "
                    "write it day first (DD/MM/YY) in the agency's file")
        return f"is not a real date (there is no month {month}): correct it in the agency's file"
    if day < 1:
        return "is not a real date (day 0): correct it in the agency's file"
    last = calendar.monthrange(year, month)[1]
    if day > 31:
        return f"is not a real date (no month has a {_ordinal(day)} day): correct it in the agency's file"
    if day > last:
        return (f"is not a real date ({_MONTH_NAME[month]} {year} has no {_ordinal(day)}): "
                "correct it in the agency's file")
    return None


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _month_number(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if word in MONTHS:
        return MONTHS[word]
    if len(word) >= 3:
        for name, number in MONTHS.items():
            if len(name) > 3 and name.startswith(word):
                return number
    if len(word) >= 5:  # "Decemeber", "Marhc": one slip of the keyboard in a full month name
        close = [n for n in range(1, 13) if OSA.distance(word, _MONTH_NAME[n].lower()) <= 1]
        if len(close) == 1:
            return close[0]
    return None


def _year_of(token: str, month: int, day: int, reference: dt.date) -> int:
    """The year a token names; a two-digit year is resolved from the year and month alone,
    so the same ``12/03/24`` reads the same whatever surrounds it (``?``, ``w/c``, a time, a range)."""
    if len(token) == 4:
        return int(token)
    return _resolve_century(int(token), month, reference)


def _from_value(value, text: str, reference: dt.date) -> ParsedDate | None:
    """A real spreadsheet value: datetime, date or Excel serial number."""
    if value is None or isinstance(value, bool):
        return None
    when: dt.datetime | None = None
    if isinstance(value, dt.datetime):
        when = value
    elif isinstance(value, dt.date):
        when = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, (int, float)):
        if not _SERIAL_MIN <= value <= _SERIAL_MAX:
            return None
        when = _EXCEL_EPOCH + dt.timedelta(days=float(value))
        when = when.replace(second=0, microsecond=0) + (dt.timedelta(minutes=1) if when.second >= 30 else dt.timedelta())
    else:
        return None
    time = f"{when.hour:02d}:{when.minute:02d}" if (when.hour or when.minute) else None
    day = when.date()
    precision: Precision = "day"
    shown = parse_date(text, reference) if text and not isinstance(text, (int, float)) else None
    if shown and shown.date and shown.precision != "day" and (shown.date.year, shown.date.month) == (day.year, day.month):
        precision = shown.precision  # a cell formatted "Mar-24" means the month, not the 1st
    if shown and shown.date == day and shown.time and not time:
        time = shown.time
    if not EARLIEST_YEAR <= day.year <= reference.year + LATEST_YEARS_AHEAD:
        return ParsedDate(None, "day", False, None,
                          f"date '{text or day.isoformat()}' is outside the plausible range: correct it in the agency's file")
    return ParsedDate(day, precision, False, time, None)


def parse_date(text: str, reference: dt.date | None = None, value=None) -> ParsedDate:
    """Read one date cell, day first. ``reference`` (the submission date) anchors two-digit years."""
    try:
        reference = reference or dt.date.today()
        if isinstance(reference, dt.datetime):
            reference = reference.date()
        found = _from_value(value, text if isinstance(text, str) else "", reference)
        if found is not None:
            return found
        if isinstance(text, (dt.date, dt.datetime, int, float)) and not isinstance(text, bool):
            found = _from_value(text, "", reference)
            if found is not None:
                return found
        return _parse_text(str(text or ""), reference)
    except Exception as exc:  # a date parser must never take the merge down
        return ParsedDate(None, "day", False, None,
                          f"date '{text}' could not be read ({type(exc).__name__}): enter it as DD/MM/YY")


def _parse_text(original: str, reference: dt.date) -> ParsedDate:
    text = _clean(original)
    shown = text if len(text) <= 60 else text[:57] + "..."
    if not text:
        return ParsedDate(None, "day", False, None,
                          "date is empty: enter the date the event happened (DD/MM/YY)")
    if _PLACEHOLDERS.match(text):
        return _fail(shown, "could not be read: enter the date the event happened (DD/MM/YY)")
    approximate = False
    for _ in range(4):  # markers may stack: "approx. w/c 04/03/24", "on or about 12/03/24"
        stripped = _APPROX_PREFIX.sub("", text, count=1)
        stripped = _WEEK_COMMENCING.sub("", stripped, count=1)
        if _PART_OF_MONTH.match(stripped):
            stripped = _PART_OF_MONTH.sub("", stripped, count=1)
        if stripped == text:
            neutral = _NEUTRAL_PREFIX.sub("", text, count=1)
            if neutral == text:
                break
            text = neutral.strip()
            continue
        approximate = True
        text = stripped.strip()
    suffixed = _APPROX_SUFFIX.sub("", text)
    if suffixed != text:
        approximate = True
        text = suffixed.strip()
    text = _WEEKDAY.sub("", text)
    if re.match(r"^(?:spring|summer|autumn|fall|winter)\b", text, re.I):
        approximate = True  # a season names a quarter, not a month
    if not text or _PLACEHOLDERS.match(text):
        return _fail(shown, "could not be read: enter the date the event happened (DD/MM/YY)")

    episode = _episode(text, reference)
    if isinstance(episode, str):
        return _fail(shown, episode)
    if episode is not None:
        start, end, precision = episode
        for day in (start, end):
            if not EARLIEST_YEAR <= day.year <= reference.year + LATEST_YEARS_AHEAD:
                return _fail(shown, f"has an implausible year ({day.year}): correct it in the agency's file")
        return ParsedDate(start, precision, True, None, None, end)
    two_ways = _two_readings(text, reference)
    if two_ways:
        return _fail(shown, two_ways)
    result = _parse_core(text, reference)
    if result is None:
        result = _time_first(text, reference)
    if result is None:
        result = _fallback(text, reference)
    if result is None:
        if _DAY_MONTH_NO_YEAR.match(text):
            return _fail(shown, "has no year: add the year (DD/MM/YY) in the agency's file")
        if not re.search(r"\d", text):
            return _fail(shown, "could not be read: enter the date the event happened (DD/MM/YY)")
        return _fail(shown, "could not be read as a date: enter it as DD/MM/YY in the agency's file")
    if isinstance(result, str):
        return _fail(shown, result)
    day, precision, time, spans = result
    approximate = approximate or spans
    if not EARLIEST_YEAR <= day.year <= reference.year + LATEST_YEARS_AHEAD:
        return _fail(shown, f"has an implausible year ({day.year}): correct it in the agency's file")
    return ParsedDate(day, precision, approximate, time, None)


# --- episodes: a start and an end ---------------------------------------------

_D, _M = r"(\d{1,2})", r"(\d{1,2})"
#: "12/03-15/03/24", "12.03 - 15.03.2024", "30/12-02/01/25"
_DM_DM_Y = re.compile(rf"^{_D}\s*[./]\s*{_M}\s*(?:-|–|to)\s*{_D}\s*[./]\s*{_M}\s*[./]\s*(\d{{4}}|\d{{2}})$", re.I)
#: "12/03/24-15/03/24" (no spaces round the dash)
_DMY_DMY = re.compile(r"^(\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2}))\s*[-–]\s*(\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2}))$")
#: "admitted 12/03/24, discharged 15/03/24", "admission 12/03/24 - discharge 15/03/24"
_ADMITTED = re.compile(
    r"^(?:admitted|admission|adm\.?)\s*(?:on|:)?\s*(.+?)\s*(?:[,;&]|-|–|and)?\s*"
    r"(?:discharged|discharge|d/c)\s*(?:on|:)?\s*(.+)$", re.I)
#: "12/03/24 - 15/03/24", "12 March to 15 March 2024", "12/03/24 until 15/03/24"
_SPACED = re.compile(r"^(.+?)\s+(?:-|–|to|until|till)\s+(.+)$", re.I)
_LEFT_DAY = re.compile(r"^(\d{1,2})\s*(?:st|nd|rd|th)?$", re.I)
_LEFT_DM = re.compile(r"^(\d{1,2})\s*[./\-]\s*(\d{1,2})$")
_LEFT_D_MONTH = re.compile(r"^(\d{1,2})\s*(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?$", re.I)
#: the longest episode read as one entry (a longer span is two entries, or a typo)
_EPISODE_MAX_DAYS = 366


def _full_day(text: str, reference: dt.date) -> dt.date | None:
    """``text`` when it is exactly one day-precision date (no time, no words), else None."""
    got = _parse_core(text.strip(), reference)
    if isinstance(got, tuple) and got[1] == "day" and not got[3]:
        return got[0]
    return None


def _start_before(end: dt.date, day: int, month: int | None) -> dt.date | str | None:
    """The start of an episode written without its year (or month): the latest such day on or before ``end``."""
    month = month or end.month
    for year in (end.year, end.year - 1):
        why = _invalid_reason(day, month, year)
        if why:
            return why
        start = dt.date(year, month, day)
        if start <= end:
            return start
        if month == end.month and month is not None and day > end.day and year == end.year:
            # "28-03/04/24": the 28th of the month before
            prev = (end.replace(day=1) - dt.timedelta(days=1))
            if day <= calendar.monthrange(prev.year, prev.month)[1]:
                return dt.date(prev.year, prev.month, day)
    return None


def _episode(text: str, reference: dt.date):
    """(start, end, precision) of a date written as a range, an error reason, or None (not a range).

    ``12/03-15/03/24``, ``12/03/24 - 15/03/24``, ``12-15 March 2024``,
    ``from 12/03/24 to 15/03/24`` (the "from" is already gone), ``admitted
    12/03/24, discharged 15/03/24``. The end is read first, with its year;
    a start written without a year (or month) takes the end's.
    """
    m = _DM_DM_Y.match(text)
    if m:
        d1, m1, d2, m2, y = int(m.group(1)), int(m.group(2)), int(m.group(3)), int(m.group(4)), m.group(5)
        if not 1 <= m2 <= 12:
            return _invalid_reason(d2, m2, 2000)
        why = _invalid_reason(d2, m2, _year_of(y, m2, 1, reference))
        if why:
            return why
        end = dt.date(_year_of(y, m2, 1, reference), m2, d2)
        if not 1 <= m1 <= 12:
            return _invalid_reason(d1, m1, end.year)
        start = _start_before(end, d1, m1)
        return _checked(start, end)
    m = _DMY_DMY.match(text)
    if m:
        start, end = _full_day(m.group(1), reference), _full_day(m.group(2), reference)
        return _checked(start, end) if start and end else None
    m = _ADMITTED.match(text) or _SPACED.match(text)
    if m:
        left, right = m.group(1).strip(" ,;"), m.group(2).strip(" ,;")
        end = _full_day(right, reference)
        if end is None:
            return None
        start = _full_day(left, reference)
        if start is None:
            lm = _LEFT_DAY.match(left)
            if lm:
                start = _start_before(end, int(lm.group(1)), None)
            elif (lm := _LEFT_DM.match(left)) and 1 <= int(lm.group(2)) <= 12:
                start = _start_before(end, int(lm.group(1)), int(lm.group(2)))
            elif (lm := _LEFT_D_MONTH.match(left)) and _month_number(lm.group(2)):
                start = _start_before(end, int(lm.group(1)), _month_number(lm.group(2)))
        if start is None:
            return None
        return _checked(start, end)
    m = _DAY_RANGE_END.match(text)
    if m and _month_number(m.group(3)):
        month = _month_number(m.group(3))
        year = _year_of(m.group(4), month, 1, reference)
        d1, d2 = int(m.group(1)), int(m.group(2))
        for d in (d1, d2):
            why = _invalid_reason(d, month, year)
            if why:
                return why
        return _checked(dt.date(year, month, d1), dt.date(year, month, d2))
    return None


_DAY_RANGE_END = re.compile(
    r"^(\d{1,2})\s*(?:st|nd|rd|th)?\s*(?:-|–|to|until|till)\s*(\d{1,2})\s*(?:st|nd|rd|th)?\s+(?:of\s+)?"
    r"([a-z]{3,9})\.?[\s\-./,']*(\d{4}|\d{2})$",
    re.I,
)


def _checked(start, end):
    """(start, end, "day") when ``start``..``end`` is a plausible episode, else a reason (or None)."""
    if isinstance(start, str):
        return start
    if start is None or end is None:
        return None
    if end < start:
        return (f"ends before it starts ({start:%d/%m/%Y} to {end:%d/%m/%Y}): "
                "correct the range in the agency's file (DD/MM/YY - DD/MM/YY)")
    if (end - start).days > _EPISODE_MAX_DAYS:
        return (f"spans more than a year ({start:%d/%m/%Y} to {end:%d/%m/%Y}): "
                "give each event its own row and date in the agency's file")
    return start, end, "day"


_GLUED = re.compile(r"^(\d{1,2})\s*[./\-]\s*(\d{1,2})\s*[./\-]\s*(\d{2})\s*[./\-]\s*(\d{1,2})"
                    r"(?:\s*[./\-]\s*(\d{2,4}))?$")


def _two_readings(text: str, reference: dt.date) -> str | None:
    """Why a numeric date that reads two ways is not guessed, naming both readings, or None.

    ``12/03/15/03/24`` is 12 March 2015, or an episode 12/03 to 15/03/2024 with a
    slip of the keyboard; ``12/03/24/25`` is 12 March 2024 or 2025. Neither is
    chosen: the agency is asked to write the date again.
    """
    m = _GLUED.match(text)
    if not m:
        return None
    d, mo, yy = int(m.group(1)), int(m.group(2)), m.group(3)
    first = _full_day(f"{d}/{mo}/{yy}", reference)
    if m.group(5):
        second = _episode(f"{d}/{mo}-{m.group(3)}/{m.group(4)}/{m.group(5)}", reference)
        other = (f"{second[0]:%d/%m/%Y} to {second[1]:%d/%m/%Y}" if isinstance(second, tuple)
                 else f"a range ending {m.group(3)}/{m.group(4)}/{m.group(5)}")
    else:
        other = _full_day(f"{d}/{mo}/{m.group(4)}", reference)
        other = f"{other:%d/%m/%Y}" if other else f"a date in 20{m.group(4)}"
    if first is None:
        return None
    return (f"could be read two ways ({first:%d/%m/%Y}, or {other}): write it again in the agency's "
            "file as DD/MM/YY, or a range as DD/MM/YY - DD/MM/YY")


_LEADING_TIME = re.compile(
    r"^(\d{1,2}(?:\s*[:.]\s*\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}\s*:\s*\d{2}|\d{4}\s*hrs?)"
    r"\s*(?:on|,|-|@)?\s+(.+)$",
    re.I,
)


def _time_first(text: str, reference: dt.date):
    """"14:30 12/03/24", "2pm on 12 March 2024": the time written before the date."""
    m = _LEADING_TIME.match(text)
    if not m:
        return None
    time = parse_time(m.group(1))
    result = _parse_core(m.group(2), reference)
    if time is None or not isinstance(result, tuple) or result[2] is not None or result[1] != "day":
        return None
    return result[0], result[1], time, result[3]


_TIME_RANGE = re.compile(
    r"^(.+?)\s*(?:-|–|to|until|till)\s*(?:\d{1,2}(?:\s*[:.]\s*\d{2})?|\d{4})\s*(?:am|pm|hrs?)?$", re.I
)
_MIDNIGHT_EXPORT = re.compile(r"^(?:[@,\-]|at|T)?\s*00[:.]00(?::00)?$", re.I)


def _tail_time(tail: str, bare: bool = False) -> tuple[bool, str | None]:
    """Whatever follows a date: nothing, or a time (the start of "14:30-15:00"). (ok, time)

    A bare 00:00 is what a spreadsheet export writes for "no time", not midnight.
    ``bare`` (only after a full date) also reads "2315" as 23:15.
    """
    tail = tail.strip().strip(",;").strip()
    if not tail:
        return True, None
    tail = re.sub(r"^\(([^)]*)\)$", r"\1", tail).strip()
    if _MIDNIGHT_EXPORT.match(tail) or (bare and re.fullmatch(r"(?:@|at\b|,)?\s*0000", tail, re.I)):
        return True, None
    time = _read_time(_clean(tail), bare=bare)
    if time is None:
        span = _TIME_RANGE.match(tail)
        if span:
            time = _read_time(_clean(span.group(1)), bare=bare)
    return (time is not None), time


def _parse_core(text: str, reference: dt.date):
    """The common shapes. Returns (date, precision, time), an error reason, or None."""
    m = _ISO.match(text)
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return _build(day, month, year, "day", m.group(4))
    m = _NUMERIC_DMY.match(text)
    if m:
        day, month, year_token = int(m.group(1)), int(m.group(2)), m.group(3)
        if not 1 <= month <= 12:
            return _build(day, month, int(year_token) if len(year_token) == 4 else 2000, "day", m.group(4))
        day_for_century = day if 1 <= day <= 31 else 1
        year = _year_of(year_token, month, min(day_for_century, 28), reference)
        return _build(day, month, year, "day", m.group(4))
    m = _DAY_RANGE.match(text)
    if m and _month_number(m.group(2)):  # "12th-13th March 2024": the first day, approximate
        month = _month_number(m.group(2))
        built = _build(int(m.group(1)), month, _year_of(m.group(3), month, 1, reference), "day", m.group(4))
        return built[:3] + (True,) if isinstance(built, tuple) else built
    m = _DAY_MONTH_NAME.match(text)
    if m and _month_number(m.group(2)):
        month = _month_number(m.group(2))
        day = int(m.group(1))
        year = _year_of(m.group(3), month, min(max(day, 1), 28), reference)
        return _build(day, month, year, "day", m.group(4))
    m = _MONTH_NAME_DAY.match(text)
    if m and _month_number(m.group(1)):
        return _build(int(m.group(2)), _month_number(m.group(1)), int(m.group(3)), "day", m.group(4))
    m = _MONTH_RANGE.match(text)
    if m and _month_number(m.group(1)) and _month_number(m.group(2)):
        month = _month_number(m.group(1))
        built = _build(1, month, _year_of(m.group(3), month, 1, reference), "month", m.group(4))
        return built[:3] + (True,) if isinstance(built, tuple) else built
    m = _QUARTER.match(text)
    if m:
        built = _build(1, (int(m.group(1)) - 1) * 3 + 1, _year_of(m.group(2), 1, 1, reference), "month", m.group(3))
        return built[:3] + (True,) if isinstance(built, tuple) else built
    m = _DECADE.match(text)
    if m:
        return dt.date(int(m.group(1)), 1, 1), "year", None, True
    m = _MONTH_YEAR.match(text)
    if m:
        word = m.group(1).lower()
        month = _month_number(word) or _SEASONS.get(word)
        if month:
            year = _year_of(m.group(2), month, 1, reference)
            return _build(1, month, year, "month", m.group(3))
    m = _NUMERIC_MONTH_YEAR.match(text)
    if m and 1 <= int(m.group(1)) <= 12:
        return _build(1, int(m.group(1)), int(m.group(2)), "month", m.group(3))
    m = _ISO_MONTH.match(text)
    if m and 1 <= int(m.group(2)) <= 12:
        return _build(1, int(m.group(2)), int(m.group(1)), "month", m.group(3))
    m = _YEAR.match(text)
    if m:
        year, tail = int(m.group(1)), m.group(2)
        ok, time = _tail_time(tail)
        if ok and not time:
            return dt.date(year, 1, 1), "year", None, False
        if not ok and re.match(r"^\s*[\-–,;:(/&]|\s+[a-z]", tail, re.I):
            spans = bool(re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", tail))  # "2019-2020"
            return dt.date(year, 1, 1), "year", None, spans
    m = _COMPACT.match(text)
    if m:
        return _build(int(m.group(1)), int(m.group(2)), int(m.group(3)), "day", m.group(4))
    if _SERIAL_TEXT.match(text):
        serial = float(text)
        if _SERIAL_MIN <= serial <= _SERIAL_MAX:
            when = _EXCEL_EPOCH + dt.timedelta(days=serial)
            time = f"{when.hour:02d}:{when.minute:02d}" if (when.hour or when.minute) else None
            return when.date(), "day", time, False
    return None


def _build(day: int, month: int, year: int, precision: Precision, tail: str):
    """(date, precision, time, range_or_note) or the reason the date is not real.

    Words after a clear date ("12/03/24 - phone call") are kept in the row's
    date text and do not stop the date being read; a second date after it
    ("12/03/24 - 15/03/24") makes the date approximate (a span).
    """
    ok, time = _tail_time(tail, bare=precision == "day")
    why = _invalid_reason(day, month, year) if 1 <= year <= 9999 else "has an impossible year"
    if why:
        return why
    spans = not ok and bool(re.search(
        r"\d{1,2}\s*[./\-]\s*\d{1,2}|\d{1,2}\s*(?:st|nd|rd|th)?\s+[a-z]{3}|[a-z]{3,}\.?\s+\d{2,4}", tail, re.I))
    if not ok and not re.match(r"^\s*[\-–,;:(/&]|\s+(?:to|and|until|till|or)\b|\s+[a-z]", tail, re.I):
        return None  # glued-on junk such as "12/03/24x": not a date shape we know
    return dt.date(year, month, day), precision, time, spans


_DATEPARSER = None


def _fallback(text: str, reference: dt.date):
    """dateparser for unfamiliar shapes, only when the text names a year and a month."""
    global _DATEPARSER
    if not re.search(r"(?<!\d)(\d{4}|\d{2})(?!\d)", text) or len(text) > 60:
        return None
    named = [n for w in re.findall(r"[a-z]{3,}", text, re.I) if (n := MONTHS.get(w.lower().rstrip(".")))]
    if len(set(named)) != 1:
        return None  # only a text that names its month; numeric shapes are ours alone, no silent guesses
    try:
        if _DATEPARSER is None:
            from dateparser.date import DateDataParser

            _DATEPARSER = DateDataParser(
                languages=["en"],
                settings={
                    "DATE_ORDER": "DMY",
                    "PREFER_DAY_OF_MONTH": "first",
                    "PARSERS": ["absolute-time"],
                    "RETURN_TIME_AS_PERIOD": True,
                    "REQUIRE_PARTS": ["month", "year"],
                    "RELATIVE_BASE": dt.datetime(reference.year, reference.month, reference.day),
                },
            )
        data = _DATEPARSER.get_date_data(text)
    except Exception:
        return None
    if data is None or data.date_obj is None:
        return None
    when = data.date_obj
    if when.month != named[0]:
        return None
    period = data.period or "day"
    if period == "time":
        time = f"{when.hour:02d}:{when.minute:02d}" if (when.hour or when.minute) else None
        return when.date(), "day", time, False
    if period == "month":
        return dt.date(when.year, when.month, 1), "month", None, False
    if period == "year":
        return dt.date(when.year, 1, 1), "year", None, False
    return when.date(), "day", None, False
