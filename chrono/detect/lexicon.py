"""Tag events with categories from the lexicon (``chrono/data/lexicon.toml``).

The categories are the core incidents of the procedures (000:1159-1190) and
the risk factors (000:144-156); the rules in :mod:`chrono.detect.rules` count
them. Matching is deliberately explainable: phrases, whole-word abbreviations
and regular expressions, with negation ("no injuries noted"), hypothetical
wording ("advised to attend A&E if ...") and exclusions handled per sentence,
and misspelt words corrected towards the lexicon's own vocabulary first.
"""

from __future__ import annotations

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
        ))
    cues = settings.get("negation_cues", ["no", "not", "denied"])
    negation = re.compile(r"(?<![\w/])(?:" + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)) + r")(?![\w/])", re.I)
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


def _negated(lex: Lexicon, sentence: str, start: int, end: int) -> bool:
    """A negation cue in the same clause within ``window`` words before, or a closing cue after."""
    before = sentence[:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end():] if breaks else before
    words = clause.split()[-lex.window:]
    if words and lex.negation.search(" ".join(words)):
        return True
    after = sentence[end:end + 40]
    return bool(lex.closing.match(after))


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
            if not _negated(lex, sentence, m.start(), m.end()):
                return True
    return False


def categories_for_texts(texts: Iterable[str], outcome_texts: Iterable[str], lex: Lexicon,
                         agency_texts: Iterable[tuple[str, str]] = ()) -> list[str]:
    """The categories (in lexicon order) that any of the texts supports.

    ``agency_texts`` are (agency, text) pairs, for patterns that only count in
    one agency's own accounts (an Emergency Department's "attended with ...").
    """
    main = [s for t in dict.fromkeys(texts) if t for s in _sentences(lex.correct(t))]
    outcome = [s for t in dict.fromkeys(outcome_texts) if t for s in _sentences(lex.correct(t))]
    by_agency = [(a, s) for a, t in dict.fromkeys(agency_texts) if t for s in _sentences(lex.correct(t))]
    found = []
    for cat in lex.categories:
        pool = main + outcome if cat.use_outcome else main
        if any(_hits(lex, cat, s) for s in pool) or any(
                _hits(lex, cat, s, cat.by_agency[a]) for a, s in by_agency if a in cat.by_agency):
            found.append(cat.name)
    return found


def event_texts(event: Event) -> tuple[list[str], list[str]]:
    """The descriptive texts of an event (event and comments of every account) and its outcomes."""
    texts = [event.event, event.comments]
    outcomes = [event.outcome]
    for row in event.sources:
        texts += [row.event, row.comments]
        outcomes.append(row.outcome)
    return [t for t in texts if t], [t for t in outcomes if t]


def tag_events(events: list[Event], cfg: Any) -> list[Event]:
    """Set ``categories`` on every event from the lexicon; returns the same list."""
    lex = lexicon_for(cfg)
    for event in events:
        texts, outcomes = event_texts(event)
        own = [(r.agency, r.event) for r in event.sources if r.event]
        event.categories = categories_for_texts(texts, outcomes, lex, own)
    return events
