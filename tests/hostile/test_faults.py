"""Faults around the files rather than inside them: odd paths, broken disks, killed runs.

What the user must see: every path under the case either read or listed as
skipped with its reason; an output folder that cannot be written is one line
and exit 2; a run killed while publishing leaves nothing the next run does
not notice, clean up and say.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chrono.cli import app
from chrono.files import MANIFEST_NAME, STAGING_PREFIX, read_manifest
from chrono.pipeline import CaseOptions, build_chronology, merge_case

from .corpus import make_csv, make_docx

POLICE_ROWS = [
    ["04/02/2025", "Police attended address, domestic argument reported", "Police", "Yes", "DASH completed"],
    ["12/02/2025", "Welfare check", "Police", "No", "No further action"],
]

runner = CliRunner()
#: the corpus's files carry no heading: the child is given, as a key worker would with --child
CHILD = CaseOptions(child_name="Fictional CHILD")
CHILD_ARGS = ["--child", "Fictional CHILD"]


def _case(tmp_path: Path) -> Path:
    case = tmp_path / "case"
    case.mkdir()
    make_csv(case / "School chronology.csv")
    make_docx(case / "Police chronology.docx", POLICE_ROWS)
    return case


def _skipped(chron) -> dict[str, str]:
    out = {}
    for w in chron.warnings:
        name, sep, reason = w.partition(": not read (")
        if sep:
            out[name] = reason
    return out


# -- every path listed -----------------------------------------------------------

def test_every_odd_path_under_the_case_is_read_or_listed_with_its_reason(tmp_path):
    case = _case(tmp_path)
    outside = make_csv(tmp_path / "elsewhere.csv")
    (case / "broken.csv").symlink_to(case / "gone.csv")
    (case / "loop.csv").symlink_to(case / "loop.csv")
    (case / "outside.csv").symlink_to(outside)
    (case / "again.csv").symlink_to(case / "School chronology.csv")
    (case / "sub").mkdir()
    make_csv(case / "sub" / "Health.csv")
    (case / "Health link.csv").symlink_to(case / "sub" / "Health.csv")
    (case / "folder link").symlink_to(case / "sub", target_is_directory=True)
    os.mkfifo(case / "pipe.csv")

    chron = build_chronology([str(case)], options=CHILD)
    files = {f.file: f for f in chron.files}
    skipped = _skipped(chron)
    # the real files are read under their own names; a second name never displaces them
    assert files["School chronology.csv"].status == "ok"
    assert files["sub/Health.csv"].status == "ok"
    assert "again.csv" not in files and "Health link.csv" not in files
    assert "second name" in skipped["again.csv"] and "School chronology.csv" in skipped["again.csv"]
    assert "second name" in skipped["Health link.csv"]
    assert "broken" in skipped["broken.csv"]
    assert "loops" in skipped["loop.csv"]
    assert "outside the case folder" in skipped["outside.csv"]
    assert "folder" in skipped["folder link"]
    assert "named pipe" in skipped["pipe.csv"]
    assert not any(f.file.startswith("folder link/") for f in chron.files)


def test_a_link_to_an_unlisted_file_inside_the_case_is_read_as_itself(tmp_path):
    case = _case(tmp_path)
    store = case / ".store"
    store.mkdir()
    make_csv(store / "GP.csv")
    (case / "GP chronology.csv").symlink_to(store / "GP.csv")
    chron = build_chronology([str(case)], options=CHILD)
    files = {f.file: f for f in chron.files}
    assert files["GP chronology.csv"].status == "ok" and files["GP chronology.csv"].rows_read == 3


def test_a_file_name_that_is_not_utf8_is_read_and_shown_safely(tmp_path):
    case = _case(tmp_path)
    raw = os.fsencode(case) + b"/Caf\xe9 nursery.csv"
    source = make_csv(tmp_path / "tmp.csv")
    with open(raw, "wb") as fh:
        fh.write(source.read_bytes())
    out = tmp_path / "out"
    result = runner.invoke(app, ["merge", str(case), "-o", str(out), *CHILD_ARGS])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    data = json.loads((out / "chronology.json").read_text("utf-8"))
    names = [f["file"] for f in data["files"]]
    assert "Caf\\xe9 nursery.csv" in names
    assert next(f for f in data["files"] if f["file"] == "Caf\\xe9 nursery.csv")["rows"] == 3


# -- output folders that cannot be written ----------------------------------------

@pytest.mark.parametrize("code, words", [
    (errno.EROFS, "read-only disk"),
    (errno.ENOSPC, "disk is full"),
    (errno.EACCES, "permission denied"),
])
def test_an_output_folder_that_cannot_be_written_is_one_line_and_exit_2(tmp_path, monkeypatch, code, words):
    case = _case(tmp_path)
    out = tmp_path / "out"
    real_open = os.open

    def refusing_open(path, *args, **kwargs):
        if str(out) in os.fsdecode(path):
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    result = runner.invoke(app, ["merge", str(case), "-o", str(out), *CHILD_ARGS])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [l for l in result.output.splitlines() if l.strip()]
    text = " ".join(lines)
    assert words in text and str(out.name) in text and "Traceback" not in text


def test_a_disk_filling_while_writing_is_one_line_and_keeps_the_last_good_set(tmp_path, monkeypatch):
    case = _case(tmp_path)
    out = tmp_path / "out"
    assert runner.invoke(app, ["merge", str(case), "-o", str(out), *CHILD_ARGS]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    make_csv(case / "Housing.csv")
    import chrono.report.xlsx as xlsx

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(xlsx, "write_workbook", full)
    result = runner.invoke(app, ["merge", str(case), "-o", str(out), *CHILD_ARGS])
    assert result.exit_code == 2, result.output
    assert "disk is full" in result.output and "Traceback" not in result.output
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before, "a failed run changed the published outputs"
    assert not [p for p in out.iterdir() if p.name.startswith(STAGING_PREFIX)]


# -- a run killed while publishing ---------------------------------------------------

KILLED = textwrap.dedent("""
    import os, signal, sys
    import chrono.files as files
    real = os.replace
    calls = []
    def replace(src, dst):
        real(src, dst)
        if os.path.dirname(os.fspath(dst)) == sys.argv[2]:
            calls.append(dst)  # a finished output moved into OUTDIR
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGKILL)
    files.os.replace = replace
    from chrono.pipeline import merge_case
    from chrono.pipeline import CaseOptions
    merge_case([sys.argv[1]], sys.argv[2], options=CaseOptions(child_name="Fictional CHILD"))
""")


def test_a_run_killed_between_outputs_is_found_cleaned_and_reported(tmp_path):
    case = _case(tmp_path)
    out = tmp_path / "out"
    merge_case([str(case)], out, options=CHILD)
    first = read_manifest(out)
    assert set(first) >= {"chronology.json", "appendix.docx", "chronology.xlsx", "timeline.png"}
    make_csv(case / "Housing.csv")
    done = subprocess.run([sys.executable, "-c", KILLED, str(case), str(out)], capture_output=True)
    assert done.returncode == -9
    (out / ".chronology.abc12345.tmp.xlsx").write_bytes(b"PK half")  # a writer's temp file, left by a kill
    (out / ".my notes.backup12.tmp").write_text("the user's own")  # never chrono's to remove
    # a mixed set now sits in OUTDIR: the new chronology.json beside the old appendix
    assert any(p.name.startswith(STAGING_PREFIX) for p in out.iterdir())

    outcome = merge_case([str(case)], out, options=CHILD)
    notes = " ".join(outcome.chronology.warnings)
    assert "interrupted run" in notes and "half-written temporary file" in notes
    assert "chronology.json does not match" in notes
    leftovers = [p.name for p in out.iterdir()
                 if p.name.startswith(STAGING_PREFIX) or ".tmp" in p.name]
    assert leftovers == [".my notes.backup12.tmp"]
    manifest = read_manifest(out)
    runs = {manifest[name]["run"] for name in ("chronology.json", "appendix.docx", "chronology.xlsx")}
    assert len(runs) == 1, "the published outputs come from different runs"
    data = json.loads((out / "chronology.json").read_text("utf-8"))
    assert "interrupted run" in " ".join(data.get("warnings", []))
    # and the run after that is quiet again
    again = merge_case([str(case)], out, options=CHILD)
    assert "interrupted run" not in " ".join(again.chronology.warnings)
    assert (out / MANIFEST_NAME).exists()


# -- privacy of `chrono check` -------------------------------------------------------

def test_check_withholds_prose_in_a_date_cell_unless_asked(tmp_path):
    path = tmp_path / "School.csv"
    path.write_text("Date,Event,Agency,Child seen\n03/02/2025,Home visit,School,Yes\n"
                    "Mother disclosed that uncle hits Jayden,Visit,School,No\n31/02/2025,Visit,School,No\n")
    quiet = runner.invoke(app, ["check", str(path)])
    assert "Mother disclosed" not in quiet.output and "uncle" not in quiet.output
    assert "text withheld: 39 chars" in quiet.output
    assert "'31/02/2025'" in quiet.output, "a cell that reads as a date is still shown, to be corrected"
    shown = runner.invoke(app, ["check", "--show-text", str(path)])
    assert "Mother disclosed that uncle hits Jayden" in shown.output


def test_a_disk_error_reading_one_input_refuses_that_file_only(tmp_path, monkeypatch):
    import builtins

    import chrono.read as read

    case = _case(tmp_path)
    real_open = builtins.open

    def failing_open(path, *args, **kwargs):
        if str(path).endswith("Police chronology.docx"):
            raise OSError(errno.EIO, "Input/output error")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(read, "open", failing_open, raising=False)
    chron = build_chronology([str(case)], options=CHILD)
    files = {f.file: f for f in chron.files}
    assert files["School chronology.csv"].status == "ok"
    police = files["Police chronology.docx"]
    assert police.status == "error" and "cannot be read from disk" in police.problems[0]
