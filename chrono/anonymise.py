"""Anonymise a merged chronology for a case review, a court bundle or training, and personalise it back.

A case review (child safeguarding practice review) or a training pack needs
the chronology without the family's names; the key worker keeps the key. The
key is a **glossary**: one line per spelling of a name, address, date of birth
or place, with what replaces it (``Marnie ASHGROVE`` -> ``Child M``). It is
seeded from the chronology itself (the headings, the authors, the "who was
involved" column and the agencies' own names for themselves), written as a
CSV the key worker edits, and applied to every text of ``chronology.json``,
from which the other outputs are drawn again.

Matching is by whole word and exact spelling, so each spelling used in the
chronology has its own line (``ASHGROVE`` and ``Ashgrove``); the seeding finds
them. Every replacement must be different and must not already occur in the
chronology, so that ``personalise`` can put every name back exactly. Words
that look like names and are in no line are listed as *possible names left*
for a person to check: anonymising is a person's job that this makes quicker,
not a guarantee.

>>> g = Glossary([Term("Marnie ASHGROVE", "Child M", "child"), Term("Marnie", "M", "child")])
>>> doc = {"event": "Marnie ASHGROVE seen; Marnie's views recorded"}
>>> anonymised = anonymise_document(doc, g)
>>> anonymised["event"]
"Child M seen; M's views recorded"
>>> personalise_document(anonymised, g) == doc
True
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable

KINDS = ("child", "person", "author", "address", "dob", "place", "other")
GLOSSARY_COLUMNS = ("name", "replace_with", "kind")


class GlossaryError(ValueError):
    """A glossary that cannot be applied; the message says which line to change."""


@dataclass(frozen=True)
class Term:
    """One spelling and what replaces it."""

    name: str
    replace_with: str
    kind: str = "other"


@dataclass
class Glossary:
    """The key: every spelling to replace, longest first when applied."""

    terms: list[Term] = field(default_factory=list)

    def check(self) -> None:
        """Refuse a glossary that could not be reversed."""
        seen_names: dict[str, int] = {}
        seen_labels: dict[str, str] = {}
        for n, term in enumerate(self.terms, start=2):
            if not term.name.strip() or not term.replace_with.strip():
                raise GlossaryError(f"glossary line {n}: both 'name' and 'replace_with' are needed.")
            if term.name in seen_names:
                raise GlossaryError(f"glossary line {n}: '{term.name}' is already on line {seen_names[term.name]}; "
                                    "keep one line per spelling.")
            if term.replace_with in seen_labels:
                raise GlossaryError(
                    f"glossary line {n}: '{term.name}' and '{seen_labels[term.replace_with]}' would both become "
                    f"'{term.replace_with}', so personalising could not tell them apart. Give them different replacements.")
            seen_names[term.name] = n
            seen_labels[term.replace_with] = term.name

    def forward(self) -> dict[str, str]:
        return {t.name: t.replace_with for t in self.terms}

    def backward(self) -> dict[str, str]:
        return {t.replace_with: t.name for t in self.terms}


# ---------------------------------------------------------------- the glossary file

def glossary_to_csv(glossary: Glossary) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(GLOSSARY_COLUMNS)
    for term in glossary.terms:
        writer.writerow([term.name, term.replace_with, term.kind])
    return buffer.getvalue()


def glossary_from_csv(text: str, where: str = "glossary") -> Glossary:
    """Read a glossary CSV (columns name, replace_with, kind); a broken line is an error naming it."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows or [c.strip().casefold() for c in rows[0][:2]] != ["name", "replace_with"]:
        raise GlossaryError(f"{where}: the first line must be the headings name,replace_with,kind. "
                            "Start from the file `chrono anonymise OUTDIR` seeds.")
    terms = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 2:
            raise GlossaryError(f"{where}, line {n}: needs a name and what replaces it.")
        kind = row[2].strip() if len(row) > 2 and row[2].strip() else "other"
        terms.append(Term(row[0].strip(), row[1].strip(), kind))
    glossary = Glossary(terms)
    try:
        glossary.check()
    except GlossaryError as exc:
        raise GlossaryError(f"{where}: {exc}") from None
    return glossary


# ---------------------------------------------------------------- replacing

def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _walk(value: Any, change: Callable[[str], str]) -> Any:
    """A copy of a JSON value with every string (keys too) passed through ``change``."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {change(str(k)): _walk(v, change) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v, change) for v in value]
    return value


_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def _replacer(mapping: dict[str, str]) -> Callable[[str], str]:
    """Replace whole words; a value that is a whole ISO date (a date field) is left alone,
    so the JSON still reads as a chronology (the child's own ``dob`` field is emptied instead)."""
    mapping = {k: v for k, v in mapping.items() if not _ISO_DATE.fullmatch(k)}
    if not mapping:
        return lambda s: s
    names = sorted(mapping, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")

    def change(text: str) -> str:
        return text if _ISO_DATE.fullmatch(text) else pattern.sub(lambda m: mapping[m.group(0)], text)

    return change


def _whole_word(text: str, word: str) -> bool:
    return re.search(r"(?<![\w])" + re.escape(word) + r"(?![\w])", text) is not None


def anonymise_document(document: dict[str, Any], glossary: Glossary) -> dict[str, Any]:
    """``document`` (the JSON of a chronology) with every glossary spelling replaced.

    Refuses a glossary whose replacement already occurs in the document: the
    way back would then change text nobody anonymised.
    """
    glossary.check()
    corpus = "\n".join(_strings(document))
    clash = [t for t in glossary.terms if _whole_word(corpus, t.replace_with)]
    if clash:
        t = clash[0]
        raise GlossaryError(f"the replacement '{t.replace_with}' (for '{t.name}') already occurs in the chronology, "
                            "so personalising could not tell the two apart. Choose another replacement.")
    return _walk(document, _replacer(glossary.forward()))


def personalise_document(document: dict[str, Any], glossary: Glossary) -> dict[str, Any]:
    """The reverse of :func:`anonymise_document` with the same glossary."""
    glossary.check()
    return _walk(document, _replacer(glossary.backward()))


def anonymise_chronology(document: dict[str, Any], glossary: Glossary) -> dict[str, Any]:
    """:func:`anonymise_document` for ``chronology.json``: the child's date of birth goes too.

    The ISO date of birth cannot be replaced by a label in a date field, so it
    is emptied; personalising puts it back from the glossary's ``dob`` line
    written as ``YYYY-MM-DD``.
    """
    dob = (document.get("child") or {}).get("dob")
    if dob and not any(t.kind == "dob" and t.name == dob for t in glossary.terms):
        raise GlossaryError(f"the glossary has no 'dob' line for the child's date of birth as {dob}: "
                            "add one (seed a new glossary to get it).")
    # a family chronology: each child's ISO date of birth is emptied too, its label kept beside it
    labels = {t.name: t.replace_with for t in glossary.terms if t.kind == "dob"}
    for kid in document.get("children") or []:
        if kid.get("dob") and kid["dob"] not in labels:
            raise GlossaryError(f"the glossary has no 'dob' line for {kid.get('id', 'a child')}'s date of birth "
                                f"as {kid['dob']}: add one (seed a new glossary to get it).")
    out = anonymise_document(document, glossary)
    if isinstance(out.get("child"), dict) and dob:
        out["child"]["dob"] = None
    for kid in out.get("children") or []:
        if kid.get("dob"):
            kid["dob_label"], kid["dob"] = labels[kid["dob"]], None
    return out


def personalise_chronology(document: dict[str, Any], glossary: Glossary) -> dict[str, Any]:
    out = personalise_document(document, glossary)
    child = out.get("child")
    if isinstance(child, dict) and not child.get("dob"):
        iso = [t.name for t in glossary.terms if t.kind == "dob" and re.fullmatch(r"\d{4}-\d\d-\d\d", t.name)]
        if iso:
            child["dob"] = iso[0]
    for kid in out.get("children") or []:
        # the label was turned back into the ISO date by personalise_document
        if "dob_label" in kid and _ISO_DATE.fullmatch(str(kid["dob_label"])):
            kid["dob"] = kid.pop("dob_label")
    return out


# ---------------------------------------------------------------- seeding

_CAPITALISED = re.compile(r"(?<![\w'’])([A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]{2,}(?:-[A-Z]{2,})?)(?![\w])")
#: "Dean WRAYFORD": a capitalised first name and a surname in capitals (four letters or more:
#: shorter capitals are mostly abbreviations such as PS or PDU, and are left to the check)
_FULL_NAME = re.compile(r"(?<![\w'’])([A-Z][a-z]+) ([A-Z]{4,}(?:-[A-Z]{2,})?)(?![\w])")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n\s*|\(\s*)$")


def _calendar_words() -> set[str]:
    names = list(calendar.month_name) + list(calendar.month_abbr) + list(calendar.day_name) + list(calendar.day_abbr)
    return {n.casefold() for n in names if n} | {"sept"}


def not_names(cfg, document: dict[str, Any]) -> set[str]:
    """Capitalised words that are not names: the shipped list, agency names, calendar words,
    and words the chronology also writes in lower case (casefolded)."""
    cfg = cfg or _shipped()
    words = {w.casefold() for w in cfg.section("anonymise").get("not_names", [])} | _calendar_words()
    aliases = cfg.section("agencies").get("aliases", {})
    for text in list(aliases) + list(aliases.values()):
        words.update(w.casefold() for w in re.findall(r"[A-Za-z]+", str(text)))
    lower = Counter(re.findall(r"(?<![\w])[a-z][a-z]+(?![\w])", "\n".join(_strings(document))))
    words.update(lower)
    return words


def _labels(cfg) -> dict[str, str]:
    """The replacement patterns of ``[anonymise.labels]`` (``Child {initial}``, ``Person {n}`` ...)."""
    return dict(cfg.section("anonymise").get("labels", {}))


@lru_cache(maxsize=1)
def _shipped():
    from chrono.config import load_config

    return load_config()


def _person_name(text: str) -> str:
    """The name part of "Jodie Pemberton, Social Worker" / "SW Jo Bloggs (CSC)"."""
    head = re.split(r"[,(/]| - ", text, maxsplit=1)[0]
    words = [w for w in head.split() if _CAPITALISED.fullmatch(w)]
    return " ".join(words)


def _spellings(corpus: str, name: str) -> list[str]:
    """Every spelling of ``name`` used in the corpus, differing only in letter case (most used first)."""
    found = Counter(m.group(0) for m in re.finditer(r"(?<![\w])" + re.escape(name) + r"(?![\w])", corpus, re.I))
    return [s for s, _ in found.most_common()] or [name]


def _numbered(label: str, n: int) -> str:
    """``[child's date of birth]``, then ``[child's date of birth 2]`` ..."""
    if n == 1:
        return label
    return label[:-1] + f" {n}]" if label.endswith("]") else f"{label} {n}"


def _cased(label: str, spelling: str, base: str, n: int) -> str:
    """The label for one spelling: as is for the main one, in capitals or lower case
    when the spelling is, else numbered (``Child M2``) so the way back stays exact."""
    if spelling == base:
        return label
    if spelling.isupper() and not label.isupper():
        return label.upper()
    if spelling.islower() and not label.islower():
        return label.lower()
    return f"{label}{n}"


def seed_glossary(document: dict[str, Any], cfg=None) -> Glossary:
    """A first glossary for ``document`` (the JSON of a chronology), for a person to edit.

    The child (full name, first name, family name), other people named in the
    headings' authors and the "who was involved" column, addresses, the
    child's date of birth in the ways it is written, and the agencies' own
    names for themselves (a school's, a practice's or a hospital's name).
    """
    cfg = cfg or _shipped()
    labels = _labels(cfg)
    corpus = "\n".join(_strings(document))
    ignore = not_names(cfg, document)
    terms: list[Term] = []
    taken: set[str] = set()
    used_labels: set[str] = set()

    def add(name: str, label: str, kind: str) -> None:
        name = name.strip()
        if len(name) < 2 or name in taken:
            return
        for n, spelling in enumerate(_spellings(corpus, name), start=1):
            if spelling in taken:
                continue
            candidate = _cased(label, spelling, name, n)
            extra = 1
            while candidate in used_labels or _whole_word(corpus, candidate):
                extra += 1
                candidate = f"{label}{extra}"
            taken.add(spelling)
            used_labels.add(candidate)
            terms.append(Term(spelling, candidate, kind))

    child = document.get("child") or {}
    child_name = (child.get("name") or "").strip()
    families: dict[str, str] = {}

    def family_label(surname: str) -> str:
        key = surname.casefold()
        if key not in families:
            families[key] = labels["family_name"].format(letter=chr(ord("A") + len(families) % 26))
        return families[key]

    if child_name:
        parts = child_name.split()
        initial = parts[0][:1].upper()
        add(child_name, labels["child"].format(initial=initial), "child")
        add(parts[0], labels["child_first_name"].format(initial=initial), "child")
        for surname in parts[1:]:
            add(surname, family_label(surname), "child")
    # a family chronology: every child of the conference, like the child
    siblings = [k for k in (document.get("children") or []) if (k.get("name") or "").strip() != child_name]
    for kid in siblings:
        parts = (kid.get("name") or "").split()
        if parts:
            initial = parts[0][:1].upper()
            add(" ".join(parts), labels["child"].format(initial=initial), "child")
            add(parts[0], labels["child_first_name"].format(initial=initial), "child")
            for surname in parts[1:]:
                add(surname, family_label(surname), "child")
    n = 0
    for k, dob in enumerate([child.get("dob")] + [kid.get("dob") for kid in siblings]):
        if not dob:
            continue
        day = dt.date.fromisoformat(dob)
        forms = [dob, f"{day:%d/%m/%y}", f"{day:%d/%m/%Y}", f"{day.day}/{day.month}/{day:%y}",
                 f"{day.day} {day:%B %Y}", f"{day:%d.%m.%y}", f"{day:%d.%m.%Y}"]
        for f in (document.get("files") or []) if k == 0 else []:
            written = ((f.get("heading") or {}).get("dob") or "").strip()
            if written:
                forms.append(written)
        for form in dict.fromkeys(forms):
            if form in taken or not (form == dob or _whole_word(corpus, form)):
                continue
            n += 1
            label = _numbered(labels["dob"], n)
            terms.append(Term(form, label, "dob"))
            taken.add(form)
            used_labels.add(label)
    addresses = [child.get("address") or ""] + [((f.get("heading") or {}).get("address") or "")
                                                for f in (document.get("files") or [])]
    for n, address in enumerate(a for a in dict.fromkeys(a.strip() for a in addresses) if a):
        add(address, labels["address"].format(n=n + 1), "address")
    people: list[str] = []
    for f in document.get("files") or []:
        people.append(_person_name(f.get("author") or ""))
        heading_name = ((f.get("heading") or {}).get("name") or "").strip()
        if heading_name and child_name.casefold() not in heading_name.casefold():
            people.append(heading_name)
    authors = [p for p in dict.fromkeys(people) if p and p.split()[0].casefold() not in ignore]
    for n, person in enumerate(authors, start=1):
        add(person, labels["author"].format(n=n), "author")
    # people written the British way, "Dean WRAYFORD", anywhere in the entries
    full_names: Counter[str] = Counter(
        m.group(0) for m in _FULL_NAME.finditer(corpus)
        if m.group(1).casefold() not in ignore and m.group(2).casefold() not in ignore)
    n_person = 0
    for full, _count in full_names.most_common():
        if full in taken:
            continue
        n_person += 1
        first, surname = full.split(" ", 1)
        add(full, labels["person"].format(n=n_person), "person")
        add(first, labels["person"].format(n=n_person) + " first name", "person")
        add(surname, family_label(surname), "person")
    # people named in "who was involved"
    named: Counter[str] = Counter()
    for event in document.get("events") or []:
        for source in event.get("sources") or []:
            who = (source.get("fields") or {}).get("who_involved") or ""
            for word in _CAPITALISED.findall(who):
                if word.casefold() not in ignore:
                    named[word] += 1
    for word, _count in named.most_common():
        if word in taken or any(word in t.name.split() for t in terms):
            continue
        n_person += 1
        add(word, labels["person"].format(n=n_person), "person")
    # agencies' own names for themselves (a school, a practice, a hospital)
    places: dict[str, int] = {}
    for f in document.get("files") or []:
        agency = f.get("agency") or "agency"
        for text in (f.get("agency_as_written") or "", (f.get("heading") or {}).get("agency") or ""):
            for piece in re.split(r"\s+-\s+|,|\(|\)", text):
                words = piece.split()
                if len(words) >= 2 and any(_CAPITALISED.fullmatch(w) and w.casefold() not in ignore for w in words):
                    places[agency] = places.get(agency, 0) + 1
                    add(piece.strip(), labels["place"].format(agency=agency, n=places[agency]), "place")
    return Glossary(terms)


def possible_names_left(document: dict[str, Any], glossary: Glossary, cfg=None) -> list[tuple[str, int]]:
    """Capitalised words, not at the start of a sentence, that are in no glossary line and look like names.

    ``document`` is the anonymised JSON; returns (word, times) most frequent first.
    """
    ignore = not_names(cfg, document)
    labels = {w for t in glossary.terms for w in re.findall(r"[\w'’-]+", t.replace_with)}
    counts: Counter[str] = Counter()
    for text in _strings(document):
        for m in _CAPITALISED.finditer(text):
            word = m.group(0)
            if word.casefold() in ignore or word in labels:
                continue
            if _SENTENCE_START.search(text[:m.start()]):
                continue
            counts[word] += 1
    return counts.most_common()
