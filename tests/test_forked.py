"""A second writer process: the work is done once, in the child when it can be forked, and
anything that goes wrong there is done again here, so errors reach the user as before."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from chrono import forked
from chrono.forked import beside

REPO = Path(__file__).resolve().parent.parent
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="work is forked only on Linux")


def _write_pid(path):
    def work():
        path.write_text(str(os.getpid()))
    return work


def in_a_fresh_process(code: str) -> str:
    """Run ``code`` in a new Python process, where no other test has left a thread running
    (a browser test's watcher thread would rightly stop chrono from forking)."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          cwd=str(REPO))
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


@linux_only
def test_the_work_runs_in_a_child_process_and_its_file_is_there_after_join(tmp_path):
    out = tmp_path / "written-by.txt"
    said = in_a_fresh_process(f"""
        import os, pathlib
        from chrono.forked import beside
        out = pathlib.Path({str(out)!r})
        with beside(lambda: out.write_text(str(os.getpid()))) as job:
            print(job.forked)
            job.join()
            print(out.read_text() != str(os.getpid()))
    """)
    assert said.split() == ["True", "True"]  # forked, and written by the child, not here


def test_leaving_the_block_joins_the_work(tmp_path):
    out = tmp_path / "written.txt"
    with beside(_write_pid(out)):
        pass
    assert out.exists()


@linux_only
def test_work_that_fails_in_the_child_is_done_again_here(tmp_path):
    out = tmp_path / "written-by.txt"
    said = in_a_fresh_process(f"""
        import os, pathlib
        from chrono.forked import beside
        here, out = os.getpid(), pathlib.Path({str(out)!r})

        def fails_in_a_child():
            if os.getpid() != here:
                raise OSError("disk full")  # e.g. a full disk for the child only
            out.write_text(str(os.getpid()))

        with beside(fails_in_a_child) as job:
            print(job.forked)
        print(out.read_text() == str(here))
    """)
    assert said.split() == ["True", "True"]


def test_an_error_the_work_always_raises_reaches_the_caller_as_it_would_without_a_child(tmp_path):
    def always_fails():
        raise ValueError("the appendix could not be written")

    with pytest.raises(ValueError, match="could not be written"):
        with beside(always_fails):
            pass


def test_with_another_thread_running_nothing_is_forked_and_the_work_runs_here(tmp_path):
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        out = tmp_path / "written-by.txt"
        with beside(_write_pid(out)) as job:
            assert not job.forked and not out.exists()  # waits for join
        assert out.read_text() == str(os.getpid())
    finally:
        stop.set()
        thread.join()


def test_switched_off_the_work_runs_here(tmp_path, monkeypatch):
    monkeypatch.setattr(forked, "ENABLED", False)
    out = tmp_path / "written-by.txt"
    with beside(_write_pid(out)) as job:
        assert not job.forked
    assert out.read_text() == str(os.getpid())


@linux_only
def test_a_failure_here_stops_and_reaps_the_child(tmp_path):
    late = tmp_path / "never.txt"
    said = in_a_fresh_process(f"""
        import os, pathlib, time
        from chrono.forked import beside
        late = pathlib.Path({str(late)!r})

        def slow():
            time.sleep(30)
            late.write_text("late")

        try:
            with beside(slow) as job:
                pid = job.pid
                raise RuntimeError("this process failed while the child worked")
        except RuntimeError:
            print("raised")
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            print("reaped")  # no process left behind
    """)
    assert said.split() == ["raised", "reaped"]
    assert not late.exists()


@linux_only
def test_a_warm_child_loads_its_modules_first_then_does_the_work_it_is_sent(tmp_path):
    out = tmp_path / "written.txt"
    said = in_a_fresh_process(f"""
        import functools, os, pathlib, sys
        from chrono.forked import warm

        def note(path):
            loaded = "chrono.report.chart" in sys.modules
            pathlib.Path(path).write_text(f"{{os.getpid()}} {{loaded}}")

        pictures = warm(["chrono.report.chart"])
        print(pictures.pid is not None, "chrono.report.chart" in sys.modules)  # loaded there, not here
        with pictures.submit(functools.partial(note, {str(out)!r})) as job:
            print(job.forked)
        pid, loaded = pathlib.Path({str(out)!r}).read_text().split()
        print(pid != str(os.getpid()), loaded)
        pictures.close()
    """)
    assert said.split() == ["True", "False", "True", "True", "True"]


@linux_only
def test_a_warm_child_given_nothing_exits_and_is_reaped():
    said = in_a_fresh_process("""
        import os
        from chrono.forked import warm

        pictures = warm(["json"])
        pid = pictures.pid
        pictures.close()
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            print("reaped")
    """)
    assert said == "reaped"


@linux_only
def test_work_too_big_to_send_is_written_by_a_child_forked_late_and_work_that_fails_is_redone_here(tmp_path):
    big, failing = tmp_path / "big.txt", tmp_path / "failing.txt"
    said = in_a_fresh_process(f"""
        import functools, os, pathlib
        from chrono import forked

        here = os.getpid()

        def write(path, payload):
            pathlib.Path(path).write_text(str(os.getpid()))

        def fails_in_a_child(path):
            if os.getpid() != here:
                raise OSError("disk full")
            pathlib.Path(path).write_text(str(os.getpid()))

        forked.WARM_MAX_BYTES = 1000
        pictures = forked.warm(["json"])
        with pictures.submit(functools.partial(write, {str(big)!r}, "x" * 5000)) as job:
            print(job.forked, pictures.pid is None)  # sent nowhere: forked now instead
        pictures = forked.warm(["json"])
        with pictures.submit(functools.partial(fails_in_a_child, {str(failing)!r})) as job:
            print(job.forked)
        print(pathlib.Path({str(big)!r}).read_text() != str(here), pathlib.Path({str(failing)!r}).read_text() == str(here))
    """)
    assert said.split() == ["True", "True", "True", "True", "True"]
