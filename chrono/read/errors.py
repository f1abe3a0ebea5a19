"""The one exception the readers raise internally; ``read_file`` turns it into a refusal."""

from __future__ import annotations


class ReadRefused(Exception):
    """A file that cannot be accepted; the message says what is wrong and what to do."""
