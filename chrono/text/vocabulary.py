"""The vocabulary, compiled once per run: the text stage's engine.

Every word chrono knows about what agencies write lives in TOML
(``lexicon.toml``: concepts and their phrasings, negation, mention and plan
cues, dates, notices, cues the rules ask about; ``abbreviations.toml``:
abbreviations and the phrasings that fold two agencies' accounts together).
This module turns those lists into matchers; it is the only place in chrono
that compiles vocabulary into regular expressions.

:func:`vocabulary_for` caches the compiled vocabulary by the *content* of the
configuration, so a batch that copies its configuration per case compiles it
once.

Matching is deliberately explainable: phrases, whole-word abbreviations and
regular expressions, with negation ("no injuries noted"), hypothetical and
planned wording ("advised to attend A&E if ...", "... to be arranged"),
mentions ("told SW about ...") and exclusions handled per sentence, and
misspelt words corrected towards the vocabulary's own words first.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from rapidfuzz import fuzz, process

from chrono.config import ConfigError
from chrono.text.dates import DateWords, compile_date_words
from chrono.text.gate import Alternation, LiteralGate

#: most entries a per-text memo keeps before it starts again (texts recur within a case)
MEMO_SIZE = 50_000


def remember(memo: dict, key, value, most: int = MEMO_SIZE) -> None:
    """Keep ``value`` under ``key``, emptying the memo first when it is full."""
    if len(memo) >= most:
        memo.clear()
    memo[key] = value


# ---------------------------------------------------------------- clause splitting (the one splitter)

_SENTENCE_END = re.compile(r"[.;!?\n]+(?:\s|$)|\n")
#: the one clause splitter: punctuation, a spaced dash, and the words of ``[settings] clause_break_words``
_PUNCT_BREAK = r"[.;:!?,()\n]+|\s[-\u2013\u2014]+\s"
_CLAUSE_BREAK = re.compile(_PUNCT_BREAK)


def clause_splitter(words: Iterable[str]) -> re.Pattern:
    """The clause splitter: punctuation and a spaced dash, plus the given words ("but", "however")."""
    alternatives = [_PUNCT_BREAK] + [rf"\b{re.escape(w)}\b" for w in sorted(words, key=len, reverse=True) if w]
    return re.compile("|".join(alternatives), re.I)
_LEAD_END = re.compile(r"[.:;]\s|\s[-\u2013\u2014]\s|[.:;]$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_NON_WORD = re.compile(r"[^a-z0-9+]+")


def sentences(text: str) -> list[str]:
    """The text's sentences (split at full stops, semicolons, line ends)."""
    return [s for s in _SENTENCE_END.split(text) if s and s.strip()]


def clause_before(sentence: str, start: int, splitter: re.Pattern = _CLAUSE_BREAK) -> str:
    """The clause of ``sentence`` that ends at ``start`` (after the last comma, dash, colon, "but")."""
    before = sentence[:start]
    breaks = list(splitter.finditer(before))
    return before[breaks[-1].end():] if breaks else before


def clause_after(sentence: str, end: int, splitter: re.Pattern = _CLAUSE_BREAK) -> str:
    after = sentence[end:]
    cut = splitter.search(after)
    return after[:cut.start()] if cut else after


def lead_clause(text: str) -> str:
    """The entry's first clause: what the entry is ("ED letter received", "CIN visit")."""
    text = text.strip()
    m = _LEAD_END.search(text)
    return text[:m.start()] if m else text


BREAK = "|"


def raw_tokens(text: str, breaks: bool = False, splitter: re.Pattern = _CLAUSE_BREAK) -> list[str]:
    """Lower-case word tokens; with ``breaks`` a clause break is kept as the token ``|``."""
    text = text.lower().replace("&", " and ").replace("\u2019", "'").replace("'s ", " s ")
    if not breaks:
        return [t for t in _NON_WORD.split(text) if t]
    out: list[str] = []
    for k, part in enumerate(splitter.split(text)):
        if k:
            out.append(BREAK)
        out.extend(t for t in _NON_WORD.split(part) if t)
    return out


def plain_words(text: str) -> list[str]:
    return [t for t in re.split(r"[^a-z0-9]+", text.lower()) if t]


# ---------------------------------------------------------------- pattern compilation

def phrase_pattern(phrase: str) -> str:
    """A phrase as a case-insensitive, whole-word regex; a space matches any separator."""
    parts = [re.escape(p) for p in phrase.split()]
    body = r"[\s\-–/]+".join(parts)
    return rf"(?<![\w&]){body}(?![\w&])"


def abbreviation_pattern(abbr: str) -> str:
    return rf"(?-i:(?<![A-Za-z0-9&]){re.escape(abbr)}(?![A-Za-z0-9&]))"


def compile_any(patterns: Iterable[str], where: str = "lexicon") -> re.Pattern | None:
    patterns = [p for p in patterns if p]
    if not patterns:
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)
    except re.error:
        pass
    # only when the whole fails: find the pattern to name (compiling each costs as much again)
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise ConfigError(f"[{where}]: the pattern {p!r} is not a valid regular expression ({exc}). "
                              "Fix it in chrono.toml.") from None
    raise ConfigError(f"[{where}]: the patterns do not combine into one regular expression "
                      "(an unbalanced group?). Fix them in chrono.toml.")


def _cue_pattern(cues: Iterable[str]) -> re.Pattern | None:
    cues = [c for c in cues if c]
    if not cues:
        return None
    return re.compile(r"(?<![\w/])(?:" + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
                      + r")(?![\w/])", re.I)


# ---------------------------------------------------------------- concepts (detect's categories)

@dataclass
class Concept:
    """One concept of ``[categories.<name>]``: its phrasings and how a hit is judged."""

    name: str
    strong: re.Pattern | None
    weak: re.Pattern | None
    context: re.Pattern | None
    exclude: re.Pattern | None
    mask: re.Pattern | None = None
    use_outcome: bool = False
    #: agency -> pattern that counts only in that agency's own accounts
    by_agency: dict[str, re.Pattern] = field(default_factory=dict)
    #: agency -> column-heading pattern: that agency's own row with a value under such a heading is one
    by_agency_headers: dict[str, re.Pattern] = field(default_factory=dict)
    #: an occurrence concept: mentions and plans do not count
    occurrence: bool = False
    #: an account whose first sentence matches is about something else (a meeting)
    exclude_account: re.Pattern | None = None
    #: an agency's own administrative note (a liaison notification, a records check) is no occurrence
    #: by the agency-only patterns or headings, unless it also describes one
    agency_admin: re.Pattern | None = None
    agency_presentation: re.Pattern | None = None
    #: queries ("mum queried ...") count as mentions, not occurrences
    queries_negate: bool = False


OCCURRED = "occurred"
REPORTED = "reported"
MENTIONED = "mentioned"
NEGATED = "negated"
PLANNED = "planned"
#: the modes that count as the thing having happened
COUNTS = frozenset({OCCURRED, REPORTED})


@dataclass
class Vocabulary:
    """Everything the annotate stage matches, compiled."""

    key: str
    concepts: list[Concept]
    negation: re.Pattern | None
    hypothetical: re.Pattern | None
    mention: re.Pattern | None
    closing: re.Pattern
    window: int
    spelling: frozenset[str]
    ratio_long: float
    ratio_short: float
    min_length: int
    not_typos: frozenset[str] = frozenset()
    query: re.Pattern | None = None
    mention_before: re.Pattern | None = None
    reported_before: re.Pattern | None = None
    planned_before: re.Pattern | None = None
    mention_after: re.Pattern | None = None
    planned_after: re.Pattern | None = None
    dates: DateWords = field(default_factory=DateWords)
    #: the one clause splitter (negation reaches no further than its clause)
    clauses: re.Pattern = _CLAUSE_BREAK
    #: ``[cues.<name>]``: named patterns the rules ask about (a follow-up, a non-mobile baby ...)
    cues: dict[str, re.Pattern] = field(default_factory=dict)
    #: ``[agencies_read_in_full]``: agencies whose every cell is read as description
    full_row_agencies: tuple[str, ...] = ()
    seen_not_alone: re.Pattern | None = None
    seen_alone: re.Pattern | None = None
    seen_with: re.Pattern | None = None
    folding: "Folding" = None  # type: ignore[assignment]
    notices: "NoticeWords" = None  # type: ignore[assignment]
    sites: "SiteWords" = None  # type: ignore[assignment]
    #: concept -> the words a person reads for it (its ``label``)
    labels: dict[str, str] = field(default_factory=dict)
    #: ``[people]``: role -> how it is written
    people: dict[str, re.Pattern] = field(default_factory=dict)
    #: skips the searches of the concept, cue and people patterns a text's literals rule out
    gate: LiteralGate = field(default_factory=LiteralGate)
    _cache: dict[str, str] = field(default_factory=dict)
    #: text -> its spelling corrected; (id of a concept, first, sentence) -> (the concept, its hits):
    #: sentences recur across rows and resubmissions
    _corrected: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _sentence_hits: dict[tuple, tuple] = field(default_factory=dict, init=False, repr=False, compare=False)
    _concept_ids: tuple[dict[int, str], frozenset[str]] | None = field(default=None, init=False, repr=False,
                                                                        compare=False)
    _heading_agencies: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)

    def concept(self, name: str) -> Concept | None:
        return next((c for c in self.concepts if c.name == name), None)

    def alone(self, text: str) -> bool | None:
        """Seen alone (True), with someone (False), or not said (None)."""
        if not text:
            return None
        if self.seen_not_alone is not None and self.seen_not_alone.search(text):
            return False
        if self.seen_alone is not None and self.seen_alone.search(text):
            return True
        if self.seen_with is not None and self.seen_with.search(text):
            return False
        return None

    def present(self, text: str) -> str:
        """Who else was there, as written ("seen with mum" -> "mum")."""
        m = self.seen_with.search(text) if self.seen_with is not None and text else None
        return m.group(1).strip(" .;,") if m else ""

    def cue(self, name: str, text: str) -> bool:
        pattern = self.cues.get(name)
        return bool(pattern is not None and text and self.gate.search(pattern, text))

    # -- spelling -------------------------------------------------------

    def correct(self, text: str) -> str:
        """Replace misspelt words by the vocabulary word they are closest to.

        Remembered per text: a word's correction is fixed when it is first met, so a
        text corrects the same way every time."""
        got = self._corrected.get(text)
        if got is None:
            got = _WORD.sub(lambda m: self._correct_word(m.group(0)), text)
            remember(self._corrected, text, got)
        return got

    def _correct_word(self, word: str) -> str:
        low = word.lower()
        if len(low) < self.min_length or low in self.spelling or low in self.not_typos:
            return word
        if low in self._cache:  # the correction, or "" for none: never another row's capitals
            return self._cache[low] or word
        limit = self.ratio_long if len(low) >= 6 else self.ratio_short
        fixed = ""
        for candidate, _score, _ in process.extract(low, self.spelling, scorer=fuzz.ratio,
                                                    score_cutoff=limit, limit=3):
            if _typo_of(low, candidate):
                fixed = candidate
                break
        self._cache[low] = fixed
        return fixed or word

    # -- how a hit stands -------------------------------------------------

    def negated(self, sentence: str, start: int, end: int, queries: bool = False) -> str | None:
        """``negated``/``planned``/``mentioned`` when a cue in the hit's clause undoes it, else None.

        A negation cue within ``window`` words before it in the same clause, or a
        closing cue after it ("none", "nil"); a hypothetical cue ("if", "advised");
        with ``queries``, a query cue ("queried", "asked whether") before it.
        """
        clause = clause_before(sentence, start, self.clauses)
        tail = " ".join(clause.split()[-self.window:])
        if tail:
            if self.negation is not None and self.negation.search(tail):
                return NEGATED
            if self.hypothetical is not None and self.hypothetical.search(tail):
                return PLANNED
            if self.mention is not None and self.mention.search(tail):
                return MENTIONED
        if queries and self.query is not None and self.query.search(" ".join(clause.split()[-12:])):
            return MENTIONED
        if self.closing.match(sentence[end:end + 40]):
            return NEGATED
        return None

    def mentioned(self, sentence: str, start: int, end: int) -> str | None:
        """``reported``-speech, retrospective or planned wording around the hit: a mention, not the event.

        "told the SW about ..." (someone telling of it), "following last week's ..." (a
        reference back), "... to be arranged", "will ..." (a plan), "... discussed".
        """
        before = clause_before(sentence, start, self.clauses)
        for pattern, mode in ((self.reported_before, MENTIONED), (self.mention_before, MENTIONED),
                              (self.planned_before, PLANNED)):
            if pattern is not None and pattern.search(before):
                return mode
        after = clause_after(sentence, end, self.clauses)
        for pattern, mode in ((self.planned_after, PLANNED), (self.mention_after, MENTIONED)):
            if pattern is not None and pattern.search(after):
                return mode
        return None

    def hit_modes(self, c: Concept, sentence: str, agency_pattern: re.Pattern | None = None,
                  first: bool = True) -> list[tuple[str, int, int]]:
        """(mode, start, end) of the concept's phrasings in ``sentence``.

        With ``first``, stops at the first hit that counts (the usual question).
        Remembered per concept and sentence when no agency pattern is asked about.
        """
        if agency_pattern is None:
            key = (id(c), first, sentence)
            got = self._sentence_hits.get(key)
            if got is None or got[0] is not c:
                got = (c, tuple(self._hit_modes(c, sentence, None, first)))
                remember(self._sentence_hits, key, got)
            return list(got[1])
        return self._hit_modes(c, sentence, agency_pattern, first)

    def _hit_modes(self, c: Concept, sentence: str, agency_pattern: re.Pattern | None,
                   first: bool) -> list[tuple[str, int, int]]:
        gate = self.gate
        if not (gate.search(c.strong, sentence) or gate.search(c.weak, sentence)
                or gate.search(agency_pattern, sentence)):
            return []  # most sentences name no phrasing of this concept: nothing more to ask
        if c.exclude is not None and c.exclude.search(sentence):
            return []
        masked = [m.span() for m in c.mask.finditer(sentence)] if c.mask is not None else []
        out = []
        for pattern, needs_context in ((c.strong, False), (c.weak, True), (agency_pattern, False)):
            if pattern is None:
                continue
            if needs_context and (c.context is None or not c.context.search(sentence)):
                continue
            for start, end in gate.spans(pattern, sentence):
                if end <= start or any(a < end and start < b for a, b in masked):
                    continue
                mode = self.negated(sentence, start, end, c.queries_negate)
                if mode is None and c.occurrence:
                    mode = self.mentioned(sentence, start, end)
                out.append((mode or OCCURRED, start, end))
                if first and mode is None:
                    return out
        return out

    def concepts_possible(self, sentence: str) -> frozenset[str]:
        """The concepts whose own phrasings (strong or weak) the sentence's literals leave possible:
        no other concept has a hit in it, whatever the agency."""
        slots = self.gate.possible(sentence)
        named, always = self._concept_slots()
        return frozenset(named[i] for i in slots.intersection(named)) | always

    def _concept_slots(self) -> tuple[dict[int, str], frozenset[str]]:
        """The gate's slot of each concept's strong and weak pattern -> the concept, and the
        concepts with a pattern the gate searches whole (built once)."""
        if self._concept_ids is None:
            named, always = {}, set()
            for c in self.concepts:
                for p in (c.strong, c.weak):
                    if p is not None:
                        slot = self.gate.slot(p)
                        if slot is None:
                            always.add(c.name)
                        else:
                            named[slot] = c.name
            self._concept_ids = (named, frozenset(always))
        return self._concept_ids

    def heading_agencies(self) -> frozenset[str]:
        """The agencies whose column headings some concept reads (``by_agency_headers``)."""
        if self._heading_agencies is None:
            self._heading_agencies = frozenset(a for c in self.concepts for a in c.by_agency_headers)
        return self._heading_agencies

    def hits(self, c: Concept, sentence: str, agency_pattern: re.Pattern | None = None) -> bool:
        return any(mode == OCCURRED for mode, _, _ in self.hit_modes(c, sentence, agency_pattern))

    def administrative(self, c: Concept, texts: Iterable[str]) -> bool:
        """One of an agency's own texts opens as an administrative note (a liaison notification,
        a records check, a letter sent) and none describes the occurrence itself."""
        if c.agency_admin is None:
            return False
        texts = [self.correct(str(t)) for t in texts if t and str(t).strip()]
        if not any((first := sentences(t)) and c.agency_admin.search(first[0]) for t in texts):
            return False
        if c.agency_presentation is None:
            return True
        for t in texts:
            for s in sentences(t):
                for m in c.agency_presentation.finditer(s):
                    if self.negated(s, m.start(), m.end(), c.queries_negate) is None:
                        return False
        return True


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


# ---------------------------------------------------------------- folding (merge's phrasings)

@dataclass
class Folding:
    """Abbreviations and the phrasings two agencies' accounts of one event share (``abbreviations.toml``)."""

    expand: dict[tuple[str, ...], list[str]]
    max_phrase: int
    concepts: list[tuple[str, tuple[str, ...]]]
    prospective: frozenset[str]
    prospective_pairs: frozenset[tuple[str, ...]]
    stopwords: frozenset[str]
    #: the negation cues of ``[settings]`` as token tuples ("no", "ruled out")
    negation: tuple[tuple[str, ...], ...] = ()
    negation_exempt: frozenset[str] = frozenset()
    negation_window: int = 2
    meetings: frozenset[str] = frozenset()
    #: agency (lower case) -> concepts every entry of that agency is (an ED's rows are attendances)
    agency_concepts: dict[str, frozenset[str]] = field(default_factory=dict)
    #: concepts whose later first-hand account names the day it happened
    later_concepts: frozenset[str] = frozenset()
    clauses: re.Pattern = _CLAUSE_BREAK

    @classmethod
    def from_section(cls, sec: dict, categories: dict, clauses: re.Pattern = _CLAUSE_BREAK,
                     negation_cues: Iterable[str] = ()) -> "Folding":
        """``sec`` is ``abbreviations.toml``; ``categories`` the concepts of ``lexicon.toml`` (their ``fold``)."""
        expand: dict[tuple[str, ...], list[str]] = {}
        for key, value in sec.get("expand", {}).items():
            expand[tuple(raw_tokens(key))] = raw_tokens(value)
        concepts = []
        for name, spec in sorted(categories.items()):
            for phrase in spec.get("fold", []):
                concepts.append((name, tuple(raw_tokens(phrase))))
        pro = sec.get("prospective", {})
        return cls(
            expand=expand,
            max_phrase=max((len(k) for k in expand), default=1),
            concepts=concepts,
            prospective=frozenset(pro.get("before", [])),
            prospective_pairs=frozenset(tuple(raw_tokens(p)) for p in pro.get("before_pairs", [])),
            stopwords=frozenset(sec.get("stopwords", {}).get("words", [])),
            negation=tuple(t for t in (tuple(raw_tokens(c)) for c in negation_cues) if t),
            negation_exempt=frozenset(sec.get("negation", {}).get("exempt", [])),
            negation_window=int(sec.get("negation", {}).get("window", 2)),
            meetings=frozenset(sec.get("meetings", {}).get("concepts", [])),
            agency_concepts={k.lower(): frozenset(v) for k, v in sec.get("agency_concepts", {}).items()},
            later_concepts=frozenset(sec.get("references", {}).get("later_account_concepts", [])),
            clauses=clauses,
        )

    def tokens(self, text: str, breaks: bool = False) -> list[str]:
        """Lower-cased words with abbreviations expanded (longest phrase first)."""
        raw = raw_tokens(text, breaks, self.clauses)
        starts = self._starts()
        out: list[str] = []
        i = 0
        while i < len(raw):
            if raw[i] not in starts:  # no abbreviation opens with this word
                out.append(raw[i])
                i += 1
                continue
            for n in range(min(self.max_phrase, len(raw) - i), 0, -1):
                repl = self.expand.get(tuple(raw[i:i + n]))
                if repl is not None:
                    out.extend(repl)
                    i += n
                    break
            else:
                out.append(raw[i])
                i += 1
        return out

    def _starts(self) -> frozenset[str]:
        """The first words of the abbreviations ``expand`` knows (built once)."""
        if getattr(self, "_starts_of", None) is None or self._starts_of[0] is not self.expand:
            self._starts_of = (self.expand, frozenset(k[0] for k in self.expand if k))
        return self._starts_of[1]

    def concept_modes(self, tokens: list[str]) -> dict[str, str]:
        """Each concept the tokens name, with its mode: ``occurred`` if any phrasing of it
        stands as an event, else ``planned`` or ``negated``."""
        text = " " + " ".join(tokens) + " "
        found: dict[str, str] = {}
        index = self._by_first_token()
        candidates = sorted({k for t in set(tokens) for k in index.get(t, ())})
        for k in candidates:  # only the phrasings whose first word is in the text, in vocabulary order
            name, needle = self._needles[k]
            if found.get(name) == OCCURRED:
                continue
            at = text.find(needle)
            while at >= 0:
                start = text.count(" ", 0, at)
                if self._prospective(tokens, start):
                    found.setdefault(name, PLANNED)
                elif self._negated(name, tokens, start):
                    found.setdefault(name, NEGATED)
                else:
                    found[name] = OCCURRED
                    break
                at = text.find(needle, at + 1)
        return found

    def _by_first_token(self) -> dict[str, tuple[int, ...]]:
        """First word of each fold phrasing -> the phrasings' positions (built once)."""
        if getattr(self, "_index", None) is None:
            index: dict[str, list[int]] = {}
            self._needles = [(name, " " + " ".join(phrase) + " ") for name, phrase in self.concepts]
            for k, (_name, phrase) in enumerate(self.concepts):
                if phrase:
                    index.setdefault(phrase[0], []).append(k)
            self._index = {t: tuple(v) for t, v in index.items()}
        return self._index

    def find_concepts(self, tokens: list[str]) -> frozenset[str]:
        """The concepts the text names as having happened (not planned, not denied)."""
        return frozenset(n for n, mode in self.concept_modes(tokens).items() if mode == OCCURRED)

    def _negated(self, name: str, tokens: list[str], start: int) -> bool:
        if name in self.negation_exempt or not self.negation:
            return False
        before = tokens[max(0, start - self.negation_window):start]
        if BREAK in before:
            before = before[len(before) - before[::-1].index(BREAK):]
        return any(tuple(before[k:k + len(cue)]) == cue for cue in self.negation for k in range(len(before)))

    def _prospective(self, tokens: list[str], start: int) -> bool:
        before = tokens[max(0, start - 2):start]
        if any(t in self.prospective for t in before):
            return True
        return len(before) == 2 and tuple(before) in self.prospective_pairs


# ---------------------------------------------------------------- notices (news of an event elsewhere)

@dataclass(frozen=True)
class NoticeWords:
    """Phrases of ``[references]``: what makes an entry news of an event recorded elsewhere."""

    markers: tuple[str, ...] = ()
    own_event: tuple[str, ...] = ()
    #: a worker's own contact with the family ("CIN visit", "Home visit", "Core group")
    visit_event: tuple[str, ...] = ()
    lookback_days: int = 60

    @classmethod
    def from_section(cls, sec: dict) -> "NoticeWords":
        def words(key: str) -> tuple[str, ...]:
            return tuple(" ".join(plain_words(p)) for p in sec.get(key, []) if plain_words(p))
        return cls(markers=words("report_markers"), own_event=words("own_event"),
                   visit_event=words("visit_event"), lookback_days=int(sec.get("lookback_days", 60)))


def first_at(text: str, phrases: tuple[str, ...]) -> int:
    """Position of the earliest whole-word phrase in ``text`` (words joined by single spaces), else -1."""
    best = -1
    padded = f" {text} "
    for p in phrases:
        at = padded.find(f" {p} ")
        if at >= 0 and (best < 0 or at < best):
            best = at
    return best


def is_notice(text: str, words: NoticeWords) -> bool:
    """The entry reports news of an event (a letter, a notification) before naming any event of its own."""
    lead = " ".join(plain_words(lead_clause(text)))
    marker = first_at(lead, words.markers)
    if marker < 0:
        return False
    own = first_at(lead, words.own_event)
    return own < 0 or marker < own


def names_visit(text: str, words: NoticeWords) -> bool:
    """The entry's first clause is a worker's visit or meeting with the family ("CIN visit. Mum said ...")."""
    return first_at(" ".join(plain_words(lead_clause(text))), words.visit_event) >= 0


def names_own_event(text: str, words: NoticeWords) -> bool:
    """The entry's first clause names an event of its own kind ("CIN visit", "Re-attended")."""
    return first_at(" ".join(plain_words(lead_clause(text))), words.own_event) >= 0


# ---------------------------------------------------------------- places named

@dataclass
class SiteWords:
    """``[sites]``: how a hospital or urgent care site is named, and the words no site name is."""

    patterns: list[re.Pattern] = field(default_factory=list)
    looks_like_site: re.Pattern | None = None
    negation: re.Pattern | None = None
    generic: frozenset[str] = frozenset()
    kinds: dict[str, str] = field(default_factory=dict)
    columns_read_as_site: tuple[str, ...] = ()
    #: words that open a capitalised run before a site's name but are no part of it ("Letter Halsey UTC")
    not_leading: frozenset[str] = frozenset()

    @classmethod
    def from_section(cls, sec: dict, negation_cues: list[str]) -> "SiteWords":
        suffix = "(?:" + "|".join(sec.get("suffixes", [])) + ")"
        name = sec.get("name", r"(?:St\.?\s)?[A-Z][\w'’]+(?:\s(?:[A-Z][\w'’]+|of))*")
        patterns = []
        for p in sec.get("patterns", []):
            try:
                patterns.append(re.compile(p.replace("{name}", name).replace("{suffix}", suffix)))
            except re.error as exc:
                raise ConfigError(f"[lexicon.sites]: the pattern {p!r} is not a valid regular expression ({exc}). "
                                  "Fix it in chrono.toml.") from None
        looks = sec.get("looks_like_site", [])
        return cls(
            patterns=patterns,
            looks_like_site=re.compile("|".join([rf"\b{suffix}\b"] + looks)) if looks or sec.get("suffixes") else None,
            negation=_cue_pattern(negation_cues + list(sec.get("negation_cues", []))),
            generic=frozenset(sec.get("generic_words", [])),
            kinds=dict(sec.get("kinds", {})),
            columns_read_as_site=tuple(sec.get("columns_read_as_site", ["site", "hospital"])),
            not_leading=frozenset(w.lower() for w in sec.get("not_leading_words", [])),
        )


# ---------------------------------------------------------------- building and caching

def build_vocabulary(cfg: Any) -> Vocabulary:
    """Compile the ``lexicon`` and ``abbreviations`` sections of a configuration."""
    section = cfg.section("lexicon")
    settings = section.get("settings", {})
    concepts = []
    spelling: set[str] = {w.lower() for w in settings.get("vocabulary", [])}
    gate = LiteralGate()

    def gated(phrasings: list[str], where: str) -> Alternation | re.Pattern | None:
        """The phrasings' alternation, registered with the literal gate; compiled now only when the
        gate cannot search it phrasing by phrasing (so a broken pattern is named at once)."""
        alternation = Alternation(phrasings, where, compile_any)
        if not alternation.phrasings:
            return None
        return alternation if gate.add(alternation) else compile_any(phrasings, where)

    for name, spec in section.get("categories", {}).items():
        strong = [phrase_pattern(p) for p in spec.get("phrases", [])]
        strong += [abbreviation_pattern(a) for a in spec.get("abbreviations", [])]
        strong += list(spec.get("regexes", []))
        weak = [phrase_pattern(p) for p in spec.get("weak_phrases", [])]
        weak += list(spec.get("weak_regexes", []))
        for phrase in spec.get("phrases", []) + spec.get("weak_phrases", []):
            spelling.update(w.lower() for w in _WORD.findall(phrase) if len(w) >= 5)
        where = f"lexicon.categories.{name}"
        by_agency = {agency: gated(list(pats), where) for agency, pats in spec.get("by_agency", {}).items()}
        concepts.append(Concept(
            name=name,
            strong=gated(strong, where),
            weak=gated(weak, where),
            context=compile_any(spec.get("require_context", []), where),
            exclude=compile_any(spec.get("exclude", []), where),
            mask=compile_any(spec.get("mask", []), where),
            by_agency={agency: pattern for agency, pattern in by_agency.items() if pattern is not None},
            use_outcome=bool(spec.get("use_outcome", False)),
            by_agency_headers={agency: pattern for agency, pats in spec.get("by_agency_headers", {}).items()
                               if (pattern := compile_any(pats, where)) is not None},
            occurrence=bool(spec.get("occurrence", False)),
            exclude_account=gated(list(spec.get("exclude_account", [])), where),
            agency_admin=compile_any([rf"^\W*(?:[\w/&'’]+\W+){{0,3}}?(?:{p})" for p in spec.get("agency_admin", [])], where),
            agency_presentation=compile_any(spec.get("agency_presentation", []), where),
            queries_negate=bool(spec.get("queries_negate", False)),
        ))
    closing = re.compile(r"^\W*(?:\w+\W+){0,2}?(?:" + "|".join(re.escape(c) for c in settings.get("closing_cues", ["none", "nil"])) + r")\b", re.I)

    def before(key: str) -> re.Pattern | None:
        return compile_any([rf"(?:{p})\W*$" for p in settings.get(key, [])], f"lexicon.settings.{key}")

    def after(key: str) -> re.Pattern | None:
        return compile_any([rf"^\W*(?:{p})" for p in settings.get(key, [])], f"lexicon.settings.{key}")

    cues = {name: gated(list(pats), f"lexicon.cues.{name}") for name, pats in section.get("cues", {}).items()}
    abbreviations = cfg.section("abbreviations")
    clauses = clause_splitter(settings.get("clause_break_words", []))
    return Vocabulary(
        key=vocabulary_key(cfg),
        concepts=concepts,
        negation=_cue_pattern(settings.get("negation_cues", ["no", "not", "denied"])),
        hypothetical=_cue_pattern(settings.get("hypothetical_cues", [])),
        mention=_cue_pattern(settings.get("mention_cues", [])),
        closing=closing,
        window=int(settings.get("negation_window", 5)),
        spelling=frozenset(spelling),
        ratio_long=float(settings.get("fuzzy_ratio_long", 83)),
        ratio_short=float(settings.get("fuzzy_ratio_short", 88)),
        min_length=int(settings.get("fuzzy_min_length", 5)),
        not_typos=frozenset(w.lower() for w in settings.get("not_typos", [])),
        query=_cue_pattern(settings.get("query_cues", [])),
        mention_before=before("mention_before"),
        reported_before=before("reported_before"),
        planned_before=before("planned_before"),
        mention_after=after("mention_after"),
        planned_after=after("planned_after"),
        dates=compile_date_words(section.get("dates", {})),
        cues={k: v for k, v in cues.items() if v is not None},
        full_row_agencies=tuple(section.get("read_in_full", {}).get("agencies", [])),
        seen_not_alone=compile_any(section.get("seen", {}).get("not_alone", []), "lexicon.seen"),
        seen_alone=compile_any(section.get("seen", {}).get("alone", []), "lexicon.seen"),
        seen_with=compile_any([w] if (w := section.get("seen", {}).get("with_whom")) else [], "lexicon.seen"),
        clauses=clauses,
        labels={name: spec.get("label", name) for name, spec in section.get("categories", {}).items()},
        people={role: p for role, words in section.get("people", {}).items()
                if (p := gated([phrase_pattern(w) for w in words], f"lexicon.people.{role}")) is not None},
        folding=Folding.from_section(abbreviations, section.get("categories", {}), clauses,
                                     settings.get("negation_cues", [])),
        notices=NoticeWords.from_section(abbreviations.get("references", {})),
        sites=SiteWords.from_section(section.get("sites", {}), list(settings.get("negation_cues", []))
                                     + list(settings.get("hypothetical_cues", []))),
        gate=gate,
    )


def vocabulary_key(cfg: Any) -> str:
    """A digest of the configuration's vocabulary: equal content, equal key."""
    blob = json.dumps([cfg.section("lexicon"), cfg.section("abbreviations")], sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


_BY_CONTENT: dict[str, Vocabulary] = {}
_BY_SECTION: dict[int, tuple[dict, dict, Vocabulary]] = {}


def vocabulary_for(cfg: Any) -> Vocabulary:
    """The compiled vocabulary for this configuration: compiled once per distinct content."""
    lex, abbr = cfg.section("lexicon"), cfg.section("abbreviations")
    known = _BY_SECTION.get(id(lex))
    if known is not None and known[0] is lex and known[1] is abbr:
        return known[2]
    key = vocabulary_key(cfg)
    vocab = _BY_CONTENT.get(key)
    if vocab is None:
        vocab = _BY_CONTENT[key] = build_vocabulary(cfg)
        if len(_BY_CONTENT) > 8:
            _BY_CONTENT.pop(next(iter(_BY_CONTENT)))
    if len(_BY_SECTION) > 64:
        _BY_SECTION.clear()
    _BY_SECTION[id(lex)] = (lex, abbr, vocab)
    return vocab
