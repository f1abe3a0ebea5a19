"""The typed data that flows through the pipeline.

read -> normalise -> merge -> detect -> report. Every stage takes and returns
these plain dataclasses; only ``read`` and ``report`` touch the file system.

The names mirror the public contract (``shared/contract/CHRONOLOGY_JSON.md``):
a :class:`Provenance` is the contract's ``(file, table, row)`` triple, an
:class:`Event` is one entry of ``events``, a :class:`Rejected` one entry of
``rejected`` and a :class:`FileReport` one entry of ``files``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal, Union

Precision = Literal["day", "month", "year"]
Seen = Literal["yes", "no", "unknown"]
Severity = Literal["high", "medium", "low"]
FileStatus = Literal["ok", "error"]

#: The roles a chronology column can play (the template's columns plus time).
ROLES: tuple[str, ...] = (
    "date",
    "time",
    "event",
    "agency",
    "who",
    "outcome",
    "seen",
    "comments",
)


@dataclass(frozen=True, order=True)
class Provenance:
    """Where a row came from, as a person would find it again.

    ``file`` is relative to the folder named on the command line; ``table`` is
    the 1-based Word table index (heading tables count), the Excel sheet name,
    or ``1`` for CSV; ``row`` is the 1-based row within that table / the Excel
    row number / the CSV line number (header = 1).
    """

    file: str
    table: Union[int, str]
    row: int

    def sort_key(self) -> tuple:
        return (self.file, str(self.table).zfill(6), self.row)

    def __str__(self) -> str:
        where = f"table {self.table}" if isinstance(self.table, int) else f"sheet '{self.table}'"
        return f"{self.file}, {where}, row {self.row}"


@dataclass
class Heading:
    """The details a submission gives about itself (template 000:1121-1151)."""

    name: str = ""
    dob: str = ""
    address: str = ""
    agency: str = ""
    author: str = ""
    other: dict[str, str] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not any((self.name, self.dob, self.address, self.agency, self.author))


@dataclass
class RawRow:
    """One data row exactly as the reader found it.

    ``cells`` maps each column heading (as written) to the cell text;
    ``fields`` maps a role from :data:`ROLES` to the text of the column mapped
    to it. Extra, unmapped columns stay in ``cells``. ``date_value`` carries a
    real date/datetime when the spreadsheet cell held one.
    """

    provenance: Provenance
    cells: dict[str, str]
    fields: dict[str, str]
    date_value: dt.datetime | dt.date | float | None = None


@dataclass
class FileReport:
    """The fate of one input file: accepted (``ok``) or refused (``error``)."""

    file: str
    sha256: str = ""
    format: str = ""
    status: FileStatus = "ok"
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    heading: Heading = field(default_factory=Heading)
    agency: str = ""
    agency_raw: str = ""
    author: str = ""
    #: role -> column heading as written, per table/sheet
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    unmapped_columns: list[str] = field(default_factory=list)
    rows_read: int = 0
    rows_rejected: int = 0
    #: the submission's own date: from its name/folder, else its latest entry
    submitted: dt.date | None = None
    #: how every physical row of the chronology tables was classified:
    #: class ("header", "repeated_header", "blank", "title", "note", "data") -> count
    ledger: dict[str, int] = field(default_factory=dict)
    #: the rows that are not data, each as (table, row, class, reason), for ``chrono check``
    ledger_rows: list[tuple[str, int, str, str]] = field(default_factory=list)
    #: a loud warning when the file does not fully say which child it is about
    #: (no heading, no DOB, a typo in the name); "" when it does
    identity_warning: str = ""
    #: a family chronology: the ids of the declared children this file is about (its heading's);
    #: empty for a single child's case
    children: list[str] = field(default_factory=list)

    def refuse(self, problem: str) -> None:
        self.status = "error"
        self.problems.append(problem)


@dataclass
class ReadResult:
    """What a reader returns: the file's report and its data rows."""

    report: FileReport
    rows: list[RawRow] = field(default_factory=list)


@dataclass
class Row:
    """A normalised data row: one agency's account of one event."""

    provenance: Provenance
    raw: dict[str, str]
    date: dt.date
    precision: Precision = "day"
    approximate: bool = False
    date_text: str = ""
    time: str | None = None
    event: str = ""
    agency: str = ""
    agency_raw: str = ""
    who: str = ""
    outcome: str = ""
    child_seen: Seen = "unknown"
    seen_text: str = ""
    comments: str = ""
    author: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    submitted: dt.date | None = None
    confidential: bool = False
    #: the last day of an episode written as a range ("12/03-15/03/24"); ``date`` is its first
    date_end: dt.date | None = None
    #: the row's recording/created date when the table also had one; never the event's date
    recorded: dt.date | None = None
    #: what the annotate stage read in the row's text (``chrono.text.Annotation``); set by
    #: ``chrono.text.annotate_rows`` between normalise and merge, never compared
    annotation: Any = field(default=None, compare=False, repr=False)
    #: a family chronology: the ids of the children this account concerns (its file's heading,
    #: narrowed by the children's first names in the row); empty for a single child's case
    children: list[str] = field(default_factory=list)
    #: read back from an earlier merged chronology (``chrono.read.composite``): the file it came
    #: through; such an account is last period's record, never "dropped" by an agency's new file
    imported_from: str = field(default="", compare=False)

    @property
    def key(self) -> Provenance:
        return self.provenance


@dataclass
class Rejected:
    """A data row that could not be used, with the reason a person can act on."""

    provenance: Provenance
    reason: str
    raw: dict[str, str] = field(default_factory=dict)


@dataclass
class Child:
    name: str = ""
    dob: dt.date | None = None
    address: str = ""
    #: the file whose heading gave ``address`` (the most recent heading that gives one)
    address_source: str = ""
    #: a family chronology's id for the child ("C1", "C2", ...); "" for a single child's case
    id: str = ""

    @property
    def first_name(self) -> str:
        """The first word of the name, as the accounts call the child ("Kai")."""
        words = (self.name or "").split()
        return words[0] if words else ""


@dataclass
class Event:
    """One real-world event, with every agency's account of it in ``sources``."""

    id: str
    date: dt.date
    precision: Precision
    approximate: bool
    time: str | None
    event: str
    agencies: list[str]
    who: str
    outcome: str
    child_seen: Seen
    comments: str
    sources: list[Row]
    categories: list[str] = field(default_factory=list)
    confidence: float = 1.0
    needs_review: bool = False
    #: field -> the differing values, when accounts disagree (never resolved silently)
    conflicts: dict[str, list[str]] = field(default_factory=dict)
    confidential: bool = False
    @property
    def date_end(self) -> dt.date | None:
        """The last day of the episode when an account wrote it as a range (the latest such day)."""
        ends = [r.date_end for r in self.sources if r.date_end is not None]
        return max(ends) if ends else None

    @property
    def seen_text(self) -> str:
        return "; ".join(dict.fromkeys(r.seen_text for r in self.sources if r.seen_text))

    @property
    def children(self) -> list[str]:
        """A family chronology: the children the accounts of this event concern (ids, in order)."""
        return sorted({c for r in self.sources for c in r.children})


@dataclass
class ReviewItem:
    """A pair of rows that may be the same event: a person decides."""

    fingerprint: str
    left: Row
    right: Row
    score: float
    reason: str = ""
    decision: Literal["same", "different", ""] = ""


@dataclass
class Flag:
    id: str
    rule: str
    severity: Severity
    start: dt.date
    end: dt.date
    summary: str
    events: list[str]
    #: a family chronology: the id of the child a per-child rule fired for ("" = the family)
    child: str = ""


@dataclass
class Changes:
    """What changed since the last merge into the same output folder."""

    new_events: list[str] = field(default_factory=list)
    edited_events: list[str] = field(default_factory=list)
    vanished: list[dict] = field(default_factory=list)
    previous_generated_at: str = ""


@dataclass
class Chronology:
    """The whole merged case: what ``chronology.json`` and the appendix show."""

    child: Child
    period_from: dt.date | None
    period_to: dt.date | None
    files: list[FileReport]
    events: list[Event]
    rejected: list[Rejected]
    flags: list[Flag] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)
    generated_at: str = ""
    area: str = ""
    warnings: list[str] = field(default_factory=list)
    #: how the child was chosen, in words ("named in 5 of 5 headings", "given with --child")
    child_basis: str = ""
    #: a family chronology (siblings of one conference): every declared child, ``child`` the
    #: first; empty for a single child's case
    children: list[Child] = field(default_factory=list)

    def child_by_id(self, child_id: str) -> Child | None:
        return next((c for c in self.children if c.id == child_id), None)
