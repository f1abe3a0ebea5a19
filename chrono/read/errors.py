"""The one exception the readers raise internally; ``read_file`` turns it into a refusal."""

from __future__ import annotations


class ReadRefused(Exception):
    """A file that cannot be accepted; the message says what is wrong and what to do."""


def xml_problem(detail: str, what: str = "file") -> str:
    """A refusal for XML the parser rejects, in words (never the parser's exception name)."""
    low = (detail or "").lower()
    if "depth" in low or "nest" in low or "huge" in low:
        return (f"refused for safety: the {what}'s structure is nested too deeply (for example tables "
                "inside tables hundreds of levels down), which Word and Excel do not write: the file is "
                "damaged or hostile; ask the sender to copy the chronology into a fresh document")
    return (f"the {what}'s content is damaged (its XML cannot be read): open it in Word or Excel and "
            "save it again, or ask the sender for a fresh copy")
