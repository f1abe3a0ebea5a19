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
from dataclasses import dataclass, field
from rapidfuzz import fuzz

from chrono.config import Config
from chrono.model import Row

_NON_WORD = re.compile(r"[^a-z0-9+]+")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})")


@dataclass(frozen=True)
class MergeSettings:
    """The numbers of ``[merge]`` in ``abbreviations.toml``."""

    high: float = 0.80
    low: float = 0.55
    same_agency_max_days: int = 3
    cross_agency_max_days: int = 1
    approximate_extra_days: int = 7
    day_penalty: float = 0.08
    same_agency_day_penalty: float = 0.05
    time_conflict_minutes: int = 90
    same_agency_time_penalty: float = 0.1
    wording_bonus: float = 0.3
    wording_min_texts: int = 60
    window_cap: int = 400

    @classmethod
    def from_config(cls, cfg: Config) -> "MergeSettings":
        table = cfg.section("abbreviations").get("merge", {})
        known = {k: table[k] for k in cls.__dataclass_fields__ if k in table}
        return cls(**known)


@dataclass
class Lexicon:
    """Abbreviations, concepts and stop words, compiled for fast lookup."""

    expand: dict[tuple[str, ...], list[str]]
    max_phrase: int
    concepts: list[tuple[str, tuple[str, ...]]]
    prospective: frozenset[str]
    prospective_pairs: frozenset[tuple[str, ...]]
    stopwords: frozenset[str]
    recency: list[tuple[str, ...]] = field(default_factory=list)

    @classmethod
    def from_config(cls, cfg: Config) -> "Lexicon":
        sec = cfg.section("abbreviations")
        expand: dict[tuple[str, ...], list[str]] = {}
        for key, value in sec.get("expand", {}).items():
            expand[tuple(_raw_tokens(key))] = _raw_tokens(value)
        concepts = []
        for name, phrases in sorted(sec.get("concepts", {}).items()):
            for phrase in phrases:
                concepts.append((name, tuple(_raw_tokens(phrase))))
        pro = sec.get("prospective", {})
        return cls(
            expand=expand,
            max_phrase=max((len(k) for k in expand), default=1),
            concepts=concepts,
            prospective=frozenset(pro.get("before", [])),
            prospective_pairs=frozenset(tuple(_raw_tokens(p)) for p in pro.get("before_pairs", [])),
            stopwords=frozenset(sec.get("stopwords", {}).get("words", [])),
            recency=[tuple(_raw_tokens(p)) for p in sec.get("recency", {}).get("phrases", [])],
        )

    def tokens(self, text: str) -> list[str]:
        """Lower-cased words with abbreviations expanded (longest phrase first)."""
        raw = _raw_tokens(text)
        out: list[str] = []
        i = 0
        while i < len(raw):
            for n in range(min(self.max_phrase, len(raw) - i), 0, -1):
                repl = self.expand.get(tuple(raw[i:i + n]))
                if repl is not None:
                    out.extend(repl)
                    i += n
                    break
            else:
                out.append(raw[i])
                i += 1
        return out

    def find_concepts(self, tokens: list[str]) -> frozenset[str]:
        """The event concepts the text names as having happened (not as planned)."""
        text = " " + " ".join(tokens) + " "
        found: set[str] = set()
        for name, phrase in self.concepts:
            if name in found or not phrase:
                continue
            needle = " " + " ".join(phrase) + " "
            at = text.find(needle)
            while at >= 0:
                if not self._prospective(tokens, text.count(" ", 0, at)):
                    found.add(name)
                    break
                at = text.find(needle, at + 1)
        return frozenset(found)

    def mentions_day_before(self, tokens: list[str]) -> bool:
        text = " " + " ".join(tokens) + " "
        return any(" " + " ".join(p) + " " in text for p in self.recency if p)

    def _prospective(self, tokens: list[str], start: int) -> bool:
        before = tokens[max(0, start - 2):start]
        if any(t in self.prospective for t in before):
            return True
        return len(before) == 2 and tuple(before) in self.prospective_pairs


def _raw_tokens(text: str) -> list[str]:
    text = text.lower().replace("&", " and ").replace("\u2019", "'").replace("'s ", " s ")
    return [t for t in _NON_WORD.split(text) if t]


@dataclass
class RowText:
    """What the scorer needs of one row, computed once."""

    norm: str
    words: frozenset[str]
    concepts: frozenset[str]
    day_before: bool = False
    weight: float = 0.0


def entry_text(row: Row) -> str:
    """The words that describe the event: the entry, else the whole row."""
    return row.event.strip() or " ".join(v for v in (row.outcome, row.comments, row.who) if v)


def row_minutes(row: Row) -> int | None:
    m = _TIME.match(row.time or "")
    return int(m.group(1)) * 60 + int(m.group(2)) if m else None


class Scorer:
    """Scores pairs of rows; builds word weights from the rows being merged."""

    def __init__(self, rows: list[Row], cfg: Config, settings: MergeSettings | None = None):
        self.settings = settings or MergeSettings.from_config(cfg)
        self.lex = Lexicon.from_config(cfg)
        self.texts: list[RowText] = []
        by_text: dict[str, RowText] = {}
        for row in rows:
            entry = entry_text(row)
            known = by_text.get(entry)
            if known is None:
                toks = self.lex.tokens(entry)
                known = by_text[entry] = RowText(
                    norm=" ".join(toks),
                    words=frozenset(t for t in toks if t not in self.lex.stopwords),
                    concepts=self.lex.find_concepts(toks),
                    day_before=self.lex.mentions_day_before(toks),
                )
            self.texts.append(known)
        self.text_id = {id(t): k for k, t in enumerate(by_text.values())}
        self._memo: dict[tuple, float] = {}
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
        for t in by_text.values():
            t.weight = sum(self.idf[w] for w in t.words)
        # in a handful of rows every word looks rare: trust shared wording only with enough texts
        self.wording_bonus = self.settings.wording_bonus * min(1.0, n / self.settings.wording_min_texts)

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
        return self._gap_if_allowed(i, j) is None

    def _gap_if_allowed(self, i: int, j: int) -> int | None:
        if self.file[i] == self.file[j]:
            return None
        gap = self.gap(i, j)
        if gap is None:
            return None
        s = self.settings
        same = self.agency[i] == self.agency[j]
        limit = s.same_agency_max_days if same else s.cross_agency_max_days
        if self.approx[i] or self.approx[j]:
            limit += s.approximate_extra_days
        if gap > limit or (not same and self.time_clash(i, j, gap)):
            return None
        return gap

    def time_clash(self, i: int, j: int, gap: int) -> bool:
        ma, mb = self.minutes[i], self.minutes[j]
        if ma is None or mb is None or gap != 0:
            return False
        return abs(ma - mb) > self.settings.time_conflict_minutes

    # -- scores ----------------------------------------------------------

    def weighted_overlap(self, i: int, j: int) -> float:
        """Shared words weighted by rarity, 0..1 (cosine of binary idf vectors)."""
        return self.weighted_overlap_texts(self.texts[i], self.texts[j])

    def weighted_overlap_texts(self, ta: RowText, tb: RowText) -> float:
        if not ta.weight or not tb.weight:
            return 0.0
        shared = sum(self.idf[w] for w in ta.words & tb.words)
        return shared / math.sqrt(ta.weight * tb.weight)

    def score(self, i: int, j: int) -> float:
        """0..1 likelihood that rows ``i`` and ``j`` are one event (0 = never)."""
        gap = self._gap_if_allowed(i, j)
        if gap is None:
            return 0.0
        ta, tb = self.texts[i], self.texts[j]
        same = self.agency[i] == self.agency[j]
        clash = self.time_clash(i, j, gap)
        later_b = (self.day[j], j) > (self.day[i], i)
        # resubmissions repeat the same texts: score each combination once
        key = (self.text_id[id(ta)], self.text_id[id(tb)], same, gap, clash, later_b)
        got = self._memo.get(key)
        if got is None:
            got = self._memo[key] = self._score_texts(ta, tb, same, gap, clash, later_b)
        return got

    def _score_texts(self, ta: RowText, tb: RowText, same: bool, gap: int, clash: bool, later_b: bool) -> float:
        s = self.settings
        if same:
            if ta.norm == tb.norm:
                text = 1.0
            else:
                text = max(fuzz.ratio(ta.norm, tb.norm), fuzz.token_sort_ratio(ta.norm, tb.norm)) / 100
            penalty = s.same_agency_day_penalty * gap + (s.same_agency_time_penalty if clash else 0.0)
            return max(0.0, text - penalty)
        later = tb if later_b else ta
        penalty = 0.0 if gap == 1 and later.day_before else s.day_penalty * gap
        overlap = self.weighted_overlap_texts(ta, tb)
        if ta.concepts & tb.concepts:
            return max(0.0, min(1.0, 0.85 + 0.15 * overlap - penalty))
        # no shared concept: only many shared rare words (a place, a drug, a name) make it likely
        return max(0.0, min(1.0, overlap + self.wording_bonus) - penalty) if overlap > 0 else 0.0

    def reason(self, i: int, j: int) -> str:
        """Why a pair scored as it did, in words for the review queue."""
        if self._gap_if_allowed(i, j) is None:
            return "incompatible"
        if self.agency[i] == self.agency[j]:
            return "same agency, resubmitted"
        shared = self.texts[i].concepts & self.texts[j].concepts
        return "shared event: " + ", ".join(sorted(shared)) if shared else "similar wording"


def _rank(precision: str) -> int:
    return {"year": 0, "month": 1, "day": 2}.get(precision, 2)
