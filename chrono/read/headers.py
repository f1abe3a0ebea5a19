"""Column mapping and heading fields: which column is the date, which the event.

Submissions rename, reorder and add columns freely, so a header row is mapped
to the roles of :data:`chrono.model.ROLES` with the synonym lists of
``chrono/data/columns.toml`` (exact first, then rapidfuzz), and the child's
details are read from ``Key: value`` text or key/value table rows with the
``[heading]`` key lists. Nothing here touches the file system.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from chrono.config import Config
from chrono.model import ROLES, Heading

_PUNCT = re.compile(r"[/\\\-:?().,;_*'’\"\[\]|]+")
_SPACE = re.compile(r"\s+")
_DOB_INSIDE = re.compile(
    r"[(\[,;-]?\s*\b(?:d\.?\s?o\.?\s?b\.?|date of birth|born)\b\s*[:\-]?\s*"
    r"(?P<dob>\d{1,2}(?:st|nd|rd|th)?[\s/.\-]+(?:\d{1,2}|[A-Za-z]{3,9})[\s/.\-]+\d{2,4})\s*[)\]]?",
    re.I,
)
_DATA_LIKE = re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}|^\W*(?:19|20)\d{2}\W*$"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:19|20)?\d{2}\b", re.I)

#: a cell that is only a number (a row-number column): never a heading
_NUMBER_CELL = re.compile(r"^\s*\d+\s*\.?\s*$")

HEADING_FIELDS: tuple[str, ...] = ("name", "dob", "address", "agency", "author")


def norm(text: str) -> str:
    """Heading text in comparable form: lower case, '&' -> 'and', no punctuation."""
    text = (text or "").replace("\u00a0", " ").lower().replace("&", " and ")
    text = text.replace("’", "'").replace("'s ", "s ")
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


@dataclass
class HeaderMap:
    """A header row mapped to roles: role -> column index, and every heading."""

    headings: list[str]
    roles: dict[str, int] = field(default_factory=dict)

    @property
    def normed(self) -> list[str]:
        """The headings in :func:`norm` form (computed once; a row is compared with them)."""
        cached = self.__dict__.get("_normed")
        if cached is None or len(cached) != len(self.headings):
            cached = [norm(h) for h in self.headings]
            self.__dict__["_normed"] = cached
        return cached

    @property
    def role_headings(self) -> dict[str, str]:
        return {role: self.headings[i] for role, i in self.roles.items()}

    @property
    def unmapped(self) -> list[str]:
        used = set(self.roles.values())
        return [h for i, h in enumerate(self.headings) if i not in used and h.strip()]

    def is_chronology(self) -> bool:
        """Date + event, or date + two other roles, or event + two others (date missing)."""
        have = set(self.roles) - {"recorded", "date_end"}
        if "date" in have and ("event" in have or len(have) >= 3):
            return True
        return "event" in have and len(have) >= 4


def _phrase_pair(subjects: list[str], acts: list[str]) -> re.Pattern | None:
    """A pattern for a subject phrase and an act phrase in either order, whole words,
    in :func:`norm` form (a subject may take a plural or possessive "s")."""
    subj = sorted({norm(s) for s in subjects if norm(s)}, key=len, reverse=True)
    act = sorted({norm(a) for a in acts if norm(a)}, key=len, reverse=True)
    if not subj or not act:
        return None
    s_alt = "|".join(re.escape(s) + "s?" for s in subj)
    a_alt = "|".join(re.escape(a) for a in act)
    return re.compile(rf"\b(?:{s_alt})\b.*\b(?:{a_alt})\b|\b(?:{a_alt})\b.*\b(?:{s_alt})\b")


class ColumnMapper:
    """Maps header rows to roles using the ``[columns]`` policy."""

    def __init__(self, cfg: Config):
        from chrono.normalise.seen import seen_answers

        section = cfg.section("columns")
        #: how people answer the seen column, to find one by its values
        self.seen_answers = seen_answers(cfg)
        self.cutoff = float(section.get("fuzzy_cutoff", 86))
        self.max_chars = int(section.get("max_heading_chars", 60))
        self.max_columns = int(section.get("max_header_columns", 256))
        self.strong: dict[str, str] = {}
        self.weak: dict[str, str] = {}
        for role, spec in section.get("roles", {}).items():
            if role not in ROLES:
                continue
            for syn in spec.get("synonyms", []):
                self.strong.setdefault(norm(syn), role)
            for syn in spec.get("weak", []):
                self.weak.setdefault(norm(syn), role)
        self.extra = {norm(n) for n in section.get("extra", {}).get("names", [])}
        self.keyword_order = [r for r in section.get("keyword_order", ROLES) if r in ROLES]
        self.keywords = {
            role: [norm(k) for k in section.get("roles", {}).get(role, {}).get("keywords", [])]
            for role in self.keyword_order
        }
        self.keyword_exclude = {norm(k) for k in section.get("keyword_exclude", [])}
        seen_spec = section.get("roles", {}).get("seen", {})
        self._seen_heading = _phrase_pair(seen_spec.get("subjects", []), seen_spec.get("acts", []))
        self.seen_not_words = {norm(w) for w in seen_spec.get("not_words", [])}
        self.seen_value_share = float(seen_spec.get("value_share", 0.7))
        self.seen_value_min = int(seen_spec.get("value_min", 2))
        #: headings of privacy columns ("Confidential"): never the seen column by its values
        self.privacy = {norm(c) for c in cfg.section("privacy").get("columns", [])}
        self._choices = list(self.strong)
        self.keyword_rank = {r: k for k, r in enumerate(self.keyword_order)}
        #: roles a weak synonym may take from another role's column
        self.essential = ("date", "event")
        date_spec = section.get("roles", {}).get("date", {})
        #: headings of a recording/created date ("Date Created", "Input date"): kept, never the event's date
        self.recorded = {norm(h) for h in date_spec.get("recorded", []) if norm(h)}
        self.recorded_words = {norm(w) for w in date_spec.get("recorded_words", []) if norm(w)}
        self.event_date_words = {norm(w) for w in date_spec.get("event_words", []) if norm(w)}
        self.start_words = {norm(w) for w in date_spec.get("start_words", []) if norm(w)}
        self.end_words = {norm(w) for w in date_spec.get("end_words", []) if norm(w)}
        ledger = section.get("ledger", {})
        #: a row under the header whose only text starts with one of these is a note, not an entry
        self.note_prefixes = tuple(norm(p) for p in ledger.get("note_prefixes", []) if norm(p))

    # scores of one (column, role) pair: an exact synonym beats a heading whose
    # "/"-separated parts are synonyms, which beats a near-exact (fuzzy) synonym,
    # which beats a heading that merely contains a role's keywords
    EXACT, PARTS_ALL, PARTS_FIRST, PARTS_OTHER, KEYWORD = 100.0, 96.0, 94.0, 84.0, 70.0
    #: a heading naming the child and seeing/speaking to them ("Pupil spoken to?")
    CHILD_SEEN = 97.0
    _SPLIT = re.compile(r"\s*(?:[/|;+]|\s-\s|\s–\s)\s*")
    #: endings a keyword may take and still count ("action" -> "actions", "attend" -> "attended")
    _SUFFIXES = ("", "s", "es", "d", "ed")

    def scores(self, heading: str) -> dict[str, tuple[float, bool]]:
        """Every role a heading could be: role -> (score, weak). Empty when none."""
        n = norm(heading)
        if not n or len(heading) > self.max_chars:
            return {}
        out: dict[str, tuple[float, bool]] = {}
        if n in self.weak:
            out[self.weak[n]] = (self.EXACT, True)
        if n in self.strong:
            out[self.strong[n]] = (self.EXACT, False)
            return out
        if n in self.extra:
            return out

        def offer(role: str, score: float) -> None:
            if role not in out or out[role][1] or out[role][0] < score:
                out[role] = (score, False)

        parts = [norm(p) for p in self._SPLIT.split(heading) if norm(p)]
        if len(parts) >= 2:
            # each part: (role, how far from a synonym: 0 exact, 4 fuzzy), or None
            part_roles: list[tuple[str, float] | None] = []
            for p in parts:
                if p in self.strong:
                    part_roles.append((self.strong[p], 0.0))
                else:
                    role_p = self._fuzzy(p)[0]
                    part_roles.append((role_p, 4.0) if role_p else None)
            named = [pr for pr in part_roles if pr]
            if named and part_roles[0] and all(r == named[0][0] for r, _ in named):
                offer(named[0][0], self.PARTS_ALL - min(d for _, d in named))
            else:
                for k, pr in enumerate(part_roles):
                    if pr:
                        offer(pr[0], (self.PARTS_FIRST if k == 0 else self.PARTS_OTHER) - pr[1])
        if self.names_child_seen(n):
            offer("seen", self.CHILD_SEEN)
        role, score = self._fuzzy(n)
        if role:
            offer(role, min(score, 99.0) - 6.0)  # 84..93: below a heading made of synonyms
        for role, score in self._keyword_scores(n).items():
            offer(role, score)
        return out

    def names_child_seen(self, normed: str) -> bool:
        """A heading (in :func:`norm` form) naming the child and their being seen or heard.

        "Pupil spoken to", "YP seen by officers", "C/YP views": a subject word and
        an act word of ``[columns.roles.seen]``, and none of its ``not_words``
        ("Date child seen", "Child seen by (name)").
        """
        if self._seen_heading is None or len(normed.split()) > 10:
            return False
        if any(w in self.seen_not_words for w in normed.split()):
            return False
        return bool(self._seen_heading.search(normed))

    def _fuzzy(self, normed: str) -> tuple[str | None, float]:
        best = process.extractOne(normed, self._choices, scorer=fuzz.ratio, score_cutoff=self.cutoff)
        return (self.strong[best[0]], float(best[1])) if best is not None else (None, 0.0)

    def _keyword_scores(self, normed: str) -> dict[str, float]:
        """Roles whose keywords a heading contains, scored by how many it contains.

        Whole words only (with a plural or past-tense ending), so "Presenting"
        is not "present"; a heading with an excluded word ("Recorded by",
        "Type of contact") has none. Equal counts go to the role first in
        ``keyword_order``.
        """
        words = normed.split()
        if not words or len(words) > 8 or any(w in self.keyword_exclude for w in words):
            return {}
        out: dict[str, float] = {}
        n_roles = len(self.keyword_order)
        for rank, role in enumerate(self.keyword_order):
            kws = self.keywords.get(role, [])
            hits = sum(1 for w in words if any(w == kw + suf for kw in kws for suf in self._SUFFIXES))
            if hits:
                out[role] = self.KEYWORD + 4.0 * min(hits, 3) + (n_roles - rank) / (10.0 * n_roles)
        return out

    def map(self, cells: list[str]) -> HeaderMap:
        """Map one row of headings; each role goes to at most one column, each column to one role.

        Every (column, role) pair is scored (:meth:`scores`) and pairs are
        taken best first, so a column that is plainly one role ("Notes" is
        comments) is not claimed by a weaker reading for another. Weak
        synonyms ("Date recorded", "Notes" as the event) come last: they fill
        a role no column claims, and the date and the event -- without which
        there is no chronology -- may take such a column from a lesser role.
        """
        hm = HeaderMap(headings=[c.strip() for c in cells])
        pairs = []
        for i, cell in enumerate(cells[: self.max_columns]):
            for role, (score, weak) in self.scores(cell).items():
                pairs.append((weak, -score, i, self.keyword_rank.get(role, 99), role))
        pairs.sort()
        owner: dict[int, str] = {}
        for weak, _neg, i, _rank, role in pairs:
            if weak or role in hm.roles or i in owner:
                continue
            hm.roles[role] = i
            owner[i] = role
        for weak, _neg, i, _rank, role in pairs:
            if not weak or role in hm.roles:
                continue
            if i not in owner:
                hm.roles[role] = i
                owner[i] = role
            elif role in self.essential and owner[i] not in self.essential:
                del hm.roles[owner[i]]
                hm.roles[role] = i
                owner[i] = role
        self._event_date_first(hm, cells)
        return hm

    def is_heading(self, cell: str) -> bool:
        """A cell that reads as a column heading: it names a role, or is a known extra column."""
        n = norm(cell)
        return bool(n) and (n in self.extra or n in self.weak or self.is_recorded_date(cell)
                            or bool(self.scores(cell)))

    def is_recorded_date(self, heading: str) -> bool:
        """A heading naming when an entry was recorded, not when the event happened (000:1137)."""
        n = norm(heading)
        if not n or len(heading) > self.max_chars:
            return False
        if n in self.recorded:
            return True
        words = n.split()
        return any(w in self.recorded_words for w in words) and (
            "date" in words or "when" in words or "time" in words or "on" in words)

    def _event_date_first(self, hm: HeaderMap, cells: list[str]) -> None:
        """With several date columns, the event's date is the date; a recording date is ``recorded``.

        A police export's "Date Created" before its "Occurred Date", a health
        record's "Input date" beside its "Date of contact": the column whose
        heading says when it was recorded (``[columns.roles.date] recorded`` /
        ``recorded_words``) never gives the event's date or time while another
        date column exists; it is kept as the ``recorded`` role. Among the
        others, a heading with an ``event_words`` word ("Occurred", "Incident")
        goes first. A pair such as "Occurred From" / "Occurred To" or
        "Admission date" / "Discharge date" (``start_words`` / ``end_words``)
        gives the date and the episode's end (``date_end``).
        """
        recorded, dated = [], []
        for i, cell in enumerate(cells[: self.max_columns]):
            if not cell or not cell.strip():
                continue
            if self.is_recorded_date(cell):
                recorded.append(i)
            elif "date" in self.scores(cell) or hm.roles.get("date") == i:
                dated.append(i)
        starts = [i for i in dated if set(norm(cells[i]).split()) & self.start_words]
        ends = [i for i in dated if i not in starts and set(norm(cells[i]).split()) & self.end_words]
        if not recorded and not (starts and ends):
            return

        def take(role: str, i: int) -> None:
            for r, j in list(hm.roles.items()):
                if j == i or r == role:
                    del hm.roles[r]
            hm.roles[role] = i

        current = hm.roles.get("date")
        if starts and ends:
            take("date", starts[0])
            take("date_end", ends[0])
        elif dated and (current is None or current in recorded):
            eventish = [i for i in dated if set(norm(cells[i]).split()) & self.event_date_words]
            take("date", (eventish or dated)[0])
        if hm.roles.get("date") in recorded:
            return  # the only date the table has: used, as the weak synonyms allow
        for i in recorded:  # a recording date or time never gives the event's
            for r, j in list(hm.roles.items()):
                if j == i:
                    del hm.roles[r]
        if recorded:
            hm.roles["recorded"] = recorded[0]

    def exact_roles(self, cells: list[str]) -> HeaderMap:
        """Roles of the headings that are exactly a synonym, over the whole row (no column cap).

        Cheap enough for a row of thousands of cells: used to explain why a
        very wide table was not read, never to read it.
        """
        hm = HeaderMap(headings=[c.strip() for c in cells])
        for i, cell in enumerate(cells):
            if cell and len(cell) <= self.max_chars:
                role = self.strong.get(norm(cell))
                if role and role not in hm.roles:
                    hm.roles[role] = i
        return hm

    def header(self, cells: list[str]) -> HeaderMap | None:
        """The mapping when ``cells`` reads as a chronology header row, else None.

        A row holding a date or a year is data, however its words read.
        """
        if any(_DATA_LIKE.search(c) or _NUMBER_CELL.match(c) for c in cells[: self.max_columns]):
            return None  # a row number ("12 | TBC | ...") makes it an entry, whatever its words
        hm = self.map(cells)
        return hm if hm.is_chronology() else None


class HeadingReader:
    """Reads the submission's heading (child, agency, author) from key/value text."""

    def __init__(self, cfg: Config):
        section = cfg.section("columns").get("heading", {})
        self.keys: dict[str, str] = {}
        for fld in HEADING_FIELDS:
            for k in section.get(fld, []):
                self.keys.setdefault(norm(k), fld)
        self.placeholders = {norm(c) for c in section.get("placeholder_creators", [])}
        kw = section.get("keywords", {})
        self.keyword_order = [f for f in kw.get("order", []) if f in HEADING_FIELDS]
        self.key_words = {f: {norm(w) for w in kw.get(f, [])} for f in self.keyword_order}
        self.key_exclude = {norm(w) for w in kw.get("exclude", [])}
        self.title_patterns = [re.compile(p, re.I) for p in section.get("title_patterns", [])]
        #: words that make a title line name the child or subject, never the agency
        self.title_not_agency = [norm(w) for w in section.get("title_not_agency", []) if norm(w)]
        # "Key: value" anywhere in a line, for several keys on one line
        alts = sorted({re.escape(k) for fld in HEADING_FIELDS for k in section.get(fld, [])},
                      key=len, reverse=True)
        self._inline = re.compile(
            r"(?:^|(?<=\s)|(?<=\|)|(?<=;)|(?<=,))\s*(" + "|".join(alts) + r")\s*:\s*",
            re.I,
        ) if alts else None

    def add_creator(self, heading: Heading, creator: str | None) -> bool:
        """The file's author property, when the heading names no author."""
        creator = (creator or "").strip()
        if heading.author or not creator or norm(creator) in self.placeholders:
            return False
        heading.author = creator
        heading.other.setdefault("Author (from file properties)", creator)
        return True

    def field_for(self, key: str) -> str | None:
        """The heading field a key cell names (``DOB:``, ``Agency completing chronology``), or None."""
        n = norm(key)
        if n in self.keys:
            return self.keys[n]
        words = n.split()
        if not words or len(words) > 6 or any(ch.isdigit() for ch in n):
            return None
        for fld in self.keyword_order:
            if fld != "dob" and any(w in self.key_exclude for w in words):
                return None  # "Date completed", "Multi-agency chronology"
            if any(w in self.key_words.get(fld, ()) for w in words):
                return fld
        return None

    def add(self, heading: Heading, key: str, value: str) -> bool:
        """Record ``key: value`` if the key is a heading field; first value wins."""
        value = _SPACE.sub(" ", (value or "")).strip(" ,;|")
        if not value:
            return False
        fld = self.field_for(key)
        if fld == "name":
            # "Name: Testy McTest (DOB 01/02/2020)": the date of birth rides along
            m = _DOB_INSIDE.search(value)
            # several children each with their DOB ("Tilly X (DOB ..), Kai X (DOB ..)"): kept whole
            # for chrono.family to pair each name with its own date
            if m and len(_DOB_INSIDE.findall(value)) > 1:
                heading.dob = heading.dob or m.group("dob").strip()
            elif m:
                heading.dob = heading.dob or m.group("dob").strip()
                value = (value[: m.start()] + value[m.end():]).strip(" ,;|-–")
        if fld is None:
            k = key.strip().rstrip(":").strip()
            if k and len(k) <= 40 and k not in heading.other:
                heading.other[k] = value
            return False
        if not getattr(heading, fld):
            setattr(heading, fld, value)
        return True

    def add_pairs(self, heading: Heading, cells: list[str]) -> int:
        """A heading-table row: each key takes the next non-empty cell as its value.

        Empty (merged) cells between a key and its value are skipped; two keys
        side by side (``Name | DOB``) are a horizontal layout, see :meth:`add_table`.
        """
        found = 0
        filled = [c.strip() for c in cells if c.strip()]
        i = 0
        while i < len(filled):
            key = filled[i]
            if self.field_for(key) and i + 1 < len(filled) and not self.field_for(filled[i + 1]):
                found += self.add(heading, key, filled[i + 1])
                i += 2
                continue
            i += 1
        if len(filled) == 2 and not self.field_for(filled[0]) and ":" not in filled[0]:
            key = filled[0].rstrip(":").strip()
            if len(key) <= 40 and norm(key) != norm(filled[1]):
                heading.other.setdefault(key, filled[1])
        for c in filled:  # "Name: X" written in one cell
            found += self.add_line(heading, c)
        return found

    def add_table(self, heading: Heading, rows: list[list[str]]) -> int:
        """A heading table or cover sheet: ``Key | value`` rows, or keys in a row with values below."""
        found, i = 0, 0
        while i < len(rows):
            cells = rows[i]
            filled = [c for c in cells if c.strip()]
            if len(filled) >= 2 and all(self.field_for(c) for c in filled) and i + 1 < len(rows):
                below = rows[i + 1]
                for j, c in enumerate(cells):
                    if c.strip() and j < len(below):
                        found += self.add(heading, c, below[j])
                i += 2
                continue
            found += self.add_pairs(heading, cells)
            i += 1
        return found

    def add_line(self, heading: Heading, line: str) -> int:
        """``Name: X    DOB: Y`` text (one or several keys); returns fields found."""
        if not self._inline:
            return 0
        if ":" not in line:
            if "\t" in line:  # "Name<TAB>value" typed with a tab instead of a colon
                parts = [p for p in line.split("\t")]
                if len(parts) >= 2 and self.field_for(parts[0]):
                    return self.add(heading, parts[0], " ".join(parts[1:]))
            return 0
        found = 0
        for text in line.splitlines():
            matches = list(self._inline.finditer(text))
            for m, nxt in zip(matches, matches[1:] + [None]):
                value = text[m.end(): nxt.start() if nxt else len(text)]
                found += self.add(heading, m.group(1), value)
        return found

    def add_title(self, heading: Heading, line: str) -> bool:
        """"Chronology - <agency>" titles give the agency when no field did."""
        if heading.agency:
            return False
        for pat in self.title_patterns:
            m = pat.match(line.strip())
            if m and m.group("agency").strip():
                agency = self._agency_part(m.group("agency"), heading)
                if agency:
                    heading.agency = agency
                    return True
        return False

    _TITLE_PARTS = re.compile(r"\s+[-–—|]\s+|\s*[;,(\[]\s*|\s*[)\]]\s*")

    def names_child(self, text: str, heading: Heading | None = None) -> bool:
        """A text that names the child or the subject ("Subject child: X", "re: X", "DOB 01/02/20").

        Such a line is never an agency, however a title pattern reads it.
        """
        n = norm(text)
        if not n:
            return False
        words = n.split()
        if any((" " in w and f" {w} " in f" {n} ") or w in words for w in self.title_not_agency):
            return True
        if _DATA_LIKE.search(text):
            return True
        if self._inline and any(self.field_for(m.group(1)) in ("name", "dob", "address")
                                for m in self._inline.finditer(text)):
            return True
        if heading is not None and heading.name:
            name_words = {w for w in norm(heading.name).split() if len(w) > 2}
            if name_words and name_words <= set(words):
                return True
        return False

    def _agency_part(self, text: str, heading: Heading) -> str:
        """The part of a title's tail that names the agency, without the child's details.

        "Police - Subject child: Testy McTest" gives "Police"; "Subject child:
        Testy McTest (DOB 01/02/20)" gives nothing.
        """
        text = text.strip()
        if not self.names_child(text, heading):
            return text
        for part in self._TITLE_PARTS.split(text):
            part = part.strip(" :-")
            if part and not self.names_child(part, heading) and ":" not in part:
                return part
        return ""
