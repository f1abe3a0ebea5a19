"""The "Child Seen / View obtained" column: yes, no or unknown, plus the detail.

The template asks for Yes/No plus the child's views; people write "Y (with
mum)", "Seen alone", "No – asleep", "N/A". The detail (views, seen alone, who
was present, why not seen) is kept because the review conference report must
say whether the child was seen alone and, if not, who was present.
Only the seen column is read: a blank column means the agency did not say.
"""

from __future__ import annotations

import re

import json
from dataclasses import dataclass
from functools import lru_cache

from chrono.config import Config
from chrono.model import Seen

_SEP = r"[\s\-–—:;,./()\[\]]"


@dataclass(frozen=True)
class SeenAnswers:
    """The compiled ``[columns.seen_answers]`` vocabulary: how people answer the seen column."""

    unknown: re.Pattern
    no_lead: re.Pattern
    yes_lead: re.Pattern
    no_anywhere: re.Pattern
    yes_anywhere: re.Pattern
    bare: re.Pattern
    not_applicable: re.Pattern


def _alternatives(words) -> str:
    return "|".join(f"(?:{w})" for w in words) or "(?!)"


@lru_cache(maxsize=8)
def _compile(frozen: str) -> SeenAnswers:
    spec = json.loads(frozen)
    lead = lambda key: re.compile(rf"^(?:{_alternatives(spec.get(key, []))})(?=$|{_SEP})", re.I)  # noqa: E731
    whole = _alternatives(spec.get("unknown_whole", []))
    return SeenAnswers(
        unknown=re.compile(rf"^(?:{_alternatives(spec.get('unknown', []))})(?=$|{_SEP})|^(?:{whole})$", re.I),
        no_lead=lead("no_lead"),
        yes_lead=lead("yes_lead"),
        no_anywhere=re.compile(rf"\b(?:{_alternatives(spec.get('no_anywhere', []))})\b", re.I),
        yes_anywhere=re.compile(rf"\b(?:{_alternatives(spec.get('yes_anywhere', []))})\b", re.I),
        bare=re.compile(rf"^(?:{_alternatives(spec.get('bare', []))})$", re.I),
        not_applicable=re.compile(rf"^\W{{0,2}}(?:{_alternatives(spec.get('not_applicable', []))})\W*$", re.I),
    )


def seen_answers(cfg: Config | None = None) -> SeenAnswers:
    """The seen-answer vocabulary of ``cfg`` (the shipped one by default), compiled once per content."""
    if cfg is None:
        cfg = _shipped()
    return _compile(json.dumps(cfg.section("columns").get("seen_answers", {}), sort_keys=True))


@lru_cache(maxsize=1)
def _shipped() -> Config:
    from chrono.config import load_config

    return load_config()


def _detail(text: str, lead: re.Match | None, answers: SeenAnswers) -> str:
    """What follows a bare yes/no ("Yes - seen alone" -> "seen alone"); whole phrases otherwise."""
    if lead is None:
        return text
    word = lead.group(0)
    if answers.bare.match(word):
        rest = text[lead.end():]
        rest = re.sub(r"^" + _SEP + r"+", "", rest)
        rest = re.sub(r"[)\]]$", "", rest) if "(" not in rest and "[" not in rest else rest
        rest = rest.strip()
        if word.lower() in ("seen", "not seen") and rest:
            return text  # "Seen with mum" reads best as written
        return rest
    return text


def answer_kind(text: str, answers: SeenAnswers | None = None) -> str | None:
    """``"yes"``/``"no"`` when a cell opens with a yes/no answer ("Y", "No - asleep",
    "seen alone"), ``"n/a"`` for a bare not-applicable, else ``None``: how the reader
    recognises a seen column by its values when its heading does not say."""
    answers = answers or seen_answers()
    clean = re.sub(r"\s+", " ", (text or "").replace("\u00a0", " ")).strip().lstrip("*•-– ")
    if answers.not_applicable.match(clean):
        return "n/a"
    if answers.no_lead.match(clean):
        return "no"
    if answers.yes_lead.match(clean):
        return "yes"
    return None


def parse_seen(text: str, answers: SeenAnswers | None = None) -> tuple[Seen, str]:
    """``("yes" | "no" | "unknown", detail)`` for one seen/views cell.

    >>> parse_seen("Y - seen alone in her bedroom")
    ('yes', 'seen alone in her bedroom')
    >>> parse_seen("N/A")
    ('unknown', '')
    """
    answers = answers or seen_answers()
    try:
        clean = re.sub(r"\s+", " ", (text or "").replace("\u00a0", " ")).strip()
    except Exception:
        return "unknown", ""
    if not clean or answers.unknown.match(clean):
        return "unknown", ""
    lead = answers.no_lead.match(clean)
    if lead:
        return "no", _detail(clean, lead, answers)
    lead = answers.yes_lead.match(clean)
    if lead:
        return "yes", _detail(clean, lead, answers)
    if answers.no_anywhere.search(clean):
        return "no", clean
    if answers.yes_anywhere.search(clean):
        return "yes", clean
    return "unknown", clean
