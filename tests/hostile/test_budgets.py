"""Tiny files that once stopped a whole case: each is refused (or read) within a budget of work.

Every test builds the hostile file, reads it as the pipeline does and
asserts what the user sees -- a refusal naming the limit, or the good rows
-- with the work measured as Python allocations (``tracemalloc`` peak) and
row counts, never seconds.
"""

from __future__ import annotations

import re
import tracemalloc
import zipfile
from pathlib import Path

from chrono.config import load_config
from chrono.read import read_file

from .corpus import ROWS, assert_refused, make_csv, make_docx, make_xlsx, members_of, sheet_member_name, write_zip, Member

MIB = 1 << 20


def read_measured(path: Path, cfg=None):
    """(result, peak bytes allocated by Python while reading)."""
    cfg = cfg or load_config()
    tracemalloc.start()
    try:
        result = read_file(path, path.name, cfg)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def rewrite(source: Path, target: Path, name: str, edit) -> Path:
    parts = members_of(source)
    parts[name] = edit(parts[name])
    return write_zip(target, [Member.plain(n, d) for n, d in parts.items()])


def test_docx_cell_spanning_300_million_columns_is_refused_without_allocating_it(tmp_path):
    good = make_docx(tmp_path / "good.docx")
    span = b'<w:tcPr><w:gridSpan w:val="300000000"/></w:tcPr>'
    path = rewrite(good, tmp_path / "Police span.docx", "word/document.xml",
                   lambda xml: xml.replace(b"<w:tc>", b"<w:tc>" + span, 1))
    assert path.stat().st_size < 64 * 1024
    result, peak = read_measured(path)
    assert_refused(result, "300,000,004 columns", "max_columns")
    assert peak < 40 * MIB, f"refusing the span allocated {peak / MIB:.0f} MiB"


def test_xlsx_with_2000_merges_down_to_the_last_row_reads_the_rows(tmp_path):
    good = make_xlsx(tmp_path / "good.xlsx")
    merges = b"".join(b'<mergeCell ref="%s2:%s1048576"/>' % (col, col)
                      for col in (b"A", b"B", b"C", b"D", b"E") for _ in range(400))
    block = b'<mergeCells count="2000">' + merges + b"</mergeCells>"
    name = sheet_member_name(good)
    path = rewrite(good, tmp_path / "School merged.xlsx", name,
                   lambda xml: xml.replace(b"</sheetData>", b"</sheetData>" + block, 1))
    assert path.stat().st_size < 16 * 1024
    result, peak = read_measured(path)
    assert result.report.status == "ok", result.report.problems
    assert [r.fields.get("event") for r in result.rows][:1] == [ROWS[0][1]]
    assert len(result.rows) == len(ROWS)
    assert peak < 40 * MIB


def test_xlsx_merges_that_would_copy_past_the_budget_are_refused(tmp_path):
    rows = [[f"0{1 + i % 9}/03/2025", f"Contact {i}", "School", "Yes", ""] for i in range(300)]
    good = make_xlsx(tmp_path / "good.xlsx", rows=rows)
    block = b'<mergeCells count="2000">' + b'<mergeCell ref="E2:E1048576"/>' * 2000 + b"</mergeCells>"
    name = sheet_member_name(good)
    path = rewrite(good, tmp_path / "merged.xlsx", name,
                   lambda xml: xml.replace(b"</sheetData>", b"</sheetData>" + block, 1)
                   .replace(b"<c r=\"E2\"", b"<c r=\"E2\" t=\"inlineStr\"><is><t>x</t></is></c><c r=\"Z2\"", 1))
    cfg = load_config(extra={"limits": {"max_merged_cells": 10_000}})
    result, _ = read_measured(path, cfg)
    assert_refused(result, "max_merged_cells")


def test_xlsx_with_200000_rows_the_old_scan_took_quadratic_time_over_is_refused_linearly(tmp_path):
    """``</row >`` (legal XML) once sent a lazy regex to the end of the sheet for every row."""
    from chrono.read.xlsx import _filled_in

    good = make_xlsx(tmp_path / "good.xlsx")
    empty = b"".join(b'<row r="%d"></row >' % n for n in range(10, 200_010))
    name = sheet_member_name(good)
    path = rewrite(good, tmp_path / "Health rows.xlsx", name,
                   lambda xml: xml.replace(b"</sheetData>", empty + b"</sheetData>", 1))
    assert path.stat().st_size < 700 * 1024
    xml = members_of(path)[name]
    assert _filled_in(xml) == 1 + len(ROWS)
    # a lower row cap keeps the test small; the scan still walks all 200,000 rows
    result, peak = read_measured(path, load_config(extra={"limits": {"max_rows_per_file": 5_000}}))
    text = assert_refused(result)
    assert "rows" in text and "limit" in text
    assert peak < 200 * MIB


def test_filled_in_counts_rows_however_they_are_written():
    from chrono.read.xlsx import _filled_in

    xml = (b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"/>'
           b'<x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c></x:row >'
           b'<row r="4"><c r="A4"/></row></sheetData>')
    assert _filled_in(xml) == 2
    # unclosed rows: each one's body ends at the next row tag
    assert _filled_in(b'<row r="1"><c><v>1</v></c><row r="2"><row r="3"><c><v>2</v></c>') == 2


def test_csv_blank_lines_count_towards_the_line_cap(tmp_path):
    """The row cap once counted only filled rows: 45 M blank lines under the size cap took 4 GB."""
    path = make_csv(tmp_path / "Housing.csv")
    path.write_bytes(path.read_bytes() + b"\r\n" * 5_000)
    cfg = load_config(extra={"limits": {"max_lines_per_file": 1_000}})
    result, peak = read_measured(path, cfg)
    assert_refused(result, "max_lines_per_file", "blank ones included")
    assert peak < 8 * MIB


def test_csv_of_blank_lines_costs_the_lines_looked_at(tmp_path):
    """Under the shipped limits a file of 400,000 blank lines is refused, holding at most the cap's lines."""
    path = make_csv(tmp_path / "Probation.csv")
    path.write_bytes(path.read_bytes() + b"\n" * 400_000)
    result, peak = read_measured(path)
    assert_refused(result, "max_lines_per_file")
    assert peak < 150 * MIB


def test_csv_with_a_5000_column_header_is_refused_naming_the_limit(tmp_path):
    header = ["Date", "Event", "Agency"] + [f"Column {i}" for i in range(5_000)]
    rows = [[r[0], r[1], r[2]] + ["x"] * 5_000 for r in ROWS] * 10
    path = make_csv(tmp_path / "GP wide.csv", rows=rows, header=header)
    result, peak = read_measured(path)
    assert_refused(result, "5,003 columns", "max_columns")
    assert peak < 40 * MIB


def test_trailing_commas_do_not_count_as_columns(tmp_path):
    path = make_csv(tmp_path / "School.csv")
    path.write_bytes(b"\r\n".join(line + b"," * 3_000 for line in path.read_bytes().split(b"\r\n") if line))
    result, _ = read_measured(path)
    assert result.report.status == "ok", result.report.problems
    assert len(result.rows) == len(ROWS)


def test_dtd_behind_a_long_comment_is_refused_by_the_guard(tmp_path):
    """The guard itself (not the parser) sees a DOCTYPE pushed 20 KB into a part."""
    from chrono.read.containers import open_office_zip
    from chrono.read.errors import ReadRefused

    good = make_docx(tmp_path / "good.docx")
    late = b"<!--" + b"x" * 20_000 + b"--><!DOCTYPE w:document>"
    path = rewrite(good, tmp_path / "late.docx", "word/document.xml",
                   lambda xml: re.sub(rb"\?>", b"?>" + late, xml, count=1))
    try:
        open_office_zip(path.read_bytes(), load_config())
    except ReadRefused as exc:
        assert "document type declaration" in str(exc)
    else:
        raise AssertionError("a DOCTYPE after a 20 KB comment passed the guard")


def test_parts_with_too_many_elements_are_refused_before_parsing(tmp_path):
    good = make_docx(tmp_path / "good.docx")
    path = rewrite(good, tmp_path / "many.docx", "word/document.xml",
                   lambda xml: xml.replace(b"</w:body>", b"<w:p/>" * 50_000 + b"</w:body>"))
    cfg = load_config(extra={"limits": {"max_xml_elements": 20_000}})
    result, peak = read_measured(path, cfg)
    assert_refused(result, "max_xml_elements")
    assert peak < 20 * MIB
    assert zipfile.is_zipfile(path)


def test_the_file_that_breaks_the_case_budget_is_refused_and_the_case_goes_on(tmp_path):
    from chrono.pipeline import CaseOptions, build_chronology

    case = tmp_path / "case"
    case.mkdir()
    make_csv(case / "A School.csv")
    big = [[f"0{1 + i % 9}/03/2025", "Long entry " + "x" * 2_000, "Police", "Yes", ""] for i in range(20)]
    make_csv(case / "B Police.csv", rows=big)
    make_docx(case / "C Health.docx")
    cfg = load_config(extra={"limits": {"max_case_text_chars": 20_000}})
    chron = build_chronology([str(case)], cfg, CaseOptions(child_name="Fictional CHILD"))
    files = {f.file: f for f in chron.files}
    assert files["A School.csv"].status == "ok" and files["C Health.docx"].status == "ok"
    assert files["B Police.csv"].status == "error"
    assert "max_case_text_chars" in " ".join(files["B Police.csv"].problems)
    assert not any(s.provenance.file == "B Police.csv" for e in chron.events for s in e.sources)
    assert sum(len(e.sources) for e in chron.events) == 2 * len(ROWS)
