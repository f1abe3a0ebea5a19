"""A literal gate before the vocabulary's regular expressions: skip the searches that cannot match.

Each vocabulary pattern is an alternation of many phrasings (``compile_any``);
searching a sentence for it tries every phrasing at every position, and most
sentences name none of them. Every phrasing has literal text any match of it
must contain ("self" in ``self[- ]harm``; one of "attend", "present",
"brought" ... in ``(?:re-?)?(?:attend\\w*|present\\w*|brought)``), read from
the pattern's own parse tree. :class:`LiteralGate` finds, once per text, which
of those literals it contains and so which phrasings could match, and searches
only those: ``gate.search(pattern, text)`` is always ``bool(pattern.search(text))``.

A phrasing whose literal cannot be derived (it opens with a character class,
an optional part, a back-reference ...) is always searched. Literals are
compared in lower case (a superset of case-insensitive and ``(?-i:...)``
matching); the few non-ASCII characters the regular expression engine folds
to ASCII letters (Kelvin sign, dotless i, long s) are folded the same way,
asking the engine itself which letter each matches.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from typing import Iterable, Mapping, TypeVar

try:  # the engine's own parser: the gate reads what the patterns require from it
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - another Python: every pattern stays ungated
    _sre = _sre_parse = None

#: most distinct strings one required-literal set may hold (a product of small classes grows fast)
_MOST_STRINGS = 64
#: besides the literal a phrasing is indexed by, at most this many more it requires are checked
_MOST_CHECKS = 4
#: a text's literals are looked up by their first three characters
_GRAM = 3
#: with more candidate phrasings than this, one search of the whole alternation (once compiled) is cheaper
_MOST_PHRASING_SEARCHES = 8
K = TypeVar("K")
#: distinct texts whose candidates are kept (sentences recur across rows and across concepts)
_CACHE_TEXTS = 8192
#: (pattern, text) answers kept
_CACHE_ANSWERS = 50_000


# ---------------------------------------------------------------- what a pattern requires

def required_literals(source: str, flags: int = re.IGNORECASE) -> frozenset[str] | None:
    """Lower-case ASCII strings of which every match of ``source`` contains at least one, or
    None when the parse tree gives none (the pattern must always be searched)."""
    tree = _parse(source, flags)
    if tree is None:
        return None
    try:
        found = _most_selective(_requirements(tree))
    except RecursionError:
        return None
    return frozenset(found) if found else None


def _parse(source: str, flags: int):
    """The engine's parse tree of ``source`` (a ``SubPattern``), or None when it does not parse."""
    if _sre_parse is None:
        return None
    try:
        return _sre_parse.parse(source, flags)
    except (re.error, RecursionError, TypeError, ValueError, OverflowError):
        return None


def _items(sub) -> list:
    """A parse tree's items as a plain list (indexing a ``SubPattern`` is slow)."""
    return getattr(sub, "data", sub)


def _nested(op, av) -> list:
    if op is _sre.SUBPATTERN:
        return [av[3]]
    if op in (_sre.ASSERT, _sre.ASSERT_NOT):
        return [av[1]]
    if op is _sre.ATOMIC_GROUP:
        return [av]
    if op is _sre.BRANCH:
        return list(av[1])
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        return [av[2]]
    if op is _sre.GROUPREF_EXISTS:
        return [b for b in av[1:] if b is not None]
    return []


def _searchable_alone(tree) -> bool:
    """A phrasing the gate may search on its own, exactly as inside the alternation: it refers
    back to no group and names none (the alternation would number and name its groups
    together), and every look-behind is of fixed width (else only compiling tells)."""
    if tree.state.groupdict:
        return False

    containers = {_sre.SUBPATTERN, _sre.ASSERT, _sre.ASSERT_NOT, _sre.ATOMIC_GROUP, _sre.BRANCH,
                  _sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT}

    def fine(items) -> bool:
        for op, av in _items(items):
            if op not in containers:
                if op is _sre.GROUPREF or op is _sre.GROUPREF_EXISTS:
                    return False
                continue
            if (op is _sre.ASSERT or op is _sre.ASSERT_NOT) and av[0] < 0:
                low, high = av[1].getwidth()
                if low != high:
                    return False
            if not all(fine(n) for n in _nested(op, av)):
                return False
        return True

    try:
        return fine(tree)
    except RecursionError:
        return False


def _exact_item(op, av) -> set[str] | None:
    """Every string the item can match, when there are few (zero-width items match "")."""
    if op is _sre.LITERAL:
        ch = chr(av)
        return {ch.lower()} if ch.isascii() else None
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return {""}
    if op is _sre.IN:
        chars: set[str] = set()
        for o, a in av:
            if o is _sre.LITERAL and a < 128:
                chars.add(chr(a).lower())
            elif o is _sre.RANGE and a[1] < 128 and a[1] - a[0] < _MOST_STRINGS:
                chars.update(chr(x).lower() for x in range(a[0], a[1] + 1))
            else:  # a category, a negation, non-ASCII
                return None
        return chars if 0 < len(chars) <= _MOST_STRINGS else None
    if op is _sre.SUBPATTERN:
        return _exact(av[3])
    if op is _sre.ATOMIC_GROUP:
        return _exact(av)
    if op is _sre.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            got = _exact(branch)
            if got is None:
                return None
            out |= got
        return out if len(out) <= _MOST_STRINGS else None
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, high, body = av
        if low == high:
            return _exact([(_sre.SUBPATTERN, (None, 0, 0, body))] * low)
    return None


def _exact(items) -> set[str] | None:
    out = {""}
    for op, av in _items(items):
        got = _exact_item(op, av)
        if got is None:
            return None
        out = {a + b for a in out for b in got}
        if len(out) > _MOST_STRINGS:
            return None
    return out


def _requirements(items) -> list[set[str]]:
    """Sets of strings such that every match of the sequence contains a string of each:
    runs of items with few exact strings, and what its required groups require."""
    out: list[set[str]] = []

    def close(run: set[str]) -> None:
        if run and min(map(len, run)) > 1:  # a single letter is in nearly every text: no help
            out.append(run)

    run = {""}
    for op, av in _items(items):
        got = _exact_item(op, av)
        if got is not None:
            longer = {a + b for a in run for b in got}
            if len(longer) <= _MOST_STRINGS:
                run = longer
            else:
                close(run)
                run = got
            continue
        close(run)
        run = {""}
        out += _item_requirements(op, av)
    close(run)
    return out


def _item_requirements(op, av) -> list[set[str]]:
    if op is _sre.SUBPATTERN:
        return _requirements(av[3])
    if op is _sre.ATOMIC_GROUP:
        return _requirements(av)
    if op is _sre.BRANCH:  # one of the branches matches: one of their strings
        union: set[str] = set()
        for branch in av[1]:
            best = _most_selective(_requirements(branch))
            if best is None:
                return []
            union |= best
        return [union]
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _requirements(av[2])
    return []


def _selectivity(strings: set[str]) -> tuple[int, int]:
    """Longer strings, and fewer of them, are rarer in text."""
    return min(map(len, strings)), -len(strings)


def _most_selective(sets: list[set[str]]) -> set[str] | None:
    return max(sets, key=_selectivity, default=None)


# ---------------------------------------------------------------- the text side

_FOLDED: dict[str, str | None] = {}


def _fold_char(ch: str) -> str | None:
    """The ASCII letter the engine matches ``ch`` against case-insensitively, else None."""
    if ch not in _FOLDED:
        letters = [x for x in string.ascii_lowercase if re.fullmatch(x, ch, re.IGNORECASE)]
        _FOLDED[ch] = letters[0] if len(letters) == 1 else None
    return _FOLDED[ch]


def gate_text(text: str) -> str:
    """``text`` as the gate compares it: lower case, with the non-ASCII characters a
    case-insensitive ASCII letter matches written as that letter."""
    if text.isascii():
        return text.lower()
    table = {ord(ch): folded for ch in set(text) if not ch.isascii() and (folded := _fold_char(ch))}
    return text.translate(table).lower()


# ---------------------------------------------------------------- the alternation, compiled when needed

class Alternation:
    """The alternation of a vocabulary list's phrasings, compiled the first time it is searched
    whole (``compile_any``, which names a broken phrasing). The gate mostly searches the
    phrasings one by one, so most of these never compile: compiling them all was most of
    the vocabulary's start-up. Searched like the ``re.Pattern`` it stands for (``search``, ``finditer``)."""

    __slots__ = ("pattern", "flags", "phrasings", "gate_slot", "_where", "_compiled")

    def __init__(self, phrasings: list[str], where: str, compile_any, flags: int = re.IGNORECASE) -> None:
        """``compile_any(phrasings, where)`` compiles it, with ``flags``."""
        self.phrasings = [p for p in phrasings if p]  # as compile_any joins them
        self.pattern = "|".join(f"(?:{p})" for p in self.phrasings)
        self.flags = flags | re.UNICODE  # as a compiled str pattern reports them
        #: its place in the gate that searches it phrasing by phrasing (None: searched whole)
        self.gate_slot: int | None = None
        self._where = (where, compile_any)
        self._compiled: re.Pattern | None = None

    @property
    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            where, compile_any = self._where
            self._compiled = compile_any(self.phrasings, where)
        return self._compiled

    @property
    def ready(self) -> bool:
        return self._compiled is not None

    def search(self, *args):
        return self.compiled.search(*args)

    def finditer(self, *args):
        return self.compiled.finditer(*args)

    def __repr__(self) -> str:
        return f"Alternation({len(self.phrasings)} phrasings)"


# ---------------------------------------------------------------- the gate

@dataclass
class _Gated:
    """One registered alternation, and which of its phrasings are always searched."""

    pattern: Alternation
    always: tuple[int, ...]
    #: some phrasing may match the empty string: its matches are listed by the whole pattern
    empty: bool = False
    compiled: dict[int, re.Pattern] = field(default_factory=dict)


@dataclass
class LiteralGate:
    """Which phrasings of the registered patterns a text could match, found from literals."""

    #: the registered alternations, by ``gate_slot``
    _gated: list[_Gated] = field(default_factory=list)
    _literals: list[str] = field(default_factory=list)
    _literal_ids: dict[str, int] = field(default_factory=dict)
    #: literal -> (slot, phrasing index, the other literals it requires: one of each)
    _postings: list[list[tuple[int, int, tuple]]] = field(default_factory=list)
    _by_gram: dict[str, list[int]] = field(default_factory=dict)
    _short: list[int] = field(default_factory=list)
    #: slots searched whatever a text's literals (a phrasing with no literal)
    _unconditional: set[int] = field(default_factory=set)
    _cache: dict[str, tuple[dict[int, tuple[int, ...]], frozenset[int]]] = field(default_factory=dict)
    _answers: dict[tuple[int, str], bool] = field(default_factory=dict)
    #: work done, for tests and benchmarks: regex searches run (phrasings or whole patterns)
    searches: int = 0
    #: texts whose literals were looked up (the rest came from the cache)

    def add(self, pattern: Alternation) -> bool:
        """Register the alternation to be searched phrasing by phrasing; False (and not
        registered) when some phrasing cannot be searched alone: it does not parse alone,
        refers back to a group or names one, or has a look-behind of varying width."""
        if pattern.gate_slot is not None:
            return self._owns(pattern)
        requirements: list[list[set[str]]] = []
        empty = False
        for phrasing in pattern.phrasings:  # one parse tree at a time: they are many and large
            tree = _parse(f"(?:{phrasing})", pattern.flags)
            if tree is None or not _searchable_alone(tree):
                return False
            try:
                requirements.append(sorted(_requirements(tree), key=_selectivity, reverse=True))
                empty = empty or tree.getwidth()[0] == 0
            except RecursionError:
                requirements.append([])
                empty = True
        if not requirements:
            return False
        slot = pattern.gate_slot = len(self._gated)
        gated = _Gated(pattern, tuple(k for k, r in enumerate(requirements) if not r), empty=empty)
        self._gated.append(gated)
        if gated.always:
            self._unconditional.add(slot)
        for k, required in enumerate(requirements):
            if required:
                indexed, checks = required[0], tuple(tuple(sorted(r)) for r in required[1:_MOST_CHECKS + 1])
                for lit in indexed:
                    self._posting(lit).append((slot, k, checks))
        self._cache.clear()
        return True

    def _owns(self, pattern) -> bool:
        slot = getattr(pattern, "gate_slot", None)
        return slot is not None and slot < len(self._gated) and self._gated[slot].pattern is pattern

    def _of(self, pattern) -> _Gated | None:
        """The registration of ``pattern`` in this gate, if any."""
        return self._gated[pattern.gate_slot] if self._owns(pattern) else None

    def slot(self, pattern) -> int | None:
        """Where this gate keeps ``pattern`` (None: it searches it whole)."""
        return pattern.gate_slot if self._owns(pattern) else None

    def _posting(self, literal: str) -> list[tuple[int, int, tuple]]:
        at = self._literal_ids.get(literal)
        if at is None:
            at = self._literal_ids[literal] = len(self._literals)
            self._literals.append(literal)
            self._postings.append([])
            if len(literal) >= _GRAM:
                self._by_gram.setdefault(literal[:_GRAM], []).append(at)
            else:
                self._short.append(at)
        return self._postings[at]

    def possible(self, text: str) -> frozenset[int]:
        """The slots of the registered alternations that may match ``text``: the others cannot."""
        return self._read(text)[1]

    def _read(self, text: str) -> tuple[dict[int, tuple[int, ...]], frozenset[int]]:
        got = self._cache.get(text)
        if got is not None:
            return got
        low = gate_text(text)
        literals = self._literals
        present = [i for i in self._short if literals[i] in low]
        grams = {low[i:i + _GRAM] for i in range(len(low) - _GRAM + 1)}
        by_gram = self._by_gram
        for gram in grams.intersection(by_gram):
            present += [i for i in by_gram[gram] if literals[i] in low]
        found: dict[int, set[int]] = {}
        postings = self._postings
        for i in present:
            for slot, k, checks in postings[i]:
                if checks and not all(any(lit in low for lit in check) for check in checks):
                    continue
                found.setdefault(slot, set()).add(k)
        chosen = {slot: tuple(sorted(ks)) for slot, ks in found.items()}
        got = (chosen, frozenset(chosen).union(self._unconditional))
        if len(self._cache) >= _CACHE_TEXTS:
            self._cache.clear()
        self._cache[text] = got
        return got

    def _chosen(self, gated: _Gated, text: str) -> tuple[int, ...]:
        """The phrasings of ``gated`` that could match ``text``, in their order."""
        chosen = self._read(text)[0].get(gated.pattern.gate_slot, ())
        if gated.always:
            chosen = tuple(sorted(set(chosen) | set(gated.always)))
        return chosen

    def search(self, pattern, text: str) -> bool:
        """``bool(pattern.search(text))``, searching only the phrasings that could match."""
        if pattern is None:
            return False
        gated = self._of(pattern)
        if gated is None:
            self.searches += 1
            return pattern.search(text) is not None
        key = (pattern.gate_slot, text)
        got = self._answers.get(key)
        if got is None:
            got = self._answers[key] = self._search(gated, text)
            if len(self._answers) > _CACHE_ANSWERS:
                self._answers.clear()
        return got

    def _search(self, gated: _Gated, text: str) -> bool:
        chosen = self._chosen(gated, text)
        if not chosen:
            return False
        if len(chosen) > _MOST_PHRASING_SEARCHES and gated.pattern.ready:
            self.searches += 1
            return gated.pattern.search(text) is not None
        for k in chosen:
            self.searches += 1
            if self._phrasing(gated, k).search(text) is not None:
                return True
        return False

    def spans(self, pattern, text: str) -> list[tuple[int, int]]:
        """``[m.span() for m in pattern.finditer(text)]``, from the phrasings that could match.

        The alternation matches, at the leftmost position where any phrasing does, the
        first such phrasing in its order; the next match is sought from its end. Each
        phrasing's own leftmost match from a position is searched for alone: a match at a
        given start does not depend on where the search began (look-behinds and ``\\b``
        see the text before it)."""
        if pattern is None:
            return []
        gated = self._of(pattern)
        if gated is None or gated.empty:
            self.searches += 1
            return [m.span() for m in pattern.finditer(text)]
        chosen = self._chosen(gated, text)
        phrasings = [self._phrasing(gated, k) for k in chosen]
        self.searches += len(phrasings)
        upcoming = [p.search(text) for p in phrasings]
        out: list[tuple[int, int]] = []
        pos = 0
        while True:
            best = None
            for i, m in enumerate(upcoming):
                if m is not None and m.start() < pos:
                    self.searches += 1
                    m = upcoming[i] = phrasings[i].search(text, pos)
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return out
            out.append(best.span())
            pos = best.end()

    def matching(self, patterns: Mapping[K, object], texts: Iterable[str]) -> list[K]:
        """The keys, in order, whose pattern matches one of the non-empty ``texts``:
        ``[k for k, p in patterns.items() if p is not None and any(p.search(t) for t in texts if t)]``."""
        texts = [t for t in texts if t]
        possible = [self.possible(t) for t in texts]
        anywhere = possible[0].union(*possible[1:]) if possible else frozenset()
        out = []
        for key, pattern in patterns.items():
            if pattern is None:
                continue
            if not self._owns(pattern):
                chosen = texts
            elif pattern.gate_slot not in anywhere:
                continue
            else:
                chosen = [t for t, slots in zip(texts, possible) if pattern.gate_slot in slots]
            if any(self.search(pattern, t) for t in chosen):
                out.append(key)
        return out

    @staticmethod
    def _phrasing(gated: _Gated, k: int) -> re.Pattern:
        got = gated.compiled.get(k)
        if got is None:
            got = gated.compiled[k] = re.compile(f"(?:{gated.pattern.phrasings[k]})", gated.pattern.flags)
        return got
