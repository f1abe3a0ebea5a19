"""Annotate each row's text once: clauses, concepts and how they stand, dates named, notices.

Merge and detect read these annotations and never the raw text. A row's
annotation depends only on its texts and agency (and on the vocabulary), so it
is cached by that content: the rows an agency repeats in every monthly
resubmission are annotated once.
"""

from __future__ import annotations

import re

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Iterable

from chrono.model import Row
from chrono.text.dates import dates_named, times_named
from chrono.text.model import Annotation, ConceptHit, Folding
from chrono.text.vocabulary import (COUNTS, OCCURRED, REPORTED, Vocabulary, clause_before, is_notice, lead_clause,
                                    names_own_event, names_visit, remember, sentences, vocabulary_for)

_CACHE: "OrderedDict[tuple, Annotation]" = OrderedDict()
_CACHE_SIZE = 50_000  # distinct texts kept across cases of one process (rows hold their own)


def entry_text(row: Row) -> str:
    """The words that describe the event: the entry, else the whole row.

    With no entry (its column went unrecognised), the longest cell the row was
    read from counts as the entry: a description is the longest thing in a row.
    """
    if row.event.strip():
        return row.event.strip()
    rest = " ".join(v for v in (row.outcome, row.comments, row.who) if v)
    longest = _longest_cell(row)
    if longest and longest not in rest:
        return f"{longest} {rest}".strip()
    return rest


def _longest_cell(row: Row) -> str:
    cells = [v.strip() for v in (row.raw or {}).values() if isinstance(v, str)]
    best = max(cells, key=len, default="")
    return best if len(best.split()) >= 4 else ""


def full_text(row: Row) -> str:
    """Every text field of the row, the entry first (a mis-mapped column still counts)."""
    fields = (row.event, row.who, row.outcome, row.comments)
    if not row.event.strip():
        fields = (_longest_cell(row),) + fields
    return " ".join(dict.fromkeys(v.strip() for v in fields if v and v.strip()))


def row_cells(row: Row) -> list[str]:
    """A row's descriptive cells beyond the mapped ones: the raw cells other than its
    date, author, agency and child-seen cells."""
    meta = {x.strip() for x in (row.date_text, row.author, row.agency_raw, row.seen_text, row.time) if x}
    cells = [row.who] + [str(v) for v in (row.extra or {}).values()] + [str(v) for v in (row.raw or {}).values()]
    return [c for c in dict.fromkeys(cells) if c and c.strip() and c.strip() not in meta]


def annotate_rows(rows: Iterable[Row], cfg: Any) -> None:
    """Set ``row.annotation`` on every row that has none (the annotate stage)."""
    vocab = vocabulary_for(cfg)
    for row in rows:
        ann = row.annotation
        if ann is None or ann.vocabulary != vocab.key:
            row.annotation = annotate_row(row, vocab)


def annotation(row: Row, cfg: Any) -> Annotation:
    """The row's annotation, annotating it now if the stage has not run (a library caller's rows)."""
    if row.annotation is None:
        annotate_rows([row], cfg)
    return row.annotation


def annotate_row(row: Row, vocab: Vocabulary) -> Annotation:
    read_in_full = row.agency in vocab.full_row_agencies
    cells = tuple(row_cells(row)) if read_in_full else ()
    raw = tuple((k, str(v)) for k, v in (row.raw or {}).items()) if row.agency in vocab.heading_agencies() else ()
    entry = entry_text(row)
    full = full_text(row)
    key = (vocab.key, row.agency, row.agency_raw, row.seen_text, row.event, row.comments, row.outcome, row.who, entry, full, cells, raw)
    got = _CACHE.get(key)
    if got is not None:
        _CACHE.move_to_end(key)
        return got
    got = _annotate(row, vocab, entry, full, cells, dict(raw))
    _CACHE[key] = got
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return got


@dataclass(frozen=True)
class _EntryFacts:
    """What the entry alone says (rows that differ in other cells share their entry)."""

    notice: bool
    own_event: bool
    visit: bool
    dates: tuple
    times: tuple[str, ...]
    norm: str
    words: frozenset[str]
    #: every folding concept the entry names, with its mode, sorted
    modes: tuple[tuple[str, str], ...]
    #: ... those that stand as having happened
    occurred: frozenset[str]
    names: frozenset[str]
    meetings: frozenset[str]


_ENTRIES: dict[tuple[str, str], _EntryFacts] = {}
_FULL_TEXTS: dict[tuple[str, str], tuple[str, frozenset[str]]] = {}
_DATES: dict[tuple[str, str], tuple] = {}


def _entry_facts(vocab: Vocabulary, entry: str) -> _EntryFacts:
    key = (vocab.key, entry)
    got = _ENTRIES.get(key)
    if got is not None:
        return got
    fold = vocab.folding
    toks = fold.tokens(entry)
    modes = fold.concept_modes(fold.tokens(entry, True))
    names = proper_nouns(entry)
    if names:
        # "was in Kingsmead hospital", "taken to St Bede's hospital": the phrasing with the name left out
        plain = _PROPER.sub("", entry)
        for concept, mode in fold.concept_modes(fold.tokens(plain, True)).items():
            if mode == OCCURRED or concept not in modes:
                modes[concept] = mode
    got = _EntryFacts(
        notice=is_notice(entry, vocab.notices),
        own_event=names_own_event(entry, vocab.notices),
        visit=names_visit(entry, vocab.notices),
        dates=_dates_of(vocab, entry),
        times=times_named(entry),
        norm=" ".join(toks),
        words=frozenset(t for t in toks if t not in fold.stopwords),
        modes=tuple(sorted(modes.items())),
        occurred=frozenset(n for n, m in modes.items() if m == OCCURRED),
        names=names,
        meetings=(fold.find_concepts(fold.tokens(lead_clause(entry), True)) & fold.meetings
                  if fold.meetings else frozenset()),
    )
    remember(_ENTRIES, key, got)
    return got


def _full_text_facts(vocab: Vocabulary, full: str) -> tuple[str, frozenset[str]]:
    """The row's whole text folded, and the concepts it names as having happened."""
    key = (vocab.key, full)
    got = _FULL_TEXTS.get(key)
    if got is None:
        fold = vocab.folding
        got = (" ".join(fold.tokens(full)), fold.find_concepts(fold.tokens(full, True)))
        remember(_FULL_TEXTS, key, got)
    return got


def _dates_of(vocab: Vocabulary, sentence: str) -> tuple:
    key = (vocab.key, sentence)
    got = _DATES.get(key)
    if got is None:
        got = dates_named(sentence, vocab.dates)
        remember(_DATES, key, got)
    return got


def _annotate(row: Row, vocab: Vocabulary, entry: str, full: str, cells: tuple[str, ...],
              raw: dict[str, str]) -> Annotation:
    facts = _entry_facts(vocab, entry)
    notice = facts.notice
    # the row's descriptive texts, each with its field: the entry's own account first
    texts: list[tuple[str, str]] = [(f, t) for f, t in (("event", row.event), ("comments", row.comments)) if t]
    texts += [("cell", c) for c in cells if c != row.outcome]
    seen: set[str] = set()
    pool: list[tuple[str, str, str]] = []  # (field, lead sentence, sentence)
    for fld, t in texts:
        if t in seen:
            continue
        seen.add(t)
        ss = sentences(vocab.correct(t))
        pool += [(fld, ss[0], s) for s in ss]
    outcome = [("outcome", ss[0], s) for ss in [sentences(vocab.correct(row.outcome))] if row.outcome for s in ss] \
        if row.outcome else []
    hits: list[ConceptHit] = []
    categories: set[str] = set()

    own_texts = [t for f, t in texts if f in ("event", "cell")]
    # the concepts each sentence's literals leave possible: hit_modes finds nothing for the others
    possible = {s: vocab.concepts_possible(s) for _, _, s in pool + outcome}
    nameable = frozenset().union(*possible.values())
    for c in vocab.concepts:
        agency_pattern = c.by_agency.get(row.agency)
        heading = c.by_agency_headers.get(row.agency)
        if c.name not in nameable and agency_pattern is None and heading is None:
            continue  # no sentence can name it, and no phrasing or heading of the agency's own applies
        sentences_here = pool + (outcome if c.use_outcome else [])
        admin_own = {t: vocab.administrative(c, [t]) for t in own_texts} if agency_pattern is not None else {}
        for fld, lead, s in sentences_here:
            if c.name not in possible[s] or vocab.gate.search(c.exclude_account, lead):
                continue
            for mode, start, end in vocab.hit_modes(c, s, first=False):
                if mode == OCCURRED and notice:
                    mode = REPORTED
                hits.append(ConceptHit(c.name, mode, s, fld, "phrase", _dates_of(vocab, s) if mode in COUNTS else ()))
                if mode in COUNTS:
                    categories.add(c.name)
        if agency_pattern is not None:
            for t in own_texts:
                if admin_own.get(t):
                    continue
                ss = sentences(vocab.correct(t))
                if ss and vocab.gate.search(c.exclude_account, ss[0]):
                    continue
                for s in ss:
                    if vocab.hits(c, s, agency_pattern):
                        fld = "event" if t == row.event else "cell"
                        mode = REPORTED if notice else OCCURRED
                        hits.append(ConceptHit(c.name, mode, s, fld, "agency", _dates_of(vocab, s)))
                        categories.add(c.name)
                        break
        if heading is not None and raw and _heading_hit(vocab, c, heading, raw):
            hits.append(ConceptHit(c.name, OCCURRED, "", "heading", "heading"))
            categories.add(c.name)
    fold = vocab.folding
    named = facts.dates
    implied = fold.agency_concepts.get(row.agency.lower(), frozenset())
    full_norm, full_found = _full_text_facts(vocab, full)
    folding = Folding(
        norm=facts.norm,
        words=facts.words,
        concepts=facts.occurred,
        full_norm=full_norm,
        full_concepts=full_found | implied | facts.occurred,
        day_before=any(n.back == 1 for n in named),
        meetings=facts.meetings,
        implied=implied,
        modes=facts.modes,
        names=facts.names,
    )
    description = [t for _, t in texts]
    gate = vocab.gate
    cues = frozenset(gate.matching(vocab.cues, [row.event]))
    text_cues = frozenset(gate.matching(vocab.cues, description))
    return Annotation(
        vocabulary=vocab.key,
        entry=entry,
        clauses=tuple(s for _, _, s in pool),
        hits=tuple(hits),
        categories=frozenset(categories),
        dates=named,
        times=facts.times,
        notice=notice,
        own_event=facts.own_event,
        visit=facts.visit,
        folding=folding,
        cues=cues,
        text_cues=text_cues,
        people=tuple(gate.matching(vocab.people, description + [row.who])),
        seen_alone=vocab.alone(row.seen_text),
        seen_present=vocab.present(row.seen_text),
        event_alone=vocab.alone(row.event),
        sites=_sites(vocab, description + ([row.agency_raw] if row.agency_raw and row.agency == "Emergency Department" else [])),
    )


_PROPER = re.compile(r"(?<=[\w,)(\-–]\s)([A-Z][a-z’']+(?:[A-Z][a-z]+)?)\b")


def proper_nouns(text: str) -> frozenset[str]:
    """Capitalised words standing inside a sentence ("moved to 3 Cobbler's Row", "TA - Station
    Lodge"), lower case: not a sentence's first word, nor an all-capitals abbreviation.
    Which of them are rare enough to count is merge's question (how many entries name them)."""
    return frozenset(m.group(1).lower().replace("’", "'") for m in _PROPER.finditer(text)
                     if len(m.group(1)) >= 3)


def _heading_hit(vocab: Vocabulary, c, pattern, cells: dict[str, str]) -> bool:
    """The agency's own row has a value under one of the concept's headings, and none of its
    cells is excluded (a meeting, a conference) or administrative (a liaison notification)."""
    if not any(v and str(v).strip() and pattern.search(k) for k, v in cells.items()):
        return False
    if vocab.administrative(c, [v for k, v in cells.items() if not pattern.search(k)]):
        return False
    text = " ".join(str(v) for v in cells.values() if v)
    if c.exclude is not None and c.exclude.search(text):
        return False
    first = sentences(text)
    return not (first and vocab.gate.search(c.exclude_account, first[0]))


def _sites(vocab: Vocabulary, texts: list[str]) -> tuple[str, ...]:
    """Site names written in the texts, unless in a negated or hypothetical clause
    ("no other attendances at X", "advised to attend X if ...")."""
    sw = vocab.sites
    out: list[str] = []
    for text in texts:
        for pattern in sw.patterns:
            for m in pattern.finditer(text):
                if sw.negation is not None and sw.negation.search(clause_before(text, m.start(1), vocab.clauses)):
                    continue
                out.append(_without_leading(m.group(1), sw.not_leading))
    return tuple(dict.fromkeys(n for n in out if n))


def _without_leading(name: str, words: frozenset[str]) -> str:
    """The site's name without the words before it that only opened the sentence ("Letter")."""
    parts = name.split()
    while len(parts) > 1 and parts[0].lower().strip(":,") in words:
        parts = parts[1:]
    return " ".join(parts)
