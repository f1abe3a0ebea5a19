"""The whole merge with hostile files in the case folder.

A bad file is refused with a reason, the good ones are merged, and the
outputs are complete, private, inside OUTDIR only, and never half-written.
"""

from __future__ import annotations

import json
import stat
import time
import zipfile
from pathlib import Path

import pytest

from chrono.files import MANIFEST_NAME, LOCK_NAME, OutputBusy, OutputLock
from chrono.pipeline import CaseOptions, merge_case

from .corpus import (
    HEADER,
    XXE_DTD,
    assert_clear,
    bomb_docx,
    make_csv,
    make_docx,
    make_xlsx,
    sheet_member_name,
    sheet_xml,
    with_member,
)

pytestmark = pytest.mark.slow

MERGE_SECONDS = 60

POLICE_ROWS = [
    ["04/02/2025", "Police attended address, domestic argument reported", "Police", "Yes", "DASH completed"],
    ["12/02/2025", "Welfare check", "Police", "No", "No further action"],
]


def snapshot(folder: Path, skip: Path) -> dict[str, float]:
    """Every file under ``folder`` outside ``skip``, with its modification time."""
    return {str(p): p.stat().st_mtime for p in folder.rglob("*") if skip not in p.parents and p != skip}


def run_merge(inputs, outdir, **kwargs):
    # the corpus's files have no heading: name the child, as a user must (issue 13)
    kwargs.setdefault("options", CaseOptions(child_name="Fictional CHILD"))
    start = time.perf_counter()
    outcome = merge_case([str(p) for p in inputs], outdir, **kwargs)
    elapsed = time.perf_counter() - start
    assert elapsed < MERGE_SECONDS, f"merge took {elapsed:.0f}s"
    return outcome


def assert_complete_outputs(outdir: Path) -> None:
    """Every output parses, is private, and no temp file is left behind."""
    leftovers = [p.name for p in outdir.iterdir() if ".tmp" in p.name or
                 (p.name.startswith(".") and p.name not in (LOCK_NAME, MANIFEST_NAME))]
    assert leftovers == [], f"temporary files left in OUTDIR: {leftovers}"
    json.loads((outdir / "chronology.json").read_text("utf-8"))
    for path in outdir.iterdir():
        if path.suffix in {".docx", ".xlsx"}:
            with zipfile.ZipFile(path) as zf:
                assert zf.testzip() is None, f"{path.name} is damaged"
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, f"{path.name} is readable by others"


def hostile_case(folder: Path) -> dict[str, str]:
    """A case folder mixing two good submissions with broken and hostile ones."""
    folder.mkdir(parents=True, exist_ok=True)
    make_csv(folder / "School chronology.csv")
    make_docx(folder / "Police chronology.docx", POLICE_ROWS)
    bomb = bomb_docx(folder.parent)  # built beside the folder, then moved in
    bomb.rename(folder / "Health chronology.docx")
    (folder.parent / "good.docx").unlink()
    (folder / "Housing chronology.docx").write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    (folder / "Early Help chronology.xlsx").write_bytes(b"")
    make_docx(folder / "cut.docx")
    data = (folder / "cut.docx").read_bytes()
    (folder / "Probation chronology.docx").write_bytes(data[: len(data) // 2])
    (folder / "cut.docx").unlink()
    good = make_xlsx(folder.parent / "plain.xlsx")
    with_member(good, folder / "Youth Justice chronology.xlsx", sheet_member_name(good),
                sheet_xml(XXE_DTD, "&xxe;"))
    return {
        "School chronology.csv": "ok",
        "Police chronology.docx": "ok",
        "Health chronology.docx": "error",
        "Housing chronology.docx": "error",
        "Early Help chronology.xlsx": "error",
        "Probation chronology.docx": "error",
        "Youth Justice chronology.xlsx": "error",
    }


def test_hostile_files_are_refused_and_the_rest_merged(tmp_path):
    case = tmp_path / "case"
    expected = hostile_case(case)
    outdir = tmp_path / "out"
    before = snapshot(tmp_path, outdir)
    outcome = run_merge([case], outdir)
    files = {f.file: f for f in outcome.chronology.files}
    assert {name: f.status for name, f in files.items()} == expected
    for name, status in expected.items():
        if status == "error":
            assert files[name].problems, f"{name} refused without a reason"
            for problem in files[name].problems:
                assert_clear(problem)
    assert outcome.exit_code == 1
    texts = " ".join(e.event for e in outcome.chronology.events)
    assert "Home visit by social worker" in texts and "Welfare check" in texts
    assert "root:" not in json.dumps([e.event for e in outcome.chronology.events])
    assert_complete_outputs(outdir)
    assert snapshot(tmp_path, outdir) == before, "chrono wrote outside OUTDIR"


def test_only_hostile_files_end_cleanly(tmp_path):
    """Nothing usable: a clear error, or complete outputs that say so; never a traceback."""
    case = tmp_path / "case"
    case.mkdir()
    (case / "Police chronology.docx").write_bytes(b"MZ\x90\x00" + b"\0" * 100)
    (case / "Health chronology.xlsx").write_bytes(b"")
    outdir = tmp_path / "out"
    try:
        outcome = run_merge([case], outdir)
    except (ValueError, OSError) as exc:
        assert_clear(str(exc))
        assert not (outdir / "chronology.json").exists() or json.loads((outdir / "chronology.json").read_text())
        return
    assert outcome.exit_code != 0
    assert all(f.status == "error" and f.problems for f in outcome.chronology.files)
    assert_complete_outputs(outdir)


def test_file_vanishing_between_discovery_and_reading_is_refused(tmp_path, monkeypatch):
    import chrono.read

    case = tmp_path / "case"
    case.mkdir()
    make_csv(case / "School chronology.csv")
    make_docx(case / "Police chronology.docx", POLICE_ROWS)
    real_discover = chrono.read.discover

    def discover_then_lose_one(inputs, skipped=None):
        found = real_discover(inputs, skipped=skipped)
        (case / "Police chronology.docx").unlink()
        return found

    monkeypatch.setattr(chrono.read, "discover", discover_then_lose_one)
    outcome = run_merge([case], tmp_path / "out")
    files = {f.file: f for f in outcome.chronology.files}
    assert files["School chronology.csv"].status == "ok"
    assert files["Police chronology.docx"].status == "error"
    assert_clear(" ".join(files["Police chronology.docx"].problems))
    assert outcome.exit_code == 1
    assert_complete_outputs(tmp_path / "out")


def test_second_run_on_a_busy_output_folder_is_refused(tmp_path):
    case = tmp_path / "case"
    case.mkdir()
    make_csv(case / "School chronology.csv")
    outdir = tmp_path / "out"
    with OutputLock(outdir):
        with pytest.raises(OutputBusy, match="another chrono run is writing to"):
            merge_case([str(case)], outdir, options=CaseOptions(child_name="Fictional CHILD"))
    assert [p.name for p in outdir.iterdir()] == [LOCK_NAME]
    run_merge([case], outdir)
    assert (outdir / "chronology.json").exists()


def test_outputs_are_private(tmp_path):
    case = tmp_path / "case"
    case.mkdir()
    make_csv(case / "School chronology.csv")
    outdir = tmp_path / "nested" / "out"
    run_merge([case], outdir)
    assert stat.S_IMODE(outdir.stat().st_mode) == 0o700
    assert_complete_outputs(outdir)


FORMULAS = ['=HYPERLINK("http://example.invalid/x","click")', "=cmd|' /C calc'!A0", "+1+1", "-1", "@SUM(1)"]


def formula_case(folder: Path) -> Path:
    """Formula text in every data cell, in an extra column's heading and in a file name."""
    folder.mkdir()
    rows = [[f"0{i + 1}/03/2025", formula, f"School {formula}", "Yes", formula, formula]
            for i, formula in enumerate(FORMULAS)]
    rows.append(["09/03/2025", "Home visit", "Children's Social Care", "Yes", "=1+1", "-2"])
    make_csv(folder / "School chronology.csv", rows, header=[*HEADER, "=SUM(A1:A9) notes"])
    make_csv(folder / "=cmd|' -C calc'!A0 Police.csv", POLICE_ROWS)
    return folder


def assert_no_formulas(path: Path) -> None:
    import openpyxl

    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = zf.read(name)
                assert b"<f>" not in xml and b"<f " not in xml, f"{name} contains a formula"
    wb = openpyxl.load_workbook(path)
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"formula in {ws.title}!{cell.coordinate}"
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert any("cmd|' /C calc'!A0" in t for t in texts), "the entry text itself was lost"


def test_formula_text_never_becomes_a_formula_in_the_workbook(tmp_path):
    case = formula_case(tmp_path / "case")
    outdir = tmp_path / "out"
    run_merge([case], outdir)
    assert_no_formulas(outdir / "chronology.xlsx")


def test_write_workbook_writes_formula_text_as_text(tmp_path):
    from chrono.config import load_config
    from chrono.pipeline import build_chronology
    from chrono.report.xlsx import write_workbook

    cfg = load_config()
    chron = build_chronology([str(formula_case(tmp_path / "case"))], cfg, CaseOptions(child_name="Fictional CHILD"))
    assert chron.events
    path = tmp_path / "workbook.xlsx"
    write_workbook(chron, path, cfg)
    assert_no_formulas(path)


@pytest.mark.parametrize("output, patch", [
    ("chronology.xlsx", "openpyxl.workbook.workbook.Workbook.save"),
    ("appendix.docx", "docx.document.Document.save"),
])
def test_failed_write_keeps_the_last_good_outputs(tmp_path, monkeypatch, output, patch):
    case = tmp_path / "case"
    case.mkdir()
    make_csv(case / "School chronology.csv")
    outdir = tmp_path / "out"
    run_merge([case], outdir)
    previous = (outdir / output).read_bytes()
    make_docx(case / "Police chronology.docx", POLICE_ROWS)
    calls = []

    def broken_save(self, target, *args, **kwargs):
        """A disk that fills up half-way through saving."""
        calls.append(target)
        if hasattr(target, "write"):
            target.write(b"PK\x03\x04 half a file")
        else:
            Path(target).write_bytes(b"PK\x03\x04 half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(patch, broken_save)
    with pytest.raises(OSError, match="No space left"):
        merge_case([str(case)], outdir, options=CaseOptions(child_name="Fictional CHILD"))
    assert calls, "the output was not saved through the patched writer"
    assert (outdir / output).read_bytes() == previous, f"{output} was left half-written"
    leftovers = [p.name for p in outdir.iterdir() if ".tmp" in p.name]
    assert leftovers == []
