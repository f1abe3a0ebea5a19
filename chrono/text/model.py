"""What the annotate stage says about a row's text (carried on ``Row.annotation``).

Frozen: an annotation is computed once per distinct text and shared by every
row that repeats it (an agency's monthly resubmissions).
"""

from __future__ import annotations

from dataclasses import dataclass

from chrono.text.dates import NamedDate

#: the row field a hit was found in
Field = str  # "event", "comments", "cell", "outcome", "heading"


@dataclass(frozen=True)
class ConceptHit:
    """A concept named in a clause, and how: ``occurred``, ``reported`` (in news of an event
    recorded elsewhere), ``mentioned``, ``negated`` or ``planned``.

    ``clause`` is the evidence (the sentence, after spelling correction); ``via``
    says which phrasing found it: ``phrase`` (any account), ``agency`` (a
    phrasing that counts only in that agency's own accounts) or ``heading``
    (the agency's own row has a value under a heading such as "Arrival").
    ``dates`` are the dates the clause names.
    """

    concept: str
    mode: str
    clause: str
    field: Field
    via: str = "phrase"
    dates: tuple[NamedDate, ...] = ()

    @property
    def counts(self) -> bool:
        """The concept happened (first-hand or reported second-hand)."""
        return self.mode in ("occurred", "reported")


@dataclass(frozen=True)
class Folding:
    """What merge compares: normalised words and the concepts accounts of one event share."""

    norm: str
    words: frozenset[str]
    concepts: frozenset[str]
    full_norm: str
    #: concepts of every text field plus those the agency implies (an ED's rows are attendances)
    full_concepts: frozenset[str]
    #: the entry names the day before its own ("last night", "yesterday"): news comes a day late
    day_before: bool
    #: the meetings the entry's first clause is ("Core group. ...")
    meetings: frozenset[str]
    #: concepts implied by the agency alone
    implied: frozenset[str]
    #: every folding concept the entry names, with its mode (occurred, planned, negated)
    modes: tuple[tuple[str, str], ...] = ()
    #: proper nouns the entry names inside a sentence (a place, a hostel, a school, a person),
    #: lower case: two agencies' accounts sharing a rare one are likely one event
    names: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Annotation:
    """Everything chrono reads from one row's text, read once.

    ``categories`` are the rule categories the row's account supports (an
    event's categories are the union over its accounts); ``hits`` the evidence.
    ``dates`` are the dates the entry's text names (unresolved); ``notice``
    says the entry is news of an event recorded elsewhere (a letter, a
    notification, a liaison note); ``own_event`` that its first clause names an
    event of its own (a visit, an attendance). ``cues`` are the named cues of
    ``[cues]`` the entry matches (rules ask about them); ``text_cues`` those any
    of the row's descriptive texts match. ``sites`` are places named
    ``(key-ready name)``; ``people`` the roles named.
    """

    #: the digest of the vocabulary that made it (a different configuration annotates again)
    vocabulary: str
    entry: str
    clauses: tuple[str, ...]
    hits: tuple[ConceptHit, ...]
    categories: frozenset[str]
    dates: tuple[NamedDate, ...]
    notice: bool
    own_event: bool
    folding: Folding
    #: clock times the entry names ("reported missing at 21:25"), HH:MM
    times: tuple[str, ...] = ()
    cues: frozenset[str] = frozenset()
    text_cues: frozenset[str] = frozenset()
    sites: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    #: the child-seen column's detail: seen alone (True), with someone (False), not said (None)
    seen_alone: bool | None = None
    #: ... and who else was there, as written ("seen with mum" -> "mum")
    seen_present: str = ""
    #: the entry's own words on it ("CP visit, seen alone")
    event_alone: bool | None = None
    #: the entry's first clause is a worker's visit or meeting with the family (``visit_event``)
    visit: bool = False

    def hits_of(self, concept: str) -> tuple[ConceptHit, ...]:
        return tuple(h for h in self.hits if h.concept == concept)
