"""The read stage as a user meets it: which rows come back, and which files are refused."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from chrono.config import load_config
from chrono.read import discover, read_file

from .builders import DATE, HEADER, ROWS, add_table, heading_table, write_docx, write_xlsx


@pytest.fixture(scope="module")
def cfg():
    return load_config()


def read(path: Path, cfg, password=None):
    return read_file(path, path.name, cfg, password=password)


def where(result):
    return [(r.provenance.table, r.provenance.row) for r in result.rows]


# ---------------------------------------------------------------- Word

def test_heading_table_then_chronology_table(tmp_path, cfg):
    path = write_docx(tmp_path / "hv.docx", lambda d: (heading_table(d), add_table(d, [HEADER] + ROWS)))
    res = read(path, cfg)
    assert res.report.status == "ok"
    # the heading table counts as table 1; the header is row 1 of table 2
    assert where(res) == [(2, 2), (2, 3), (2, 4)]
    h = res.report.heading
    assert (h.name, h.dob, h.agency, h.author) == ("Testy McTest", "01/02/2020", "Health Visiting", "A Nurse")
    assert res.report.agency_raw == "Health Visiting" and res.report.author == "A Nurse"
    assert res.report.columns["2"]["date"] == "Date and Time"
    assert res.report.columns["2"]["seen"] == "Child Seen/ View obtained"
    row = res.rows[0]
    assert row.fields["event"] == "Home visit by HV" and row.cells["Who was involved"] == "Mum, Test Child"
    assert res.rows[2].fields["date"] == "TBC"  # garbage dates are still returned
    assert len(res.report.sha256) == 64 and res.report.rows_read == 3


def test_name_paragraphs_with_varied_keys(tmp_path, cfg):
    def build(d):
        d.add_paragraph("MULTI-AGENCY CHRONOLOGY")
        d.add_paragraph("Name of child: Testy McTest")
        d.add_paragraph("D.O.B: 1 February 2020")
        d.add_paragraph("Agency sharing: Fictional Police")
        d.add_paragraph("Completed by: DC Example")
        add_table(d, [HEADER] + ROWS)
    res = read(write_docx(tmp_path / "p.docx", build), cfg)
    h = res.report.heading
    assert (h.name, h.dob, h.agency, h.author) == ("Testy McTest", "1 February 2020", "Fictional Police", "DC Example")
    assert where(res) == [(1, 2), (1, 3), (1, 4)]


def test_table_split_at_page_break_continues_without_header(tmp_path, cfg):
    def build(d):
        add_table(d, [HEADER] + ROWS[:2])
        d.add_paragraph("(continued)")
        add_table(d, ROWS[2:] + [ROWS[0]])
    res = read(write_docx(tmp_path / "split.docx", build), cfg)
    assert where(res) == [(1, 2), (1, 3), (2, 1), (2, 2)]
    assert res.rows[2].fields["date"] == "TBC"


def test_repeated_header_blank_rows_and_title_row_are_not_data(tmp_path, cfg):
    blank = [""] * len(HEADER)
    title = ["Chronology - Fictional School"] + [""] * (len(HEADER) - 1)
    rows = [title, HEADER, ROWS[0], blank, ROWS[1], HEADER, ROWS[2]]
    res = read(write_docx(tmp_path / "r.docx", lambda d: add_table(d, rows)), cfg)
    assert where(res) == [(1, 3), (1, 5), (1, 7)]
    assert res.report.heading.agency == "Fictional School"


def test_merged_cells_do_not_duplicate_text(tmp_path, cfg):
    def build(d):
        t = add_table(d, [HEADER] + ROWS)
        row = t.rows[2]
        merged = row.cells[1].merge(row.cells[3])
        merged.text = "Merged event text"
    res = read(write_docx(tmp_path / "m.docx", build), cfg)
    second = res.rows[1]
    assert second.fields["event"] == "Merged event text"
    assert second.fields["agency"] == "" and second.fields["who"] == ""
    # the columns keep their alignment after the merge
    assert second.fields["outcome"] == "" and second.fields["seen"] == "No"


def test_word_document_with_no_table_is_refused(tmp_path, cfg):
    path = write_docx(tmp_path / "letter.docx", lambda d: d.add_paragraph("Dear colleague, please find attached."))
    res = read(path, cfg)
    assert res.report.status == "error" and res.rows == []
    assert res.report.problems[0].startswith("no chronology table found")


def test_date_recorded_is_not_the_event_date_when_a_date_column_exists(tmp_path, cfg):
    rows = [["No.", "Date recorded", "Event", "Date of event", "Agency", "Ref"],
            ["1", "20/02/24", "Visit", "12/02/24", "Police", "R1"]]
    res = read(write_docx(tmp_path / "d.docx", lambda d: add_table(d, rows)), cfg)
    assert res.report.columns["1"] == {"date": "Date of event", "event": "Event", "agency": "Agency",
                                       "recorded": "Date recorded"}
    assert res.rows[0].fields["date"] == "12/02/24" and res.rows[0].fields["recorded"] == "20/02/24"
    assert res.rows[0].cells["Ref"] == "R1" and res.rows[0].cells["No."] == "1"
    assert set(res.report.unmapped_columns) == {"No.", "Ref"}
    only = [["Date recorded", "Details", "Outcome"], ["20/02/24", "Visit", "Noted"]]
    res2 = read(write_docx(tmp_path / "d2.docx", lambda d: add_table(d, only)), cfg)
    assert res2.report.columns["1"]["date"] == "Date recorded"


# ---------------------------------------------------------------- Excel

def test_title_rows_above_header_and_real_date_cells(tmp_path, cfg):
    path = write_xlsx(tmp_path / "s.xlsx", {"Data": [
        ["Chronology - Fictional Housing"],
        ["Name: Testy McTest    DOB: 01/02/2020"],
        ["Worker", "Date & Time", "Event", "Child seen", "Category"],
        ["J Officer", DATE, "Tenancy visit", "Yes", "Visit"],
        [None, None, None, None, None],
        ["J Officer", "TBC", "Repairs reported", "n/a", "Repairs"],
    ]})
    res = read(path, cfg)
    assert where(res) == [("Data", 4), ("Data", 6)]
    assert res.rows[0].date_value == DATE
    assert res.rows[0].cells["Worker"] == "J Officer" and "recorded_by" not in res.rows[0].fields
    h = res.report.heading
    assert (h.name, h.dob, h.agency) == ("Testy McTest", "01/02/2020", "Fictional Housing")


def test_cover_sheet_gives_heading_and_is_not_data(tmp_path, cfg):
    path = write_xlsx(tmp_path / "c.xlsx", {
        "Cover": [["Multi-Agency Chronology"], [], ["Child's name", "Testy McTest"], ["Date of birth", "1 Feb 2020"],
                  ["Completed by", "Dr Example"]],
        "Chronology": [["Date", "Details of event", "Source"], [dt.date(2024, 1, 5), "Surgery appt", "GP"]],
    })
    res = read(path, cfg)
    assert where(res) == [("Chronology", 2)]
    assert res.report.heading.name == "Testy McTest" and res.report.heading.author == "Dr Example"


def test_workbook_without_header_row_is_refused(tmp_path, cfg):
    path = write_xlsx(tmp_path / "n.xlsx", {"Sheet1": [["shopping list"], ["milk"], ["bread"]]})
    res = read(path, cfg)
    assert res.report.status == "error" and "no chronology table found" in res.report.problems[0]


def test_password_protected_workbook(tmp_path, cfg):
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = write_xlsx(tmp_path / "plain.xlsx", {"Data": [["Date", "Event", "Agency"], ["01/02/24", "Visit", "Police"]]})
    enc = tmp_path / "locked.xlsx"
    with open(plain, "rb") as src, open(enc, "wb") as dst:
        OOXMLFile(src).encrypt("s3cret!", dst)
    refused = read(enc, cfg)
    assert refused.report.status == "error"
    assert refused.report.problems == ["password-protected: run again with --password"]
    wrong = read(enc, cfg, password="nope")
    assert wrong.report.status == "error" and "did not open it" in wrong.report.problems[0]
    opened = read(enc, cfg, password="s3cret!")
    assert opened.report.status == "ok" and where(opened) == [("Data", 2)]


# ---------------------------------------------------------------- CSV

@pytest.mark.parametrize("encoding,delimiter", [("utf-8-sig", ","), ("utf-8", ";"), ("cp1252", ",")])
def test_csv_encodings_and_delimiters(tmp_path, cfg, encoding, delimiter):
    lines = ["Date/Time,Event,Agency,Seen?", "12/03/24,Visit by the café worker,Police,Yes", ",,,",
             "14/03/24,\"Call, follow-up\",Police,No"]
    text = "\r\n".join(l.replace(",", delimiter) if delimiter != "," else l for l in lines)
    path = tmp_path / "x.csv"
    path.write_bytes(text.encode(encoding))
    res = read(path, cfg)
    assert res.report.status == "ok"
    assert where(res) == [(1, 2), (1, 4)]
    assert res.rows[0].fields["event"] == "Visit by the café worker"
    assert res.report.columns["1"]["seen"] == "Seen?"
    if delimiter == ",":
        assert res.rows[1].fields["event"] == "Call, follow-up"


def test_csv_nul_bytes_are_stripped(tmp_path, cfg):
    path = tmp_path / "nul.csv"
    path.write_bytes(b"Date,Event,Agency\n01/02/24,Vis\x00it,GP\n")
    res = read(path, cfg)
    assert res.rows[0].fields["event"] == "Visit"


def test_text_email_is_refused(tmp_path, cfg):
    path = tmp_path / "notes.txt"
    path.write_text("From: someone\nSubject: chronology\n\nAttached is our chronology.\n")
    res = read(path, cfg)
    assert res.report.status == "error" and "not a chronology" in res.report.problems[0]


# ---------------------------------------------------------------- refusals

def _docx_bytes(tmp_path) -> bytes:
    return write_docx(tmp_path / "good.docx", lambda d: add_table(d, [HEADER] + ROWS)).read_bytes()


@pytest.mark.parametrize("name,content,expect", [
    ("empty.docx", b"", "empty file"),
    ("random.docx", bytes(range(256)) * 20, "not a valid Word/Excel file"),
    ("scan.docx", b"%PDF-1.7\n%binary\n1 0 obj\n", "a PDF"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "Save As .docx"),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "Save As .xlsx"),
    ("report.pdf", b"%PDF-1.4 something", "PDF"),
    ("letter.rtf", b"{\\rtf1\\ansi hello}", "Save As .docx"),
    ("picture.png", b"\x89PNG\r\n\x1a\n", "Save As"),
])
def test_bad_files_are_refused_with_advice(tmp_path, cfg, name, content, expect):
    path = tmp_path / name
    path.write_bytes(content)
    res = read(path, cfg)
    assert res.report.status == "error" and res.rows == []
    assert expect in res.report.problems[0]


def test_truncated_docx_is_refused(tmp_path, cfg):
    data = _docx_bytes(tmp_path)
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    res = read(path, cfg)
    assert res.report.status == "error" and "damaged" in res.report.problems[0]


def test_zip_bomb_limits(tmp_path, cfg):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<a>" + b" " * (5 << 20) + b"</a>")
    res = read(path, cfg)
    assert res.report.status == "error" and "zip bomb" in res.report.problems[0]
    small = load_config(extra={"limits": {"max_uncompressed_bytes": 1000}})
    _docx_bytes(tmp_path)
    res2 = read_file(tmp_path / "good.docx", "good.docx", small)
    assert res2.report.status == "error" and "max_uncompressed_bytes" in res2.report.problems[0]


def test_billion_laughs_is_refused_quickly(tmp_path, cfg):
    data = _docx_bytes(tmp_path)
    src = zipfile.ZipFile(io.BytesIO(data))
    ents = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    evil = (f'<?xml version="1.0"?><!DOCTYPE w:document [{ents}]>').encode()
    path = tmp_path / "laughs.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "word/document.xml":
                body = evil + body.split(b"?>", 1)[1].replace(b"Home visit by HV", b"&i;")
            out.writestr(item, body)
    res = read(path, cfg)
    assert res.report.status == "error" and "document type declaration" in res.report.problems[0]


def test_file_size_limit(tmp_path, cfg):
    small = load_config(extra={"limits": {"max_file_bytes": 100}})
    path = tmp_path / "big.csv"
    path.write_text("Date,Event,Agency\n" + "01/02/24,x,GP\n" * 50)
    res = read_file(path, path.name, small)
    assert res.report.status == "error" and "max_file_bytes" in res.report.problems[0]


def test_row_cap_refuses_rather_than_reading_in_part(tmp_path, cfg):
    capped = load_config(extra={"limits": {"max_rows_per_file": 3}})
    path = tmp_path / "many.csv"
    path.write_text("Date,Event,Agency\n" + "01/02/24,x,GP\n" * 5)
    res = read_file(path, path.name, capped)
    assert res.report.status == "error" and "max_rows_per_file" in res.report.problems[0]


def test_long_cell_is_cut_with_a_warning(tmp_path, cfg):
    short = load_config(extra={"limits": {"max_cell_chars": 10}})
    path = tmp_path / "long.csv"
    path.write_text("Date,Event,Agency\n01/02/24," + "y" * 50 + ",GP\n")
    res = read_file(path, path.name, short)
    assert res.report.status == "ok" and res.rows[0].fields["event"] == "y" * 10
    assert any("max_cell_chars" in w for w in res.report.warnings)


def test_missing_file_is_refused_not_raised(tmp_path, cfg):
    res = read(tmp_path / "gone.docx", cfg)
    assert res.report.status == "error" and "disappeared" in res.report.problems[0]


# ---------------------------------------------------------------- discover

def test_discover_recurses_and_skips_only_what_cannot_be_a_submission(tmp_path):
    (tmp_path / "2024-04").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ["b.docx", "2024-04/a.xlsx", "~$b.docx", ".hidden.csv", ".git/x.csv", "2024-04/~$a.xlsx",
                 "..notes.docx", "._b.docx", ".DS_Store", "Thumbs.db", ".gitignore", ".~lock.b.docx#"]:
        (tmp_path / name).write_bytes(b"x")
    single = tmp_path / "b.docx"
    skipped: list = []
    # hidden files with a document's extension are read: never dropped silently
    assert [n for _, n in discover([tmp_path], skipped)] == ["..notes.docx", ".hidden.csv", "2024-04/a.xlsx", "b.docx"]
    assert [n for n, _ in skipped] == sorted([".DS_Store", ".git/", "._b.docx", ".gitignore", ".~lock.b.docx#",
                                               "2024-04/~$a.xlsx", "Thumbs.db", "~$b.docx"])
    assert all(reason for _, reason in skipped)
    assert [n for _, n in discover([single])] == ["b.docx"]
    assert [n for _, n in discover([tmp_path / "~$b.docx"])] == ["~$b.docx"]  # named directly: read
    with pytest.raises(FileNotFoundError):
        discover([tmp_path / "nope"])


def test_heading_table_laid_out_horizontally(tmp_path, cfg):
    def build(d):
        add_table(d, [["Child's name", "D.O.B", "Agency"], ["Testy McTest", "01/02/2020", "Fictional Trust"]])
        add_table(d, [HEADER] + ROWS)
    res = read(write_docx(tmp_path / "h.docx", build), cfg)
    h = res.report.heading
    assert (h.name, h.dob, h.agency) == ("Testy McTest", "01/02/2020", "Fictional Trust")
    assert where(res)[0] == (2, 2)


def test_several_heading_keys_on_one_line(tmp_path, cfg):
    def build(d):
        d.add_paragraph("Name: Testy McTest DOB: 01/02/2020 Author: A Worker")
        add_table(d, [HEADER] + ROWS)
    h = read(write_docx(tmp_path / "one.docx", build), cfg).report.heading
    assert (h.name, h.dob, h.author) == ("Testy McTest", "01/02/2020", "A Worker")


def test_macro_enabled_word_file_is_read_without_its_macros(tmp_path, cfg):
    data = _docx_bytes(tmp_path)
    src = zipfile.ZipFile(io.BytesIO(data))
    path = tmp_path / "macro.docm"
    with zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "[Content_Types].xml":
                body = body.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml")
            out.writestr(item, body)
        out.writestr("word/vbaProject.bin", b"\x00" * 64)
    res = read(path, cfg)
    assert res.report.status == "ok" and where(res) == [(1, 2), (1, 3), (1, 4)]


def test_excel_workbook_named_docx_is_still_read(tmp_path, cfg):
    src = write_xlsx(tmp_path / "w.xlsx", {"Data": [["Date", "Event", "Agency"], ["01/02/24", "Visit", "Police"]]})
    path = tmp_path / "misnamed.docx"
    path.write_bytes(src.read_bytes())
    res = read(path, cfg)
    assert res.report.status == "ok" and where(res) == [("Data", 2)]
    assert any("Excel workbook named .docx" in w for w in res.report.warnings)


def test_unusual_headings_map_by_keyword_and_traps_stay_extra(tmp_path, cfg):
    rows = [["Type of contact", "Event date", "Summary of what happened", "Persons present", "Recorded by"],
            ["Visit", "01/02/24", "Home visit", "Mum", "J Worker"]]
    res = read(write_docx(tmp_path / "k.docx", lambda d: add_table(d, rows)), cfg)
    assert res.report.columns["1"] == {"date": "Event date", "event": "Summary of what happened", "who": "Persons present"}
    assert res.rows[0].cells["Type of contact"] == "Visit"


def test_first_row_of_a_continuation_that_reads_like_a_header_is_still_data(tmp_path, cfg):
    tricky = ["05/03/24", "Details", "Agency", "Child seen", "Outcome", "Seen", ""]
    def build(d):
        add_table(d, [HEADER] + ROWS)
        add_table(d, [tricky, ROWS[0]])
    res = read(write_docx(tmp_path / "t.docx", build), cfg)
    assert (2, 1) in where(res) and (2, 2) in where(res)


def test_csv_delimiter_is_the_one_that_gives_a_header(tmp_path, cfg):
    path = tmp_path / "semi.csv"
    lines = ["Date;Event;Agency;Seen?"] + [f"0{i}/02/24;Visit, call, letter, note, more, commas;GP;Yes" for i in range(1, 8)]
    path.write_text("\n".join(lines))
    res = read(path, cfg)
    assert res.report.columns["1"]["event"] == "Event"
    assert res.rows[0].fields["event"] == "Visit, call, letter, note, more, commas"


def test_text_in_content_controls_and_tracked_changes(tmp_path, cfg):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def build(d):
        t = add_table(d, [HEADER] + ROWS[:1])
        date_p = t.rows[1].cells[0].paragraphs[0]
        for r in list(date_p._p):
            date_p._p.remove(r)
        date_p._p.append(parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr/><w:sdtContent><w:r><w:t>03/02/24</w:t></w:r></w:sdtContent></w:sdt>'))
        event_p = t.rows[1].cells[1].paragraphs[0]
        event_p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="x"><w:r><w:t> - added later</w:t></w:r></w:ins>'))
        event_p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="x"><w:r><w:delText> REMOVED</w:delText></w:r></w:del>'))
    res = read(write_docx(tmp_path / "cc.docx", build), cfg)
    assert res.rows[0].fields["date"] == "03/02/24"
    assert res.rows[0].fields["event"] == "Home visit by HV - added later"


def test_python_docx_parser_does_not_expand_entities():
    """Belt and braces under the DTD check: python-docx's own parser must not expand a billion laughs."""
    import time

    from docx.oxml.parser import parse_xml
    from lxml import etree

    ents = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    evil = f'<?xml version="1.0"?><!DOCTYPE r [{ents}]><r>&i;</r>'.encode()
    start = time.perf_counter()
    try:
        root = parse_xml(evil)
        text = "".join(root.itertext())
    except etree.XMLSyntaxError:
        text = ""
    assert len(text) < 1000 and time.perf_counter() - start < 2


def test_file_changing_while_read_is_refused(tmp_path, cfg, monkeypatch):
    import os as real_os

    import chrono.read as reader

    path = tmp_path / "moving.csv"
    path.write_text("Date,Event,Agency\n01/02/24,x,GP\n")
    calls = {"n": 0}
    real_stat = real_os.stat

    def growing_stat(p, *a, **k):
        st = real_stat(p, *a, **k)
        calls["n"] += 1
        if calls["n"] > 1:
            return real_os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid,
                                        st.st_size + 10, int(st.st_atime), int(st.st_mtime), int(st.st_ctime)))
        return st

    monkeypatch.setattr(reader.os, "stat", growing_stat)
    res = read(path, cfg)
    assert res.report.status == "error" and "changed while it was being read" in res.report.problems[0]


def test_one_word_table_holding_the_details_then_the_header(tmp_path, cfg):
    rows = [["MULTI-AGENCY CHRONOLOGY"] + [""] * 6,
            ["Name", "Testy McTest", "DOB", "01/02/2020", "", "", ""],
            ["Agency", "Fictional Police", "Author", "DC Example", "", "", ""],
            HEADER] + ROWS
    res = read(write_docx(tmp_path / "one.docx", lambda d: add_table(d, rows)), cfg)
    assert where(res) == [(1, 5), (1, 6), (1, 7)]
    h = res.report.heading
    assert (h.name, h.dob, h.agency, h.author) == ("Testy McTest", "01/02/2020", "Fictional Police", "DC Example")


def test_entries_above_a_repeated_header_in_a_continuation_are_kept(tmp_path, cfg):
    def build(d):
        add_table(d, [HEADER] + ROWS[:1])
        add_table(d, [ROWS[1], ROWS[2], HEADER, ROWS[0]])
    res = read(write_docx(tmp_path / "c.docx", build), cfg)
    assert where(res) == [(1, 2), (2, 1), (2, 2), (2, 4)]
    assert res.rows[2].fields["date"] == "TBC"


def test_csv_export_renamed_xlsx_is_read_as_csv(tmp_path, cfg):
    path = tmp_path / "export.xlsx"
    path.write_text("Date,Event,Agency\n01/02/24,Visit,GP\n")
    res = read(path, cfg)
    assert res.report.status == "ok" and where(res) == [(1, 2)]
    assert any("read as CSV" in w for w in res.report.warnings)
    html = tmp_path / "report.xls"
    html.write_text("<html><table><tr><td>Date</td></tr></table></html>")
    assert "web page" in read(html, cfg).report.problems[0]


def test_heading_keys_worded_freely(tmp_path, cfg):
    def build(d):
        add_table(d, [["Child's full name", "Testy McTest"], ["Date of Birth", "01/02/2020"],
                      ["Agency completing chronology", "Fictional Trust"], ["Name and role of author", "A Nurse (HV)"],
                      ["Date completed", "05/05/2024"]])
        add_table(d, [HEADER] + ROWS)
    h = read(write_docx(tmp_path / "keys.docx", build), cfg).report.heading
    assert (h.name, h.dob, h.agency, h.author) == ("Testy McTest", "01/02/2020", "Fictional Trust", "A Nurse (HV)")
    assert h.other["Date completed"] == "05/05/2024"


def test_excel_date_merged_down_over_two_entries_applies_to_both(tmp_path, cfg):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    for row in [["Date", "Event", "Agency"], [DATE, "Visit", "Police"], [None, "Call", "Police"], ["TBC", "Letter", "GP"]]:
        ws.append(row)
    ws.merge_cells("A2:A3")
    ws.merge_cells("B4:C4")
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    res = read(path, cfg)
    assert where(res) == [("Data", 2), ("Data", 3), ("Data", 4)]
    assert res.rows[1].date_value == DATE and res.rows[1].fields["event"] == "Call"
    assert res.rows[2].fields["agency"] == ""  # a merge across columns is not copied sideways


# ---------------------------------------------------------------- column mapping

@pytest.fixture(scope="module")
def mapper(cfg):
    from chrono.read.headers import ColumnMapper

    return ColumnMapper(cfg)


@pytest.mark.parametrize("order", [0, 1, 2, 3])
def test_each_role_gets_its_best_column_whatever_the_order(mapper, order):
    """A heading that plainly names one role is not taken by a weaker reading for another."""
    heads = ["Time of arrival at clinic", "Reason seen / main concern event", "Result / follow-up action",
             "Was child seen", "Remarks", "Staff", "Ward", "Attended by"]
    rotated = heads[order * 2:] + heads[: order * 2]
    got = mapper.map(rotated).role_headings
    assert got["event"] == "Reason seen / main concern event"
    assert got["outcome"] == "Result / follow-up action"
    assert got["seen"] == "Was child seen"
    assert got["comments"] == "Remarks"
    assert got["who"] == "Attended by"
    assert "Staff" not in got.values() and "Ward" not in got.values()
    for reverse in (False, True):
        got = mapper.map(list(reversed(rotated)) if reverse else rotated).role_headings
        assert got["event"] == "Reason seen / main concern event" and got["who"] == "Attended by"


@pytest.mark.parametrize("heads, expect", [
    (["Worker", "Notes", "Accompanied by", "Reason for attendance", "Date of attendance", "Plan"],
     {"comments": "Notes", "who": "Accompanied by", "event": "Reason for attendance",
      "date": "Date of attendance", "outcome": "Plan"}),
    (["Incident date", "Incident details", "Persons present", "Action", "Remarks"],
     {"date": "Incident date", "event": "Incident details", "who": "Persons present", "outcome": "Action",
      "comments": "Remarks"}),
    (["Date and Time (DD/MM/YY)", "Nature of contact", "Professional comment", "Next steps", "Child seen (Y/N)",
      "Family members involved"],
     {"date": "Date and Time (DD/MM/YY)", "event": "Nature of contact", "comments": "Professional comment",
      "outcome": "Next steps", "seen": "Child seen (Y/N)", "who": "Family members involved"}),
    (["Seen by", "Date of contact", "Description", "Voice of the child", "Decision", "Those involved"],
     {"date": "Date of contact", "event": "Description", "seen": "Voice of the child", "outcome": "Decision",
      "who": "Those involved"}),
    (["Contact date", "What happened", "Worker's comments", "Present", "Actions", "Child's views"],
     {"date": "Contact date", "event": "What happened", "comments": "Worker's comments", "who": "Present",
      "outcome": "Actions", "seen": "Child's views"}),
    (["Date/time of incident", "Narrative", "Analysis", "Attendees"],
     {"date": "Date/time of incident", "event": "Narrative", "comments": "Analysis", "who": "Attendees"}),
])
def test_uk_practice_headings(mapper, heads, expect):
    assert mapper.map(heads).role_headings == expect


def test_notes_are_the_event_only_when_no_column_is(mapper):
    assert mapper.map(["Date", "Event", "Notes"]).role_headings == {"date": "Date", "event": "Event", "comments": "Notes"}
    assert mapper.map(["Notes", "Date", "Agency"]).role_headings == {"date": "Date", "event": "Notes", "agency": "Agency"}


def test_seen_by_is_a_name_not_whether_the_child_was_seen(mapper):
    got = mapper.map(["Date", "Summary", "Seen by", "Child seen?"]).role_headings
    assert got == {"date": "Date", "event": "Summary", "seen": "Child seen?"}
    assert "seen" not in mapper.map(["Date", "Summary", "Seen by"]).roles


def test_keyword_needs_the_whole_word(mapper):
    """'Presenting' is not 'present' (the who role)."""
    got = mapper.map(["Date", "Presenting problem and significant event", "Outcome"]).role_headings
    assert got == {"date": "Date", "event": "Presenting problem and significant event", "outcome": "Outcome"}


def test_excel_long_cell_warning_names_the_sheet(tmp_path):
    short = load_config(extra={"limits": {"max_cell_chars": 10}})
    path = write_xlsx(tmp_path / "long.xlsx", {"Chronology": [["Date", "Event", "Agency"],
                                                              ["01/02/24", "z" * 40, "GP"]]})
    res = read_file(path, path.name, short)
    assert res.report.status == "ok" and res.rows[0].fields["event"] == "z" * 10
    assert any(w.startswith("sheet 'Chronology', row 2") for w in res.report.warnings), res.report.warnings
    csv_path = tmp_path / "long.csv"
    csv_path.write_text("Date,Event,Agency\n01/02/24," + "y" * 50 + ",GP\n")
    res = read_file(csv_path, csv_path.name, short)
    assert any(w.startswith("row 2: column 'Event'") for w in res.report.warnings), res.report.warnings


def test_header_beyond_the_searched_columns_says_so(tmp_path, cfg):
    path = tmp_path / "wide.csv"
    lead = 300
    path.write_text(",".join([""] * lead + ["Date", "Event", "Agency"]) + "\n"
                    + ",".join([""] * lead + ["01/02/24", "Visit", "GP"]) + "\n")
    res = read(path, cfg)
    assert res.report.status == "error"
    text = res.report.problems[0]
    assert text.startswith("too many columns") and "max_header_columns" in text and "301" in text


def test_damaged_xml_is_refused_in_words(tmp_path, cfg):
    path = write_docx(tmp_path / "ok.docx", lambda d: add_table(d, [HEADER] + ROWS))
    out = tmp_path / "bad.docx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"</w:body>", b"<w:p></w:body>")
            dst.writestr(info, data)
    res = read(out, cfg)
    assert res.report.status == "error"
    assert "Error" not in res.report.problems[0] and "damaged" in res.report.problems[0]


# --- headings no synonym names: the header row recognised by the table under it ---

def test_header_recognised_by_the_dates_under_it(tmp_path, cfg):
    """Headings in nobody's vocabulary ("Logged at | Narrative of visit") still make a chronology
    when one column below holds dates and another holds sentences."""
    path = write_xlsx(tmp_path / "Ferncombe walk-in log.xlsx", {"Visits": [
        ["Arrived at desk", "What we were told", "Onward", "Badge"],
        [dt.datetime(2024, 3, 12, 14, 30), "Walked in with aunt, said she had not eaten since Friday.", "Fed", "T1"],
        [dt.datetime(2024, 4, 2, 9, 5), "Came alone after school, cut on left hand dressed by staff.", "Home", "T2"],
        ["14/04/2024", "Returned for the dressing to be changed; quiet, gave little eye contact.", "", "T1"],
    ]})
    res = read(path, cfg)
    assert res.report.status == "ok"
    assert res.report.columns["Visits"]["date"] == "Arrived at desk"
    assert res.report.columns["Visits"]["event"] == "What we were told"
    assert [r.provenance.row for r in res.rows] == [2, 3, 4]
    assert res.rows[0].date_value == dt.datetime(2024, 3, 12, 14, 30)


def test_header_by_content_in_a_csv_with_text_dates(tmp_path, cfg):
    path = tmp_path / "log.csv"
    path.write_text("Logged on,Narrative of visit,Staff\n"
                    "3 Feb 2024,Visited the flat; child asleep in cot and mum well presented.,K Lee\n"
                    "10/02/2024,Phone call: mum asked for help with the electricity bill.,K Lee\n", encoding="utf-8")
    res = read(path, cfg)
    assert res.report.status == "ok" and len(res.rows) == 2
    assert res.rows[1].fields["event"].startswith("Phone call")


def test_new_synonyms_arrival_presentation_disposal(tmp_path, cfg):
    path = write_xlsx(tmp_path / "ed.xlsx", {"Attendances": [
        ["Arrival", "Presentation / notes", "Disposal", "Seen", "Accompanied by"],
        [DATE, "Fell from a climbing frame, swelling to wrist.", "Discharged", "Y", "Dad"],
    ]})
    cols = read(path, cfg).report.columns["Attendances"]
    assert cols == {"date": "Arrival", "event": "Presentation / notes", "outcome": "Disposal",
                    "seen": "Seen", "who": "Accompanied by"}
    path = tmp_path / "s.csv"
    path.write_text("When,Concern,Plan/Disposal,Seen\n01/02/2024,Bruise on cheek noticed at drop off,"
                    "Referral to MASH,Y\n", encoding="utf-8")
    cols = read(path, cfg).report.columns["1"]
    assert cols == {"date": "When", "event": "Concern", "outcome": "Plan/Disposal", "seen": "Seen"}


def test_cover_sheet_with_a_date_of_birth_is_not_a_chronology(tmp_path, cfg):
    path = write_xlsx(tmp_path / "cover.xlsx", {"Cover": [
        ["Child", "Born", "Home"],
        ["Testy McTest", dt.date(2020, 2, 1), "1 Fictional Road, Nowhere Town, NW1 1AA"],
    ], "Keys": [
        ["Prepared for", "Review panel"],
        ["Date completed", dt.date(2024, 5, 5)],
        ["Completed by", "A Nurse, practitioner of the fictional team"],
    ]})
    res = read(path, cfg)
    assert res.report.status == "error" and "no chronology table found" in res.report.problems[0]
    assert not res.rows


def test_heading_table_then_unnamed_chronology_in_word(tmp_path, cfg):
    def build(d):
        heading_table(d)
        add_table(d, [["Logged", "What happened and why", "Staff"],
                      ["03/02/2024", "Home visit: mum tired, baby weighed and feeding well.", "HV1"],
                      ["10/02/2024", "Clinic: baby not brought; letter sent to offer a new slot.", "HV1"]])
    res = read(write_docx(tmp_path / "w.docx", build), cfg)
    assert [r.fields["date"] for r in res.rows] == ["03/02/2024", "10/02/2024"]
    assert res.report.heading.name == "Testy McTest"


def test_agency_inferred_from_entries_when_nothing_states_it(tmp_path, cfg):
    path = tmp_path / "Export 2024-05.csv"
    path.write_text("Date,Summary,Clinician,Outcome\n"
                    "03/02/2024,8 week immunisations given.,Practice nurse,\n"
                    "10/03/2024,Did not attend 12 week immunisations; recall letter sent.,Practice nurse,Recall\n"
                    "11/04/2024,Seen with cough; chest clear. Safety-netting advice.,Dr A Example,\n", encoding="utf-8")
    res = read(path, cfg)
    assert res.report.agency_raw == "GP (inferred from entries)"
    assert any("agency not stated; inferred GP" in w and "Agency:" in w for w in res.report.warnings)


def test_agency_not_inferred_when_the_file_name_or_rows_state_it(tmp_path, cfg):
    path = tmp_path / "Police chronology.csv"
    path.write_text("Date,Summary\n03/02/2024,8 week immunisations given by practice nurse.\n"
                    "04/02/2024,Practice nurse phoned about immunisations.\n", encoding="utf-8")
    res = read(path, cfg)
    assert res.report.agency_raw == "" and not any("inferred" in w for w in res.report.warnings)
    path = tmp_path / "Export.csv"
    path.write_text("Date,Summary,Agency\n03/02/2024,8 week immunisations given by practice nurse.,School\n"
                    "04/02/2024,Practice nurse phoned about immunisations.,School\n", encoding="utf-8")
    res = read(path, cfg)
    assert res.report.agency_raw == "" and not any("inferred" in w for w in res.report.warnings)


def test_agency_left_unknown_without_a_clear_answer(tmp_path, cfg):
    path = tmp_path / "Export.csv"
    path.write_text("Date,Summary\n03/02/2024,Mum phoned.\n04/02/2024,Letter sent.\n", encoding="utf-8")
    res = read(path, cfg)
    assert res.report.agency_raw == ""
    assert any("agency not stated" in w and "Agency:" in w for w in res.report.warnings)


def test_attendance_list_with_patient_details_columns_is_read_by_content(tmp_path, cfg):
    dob = dt.date(2019, 6, 1)
    path = write_xlsx(tmp_path / "list.xlsx", {"List": [
        ["Patient name", "DOB", "Came in", "Triage note", "Onward"],
        ["Testy McTest", dob, dt.datetime(2024, 3, 1, 10, 0), "Cut to forehead after a fall at home, glued.", "Home"],
        ["Testy McTest", dob, dt.datetime(2024, 5, 9, 22, 40), "Swallowed a button battery; X-ray clear.", "Home"],
    ]})
    res = read(path, cfg)
    assert res.report.columns["List"]["date"] == "Came in"
    assert res.report.columns["List"]["event"] == "Triage note"
    assert [r.date_value for r in res.rows] == [dt.datetime(2024, 3, 1, 10, 0), dt.datetime(2024, 5, 9, 22, 40)]


def test_siblings_cover_table_is_not_a_chronology(tmp_path, cfg):
    def build(d):
        add_table(d, [["Child", "Born", "Home"],
                      ["Testy McTest", "01/02/2020", "1 Fictional Road, Nowhere Town, NW1 1AA"],
                      ["Besty McTest", "03/04/2022", "1 Fictional Road, Nowhere Town, NW1 1AA"]])
    res = read(write_docx(tmp_path / "cover.docx", build), cfg)
    assert res.report.status == "error" and not res.rows


def test_a_single_case_note_column_is_the_entry_when_nothing_else_is(mapper):
    """A housing system's "Case note" heading, in the singular, holds the entry."""
    got = mapper.map(["Date", "Case note", "Action", "Officer"]).role_headings
    assert got.get("event") == "Case note"
    assert mapper.map(["Date", "Event", "Case note"]).role_headings.get("event") == "Event"
