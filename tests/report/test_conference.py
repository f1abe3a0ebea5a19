"""What the conference reads, end to end on real submissions: every agency's
account, what changed since the last merge, plain words, accessible Word
output, a workbook that prints, and a parents' copy a chair can approve.

Each test opens the written .docx/.xlsx again as a reader would.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from chrono.config import load_config
from chrono.pipeline import CaseOptions, merge_case, write_outputs
from chrono.report.docx import PARENTS_COPY_FILE, WITHHELD_LIST_FILE, parents_files
from chrono.report.style import accounts, changes_lines, changes_summary
from tests.builders import entry, write_docx, write_xlsx

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
ISO_DATE = re.compile(r"\b(19|20)\d\d-\d\d-\d\d\b")


def _docx_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [doc.element]
    for section in doc.sections:
        parts += [section.header._element, section.footer._element]
    return "\n".join(" ".join(part.xpath(".//w:t/text()")) for part in parts)


def _paragraph_text(path: Path) -> str:
    """Body text paragraph by paragraph (table cells included), runs joined."""
    doc = Document(str(path))
    return "\n".join("".join(p.xpath(".//w:t/text()")) for p in doc.element.body.iter(qn("w:p")))


def _xlsx_texts(path: Path) -> dict[str, list[str]]:
    wb = load_workbook(path)
    return {ws.title: [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
            for ws in wb.worksheets}


@pytest.fixture(scope="module")
def samples_out(tmp_path_factory):
    """``samples/`` merged, with the parents' copy beside the full outputs."""
    out = tmp_path_factory.mktemp("samples_out")
    cfg = load_config()
    outcome = merge_case([SAMPLES], out, cfg, CaseOptions())
    write_outputs(outcome.chronology, out, cfg, CaseOptions(parents_copy=True, formats=("docx",)))
    return out, outcome.chronology


# ---------------------------------------------------------------- every account

def test_every_agencys_account_is_in_the_appendix_and_the_workbook(samples_out):
    out, chron = samples_out
    appendix = _paragraph_text(out / "appendix.docx")
    workbook = "\n".join(_xlsx_texts(out / "chronology.xlsx")["Timeline"])
    merged = [e for e in chron.events if len({r.agency for r in e.sources}) > 1]
    assert len(merged) >= 8
    for event in merged:
        for account in accounts(event):
            row = account.row
            for text in (row.event, row.who, row.outcome, row.comments):
                assert text.strip() in appendix, (event.id, row.agency, text)
                assert text.strip() in workbook, (event.id, row.agency, text)
    # the sibling's own words and social care's strategy discussion, labelled by agency
    assert "the police came because daddy broke the door" in appendix
    assert "School's account:" in appendix and "Children's Social Care's account:" in appendix
    assert "Mother; Mother, Marnie; Marnie" not in appendix


def test_other_accounts_sit_beneath_the_lead_with_their_own_who_and_seen(samples_out):
    out, chron = samples_out
    doc = Document(str(out / "appendix.docx"))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Date"
                 and t.rows[0].cells[1].text == "Significant event")
    event = next(e for e in chron.events if e.id == "E0027")
    shown = accounts(event)
    all_rows = list(table.rows)
    index = next(i for i, r in enumerate(all_rows) if event.id in r.cells[0].text.split("\n"))
    beneath = all_rows[index + 1: index + len(shown)]
    assert [r.cells[0].text.split("\n")[0] for r in beneath] == ["same event"] * (len(shown) - 1)
    for row, account in zip(beneath, shown[1:]):
        assert row.cells[2].text == account.agency
        assert row.cells[3].text == account.row.who


# ---------------------------------------------------------------- what changed

@pytest.fixture(scope="module")
def two_months(tmp_path_factory):
    """Police resubmit: one entry rewritten, one dropped, one new; merged twice into one folder."""
    root = tmp_path_factory.mktemp("changes")
    case, out = root / "case", root / "out"
    (case / "2024-03").mkdir(parents=True)
    write_docx(case / "2024-03" / "Police March.docx", [
        entry("02/03/24", "Concern for welfare call, neighbour heard shouting", "Police", "No", outcome="Words of advice"),
        entry("09/03/24", "Police attended; father broke the front door", "Police", "Yes", outcome="DASH medium"),
        entry("20/03/24", "Anonymous call about children left alone overnight", "Police", "No", outcome="Checked, no one home"),
    ], agency="Police")
    cfg = load_config()
    merge_case([case], out, cfg)
    (case / "2024-04").mkdir()
    write_docx(case / "2024-04" / "Police April.docx", [
        entry("02/03/24", "Concern for welfare call, neighbour heard shouting", "Police", "No", outcome="Words of advice"),
        entry("09/03/24", "Police attended; father broke the front door and a window", "Police", "Yes",
              outcome="DASH high, MARAC referral"),
        entry("15/04/24", "Father arrested at the address", "Police", "No", outcome="Charged"),
    ], agency="Police")
    outcome = merge_case([case], out, cfg)
    return out, outcome.chronology


def test_changes_section_shows_counts_edits_before_and_after_and_vanished_in_full(two_months):
    out, chron = two_months
    assert chron.changes.vanished and chron.changes.edited_events and chron.changes.new_events
    text = _paragraph_text(out / "appendix.docx")
    assert "What changed since the last merge" in text
    assert re.search(r"1 new entry, 1 edited entry, 1 entry no longer in the agency's latest submission", text)
    assert "DASH medium" in text and "DASH high, MARAC referral" in text and "and a window" in text
    assert "Anonymous call about children left alone overnight" in text
    assert "Checked, no one home" in text and "Police March.docx" in text


def test_changes_sheet_in_the_workbook(two_months):
    out, _ = two_months
    ws = load_workbook(out / "chronology.xlsx")["Changes"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    kinds = {r[0] for r in rows}
    assert kinds == {"new", "edited", "vanished"}
    vanished = next(r for r in rows if r[0] == "vanished")
    assert vanished[3] == "Police" and "left alone overnight" in vanished[5] and "Police March.docx" in vanished[6]
    edited = next(r for r in rows if r[0] == "edited")
    assert "DASH medium" in edited[4] and "DASH high" in edited[5]


def test_terminal_summary_and_flags_lines_name_what_changed(two_months):
    _, chron = two_months
    line = changes_summary(chron)
    assert "1 new" in line and "1 edited" in line and "1 no longer in the latest submissions" in line
    lines = changes_lines(chron)
    assert any("vanished" in x and "Police" in x and "left alone overnight" in x for x in lines)
    assert not any(ISO_DATE.search(x) for x in lines)


def test_flags_command_lines_use_plain_names_and_group_related_flags(samples_out):
    from chrono.report.style import flag_lines

    _, chron = samples_out
    lines = flag_lines(chron, load_config())
    text = "\n".join(lines)
    assert "Repeated A&E or urgent care attendances (AE_REPEAT)" in text
    ae = [n for n, line in enumerate(lines) if "(AE_" in line]
    assert len(ae) == 2 and lines[ae[1]].startswith("  and  ")
    assert not ISO_DATE.search(text) and lines[-len(changes_lines(chron)):] == changes_lines(chron)


# ---------------------------------------------------------------- plain words

def test_no_procedure_or_iso_codes_where_people_read(samples_out):
    out, _ = samples_out
    for name in ("appendix.docx", PARENTS_COPY_FILE, WITHHELD_LIST_FILE):
        text = _docx_text(out / name)
        assert "000:" not in text, name
        assert not ISO_DATE.search(text), (name, ISO_DATE.search(text))
        assert "Area procedures" not in text and "default" not in text.lower().split()
        assert "Notes" in text or name == WITHHELD_LIST_FILE
    for sheet, values in _xlsx_texts(out / "chronology.xlsx").items():
        assert not any("000:" in v for v in values), sheet


def test_rule_names_in_plain_english_and_related_flags_together(samples_out):
    out, chron = samples_out
    assert {"AE_REPEAT", "AE_MULTIPLE_SITES"} <= {f.rule for f in chron.flags}
    doc = Document(str(out / "appendix.docx"))
    table = next(t for t in doc.tables if t.rows[0].cells[1].text == "Pattern")
    patterns = [r.cells[1].text for r in table.rows[1:]]
    together = [p for p in patterns if "Repeated A&E or urgent care attendances" in p]
    assert len(together) == 1 and "Attendances at different hospitals or A&E departments" in together[0]
    # a chair, the professionals and the parents read the words, never chrono's codes for the rules
    assert not any(re.search(r"\b[A-Z]+_[A-Z_]+\b", p) for p in patterns)
    assert not any(p.split("\n")[0].isupper() for p in patterns)


def test_month_precision_reads_as_a_month_and_seen_by_lists_only_who_saw(samples_out, tmp_path):
    from chrono.report.docx import write_appendix
    from tests.report.report_case import make_case

    case = make_case()
    event = case.events[5]
    event.date, event.precision, event.time = dt.date(2024, 3, 1), "month", None
    for row in event.sources:
        row.date, row.precision = event.date, "month"
    path = tmp_path / "a.docx"
    write_appendix(case, path, load_config())
    text = _paragraph_text(path)
    assert "March 2024" in text and "01/03/2024" not in text
    # samples: "Seen by" names only agencies whose own account says the child was seen;
    # the child is never among "who else was present"
    out, chron = samples_out
    doc = Document(str(out / "appendix.docx"))
    seen = next(t for t in doc.tables if t.rows[0].cells[1].text == "Seen by")
    by_date = {}
    for e in chron.events:
        by_date.setdefault(e.date.strftime("%d/%m/%Y"), []).append(e)
    told_only = 0
    for row in seen.rows[1:]:
        events = by_date[re.search(r"\d\d/\d\d/\d{4}", row.cells[0].text).group(0)]
        saw = {a.agency for e in events for a in accounts(e) if a.row.child_seen == "yes"}
        named = set(row.cells[1].text.split(", "))
        assert named <= saw, (row.cells[0].text, named, saw)
        told_only += len({ag for e in events for ag in e.agencies} - saw)
        assert "Marnie" not in re.split(r"[,;:] ?", row.cells[3].text)
        assert ";" not in row.cells[3].text or ":" in row.cells[3].text
    assert told_only  # some agencies only heard about a visit, and are not listed
    first = min(dt.datetime.strptime(re.search(r"\d\d/\d\d/\d{4}", r.cells[0].text).group(0), "%d/%m/%Y").date()
                for r in seen.rows[1:])
    assert first >= chron.period_from  # in this period only: background history stays in the chronology


# ---------------------------------------------------------------- accessible Word

def test_accessible_word_output(samples_out):
    out, _ = samples_out
    doc = Document(str(out / "appendix.docx"))
    descr = doc.inline_shapes[0]._inline.docPr.get("descr")
    assert descr and descr.startswith("Timeline of") and "Entries by agency" in descr
    langs = {el.get(qn("w:val")) for el in doc.styles.element.iter(qn("w:lang"))}
    assert langs == {"en-GB"}
    assert {el.get(qn("w:val")) for el in doc.settings.element.iter(qn("w:themeFontLang"))} == {"en-GB"}
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Chronology of significant events" in headings and "What changed since the last merge" in headings
    for table in doc.tables[1:]:
        first = table.rows[0]._tr
        if len(table.rows) > 1 and first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None:
            continue
        # only the colour key (a layout grid) has no header row
        assert all(c.text and len(table.rows) <= 3 for c in table.rows[0].cells)


# ---------------------------------------------------------------- workbook that prints

def test_workbook_number_formats_and_print_settings(samples_out):
    out, _ = samples_out
    wb = load_workbook(out / "chronology.xlsx")
    files = wb["Files"]
    for row in files.iter_rows(min_row=3):
        assert isinstance(row[6].value, int) and row[6].number_format in ("0", "General")
        assert "yy" not in row[6].number_format and "yy" not in row[7].number_format
    for ws in wb.worksheets:
        width = sum(d.width for d in ws.column_dimensions.values())
        # A3 only for a sheet too wide to read on A4 fitted to its width (< 70 % of full size)
        assert (str(ws.page_setup.paperSize) == ws.PAPERSIZE_A3) == (width > 145 / 0.7), (ws.title, width)
    assert str(wb["Timeline"].page_setup.paperSize) == wb["Timeline"].PAPERSIZE_A3
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert str(ws.page_setup.paperSize) in (ws.PAPERSIZE_A4, ws.PAPERSIZE_A3)
        assert ws.print_title_rows
        assert ws.max_row < 3 or ws.cell(row=3, column=1).alignment.wrap_text
        widths = [ws.column_dimensions[c].width for c in "ABCDE"]
        assert min(widths) >= 6
    timeline = wb["Timeline"]
    width = sum(timeline.column_dimensions[chr(65 + i)].width for i in range(len(wb["Timeline"][2])))
    # fitted to an A3 width only because it stays readable (>= 70 % of full size)
    assert timeline.sheet_properties.pageSetUpPr.fitToPage and width * 0.7 <= 210


def test_caseload_workbook_prints_on_a4(tmp_path):
    from chrono.batch import BatchResult, CaseSummary
    from chrono.report.caseload import write_caseload

    result = BatchResult(root=tmp_path / "root", outroot=tmp_path / "out", cases=[CaseSummary("Child A")],
                         generated_at="2026-11-01T09:00:00+00:00")
    write_caseload(result, tmp_path / "out")
    ws = load_workbook(tmp_path / "out" / "caseload.xlsx").active
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 and ws.page_setup.orientation == "landscape"


# ---------------------------------------------------------------- parents' copy

def test_parents_copy_withholds_the_partners_probation_record_and_the_chair_sees_why(samples_out):
    out, chron = samples_out
    probation = [r for e in chron.events for r in e.sources if r.agency == "Probation"]
    assert probation
    parents = _docx_text(out / PARENTS_COPY_FILE)
    for row in probation:
        assert row.event not in parents
    assert "(re:" not in parents and "Probation" not in parents
    assert "SHA-256" not in parents and ".docx" not in parents
    assert "MARAC" not in parents.upper() and "CHECK" not in parents
    withheld = Document(str(out / WITHHELD_LIST_FILE))
    text = _docx_text(out / WITHHELD_LIST_FILE)
    assert "FOR THE CONFERENCE CHAIR ONLY" in text
    table = next(t for t in withheld.tables if t.rows[0].cells[0].text == "Date")
    listed = {r.cells[2].text.split("\n")[0] for r in table.rows[1:]}
    assert {row.event for row in probation} <= listed
    reasons = {r.cells[4].text for r in table.rows[1:]}
    assert any("Another adult's own record" in r for r in reasons)


def test_a_merge_without_the_parents_copy_removes_the_old_one(samples_out, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(samples_out[0], out)
    assert all(p.exists() for p in parents_files(out) if p.suffix == ".docx")
    cfg = load_config()
    merge_case([SAMPLES], out, cfg, CaseOptions(formats=("json", "docx")))
    assert not any(p.exists() for p in parents_files(out))
    assert (out / "appendix.docx").exists()


def test_columns_the_reader_did_not_map_are_still_in_the_workbook(tmp_path):
    from chrono.report.xlsx import write_workbook
    from tests.report.report_case import make_case

    case = make_case()
    case.events[4].sources[0].extra = {"Ref": "PR-77", "Worker": "A Fictional Officer"}
    write_workbook(case, tmp_path / "w.xlsx", load_config())
    texts = _xlsx_texts(tmp_path / "w.xlsx")["Timeline"]
    assert "Ref: PR-77\nWorker: A Fictional Officer" in texts
