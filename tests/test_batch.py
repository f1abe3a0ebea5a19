"""A caseload in one run: every child's folder merged, a crash in one never stops the rest."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from chrono import batch, pipeline
from chrono.batch import (
    BatchProgress,
    BatchUsageError,
    CaseSummary,
    attention_order,
    find_cases,
    review_clock,
    run_batch,
    summarise,
)
from chrono.model import Changes, Child, Chronology, Event, FileReport, Flag, Rejected, Provenance, ReviewItem, Row
from chrono.pipeline import CaseOptions, MergeOutcome
from chrono.report.caseload import caseload_to_dict, render_caseload_table, write_caseload
from tests.builders import entry, write_csv, write_docx, write_xlsx

NOW = dt.datetime(2024, 6, 3, 9, 0, tzinfo=dt.timezone.utc)  # a Monday
JSON_ONLY = CaseOptions(formats=("json",), now=NOW)


# ----------------------------------------------------------------- fake merges


def _event(eid: str, day: dt.date, categories=(), agencies=("Police",)) -> Event:
    return Event(eid, day, "day", False, None, "", list(agencies), "", "", "unknown", "", [],
                 categories=list(categories))


def _row(file: str) -> Row:
    return Row(Provenance(file, 1, 2), {}, dt.date(2024, 1, 1))


def _chron(events=(), files=(), flags=(), rejected=(), review=(), new=()) -> Chronology:
    return Chronology(Child("Fictional CHILD"), None, None, list(files), list(events), list(rejected),
                      flags=list(flags), review=list(review), changes=Changes(new_events=list(new)))


def fake_merge_case(inputs, outdir, cfg=None, options=None):
    """Stands in for the pipeline: one event per file; 'crash' files go to the (crashing) reader."""
    folder = Path(inputs[0])
    files = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        display_name = path.relative_to(folder).as_posix()
        if "crash" in path.name:
            pipeline.read_inputs([(path, display_name)], cfg)  # the reader blows up on this one
        report = FileReport(display_name)
        if "other child" in path.name:
            report.refuse("this chronology is about a different child")
        files.append(report)
    events = [_event(f"E{i:04d}", dt.date(2024, 1, 1) + dt.timedelta(days=i)) for i, _ in enumerate(files)]
    if (folder / "icpc.csv").exists():
        events.append(_event("E0900", dt.date(2024, 3, 20), ["icpc"]))
    flags = [Flag("F001", "AE_REPEAT", "high", dt.date(2024, 1, 1), dt.date(2024, 2, 1), "", [])] \
        if (folder / "ae.csv").exists() else []
    Path(outdir).mkdir(parents=True, exist_ok=True)
    return MergeOutcome(_chron(events, files, flags))


def _caseload(root: Path, layout: dict[str, list[str]]) -> Path:
    for case, names in layout.items():
        for name in names:
            path = root / case / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("fictional")
    return root


LAYOUT = {
    "Alfie Brook": ["police.docx", "2024-05/hv.xlsx"],
    "Bella Crane": ["police.docx", "crash me.xlsx"],
    "Cody Dale": ["school.csv", "gp other child.docx"],
    "Dina Eve": ["ae.csv"],
    "Eli Frost": ["icpc.csv"],
}


def crashing_reader(path, display_name, cfg, password=None):
    raise KeyError("no column 'Date'")


@pytest.fixture
def fake_pipeline(monkeypatch):
    import chrono.read

    monkeypatch.setattr(pipeline, "merge_case", fake_merge_case)
    monkeypatch.setattr(chrono.read, "read_file", crashing_reader)


def _check_fake_batch(result, outroot: Path) -> None:
    by_case = {c.case: c for c in result.cases}
    assert set(by_case) == set(LAYOUT)
    crashed = by_case["Bella Crane"]
    assert crashed.status == "crashed"
    assert crashed.error_file == "crash me.xlsx"
    assert "KeyError" in crashed.error
    assert "KeyError" in (outroot / "Bella Crane" / batch.CRASH_NOTE).read_text()
    assert by_case["Cody Dale"].status == "refused files"
    assert by_case["Cody Dale"].files_refused == ["gp other child.docx"]
    assert by_case["Alfie Brook"].status == "ok" and by_case["Alfie Brook"].events == 2
    assert by_case["Dina Eve"].flags["high"] == ["AE_REPEAT"]
    assert result.exit_code == 1
    # attention first: the crash, the high flag, the review due, the refused file, then the rest
    assert [c.case for c in result.cases] == ["Bella Crane", "Dina Eve", "Eli Frost", "Cody Dale", "Alfie Brook"]


def test_a_crash_in_one_case_is_reported_and_every_other_case_completes(tmp_path, fake_pipeline):
    root = _caseload(tmp_path / "caseload", LAYOUT)
    seen: list[BatchProgress] = []
    result = run_batch(root, tmp_path / "out", options=JSON_ONLY, workers=1, progress=seen.append)
    _check_fake_batch(result, tmp_path / "out")
    assert seen[0].cases_done == 0 and seen[-1].cases_done == seen[-1].cases_total == 5
    assert seen[-1].files_read == 6  # the crashed case read nothing that counts


def test_the_same_holds_when_cases_run_in_worker_processes(tmp_path, fake_pipeline, monkeypatch):
    monkeypatch.setattr(batch, "MP_START_METHOD", "fork")  # workers inherit the fake pipeline
    root = _caseload(tmp_path / "caseload", LAYOUT)
    seen: list[BatchProgress] = []
    result = run_batch(root, tmp_path / "out", options=JSON_ONLY, workers=2, progress=seen.append)
    _check_fake_batch(result, tmp_path / "out")
    assert result.workers == 2
    assert [p.cases_done for p in seen] == [0, 1, 2, 3, 4, 5]


def test_all_clean_cases_exit_zero(tmp_path, fake_pipeline):
    root = _caseload(tmp_path / "caseload", {"Alfie Brook": ["police.docx"], "Gus Hale": ["hv.xlsx"]})
    result = run_batch(root, tmp_path / "out", options=JSON_ONLY, workers=1)
    assert result.exit_code == 0
    assert [c.status for c in result.cases] == ["ok", "ok"]


# ----------------------------------------------------------------- the layout


def test_cases_are_the_non_hidden_folders_holding_files_at_any_depth(tmp_path):
    root = _caseload(tmp_path, {
        "Jo Ames": ["2024-04/police.docx"],
        "kit Bell": ["hv.xlsx"],
        ".archive": ["old.docx"],
        "Only hidden": [".DS_Store", "chrono-decisions.csv"],
        "last month's output": ["caseload.json", "Jo Ames/chronology.json"],
    })
    (root / "Empty" / "2024-05").mkdir(parents=True)
    (root / "case_01.truth.json").write_text("{}")
    (root / "chrono.toml").write_text("")
    assert [(c.name, c.path) for c in find_cases(root)] == [("Jo Ames", root / "Jo Ames"),
                                                          ("kit Bell", root / "kit Bell")]


def test_usage_errors_are_refused_before_anything_runs_and_outroot_under_root_is_not_a_case(tmp_path, fake_pipeline):
    root = _caseload(tmp_path / "caseload", {"Jo Ames": ["police.docx"]})
    with pytest.raises(BatchUsageError, match="inside the case folder"):
        run_batch(root, root / "Jo Ames" / "out", workers=1)
    with pytest.raises(BatchUsageError):
        run_batch(root, root, workers=1)
    with pytest.raises(BatchUsageError, match="chrono merge"):
        run_batch(root, tmp_path / "out", options=CaseOptions(child_name="Jo AMES"), workers=1)
    one_child = _caseload(tmp_path / "Jo Ames", {"2024-04": ["police.docx"], "2024-05": ["police.docx"]})
    with pytest.raises(BatchUsageError, match="one child's folder"):
        run_batch(one_child, tmp_path / "out", workers=1)
    (tmp_path / "empty" / "2024-05").mkdir(parents=True)
    with pytest.raises(BatchUsageError, match="no case folders"):
        run_batch(tmp_path / "empty", tmp_path / "out", workers=1)
    run_batch(root, root / "out", options=JSON_ONLY, workers=1)
    (root / "out" / "Jo Ames" / "x.json").write_text("{}")
    again = run_batch(root, root / "out", options=JSON_ONLY, workers=1)
    assert [c.case for c in again.cases] == ["Jo Ames"]


def test_case_folder_names_become_distinct_safe_output_folders():
    cases = [batch.Case("Jo: Ames", Path("a")), batch.Case("Jo_ Ames", Path("b")), batch.Case("..", Path("c"))]
    names = batch.safe_case_names(cases)
    assert names["Jo: Ames"] != names["Jo_ Ames"]
    assert all("/" not in n and ":" not in n and n not in ("", ".", "..") for n in names.values())


# ------------------------------------------------------------- review clock


def test_first_review_is_three_months_after_the_icpc_and_later_ones_six(cfg):
    icpc = _chron([_event("E1", dt.date(2024, 3, 20), ["icpc"])])
    last, kind, due, days = review_clock(icpc, cfg, dt.date(2024, 6, 3))
    assert (last, kind, due) == (dt.date(2024, 3, 20), "icpc", dt.date(2024, 6, 20))
    assert days == 13  # 4-20 June, weekdays only
    review = _chron([_event("E1", dt.date(2023, 12, 1), ["icpc"]),
                     _event("E2", dt.date(2024, 3, 1), ["review_conference"])])
    assert review_clock(review, cfg, dt.date(2024, 6, 3))[2] == dt.date(2024, 9, 2)  # 1 Sep is a Sunday


def test_one_conference_reported_by_several_agencies_counts_once_from_its_first_report(cfg):
    chron = _chron([_event("E1", dt.date(2024, 3, 20), ["icpc"]),
                    _event("E2", dt.date(2024, 3, 27), ["icpc"], agencies=["Health Visiting"])])
    assert review_clock(chron, cfg, dt.date(2024, 6, 3))[:3] == (dt.date(2024, 3, 20), "icpc", dt.date(2024, 6, 20))


def test_review_due_counts_working_days_skipping_bank_holidays(cfg):
    # due Tue 28 May 2024; Mon 27 May is the Spring bank holiday
    chron = _chron([_event("E1", dt.date(2024, 2, 28), ["icpc"])])
    summary = summarise("x", chron, cfg, dt.date(2024, 5, 24))
    assert summary.next_review_due == dt.date(2024, 5, 28)
    assert summary.review_due_working_days == 1 and summary.review_due_soon
    overdue = summarise("x", chron, cfg, dt.date(2024, 6, 4))
    assert overdue.review_due_working_days == -5 and overdue.review_overdue and not overdue.review_due_soon
    far = summarise("x", chron, cfg, dt.date(2024, 4, 1))
    assert far.review_due_working_days > 15 and not far.review_due_soon


def test_an_area_with_other_review_intervals_is_respected():
    from chrono.config import load_config

    cfg = load_config(extra={"areas": {"default": {"first_review_months": 2}}})
    chron = _chron([_event("E1", dt.date(2024, 1, 31), ["icpc"])])
    # 31 March 2024 is Easter Sunday and 1 April Easter Monday: due the Tuesday
    assert review_clock(chron, cfg, dt.date(2024, 1, 31))[2] == dt.date(2024, 4, 2)


def test_no_conference_means_no_review_date(cfg):
    summary = summarise("x", _chron([_event("E1", dt.date(2024, 1, 1))]), cfg, dt.date(2024, 6, 3))
    assert summary.next_review_due is None and not summary.review_due_soon


# ----------------------------------------------------------------- summaries


def test_summary_counts_what_a_manager_needs(cfg):
    chron = _chron(
        events=[_event("E1", dt.date(2024, 5, 2), agencies=["Police"]),
                _event("E2", dt.date(2024, 5, 9), agencies=["Health Visiting"])],
        files=[FileReport("a.docx", agency="Police"), FileReport("b.xlsx", agency="Health Visiting"),
               FileReport("c.docx", status="error")],
        flags=[Flag("F1", "CHILD_NOT_SEEN", "high", dt.date(2024, 1, 1), dt.date(2024, 3, 1), "", []),
               Flag("F2", "AGENCY_SILENT", "low", dt.date(2024, 5, 1), dt.date(2024, 5, 31),
                    "Health Visiting contributed before May 2024 but sent nothing this month", ["E2"]),
               Flag("F3", "WAS_NOT_BROUGHT", "medium", dt.date(2024, 1, 1), dt.date(2024, 3, 1), "", [])],
        rejected=[Rejected(Provenance("a.docx", 2, 5), "date 'TBC' could not be read")],
        review=[ReviewItem("f1", _row("a.docx"), _row("b.xlsx"), 0.8),
                ReviewItem("f2", _row("a.docx"), _row("b.xlsx"), 0.8, decision="same")],
        new=["E2"],
    )
    s = summarise("Jo Ames", chron, cfg, dt.date(2024, 6, 3))
    assert s.status == "refused files" and s.files_refused == ["c.docx"]
    assert (s.events, s.new_events, s.rows_rejected, s.review_waiting) == (2, 1, 1, 1)
    assert s.flags == {"high": ["CHILD_NOT_SEEN"], "medium": ["WAS_NOT_BROUGHT"], "low": ["AGENCY_SILENT"]}
    assert s.silent_agencies == ["Health Visiting"]


def test_cases_needing_attention_come_first_ties_by_name():
    def s(name, **kw):
        return CaseSummary(case=name, **kw)

    cases = [
        s("zed"), s("amy"),
        s("rejected", status="rejected rows"),
        s("refused", status="refused files"),
        s("due", review_due_soon=True, review_due_working_days=3),
        s("overdue", review_due_working_days=-2),
        s("high b", flags={"high": ["AE_REPEAT"]}),
        s("High a", flags={"high": ["MISSING_EPISODE"]}, status="rejected rows"),
        s("crash", status="crashed"),
    ]
    assert [c.case for c in attention_order(cases)] == [
        "crash", "High a", "high b", "due", "overdue", "refused", "rejected", "amy", "zed"]


# ------------------------------------------------------------ caseload files


def _result(tmp_path, cases):
    return batch.BatchResult(root=tmp_path / "root", outroot=tmp_path / "out", cases=cases,
                             generated_at=NOW.isoformat())


def test_caseload_workbook_stores_names_as_text_never_formulas(tmp_path):
    from openpyxl import load_workbook

    cases = [
        CaseSummary("=HYPERLINK(\"http://x\",\"click\")", status="refused files", files_refused=["+cmd|x.csv"]),
        CaseSummary("@SUM(A1)", next_review_due=dt.date(2024, 6, 20), review_due_working_days=13,
                    review_due_soon=True),
        CaseSummary("-2+3", status="crashed", error="KeyError: 'Date'", error_file="crash.xlsx"),
    ]
    paths = write_caseload(_result(tmp_path, cases), tmp_path / "out")
    assert [p.name for p in paths] == ["caseload.json", "caseload.xlsx"]
    ws = load_workbook(tmp_path / "out" / "caseload.xlsx").active
    names = [ws.cell(row=r, column=1) for r in range(2, 5)]
    assert [c.value for c in names] == [c.case for c in cases]
    assert all(c.data_type == "s" for c in names)
    refused = [c.value for c in ws[1]].index("Refused file names") + 1
    assert ws.cell(row=2, column=refused).value == "+cmd|x.csv" and ws.cell(row=2, column=refused).data_type == "s"
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref.startswith("A1:")
    assert "OFFICIAL-SENSITIVE" in ws.oddHeader.center.text and "OFFICIAL-SENSITIVE" in ws.oddFooter.center.text
    assert ws.column_dimensions["A"].width > 10
    doc = json.loads((tmp_path / "out" / "caseload.json").read_text())
    assert doc["exit_code"] == 1 and doc["counts"]["crashed"] == 1
    assert doc["cases"][1]["next_review_due"] == "2024-06-20"


def test_terminal_table_names_the_crash_but_not_its_message(tmp_path):
    from rich.console import Console

    cases = [CaseSummary("Bella Crane", status="crashed", error="ValueError: cannot read 'Mum shouted'",
                         error_file="crash.xlsx"), CaseSummary("Alfie Brook", events=4)]
    console = Console(record=True, width=200)
    console.print(render_caseload_table(_result(tmp_path, cases)))
    text = console.export_text()
    assert "Bella Crane" in text and "ValueError in crash.xlsx" in text
    assert "Mum shouted" not in text


def test_caseload_json_lists_cases_in_attention_order(tmp_path):
    result = _result(tmp_path, attention_order([CaseSummary("b"), CaseSummary("a", status="crashed")]))
    assert [c["case"] for c in caseload_to_dict(result)["cases"]] == ["a", "b"]


# ------------------------------------------------------ with the real pipeline


def _real_case(folder: Path, other_child: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_docx(folder / "Police chronology - May24.docx", [
        entry("12/03/24 21:40", "Police attended home following report of a verbal argument", "Police", "Yes"),
        entry("02/05/24", "Welfare check at home address, all well", "Police", "No"),
    ], agency="Brackenmoor Police")
    (folder / "2024-05").mkdir(exist_ok=True)
    write_xlsx(folder / "2024-05" / "HV chronology - May24.xlsx", [
        [dt.datetime(2024, 3, 14), "Home visit, child seen with mother", "HV", "Mother", "", "Yes", ""],
        ["20/05/24", "Initial child protection conference held", "CSC", "", "CP plan", "N/A", ""],
    ], agency="Health Visiting")
    if other_child:
        other = {"name": "Harvey WINTERBOURNE", "dob": "11/11/2016", "address": "9 Elsewhere Road"}
        write_docx(folder / "GP chronology - May24.docx",
                   [entry("01/04/24", "Seen at surgery for asthma review", "GP")], agency="GP", child=other)
    return folder


def _without_generated_at(path: Path) -> dict:
    doc = json.loads(path.read_text("utf-8"))
    doc.pop("generated_at", None)
    return doc


def test_batch_writes_exactly_what_merge_writes_and_reports_a_misfiled_chronology(tmp_path, monkeypatch):
    root = tmp_path / "caseload"
    _real_case(root / "Tilly Q")
    _real_case(root / "Tilly R", other_child=True)
    result = run_batch(root, tmp_path / "out", options=JSON_ONLY, workers=1)
    for case in ("Tilly Q", "Tilly R"):
        alone = pipeline.merge_case([root / case], tmp_path / "alone" / case, options=JSON_ONLY)
        assert _without_generated_at(tmp_path / "out" / case / "chronology.json") == \
            _without_generated_at(tmp_path / "alone" / case / "chronology.json")
        summary = next(c for c in result.cases if c.case == case)
        assert summary.events == len(alone.chronology.events)
    misfiled = next(c for c in result.cases if c.case == "Tilly R")
    assert misfiled.status == "refused files" and misfiled.files_refused == ["GP chronology - May24.docx"]
    assert result.exit_code == 1


EVAL = Path(os.environ.get("CHRONO_EVAL_CASES", Path(__file__).resolve().parents[2] / "shared" / "eval" / "public"))


@pytest.mark.slow
@pytest.mark.skipif(not EVAL.is_dir(), reason="the public evaluation cases are not here")
def test_batch_over_the_public_cases_matches_merge_case_by_case(tmp_path):
    options = CaseOptions(formats=("json",), now=NOW)
    result = run_batch(EVAL, tmp_path / "batch", options=options, workers=2)
    assert [c.case for c in result.cases if c.status == "crashed"] == []
    assert sorted(c.case for c in result.cases) == sorted(p.name for p in EVAL.iterdir() if p.is_dir())
    for summary in result.cases:
        alone = pipeline.merge_case([EVAL / summary.case], tmp_path / "alone" / summary.case, options=options)
        chron = alone.chronology
        assert (tmp_path / "batch" / summary.case / "chronology.json").read_text() == \
            (tmp_path / "alone" / summary.case / "chronology.json").read_text()
        assert summary.events == len(chron.events)
        assert summary.rows_rejected == len(chron.rejected)
        assert summary.files_refused == [f.file for f in chron.files if f.status != "ok"]
        assert sum(map(len, summary.flags.values())) == len(chron.flags)


def test_next_months_batch_counts_the_new_events(tmp_path):
    root = tmp_path / "caseload"
    case = _real_case(root / "Tilly Q")
    first = run_batch(root, tmp_path / "out", options=JSON_ONLY, workers=1)
    assert first.cases[0].new_events == 0
    (case / "2024-06").mkdir()
    write_csv(case / "2024-06" / "School chronology - Jun24.csv",
              [entry("03/06/24", "Attended school, settled and happy", "School", "Yes")])
    second = run_batch(root, tmp_path / "out", options=JSON_ONLY, workers=1)
    assert second.cases[0].new_events == 1
    assert second.cases[0].events == first.cases[0].events + 1


def test_a_case_that_no_longer_crashes_loses_its_crash_note(tmp_path, fake_pipeline):
    root = _caseload(tmp_path / "caseload", {"Bella Crane": ["police.docx", "crash me.xlsx"]})
    assert run_batch(root, tmp_path / "out", options=JSON_ONLY, workers=1).exit_code == 1
    (root / "Bella Crane" / "crash me.xlsx").unlink()
    again = run_batch(root, tmp_path / "out", options=JSON_ONLY, workers=1)
    assert (again.exit_code, again.cases[0].status) == (0, "ok")
    assert not (tmp_path / "out" / "Bella Crane" / batch.CRASH_NOTE).exists()


def test_a_case_that_kills_its_worker_process_is_reported_and_the_rest_still_merge(tmp_path, monkeypatch):
    def dying_merge_case(inputs, outdir, cfg=None, options=None):
        if Path(inputs[0]).name == "Bella Crane":
            os._exit(3)  # as a segfault or the out-of-memory killer would
        return fake_merge_case(inputs, outdir, cfg, options)

    monkeypatch.setattr(pipeline, "merge_case", dying_merge_case)
    monkeypatch.setattr(batch, "MP_START_METHOD", "fork")
    names = ("Alfie Brook", "Bella Crane", "Cody Dale")
    root = _caseload(tmp_path / "caseload", {name: ["police.docx"] for name in names})
    result = run_batch(root, tmp_path / "out", options=JSON_ONLY, workers=2)
    assert [(c.case, c.status) for c in result.cases] == [
        ("Bella Crane", "crashed"), ("Alfie Brook", "ok"), ("Cody Dale", "ok")]
    assert "worker process died" in result.cases[0].error


def test_the_caseload_folders_chrono_toml_applies_to_every_case(tmp_path, fake_pipeline, monkeypatch):
    root = _caseload(tmp_path / "caseload", {"Alfie Brook": ["police.docx"], "Cody Dale": ["school.csv"]})
    (root / "chrono.toml").write_text('area = "dudley"\n')
    areas = []

    def merge_case(inputs, outdir, cfg=None, options=None):
        areas.append(cfg.area)
        return fake_merge_case(inputs, outdir, cfg, options)

    monkeypatch.setattr(pipeline, "merge_case", merge_case)
    result = run_batch(root, tmp_path / "out", options=JSON_ONLY, workers=1)
    assert areas == ["dudley", "dudley"] and result.area == "dudley"
    assert result.config_files == [str(root / "chrono.toml")]


def test_batch_messages_name_the_case_count_its_own_files_and_rows_carry_child_dob_and_worker(tmp_path):
    from docx import Document
    from typer.testing import CliRunner

    from chrono.cli import app

    root = tmp_path / "caseload"
    _real_case(root / "Tilly Q")
    _real_case(root / "Tilly R", other_child=True)
    police = root / "Tilly Q" / "Police chronology - May24.docx"
    doc = Document(police)
    key, value = doc.tables[0].rows[-1].cells  # the Author row becomes the allocated worker's
    key.text, value.text = "Allocated social worker", "Sam PARKWOOD"
    doc.save(police)
    result = CliRunner().invoke(app, ["batch", str(root), "-o", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 1, result.output
    assert "[1/2] Tilly Q: 2 files, ok" in result.output
    assert "[2/2] Tilly R: 3 files, 1 refused, refused files" in result.output
    assert "[Tilly R] GP chronology - May24.docx: refused: different child" in result.output
    rows = {c["case"]: c for c in json.loads((tmp_path / "out" / "caseload.json").read_text())["cases"]}
    assert rows["Tilly Q"]["child"] == "Tilly QUARRINGTON" and rows["Tilly Q"]["dob"] == "2021-02-03"
    assert rows["Tilly Q"]["worker"] == "Sam PARKWOOD" and rows["Tilly R"]["worker"] == ""
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "out" / "caseload.xlsx").active
    header = [c.value for c in ws[1]]
    assert header[:4] == ["Case", "Child", "Date of birth", "Allocated worker"]


def test_a_case_no_heading_names_is_not_merged_with_its_reason_and_the_rest_go_on(tmp_path):
    root = tmp_path / "caseload"
    _real_case(root / "Tilly Q")
    (root / "Headless").mkdir()
    write_csv(root / "Headless" / "GP.csv", [entry("12/03/24", "GP appointment", "GP")])
    result = run_batch(root, tmp_path / "out", options=JSON_ONLY, workers=1)
    headless = next(c for c in result.cases if c.case == "Headless")
    assert headless.status == "not merged" and "--child" in headless.error
    assert not (tmp_path / "out" / "Headless" / "batch-error.txt").exists()
    assert next(c for c in result.cases if c.case == "Tilly Q").status == "ok"


def test_a_terminal_user_is_asked_for_each_protected_files_password_by_case_and_name(tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    root = tmp_path / "caseload"
    _real_case(root / "Tilly Q")
    plain = root / "Tilly Q" / "2024-05" / "HV chronology - May24.xlsx"
    locked = root / "Tilly Q" / "HV locked.xlsx"
    with open(plain, "rb") as src, open(locked, "wb") as dst:
        OOXMLFile(src).encrypt("Tr0ub4dor", dst)
    asked = []
    passwords = batch.ask_case_passwords(root, lambda name: asked.append(name) or "Tr0ub4dor")
    assert asked == ["Tilly Q/HV locked.xlsx"]
    result = run_batch(root, tmp_path / "out", options=CaseOptions(formats=("json",), now=NOW, passwords=passwords),
                       workers=1)
    assert result.cases[0].files_refused == [] and result.cases[0].files == 3
