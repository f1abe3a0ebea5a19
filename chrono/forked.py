"""Two writers at once: one piece of work run in a forked process beside this one.

A merge writes five outputs one after another, and most of a small case's wait
is the timeline picture (matplotlib loads and draws) and the Word appendix.
Forked after the chronology is built, a child process writes those while this
one writes the JSON, the page and the workbook: on a machine with two cores
the user waits for the longer of the two, not their sum.

The child shares this process's memory as it was at the fork (nothing is
copied or sent), writes its files, and exits with 0 or 1. For a small case a
:class:`Warm` child is forked before the work starts instead: it loads the
writers' libraries (matplotlib, python-docx) while this process reads and
merges, and is then sent the work (pickled), so the user does not wait for
those imports either. It never reports an
error itself: if it fails, or cannot be started, :meth:`Beside.join` does the
same work here, so an error is raised (and worded) exactly as it would be
without the child. Forking happens only where it is safe and worth it: on
Linux, when no other thread runs (a forked thread-holding lock could hang the
child), and when :data:`ENABLED` (a batch's workers already keep every core
busy, and switch it off).

>>> with beside(lambda: None) as job:
...     pass  # this process's own writing goes here
>>> job.done
True
"""

from __future__ import annotations

import importlib
import os
import pickle
import signal
import sys
import threading
from typing import Callable, Sequence

#: Whether work may be forked at all (a batch worker sets this to False).
ENABLED = True


def fork_is_safe() -> bool:
    """Linux, and no other thread running here (a forked child could inherit a lock it held)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


def can_fork() -> bool:
    """Forking is safe here and allowed."""
    return ENABLED and fork_is_safe()


def _fork(child: Callable[[], None]) -> int | None:
    """Fork a child that runs ``child`` and exits with 0, or 1 if it raised; never returns
    into the caller's code there. The child's pid, or None when no process could be made."""
    for stream in (sys.stdout, sys.stderr):  # a child must not write out what this process buffered
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:
        code = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            child()
            code = 0
        except BaseException:  # noqa: BLE001 - the parent redoes the work and reports the error
            pass
        finally:
            os._exit(code)
    return pid


class Beside:
    """``work`` running in a forked child (``forked``), or waiting to run here at :meth:`join`."""

    def __init__(self, work: Callable[[], None]) -> None:
        self.work = work
        self.pid: int | None = None
        self.done = False

    @property
    def forked(self) -> bool:
        return self.pid is not None

    def start(self) -> "Beside":
        if can_fork():
            self.pid = _fork(self.work)  # None: no process to spare, the work runs here at join
        return self

    def join(self) -> None:
        """Wait for the child; if it failed or never started, do the work here (raising its error)."""
        if self.done:
            return
        self.done = True
        ok = False
        if self.pid is not None:
            _, status = os.waitpid(self.pid, 0)
            ok = os.waitstatus_to_exitcode(status) == 0
            self.pid = None
        if not ok:
            self.work()

    def abandon(self) -> None:
        """Stop the child (this process failed or was interrupted) and reap it."""
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGTERM)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.pid = None
        self.done = True

    def __enter__(self) -> "Beside":
        return self

    def __exit__(self, kind, value, tb) -> None:
        if kind is not None:
            self.abandon()
        else:
            self.join()


def beside(work: Callable[[], None]) -> Beside:
    """Start ``work`` beside this process when it can be forked; use as a context manager
    and call ``join()`` where its results are needed (leaving the block joins too)."""
    return Beside(work).start()


#: A warm child is sent at most this many bytes of pickled work; a bigger case's chronology
#: costs more to send than the imports it saves, and is written by a child forked late.
WARM_MAX_BYTES = 8 * 1024 * 1024


class Warm:
    """A child forked early that imports ``modules`` and then waits for one piece of work."""

    def __init__(self, modules: Sequence[str]) -> None:
        self.modules = tuple(modules)
        self.pid: int | None = None
        self._send: int | None = None

    def start(self) -> "Warm":
        if not can_fork():
            return self
        receive, send = os.pipe()

        def load_then_work() -> None:
            os.close(send)
            for module in self.modules:
                importlib.import_module(module)
            chunks = []
            while chunk := os.read(receive, 1 << 20):
                chunks.append(chunk)
            if chunks:  # nothing sent: the parent did not need us
                pickle.loads(b"".join(chunks))()

        pid = _fork(load_then_work)
        os.close(receive)
        if pid is None:
            os.close(send)
            return self
        self.pid, self._send = pid, send
        return self

    def submit(self, work: Callable[[], None]) -> Beside:
        """Hand ``work`` (picklable: a module-level function and its arguments) to the warm
        child; else, when there is none or the work is too big to send, fork a child for it now."""
        if self.pid is None:
            return beside(work)
        try:
            payload = pickle.dumps(work, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - something in it does not pickle: fork late instead
            payload = b""
        if not payload or len(payload) > WARM_MAX_BYTES:
            self.close()
            return beside(work)
        job = Beside(work)
        job.pid, self.pid = self.pid, None
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(self._send, view):]
        except OSError:
            pass  # the child has gone: join finds it failed and does the work here
        finally:
            os.close(self._send)
            self._send = None
        return job

    def close(self) -> None:
        """Send nothing: the child exits; reap it."""
        if self._send is not None:
            os.close(self._send)
            self._send = None
        if self.pid is not None:
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
            self.pid = None


def warm(modules: Sequence[str]) -> Warm:
    """Fork a child now that imports ``modules``, to be given work later with :meth:`Warm.submit`
    (or :meth:`Warm.close` when there is none)."""
    return Warm(modules).start()
