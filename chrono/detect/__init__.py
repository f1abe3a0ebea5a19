"""detect stage: tag events with categories, raise pattern flags, list when the child was seen."""

from chrono.detect.lexicon import tag_events
from chrono.detect.rules import find_flags
from chrono.detect.seen import SeenVisit, seen_summary

__all__ = ["tag_events", "find_flags", "seen_summary", "SeenVisit"]
