"""The literal gate: the vocabulary's searches it skips are exactly those that cannot match.

Every answer through the gate must equal the answer of the whole pattern searched
directly; the tests compare the two on sentences built from the vocabulary's own
words, on the bundled samples' texts, and on patterns chosen to trip a gate
(no literal to derive, optional openings, case, non-ASCII letters the engine
folds to ASCII ones, phrasings matching at one place).
"""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chrono.config import ConfigError, load_config
from chrono.text.gate import Alternation, LiteralGate, gate_text, required_literals
from chrono.text.vocabulary import build_vocabulary, compile_any, phrase_pattern, sentences

ROOT = Path(__file__).resolve().parents[2]
CFG = load_config()
VOCAB = build_vocabulary(CFG)
#: the same vocabulary with an empty gate: every pattern searched whole, as before the gate
UNGATED = dataclasses.replace(VOCAB, gate=LiteralGate())


def whole(pattern) -> re.Pattern:
    """The pattern compiled whole, apart from anything the gate compiled."""
    return re.compile(pattern.pattern, pattern.flags)


def gated_patterns():
    for c in VOCAB.concepts:
        for p in [c.strong, c.weak, c.exclude_account, *c.by_agency.values()]:
            if p is not None:
                yield p
    yield from VOCAB.cues.values()
    yield from VOCAB.people.values()


def gate_of(*phrasings: str) -> tuple[LiteralGate, Alternation]:
    gate = LiteralGate()
    pattern = Alternation(list(phrasings), "test", compile_any)
    assert gate.add(pattern)
    return gate, pattern


def same_everywhere(sentence: str) -> None:
    """Through the gate and searched whole, every concept, cue and role answers alike."""
    for c in VOCAB.concepts:
        assert VOCAB.hit_modes(c, sentence, first=False) == UNGATED.hit_modes(c, sentence, first=False), c.name
        for agency_pattern in c.by_agency.values():
            assert VOCAB.hit_modes(c, sentence, agency_pattern) == UNGATED.hit_modes(c, sentence, agency_pattern)
        if VOCAB.hit_modes(c, sentence, first=False):
            assert c.name in VOCAB.concepts_possible(sentence)
    for p in gated_patterns():
        assert VOCAB.gate.search(p, sentence) == bool(whole(p).search(sentence))
    assert VOCAB.gate.matching(VOCAB.cues, [sentence]) == [k for k, p in VOCAB.cues.items() if whole(p).search(sentence)]


# ---------------------------------------------------------------- what a phrasing requires

def test_a_phrase_requires_its_rarest_word():
    assert required_literals(phrase_pattern("self harm")) in ({"self"}, {"harm"})
    assert required_literals(phrase_pattern("attended emergency department")) == {"department"}


def test_an_optional_opening_is_not_required():
    assert required_literals(r"\b(?:re-?)?(?:attend\w*|present\w*|brought)\b") == {"attend", "present", "brought"}


def test_case_sensitive_parts_and_lookbehinds_are_read_in_lower_case():
    assert required_literals(r"(?-i:(?<![A-Za-z0-9&])A&E(?![A-Za-z0-9&]))") == {"a&e"}


def test_a_pattern_with_no_literal_gives_none():
    assert required_literals(r"[A-Z]\w+\d{2}") is None
    assert required_literals(r"(?:foo)?\w+") is None


def test_a_phrasing_with_no_literal_is_always_searched_and_found():
    gate, pattern = gate_of(phrase_pattern("bruise"), r"\b[A-Z]\w+ ward\b", r"\d\d/\d\d")
    assert gate.search(pattern, "Seen on 12/03") and gate.spans(pattern, "Seen on 12/03") == [(8, 13)]
    assert gate.search(pattern, "Moved to Rainbow Ward")


def test_a_phrase_is_found_through_the_gate():
    gate, pattern = gate_of(phrase_pattern("self harm"), phrase_pattern("overdose"))
    assert gate.search(pattern, "Disclosed SELF-HARM to the school nurse")
    assert not gate.search(pattern, "Disclosed nothing of note")
    assert gate.spans(pattern, "overdose then self/harm") == [(0, 8), (14, 23)]


def test_letters_the_engine_folds_to_ascii_pass_the_gate():
    # the Kelvin sign matches "k", dotless i "i", long s "s" case-insensitively
    gate, pattern = gate_of(phrase_pattern("kicked"), phrase_pattern("bruise"), phrase_pattern("injury"))
    for text in ("\u212aicked by partner", "bruı\u017fe to arm", "\u0130njury noted"):
        assert gate.search(pattern, text) == bool(whole(pattern).search(text)) is True, ascii(text)


def test_every_non_ascii_letter_matching_an_ascii_one_is_folded():
    every = "".join(chr(c) for c in range(0x80, sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    for ch in set(re.findall(r"[\x00-\x7f]", every, re.IGNORECASE)):
        assert re.fullmatch(re.escape(gate_text(ch)), ch, re.IGNORECASE), hex(ord(ch))


def test_the_first_phrasing_wins_where_two_match_at_one_place():
    gate, pattern = gate_of("cat", "cats", "ats b", "s bc")
    for text in ("cats bc", "xcats bcats", "cat", "scats"):
        assert gate.spans(pattern, text) == [m.span() for m in whole(pattern).finditer(text)]


def test_a_back_reference_leaves_the_pattern_searched_whole():
    gate, pattern = LiteralGate(), Alternation([r"(a)\1", "b"], "test", compile_any)
    assert not gate.add(pattern) and gate.slot(pattern) is None
    assert gate.search(pattern, "xaax") and gate.spans(pattern, "aab") == [(0, 2), (2, 3)]


def test_a_named_group_leaves_the_pattern_searched_whole():
    gate, pattern = LiteralGate(), Alternation([r"(?P<pet>cat)s?", "dog"], "test", compile_any)
    assert not gate.add(pattern)
    assert gate.spans(pattern, "dogs and cats") == [(0, 3), (9, 13)]


def test_a_pickled_vocabulary_still_answers_through_its_gate():
    import pickle

    copy = pickle.loads(pickle.dumps(VOCAB))
    for sentence in WORDING:
        for c, original in zip(copy.concepts, VOCAB.concepts):
            assert copy.hit_modes(c, sentence, first=False) == VOCAB.hit_modes(original, sentence, first=False)
        assert copy.concepts_possible(sentence) == VOCAB.concepts_possible(sentence)


def test_a_phrasing_that_may_match_nothing_is_listed_by_the_whole_pattern():
    gate, pattern = gate_of("x?", "abc")
    assert gate.spans(pattern, "abcx") == [m.span() for m in whole(pattern).finditer("abcx")]


# ---------------------------------------------------------------- the vocabulary through the gate

def test_the_alternations_are_not_compiled_when_the_vocabulary_is_built():
    fresh = build_vocabulary(CFG)
    assert not any(isinstance(c.strong, Alternation) and c.strong.ready for c in fresh.concepts)


def test_a_broken_phrasing_is_named_when_the_vocabulary_is_built(tmp_path):
    user = tmp_path / "chrono.toml"
    user.write_text('[lexicon.categories.missing]\nregexes = ["(?<=a+)b"]\n', "utf-8")
    with pytest.raises(ConfigError, match="missing"):
        build_vocabulary(load_config(user))


WORDING = [
    "Home visit, mum and baby seen, all well",
    "Attended A&E with a cut to the head after a fall",
    "Mum took an overdose of paracetamol last night, seen in resus",
    "No bruises or marks seen on the body map",
    "Was not brought to the audiology appointment; WNB letter sent",
    "PPN received: domestic incident at the address, partner arrested",
    "Telephone call with mother re housing",
]


@pytest.mark.parametrize("sentence", WORDING)
def test_wording_answers_alike_through_the_gate(sentence):
    same_everywhere(sentence)


def test_the_samples_texts_answer_alike_through_the_gate():
    from chrono.pipeline import discover_inputs, read_inputs

    results = read_inputs(discover_inputs([ROOT / "samples"]), CFG)
    texts = {v for r in results for row in r.rows for v in row.cells.values() if isinstance(v, str) and v.strip()}
    assert len(texts) > 100
    for text in sorted(texts):
        for sentence in sentences(VOCAB.correct(text)):
            same_everywhere(sentence)


def test_a_typical_sentence_runs_few_searches():
    """Work, not time: a sentence naming one concept runs a handful of regex searches,
    not one per concept and pattern."""
    fresh = build_vocabulary(CFG)
    patterns = sum(p is not None for c in fresh.concepts for p in (c.strong, c.weak))
    for sentence in WORDING:
        before = fresh.gate.searches
        for c in fresh.concepts:
            fresh.hit_modes(c, sentence, first=False)
        assert fresh.gate.searches - before <= 12 < patterns
    assert patterns > 30


def _vocabulary_words() -> list[str]:
    lex = CFG.section("lexicon")
    words: set[str] = set()
    for spec in lex.get("categories", {}).values():
        for key in ("phrases", "weak_phrases", "abbreviations", "fold"):
            for phrase in spec.get(key, []):
                words.update(phrase.split())
                words.add(phrase)
    for phrasings in lex.get("people", {}).values():
        words.update(phrasings)
    return sorted(words)


WORDS = _vocabulary_words()
ODD = ["\u212a", "\u0131", "\u017f", "\u0130", "’", "–", "&", "/", "-", "'s", "A&E", "ED", "OD", "111", "not", "no",
       "if", "will", "told", "previous", "but", "none", "queried"]
separator = st.sampled_from([" ", " ", " ", "-", "/", ", ", ". ", " - ", "&", "", "\n", ": "])
token = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS).map(str.upper),
    st.sampled_from(WORDS).map(str.title),
    st.sampled_from(ODD),
    st.text(alphabet="abcdeilknorstuxyzAEDKOS0123456789 .,&'-", max_size=8),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(token, separator), min_size=1, max_size=10))
def test_sentences_of_vocabulary_words_answer_alike_through_the_gate(parts):
    same_everywhere("".join(word + sep for word, sep in parts))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(token, separator), min_size=1, max_size=10))
def test_spans_through_the_gate_equal_the_whole_patterns(parts):
    text = "".join(word + sep for word, sep in parts)
    for p in gated_patterns():
        assert VOCAB.gate.spans(p, text) == [m.span() for m in whole(p).finditer(text)]
