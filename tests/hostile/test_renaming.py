"""Renaming a case's files must not change what the chair reads: the lead account, agencies' order, ids.

Two agencies tell the same visit on the same day in different words, in
files submitted together; which account leads the event once depended on
which file name sorted first.
"""

from __future__ import annotations

from pathlib import Path

from chrono.pipeline import build_chronology
from tests.builders import entry, write_docx, write_xlsx

VISITS = [
    ("12/03/2025", "Joint home visit, Tilly seen in her bedroom", "Home visit with police; Tilly seen, room cold",
     "Health Visiting", "Police"),
    ("20/03/2025", "Strategy discussion held", "Strategy meeting about Tilly", "Police", "Health Visiting"),
    ("20/03/2025", "School nurse drop-in", "Drop-in with school nurse", "Health Visiting", "Police"),
]


def _case(folder: Path, names: tuple[str, str]) -> Path:
    folder.mkdir()
    write_docx(folder / names[0], [entry(d, a, "Health Visiting") for d, a, _b, *_ in VISITS],
               agency="Health Visiting")
    write_xlsx(folder / names[1], [entry(d, b, "Police") for d, _a, b, *_ in VISITS], agency="Police")
    return folder


def _view(chron):
    return [(e.id, e.date, e.event, tuple(e.agencies), e.outcome, e.who) for e in chron.events]


def test_renaming_the_files_changes_no_event(tmp_path):
    plain = build_chronology([str(_case(tmp_path / "a", ("HV chronology.docx", "Police chronology.xlsx")))])
    renamed = build_chronology([str(_case(tmp_path / "b", ("zz HV chronology.docx", "aa Police chronology.xlsx")))])
    assert len(plain.events) == len(renamed.events) >= 3
    assert _view(plain) == _view(renamed)
