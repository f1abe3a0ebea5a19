"""Which child the case is about, and which submissions are about someone else.

A chronology about the wrong child merged by mistake is a data breach, so
every heading is checked against the case's child. Headings write names as
"SURNAME, First", "First SURNAME", "SURNAME First" or with middle names, and
dates of birth in any of the date shapes, so both are compared loosely in
form and strictly in substance.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from chrono.model import Child, FileReport, Heading
from chrono.normalise.dates import parse_date

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_TITLES = {"mr", "mrs", "ms", "miss", "master", "dr", "baby", "child", "unborn", "name", "aka"}


@dataclass(frozen=True)
class PersonName:
    """A name split into first names and surname (lower case), with the name as written."""

    first: tuple[str, ...]
    surname: tuple[str, ...]
    written: str

    @property
    def tokens(self) -> frozenset[str]:
        return frozenset(self.first) | frozenset(self.surname)

    def display(self) -> str:
        """'First SURNAME', the form the appendix uses."""
        first = " ".join(w.capitalize() for w in self.first)
        surname = " ".join(w.upper() for w in self.surname)
        return " ".join(p for p in (first, surname) if p)


def split_name(text: str) -> PersonName | None:
    """Split a heading's name: a comma or an all-capitals word marks the surname."""
    text = re.sub(r"\(.*?\)", " ", (text or "").replace("\u00a0", " ")).strip()
    if not text:
        return None
    if "," in text:
        surname_part, first_part = text.split(",", 1)
        surname = _words(surname_part)
        first = _words(first_part)
    else:
        raw = [w for w in _WORD.findall(text) if w.lower() not in _TITLES]
        if not raw:
            return None
        capitals = [w for w in raw if len(w) > 1 and w.isupper()]
        if capitals and len(capitals) < len(raw):
            surname = tuple(w.lower() for w in raw if w in capitals)
            first = tuple(w.lower() for w in raw if w not in capitals)
        else:
            surname = (raw[-1].lower(),) if len(raw) > 1 else ()
            first = tuple(w.lower() for w in (raw[:-1] if len(raw) > 1 else raw))
    if not first and not surname:
        return None
    return PersonName(first, surname, text)


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD.findall(text) if w.lower() not in _TITLES)


def _same_word(a: str, b: str) -> bool:
    """Equal, an initial ("T"/"Tilly"), a short form ("Tom"/"Thomas"), or a one-letter typo in a long name."""
    if a == b:
        return True
    if (len(a) == 1 or len(b) == 1) and a[:1] == b[:1]:
        return True
    if len(a) >= 3 and len(b) >= 3 and (a.startswith(b) or b.startswith(a)):
        return True
    return min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= 88


def _overlap(a: tuple[str, ...] | frozenset[str], b: tuple[str, ...] | frozenset[str]) -> bool:
    return any(_same_word(x, y) for x in a for y in b)


def same_person(a: PersonName, b: PersonName) -> bool:
    """Same first name and same surname, whatever order the heading wrote them in."""
    return name_parts_match(a, b) == (True, True)


def name_parts_match(a: PersonName, b: PersonName) -> tuple[bool | None, bool | None]:
    """(first names agree, surnames agree); None where one side lacks the part.

    Order is not trusted ("Amelia Brennan" vs "Brennan Amelia"), so when the
    split disagrees the token sets decide.
    """
    first = _overlap(a.first, b.first) if a.first and b.first else None
    surname = _overlap(a.surname, b.surname) if a.surname and b.surname else None
    if first is True and surname is True:
        return True, True
    # a swapped order without capitals or comma: compare the sets crosswise
    if a.first and b.first and a.surname and b.surname:
        if _overlap(a.first, b.surname) and _overlap(a.surname, b.first):
            return True, True
    if not a.surname or not b.surname:
        if _overlap(a.tokens, b.tokens) and (len(a.tokens) == 1 or len(b.tokens) == 1):
            return True, None
    return first, surname


def heading_dob(heading: Heading, reference: dt.date | None = None) -> dt.date | None:
    """The heading's date of birth; two-digit years are read as the past (a child is born already)."""
    text = (heading.dob or "").strip()
    if not text:
        return None
    parsed = parse_date(text, reference or dt.date.today())
    if parsed.error or parsed.date is None or parsed.precision != "day":
        return None
    return parsed.date


def _fmt(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "not given"


@dataclass
class Identity:
    """Who the case is about, how that was decided, and any reason to stop before merging.

    ``basis`` says in words how the child was chosen (shown in the summary);
    ``conflict`` is set when ``--child``/``--dob`` match no heading although
    the headings name a child: merging would refuse every named submission,
    so the caller stops and shows it (it names the headings' child, for the
    user at the terminal only).
    """

    child: Child
    basis: str
    conflict: str = ""
    named: int = 0


def choose_child(reports: list[FileReport], name: str | None = None, dob: dt.date | None = None) -> Child:
    """The case's child: from ``--child``/``--dob``, else the name and DOB most headings share."""
    return identify(reports, name, dob).child


def _describe(name: str, born: dt.date | None) -> str:
    return f"{name or 'a child whose name is not given'} (DOB {_fmt(born)})"


def identify(reports: list[FileReport], name: str | None = None, dob: dt.date | None = None) -> Identity:
    """Choose the case's child and say how (see :class:`Identity`)."""
    from chrono.family import several_children

    candidates: list[tuple[PersonName | None, dt.date | None, str]] = []
    for report in reports:
        if report.status != "ok" and not report.heading.name:
            continue
        if several_children(report.heading):
            # a family's heading ("Tilly and Kai MARSH") names no single child: it would garble the
            # name; such a file is for a family chronology (chrono.family), refused in a single child's case
            continue
        heading = report.heading
        candidates.append((split_name(heading.name), heading_dob(heading), (heading.address or "").strip()))
    wanted = split_name(name) if name else None

    def agrees(person: PersonName | None, born: dt.date | None) -> bool:
        if wanted is not None and (person is None or not same_person(person, wanted)):
            return False
        if dob is not None and born != dob:
            return False
        return True

    # group headings that describe one child: same person and same DOB (a missing DOB joins any)
    groups: list[list[tuple[PersonName | None, dt.date | None, str]]] = []
    for person, born, address in candidates:
        if person is None and born is None:
            continue
        for group in groups:
            g_person = next((p for p, _, _ in group if p), None)
            g_born = next((b for _, b, _ in group if b), None)
            name_ok = person is None or g_person is None or same_person(person, g_person)
            dob_ok = born is None or g_born is None or born == g_born
            if name_ok and dob_ok:
                group.append((person, born, address))
                break
        else:
            groups.append([(person, born, address)])
    named = sum(len(g) for g in groups)
    given = " and ".join(x for x, v in (("--child", wanted or name), ("--dob", dob)) if v)
    if wanted is not None or dob is not None:
        eligible = [g for g in groups if any(agrees(p, b) for p, b, _ in g)]
        if not eligible:
            child = Child(name=wanted.display() if wanted else (name or ""), dob=dob, address="")
            conflict = ""
            if groups:
                ranked = sorted(groups, key=len, reverse=True)
                about = "; ".join(
                    f"{_describe(*_summary(g))} in {len(g)} of {named} headings" for g in ranked[:3])
                conflict = (f"{given} ({_describe(child.name, child.dob)}) match none of the submissions' "
                            f"headings, which are about {about}. Check the spelling and date of birth, "
                            "or the folder: nothing has been written")
            return Identity(child, f"given with {given}; no heading names this child", conflict, named)
    else:
        eligible = groups
    if not eligible:
        return Identity(Child(), "no submission names the child", named=named)
    file_words = [set(re.findall(r"[a-z]+", r.file.lower())) for r in reports]

    def named_in_files(group) -> int:
        """How many file names carry the group's surname: breaks a tie between two children."""
        person = next((p for p, _, _ in group if p), None)
        if person is None or not person.surname:
            return 0
        return sum(1 for words in file_words if set(person.surname) & words)

    best = max(eligible, key=lambda g: (len(g), named_in_files(g), sum(1 for p, b, _ in g if p and b)))
    chosen_name, chosen_dob = _summary(best)
    addresses = Counter(a for _, _, a in best if a)
    if wanted:
        chosen_name = wanted.display()
    chosen_dob = dob or chosen_dob
    if given:
        basis = f"given with {given}; {len(best)} of {named} headings agree"
    elif len(groups) > 1:
        basis = (f"named in {len(best)} of {named} headings (the most); "
                 f"the others name {len(groups) - 1} other child{'ren' if len(groups) > 2 else ''}")
    else:
        basis = f"named in {len(best)} of {named} heading{'s' if named != 1 else ''}"
    return Identity(Child(name=chosen_name, dob=chosen_dob,
                          address=addresses.most_common(1)[0][0] if addresses else ""), basis, named=named)


def _summary(group) -> tuple[str, dt.date | None]:
    """The fullest name most of a group's headings give, and their commonest DOB."""
    names = Counter(p.display() for p, _, _ in group if p)
    dobs = Counter(b for _, b, _ in group if b)
    chosen = ""
    if names:
        # prefer the fullest spelling among the agreeing headings (middle names included)
        top = names.most_common(1)[0][1]
        chosen = max((n for n, c in names.items() if c == top), key=lambda n: (len(n.split()), n))
    return chosen, (dobs.most_common(1)[0][0] if dobs else None)


#: The refusal when the check itself fails: the guard fails closed.
UNCHECKED = ("DIFFERENT CHILD?: the heading could not be checked against the case's child, so this file has "
             "NOT been merged. Check its heading (name and date of birth) and run again.")


def mismatch(heading: Heading, child: Child) -> str | None:
    """A loud reason when ``heading`` is about a different child than ``child``; None when it is not.

    Any disagreement of first name, surname or DOB is a refusal (a one-letter
    typo in a long name is not: see :func:`identity_warning`). A heading
    without the name but with the right DOB, or with neither, is not a
    mismatch (see :func:`identity_warning` for the warning). The reason never
    names the other child: it is shown in the chair's copy. The guard fails
    closed: an error while checking refuses the file.
    """
    try:
        return _mismatch(heading, child)
    except Exception:  # noqa: BLE001 - fail closed
        return UNCHECKED


def _mismatch(heading: Heading, child: Child) -> str | None:
    theirs = split_name(heading.name)
    ours = split_name(child.name)
    born = heading_dob(heading)
    dob_differs = child.dob is not None and born is not None and born != child.dob
    first_ok, surname_ok = (name_parts_match(theirs, ours) if theirs and ours else (None, None))
    name_differs = theirs is not None and ours is not None and (first_ok is False or surname_ok is False)
    sibling = surname_ok is True and first_ok is False

    reason = None
    if dob_differs and name_differs:
        reason = "the name and date of birth do not match"
    elif dob_differs:
        reason = "the name matches but the date of birth does not" if theirs and ours else \
            "the date of birth does not match"
    elif name_differs and first_ok is False:
        reason = ("same surname but a different first name (a twin or sibling?)"
                  if sibling else "the name does not match")
    elif name_differs:
        reason = "the first name matches but the surname does not"
    if reason is None:
        return None
    hint = " It looks like a sibling's chronology." if sibling or (surname_ok and dob_differs) else ""
    return (f"DIFFERENT CHILD: this file is about another child, not the case's child: {reason}.{hint} "
            "It has NOT been merged. Return it to the sender — it may be a data breach.")


def heading_child(heading: Heading) -> str:
    """The child a heading names, as 'First SURNAME (DOB dd/mm/yyyy)', for the user running
    ``chrono check`` (never for the appendix)."""
    if not (heading.name or "").strip() and not (heading.dob or "").strip():
        return "not named (no heading with a name or date of birth)"
    from chrono.family import heading_people

    people = heading_people(heading)
    if len(people) > 1:  # a family's heading: each child with its own DOB, never run together
        return ", ".join(f"{p.display()} (DOB {_fmt(born) if born else (written or 'not given')})"
                         for p, born, written in people)
    person = split_name(heading.name)
    shown = person.display() if person else (heading.name or "").strip()
    born = heading_dob(heading)
    dob = _fmt(born) if born else ((heading.dob or "").strip() or "not given")
    return f"{shown or 'no name given'} (DOB {dob})"


def identity_warning(heading: Heading, child: Child | None = None) -> str | None:
    """A loud warning when a submission does not fully say which child it is about.

    No heading, a heading without a name or without a readable DOB, or a name
    that agrees with the case's child only allowing for a typo. Shown in merge,
    check and the appendix's file list (``FileReport.identity_warning``).
    """
    name, dob = (heading.name or "").strip(), (heading.dob or "").strip()
    if not name and not dob:
        return ("no heading naming the child (no name, no date of birth): check it is about this child "
                "and ask the agency to use the template heading")
    if dob and heading_dob(heading) is None:
        return "the date of birth could not be read: check it is about this child"
    if not dob:
        return "the heading gives no date of birth: check it is about this child"
    if not name:
        return "the heading gives no name (date of birth only): check it is about this child"
    if child is not None and child.name:
        theirs, ours = split_name(name), split_name(child.name)
        if theirs and ours and name_parts_match(theirs, ours) == (True, True) and _typo(theirs, ours):
            return ("the child's name is written differently here (an initial or a typo?): "
                    "check it is about this child")
    return None


def _typo(theirs: PersonName, ours: PersonName) -> bool:
    """A word of ``theirs`` agrees with one of ``ours`` only as a near-spelling."""
    for word in theirs.tokens:
        if any(word == x or (min(len(word), len(x)) >= 3 and (word.startswith(x) or x.startswith(word)))
               for x in ours.tokens):
            continue
        if any(_same_word(word, x) for x in ours.tokens):
            return True
    return False


def missing_identity(heading: Heading) -> str | None:
    """A warning when a submission does not say which child it is about (see :func:`identity_warning`)."""
    return identity_warning(heading)
