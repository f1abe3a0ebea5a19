"""The whole job for one case: read -> normalise -> annotate -> merge -> detect -> report.

>>> from chrono.pipeline import merge_case
>>> # outcome = merge_case(["cases/jayden"], "out/jayden")
>>> # outcome.exit_code, outcome.written
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import os
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Sequence

from chrono.config import Config, load_config
from chrono.forked import Warm, beside, warm
from chrono.model import Child, Chronology, FileReport, Heading, ReadResult, Rejected, Row
from chrono.own import RUN_OUTPUTS

log = logging.getLogger("chrono")

#: Files chrono itself keeps beside the submissions; never read as a submission.
DECISIONS_FILE = "chrono-decisions.csv"
CONFIG_FILE = "chrono.toml"
OWN_FILES = {DECISIONS_FILE, CONFIG_FILE}

ALL_FORMATS = ("json", "docx", "xlsx", "png", "html")


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
    #: a password per protected file (resolved path -> password), asked for one by one
    passwords: dict[str, str] = field(default_factory=dict)
    #: a family chronology: every child of the conference as (name, DOB), from ``--child``/``--dob``
    #: repeated or ``[[children]]`` of the case's chrono.toml (see ``chrono.family``); two or more
    children: list[tuple[str, dt.date | None]] = field(default_factory=list)
    #: how the children were declared, in words ("given with --child and --dob", "listed in chrono.toml")
    children_basis: str = ""
    #: earlier merged chronologies (chrono's chronology.json or chronology.xlsx) read back as
    #: sources with their provenance (``chrono.read.composite``), from ``--previous``
    previous: list[Path] = field(default_factory=list)


@dataclass
class MergeOutcome:
    chronology: Chronology
    written: list[Path] = field(default_factory=list)
    #: the last merge into the same folder had exactly this content (its outputs are kept as they were)
    unchanged_since: str = ""

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

    What is passed over (Office lock files, system files, chrono's own
    outputs and lock) is appended to ``skipped`` as (name, reason), so that
    nothing is dropped unseen.
    """
    from chrono.own import own_output_reason
    from chrono.read import discover

    paths = [Path(p) for p in inputs]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise InputError(f"no such file or folder: {', '.join(missing)}. Check the path and try again.")
    passed_over: list[tuple[str, str]] = []
    try:
        listed = discover(paths, skipped=passed_over)
    except OSError as exc:
        raise InputError(f"cannot read {exc.filename or ', '.join(map(str, paths))}: "
                         f"{exc.strerror or exc}. Check the folder's permissions and try again.") from None
    # what discovery passed over as hidden or temporary may be chrono's own (its lock, a staging
    # folder's file): say so rather than "a hidden file"
    folders = [p for p in paths if p.is_dir()]
    for k, (name, reason) in enumerate(passed_over):
        ours = next((r for r in (own_output_reason(f / name) for f in folders) if r), None) if folders else \
            own_output_reason(Path(name))
        if ours:
            passed_over[k] = (name, ours)
    found = []
    for p, name in listed:
        reason = "chrono's own file, not a submission" if p.name in OWN_FILES else own_output_reason(p)
        if reason:
            passed_over.append((name, reason))
        else:
            found.append((p, name))
    if skipped is not None:
        skipped.extend(passed_over)
    if not found:
        raise InputError(
            f"no files found in {', '.join(str(p) for p in paths)}. "
            "Give the folder holding the agencies' chronologies (.docx, .xlsx, .csv)."
        )
    return found


def protected_files(found: Iterable[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """Word/Excel files that are password-protected (an encrypted container), to ask for each password."""
    from chrono.read.decrypt import is_ole

    out = []
    for path, name in found:
        if path.suffix.lower() not in (".docx", ".xlsx", ".docm", ".xlsm"):
            continue
        try:
            with open(path, "rb") as fh:
                head = fh.read(8)
        except OSError:
            continue
        if is_ole(head):
            out.append((path, name))
    return out


def check_outdir(inputs: Sequence[str | Path], outdir: str | Path) -> list[str]:
    """Refuse an output folder that cannot be one; warn when it sits inside the inputs.

    Raises :class:`InputError` (a usage error) when OUTDIR is a file, is under
    a file, cannot be created or written, or *is* one of the input folders
    (its outputs would be read back as submissions). Returns warnings.
    """
    outdir = Path(outdir)
    target = outdir.resolve()
    warnings: list[str] = []
    for given in inputs:
        p = Path(given)
        if not p.exists():
            continue
        src = p.resolve()
        if p.is_file() and src == target:
            raise InputError(f"-o {outdir} is an input file: give a folder for the outputs")
        if src == target:
            raise InputError(f"-o {outdir} is the input folder itself: chrono would read its own outputs back "
                             "as submissions. Give a separate output folder, e.g. -o out/")
        if p.is_dir() and src in target.parents:
            warnings.append(f"the output folder {outdir} is inside the input folder {p}: chrono skips its own "
                            "outputs when reading, but keep outputs outside the case folder (e.g. -o out/)")
    if outdir.exists() and not outdir.is_dir():
        raise InputError(f"-o {outdir} is a file, not a folder: give a folder for the outputs (it is created if needed)")
    probe = outdir
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise InputError(f"-o {outdir} cannot be created: {probe} is a file, not a folder")
    if probe.exists() and not os.access(probe, os.W_OK | os.X_OK):
        raise InputError(f"-o {outdir}: cannot write to {probe} (permission denied). "
                         "Choose a folder you can write to")
    return warnings


#: progress(name, done, total): called before each file is read (the CLI draws a bar)
Progress = Callable[[str, int, int], None]


def read_inputs(found: Iterable[tuple[Path, str]], cfg: Config, password: str | None = None,
                passwords: dict[str, str] | None = None, progress: Progress | None = None) -> list[ReadResult]:
    """Read every file; a refused file comes back as a report with its reason."""
    from chrono.read import read_file

    found = list(found)
    results = []
    budget = int(cfg.section("limits").get("max_case_text_chars", 200_000_000))
    used = 0
    for k, (path, name) in enumerate(found):
        if progress:
            progress(name, k, len(found))
        log.info("reading %s", name)
        key = str(Path(path).resolve())
        result = read_file(path, name, cfg, password=(passwords or {}).get(key, password))
        used += _charge_case(result, used, budget)
        results.append(result)
    if progress:
        progress("", len(found), len(found))
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


class IdentityError(InputError):
    """The child cannot be settled safely (wrong ``--child``/``--dob``, or no heading names anyone)."""


def settle_identity(results: list[ReadResult], name: str | None = None, dob: dt.date | None = None,
                    children: list[Child] | None = None, basis_given: str = "declared"):
    """Choose the case's child, refuse every file about another child, and warn on the rest.

    ``children`` (two or more, from :func:`chrono.family.declare`) makes it a
    family chronology: a file about any of them is accepted, anyone else's refused
    (:func:`chrono.family.settle_family`).

    Shared by ``merge`` and ``check``. Raises :class:`IdentityError` before
    anything is written when ``--child``/``--dob`` match no heading while the
    headings name a child, or when no file names the child and none was given.
    Sets ``identity_warning`` on each accepted file that does not fully say
    who it is about. Returns the :class:`chrono.normalise.identity.Identity`.
    """
    from chrono.family import settle_family, single_mismatch as mismatch
    from chrono.normalise.identity import identify, identity_warning

    accepted = [r for r in results if r.report.status == "ok"]
    if children and len(children) > 1:
        identity = settle_family([r.report for r in accepted], children, basis_given)
        if identity.conflict:
            raise IdentityError(identity.conflict)
        for result in accepted:
            if result.report.status != "ok":
                result.rows = []
        return identity
    if children:
        name, dob = children[0].name, children[0].dob
    identity = identify([r.report for r in accepted], name, dob)
    if identity.conflict:
        raise IdentityError(identity.conflict)
    if not identity.child.name and not identity.child.dob and accepted:
        raise IdentityError(
            f"none of the {len(accepted)} readable file{'s' if len(accepted) != 1 else ''} says which child "
            "it is about (no heading with a name or date of birth), so chrono will not guess: give the child "
            "with --child \"First SURNAME\" --dob DD/MM/YYYY, or add the template heading to the files")
    for result in accepted:
        report = result.report
        reason = mismatch(report.heading, identity.child)
        if reason:
            log.warning("%s: refused: different child", report.file)
            report.refuse(reason)
            result.rows = []
            # no output names another child: keep who sent it, drop whom it is about
            report.heading = Heading(agency=report.heading.agency, author=report.heading.author)
            continue
        warning = identity_warning(report.heading, identity.child)
        if warning:
            report.identity_warning = warning
            if warning not in report.warnings:
                report.warnings.append(warning)
    return identity


def build_chronology(inputs: Sequence[str | Path], cfg: Config | None = None,
                     options: CaseOptions | None = None, previous: dict | None = None,
                     decisions: dict[str, str] | None = None, progress: Progress | None = None) -> Chronology:
    """Read, normalise, merge and flag one case; no outputs are written.

    Raises :class:`IdentityError` when the child cannot be settled safely.
    """
    from chrono.detect import find_flags, tag_events
    from chrono.merge import merge_rows
    from chrono.normalise import normalise_file
    from chrono.normalise.agencies import AgencyResolver
    from chrono.text import annotate_rows

    cfg = cfg or load_config()
    options = options or CaseOptions()
    if not (options.children or options.child_name or options.child_dob):
        options = with_case_children(options, inputs, cfg)
    now = _now(options)
    skipped: list[tuple[str, str]] = []
    found = discover_inputs(inputs, skipped)
    in_folder = previous_in_case(inputs)
    if in_folder and not options.previous:
        options = replace(options, previous=in_folder)
        # last period's own outputs beside it (its appendix, chart, page) are no submissions either
        skipped = [(n, r) for n, r in skipped
                   if not (n.replace("\\", "/").startswith("previous/") and "chrono" in r)]
    results = read_inputs(found, cfg, options.password, options.passwords, progress)
    resolver = AgencyResolver(cfg)
    family = declared_children(options)
    identity = settle_identity(results, options.child_name, options.child_dob, family,
                               options_basis(options))
    child = identity.child
    if len(family) < 2:
        family = []
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
        if family:
            from chrono.family import assign_rows

            assign_rows(file_rows, report, family)
        rows.extend(file_rows)
        rejected.extend(file_rejected)

    from chrono.normalise.headings import before_birth_warnings, reconcile_headings

    if family:
        # per child: the headings about that child alone; entries before that child's birth
        reading_warnings = []
        for kid in family:
            own = [r.report for r in results if r.report.status == "ok" and r.report.children == [kid.id]]
            reading_warnings += reconcile_headings(own, kid)
            reading_warnings += before_birth_warnings([r for r in rows if r.children == [kid.id]], kid.dob, cfg)
        # an entry about several children: before the eldest's birth
        born = {k.id: k.dob for k in family if k.dob}
        for ids in dict.fromkeys(tuple(r.children) for r in rows if len(r.children) > 1):
            dobs = [born[i] for i in ids if i in born]
            if dobs:
                reading_warnings += before_birth_warnings([r for r in rows if tuple(r.children) == ids], min(dobs), cfg)
        if not child.address:
            child.address = next((k.address for k in family if k.address), "")
    else:
        reading_warnings = reconcile_headings([r.report for r in results if r.report.status == "ok"], child)
        reading_warnings += before_birth_warnings(rows, child.dob, cfg)
    composite_files, composite_rows = read_previous_chronologies(options, family, child)
    rows.extend(composite_rows)
    _mark_confidential(rows, cfg)
    annotate_rows(rows, cfg)
    merged = merge_rows(rows, cfg, decisions=decisions, previous=previous)
    events = tag_events(merged.events, cfg)
    period_from, period_to = _period(events, options)
    files = sorted([r.report for r in results] + composite_files, key=lambda f: f.file)
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
        warnings=[f"{name}: not read ({reason}){_import_hint(name)}" for name, reason in skipped] + reading_warnings,
        child_basis=identity.basis,
        children=family,
    )
    chron.flags = find_flags(chron, cfg)
    return chron


def _import_hint(name: str) -> str:
    """For an earlier merge's chronology.json/.xlsx left among the submissions: how to import it."""
    if Path(name).name in ("chronology.json", "chronology.xlsx"):
        return ("; to merge last period's chronology with these submissions, put it in a previous/ "
                "folder of the case or give it with --previous")
    return ""


def previous_in_case(inputs: Sequence[str | Path]) -> list[Path]:
    """A case folder's ``previous/chronology.json`` (else ``previous/chronology.xlsx``): last period's merge."""
    from chrono.read.composite import PREVIOUS_FOLDER

    out = []
    for given in inputs:
        folder = Path(given) / PREVIOUS_FOLDER
        if Path(given).is_dir() and folder.is_dir():
            for name in ("chronology.json", "chronology.xlsx"):
                if (folder / name).is_file():
                    out.append(folder / name)
                    break
    return out


def with_case_children(options: CaseOptions, inputs: Sequence[str | Path], cfg: Config) -> CaseOptions:
    """The children declared in ``[[children]]`` of the configuration, else of the case folder's own
    chrono.toml (``chrono batch`` reads only the root's): two or more make a family chronology."""
    import tomllib

    from chrono.family import FamilyError, children_from_config

    entries, where = cfg.children, cfg.sources.get("children", CONFIG_FILE)
    folders = [Path(p) for p in inputs if Path(p).is_dir()]
    if not entries and len(folders) == 1 and (folders[0] / CONFIG_FILE).is_file():
        where = str(folders[0] / CONFIG_FILE)
        try:
            entries = tomllib.loads((folders[0] / CONFIG_FILE).read_text("utf-8")).get("children") or []
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise InputError(f"{where}: not valid TOML ({exc}). Fix the file.") from None
    if not entries:
        return options
    try:
        pairs = children_from_config(entries, where)
    except FamilyError as exc:
        raise InputError(str(exc)) from None
    if len(pairs) == 1:
        return replace(options, child_name=pairs[0][0], child_dob=pairs[0][1])
    return replace(options, children=pairs, children_basis="listed in chrono.toml")


def declared_children(options: CaseOptions) -> list[Child]:
    """The children declared for the conference (ids C1, C2, ...); [] when none were."""
    from chrono.family import FamilyError, declare

    try:
        return declare(list(options.children)) if options.children else []
    except FamilyError as exc:
        raise InputError(str(exc)) from None


def options_basis(options: CaseOptions) -> str:
    return options.children_basis or "given with --child and --dob"


def read_previous_chronologies(options: CaseOptions, family: list[Child],
                               child: Child | None = None) -> tuple[list[FileReport], list[Row]]:
    """Earlier merged chronologies given with ``--previous``: their accounts as rows with their provenance.

    The different-child guard applies to them as to a submission: one about a
    child who is not the case's (or not one of the family's) is refused, unnamed.
    """
    from chrono.family import match_heading, single_mismatch
    from chrono.normalise.identity import UNCHECKED
    from chrono.read.composite import CompositeError, read_composite

    reports: list[FileReport] = []
    rows: list[Row] = []
    for path in options.previous:
        try:
            report, found = read_composite(Path(path), family)
        except CompositeError as exc:
            raise InputError(str(exc)) from None
        heading = report.heading
        if not (heading.name or heading.dob):
            reason = UNCHECKED
        elif family:
            reason = match_heading(heading, family)[1]
        else:
            reason = single_mismatch(heading, child or Child())
        if reason:
            log.warning("%s: refused: different child", report.file)
            report.refuse(reason)
            report.heading, report.rows_read, report.warnings = Heading(), 0, []
            found = []
        reports.append(report)
        rows.extend(found)
    return reports, rows


#: What a re-merge of unchanged submissions writes differently: when; and what changed since last time.
_VOLATILE = ("generated_at", "changes")


def _same_content(chron: Chronology, previous: dict) -> bool:
    """The last merge's chronology.json says what this one would, but for when and what changed.
    Compared an event at a time, stopping at the first difference (``jsonout.same_content``)."""
    from chrono.report import jsonout

    return jsonout.same_content(chron, previous, ignore=_VOLATILE)


_UNREAD = object()

#: Every output a merge may publish (the names the next run checks for a mixed set).
OUTPUT_NAMES = RUN_OUTPUTS


def write_outputs(chron: Chronology, outdir: Path, cfg: Config, options: CaseOptions,
                  previous: dict | None | object = _UNREAD, document: dict | None = None,
                  pictures: Warm | None = None) -> list[Path]:
    """Every requested output, published together under one lock.

    The outputs are written in full to a staging folder inside ``outdir`` and
    only then moved into place (:class:`chrono.files.Publication`), so a run
    that fails part-way leaves the last good set untouched. A set left mixed by
    a run killed while moving them in, and stale temporary files, are found,
    cleaned and reported in ``chron.warnings``. An operating-system error on
    the way (read-only or full disk) becomes :class:`chrono.files.OutputError`,
    one line naming the folder.

    ``previous`` is the chronology.json already in ``outdir`` when the caller
    has read it (``merge_case`` has); otherwise it is read here. ``document``,
    when given, is published as chronology.json as it is (an anonymised or
    personalised copy keeps every field it was given). ``pictures``: a warm child
    process (:func:`chrono.forked.warm`) to write the timeline and appendix.
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
            _write_staged(chron, outdir, cfg, options, previous, pub, document, pictures)
            written = pub.publish()
        if not options.parents_copy and "json" in options.formats:
            from chrono.report.docx import parents_files

            for stale in parents_files(outdir):  # a re-merge: an old parents' copy must not sit beside it
                stale.unlink(missing_ok=True)
        return written
    except OutputError:
        raise
    except OSError as exc:
        raise output_error(exc, outdir) from None


def _write_staged(chron: Chronology, outdir: Path, cfg: Config, options: CaseOptions,
                  previous: dict | None | object, pub, document: dict | None = None,
                  pictures: Warm | None = None) -> None:
    from chrono.report.style import shared_facts

    with shared_facts():  # each event's accounts worked out once for every writer
        _write_each(chron, outdir, cfg, options, previous, pub, document, pictures)


def _write_each(chron: Chronology, outdir: Path, cfg: Config, options: CaseOptions,
                previous: dict | None | object, pub, document: dict | None = None,
                pictures: Warm | None = None) -> None:
    from chrono.report import jsonout

    if previous is _UNREAD:
        previous = load_previous(outdir)
    if previous is not None and _same_content(chron, previous):
        # Nothing changed since the last merge: keep its timestamp and its
        # account of what changed, so re-running leaves the outputs byte-identical.
        chron.generated_at = previous.get("generated_at", chron.generated_at)
        chron.changes = jsonout.from_dict(previous).changes
    json_path = pub.stage("chronology.json") if "json" in options.formats else None  # published first
    # The parents' copy gets its own picture, drawn without withheld entries,
    # and never replaces the key worker's timeline.png.
    keep_chart = "png" in options.formats and not options.parents_copy
    chart = pub.stage("timeline.png") if keep_chart else pub.staging / "timeline-for-appendix.png"
    appendix = withheld = None
    if "docx" in options.formats:
        from chrono.report.docx import PARENTS_COPY_FILE, WITHHELD_LIST_FILE

        appendix = pub.stage(PARENTS_COPY_FILE if options.parents_copy else "appendix.docx")
        # the chair's list of what the parents' copy leaves out, beside it
        withheld = pub.stage(WITHHELD_LIST_FILE) if options.parents_copy else None
    # The timeline and the appendix (which shows it) are written by a second process
    # while this one writes the rest: a two-core machine writes both halves at once.
    work = functools.partial(_write_chart_and_appendix, chron, cfg, options,
                             chart if keep_chart or appendix else None, appendix, withheld)
    with (pictures.submit(work) if pictures is not None else beside(work)) as job:
        if json_path is not None and document is not None:
            from chrono.files import atomic_write_text

            atomic_write_text(json_path, json.dumps(document, ensure_ascii=False, indent=1) + "\n")
        elif json_path is not None:
            jsonout.write_json(chron, json_path)  # streamed: no giant string for a huge case
        if "html" in options.formats:
            from chrono.report.html import PAGE, PARENTS_COPY_PAGE, write_page

            write_page(chron, pub.stage(PARENTS_COPY_PAGE if options.parents_copy else PAGE), cfg,
                       parents_copy=options.parents_copy)
        if "xlsx" in options.formats:
            from chrono.report.xlsx import write_workbook

            write_workbook(chron, pub.stage("chronology.xlsx"), cfg)
        job.join()


def _write_chart_and_appendix(chron: Chronology, cfg: Config, options: CaseOptions, chart: Path | None,
                              appendix: Path | None, withheld: Path | None) -> None:
    """The timeline picture, then the appendix that shows it (and the chair's withheld list)."""
    since = chron.period_from if (options.since or options.since_last_conference) else None
    if chart is not None:
        from chrono.report.chart import write_chart

        write_chart(chron, chart, since=since, until=options.until, parents_copy=options.parents_copy, cfg=cfg)
    if appendix is not None:
        from chrono.report.docx import write_appendix, write_withheld_list

        write_appendix(chron, appendix, cfg, parents_copy=options.parents_copy, chart=chart,
                       since=since, until=options.until, expected_agencies=options.expected_agencies)
    if withheld is not None:
        write_withheld_list(chron, withheld, cfg, since=since, until=options.until)


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
               options: CaseOptions | None = None, progress: Progress | None = None) -> MergeOutcome:
    """Merge one case's submissions and write the outputs to ``outdir``.

    A month later, merging into the same ``outdir`` keeps event ids stable and
    reports what is new, edited or gone (see ``Chronology.changes``).
    """
    cfg = cfg or load_config()
    options = options or CaseOptions()
    if options.expected_agencies is None:
        options = replace(options, expected_agencies=expected_agencies(cfg, inputs) or None)
    outdir = Path(outdir)
    warnings = check_outdir(inputs, outdir)
    # the writers of the timeline and appendix load their libraries while the case is read
    pictures = warm(PICTURE_MODULES) if {"png", "docx"} & set(options.formats) else None
    try:
        return _merge_case(inputs, outdir, cfg, options, progress, warnings, pictures)
    finally:
        if pictures is not None:
            pictures.close()


#: What the process writing the timeline and the appendix imports.
PICTURE_MODULES = ("chrono.report.chart", "chrono.report.docx")


def _merge_case(inputs: Sequence[str | Path], outdir: Path, cfg: Config, options: CaseOptions,
                progress: Progress | None, warnings: list[str], pictures: Warm | None) -> MergeOutcome:
    from chrono.files import OutputLock, ensure_private_dir
    from chrono.merge.review import load_decisions

    def build() -> tuple[Chronology, dict | None]:
        previous = load_previous(outdir)
        decisions: dict[str, str] = {}
        for dpath in (decisions_path(inputs, outdir), outdir / DECISIONS_FILE):
            if dpath and dpath.exists():
                decisions.update(load_decisions(dpath))
        chron = build_chronology(inputs, cfg, options, previous=previous, decisions=decisions, progress=progress)
        chron.warnings[:0] = warnings
        return chron, previous

    if outdir.is_dir():
        # an existing folder: hold its lock for the whole run (another run is refused straight away)
        with OutputLock(outdir):
            chron, previous = build()
            written = write_outputs(chron, outdir, cfg, options, previous, pictures=pictures)
            if previous and chron.generated_at == previous.get("generated_at"):
                return MergeOutcome(chron, written, unchanged_since=chron.generated_at)
    else:
        # nothing is created until the child is settled and the case is read
        chron, _ = build()
        ensure_private_dir(outdir)
        with OutputLock(outdir):
            written = write_outputs(chron, outdir, cfg, options, pictures=pictures)
    return MergeOutcome(chron, written)


# ---------------------------------------------------------------- other systems and case reviews

def export_accounts(outdir: str | Path, path: str | Path) -> Path:
    """Write the one-line-per-account CSV export of the chronology merged into ``outdir``."""
    from chrono.report.csvout import write_accounts_csv
    from chrono.report.jsonout import load

    path = Path(path)
    write_accounts_csv(load(outdir), path)
    return path


@dataclass
class AnonymiseOutcome:
    """What ``chrono anonymise`` did: the glossary used (seeded or not), the outputs, what to check."""

    glossary: Path
    seeded: bool
    written: list[Path]
    names_left: list[tuple[str, int]]


def _read_glossary(path: Path):
    from chrono.anonymise import glossary_from_csv

    try:
        return glossary_from_csv(path.read_text("utf-8-sig"), where=str(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: the glossary could not be read ({exc}). Give the CSV that "
                         "`chrono anonymise` seeded.") from None


def _write_chronology_outputs(document: dict, outdir: Path, cfg: Config) -> list[Path]:
    """Draw every output again from a chronology's JSON (already transformed) into ``outdir``,
    published together like a merge's."""
    from chrono.report import jsonout

    return write_outputs(jsonout.from_dict(document), Path(outdir), cfg, CaseOptions(), previous=None,
                         document=document)


def anonymise_outputs(outdir: str | Path, glossary: str | Path | None = None, target: str | Path | None = None,
                      cfg: Config | None = None) -> AnonymiseOutcome:
    """Anonymised copies of every output of the merge in ``outdir``, for a case review, court or training.

    Without a glossary file, one is seeded from the chronology (``OUTDIR/glossary.csv``),
    the key worker's key to edit and keep; it never goes into the anonymised folder.
    ``names_left`` lists capitalised words that may still be names, for a person to check.
    """
    from chrono.anonymise import (anonymise_chronology, glossary_to_csv, possible_names_left,
                                  seed_glossary)
    from chrono.files import atomic_write_text

    cfg = cfg or load_config()
    outdir = Path(outdir)
    document = load_previous(outdir)
    if document is None:
        raise InputError(f"no chronology.json in {outdir}: run `chrono merge CASE -o {outdir}` first.")
    glossary_path = Path(glossary) if glossary else outdir / "glossary.csv"
    target = Path(target) if target else outdir / "anonymised"
    if target.resolve() == outdir.resolve():
        raise InputError("the anonymised copies need a folder of their own: give -o another folder.")
    seeded = not glossary_path.exists()
    if seeded:
        terms = seed_glossary(document, cfg)
        atomic_write_text(glossary_path, glossary_to_csv(terms))
    else:
        terms = _read_glossary(glossary_path)
    anonymised = anonymise_chronology(document, terms)
    written = _write_chronology_outputs(anonymised, target, cfg)
    left = possible_names_left(anonymised, terms, cfg)
    left_path = target / "possible-names-left.txt"
    atomic_write_text(left_path, "".join(f"{word}\t{times}\n" for word, times in left))
    return AnonymiseOutcome(glossary_path, seeded, written + [left_path], left)


def personalise_outputs(anonymised: str | Path, glossary: str | Path, target: str | Path,
                        cfg: Config | None = None) -> list[Path]:
    """Put the names back into an anonymised chronology with the glossary that removed them."""
    from chrono.anonymise import personalise_chronology

    cfg = cfg or load_config()
    source = Path(anonymised)
    document = load_previous(source)
    if document is None:
        raise InputError(f"no chronology.json in {source}: give the folder `chrono anonymise` wrote.")
    target = Path(target)
    if target.resolve() == source.resolve():
        raise InputError("write the personalised copy to another folder than the anonymised one (-o).")
    return _write_chronology_outputs(personalise_chronology(document, _read_glossary(Path(glossary))), target, cfg)
