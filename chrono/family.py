"""A family chronology: the children of one conference, and which of them each file and row concerns.

A conference considers all the children in the household (000:728) and most
conferences are for a sibling group. The children are *declared* (``--child
NAME --dob DD/MM/YYYY`` repeated, or ``[[children]]`` in the case's
``chrono.toml``); a submission about any declared child is accepted, one about
anyone else is refused exactly as for a single child (the different-child
guard stays strict, fails closed, and never names the other child).

A heading may name several children ("Tilly and Kai MARSH", "Tilly MARSH (DOB
03/02/21), Kai MARSH (DOB 10/10/22)"): :func:`heading_people` splits it into
one person per child, so no name is garbled. Each row of a family file
concerns the declared children its text names by first name, else all the
file's children (:func:`assign_rows`).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from chrono.config import ConfigError
from chrono.model import Child, FileReport, Heading, Row
from chrono.normalise.dates import parse_date
from chrono.normalise.identity import (UNCHECKED, Identity, PersonName, identity_warning, mismatch,
                                       split_name)

log = logging.getLogger("chrono")

_DATE = re.compile(r"\d{1,2}(?:st|nd|rd|th)?[\s/.\-]+(?:\d{1,2}|[A-Za-z]{3,9})[\s/.\-]+\d{2,4}")
_JOINERS = re.compile(r"\s+(?:and|&)\s+|\s*[;/+\n]\s*|\s+&\s+", re.I)


class FamilyError(ConfigError):
    """The declared children cannot be used (a name without a DOB, an unreadable date)."""


@dataclass(frozen=True)
class Declared:
    """One child as the user declared it, before ids are given."""

    name: str
    dob: dt.date | None


def declare(pairs: list[tuple[str, dt.date | None]]) -> list[Child]:
    """The declared children with their ids (C1, C2, ... in the order given); names shown 'First SURNAME'."""
    out = []
    for k, (name, dob) in enumerate(pairs, 1):
        person = split_name(name)
        if person is None:
            raise FamilyError(f"--child {name!r} is not a name: give the child as \"First SURNAME\".")
        out.append(Child(name=person.display(), dob=dob, id=f"C{k}"))
    return out


def children_from_config(entries: object, where: str = "chrono.toml") -> list[tuple[str, dt.date | None]]:
    """``[[children]]`` of a case's chrono.toml: each with ``name`` and ``dob`` (DD/MM/YYYY)."""
    if not isinstance(entries, list):
        raise FamilyError(f"{where}: children must be a list of tables: [[children]] name = \"...\" dob = \"...\"")
    out = []
    for k, item in enumerate(entries, 1):
        if not isinstance(item, dict) or not str(item.get("name", "")).strip():
            raise FamilyError(f"{where}: child {k} of [[children]] has no name: add name = \"First SURNAME\".")
        out.append((str(item["name"]).strip(), read_dob(str(item.get("dob", "")), f"{where}: child {k}'s dob")))
    return out


def read_dob(text: str, what: str) -> dt.date | None:
    """A declared date of birth (DD/MM/YYYY; two-digit years are in the past); '' gives None."""
    text = (text or "").strip()
    if not text:
        return None
    parsed = parse_date(text, dt.date.today())
    if parsed.error or parsed.date is None or parsed.precision != "day":
        raise FamilyError(f"{what} {text!r} is not a date: give it as DD/MM/YYYY.")
    day = parsed.date
    if day > dt.date.today():
        day = day.replace(year=day.year - 100)
    return day


# ---------------------------------------------------------------- headings naming several children

def _split_pieces(text: str) -> list[str]:
    # a DOB in brackets ("(DOB 03/02/21)") is kept whole while the names are split
    kept: list[str] = []
    masked = re.sub(r"\([^)]*\)", lambda m: kept.append(m.group(0)) or f"\x00{len(kept) - 1}\x00", text)
    pieces = [re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], p).strip(" ,")
              for p in _JOINERS.split(masked) if p and p.strip(" ,")]
    out: list[str] = []
    for piece in pieces:
        # "Tilly MARSH, Kai MARSH" or "Tilly, Kai and Ava MARSH" (several children),
        # but not "MARSH, Tilly" (surname first)
        parts = [p.strip() for p in re.sub(r"\([^)]*\)", lambda m: m.group(0).replace(",", " "), piece).split(",")]
        words = [re.findall(r"[^\W\d_]+", re.sub(r"\(.*?\)", " ", p)) for p in parts]
        surname_first = len(words[0]) == 1 and words[0][0].isupper() and len(words[0][0]) > 1
        if len(parts) > 1 and all(words) and (
                all(len(w) >= 2 for w in words) or (len(pieces) > 1 and not surname_first)):
            out.extend(parts)
        else:
            out.append(piece)
    return out


def heading_people(heading: Heading) -> list[tuple[PersonName, dt.date | None, str]]:
    """Each child a heading names, with its own DOB where the heading pairs one with it.

    Returns (name, dob, dob as written); one entry for an ordinary heading. A
    first name standing alone ("Tilly and Kai MARSH") takes the surname that follows.
    """
    text = (heading.name or "").replace("\u00a0", " ").strip()
    if not text:
        return []
    pieces = _split_pieces(text)
    people: list[tuple[PersonName, str]] = []
    for piece in pieces:
        inside = re.findall(r"\(([^)]*)\)", piece)
        dob_text = next((m.group(0) for s in inside for m in [_DATE.search(s)] if m), "")
        person = split_name(re.sub(r"\(.*?\)", " ", piece))
        if person is not None:
            people.append((person, dob_text))
    if not people:
        return []
    # a lone first name shares the surname written after it ("Tilly and Kai MARSH")
    for k, (person, dob_text) in enumerate(people):
        if not person.surname and len(people) > 1:
            later = next((p.surname for p, _ in people[k + 1:] if p.surname), ())
            if later:
                people[k] = (PersonName(person.first, later, person.written), dob_text)
    dobs = [d.strip() for d in re.split(r"[;,&]|\band\b", heading.dob or "") if _DATE.search(d)]
    out = []
    for k, (person, dob_text) in enumerate(people):
        if not dob_text:
            if len(people) == 1:
                dob_text = (heading.dob or "").strip()
            elif len(dobs) == len(people):
                dob_text = dobs[k]
        born = None
        if dob_text:
            parsed = parse_date(dob_text, dt.date.today())
            if not parsed.error and parsed.date is not None and parsed.precision == "day":
                born = parsed.date
                if born > dt.date.today():
                    born = born.replace(year=born.year - 100)
        out.append((person, born, dob_text))
    return out


def several_children(heading: Heading) -> bool:
    """The heading names more than one child."""
    try:
        return len(heading_people(heading)) > 1
    except Exception:  # noqa: BLE001 - a heading that cannot be split is checked as one name
        return False


#: The refusal in a single child's case of a heading that names several children.
SEVERAL = ("DIFFERENT CHILD: this file's heading names several children, not only the case's child. "
           "It has NOT been merged. For a family chronology declare every child of the conference "
           "(--child NAME --dob DD/MM/YYYY for each, or [[children]] in the case's chrono.toml) and run again.")


def single_mismatch(heading: Heading, child: Child) -> str | None:
    """:func:`~chrono.normalise.identity.mismatch` for a single child's case, a heading with
    several children included: one naming anybody but the case's child is refused."""
    try:
        people = heading_people(heading)
    except Exception:  # noqa: BLE001 - fail closed
        return UNCHECKED
    if len(people) <= 1:
        return mismatch(heading, child)
    return SEVERAL


def _person_heading(person: PersonName, dob_text: str) -> Heading:
    return Heading(name=person.display(), dob=dob_text)


def match_heading(heading: Heading, children: list[Child]) -> tuple[list[str], str | None]:
    """(the ids of the declared children a heading names, a refusal when it names anyone else).

    A heading with no name is matched by its DOB (a DOB that is no declared
    child's is refused); a heading with neither concerns all the children (with
    the usual loud warning). Fails closed.
    """
    try:
        people = heading_people(heading)
        if not people:
            if not (heading.dob or "").strip():
                return [c.id for c in children], None
            matched = [c.id for c in children if mismatch(heading, c) is None]
            if not matched:
                return [], mismatch(heading, children[0]) or UNCHECKED
            return matched, None
        ids: list[str] = []
        for person, _born, dob_text in people:
            h = _person_heading(person, dob_text)
            found = [c for c in children if mismatch(h, c) is None]
            if not found:
                reason = mismatch(h, children[0]) or UNCHECKED
                if len(children) > 1:
                    reason = reason.replace("not the case's child", "not one of the case's children")
                return [], reason
            # a first name shared by two declared children: the DOB decides, else both
            ids.extend(c.id for c in found if c.id not in ids)
        return ids, None
    except Exception:  # noqa: BLE001 - fail closed
        return [], UNCHECKED


def settle_family(reports: list[FileReport], children: list[Child], basis_given: str) -> Identity:
    """Refuse every accepted file about someone who is not a declared child; set ``children`` and warnings.

    Raises nothing itself: returns the :class:`Identity` (``conflict`` set when
    headings name children and none of them is declared, so nothing is written).
    """
    named = 0
    agreeing = 0
    for report in reports:
        if report.status != "ok":
            continue
        heading = report.heading
        if (heading.name or "").strip() or (heading.dob or "").strip():
            named += 1
        ids, reason = match_heading(heading, children)
        if reason:
            log.warning("%s: refused: different child", report.file)
            report.refuse(reason)
            report.heading = Heading(agency=heading.agency, author=heading.author)
            continue
        report.children = ids
        if (heading.name or "").strip() or (heading.dob or "").strip():
            agreeing += 1
        people = heading_people(heading)
        if len(people) <= 1:
            one = next((c for c in children if c.id in ids), None) if len(ids) == 1 else None
            warning = identity_warning(heading, one)
        else:
            warning = None
            if any(born is None for _, born, _ in people):
                warning = ("the heading names several children but not each one's date of birth: "
                           "check it is about these children")
        if warning:
            report.identity_warning = warning
            if warning not in report.warnings:
                report.warnings.append(warning)
    count = len(children)
    basis = f"a family of {count} child{'ren' if count != 1 else ''} {basis_given}; {agreeing} of {named} headings name them"
    conflict = ""
    if named and not agreeing:
        conflict = (f"none of the submissions' headings names the {count} declared child"
                    f"{'ren' if count != 1 else ''}: check each --child/--dob (or [[children]] in chrono.toml) "
                    "and the folder: nothing has been written")
    return Identity(children[0], basis, conflict, named)


# ---------------------------------------------------------------- rows

def _words(row: Row) -> set[str]:
    text = " ".join((row.event, row.who, row.outcome, row.seen_text, row.comments))
    return {w.casefold() for w in re.findall(r"[^\W\d_]+", text)}


def assign_rows(rows: list[Row], report: FileReport, children: list[Child]) -> None:
    """Each row of a family case: its file's child, or the file's children its text names, else all of them."""
    own = report.children or [c.id for c in children]
    firsts = {c.id: c.first_name.casefold() for c in children if c.id in own and c.first_name}
    for row in rows:
        if len(own) == 1:
            row.children = list(own)
            continue
        words = _words(row)
        named = [cid for cid in own if firsts.get(cid) and firsts[cid] in words]
        row.children = named or list(own)


def concerns(row: Row, child_id: str) -> bool:
    """The account is about the child (an account not assigned to anyone concerns them all)."""
    return not row.children or child_id in row.children


# ---------------------------------------------------------------- per-child views for the detect stage

def family_events(events: list, child: Child) -> list:
    """The events with an account about ``child``, each narrowed to those accounts (ids kept)."""
    import dataclasses

    out = []
    for event in events:
        own = [r for r in event.sources if concerns(r, child.id)]
        if own:
            out.append(event if len(own) == len(event.sources) else dataclasses.replace(event, sources=own))
    return out


def child_seen_rows(event, child: Child) -> list[Row]:
    """The accounts of ``event`` recording ``child`` as seen."""
    return [r for r in event.sources if r.child_seen == "yes" and concerns(r, child.id)]


def family_seen_events(events: list, child: Child) -> list:
    """The events at which ``child`` was seen (an account about the child says so), narrowed to them."""
    import dataclasses

    out = []
    for event in events:
        saw = child_seen_rows(event, child)
        if saw:
            own = [r for r in event.sources if concerns(r, child.id)]
            out.append(dataclasses.replace(event, sources=own, child_seen="yes"))
    return out


def youngest(row: Row, children: list[Child]) -> str:
    """The youngest of the children an account concerns (a "non-mobile" in a household's account is the baby's)."""
    own = [k for k in children if concerns(row, k.id)]
    dated = [k for k in own if k.dob]
    if dated:
        return max(dated, key=lambda k: k.dob).id
    return own[-1].id if own else ""
