"""The "Child Seen / View obtained" column: yes, no or unknown, plus the detail.

The template asks for Yes/No plus the child's views; people write "Y (with
mum)", "Seen alone", "No – asleep", "N/A". The detail (views, seen alone, who
was present, why not seen) is kept because the review conference report must
say whether the child was seen alone and, if not, who was present.
Only the seen column is read: a blank column means the agency did not say.
"""

from __future__ import annotations

import re

from chrono.model import Seen

_SEP = r"[\s\-–—:;,./()\[\]]"

_UNKNOWN = re.compile(
    r"^(?:n\s*/\s*a|n\.a\.?|na|not\s+applicable|not\s+app\.?|unknown|not\s+known|n\s*/\s*k|nk|unk|"
    r"not\s+recorded|not\s+stated|none\s+recorded|no\s+record|tbc|unborn|pre-?birth|not\s+(?:yet\s+)?born|"
    r"adult\s+only|parents?\s+only)(?=$|" + _SEP + r")|^(?:-+|\?+|\.+|x)$",
    re.I,
)
_NO_LEAD = re.compile(
    r"^(?:no|n|nope|x|✗|✘|not\s+seen|child\s+not\s+seen|not\s+present|not\s+spoken\s+to|"
    r"no\s+access|nil\s+access|was\s+not\s+brought|wnb|dna|did\s+not\s+attend|"
    r"not\s+at\s+home|not\s+available|unseen)(?=$|" + _SEP + r")",
    re.I,
)
_YES_LEAD = re.compile(
    r"^(?:yes|y|yep|✓|✔|seen|child\s+seen|seen\s+and\s+spoken\s+to|spoke\s+to|spoken\s+to|"
    r"views?\s+(?:obtained|gained|sought\s+and\s+obtained|given|recorded)|views?(?=\s*[:\-])|child.?s\s+views?|"
    r"observed|present)(?=$|" + _SEP + r")",
    re.I,
)
# Phrases anywhere in a free-text answer.
_NO_ANYWHERE = re.compile(
    r"\b(?:not\s+seen|no\s+access|not\s+brought|not\s+present|telephone\s+(?:call|contact)|"
    r"phone\s+call|by\s+phone|letter\s+sent)\b",
    re.I,
)
_YES_ANYWHERE = re.compile(
    r"\b(?:seen|spoke\s+(?:to|with)|spoken\s+(?:to|with)|views?\s+obtained|observed|said\s+(?:she|he|they))\b",
    re.I,
)
_BARE_ANSWER = re.compile(r"^(?:yes|y|no|n|seen|not\s+seen|x|✓|✔|✗|✘)$", re.I)


def _detail(text: str, lead: re.Match | None) -> str:
    """What follows a bare yes/no ("Yes - seen alone" -> "seen alone"); whole phrases otherwise."""
    if lead is None:
        return text
    word = lead.group(0)
    if _BARE_ANSWER.match(word):
        rest = text[lead.end():]
        rest = re.sub(r"^" + _SEP + r"+", "", rest)
        rest = re.sub(r"[)\]]$", "", rest) if "(" not in rest and "[" not in rest else rest
        rest = rest.strip()
        if word.lower() in ("seen", "not seen") and rest:
            return text  # "Seen with mum" reads best as written
        return rest
    return text


_NOT_APPLICABLE = re.compile(r"^\W{0,2}(?:n\s*/\s*a|n\.a\.?|na|not\s+applicable)\W*$", re.I)


def answer_kind(text: str) -> str | None:
    """``"yes"``/``"no"`` when a cell opens with a yes/no answer ("Y", "No - asleep",
    "seen alone"), ``"n/a"`` for a bare not-applicable, else ``None``: how the reader
    recognises a seen column by its values when its heading does not say."""
    clean = re.sub(r"\s+", " ", (text or "").replace("\u00a0", " ")).strip().lstrip("*•-– ")
    if _NOT_APPLICABLE.match(clean):
        return "n/a"
    if _NO_LEAD.match(clean):
        return "no"
    if _YES_LEAD.match(clean):
        return "yes"
    return None


def parse_seen(text: str) -> tuple[Seen, str]:
    """``("yes" | "no" | "unknown", detail)`` for one seen/views cell."""
    try:
        clean = re.sub(r"\s+", " ", (text or "").replace("\u00a0", " ")).strip()
    except Exception:
        return "unknown", ""
    if not clean or _UNKNOWN.match(clean):
        return "unknown", ""
    lead = _NO_LEAD.match(clean)
    if lead:
        return "no", _detail(clean, lead)
    lead = _YES_LEAD.match(clean)
    if lead:
        return "yes", _detail(clean, lead)
    if _NO_ANYWHERE.search(clean):
        return "no", clean
    if _YES_ANYWHERE.search(clean):
        return "yes", clean
    return "unknown", clean
