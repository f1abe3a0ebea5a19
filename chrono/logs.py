"""Logging for the CLI, with entry text withheld unless ``--show-text``.

Chronology entries describe a child, and logs end up in terminals, CI output
and support tickets. The convention: code never puts entry text in a log
message itself; it passes it as ``extra={"entry_text": text}`` or wraps it in
:func:`redact`. Both show ``[text withheld: N chars; use --show-text]`` unless
the user asked for ``--show-text``.
"""

from __future__ import annotations

import logging
import sys

__all__ = ["configure", "redact", "RedactEntryText", "LOGGER_NAME"]

#: Every chrono module logs under this name (``logging.getLogger(__name__)``).
LOGGER_NAME = "chrono"

_show_text = False
_handler: logging.Handler | None = None


def redact(text: str) -> str:
    """``text`` itself with ``--show-text``, otherwise only its length."""
    if _show_text:
        return text
    return f"[text withheld: {len(text or '')} chars; use --show-text]"


class RedactEntryText(logging.Filter):
    """Append a record's ``entry_text`` to its message, withheld unless enabled."""

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "entry_text") and not getattr(record, "_chrono_redacted", False):
            record._chrono_redacted = True
            text = str(record.entry_text)
            record.msg = f"{record.getMessage()}: {redact(text)}"
            record.args = None
            record.entry_text = redact(text)
        return True


def configure(verbose: bool = False, show_text: bool = False) -> logging.Logger:
    """Send chrono's log records to stderr; DEBUG with ``verbose``, else WARNING.

    Safe to call more than once (the last call wins).
    """
    global _show_text, _handler
    _show_text = bool(show_text)
    logger = logging.getLogger(LOGGER_NAME)
    if _handler is not None:
        logger.removeHandler(_handler)
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    _handler.addFilter(RedactEntryText())
    logger.addHandler(_handler)
    logger.setLevel(logging.DEBUG if verbose else logging.WARNING)
    logger.propagate = False
    return logger


def showing_text() -> bool:
    """Whether ``--show-text`` is in force (worker processes inherit the setting)."""
    return _show_text
