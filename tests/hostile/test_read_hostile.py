"""The read stage against hostile and broken files.

Every case: ``read_file`` returns (never raises, never hangs) within a few
seconds, and either refuses the file with a message a key worker can act on
or accepts it with a clear warning where that is the right outcome.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import unicodedata
import zipfile

import pytest

from chrono.config import load_config

from .corpus import (
    HEADER,
    LAUGHS_DTD,
    ROWS,
    XXE_DTD,
    all_cells,
    assert_clear,
    assert_refused,
    big_xlsx,
    bomb_docx,
    bomb_xlsx,
    docx_body_xml,
    liar_docx,
    make_csv,
    make_docx,
    make_xlsx,
    make_xlsx_text_cells,
    Member,
    members_of,
    narrative,
    read,
    repeated_member,
    sheet_member_name,
    sheet_xml,
    with_member,
    write_zip,
)

pytestmark = pytest.mark.slow

BOMB_WORDS = ("zip bomb", "limit")


def bomb_text(text: str) -> None:
    assert any(w in text for w in BOMB_WORDS), f"refusal does not say why: {text!r}"


# -- sanity: the builders make files the reader accepts ----------------------

@pytest.mark.parametrize("make, name", [(make_docx, "Police.docx"), (make_xlsx, "Health.xlsx"),
                                        (make_csv, "School.csv")])
def test_ordinary_submission_is_read(tmp_path, make, name):
    result = read(make(tmp_path / name))
    assert result.report.status == "ok", result.report.problems
    assert len(result.rows) == len(ROWS)
    assert "Home visit by social worker" in all_cells(result)


# -- zip bombs ---------------------------------------------------------------

def test_zip_bomb_docx_is_refused(tmp_path):
    path = bomb_docx(tmp_path)
    assert path.stat().st_size < 3 << 20
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
        assert info.file_size > 1 << 30 and info.file_size / info.compress_size > 1000
    bomb_text(assert_refused(read(path)))


def test_zip_bomb_xlsx_is_refused(tmp_path):
    bomb_text(assert_refused(read(bomb_xlsx(tmp_path))))


def test_members_under_the_ratio_limit_but_over_the_total_are_refused(tmp_path):
    """13 parts of 16 MiB at ~100:1 each: no single part trips the ratio, the sum
    (208 MiB) is over max_uncompressed_bytes."""
    import random

    noise = random.Random(7).randbytes(600)
    good = make_docx(tmp_path / "good.docx")
    members = [Member.plain(n, d) for n, d in members_of(good).items()]
    for i in range(13):
        members.append(repeated_member(f"word/media/image{i}.bin", b"", noise + b"\0" * 65000, 1, b""))
    ratio = members[-1].size / len(members[-1].stream)
    assert 20 < ratio < load_config().limit("max_compression_ratio")
    path = write_zip(tmp_path / "padded.docx", members)
    bomb_text(assert_refused(read(path)))


def test_member_that_lies_about_its_size_is_refused(tmp_path):
    """Declared 2 KB, really 1.1 GiB: the reader must not trust the header."""
    assert_refused(read(liar_docx(tmp_path)))


def test_too_many_zip_members_is_refused(tmp_path):
    cfg = load_config()
    good = make_xlsx(tmp_path / "good.xlsx")
    members = [Member.plain(n, d) for n, d in members_of(good).items()]
    members += [Member.plain(f"xl/media/m{i}.bin", b"") for i in range(cfg.limit("max_zip_members") + 1)]
    path = write_zip(tmp_path / "many.xlsx", members)
    text = assert_refused(read(path, cfg=cfg))
    assert "max_zip_members" in text or "parts" in text


# -- XML attacks -------------------------------------------------------------

def docx_with_xml(tmp_path, name, xml):
    good = make_docx(tmp_path / "good.docx")
    return with_member(good, tmp_path / name, "word/document.xml", xml)


def xlsx_with_xml(tmp_path, name, xml):
    good = make_xlsx(tmp_path / "good.xlsx")
    return with_member(good, tmp_path / name, sheet_member_name(good), xml)


def test_billion_laughs_in_docx_is_refused(tmp_path):
    path = docx_with_xml(tmp_path, "laughs.docx", docx_body_xml(LAUGHS_DTD, "&lol9;"))
    assert_refused(read(path))


def test_billion_laughs_in_xlsx_is_refused(tmp_path):
    path = xlsx_with_xml(tmp_path, "laughs.xlsx", sheet_xml(LAUGHS_DTD, "&lol9;"))
    assert_refused(read(path))


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_external_entity_is_refused_and_never_read(tmp_path, kind):
    if kind == "docx":
        path = docx_with_xml(tmp_path, "xxe.docx", docx_body_xml(XXE_DTD, "&xxe;"))
    else:
        path = xlsx_with_xml(tmp_path, "xxe.xlsx", sheet_xml(XXE_DTD, "&xxe;"))
    result = read(path)
    assert not any("root:" in cell for cell in all_cells(result))
    assert_refused(result)


def test_dtd_after_a_long_prolog_is_still_refused(tmp_path):
    """A DOCTYPE pushed past the first few KB by a long comment."""
    padding = "<!--" + "x" * 20000 + "-->"
    xml = docx_body_xml("", "&lol9;").decode().replace("?>\n", "?>\n" + padding + LAUGHS_DTD, 1)
    path = docx_with_xml(tmp_path, "late-dtd.docx", xml.encode())
    result = read(path)
    assert not any("lollol" in cell for cell in all_cells(result))
    assert_refused(result)


# -- not what the name says --------------------------------------------------

def test_pdf_named_docx_is_refused_as_a_pdf(tmp_path):
    path = tmp_path / "Police chronology.docx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n")
    assert_refused(read(path), "pdf")


@pytest.mark.parametrize("name, magic", [
    ("School chronology.docx", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\0" * 200),
    ("Health chronology.xlsx", b"\x7fELF\x02\x01\x01\x00" + b"\0" * 200),
    ("Police chronology.csv", b"MZ\x90\x00" + bytes(range(256)) * 4),
])
def test_executable_named_as_a_submission_is_refused(tmp_path, name, magic):
    path = tmp_path / name
    path.write_bytes(magic)
    assert_refused(read(path))


# -- structure -------------------------------------------------------------

def nested_docx(tmp_path, depth):
    import docx

    document = docx.Document()
    table = document.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    for i, text in enumerate(HEADER):
        table.cell(0, i).text = text
    for r, row in enumerate(ROWS, start=1):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    cell = table.cell(1, 4)
    for level in range(depth):
        inner = cell.add_table(rows=1, cols=2)
        inner.cell(0, 0).text = f"level {level}"
        cell = inner.cell(0, 1)
    path = tmp_path / f"nested-{depth}.docx"
    document.save(path)
    return path


def test_fifty_nested_tables_are_read_without_error(tmp_path):
    result = read(nested_docx(tmp_path, 50))
    if result.report.status == "ok":
        assert len(result.rows) == len(ROWS)
        assert "Home visit by social worker" in all_cells(result)
    else:
        assert_refused(result)


def test_nesting_deeper_than_the_xml_parser_allows_is_refused_cleanly(tmp_path):
    """120 nested tables exceed libxml2's depth limit: refuse, don't crash."""
    result = read(nested_docx(tmp_path, 120))
    if result.report.status != "ok":
        assert_refused(result)


@pytest.fixture(scope="session")
def xlsx_200k(tmp_path_factory):
    return big_xlsx(tmp_path_factory.mktemp("big"), 200_000)


def test_200k_row_xlsx_is_refused_or_capped_with_the_limit_named(xlsx_200k):
    cfg = load_config()
    result = read(xlsx_200k, cfg=cfg, seconds=10)
    limit = cfg.limit("max_rows_per_file")
    if result.report.status == "ok":
        assert len(result.rows) <= limit
        text = " ".join(result.report.warnings)
    else:
        text = assert_refused(result)
    assert "max_rows_per_file" in text, f"the message should name the limit: {text!r}"


def test_200k_row_csv_is_refused_or_capped_with_the_limit_named(tmp_path):
    cfg = load_config()
    rows = [["03/02/2025", f"Contact {i}", "School", "Yes", ""] for i in range(200_000)]
    result = read(make_csv(tmp_path / "big.csv", rows), cfg=cfg, seconds=10)
    if result.report.status == "ok":
        assert len(result.rows) <= cfg.limit("max_rows_per_file")
        text = " ".join(result.report.warnings)
    else:
        text = assert_refused(result)
    assert "max_rows_per_file" in text, f"the message should name the limit: {text!r}"


# -- encodings and bytes -----------------------------------------------------

SMART_ROW = ["03/02/2025", "Home visit – Zoë’s “new” flat", "Children's Social Care", "Yes", "Plan reviewed"]


@pytest.mark.parametrize("encoding, delimiter", [("utf-16", ","), ("utf-16-le", "\t")])
def test_utf16_csv_is_read_correctly_or_refused_clearly(tmp_path, encoding, delimiter):
    """Excel's "Unicode Text" is UTF-16 with a BOM: never read it as mojibake."""
    text = "\r\n".join(delimiter.join(r) for r in (HEADER, SMART_ROW)) + "\r\n"
    data = text.encode(encoding)
    if encoding == "utf-16-le":
        data = b"\xff\xfe" + data
    path = tmp_path / "Unicode text.csv"
    path.write_bytes(data)
    result = read(path)
    if result.report.status == "ok":
        assert len(result.rows) == 1
        assert "Home visit – Zoë’s “new” flat" in all_cells(result), all_cells(result)
    else:
        text = assert_refused(result)
        assert "utf" in text or "encoding" in text or "unicode" in text


def test_csv_with_nul_bytes_is_read_without_them(tmp_path):
    path = make_csv(tmp_path / "nul.csv", [["03/02/2025", "Home\x00 visit", "School\x00", "Yes", ""]])
    result = read(path)
    if result.report.status == "ok":
        cells = all_cells(result)
        assert not any("\x00" in c for c in cells)
        assert any("Home visit" in c for c in cells)
    else:
        assert_refused(result)


def check_huge_cell(result, cfg):
    limit = cfg.limit("max_cell_chars")
    if result.report.status == "ok":
        assert all(len(c) <= limit + 200 for c in all_cells(result)), "a 1 MB cell was passed on whole"
        assert result.report.warnings, "cell cut without a warning"
        text = " ".join(result.report.warnings).lower()
        for warning in result.report.warnings:
            assert_clear(warning)
    else:
        text = assert_refused(result)
    assert "max_cell_chars" in text or f"{limit:,}" in text or str(limit) in text, text


HUGE = narrative(1 << 20)  # 1 MiB


@pytest.mark.parametrize("make, name", [(make_docx, "huge.docx"), (make_xlsx_text_cells, "huge.xlsx"),
                                        (make_csv, "huge.csv")])
def test_one_megabyte_cell_is_cut_or_refused_clearly(tmp_path, make, name):
    cfg = load_config()
    rows = [ROWS[0], ["04/02/2025", HUGE, "School", "Yes", ""]]
    check_huge_cell(read(make(tmp_path / name, rows), cfg=cfg), cfg)


# -- formulas stay text ------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://example.invalid/x","click")', "=cmd|' /C calc'!A0", "+1+1", "-1", "@SUM(1)"]


@pytest.mark.parametrize("make, name", [(make_csv, "formulas.csv"), (make_docx, "formulas.docx"),
                                        (make_xlsx_text_cells, "formulas.xlsx")])
def test_formula_text_is_kept_as_text(tmp_path, make, name):
    rows = [[f] * len(HEADER) for f in FORMULAS] + [["03/02/2025", *FORMULAS[:4]]]
    result = read(make(tmp_path / name, rows))
    assert result.report.status == "ok", result.report.problems
    cells = all_cells(result)
    for formula in FORMULAS:
        assert formula in cells, f"{formula!r} was not kept verbatim"


def test_real_formula_cells_do_not_break_the_read(tmp_path):
    """Formulas are never evaluated; a cell without a cached value is just empty."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(["03/02/2025", '=HYPERLINK("http://example.invalid","click")', "=1+1", "Yes", "=cmd|' /C calc'!A0"])
    path = tmp_path / "real formulas.xlsx"
    wb.save(path)
    result = read(path)
    assert result.report.status == "ok", result.report.problems
    assert len(result.rows) == 1


# -- names -------------------------------------------------------------------

ODD_NAMES = [
    "..chronology.docx",
    "Zoë O'Brien – chronology.docx",
    unicodedata.normalize("NFD", "Écoles chronology.docx"),
    " leading space.docx",
    "-rf chronology.docx",
    "tab\tand newline\nin name.docx",
    "x" * 200 + ".docx",
]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_file_names_are_read_and_reported_by_name(tmp_path, name):
    path = make_docx(tmp_path / name)
    result = read(path, display_name=name)
    assert result.report.status == "ok", result.report.problems
    assert result.report.file == name
    assert {row.provenance.file for row in result.rows} == {name}


def test_discover_lists_odd_names_relative_to_the_folder(tmp_path):
    from chrono.read import discover

    case = tmp_path / "case"
    (case / "Health").mkdir(parents=True)
    make_docx(case / "Zoë O'Brien – chronology.docx")
    make_csv(case / "Health" / "GP notes, 2025.csv")
    found = dict((name, path) for path, name in discover([case]))
    assert "Zoë O'Brien – chronology.docx" in found
    assert "Health/GP notes, 2025.csv" in found
    assert all(p.is_file() for p in found.values())


# -- files that vanish, break or are empty -----------------------------------

def test_file_that_disappears_after_discovery_is_refused(tmp_path):
    from chrono.read import discover

    make_docx(tmp_path / "Police.docx")
    make_csv(tmp_path / "School.csv")
    found = discover([tmp_path])
    (tmp_path / "Police.docx").unlink()
    results = {name: read(path, display_name=name) for path, name in found}
    assert_refused(results["Police.docx"])
    assert results["School.csv"].report.status == "ok"


def test_file_replaced_by_a_folder_is_refused(tmp_path):
    (tmp_path / "Police.docx").mkdir()
    assert_refused(read(tmp_path / "Police.docx"))


@pytest.mark.parametrize("make, name", [(make_docx, "cut.docx"), (make_xlsx, "cut.xlsx")])
@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_truncated_office_file_is_refused(tmp_path, make, name, keep):
    path = make(tmp_path / name)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    assert_refused(read(path))


@pytest.mark.parametrize("name", ["empty.docx", "empty.xlsx", "empty.csv"])
def test_empty_file_is_refused_as_empty(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"")
    assert_refused(read(path), "empty")


def test_fifo_does_not_hang_the_read(tmp_path):
    """A named pipe called .csv (or one found in a folder) must not block forever."""
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    make_csv(tmp_path / "School.csv")
    script = textwrap.dedent(f"""
        from pathlib import Path
        from chrono.config import load_config
        from chrono.read import discover, read_file
        folder = Path({str(tmp_path)!r})
        names = [name for _, name in discover([folder])]
        r = read_file(folder / "pipe.csv", "pipe.csv", load_config())
        print(r.report.status, "|", " ".join(r.report.problems), "|", names)
    """)
    try:
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("reading a named pipe hung")
    assert done.returncode == 0, done.stderr[-2000:]
    status, problems, _names = done.stdout.split("|", 2)
    assert status.strip() == "error"
    assert_clear(problems.strip())


# -- size, shape and links ---------------------------------------------------

@pytest.mark.parametrize("name", ["huge.csv", "huge.docx", "huge.xlsx"])
def test_file_over_max_file_bytes_is_refused_naming_the_limit(tmp_path, name):
    """A 60 MB (sparse) file: refused from its size, without reading it in."""
    path = tmp_path / name
    with open(path, "wb") as handle:
        handle.write(b"Date,Event\r\n")
        handle.truncate(60 << 20)
    assert_refused(read(path), "max_file_bytes")


def test_csv_with_twenty_thousand_columns_is_handled_quickly(tmp_path):
    header = HEADER + [f"Extra {i}" for i in range(20_000)]
    row = ROWS[0] + [""] * 20_000
    result = read(make_csv(tmp_path / "wide.csv", [row], header=header))
    if result.report.status == "ok":
        assert len(result.rows) == 1
    else:
        assert_refused(result)


def test_symlink_loop_in_a_case_folder_does_not_hang_discovery(tmp_path):
    from chrono.read import discover

    case = tmp_path / "case"
    (case / "Health").mkdir(parents=True)
    make_csv(case / "Health" / "GP.csv")
    (case / "Health" / "loop").symlink_to(case, target_is_directory=True)
    (case / "dangling.docx").symlink_to(tmp_path / "nowhere.docx")
    script = textwrap.dedent(f"""
        from pathlib import Path
        from chrono.read import discover
        print(len(discover([Path({str(case)!r})])))
    """)
    try:
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("discovery looped on a symlink")
    assert done.returncode == 0, done.stderr[-2000:]
    names = [name for _, name in discover([case])]
    assert "Health/GP.csv" in names
    for path, name in discover([case]):
        result = read(path, display_name=name)
        if result.report.status != "ok":
            assert_refused(result)


EXTERNAL_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rIdX1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
    'Target="http://example.invalid/template.dotm" TargetMode="External"/>'
    '<Relationship Id="rIdX2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
    'Target="file:///etc/passwd" TargetMode="External"/>'
    '<Relationship Id="rIdX3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    "</Relationships>"
).encode()


def test_external_links_in_a_docx_are_never_followed(tmp_path):
    """A remote template / linked image: read offline (the no_network guard fails the test otherwise)."""
    good = make_docx(tmp_path / "good.docx")
    path = with_member(good, tmp_path / "linked.docx", "word/_rels/document.xml.rels", EXTERNAL_RELS)
    result = read(path)
    assert not any("root:" in c for c in all_cells(result))
    if result.report.status == "ok":
        assert "Home visit by social worker" in all_cells(result)
    else:
        assert_refused(result)


def test_zip_member_names_with_dot_dot_are_never_written_anywhere(tmp_path):
    good = make_docx(tmp_path / "good.docx")
    members = [Member.plain(n, d) for n, d in members_of(good).items()]
    members.append(Member.plain("../../../chrono-escape.txt", b"escaped"))
    members.append(Member.plain("/tmp/chrono-escape-abs.txt", b"escaped"))
    (tmp_path / "case").mkdir()
    path = write_zip(tmp_path / "case" / "slip.docx", members)
    result = read(path)
    assert not (tmp_path / "chrono-escape.txt").exists()
    assert not any(p.name.startswith("chrono-escape") for p in tmp_path.rglob("*"))
    if result.report.status != "ok":
        assert_refused(result)


def test_office_zip_without_a_document_is_refused(tmp_path):
    path = write_zip(tmp_path / "Police chronology.docx", [Member.plain("notes.txt", b"hello")])
    assert_refused(read(path))
