"""Password-protected Office files: decrypted in memory, never written to disk.

Agencies often protect a workbook and send the password separately; the
user passes it with ``--password``. An OLE (compound document) file is either
an encrypted .docx/.xlsx or an old binary .doc/.xls, which chrono cannot read.
"""

from __future__ import annotations

import io

import msoffcrypto
from msoffcrypto import exceptions as mexc

from chrono.read.errors import ReadRefused

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

NEEDS_PASSWORD = "password-protected: run again with --password"
WRONG_PASSWORD = "password-protected, and the password given did not open it: check the password with the sender"


def is_ole(data: bytes) -> bool:
    return data[:8] == OLE_MAGIC


def legacy_advice(suffix: str) -> str:
    """What to tell the user about an old binary Office file."""
    if suffix in (".xls", ".xlsx", ".xlsm", ".xlt"):
        return "an old Excel 97-2003 workbook (.xls), which chrono cannot read: open it in Excel and Save As .xlsx"
    return "an old Word 97-2003 document (.doc), which chrono cannot read: open it in Word and Save As .docx"


def decrypt_ole(data: bytes, suffix: str, password: str | None) -> bytes:
    """The decrypted Office zip inside an OLE container, or a refusal saying why not."""
    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        encrypted = office.is_encrypted()
    except Exception:
        # not something msoffcrypto understands: an old binary file or damaged
        raise ReadRefused(legacy_advice(suffix))
    if not encrypted:
        raise ReadRefused(legacy_advice(suffix))
    if getattr(office, "format", "ooxml") != "ooxml" and type(office).__name__ != "OOXMLFile":
        hint = legacy_advice(suffix)
        raise ReadRefused(f"password-protected, and {hint}")
    if not password:
        raise ReadRefused(NEEDS_PASSWORD)
    out = io.BytesIO()
    try:
        office.load_key(password=password)
        office.decrypt(out)
    except (mexc.InvalidKeyError, mexc.DecryptionError):
        raise ReadRefused(WRONG_PASSWORD)
    except Exception:
        raise ReadRefused(WRONG_PASSWORD)
    return out.getvalue()
