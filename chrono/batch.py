"""A whole caseload in one run: every child's folder merged, then one summary.

A team manager or key worker keeps one folder per child under a caseload
folder (ROOT). ``chrono batch ROOT -o OUTROOT`` merges every child's folder
exactly as ``chrono merge ROOT/<child> -o OUTROOT/<child>`` would, in parallel,
and writes ``OUTROOT/caseload.json`` and ``OUTROOT/caseload.xlsx`` with the
cases that need attention first::

    ROOT/
      chrono.toml                  <- optional: the settings for every case
      Jayden Smith/                <- one folder per child (the case name)
        Police chronology - May.docx
        2024-06/                   <- monthly subfolders are fine
          CSC_chronology_Jun.xlsx
        chrono-decisions.csv       <- the case's duplicate decisions, if any
      Ruby Harker/
        ...
      .archive/                    <- hidden folders are skipped
      notes.txt                    <- files directly under ROOT are skipped
      out/                         <- so is a batch's output folder (it holds caseload.json)

    OUTROOT/
      caseload.json, caseload.xlsx <- one row per child, attention first
      Jayden Smith/                <- exactly what `chrono merge` writes
        chronology.json, appendix.docx, chronology.xlsx, timeline.png

A case is a folder directly under ROOT that holds at least one file at any
depth (hidden files and chrono's own files do not count); its output folder
has the same name, made safe for Windows and macOS where needed. Merging into
the same OUTROOT next month keeps event ids stable and counts what is new. A
case that crashes is reported with its error (and the file being read, when
known; the traceback goes to ``OUTROOT/<case>/batch-error.txt``) and the
others carry on. Exit status: 0 every case clean; 1 some case had refused
files, rejected rows or crashed.

>>> from chrono.batch import run_batch
>>> # result = run_batch(Path("caseload"), Path("out"))
>>> # result.exit_code, [c.case for c in result.cases]
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import datetime as dt
import logging
import multiprocessing
import os
import re
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Literal

from chrono.config import Config, load_config
from chrono.detect.calendar import add_months, add_working_days, working_days_between
from chrono.model import Chronology
from chrono.pipeline import CONFIG_FILE, OWN_FILES, CaseOptions

CaseStatus = Literal["ok", "refused files", "rejected rows", "not merged", "crashed"]

#: How worker processes start when this process runs other threads (a live progress
#: bar): a fork server (Linux, macOS) is a clean, single-threaded process that imports
#: chrono's stages once (``WORKER_PRELOAD``) and forks each worker from itself, so no
#: worker inherits a lock another thread held. Elsewhere "spawn". On Linux, with no
#: other thread running, workers are forked from this process instead (:func:`_start_method`).
MP_START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"

#: What a worker needs loaded: the fork server imports it once, or this process before forking.
WORKER_PRELOAD = ["chrono.pipeline", "chrono.read", "chrono.normalise", "chrono.merge", "chrono.detect",
                  "chrono.report.jsonout", "chrono.report.chart", "chrono.report.docx", "chrono.report.xlsx",
                  "chrono.report.html"]

#: The batch's configuration in a worker process, sent once when the worker starts (not with
#: every case), so what is compiled from it is compiled once per worker, not once per case.
_WORKER_CFG: Config | None = None

#: "Due soon" for the next review conference, in working days.
REVIEW_DUE_SOON_WORKING_DAYS = 15

#: Event categories that mark a child protection conference.
CONFERENCE_CATEGORIES = ("icpc", "review_conference")

#: The file a batch writes into OUTROOT; a folder holding it is an output, not a case.
CASELOAD_MARKER = "caseload.json"

#: Written into a case's output folder when it crashes; removed when it next merges.
CRASH_NOTE = "batch-error.txt"

#: Conference reports this close to the first are the same conference (as in detect.rules).
SAME_CONFERENCE_DAYS = 14


class BatchUsageError(ValueError):
    """The batch cannot start (no such folder, outputs inside a case); the message says what to do."""


@dataclass(frozen=True)
class Case:
    """One child's folder directly under the caseload folder."""

    name: str
    path: Path


@dataclass
class BatchProgress:
    """Where the batch is; the CLI turns this into a progress bar or plain lines.

    Reported once at the start and after each case; ``current_case`` is the
    case that has just finished.
    """

    cases_done: int
    cases_total: int
    files_read: int
    current_case: str = ""
    #: the files of the case that has just finished (not a running total), and how many it refused
    case_files: int = 0
    case_refused: int = 0
    case_status: str = ""


@dataclass
class CaseSummary:
    """One row of the caseload: what a manager needs to know about one child's merge."""

    case: str
    status: CaseStatus = "ok"
    outdir: str = ""
    #: the child the merge settled on, their DOB and the allocated worker a heading names
    child: str = ""
    dob: dt.date | None = None
    worker: str = ""
    events: int = 0
    new_events: int = 0
    #: severity -> the rule code of every flag of that severity (sorted, repeats kept)
    flags: dict[str, list[str]] = field(default_factory=lambda: {"high": [], "medium": [], "low": []})
    silent_agencies: list[str] = field(default_factory=list)
    files: int = 0
    files_refused: list[str] = field(default_factory=list)
    rows_rejected: int = 0
    review_waiting: int = 0
    last_conference: dt.date | None = None
    last_conference_kind: str = ""
    next_review_due: dt.date | None = None
    #: working days from today to the due date; negative when overdue
    review_due_working_days: int | None = None
    review_due_soon: bool = False
    error: str = ""
    error_file: str = ""
    seconds: float = 0.0

    @property
    def high_flags(self) -> int:
        return len(self.flags.get("high", []))

    @property
    def review_overdue(self) -> bool:
        return self.review_due_working_days is not None and self.review_due_working_days < 0

    def attention_rank(self) -> int:
        """0 crashed or not merged, 1 high flags, 2 review due soon or overdue, 3 refused/rejected, 4 the rest."""
        if self.status in ("crashed", "not merged"):
            return 0
        if self.high_flags:
            return 1
        if self.review_due_soon or self.review_overdue:
            return 2
        if self.status != "ok":
            return 3
        return 4

    def to_dict(self) -> dict:
        d = asdict(self)
        for key in ("last_conference", "next_review_due", "dob"):
            d[key] = d[key].isoformat() if d[key] else None
        d["seconds"] = round(self.seconds, 2)
        d["review_overdue"] = self.review_overdue
        return d


def attention_order(cases: list[CaseSummary]) -> list[CaseSummary]:
    """Cases needing attention first; ties by case name (case-insensitive)."""
    return sorted(cases, key=lambda c: (c.attention_rank(), c.case.casefold(), c.case))


@dataclass
class BatchResult:
    root: Path
    outroot: Path
    cases: list[CaseSummary]
    workers: int = 1
    seconds: float = 0.0
    generated_at: str = ""
    config_files: list[str] = field(default_factory=list)
    area: str = ""

    @property
    def exit_code(self) -> int:
        """0 every case clean; 1 some case had refused files, rejected rows or crashed."""
        return 1 if any(c.status != "ok" for c in self.cases) else 0

    def counts(self) -> dict[str, int]:
        out = {"ok": 0, "refused files": 0, "rejected rows": 0, "not merged": 0, "crashed": 0}
        for c in self.cases:
            out[c.status] += 1
        return out


# --------------------------------------------------------------------------- cases


#: A monthly round's subfolder ("2024-05"): a sign ROOT is one case, not a caseload.
_MONTH_FOLDER = re.compile(r"^(19|20)\d\d[-_ .]?(0[1-9]|1[0-2])$")


def _counts_as_submission(name: str) -> bool:
    return not name.startswith(".") and name not in OWN_FILES


def _has_files(folder: Path) -> bool:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        if any(_counts_as_submission(f) for f in filenames):
            return True
    return False


def find_cases(root: Path) -> list[Case]:
    """Every child's folder directly under ``root``, by name.

    Hidden folders, files directly under ``root`` (such as ``chrono.toml`` or an
    answer key), folders with no file at any depth and an earlier batch's
    output folder (it holds ``caseload.json``) are not cases.
    """
    root = Path(root)
    if not root.is_dir():
        raise BatchUsageError(f"{root}: no such folder. Give the folder that holds one folder per child.")
    cases = [
        Case(entry.name, entry)
        for entry in root.iterdir()
        if entry.is_dir() and not entry.name.startswith(".") and not (entry / CASELOAD_MARKER).exists()
        and _has_files(entry)
    ]
    return sorted(cases, key=lambda c: (c.name.casefold(), c.name))


def safe_case_names(cases: list[Case]) -> dict[str, str]:
    """case name -> an output folder name safe on every file system, unique ignoring case."""
    from chrono.files import safe_filename

    taken: set[str] = set()
    out: dict[str, str] = {}
    for case in cases:
        base = safe_filename(case.name, fallback="case")
        name, n = base, 2
        while name.casefold() in taken:
            name, n = f"{base}-{n}", n + 1
        taken.add(name.casefold())
        out[case.name] = name
    return out


# ----------------------------------------------------------------- review clock


def review_clock(chron: Chronology, cfg: Config,
                 today: dt.date) -> tuple[dt.date | None, str, dt.date | None, int | None]:
    """The last conference, its kind, when the next review is due and working days to it.

    First review ``first_review_months`` after the ICPC, later ones
    ``later_review_months`` after the previous review (area settings); a due
    date on a weekend or bank holiday moves to the next working day, as in
    the REVIEW_OVERDUE flag. Reports of one conference by several agencies
    (within 14 days of the first) count once, from the first report's date.
    """
    conferences = sorted(
        (e.date, kind)
        for e in chron.events
        for kind in CONFERENCE_CATEGORIES
        if kind in e.categories and e.date and e.date != dt.date.min
    )
    if not conferences:
        return None, "", None, None
    last, kind = conferences[0]
    for day, this_kind in conferences[1:]:
        if (day - last).days > SAME_CONFERENCE_DAYS:
            last, kind = day, this_kind
    area = cfg.area_settings()
    months = area.get("first_review_months", 3) if kind == "icpc" else area.get("later_review_months", 6)
    due = add_working_days(add_months(last, int(months)) - dt.timedelta(days=1), 1)
    return last, kind, due, working_days_between(today, due)


# ------------------------------------------------------------------- summaries


def _silent_agencies(chron: Chronology) -> list[str]:
    """The agency each AGENCY_SILENT flag is about."""
    known = {f.agency for f in chron.files if f.agency} | {a for e in chron.events for a in e.agencies}
    by_id = {e.id: e for e in chron.events}
    out: list[str] = []
    for flag in chron.flags:
        if flag.rule != "AGENCY_SILENT":
            continue
        text = flag.summary.casefold()
        # The summary names the agency first ("Police contributed before but ..."),
        # else anywhere; the longest name wins ("British Transport Police" over "Police").
        named = sorted((a for a in known if text.startswith(a.casefold())), key=len)[-1:]
        if not named:
            named = [a for a in known if a.casefold() in text]
            named = [a for a in named if not any(a != b and a.casefold() in b.casefold() for b in named)]
        if not named:
            evidence = [set(by_id[i].agencies) for i in flag.events if i in by_id]
            named = sorted(set.intersection(*evidence)) if evidence else []
        if not named:
            named = [flag.summary]
        out.extend(a for a in sorted(named) if a not in out)
    return out


def summarise(case: str, chron: Chronology, cfg: Config, today: dt.date, outdir: str = "") -> CaseSummary:
    """The caseload row for one merged chronology."""
    refused = [f.file for f in chron.files if f.status != "ok"]
    flags: dict[str, list[str]] = {"high": [], "medium": [], "low": []}
    for flag in chron.flags:
        flags.setdefault(flag.severity, []).append(flag.rule)
    for codes in flags.values():
        codes.sort()
    last, kind, due, days = review_clock(chron, cfg, today)
    status: CaseStatus = "refused files" if refused else "rejected rows" if chron.rejected else "ok"
    return CaseSummary(
        case=case,
        status=status,
        outdir=outdir,
        child=chron.child.name,
        dob=chron.child.dob,
        worker=allocated_worker(chron, cfg),
        events=len(chron.events),
        new_events=len(chron.changes.new_events),
        flags=flags,
        silent_agencies=_silent_agencies(chron),
        files=len(chron.files),
        files_refused=refused,
        rows_rejected=len(chron.rejected),
        review_waiting=sum(1 for r in chron.review if not r.decision),
        last_conference=last,
        last_conference_kind=kind,
        next_review_due=due,
        review_due_working_days=days,
        review_due_soon=days is not None and 0 <= days <= REVIEW_DUE_SOON_WORKING_DAYS,
    )


def allocated_worker(chron: Chronology, cfg: Config) -> str:
    """The allocated worker a submission's heading names (``[heading] allocated_worker`` keys in
    columns.toml), children's social care's first; "" when none does."""
    from chrono.read.headers import norm

    keys = {norm(k) for k in cfg.section("columns").get("heading", {}).get("allocated_worker", [])}
    found = []
    for f in chron.files:
        if f.status != "ok":
            continue
        for key, value in f.heading.other.items():
            if norm(key) in keys and value.strip():
                found.append((0 if "social care" in (f.agency or "").casefold() else 1, f.file, value.strip()))
    return min(found)[2] if found else ""


class _NameTheCase(logging.Filter):
    """Prefix every log message with the case it is about: a batch's messages interleave."""

    def __init__(self, case: str) -> None:
        super().__init__()
        self.case = case

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "_chrono_case", None):
            record._chrono_case = self.case
            record.msg = f"[{self.case}] {record.msg}"
        return True


def ask_case_passwords(root: Path, ask: Callable[[str], str]) -> dict[str, str]:
    """Ask (``ask(name)``) for the password of each protected file under the caseload; path -> password."""
    from chrono.pipeline import InputError, discover_inputs, protected_files

    passwords: dict[str, str] = {}
    for case in find_cases(root):
        try:
            found = discover_inputs([case.path])
        except InputError:
            continue
        for path, name in protected_files(found):
            answer = ask(f"{case.name}/{name}")
            if answer:
                passwords[str(path.resolve())] = answer
    return passwords


def _file_being_handled(tb) -> str:
    """The submission a crash happened in, when the traceback shows one."""
    found = ""
    for frame, _ in traceback.walk_tb(tb):
        if not frame.f_globals.get("__name__", "").startswith("chrono"):
            continue
        local = frame.f_locals
        if frame.f_code.co_name == "read_inputs" and isinstance(local.get("name"), str):
            found = local["name"]
        elif isinstance(local.get("display_name"), str):
            found = local["display_name"]
        elif frame.f_code.co_name == "normalise_file":
            report = getattr(local.get("result"), "report", None)
            if isinstance(getattr(report, "file", None), str):
                found = report.file
    return found


def _today(options: CaseOptions) -> dt.date:
    from chrono.pipeline import _now

    return _now(options).date()


def merge_one(case_name: str, case_path: str, outdir: str, cfg: Config | None, options: CaseOptions) -> CaseSummary:
    """Merge one case and summarise it; any exception becomes a ``crashed`` summary.

    Top level and with picklable arguments so worker processes can run it;
    ``cfg=None`` in a worker: the configuration it was started with.
    """
    from chrono import pipeline

    cfg = cfg if cfg is not None else _WORKER_CFG
    started = time.perf_counter()
    naming = _NameTheCase(case_name)
    handlers = list(logging.getLogger("chrono").handlers)
    for handler in handlers:
        handler.addFilter(naming)
    try:
        outcome = pipeline.merge_case([case_path], outdir, cfg, options)
        summary = summarise(case_name, outcome.chronology, cfg, _today(options), outdir)
        (Path(outdir) / CRASH_NOTE).unlink(missing_ok=True)  # last run's crash is history
    except pipeline.InputError as exc:  # the case cannot be merged as it stands: say why, no traceback
        summary = CaseSummary(case=case_name, status="not merged", outdir=outdir, error=str(exc)[:500])
    except Exception as exc:  # noqa: BLE001 - one case must never stop the caseload
        summary = CaseSummary(case=case_name, status="crashed", outdir=outdir,
                              error=f"{type(exc).__name__}: {exc}"[:500],
                              error_file=_file_being_handled(exc.__traceback__))
        _write_crash_note(outdir, exc)
    finally:
        for handler in handlers:
            handler.removeFilter(naming)
    summary.seconds = time.perf_counter() - started
    return summary


def _write_crash_note(outdir: str, exc: BaseException) -> None:
    """The traceback beside the case's outputs (private, like them), for a bug report."""
    from chrono.files import atomic_write_text, ensure_private_dir

    with contextlib.suppress(OSError):
        ensure_private_dir(Path(outdir))
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        atomic_write_text(Path(outdir) / CRASH_NOTE, text)


def _logging_setup() -> tuple[bool, bool] | None:
    """(verbose, show text) when this process configured chrono's logging, for the workers."""
    from chrono import logs

    logger = logging.getLogger(logs.LOGGER_NAME)
    if not logger.handlers:
        return None
    return logger.isEnabledFor(logging.DEBUG), logs.showing_text()


def _worker_init(setup: tuple[bool, bool] | None, cfg: Config | None = None) -> None:
    """Workers log as the parent does (``chrono.logs.configure``), so -v means the same with -j,
    and keep the batch's configuration for every case they merge."""
    global _WORKER_CFG
    _WORKER_CFG = cfg
    from chrono import forked

    forked.ENABLED = False  # the workers keep every core busy: no second writer process each
    if setup is not None:
        from chrono.logs import configure

        configure(verbose=setup[0], show_text=setup[1])


# ----------------------------------------------------------------------- batch


def batch_config(root: Path, cfg: Config | None) -> Config:
    """The given configuration, else ``ROOT/chrono.toml`` when present, else the shipped one."""
    if cfg is not None:
        return cfg
    user = Path(root) / CONFIG_FILE
    return load_config(user if user.is_file() else None)


def _check_outroot(root: Path, outroot: Path, cases: list[Case]) -> list[Case]:
    """Drop OUTROOT itself from the cases; refuse outputs that would land inside a case's inputs."""
    from chrono.pipeline import InputError, check_outdir

    try:
        check_outdir([], outroot)  # a file, under a file, not writable: before any case runs
    except InputError as exc:
        raise BatchUsageError(str(exc)) from None
    out = outroot.resolve()
    if out == root.resolve():
        raise BatchUsageError(
            f"{outroot}: the outputs would be written into the case folders and read back next time. "
            "Give a separate output folder with -o."
        )
    kept = []
    for case in cases:
        path = case.path.resolve()
        if path == out:
            continue
        if path in out.parents:
            raise BatchUsageError(
                f"{outroot} is inside the case folder '{case.name}': its outputs would be read as submissions. "
                "Give an output folder outside the caseload folder."
            )
        kept.append(case)
    return kept


def run_batch(root: Path, outroot: Path, cfg: Config | None = None, options: CaseOptions | None = None,
              workers: int | None = os.cpu_count(),
              progress: Callable[[BatchProgress], None] | None = None) -> BatchResult:
    """Merge every case under ``root`` into ``outroot/<case>/`` and summarise them.

    ``workers=1`` runs in this process (no start-up cost, easy to debug); more
    run in separate processes. The caller writes the caseload files with
    :func:`chrono.report.caseload.write_caseload`.
    """
    from chrono.pipeline import _now

    started = time.perf_counter()
    root, outroot = Path(root), Path(outroot)
    cfg = batch_config(root, cfg)
    options = options or CaseOptions()
    if options.child_name or options.child_dob:
        raise BatchUsageError("a child's name or date of birth names one case: use `chrono merge` for that case.")
    cases = _check_outroot(root, outroot, find_cases(root))
    if not cases:
        raise BatchUsageError(f"{root}: no case folders found. Give the folder that holds one folder per child.")
    if all(_MONTH_FOLDER.match(c.name) for c in cases):
        raise BatchUsageError(
            f"{root} looks like one child's folder (its subfolders are months: "
            f"{', '.join(c.name for c in cases[:3])}). Use `chrono merge {root}` for one case."
        )
    names = safe_case_names(cases)
    jobs = [(c.name, str(c.path), str(outroot / names[c.name])) for c in cases]
    workers = max(1, min(workers or 1, len(jobs) or 1))

    state = BatchProgress(0, len(jobs), 0)
    report = progress or (lambda p: None)
    report(BatchProgress(**asdict(state)))
    summaries: list[CaseSummary] = []

    def finished(summary: CaseSummary) -> None:
        summaries.append(summary)
        state.cases_done += 1
        state.files_read += summary.files
        state.current_case = summary.case
        state.case_files = summary.files
        state.case_refused = len(summary.files_refused)
        state.case_status = summary.status
        report(BatchProgress(**asdict(state)))

    if workers == 1:
        _load_for_workers(cfg)  # once: each case's writer process is forked with it all loaded
        for name, path, outdir in jobs:
            finished(merge_one(name, path, outdir, cfg, options))
    else:
        _run_in_processes(jobs, cfg, options, workers, finished)

    return BatchResult(root=root, outroot=outroot, cases=attention_order(summaries), workers=workers,
                       seconds=time.perf_counter() - started, generated_at=_now(options).isoformat(),
                       config_files=list(cfg.files), area=cfg.area)


def _input_bytes(case_path: str) -> int:
    """The size of a case's files: a cheap guess at how long it takes."""
    total = 0
    for path in Path(case_path).rglob("*"):
        with contextlib.suppress(OSError):
            if path.is_file():
                total += path.stat().st_size
    return total


def _start_method() -> str:
    """``fork`` on Linux when no other thread runs here: the workers start at once with
    chrono loaded and its vocabulary compiled (a fresh fork server would import it all
    again first, one to two seconds that every worker waits for). Otherwise
    ``MP_START_METHOD``."""
    from chrono.forked import fork_is_safe

    if MP_START_METHOD != "spawn" and fork_is_safe():
        return "fork"
    return MP_START_METHOD


def _load_for_workers(cfg: Config) -> None:
    """Import what every worker needs and compile the batch's vocabulary once, here,
    so forked workers (and each case's forked writer, with one worker) share it
    instead of each doing it again."""
    import importlib

    from chrono.text.vocabulary import vocabulary_for

    for module in WORKER_PRELOAD:
        importlib.import_module(module)
    vocabulary_for(cfg)


def _run_in_processes(jobs: list[tuple[str, str, str]], cfg: Config, options: CaseOptions, workers: int,
                      finished: Callable[[CaseSummary], None]) -> None:
    """Run the jobs in a process pool; a case that kills its worker is retried alone, then reported."""
    method = _start_method()
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(WORKER_PRELOAD)
    elif method == "fork":
        _load_for_workers(cfg)
    setup = _logging_setup()
    broken: list[tuple[str, str, str]] = []
    # the largest cases first, so that no worker is left with a big one at the end
    jobs = sorted(jobs, key=lambda job: -_input_bytes(job[1]))
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init,
                                initargs=(setup, cfg)) as pool:
        futures = {pool.submit(merge_one, *job, None, options): job for job in jobs}
        try:
            for future in cf.as_completed(futures):
                job = futures[future]
                try:
                    finished(future.result())
                except cf.process.BrokenProcessPool:
                    broken.append(job)
                except Exception as exc:  # noqa: BLE001 - e.g. a result that would not unpickle
                    finished(CaseSummary(case=job[0], status="crashed", outdir=job[2],
                                         error=f"{type(exc).__name__}: {exc}"[:500]))
        except BaseException:
            # Ctrl-C or a failing progress callback: do not start the cases still queued.
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    # A worker died (out of memory, a crash in a C library): we cannot tell which
    # case did it, so each affected case gets a process of its own.
    for job in sorted(broken):
        with cf.ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_worker_init,
                                initargs=(setup, cfg)) as pool:
            try:
                finished(pool.submit(merge_one, *job, None, options).result())
            except Exception as exc:  # noqa: BLE001
                finished(CaseSummary(case=job[0], status="crashed", outdir=job[2],
                                     error=f"the worker process died ({type(exc).__name__}); "
                                           "the case may be too large or a file may crash a library"))


# -------------------------------------------------------------------- progress


@contextlib.contextmanager
def rich_progress(quiet: bool = False) -> Iterator[Callable[[BatchProgress], None]]:
    """A progress callback: a rich bar on a terminal, plain lines otherwise (or when quiet)."""
    if quiet or not sys.stderr.isatty():
        def plain(p: BatchProgress) -> None:
            if p.cases_done:
                refused = f", {p.case_refused} refused" if p.case_refused else ""
                print(f"[{p.cases_done}/{p.cases_total}] {p.current_case}: {p.case_files} files{refused}, "
                      f"{p.case_status}", file=sys.stderr, flush=True)

        yield plain
        return

    from rich.console import Console
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("[bold]cases"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[case]}"), TextColumn("{task.fields[files]}"),
                   TimeElapsedColumn(), console=Console(stderr=True), transient=False,
                   auto_refresh=False)  # no refresh thread: workers can then be forked (_start_method)
    with bar:
        task = bar.add_task("cases", total=None, files="", case="")

        def update(p: BatchProgress) -> None:
            files = f"{p.case_files} files, {p.case_status}" if p.cases_done else ""
            bar.update(task, total=p.cases_total, completed=p.cases_done, files=files,
                       case=escape(p.current_case), refresh=True)

        yield update
