"""Rows built the way normalise would build them (merge tests only)."""

from __future__ import annotations

import datetime as dt

from chrono.model import Provenance, Row


def make_row(file: str, row: int, date: str, event: str, agency: str, *, table=1, time=None,
             seen="unknown", outcome="", submitted: str | None = None, precision="day",
             approximate=False, confidential=False) -> Row:
    d = dt.date.fromisoformat(date)
    return Row(provenance=Provenance(file, table, row), raw={"Event": event}, date=d,
               precision=precision, approximate=approximate, date_text=date, time=time,
               event=event, agency=agency, outcome=outcome, child_seen=seen,
               submitted=dt.date.fromisoformat(submitted) if submitted else None,
               confidential=confidential)
