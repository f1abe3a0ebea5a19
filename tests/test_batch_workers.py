"""Batch workers start once and keep the batch's configuration for every case they merge."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from chrono import batch, pipeline
from chrono.config import load_config
from chrono.pipeline import CaseOptions
from tests.builders import entry, write_docx


REPO = Path(__file__).resolve().parent.parent


def _case(folder, n: int):
    folder.mkdir(parents=True)
    day = dt.date(2024, 3, 4) + dt.timedelta(days=n)
    write_docx(folder / "HV chronology.docx", [entry(day.strftime("%d/%m/%Y"), f"Home visit {n}, child seen", "HV")],
               agency="Health Visiting")


def test_a_worker_uses_the_configuration_it_was_started_with_for_every_case(tmp_path, monkeypatch):
    cfg = load_config()
    given = []

    def fake_merge_case(inputs, outdir, cfg=None, options=None):
        given.append(cfg)
        raise RuntimeError("stop here")

    monkeypatch.setattr(pipeline, "merge_case", fake_merge_case)
    monkeypatch.setattr(batch, "_WORKER_CFG", None)
    batch._worker_init(None, cfg)
    for n in range(2):
        summary = batch.merge_one(f"case{n}", str(tmp_path), str(tmp_path / f"out{n}"), None, CaseOptions())
        assert summary.status == "crashed"
    assert given == [cfg, cfg] and given[0] is given[1] is cfg  # one object: its compiled caches hold


@pytest.fixture
def another_thread():
    """A thread running beside the batch, as a live progress bar's refresh thread would."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    yield thread
    stop.set()
    thread.join()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked only on Linux")
def test_workers_are_forked_from_this_process_only_when_no_other_thread_runs(another_thread):
    assert batch._start_method() == batch.MP_START_METHOD != "fork"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked only on Linux")
def test_with_no_other_thread_workers_are_forked_and_share_the_vocabulary_compiled_once(tmp_path):
    root = tmp_path / "caseload"
    for n in range(4):
        _case(root / f"child-{n}", n)
    compiled_in = tmp_path / "compiled-in.txt"
    # a fresh process: no thread another test left running (a browser test's) stops the fork
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(f"""
        import os
        from chrono import batch
        from chrono.pipeline import CaseOptions
        from chrono.text import vocabulary

        real_build = vocabulary.build_vocabulary

        def counting_build(cfg):
            with open({str(compiled_in)!r}, "a") as f:
                f.write(f"{{os.getpid()}}\\n")
            return real_build(cfg)

        vocabulary.build_vocabulary = counting_build
        print(batch._start_method(), os.getpid())
        result = batch.run_batch({str(root)!r}, {str(tmp_path / "out")!r},
                                 options=CaseOptions(formats=("json",)), workers=2)
        print(sorted(c.status for c in result.cases))
    """)], capture_output=True, text=True, cwd=str(REPO))
    assert done.returncode == 0, done.stderr[-2000:]
    first, statuses = done.stdout.strip().splitlines()
    method, pid = first.split()
    assert method == "fork" and statuses == str(["ok"] * 4)
    assert compiled_in.read_text().split() == [pid]  # compiled here, once; never in a worker


def test_the_live_progress_bar_runs_no_thread_so_workers_can_still_be_forked(monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    before = threading.active_count()
    with batch.rich_progress() as progress:
        progress(batch.BatchProgress(0, 2, 0))
        progress(batch.BatchProgress(1, 2, 3, current_case="child-0", case_files=3, case_status="ok"))
        assert threading.active_count() == before


def test_two_workers_from_the_fork_server_merge_every_case(tmp_path, another_thread):
    root = tmp_path / "caseload"
    for n in range(3):
        _case(root / f"child-{n}", n)
    assert batch._start_method() != "fork"
    result = batch.run_batch(root, tmp_path / "out", options=CaseOptions(formats=("json",)), workers=2)
    assert sorted(c.case for c in result.cases) == ["child-0", "child-1", "child-2"]
    assert all(c.status != "crashed" for c in result.cases), [c.error for c in result.cases]
    assert all((tmp_path / "out" / f"child-{n}" / "chronology.json").exists() for n in range(3))
