"""The whole job for one case: read -> normalise -> merge -> detect -> report.

>>> from chrono.pipeline import merge_case
>>> # outcome = merge_case(["cases/jayden"], "out/jayden")
>>> # outcome.exit_code, outcome.written
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Sequence

from chrono.config import Config, load_config
from chrono.model import Child, Chronology, FileReport, ReadResult, Rejected, Row

log = logging.getLogger("chrono")

#: Files chrono itself keeps beside the submissions; never read as a submission.
DECISIONS_FILE = "chrono-decisions.csv"
CONFIG_FILE = "chrono.toml"
OWN_FILES = {DECISIONS_FILE, CONFIG_FILE}

ALL_FORMATS = ("json", "docx", "xlsx", "png")


class InputError(ValueError):
    """Nothing to merge: the message says what was given and what to do."""


@dataclass
class CaseOptions:
    """Everything a merge can be told, with the defaults a key worker expects."""

    child_name: str | None = None
    child_dob: dt.date | None = None
    password: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    since_last_conference: bool = False
    parents_copy: bool = False
    formats: tuple[str, ...] = ALL_FORMATS
    expected_agencies: list[str] | None = None
    now: dt.datetime | None = None


@dataclass
class MergeOutcome:
    chronology: Chronology
    written: list[Path] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 all read; 1 finished but some files refused or rows rejected (contract)."""
        refused = any(f.status != "ok" for f in self.chronology.files)
        return 1 if refused or self.chronology.rejected else 0


def _now(options: CaseOptions) -> dt.datetime:
    if options.now:
        return options.now
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def discover_inputs(inputs: Sequence[str | Path], skipped: list[tuple[str, str]] | None = None) -> list[tuple[Path, str]]:
    """Every submission named or found under a folder, minus chrono's own files.

    What is passed over (Office lock files, system files) is appended to
    ``skipped`` as (name, reason), so that nothing is dropped unseen.
    """
    from chrono.read import discover

    paths = [Path(p) for p in inputs]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise InputError(f"no such file or folder: {', '.join(missing)}. Check the path and try again.")
    passed_over: list[tuple[str, str]] = []
    found = [(p, name) for p, name in discover(paths, skipped=passed_over) if p.name not in OWN_FILES]
    if skipped is not None:
        skipped.extend(passed_over)
    if not found:
        raise InputError(
            f"no files found in {', '.join(str(p) for p in paths)}. "
            "Give the folder holding the agencies' chronologies (.docx, .xlsx, .csv)."
        )
    return found


def read_inputs(found: Iterable[tuple[Path, str]], cfg: Config, password: str | None = None) -> list[ReadResult]:
    """Read every file; a refused file comes back as a report with its reason."""
    from chrono.read import read_file

    results = []
    budget = int(cfg.section("limits").get("max_case_text_chars", 200_000_000))
    used = 0
    for path, name in found:
        log.info("reading %s", name)
        result = read_file(path, name, cfg, password=password)
        used += _charge_case(result, used, budget)
        results.append(result)
    return results


def _charge_case(result: ReadResult, used: int, budget: int) -> int:
    """The text ``result`` adds to the case, or 0 after refusing the file that would pass the case budget.

    The whole case is held in memory through merge and report; one file past
    ``limits.max_case_text_chars`` is refused by name, and the case goes on.
    """
    size = sum(len(v) for row in result.rows for v in row.cells.values())
    if used + size <= budget:
        return size
    result.report.refuse(
        f"refused: with this file the case's entries would hold {used + size:,} characters, above "
        f"limits.max_case_text_chars ({budget:,}); merge it in a case of its own, or ask the sender "
        "for the period under review only"
    )
    result.rows = []
    return 0


def _mark_confidential(rows: list[Row], cfg: Config) -> None:
    """Entries an agency marked confidential or third-party (000:928, 000:768)."""
    privacy = cfg.section("privacy")
    columns = {c.casefold() for c in privacy.get("columns", [])}
    truthy = {t.casefold() for t in privacy.get("truthy", [])}
    markers = [m.casefold() for m in privacy.get("markers", [])]
    for row in rows:
        for heading, value in {**row.raw, **row.extra}.items():
            if heading.strip().casefold() in columns and value.strip().casefold() in truthy:
                row.confidential = True
        text = " ".join((row.event, row.outcome, row.comments, row.who)).casefold()
        if any(m in text for m in markers):
            row.confidential = True


def _period(events, options: CaseOptions) -> tuple[dt.date | None, dt.date | None]:
    """12 months to the latest dated entry, unless the user says otherwise."""
    dated = [e.date for e in events if e.date]
    if not dated:
        return options.since, options.until
    until = options.until or max(dated)
    if options.since:
        return options.since, until
    if options.since_last_conference:
        conferences = [e.date for e in events
                       if {"icpc", "review_conference"} & set(e.categories) and e.date <= until]
        if conferences:
            return max(conferences), until
    try:
        since = until.replace(year=until.year - 1)
    except ValueError:  # 29 February
        since = until.replace(year=until.year - 1, day=28)
    return since, until


def load_previous(outdir: Path) -> dict | None:
    """The last merge written to ``outdir``, for stable ids and 'what changed'."""
    path = Path(outdir) / "chronology.json"
    try:
        return json.loads(path.read_text("utf-8"))
    except (FileNotFoundError, ValueError, OSError):
        return None


def decisions_path(inputs: Sequence[str | Path], outdir: Path | None) -> Path | None:
    """The case folder's decisions file (or OUTDIR's when files were named one by one)."""
    folders = [Path(p) for p in inputs if Path(p).is_dir()]
    if len(folders) == 1:
        return folders[0] / DECISIONS_FILE
    return Path(outdir) / DECISIONS_FILE if outdir else None


def build_chronology(inputs: Sequence[str | Path], cfg: Config | None = None,
                     options: CaseOptions | None = None, previous: dict | None = None,
                     decisions: dict[str, str] | None = None) -> Chronology:
    """Read, normalise, merge and flag one case; no outputs are written."""
    from chrono.detect import find_flags, tag_events
    from chrono.merge import merge_rows
    from chrono.normalise import normalise_file
    from chrono.normalise.agencies import AgencyResolver
    from chrono.normalise.identity import choose_child, mismatch

    cfg = cfg or load_config()
    options = options or CaseOptions()
    now = _now(options)
    skipped: list[tuple[str, str]] = []
    results = read_inputs(discover_inputs(inputs, skipped), cfg, options.password)
    resolver = AgencyResolver(cfg)

    accepted = [r for r in results if r.report.status == "ok"]
    child = choose_child([r.report for r in accepted], options.child_name, options.child_dob)
    for result in accepted:
        reason = mismatch(result.report.heading, child)
        if reason:
            log.warning("%s: refused: different child", result.report.file)
            result.report.refuse(reason)
            result.rows = []

    rows: list[Row] = []
    rejected: list[Rejected] = []
    for result in results:
        report = result.report
        if report.status != "ok":
            result.rows = []
            continue
        file_rows, file_rejected = normalise_file(result, cfg, resolver=resolver, today=now.date())
        if not report.agency and file_rows:
            report.agency = Counter(r.agency for r in file_rows).most_common(1)[0][0]
        if not report.author:
            report.author = report.heading.author
        rows.extend(file_rows)
        rejected.extend(file_rejected)

    _mark_confidential(rows, cfg)
    merged = merge_rows(rows, cfg, decisions=decisions, previous=previous)
    events = tag_events(merged.events, cfg)
    period_from, period_to = _period(events, options)
    files = sorted((r.report for r in results), key=lambda f: f.file)
    chron = Chronology(
        child=child,
        period_from=period_from,
        period_to=period_to,
        files=files,
        events=events,
        rejected=sorted(rejected, key=lambda r: r.provenance.sort_key()),
        review=merged.review,
        changes=merged.changes,
        generated_at=now.isoformat(),
        area=cfg.area,
        warnings=[f"{name}: not read ({reason})" for name, reason in skipped],
    )
    chron.flags = find_flags(chron, cfg)
    return chron


def _same_content(current: dict, previous: dict) -> bool:
    volatile = ("generated_at", "changes")
    strip = lambda d: {k: v for k, v in d.items() if k not in volatile}  # noqa: E731
    return strip(current) == strip(previous)


_UNREAD = object()

#: Every output a merge may publish (the names the next run checks for a mixed set).
OUTPUT_NAMES = ("chronology.json", "appendix.docx", "appendix-parents-copy.docx", "chronology.xlsx", "timeline.png")


def write_outputs(chron: Chronology, outdir: Path, cfg: Config, options: CaseOptions,
                  previous: dict | None | object = _UNREAD) -> list[Path]:
    """Every requested output, published together under one lock.

    The outputs are written in full to a staging folder inside ``outdir`` and
    only then moved into place (:class:`chrono.files.Publication`), so a run
    that fails part-way leaves the last good set untouched. A set left mixed by
    a run killed while moving them in, and stale temporary files, are found,
    cleaned and reported in ``chron.warnings``. An operating-system error on
    the way (read-only or full disk) becomes :class:`chrono.files.OutputError`,
    one line naming the folder.

    ``previous`` is the chronology.json already in ``outdir`` when the caller
    has read it (``merge_case`` has); otherwise it is read here.
    """
    from chrono.files import OutputError, Publication, ensure_private_dir, output_error

    outdir = Path(outdir)
    try:
        ensure_private_dir(outdir)
        with Publication(outdir, OUTPUT_NAMES) as pub:
            if pub.interrupted:
                log.warning("%s: an earlier run was interrupted; its outputs are replaced", outdir)
                chron.warnings.append(
                    "the outputs in this folder had been left incomplete by an interrupted run ("
                    + "; ".join(pub.interrupted) + "): every output is written afresh by this run")
            _write_staged(chron, outdir, cfg, options, previous, pub)
            return pub.publish()
    except OutputError:
        raise
    except OSError as exc:
        raise output_error(exc, outdir) from None


def _write_staged(chron: Chronology, outdir: Path, cfg: Config, options: CaseOptions,
                  previous: dict | None | object, pub) -> None:
    from chrono.report import jsonout

    if previous is _UNREAD:
        previous = load_previous(outdir)
    if previous is not None and _same_content(jsonout.to_dict(chron), previous):
        # Nothing changed since the last merge: keep its timestamp and its
        # account of what changed, so re-running leaves the outputs byte-identical.
        chron.generated_at = previous.get("generated_at", chron.generated_at)
        chron.changes = jsonout.from_dict(previous).changes
    if "json" in options.formats:
        from chrono.files import atomic_write_text

        atomic_write_text(pub.stage("chronology.json"), jsonout.dumps(chron))
    # The parents' copy gets its own picture, drawn without withheld entries,
    # and never replaces the key worker's timeline.png.
    keep_chart = "png" in options.formats and not options.parents_copy
    chart_path = pub.stage("timeline.png") if keep_chart else pub.staging / "timeline-for-appendix.png"
    since = chron.period_from if (options.since or options.since_last_conference) else None
    if keep_chart or "docx" in options.formats:
        from chrono.report.chart import write_chart

        write_chart(chron, chart_path, since=since, until=options.until, parents_copy=options.parents_copy)
    if "docx" in options.formats:
        from chrono.report.docx import write_appendix

        name = "appendix-parents-copy.docx" if options.parents_copy else "appendix.docx"
        write_appendix(chron, pub.stage(name), cfg, parents_copy=options.parents_copy, chart=chart_path,
                       since=since, until=options.until, expected_agencies=options.expected_agencies)
    if "xlsx" in options.formats:
        from chrono.report.xlsx import write_workbook

        write_workbook(chron, pub.stage("chronology.xlsx"), cfg)


def expected_agencies(cfg: Config, inputs: Sequence[str | Path]) -> list[str]:
    """Agencies the local authority expects every month: ``[agencies.expected]``.

    ``all`` applies to every case; an entry named like the case folder adds
    that child's own (``"Jayden Smith" = ["Police", "School"]``).
    """
    table = cfg.section("agencies").get("expected", {})
    wanted = list(table.get("all", []))
    folders = [Path(p) for p in inputs if Path(p).is_dir()]
    if len(folders) == 1:
        wanted += [a for a in table.get(folders[0].resolve().name, []) if a not in wanted]
    return wanted


def merge_case(inputs: Sequence[str | Path], outdir: str | Path, cfg: Config | None = None,
               options: CaseOptions | None = None) -> MergeOutcome:
    """Merge one case's submissions and write the outputs to ``outdir``.

    A month later, merging into the same ``outdir`` keeps event ids stable and
    reports what is new, edited or gone (see ``Chronology.changes``).
    """
    from chrono.files import OutputLock, ensure_private_dir
    from chrono.merge.review import load_decisions

    cfg = cfg or load_config()
    options = options or CaseOptions()
    if options.expected_agencies is None:
        options = replace(options, expected_agencies=expected_agencies(cfg, inputs) or None)
    outdir = Path(outdir)
    ensure_private_dir(outdir)
    with OutputLock(outdir):
        previous = load_previous(outdir)
        decisions: dict[str, str] = {}
        for dpath in (decisions_path(inputs, outdir), outdir / DECISIONS_FILE):
            if dpath and dpath.exists():
                decisions.update(load_decisions(dpath))
        chron = build_chronology(inputs, cfg, options, previous=previous, decisions=decisions)
        written = write_outputs(chron, outdir, cfg, options, previous)
    return MergeOutcome(chron, written)
