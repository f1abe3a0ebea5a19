"""Tag events with categories from the lexicon (``chrono/data/lexicon.toml``).

The categories are the core incidents of the procedures (000:1159-1190) and
the risk factors (000:144-156); the rules in :mod:`chrono.detect.rules` count
them. Matching is deliberately explainable: phrases, whole-word abbreviations
and regular expressions, with negation ("no injuries noted"), hypothetical
wording ("advised to attend A&E if ...") and exclusions handled per sentence,
and misspelt words corrected towards the lexicon's own vocabulary first.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from rapidfuzz import fuzz, process

from chrono.config import ConfigError
from chrono.model import Event

_SENTENCE_END = re.compile(r"[.;!?\n]+(?:\s|$)|\n")
_CLAUSE_BREAK = re.compile(r"\s[-–—]\s|,|\bbut\b|\bhowever\b|:|\(|\)", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def _phrase_pattern(phrase: str) -> str:
    """A phrase as a case-insensitive, whole-word regex; a space matches any separator."""
    parts = [re.escape(p) for p in phrase.split()]
    body = r"[\s\-–/]+".join(parts)
    return rf"(?<![\w&]){body}(?![\w&])"


def _abbreviation_pattern(abbr: str) -> str:
    return rf"(?-i:(?<![A-Za-z0-9&]){re.escape(abbr)}(?![A-Za-z0-9&]))"


def _compile_any(patterns: Iterable[str], where: str = "lexicon") -> re.Pattern | None:
    patterns = [p for p in patterns if p]
    if not patterns:
        return None
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise ConfigError(f"[{where}]: the pattern {p!r} is not a valid regular expression ({exc}). "
                              "Fix it in chrono.toml.") from None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


@dataclass
class _Category:
    name: str
    strong: re.Pattern | None
    weak: re.Pattern | None
    context: re.Pattern | None
    exclude: re.Pattern | None
    mask: re.Pattern | None = None
    use_outcome: bool = False
    #: agency -> pattern that counts only in that agency's own accounts
    by_agency: dict[str, re.Pattern] = field(default_factory=dict)
    #: agency -> column-heading pattern: that agency's own row with a value under such a
    #: heading is an occurrence ("Arrival date/time" in an emergency department's return)
    by_agency_headers: dict[str, re.Pattern] = field(default_factory=dict)
    #: an occurrence category: mentions ("told SW about", "... discussed") and plans do not count
    occurrence: bool = False
    #: an account whose first sentence matches is about something else (a meeting)
    exclude_account: re.Pattern | None = None
    #: an agency's own account whose first sentence is administrative (a liaison
    #: notification, a records check, a letter sent) is not an occurrence by the
    #: agency-only patterns or headings, unless it also describes one (``agency_presentation``)
    agency_admin: re.Pattern | None = None
    agency_presentation: re.Pattern | None = None
    #: queries ("mum queried ...", "asked whether ...") negate a hit as "no" does
    queries_negate: bool = False


@dataclass
class Lexicon:
    """The compiled lexicon: categories plus the negation and spelling settings."""

    categories: list[_Category]
    negation: re.Pattern
    closing: re.Pattern
    window: int
    vocabulary: frozenset[str]
    ratio_long: float
    ratio_short: float
    min_length: int
    not_typos: frozenset[str] = frozenset()
    query: re.Pattern | None = None
    mention_before: re.Pattern | None = None
    mention_after: re.Pattern | None = None
    _cache: dict[str, str] = field(default_factory=dict)

    def correct(self, text: str) -> str:
        """Replace misspelt words by the lexicon word they are closest to."""
        return _WORD.sub(lambda m: self._correct_word(m.group(0)), text)

    def _correct_word(self, word: str) -> str:
        low = word.lower()
        if len(low) < self.min_length or low in self.vocabulary or low in self.not_typos:
            return word
        if low in self._cache:
            return self._cache[low]
        limit = self.ratio_long if len(low) >= 6 else self.ratio_short
        fixed = word
        for candidate, _score, _ in process.extract(low, self.vocabulary, scorer=fuzz.ratio,
                                                    score_cutoff=limit, limit=3):
            if _typo_of(low, candidate):
                fixed = candidate
                break
        self._cache[low] = fixed
        return fixed


def _typo_of(token: str, word: str) -> bool:
    """``token`` is ``word`` with one slip of the keyboard: two neighbouring letters
    swapped, a letter doubled, or (in a longer word) a letter left out.

    Substitutions are not accepted: they turn real words into other real words
    ("dental" -> "mental", "issued" -> "missed").
    """
    if not token or token[0] != word[0]:
        return False
    if len(token) == len(word):
        diff = [i for i, (a, b) in enumerate(zip(token, word)) if a != b]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and token[diff[0]] == word[diff[1]] \
            and token[diff[1]] == word[diff[0]]
    if len(token) == len(word) + 1:
        return any(token[i] == token[i - 1] and token[:i] + token[i + 1:] == word for i in range(1, len(token)))
    if len(token) == len(word) - 1 and len(token) >= 6:
        return any(word[:i] + word[i + 1:] == token for i in range(len(word)))
    return False


def build_lexicon(cfg) -> Lexicon:
    """Compile ``cfg.section("lexicon")`` once per configuration."""
    section = cfg.section("lexicon")
    settings = section.get("settings", {})
    categories = []
    vocab: set[str] = {w.lower() for w in settings.get("vocabulary", [])}
    for name, spec in section.get("categories", {}).items():
        strong = [_phrase_pattern(p) for p in spec.get("phrases", [])]
        strong += [_abbreviation_pattern(a) for a in spec.get("abbreviations", [])]
        strong += list(spec.get("regexes", []))
        weak = [_phrase_pattern(p) for p in spec.get("weak_phrases", [])]
        weak += list(spec.get("weak_regexes", []))
        for phrase in spec.get("phrases", []) + spec.get("weak_phrases", []):
            vocab.update(w.lower() for w in _WORD.findall(phrase) if len(w) >= 5)
        where = f"lexicon.categories.{name}"
        by_agency = {agency: _compile_any(pats, where) for agency, pats in spec.get("by_agency", {}).items()}
        categories.append(_Category(
            name=name,
            strong=_compile_any(strong, where),
            weak=_compile_any(weak, where),
            context=_compile_any(spec.get("require_context", []), where),
            exclude=_compile_any(spec.get("exclude", []), where),
            mask=_compile_any(spec.get("mask", []), where),
            by_agency={agency: pattern for agency, pattern in by_agency.items() if pattern is not None},
            use_outcome=bool(spec.get("use_outcome", False)),
            by_agency_headers={agency: pattern for agency, pats in spec.get("by_agency_headers", {}).items()
                               if (pattern := _compile_any(pats, where)) is not None},
            occurrence=bool(spec.get("occurrence", False)),
            exclude_account=_compile_any(spec.get("exclude_account", []), where),
            agency_admin=_compile_any([rf"^\W*(?:[\w/&'’]+\W+){{0,3}}?(?:{p})" for p in spec.get("agency_admin", [])], where),
            agency_presentation=_compile_any(spec.get("agency_presentation", []), where),
            queries_negate=bool(spec.get("queries_negate", False)),
        ))
    cues = settings.get("negation_cues", ["no", "not", "denied"])
    negation = re.compile(r"(?<![\w/])(?:" + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)) + r")(?![\w/])", re.I)
    query_cues = settings.get("query_cues", [])
    query = re.compile(r"(?<![\w/])(?:" + "|".join(re.escape(c) for c in sorted(query_cues, key=len, reverse=True))
                       + r")(?![\w/])", re.I) if query_cues else None
    closing = re.compile(r"^\W*(?:\w+\W+){0,2}?(?:" + "|".join(re.escape(c) for c in settings.get("closing_cues", ["none", "nil"])) + r")\b", re.I)
    return Lexicon(
        categories=categories,
        negation=negation,
        closing=closing,
        window=int(settings.get("negation_window", 5)),
        vocabulary=frozenset(vocab),
        ratio_long=float(settings.get("fuzzy_ratio_long", 83)),
        ratio_short=float(settings.get("fuzzy_ratio_short", 88)),
        min_length=int(settings.get("fuzzy_min_length", 5)),
        not_typos=frozenset(w.lower() for w in settings.get("not_typos", [])),
        query=query,
        mention_before=_compile_any([rf"(?:{p})\W*$" for p in settings.get("mention_before", [])],
                                    "lexicon.settings.mention_before"),
        mention_after=_compile_any([rf"^\W*(?:{p})" for p in settings.get("mention_after", [])],
                                   "lexicon.settings.mention_after"),
    )


_LEXICONS: dict[int, tuple[dict, Lexicon]] = {}


def lexicon_for(cfg) -> Lexicon:
    """The compiled lexicon for this configuration (compiled once, reused)."""
    section = cfg.section("lexicon")
    cached = _LEXICONS.get(id(section))
    if cached is None or cached[0] is not section:
        cached = (section, build_lexicon(cfg))
        _LEXICONS[id(section)] = cached
    return cached[1]


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s and s.strip()]


def _negated(lex: Lexicon, sentence: str, start: int, end: int, queries: bool = False) -> bool:
    """A negation cue in the same clause within ``window`` words before, or a closing cue after.

    With ``queries``, a query cue ("queried", "asked whether") before the hit in
    its clause negates it too: a question about a change is not a change.
    """
    before = sentence[:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end():] if breaks else before
    words = clause.split()[-lex.window:]
    if words and lex.negation.search(" ".join(words)):
        return True
    if queries and lex.query is not None and lex.query.search(" ".join(clause.split()[-12:])):
        return True
    after = sentence[end:end + 40]
    return bool(lex.closing.match(after))


def _mentioned(lex: Lexicon, sentence: str, start: int, end: int) -> bool:
    """The hit is a mention of an event rather than the event: reported speech or a
    retrospective reference before it ("told the SW about", "following last week's"),
    or a discussion or plan after it ("... discussed", "... to be arranged")."""
    if lex.mention_before is not None:
        before = sentence[:start]
        breaks = list(_CLAUSE_BREAK.finditer(before))
        clause = before[breaks[-1].end():] if breaks else before
        if lex.mention_before.search(clause):
            return True
    if lex.mention_after is not None:
        after = sentence[end:]
        cut = _CLAUSE_BREAK.search(after)
        if lex.mention_after.search(after[:cut.start()] if cut else after):
            return True
    return False


def _hits(lex: Lexicon, cat: _Category, sentence: str, agency_pattern: re.Pattern | None = None) -> bool:
    if cat.exclude is not None and cat.exclude.search(sentence):
        return False
    masked = [m.span() for m in cat.mask.finditer(sentence)] if cat.mask is not None else []
    for pattern, needs_context in ((cat.strong, False), (cat.weak, True), (agency_pattern, False)):
        if pattern is None:
            continue
        if needs_context and (cat.context is None or not cat.context.search(sentence)):
            continue
        for m in pattern.finditer(sentence):
            if m.end() <= m.start() or any(a < m.end() and m.start() < b for a, b in masked):
                continue
            if _negated(lex, sentence, m.start(), m.end(), cat.queries_negate):
                continue
            if cat.occurrence and _mentioned(lex, sentence, m.start(), m.end()):
                continue
            return True
    return False


def _account_sentences(lex: Lexicon, texts: Iterable[str]) -> list[tuple[str, str]]:
    """(first sentence of its text, sentence) for every sentence of the texts."""
    out = []
    for t in dict.fromkeys(texts):
        if not t:
            continue
        sentences = _sentences(lex.correct(t))
        out += [(sentences[0], s) for s in sentences]
    return out


def _pool_hits(lex: Lexicon, cat: _Category, pool: list[tuple[str, str]],
               agency_pattern: re.Pattern | None = None) -> bool:
    return any(_hits(lex, cat, s, agency_pattern) for lead, s in pool
               if cat.exclude_account is None or not cat.exclude_account.search(lead))


def categories_for_texts(texts: Iterable[str], outcome_texts: Iterable[str], lex: Lexicon,
                         agency_texts: Iterable[tuple[str, str]] = (),
                         agency_rows: Iterable[tuple[str, dict[str, str]]] = ()) -> list[str]:
    """The categories (in lexicon order) that any of the texts supports.

    ``agency_texts`` are (agency, text) pairs, for patterns that only count in
    one agency's own accounts (an Emergency Department's "attended with ...").
    ``agency_rows`` are (agency, {heading: cell}) pairs, for categories that an
    agency's own row is by its column headings (an "Arrival date/time" column).
    An account whose first sentence is about a meeting (``exclude_account``)
    does not support the category at all.
    """
    main = _account_sentences(lex, texts)
    outcome = _account_sentences(lex, outcome_texts)
    agency_texts = list(dict.fromkeys(agency_texts))
    agency_rows = list(agency_rows)
    found = []
    for cat in lex.categories:
        pool = main + outcome if cat.use_outcome else main
        if _pool_hits(lex, cat, pool) or any(
                _agency_text_hits(lex, cat, a, t) for a, t in agency_texts if a in cat.by_agency) or any(
                _row_hits(lex, cat, a, cells) for a, cells in agency_rows if a in cat.by_agency_headers):
            found.append(cat.name)
    return found


def _administrative(lex: Lexicon, cat: _Category, texts: Iterable[str]) -> bool:
    """One of an agency's own texts opens as an administrative note (a liaison
    notification, a records check, a letter sent) and none describes the occurrence
    itself ("brought by mum with ...")."""
    if cat.agency_admin is None:
        return False
    texts = [lex.correct(str(t)) for t in texts if t and str(t).strip()]
    if not any((first := _sentences(t)) and cat.agency_admin.search(first[0]) for t in texts):
        return False
    if cat.agency_presentation is None:
        return True
    for t in texts:
        for s in _sentences(t):
            for m in cat.agency_presentation.finditer(s):
                if not _negated(lex, s, m.start(), m.end(), cat.queries_negate):
                    return False
    return True


def _agency_text_hits(lex: Lexicon, cat: _Category, agency: str, text: str) -> bool:
    """The agency-only patterns find the category in the agency's own account,
    which is not an administrative note."""
    if _administrative(lex, cat, [text]):
        return False
    return _pool_hits(lex, cat, _account_sentences(lex, [text]), cat.by_agency[agency])


def _row_hits(lex: Lexicon, cat: _Category, agency: str, cells: dict[str, str]) -> bool:
    """The agency's own row has a value under one of the category's headings, and
    none of its cells is excluded (a meeting, a conference) or administrative
    (a liaison notification, a records check)."""
    pattern = cat.by_agency_headers[agency]
    if not any(v and str(v).strip() and pattern.search(k) for k, v in cells.items()):
        return False
    if _administrative(lex, cat, [v for k, v in cells.items() if not pattern.search(k)]):
        return False
    text = " ".join(str(v) for v in cells.values() if v)
    if cat.exclude is not None and cat.exclude.search(text):
        return False
    if cat.exclude_account is not None:
        first = _sentences(text)
        if first and cat.exclude_account.search(first[0]):
            return False
    return True


#: agencies whose own chronology rows are read in full (every cell), because their
#: returns put the description under headings the reader may not recognise
FULL_ROW_AGENCIES = ("Emergency Department", "Urgent Care")


def _row_cells(row) -> list[str]:
    """A row's descriptive cells beyond the mapped ones: the raw cells other than its
    date, author, agency and child-seen cells."""
    meta = {x.strip() for x in (row.date_text, row.author, row.agency_raw, row.seen_text, row.time) if x}
    cells = [row.who] + [str(v) for v in (row.extra or {}).values()] + [str(v) for v in (row.raw or {}).values()]
    return [c for c in dict.fromkeys(cells) if c and c.strip() and c.strip() not in meta]


def event_texts(event: Event) -> tuple[list[str], list[str]]:
    """The descriptive texts of an event (event and comments of every account) and its outcomes.

    The accounts of agencies in :data:`FULL_ROW_AGENCIES` give every cell.
    """
    texts = [event.event, event.comments]
    outcomes = [event.outcome]
    for row in event.sources:
        texts += [row.event, row.comments]
        outcomes.append(row.outcome)
        if row.agency in FULL_ROW_AGENCIES:
            texts += [c for c in _row_cells(row) if c != row.outcome]
    texts = [t for t in dict.fromkeys(texts) if t]
    return texts, [t for t in dict.fromkeys(outcomes) if t]


def _own_texts(event: Event) -> list[tuple[str, str]]:
    own = []
    for r in event.sources:
        own += [(r.agency, t) for t in [r.event] if t]
        if r.agency in FULL_ROW_AGENCIES:
            own += [(r.agency, c) for c in _row_cells(r) if c != r.outcome]
    return list(dict.fromkeys(own))


def tag_events(events: list[Event], cfg: Any) -> list[Event]:
    """Set ``categories`` on every event from the lexicon; returns the same list."""
    lex = lexicon_for(cfg)
    for event in events:
        texts, outcomes = event_texts(event)
        rows = [(r.agency, dict(r.raw or {})) for r in event.sources if r.raw]
        event.categories = categories_for_texts(texts, outcomes, lex, _own_texts(event), rows)
    return events


# ---------------------------------------------------------------- occurrence dates

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
# 18/03, 18/03/25, 18.03.25 (a dotted date needs its year: "2.5 year review" is not a date)
_NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,2})(?:/(\d{1,2})(?:/(\d{4}|\d{2}))?|\.(\d{1,2})\.(\d{4}|\d{2}))(?![\d/]|\.\d)")
_WORD_DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
                        r"(?:\s+(\d{4}))?\b", re.I)
#: a date after these words is another event's ("previous attendance 02/03", "since 14/05")
_NOT_THE_OCCURRENCE = re.compile(r"\b(?:since|previous(?:ly)?|prior to|before|until|till|last seen|rebooked (?:for|to)|"
                                 r"booked for|due|next|every|reviewed|review(?:ed)? on|seen in clinic|"
                                 r"letter dated|dated|interviewed|follow[- ]?up (?:on|appointment))\s*(?:\w+\s*){0,2}$", re.I)
_YESTERDAY = re.compile(r"\b(?:yesterday|last night)\b", re.I)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "couple of": 2, "a couple of": 2}
#: "2 days ago", "two days ago", "a week ago": counted back from the entry's date
_AGO = re.compile(r"\b(\d{1,2}|(?:a )?couple of|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                  r"(days?|weeks?)\s+ago\b", re.I)
_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
#: "on Friday", "Fri night", "over the weekend (Sat)": the last such day before the entry
_WEEKDAY = re.compile(r"\b(?:(?:on|last|this past)\s+(mon|tues|wednes|thurs|fri|satur|sun)day\b(?!s)"
                      r"|(mon|tues|wednes|thurs|fri|satur|sun)day\s+(?:night|evening|morning|afternoon)\b"
                      r"|(mon|tue|wed|thu|fri|sat|sun)\.?\s+(?:night|evening|morning|afternoon|pm|am)\b)", re.I)


def _dates_in(sentence: str, reference: dt.date) -> list[dt.date]:
    """Explicit dates written in a sentence, a missing year taken from ``reference``
    (the year before when that would put the date after it); "yesterday" and "last
    night" are the day before ``reference``, "2 days ago" two days before it."""
    found = []
    for m in list(_NUMERIC_DATE.finditer(sentence)) + list(_WORD_DATE.finditer(sentence)):
        if _NOT_THE_OCCURRENCE.search(sentence[max(0, m.start() - 25):m.start()]):
            continue
        if m.re is _NUMERIC_DATE:
            found.append((int(m.group(1)), int(m.group(2) or m.group(4)), m.group(3) or m.group(5)))
        else:
            found.append((int(m.group(1)), _MONTHS[m.group(2).lower()[:3]], m.group(3)))
    out = []
    for d, mth, y in found:
        try:
            if y:
                year = int(y) + (2000 if len(y) == 2 else 0)
                out.append(dt.date(year, mth, d))
            else:
                guess = dt.date(reference.year, mth, d)
                out.append(guess if guess <= reference else dt.date(reference.year - 1, mth, d))
        except ValueError:
            continue
    if _YESTERDAY.search(sentence):
        out.append(reference - dt.timedelta(days=1))
    for m in _AGO.finditer(sentence):
        if _NOT_THE_OCCURRENCE.search(sentence[max(0, m.start() - 25):m.start()]):
            continue
        n = m.group(1).lower()
        n = int(n) if n.isdigit() else _NUMBER_WORDS[n]
        out.append(reference - dt.timedelta(days=n * (7 if m.group(2).lower().startswith("week") else 1)))
    for m in _WEEKDAY.finditer(sentence):
        if _NOT_THE_OCCURRENCE.search(sentence[max(0, m.start() - 25):m.start()]):
            continue
        want = _WEEKDAYS.index((m.group(1) or m.group(2) or m.group(3)).lower()[:3])
        back = (reference.weekday() - want) % 7 or 7
        out.append(reference - dt.timedelta(days=back))
    return out


def occurrence_dates(event: Event, category: str, lex: Lexicon, max_days: int = 60) -> tuple[list[dt.date], bool]:
    """When the event's occurrence(s) of ``category`` happened, and whether that came from the text.

    An account written days later ("ED letter received: attended ... 18/03/25",
    "PPN re incident 09/08") gives the date it refers to: a date written in the
    sentence that names the occurrence, on or before the entry's date and at most
    ``max_days`` before it. When every account that names the occurrence gives
    such dates, those are the occurrence dates; otherwise the entry's own date.
    """
    cat = next((c for c in lex.categories if c.name == category), None)
    if cat is None or event.precision != "day":
        return [event.date], False
    referenced: list[dt.date] = []
    plain = False
    for row in event.sources or []:
        texts = [row.event, row.comments]
        if row.agency in FULL_ROW_AGENCIES:
            texts += [c for c in _row_cells(row) if c != row.outcome]
        pool = _account_sentences(lex, [t for t in texts if t])
        hits = [s for lead, s in pool if (cat.exclude_account is None or not cat.exclude_account.search(lead))
                and (_hits(lex, cat, s) or (row.agency in cat.by_agency and not _administrative(lex, cat, texts)
                                            and _hits(lex, cat, s, cat.by_agency[row.agency])))]
        if not hits:
            if row.agency in cat.by_agency_headers and row.raw and _row_hits(lex, cat, row.agency, dict(row.raw)):
                plain = True
            continue
        written = row.date if row.date and row.precision == "day" else event.date
        days = [d for s in hits for d in _dates_in(s, written)
                if d <= written and (written - d).days <= max_days]
        if days:
            referenced += days
        else:
            plain = True
    if not referenced:
        return [event.date], False
    out = sorted(set(referenced) | ({event.date} if plain else set()))
    return out, not plain
