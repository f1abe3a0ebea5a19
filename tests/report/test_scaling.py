"""The writers scale with the chronology: work counted, not timed (issue 17).

Measured on generated chronologies (tests/report/report_case.make_case) with
a counting wrapper; the figures are in the report of the change. Here: the
per-row work that made the writers quadratic or slow stays out.
"""

from __future__ import annotations

from docx.oxml.table import CT_Tbl

from chrono.report import docx as appendix
from chrono.report import xlsx as workbook
from tests.report.report_case import make_case


def _grid_lookups(monkeypatch, case, cfg) -> int:
    calls = []
    original = CT_Tbl.tblGrid
    monkeypatch.setattr(CT_Tbl, "tblGrid", property(lambda self: (calls.append(1), original.fget(self))[1]))
    appendix.build_appendix(case, cfg)
    monkeypatch.setattr(CT_Tbl, "tblGrid", original)
    return len(calls)


def test_the_appendix_looks_up_column_widths_once_per_table_not_per_row(monkeypatch, cfg):
    small, large = make_case(events=40), make_case(events=400)
    assert _grid_lookups(monkeypatch, small, cfg) == _grid_lookups(monkeypatch, large, cfg)


def test_workbook_styles_are_built_once_per_kind_not_per_cell(monkeypatch, cfg):
    built = []

    class Counting(workbook.Cell):
        __slots__ = ()

        def __init__(self, *args, **kwargs):
            built.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(workbook, "Cell", Counting)
    workbook.build_workbook(make_case(events=40), cfg)
    small = len(built)
    built.clear()
    case = make_case(events=400)
    workbook.build_workbook(case, cfg)
    cells = sum(len(e.sources) for e in case.events) * len(workbook.TIMELINE_HEADINGS)
    assert len(built) <= small + 10 and len(built) * 50 < cells
