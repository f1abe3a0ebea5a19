"""How alike two accounts are: normalised text, event concepts, date and time.

Two different kinds of pair need different evidence:

* the same agency in two monthly files (a resubmission) repeats its own words,
  so plain fuzzy similarity of the entry text decides;
* two agencies describing one incident use different words ("PPN received re
  DA last night" / "Report of DA at address"), so they must share an *event
  concept* (a conference, an incident, a move) from ``abbreviations.toml`` and
  rare words (names, places) weigh more than common ones.

Everything here is pure; :class:`Scorer` is built once per merge, over the
rows in the merge's deterministic order, and scores pairs by index.
"""

from __future__ import annotations

import math
import re
import sys
from array import array
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Iterator

from rapidfuzz import fuzz

from chrono.config import Config, ConfigError
from chrono.model import Row
from chrono.text import annotate_rows
from chrono.text.dates import NONE, References, referenced_days
from chrono.text.vocabulary import vocabulary_for

if TYPE_CHECKING:
    from chrono.merge.blocking import CandidatePairs

_TIME = re.compile(r"^(\d{1,2}):(\d{2})")


@dataclass(frozen=True)
class MergeSettings:
    """The numbers of ``[merge]`` (``chrono/data/merge.toml``, the only place their defaults live)."""

    high: float
    low: float
    same_agency_max_days: int
    cross_agency_max_days: int
    approximate_extra_days: int
    day_penalty: float
    same_agency_day_penalty: float
    time_conflict_minutes: int
    same_agency_time_penalty: float
    wording_bonus: float
    wording_min_texts: int
    window_cap: int
    late_report_extra_days: int
    #: score lost per day when the shared concept is an event that happens once in a long while
    rare_day_penalty: float
    #: two agencies' rows, one dated only by year and one more closely: one event only if worded near-identically
    coarse_cross_agency_min_ratio: float
    #: concepts of events that happen once in a long while (a move, a new GP)
    rare_concepts: frozenset[str]
    #: concepts of events that happen once (a birth, a death, a change of GP): two agencies' accounts of
    #: one inside the cross-agency window lose only ``rare_day_penalty`` a day
    once_concepts: frozenset[str]
    #: a proper noun named by at most this share of the case's distinct entries is rare (a hostel, an address)
    name_max_share: float
    #: added to the wording score of two accounts a day apart at most that name one rare proper noun
    name_bonus: float

    @classmethod
    def from_config(cls, cfg: Config) -> "MergeSettings":
        table = cfg.section("merge")
        missing = [k for k in cls.__dataclass_fields__ if k not in table]
        if missing:
            raise ConfigError(f"[merge]: {', '.join(missing)} missing. Restore them in chrono.toml "
                              "or remove the [merge] table that replaced the shipped one.")
        values = {k: table[k] for k in cls.__dataclass_fields__}
        values["rare_concepts"] = frozenset(values["rare_concepts"])
        values["once_concepts"] = frozenset(values["once_concepts"])
        return cls(**values)


@dataclass(slots=True)
class RowText:
    """What the scorer needs of one row (from its annotation), computed once per distinct text."""

    norm: str
    words: frozenset[str]
    concepts: frozenset[str]
    day_before: bool = False
    weight: float = 0.0
    #: every text field (event, who, outcome, comments): robust to a column mapped to the wrong role
    full_norm: str = ""
    #: concepts of every text field, with those the agency implies (an ED's rows are attendances):
    #: what a report naming this account's day must share with it
    full_concepts: frozenset[str] = frozenset()
    #: the entry is news of an event ("notified of ...", "letter received"): it comes a day or two late
    report: bool = False
    #: meetings the entry's first clause is ("Core group. ..."): the entry is that meeting
    meetings: frozenset[str] = frozenset()
    #: the entry's proper nouns (a place, a hostel, a school)
    names: frozenset[str] = frozenset()
    #: ``norm`` and ``full_norm`` with their words sorted (what token_sort_ratio compares), when
    #: plain ASCII: there Python's split and rapidfuzz's agree on what a space is
    sorted_norm: str | None = None
    sorted_full: str | None = None
    #: ``full_norm == norm``: no other text field adds words
    full_is_norm: bool = True
    #: the words of every text field but stopwords, and the sum of their idf weights
    full_words: frozenset[str] = frozenset()
    full_weight: float = 0.0


def row_minutes(row: Row) -> int | None:
    m = _TIME.match(row.time or "")
    return int(m.group(1)) * 60 + int(m.group(2)) if m else None


class Scorer:
    """Scores pairs of rows; builds word weights from the rows being merged."""

    def __init__(self, rows: list[Row], cfg: Config, settings: MergeSettings | None = None):
        self.settings = settings or MergeSettings.from_config(cfg)
        vocab = vocabulary_for(cfg)
        fold = vocab.folding
        self.stopwords = fold.stopwords
        self.labels = vocab.labels
        lookback = vocab.notices.lookback_days
        #: concepts whose later first-hand account ("off yesterday - was at A&E") names the day it happened
        self.later_concepts = fold.later_concepts
        self.rare_concepts = self.settings.rare_concepts
        annotate_rows(rows, cfg)
        self.texts: list[RowText] = []
        by_text: dict[tuple, RowText] = {}
        refs: dict[tuple, References] = {}
        self.refs: list[References] = []
        self._own_text: list[bool] = []
        #: per row: its first clause is a worker's visit or meeting with the family
        self._visit: list[bool] = []
        #: per row: a later first-hand account of a ``later_concepts`` event, naming the day it happened
        self.later: list[bool] = []
        for row in rows:
            ann = row.annotation
            f = ann.folding
            key = (f.norm, f.full_norm, f.concepts, f.full_concepts, ann.notice, f.meetings, f.day_before, f.names)
            known = by_text.get(key)
            if known is None:
                known = by_text[key] = RowText(
                    norm=f.norm,
                    words=f.words,
                    concepts=f.concepts,
                    day_before=f.day_before,
                    full_norm=f.full_norm,
                    full_concepts=f.full_concepts,
                    report=ann.notice,
                    meetings=f.meetings,
                    names=f.names,
                )
            self.texts.append(known)
            self._own_text.append(ann.own_event)
            self._visit.append(ann.visit)
            # a report of an earlier incident names its day: that day is the account's real date
            got = NONE
            later = (row.precision == "day" and not known.report and bool(known.concepts & self.later_concepts)
                     and not f.implied and not ann.own_event)
            if row.precision == "day" and (known.report or later):
                rkey = (ann.dates, row.date, row.approximate)
                got = refs.get(rkey)
                if got is None:
                    slack = self.settings.approximate_extra_days if row.approximate else 0
                    got = refs[rkey] = referenced_days(ann.dates, row.date, lookback, slack)
                if got is not NONE and row.date_end is not None and got.explicit:
                    # an episode's row ("11/01-13/01: admitted ..., discharged 13/01") starts on its own
                    # date: that day is named too, not only the discharge day the text writes out
                    got = References(got.explicit | {row.date.toordinal()}, got.relative)
            self.refs.append(got)
            self.later.append(later and got is not NONE)
        self.text_id = {id(t): k for k, t in enumerate(by_text.values())}
        self.implied_by_agency = frozenset(fold.agency_concepts)
        # per row, what the compatibility checks look at (kept in flat lists: this is the hot loop)
        self.minutes = [row_minutes(r) for r in rows]
        self.file = [r.provenance.file for r in rows]
        self.agency = [r.agency for r in rows]
        self.day = [r.date.toordinal() for r in rows]
        self.precise = [r.precision == "day" for r in rows]
        self.approx = [r.approximate for r in rows]
        self.rows = rows
        # inverse document frequency over distinct texts: names and places count, "visit" does not
        df: dict[str, int] = {}
        distinct = {t.norm: t.words for t in self.texts}
        for words in distinct.values():
            for w in words:
                df[w] = df.get(w, 0) + 1
        n = max(len(distinct), 1)
        self.idf = {w: math.log(1 + (n + 1) / (c + 0.5)) for w, c in df.items()}
        # proper nouns few entries name: a hostel, an address, a school (the family's surname is everywhere)
        named: dict[str, int] = {}
        for names in {t.norm: t.names for t in self.texts}.values():
            for w in names:
                named[w] = named.get(w, 0) + 1
        most = max(2, int(n * self.settings.name_max_share))
        self.rare_names = frozenset(w for w, c in named.items() if c <= most and w not in self.stopwords)
        idf = self.idf
        for t in by_text.values():
            t.weight = math.fsum(idf[w] for w in t.words)
            t.sorted_norm = _sorted_words(t.norm)
            t.sorted_full = _sorted_words(t.full_norm)
            t.full_is_norm = t.full_norm == t.norm
            t.full_words = frozenset(map(sys.intern, t.full_norm.split())) - self.stopwords  # one str a word
            t.full_weight = math.fsum(idf.get(w, 0.0) for w in t.full_words)
        self.year = [r.precision == "year" for r in rows]
        # in a handful of rows every word looks rare: trust shared wording only with enough texts
        self.wording_bonus = self.settings.wording_bonus * min(1.0, n / self.settings.wording_min_texts)
        # rows alike in everything :meth:`score` reads but their file (an entry and its copies in the
        # next months' cumulative files) form one class: a pair of rows of two files scores as any
        # other pair of rows of the same two classes, so each pair of classes is scored once
        classes: dict[tuple, int] = {}
        self.row_class = [
            classes.setdefault((self.text_id[id(self.texts[k])], r.agency, r.date, r.precision, r.approximate,
                                self.minutes[k], None if self.refs[k] is NONE else self.refs[k],
                                self._own_text[k], self._visit[k], self.later[k]), len(classes))
            for k, r in enumerate(rows)]
        self.n_classes = len(classes)
        #: class pair -> score, of the pairs scored at least the review threshold and those clustering asked
        self._by_class: dict[int, float] = {}
        #: work done by :meth:`edges`: candidate pairs looked at, and pairs scored in full
        self.pairs_compared = 0
        self.pairs_scored = 0

    # -- compatibility -------------------------------------------------

    def date_gap(self, a: Row, b: Row) -> int | None:
        """Days between two accounts, 0 when a coarse date contains the other; None if incompatible."""
        if a.precision != "day" or b.precision != "day":
            coarse, other = (a, b) if _rank(a.precision) <= _rank(b.precision) else (b, a)
            if coarse.precision == "year":
                return 0 if coarse.date.year == other.date.year else None
            same = (coarse.date.year, coarse.date.month) == (other.date.year, other.date.month)
            return 0 if same else None
        return abs((a.date - b.date).days)

    def gap(self, i: int, j: int) -> int | None:
        """date_gap by index (fast path for two day-precision rows)."""
        if self.precise[i] and self.precise[j]:
            return abs(self.day[i] - self.day[j])
        return self.date_gap(self.rows[i], self.rows[j])

    def forbidden(self, i: int, j: int) -> bool:
        """Never the same event: one file's two rows, dates too far apart, clashing times."""
        return self._allowed(i, j) is None

    def referenced(self, i: int, j: int) -> bool | None:
        """True: one account is a report naming the other's day (or both name one day);
        False: a report names a day in writing and the other, a first-hand account, is of another day;
        None: neither account names a day.
        """
        ri, rj = self.refs[i], self.refs[j]
        if ri is NONE and rj is NONE:
            return None
        if self.agency[i] == self.agency[j]:
            return None
        if self.later[i] or self.later[j]:
            return self._later_account(i, j) if self.later[i] else self._later_account(j, i)
        di, dj = ri.days, rj.days
        if (di and dj and di & dj) or (di and self.precise[j] and self.day[j] in di) \
                or (dj and self.precise[i] and self.day[i] in dj):
            return True
        # a day written out ("attended 26/08") is not the day of a first-hand account of the 27th,
        # nor of an event of another kind on the report's own day (a visit on the day the letter came)
        for a, b, ra, rb in ((i, j, ri, rj), (j, i, rj, ri)):
            if ra.explicit and rb is NONE and self.precise[b] and not self.approx[b] and not self.is_report(b):
                if self.day[b] != self.day[a] or self.own_event(b):
                    return False
        return None

    def _later_account(self, a: int, b: int) -> bool | None:
        """``a`` is another agency's later first-hand account ("absent yesterday - was at the walk-in
        centre"): one with ``b`` if ``b`` is that kind of event on the day ``a`` names; never an account
        of ``b``, a first-hand attendance of another day (he went twice); else undecided by day.
        """
        kind = self.texts[a].concepts & self.later_concepts & self.texts[b].full_concepts
        if not kind:
            return None
        days = self.refs[a].days
        rb = self.refs[b]
        if (rb is not NONE and days & rb.days) or (self.precise[b] and self.day[b] in days):
            return True
        if rb is NONE and self.precise[b] and not self.approx[b] and not self.is_report(b) and not self.later[b]:
            return False
        return None

    def own_event(self, i: int) -> bool:
        """The account is first of all an event of its own kind (a visit, an attendance)."""
        return self.agency[i].lower() in self.implied_by_agency or self._own_text[i]

    def is_report(self, i: int) -> bool:
        return self.texts[i].report

    def _allowed(self, i: int, j: int) -> tuple[int, bool] | None:
        """``(days apart, one account is a report naming the other's day)``; None: never one event."""
        if self.file[i] == self.file[j]:
            return None
        s = self.settings
        # an agency's resubmission: no report of another agency's day, no time veto (a re-typed time)
        same = self.agency[i] == self.agency[j]
        if not same:
            if self.year[i] != self.year[j] and not self._near_identical(i, j):
                # a year holds many events: another agency's more closely dated row in it is this one
                # only in near the same words (two year-only histories compare on their wording as usual)
                return None
            if self.refs[i] is not NONE or self.refs[j] is not NONE:
                ref = self.referenced(i, j)
                if ref is not None:
                    return (0, True) if ref else None
        gap = self.gap(i, j)
        if gap is None:
            return None
        limit = s.same_agency_max_days if same else s.cross_agency_max_days
        if self.approx[i] or self.approx[j]:
            limit += s.approximate_extra_days
        elif (not same and gap > limit
              and (self._late_news(i, j) or (self.shared_names(self.texts[i], self.texts[j])
                                             and self._visit[i] == self._visit[j]))
              and self.texts[i].concepts & self.texts[j].concepts & self.rare_concepts):
            # news of a once-in-a-while event (a move, a new GP) may come a day later still
            limit += s.late_report_extra_days
        if gap > limit or (not same and self.time_clash(i, j, gap)):
            return None
        return gap, False

    @staticmethod
    def _text_ratio(ta: RowText, tb: RowText) -> float:
        """Plain fuzzy similarity of two entries, 0..1: as typed, or with their words sorted."""
        words = _token_sort_ratio(ta.norm, tb.norm, ta.sorted_norm, tb.sorted_norm)
        return max(fuzz.ratio(ta.norm, tb.norm), words) / 100

    def _near_identical(self, i: int, j: int) -> bool:
        ta, tb = self.texts[i], self.texts[j]
        if ta.norm == tb.norm:
            return True
        ratio = self._text_ratio(ta, tb)
        return ratio >= self.settings.coarse_cross_agency_min_ratio

    def _late_news(self, i: int, j: int) -> bool:
        """The later account is news naming no day, of an earlier first-hand account."""
        later, earlier = (j, i) if (self.day[j], j) > (self.day[i], i) else (i, j)
        return (self.refs[later] is NONE and self.texts[later].report and not self.texts[earlier].report)

    def time_clash(self, i: int, j: int, gap: int) -> bool:
        ma, mb = self.minutes[i], self.minutes[j]
        if ma is None or mb is None or gap != 0:
            return False
        if self.texts[i].report or self.texts[j].report:
            return False  # a report's time is when the news came, not when the incident happened
        return abs(ma - mb) > self.settings.time_conflict_minutes

    # -- scores ----------------------------------------------------------

    def edges(self, pairs: CandidatePairs, floor: float) -> Edges:
        """``(score, i, j)``, ``i < j``, of the candidate pairs scoring at least ``floor``.

        The same as calling :meth:`score` on every pair, with each pair of row classes scored once.
        The pairs of exactly dated rows come a day at a time, and a class holds one date, so the
        classes of one day's pairs meet on no other day: the memo is dropped as the day changes
        (keeping the pairs above ``floor`` for clustering).
        """
        cls, width, day, score = self.row_class, self.n_classes, self.day, self.score
        keep = self._by_class
        memo: dict[int, float] = {}
        today = None
        out = Edges()
        scores, first_rows, second_rows = out.scores, out.first, out.second
        for a, partners in pairs.groups():
            if day[a] != today:
                today = day[a]
                self.pairs_scored += len(memo)
                memo.clear()
            self.pairs_compared += len(partners)
            ca = cls[a]
            first = ca * width
            for b in partners:
                if a < b:
                    i, j, key = a, b, first + cls[b]
                else:
                    i, j, key = b, a, cls[b] * width + ca
                s = memo.get(key)
                if s is None:
                    s = memo[key] = score(i, j)
                    if s >= floor:
                        keep[key] = s
                if s >= floor:
                    scores.append(s)
                    first_rows.append(i)
                    second_rows.append(j)
        self.pairs_scored += len(memo)
        return out

    def pair_score(self, i: int, j: int) -> float:
        """:meth:`score`, remembered by row class (rows of one file never pair: 0)."""
        if self.file[i] == self.file[j]:
            return 0.0
        key = self.row_class[i] * self.n_classes + self.row_class[j]
        got = self._by_class.get(key)
        if got is None:
            got = self._by_class[key] = self.score(i, j)
        return got

    def weighted_overlap(self, i: int, j: int) -> float:
        """Shared words weighted by rarity, 0..1 (cosine of binary idf vectors)."""
        return self.weighted_overlap_texts(self.texts[i], self.texts[j])

    def weighted_overlap_texts(self, ta: RowText, tb: RowText) -> float:
        if not ta.weight or not tb.weight:
            return 0.0
        shared = math.fsum(self.idf[w] for w in ta.words & tb.words)
        return shared / math.sqrt(ta.weight * tb.weight)

    def score(self, i: int, j: int) -> float:
        """0..1 likelihood that rows ``i`` and ``j`` are one event (0 = never)."""
        allowed = self._allowed(i, j)
        if allowed is None:
            return 0.0
        gap, named = allowed
        ta, tb = self.texts[i], self.texts[j]
        if self.agency[i] == self.agency[j]:
            # one agency's two rows: never a report naming the other's day (``named`` is False)
            return self._resubmission_score(ta, tb, gap, self.time_clash(i, j, gap))
        if named:
            # (a report's time is when the news came, not when the incident happened: no clash)
            return self._named_score(ta, tb)
        # (a time clash of two agencies' accounts was a veto)
        later_b = (self.day[j], j) > (self.day[i], i)
        later, earlier = (j, i) if later_b else (i, j)
        # news naming no day, of a first-hand account (not itself news): it may come a day or two late
        news = (gap >= 1 and self.refs[later] is NONE and self.texts[later].report
                and not self.texts[earlier].report)
        late_news = news and gap > 1
        # the next day's news ("police notification rec'd re ...") of an incident, not of a visit or meeting
        next_day_news = news and gap == 1 and not self.own_event(earlier)
        # one account is a visit or meeting of its own ("CIN visit. Mother shared the notice"), the other not
        one_visit = self._visit[i] != self._visit[j]
        return self._cross_score(ta, tb, gap, later_b, late_news, next_day_news, one_visit)

    def _resubmission_score(self, ta: RowText, tb: RowText, gap: int, clash: bool) -> float:
        """One agency's two rows: the same entry re-typed, so plain fuzzy similarity of the text."""
        s = self.settings
        if ta.norm == tb.norm:
            text = 1.0
        else:
            text = self._text_ratio(ta, tb)
            if not (ta.full_is_norm and tb.full_is_norm):
                # the same words under other columns (a column mapped to another role one month)
                text = max(text, _token_sort_ratio(ta.full_norm, tb.full_norm, ta.sorted_full,
                                                   tb.sorted_full) / 100)
        penalty = s.same_agency_day_penalty * gap + (s.same_agency_time_penalty if clash else 0.0)
        return max(0.0, text - penalty)

    def _named_score(self, ta: RowText, tb: RowText) -> float:
        """Two agencies' rows, one a report naming the other's day: one incident if the same kind of event."""
        if (ta.meetings - tb.full_concepts) or (tb.meetings - ta.full_concepts):
            return 0.0
        overlap = max(self.weighted_overlap_texts(ta, tb), self._full_overlap(ta, tb))
        if ta.full_concepts & tb.full_concepts:
            return max(0.0, min(1.0, 0.85 + 0.15 * overlap))
        return max(0.0, min(1.0, overlap + self.wording_bonus)) if overlap > 0 else 0.0

    def _cross_score(self, ta: RowText, tb: RowText, gap: int, later_b: bool, late_news: bool = False,
                     next_day_news: bool = False, one_visit: bool = False) -> float:
        """Two agencies' accounts in other words: a shared event concept, or many shared rare words."""
        s = self.settings
        if (ta.meetings - tb.full_concepts) or (tb.meetings - ta.full_concepts):
            # a meeting is its own event: what was said there is no account of another agency's event
            return 0.0
        later = tb if later_b else ta
        if gap == 1 and (later.day_before or next_day_news):
            # "... last night", or news naming no day the day after: the next day is when word comes
            penalty = 0.0
        elif late_news:
            penalty = s.day_penalty  # news of an event arrives a day or more after it
        else:
            penalty = s.day_penalty * gap
        overlap = self.weighted_overlap_texts(ta, tb)
        shared = ta.concepts & tb.concepts
        if shared:
            if one_visit and shared & self.rare_concepts:
                # a move, a notice, a new GP told at a worker's visit (or the worker's first visit to
                # the new address) is the visit's news, not the other agency's event: a person decides
                overlap = max(overlap, self._full_overlap(ta, tb))
                return max(0.0, min(s.high - 0.01, 0.85 + 0.15 * overlap - penalty))
            if ((late_news or self.shared_names(ta, tb)) and shared & self.rare_concepts) \
                    or shared & s.once_concepts:
                # news of a house move, a new school, a birth: there were not two of them in a few days;
                # two agencies naming one rare place (a hostel, an address) for it are one account
                penalty = min(penalty, s.rare_day_penalty * gap)
            # names and places anywhere in the rows (who was there) count as shared detail too
            overlap = max(overlap, self._full_overlap(ta, tb))
            return max(0.0, min(1.0, 0.85 + 0.15 * overlap - penalty))
        # no shared concept: only many shared rare words (a place, a drug, a name) make it likely;
        # a rare proper noun both name (a school, a hostel) on the same day or the next adds a little
        if overlap > 0 and gap <= 1 and not one_visit and self.shared_names(ta, tb):
            overlap += s.name_bonus
        return max(0.0, min(1.0, overlap + self.wording_bonus) - penalty) if overlap > 0 else 0.0

    def shared_names(self, ta: RowText, tb: RowText) -> frozenset[str]:
        """Rare proper nouns both accounts name (a once-in-a-while event at one named place)."""
        return ta.names & tb.names & self.rare_names

    def _full_overlap(self, ta: RowText, tb: RowText) -> float:
        """Rare words shared by the whole rows (every text field)."""
        if not ta.full_weight or not tb.full_weight:
            return 0.0
        idf = self.idf
        return math.fsum(idf.get(w, 0.0) for w in ta.full_words & tb.full_words) / math.sqrt(ta.full_weight * tb.full_weight)

    def reason(self, i: int, j: int) -> str:
        """Why a pair scored as it did, in words for the review queue."""
        if self._allowed(i, j) is None:
            return "incompatible"
        if self.agency[i] == self.agency[j]:
            return "same agency, resubmitted"
        # built from the same annotations as the score: the concepts both accounts name
        if self.referenced(i, j):
            shared = self.texts[i].full_concepts & self.texts[j].full_concepts
            return ("report of the day named: " + self._named(shared)) if shared else "report of the day named"
        shared = self.texts[i].concepts & self.texts[j].concepts
        names = self.shared_names(self.texts[i], self.texts[j])
        place = f" at the same named place ({', '.join(sorted(names))})" if names and shared else ""
        return "shared event: " + self._named(shared) + place if shared else "similar wording"

    def _named(self, concepts: frozenset[str]) -> str:
        return "; ".join(sorted(self.labels.get(c, c.replace("_", " ")) for c in concepts))


class Edges:
    """Scored pairs ``(score, i, j)`` in three arrays (16 bytes a pair, not a tuple each)."""

    __slots__ = ("scores", "first", "second")

    def __init__(self) -> None:
        self.scores, self.first, self.second = array("d"), array("i"), array("i")

    def __iter__(self) -> Iterator[tuple[float, int, int]]:
        return zip(self.scores, self.first, self.second)

    def __getitem__(self, k: int) -> tuple[float, int, int]:
        return self.scores[k], self.first[k], self.second[k]


def _sorted_words(text: str) -> str | None:
    """``text``'s words sorted, as token_sort_ratio sorts them; None unless the text is plain ASCII."""
    return " ".join(sorted(text.split())) if text.isascii() else None


def _token_sort_ratio(a: str, b: str, sorted_a: str | None, sorted_b: str | None) -> float:
    """``fuzz.token_sort_ratio(a, b)``, from the words sorted once per text when they could be."""
    if sorted_a is None or sorted_b is None:
        return fuzz.token_sort_ratio(a, b)
    return fuzz.ratio(sorted_a, sorted_b)


def _rank(precision: str) -> int:
    return {"year": 0, "month": 1, "day": 2}.get(precision, 2)
