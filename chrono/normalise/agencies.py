"""One canonical name per agency, however a submission spells it.

Agencies name themselves in endless local ways ("HV", "0-19 Service", "GP -
Riverside Surgery", "Maternity Services, X General Hospital", "Polcie"). The
policy lives in ``chrono/data/agencies.toml``: exact aliases, then ordered
regex patterns for the local names, then a cautious fuzzy match for typos.
A local authority extends it in ``chrono.toml`` and its entries win.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from chrono.config import Config

_PUNCT = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")


def agency_key(text: str) -> str:
    """Comparable form: lower case, '&' -> 'and', apostrophes dropped, other punctuation -> space."""
    text = (text or "").replace("\u00a0", " ").lower()
    text = text.replace("&", " and ").replace("'", "").replace("\u2019", "").replace("_", " ")
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class Resolved:
    """A canonical agency name, or the name as written with ``known=False``."""

    name: str
    known: bool


class AgencyResolver:
    """Resolves agency names with the ``[agencies]`` policy (user entries first)."""

    def __init__(self, cfg: Config):
        section = cfg.section("agencies")
        self.canonical: list[str] = list(section.get("canonical", []))
        self.generic: set[str] = set(section.get("generic", []))
        self.hospital_based: set[str] = set(section.get("hospital_based", []))
        self.fuzzy_cutoff: float = float(section.get("fuzzy_cutoff", 88))
        self.fuzzy_min_chars: int = int(section.get("fuzzy_min_chars", 5))
        aliases: dict[str, str] = {}
        for name in self.canonical:
            aliases[agency_key(name)] = name
        shipped, own = {}, {}
        for alias, name in section.get("aliases", {}).items():
            origin = cfg.origin(f"agencies.aliases.{alias}")
            target = own if origin != "chrono (shipped)" else shipped
            target[agency_key(alias)] = str(name)
        aliases.update(shipped)
        aliases.update(own)  # the user's entries win over shipped ones with the same key
        self.aliases = aliases
        self._own_aliases = own
        patterns: list[tuple[re.Pattern, str]] = []
        user_patterns: list[tuple[re.Pattern, str]] = []
        for regex, name in section.get("patterns", {}).items():
            try:
                compiled = re.compile(regex, re.I)
            except re.error:
                continue  # a broken local pattern must not stop the merge
            origin = cfg.origin(f"agencies.patterns.{regex}")
            (user_patterns if origin != "chrono (shipped)" else patterns).append((compiled, str(name)))
        self.patterns = user_patterns + patterns
        self._alias_keys = [k for k in aliases if len(k) >= self.fuzzy_min_chars]
        self._vocabulary = sorted({w for k in aliases for w in k.split() if len(w) >= 5 and w.isalpha()}
                                  | {w for rx, _ in self.patterns for w in re.findall(r"[a-z]{5,}", rx.pattern)})
        self._real_words: set[str] = {w.lower() for w in section.get("not_misspellings", [])}
        self._cache: dict[str, Resolved] = {}
        inference = section.get("inference", {})
        self.infer_min_score = float(inference.get("min_score", 2))
        self.infer_margin = float(inference.get("margin", 2.0))
        self.hints: dict[str, re.Pattern] = {}
        for name, phrases in section.get("hints", {}).items():
            words = [str(p).strip() for p in (phrases or []) if str(p).strip()]
            if not words:
                continue
            alts = "|".join(sorted((self._hint_regex(w) for w in words), key=len, reverse=True))
            self.hints[str(name)] = re.compile(r"(?<![\w&])(?:" + alts + r")(?![\w&])")

    @staticmethod
    def _hint_regex(phrase: str) -> str:
        """A hint phrase as a regex: any spacing; a code in capitals (``ED``, ``PC``, ``HV``) only in
        capitals, so "ed" inside a sentence or "pc" in "PC Smith"'s lower-case twin is not it."""
        body = r"\s+".join(re.escape(w) for w in phrase.split())
        if len(phrase) <= 4 and phrase.isupper():
            return body + "s?"
        return "(?i:" + body + "s?)"

    def infer(self, texts: list[str], headings: list[str] = ()) -> tuple[Resolved, str]:
        """The agency a file's own entries point to, when nothing states it; last resort.

        ``texts`` are the rows (each one text, e.g. its cells joined) and
        ``headings`` the column headings; each row mentioning an agency's
        ``[hints]`` phrases and each heading that is one scores a point. The
        best agency is returned only with at least ``inference.min_score``
        points and ``inference.margin`` times the runner-up's; otherwise
        unknown. The second value explains the choice (for a warning).
        """
        scores: dict[str, float] = {}
        for name, rx in self.hints.items():
            points = sum(1 for t in texts if t and rx.search(t))
            points += sum(1 for h in headings if h and rx.fullmatch(h.strip()))
            if points:
                scores[name] = float(points)
        if not scores:
            return Resolved("", False), "no entry names anything typical of one agency"
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        best, top = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        if top < self.infer_min_score or top < self.infer_margin * second:
            runner = f", {ranked[1][0]} {second:g}" if len(ranked) > 1 else ""
            return Resolved("", False), f"no clear answer ({best} {top:g}{runner})"
        return Resolved(best, True), f"{top:g} of its entries/columns read like {best}, next best {second:g}"

    def resolve(self, text: str) -> Resolved:
        """The canonical name for ``text`` (a cell or heading), else ``text`` as written, unknown."""
        raw = _SPACE.sub(" ", (text or "").replace("\u00a0", " ")).strip()
        if raw in self._cache:
            return self._cache[raw]
        found = self._resolve(raw)
        self._cache[raw] = found
        return found

    def _resolve(self, raw: str) -> Resolved:
        key = agency_key(raw)
        if not key:
            return Resolved(raw, False)
        if key in self.aliases:
            return Resolved(self.aliases[key], True)
        stripped = re.sub(r"^(?:the|our|from|via|per)\s+", "", key)
        if stripped in self.aliases:
            return Resolved(self.aliases[stripped], True)
        for pattern, name in self.patterns:
            if pattern.search(raw) or pattern.search(key):
                return Resolved(name, True)
        within = self._alias_within(raw)
        if within:
            return Resolved(within, True)
        fuzzy = self._fuzzy(key)
        if fuzzy:
            return Resolved(fuzzy, True)
        corrected = self._correct_words(key)
        if corrected != key:
            if corrected in self.aliases:
                return Resolved(self.aliases[corrected], True)
            for pattern, name in self.patterns:
                if pattern.search(corrected):
                    return Resolved(name, True)
        return Resolved(raw, False)

    def _alias_within(self, raw: str) -> str | None:
        """An alias that leads a longer cell ("HV - Sarah", "CSC (duty team)", "DC 1234 Smith").

        The leftmost, longest run of words wins. A code of three letters or
        fewer counts only when written in capitals, so "Ed Smith" is a person.
        """
        words = re.findall(r"[A-Za-z0-9&']+", raw.replace("\u2019", "'"))
        keys = [agency_key(w) for w in words]
        for start in range(len(words)):
            for end in range(min(len(words), start + 6), start, -1):
                chunk = " ".join(k for k in keys[start:end] if k)
                if chunk not in self.aliases:
                    continue
                if end - start == 1 and len(chunk) <= 3 and not words[start].isupper():
                    continue
                return self.aliases[chunk]
        return None

    def _fuzzy(self, key: str) -> str | None:
        """A misspelt alias ("polcie", "heath visitor"): close in edit distance, never for short codes."""
        if len(key) < self.fuzzy_min_chars or not self._alias_keys:
            return None
        match = process.extractOne(key, self._alias_keys, scorer=fuzz.ratio, score_cutoff=self.fuzzy_cutoff)
        if match:
            return self.aliases[match[0]]
        # transpositions ("polcie") cost two in plain ratio; allow one OSA edit per 6 letters
        budget = max(1, len(key) // 6)
        best = process.extractOne(key, self._alias_keys, scorer=OSA.distance, score_cutoff=budget)
        if best and len(best[0]) >= self.fuzzy_min_chars:
            return self.aliases[best[0]]
        return None

    def _correct_words(self, key: str) -> str:
        """Fix a misspelt word inside a longer name ("Brackenmoor Polcie") against the policy's vocabulary."""
        words = key.split()
        out = []
        for word in words:
            if len(word) >= 5 and word.isalpha() and word not in self._vocabulary and word not in self._real_words:
                best = process.extractOne(word, self._vocabulary, scorer=OSA.distance,
                                          score_cutoff=1 if len(word) < 9 else 2)
                out.append(best[0] if best else word)
            else:
                out.append(word)
        return " ".join(out)

    def find_in_name(self, name: str) -> Resolved:
        """The agency a file or folder name names ("ED liaison chronology - Oct23.docx").

        Patterns first (a practice or school name), then the leftmost, longest
        run of words that is an alias; initials such as a child's are not
        aliases, but a two-letter alias can still collide, so prefer headings.
        """
        stem = re.sub(r"\.[A-Za-z0-9]{2,5}$", "", name or "")
        parts = [p for p in re.split(r"[\\/]", stem) if p]
        for part in reversed(parts):  # the file's own name before its folders
            text = part.replace("_", " ")
            text = re.sub(r"\bchronolog(?:y|ies)\b.*$", "", text, flags=re.I) or text
            key = agency_key(text)
            words = key.split()
            for start in range(len(words)):
                for end in range(len(words), start, -1):
                    chunk = " ".join(words[start:end])
                    if chunk in self.aliases:
                        return Resolved(self.aliases[chunk], True)
            for pattern, agency in self.patterns:
                if pattern.search(text) or pattern.search(key):
                    return Resolved(agency, True)
        return Resolved("", False)

    def file_agency(self, heading_agency: str = "", agency_raw: str = "", file_name: str = "") -> Resolved:
        """The submitting agency: the heading's, else the reader's, else the file name's."""
        for text in (heading_agency, agency_raw):
            if text and text.strip():
                found = self.resolve(text)
                if found.known:
                    if found.name in self.generic and file_name:
                        # "Kestrel General Hospital" heading on an "ED liaison" file: the service
                        # the file name names is the better answer than the hospital as a whole
                        named = self.find_in_name(file_name)
                        if named.known and named.name in self.hospital_based and named.name not in self.generic:
                            return named
                    return found
        if file_name:
            found = self.find_in_name(file_name)
            if found.known:
                return found
        for text in (heading_agency, agency_raw):
            if text and text.strip():
                return self.resolve(text)
        return Resolved("", False)

    def row_agency(self, cell: str, file_agency: Resolved) -> Resolved:
        """A row's agency: the agency whose record it is, i.e. the submitter.

        The template's Professional/Agency column names "the record it came
        from" (000:1121-1151); in one agency's submission a cell such as
        "ED notification" or "Midwifery record (via CSC)" says where the
        information came from, not who is reporting it, so a known submitter
        wins. The cell decides only when the submitter is unknown (a file
        with no heading and no agency in its name).
        """
        if file_agency.known and file_agency.name in self.generic and cell and cell.strip():
            # a hospital's file: a row saying "A&E" / "ED" / "Maternity" is that service's record
            own = self.resolve(cell)
            if own.known and own.name in self.hospital_based and own.name not in self.generic:
                return own
        if file_agency.known:
            return file_agency
        own = self.resolve(cell) if cell and cell.strip() else Resolved("", False)
        if own.known or not file_agency.name:
            return own
        return file_agency
