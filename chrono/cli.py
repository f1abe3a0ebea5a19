"""The ``chrono`` command: a thin Typer shell over the library.

Each command parses options, calls one library function and prints its
result. Exit status (contract): 0 all good; 1 finished, but some files were
refused or rows rejected; 2 usage error (bad option, no such input, busy).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from chrono.config import ConfigError, load_config

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Merge multi-agency child-protection chronologies into one timeline, flag cross-agency "
         "patterns and write the review conference appendix. Runs offline. Outputs are OFFICIAL-SENSITIVE.",
)
config_app = typer.Typer(help="Show the effective configuration.", no_args_is_help=True)
app.add_typer(config_app, name="config")

out = Console()
err = Console(stderr=True)


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _date_option(value: Optional[str], name: str) -> Optional[dt.date]:
    if not value:
        return None
    from chrono.normalise.dates import parse_date

    parsed = parse_date(value)
    if parsed.date is None:
        _fail(f"{name} '{value}' is not a date: use DD/MM/YYYY")
    return parsed.date


def _config(config: Optional[Path], area: Optional[str], root: Optional[Path] = None):
    if config is None and root is not None and (root / "chrono.toml").is_file():
        config = root / "chrono.toml"
    try:
        return load_config(config, area=area)
    except ConfigError as exc:
        _fail(str(exc))


def _password(password: Optional[str], ask: bool) -> Optional[str]:
    if password is None and ask and sys.stdin.isatty():
        return typer.prompt("Password for protected files (leave empty to skip)", default="",
                            hide_input=True, show_default=False) or None
    return password


def _needs_password(chron) -> bool:
    """A file was refused only for want of a password (asked for when interactive)."""
    from chrono.read.decrypt import NEEDS_PASSWORD

    return any(NEEDS_PASSWORD in p for f in chron.files for p in f.problems)


def _logging(verbose: bool, show_text: bool) -> None:
    from chrono.logs import configure

    configure(verbose=verbose, show_text=show_text)


ConfigOpt = typer.Option(None, "--config", help="A chrono.toml with local settings (aliases, lexicon, thresholds).")
AreaOpt = typer.Option(None, "--area", help="Local-authority preset for visit and meeting standards (see `chrono config show`).")
PasswordOpt = typer.Option(None, "--password", help="Password for protected Word/Excel files (asked for when interactive).")
VerboseOpt = typer.Option(False, "--verbose", "-v", help="Say what is being read (file and row names only).")
ShowTextOpt = typer.Option(False, "--show-text", help="Allow entry text in messages (off by default: privacy).")


def _print_files(chron) -> None:
    table = Table(title="Files", show_lines=False)
    for col in ("file", "agency", "status", "rows", "rejected", "problem"):
        table.add_column(col, overflow="fold")
    for f in chron.files:
        status = "[green]ok[/]" if f.status == "ok" else "[bold red]REFUSED[/]"
        table.add_row(escape(f.file), escape(f.agency or "-"), status, str(f.rows_read), str(f.rows_rejected),
                      escape("; ".join(f.problems)))
    out.print(table)


@app.command()
def merge(
    inputs: List[Path] = typer.Argument(..., help="Case folder(s) or files: .docx, .xlsx, .csv (folders are read recursively)."),
    outdir: Path = typer.Option(..., "-o", "--out", help="Output folder (created; a later merge into it reports what changed)."),
    child: Optional[str] = typer.Option(None, "--child", help="The child's name, when the headings disagree."),
    dob: Optional[str] = typer.Option(None, "--dob", help="The child's date of birth (DD/MM/YYYY)."),
    since: Optional[str] = typer.Option(None, "--since", help="Start of the period covered (DD/MM/YYYY)."),
    until: Optional[str] = typer.Option(None, "--until", help="End of the period covered (DD/MM/YYYY)."),
    since_last_conference: bool = typer.Option(False, "--since-last-conference", help="Period starts at the last ICPC or review conference."),
    parents_copy: bool = typer.Option(False, "--parents-copy", help="Also write the parents' copy, withholding confidential entries."),
    formats: List[str] = typer.Option(["json", "docx", "xlsx", "png"], "--format", help="Outputs to write: json, docx, xlsx, png (repeat the option)."),
    password: Optional[str] = PasswordOpt,
    config: Optional[Path] = ConfigOpt,
    area: Optional[str] = AreaOpt,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
    verbose: bool = VerboseOpt,
    show_text: bool = ShowTextOpt,
) -> None:
    """Merge one case's chronologies into OUTDIR (chronology.json, appendix.docx, chronology.xlsx, timeline.png)."""
    from chrono.files import OutputBusy, OutputError
    from chrono.pipeline import CaseOptions, InputError, merge_case

    _logging(verbose, show_text)
    bad = sorted(set(formats) - {"json", "docx", "xlsx", "png"})
    if bad:
        _fail(f"unknown --format {', '.join(bad)}: choose from json, docx, xlsx, png")
    cfg = _config(config, area, inputs[0] if len(inputs) == 1 and inputs[0].is_dir() else None)
    options = CaseOptions(
        child_name=child, child_dob=_date_option(dob, "--dob"), password=password,
        since=_date_option(since, "--since"), until=_date_option(until, "--until"),
        since_last_conference=since_last_conference, formats=tuple(formats),
    )
    try:
        outcome = merge_case(inputs, outdir, cfg, options)
        if options.password is None and _needs_password(outcome.chronology) and sys.stdin.isatty():
            options.password = _password(None, ask=True)
            if options.password:
                outcome = merge_case(inputs, outdir, cfg, options)
        if parents_copy and "docx" in formats:
            from chrono.pipeline import write_outputs

            options.parents_copy, options.formats = True, ("docx",)
            outcome.written += write_outputs(outcome.chronology, Path(outdir), cfg, options)
    except InputError as exc:
        _fail(str(exc))
    except (OutputBusy, OutputError) as exc:
        _fail(str(exc))
    chron = outcome.chronology
    if not quiet:
        _print_files(chron)
        out.print(f"{len(chron.events)} events from {sum(f.rows_read for f in chron.files)} rows; "
                  f"{len(chron.rejected)} rows rejected; {len(chron.flags)} flags; "
                  f"{len(chron.review)} pairs to review.")
        for warning in chron.warnings:
            out.print(f"[yellow]note[/] {escape(warning)}", soft_wrap=True)
        for path in outcome.written:
            out.print(f"wrote {escape(str(path))}", soft_wrap=True)
    for f in chron.files:
        if f.status != "ok" and any("DIFFERENT CHILD" in p.upper() for p in f.problems):
            err.print(f"[bold red]DIFFERENT CHILD[/] {escape(f.file)}: not merged. Return it to the sender "
                      "(possible data breach).", soft_wrap=True)
    raise typer.Exit(outcome.exit_code)


@app.command()
def check(
    files: List[Path] = typer.Argument(..., help="Submissions to check before a merge."),
    password: Optional[str] = PasswordOpt,
    dob: Optional[str] = typer.Option(None, "--dob", help="The child's DOB, for 'before birth' warnings."),
    config: Optional[Path] = ConfigOpt,
    verbose: bool = VerboseOpt,
    show_text: bool = ShowTextOpt,
) -> None:
    """Per file: columns mapped, rows read and rejected (why), and warnings. Exit 1 if any file would be refused."""
    from chrono.check import check_files, shown_reason
    from chrono.pipeline import InputError

    _logging(verbose, show_text)
    cfg = _config(config, None)
    try:
        checks = check_files(files, cfg, _password(password, ask=True), child_dob=_date_option(dob, "--dob"))
    except InputError as exc:
        _fail(str(exc))
    for c in checks:
        r = c.report
        if c.refused:
            out.print(f"[bold red]REFUSED[/] {escape(r.file)}: " + escape("; ".join(r.problems)), soft_wrap=True)
            continue
        out.print(f"[bold green]OK[/] {escape(r.file)}: agency {escape(r.agency or '?')}, {r.rows_read} rows read, "
                  f"{len(c.rejected)} rejected", soft_wrap=True)
        for table, mapping in r.columns.items():
            cols = escape(", ".join(f"{role} <- '{heading}'" for role, heading in mapping.items()))
            out.print(f"  columns ({table}): {cols}", highlight=False, soft_wrap=True)
        if r.unmapped_columns:
            out.print(f"  kept, not mapped: {escape(', '.join(r.unmapped_columns))}", highlight=False, soft_wrap=True)
        for rej in c.rejected:
            out.print(f"  [red]rejected[/] {escape(str(rej.provenance))}: {escape(shown_reason(rej, show_text))}", highlight=False, soft_wrap=True)
        for w in r.warnings + c.warnings:
            out.print(f"  [yellow]warning[/] {escape(w)}", highlight=False, soft_wrap=True)
    raise typer.Exit(1 if any(c.refused for c in checks) else 0)


@app.command()
def template(
    fmt: str = typer.Option("docx", "--format", help="docx or xlsx."),
    output: Path = typer.Option(..., "-o", "--out", help="Where to write the blank template."),
) -> None:
    """Write the blank local chronology template (000:1121-1151) for agencies to fill in."""
    from chrono.report.template import write_template

    if fmt not in ("docx", "xlsx"):
        _fail(f"--format must be docx or xlsx, not '{fmt}'")
    write_template(fmt, output)
    out.print(f"wrote {output}")


@app.command()
def flags(outdir: Path = typer.Argument(..., help="An output folder of `chrono merge`.")) -> None:
    """Show the patterns flagged in a merged chronology."""
    chron = _load(outdir)
    if not chron.flags:
        out.print("No patterns flagged.")
        return

    out.print(f"[bold]Patterns flagged for {escape(chron.child.name)}[/] ({len(chron.flags)}); "
              "each is a prompt for professional judgement, not a conclusion.")
    colour = {"high": "bold red", "medium": "yellow", "low": "cyan"}
    for f in chron.flags:
        out.print(f"[{colour.get(f.severity, '')}]{f.severity.upper():6}[/] [bold]{f.rule}[/] "
                  f"{f.start:%d/%m/%Y}-{f.end:%d/%m/%Y}", highlight=False)
        out.print(f"       {escape(f.summary)}", highlight=False)
        out.print(f"       evidence: {', '.join(f.events)}", highlight=False, style="dim")


def _load(outdir: Path):
    from chrono.report.jsonout import load

    try:
        return load(outdir)
    except FileNotFoundError:
        _fail(f"no chronology.json in {outdir}: run `chrono merge CASE -o {outdir}` first")
    except ValueError as exc:
        _fail(f"{outdir}: {exc}")


@app.command()
def appendix(
    outdir: Path = typer.Argument(..., help="An output folder of `chrono merge`."),
    parents_copy: bool = typer.Option(False, "--parents-copy", help="Write the parents' copy instead."),
    since: Optional[str] = typer.Option(None, "--since", help="Start of the period (DD/MM/YYYY)."),
    until: Optional[str] = typer.Option(None, "--until", help="End of the period (DD/MM/YYYY)."),
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Re-render appendix.docx (and timeline.png) from chronology.json without re-reading the inputs."""
    from chrono.pipeline import CaseOptions, write_outputs

    chron = _load(outdir)
    cfg = _config(config, chron.area or None)
    s, u = _date_option(since, "--since"), _date_option(until, "--until")
    if s:
        chron.period_from = s
    if u:
        chron.period_to = u
    options = CaseOptions(since=s, until=u, parents_copy=parents_copy, formats=("docx", "png"))
    for path in write_outputs(chron, outdir, cfg, options):
        if path.suffix == ".docx":
            out.print(f"wrote {escape(str(path))}", soft_wrap=True)


@app.command()
def review(
    outdir: Path = typer.Argument(..., help="An output folder of `chrono merge`."),
    case: Optional[Path] = typer.Option(None, "--case", help="The case folder, where decisions are kept (default: OUTDIR)."),
    import_csv: Optional[Path] = typer.Option(None, "--import", help="The workbook's Review sheet saved as CSV (columns fingerprint, decision)."),
) -> None:
    """Decide whether queued pairs are the same event; later merges honour the decisions."""
    from chrono.merge.review import apply_review_csv, load_decisions, save_decisions
    from chrono.pipeline import DECISIONS_FILE

    chron = _load(outdir)
    path = (case or outdir) / DECISIONS_FILE
    decisions = load_decisions(path) if path.exists() else {}
    if import_csv:
        decisions.update(apply_review_csv(import_csv))
    else:
        pending = [i for i in chron.review if i.fingerprint not in decisions]
        if not pending:
            out.print("Nothing waiting for review.")
        if pending and not sys.stdin.isatty():
            _fail(f"{len(pending)} pairs wait for review; run this in a terminal, or use --import with the "
                  "workbook's Review sheet saved as CSV", 2)
        for n, item in enumerate(pending, 1):
            table = Table(title=f"Pair {n} of {len(pending)} (score {item.score:.2f})", show_lines=True)
            table.add_column(f"{item.left.agency}: {item.left.provenance}")
            table.add_column(f"{item.right.agency}: {item.right.provenance}")
            table.add_row(item.left.date_text, item.right.date_text)
            table.add_row(item.left.event, item.right.event)
            out.print(table)
            answer = typer.prompt("Same event? [s]ame / [d]ifferent / [k] skip / [q] quit", default="k")
            if answer[:1].lower() == "q":
                break
            if answer[:1].lower() in "sd":
                decisions[item.fingerprint] = "same" if answer[:1].lower() == "s" else "different"
    save_decisions(path, decisions)
    out.print(f"{len(decisions)} decisions saved in {path}; run `chrono merge` again to apply them.")


@app.command()
def batch(
    root: Path = typer.Argument(..., help="Folder holding one folder per child."),
    outroot: Path = typer.Option(..., "-o", "--out", help="Output root: OUTROOT/<case>/ per child."),
    workers: int = typer.Option(0, "--workers", "-j", help="Parallel cases (default: one per core)."),
    config: Optional[Path] = ConfigOpt,
    area: Optional[str] = AreaOpt,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Plain, minimal output."),
    verbose: bool = VerboseOpt,
) -> None:
    """Merge every case under ROOT; write caseload.xlsx/json with the cases needing attention first."""
    import os

    from chrono.batch import BatchUsageError, rich_progress, run_batch
    from chrono.report.caseload import render_caseload_table, write_caseload

    _logging(verbose, False)
    if not root.is_dir():
        _fail(f"{root} is not a folder: give the folder that holds one folder per child")
    cfg = _config(config, area, root)
    try:
        with rich_progress(quiet) as progress:
            result = run_batch(root, outroot, cfg, workers=workers or os.cpu_count() or 1, progress=progress)
    except BatchUsageError as exc:
        _fail(str(exc))
    write_caseload(result, outroot)
    if not quiet:
        out.print(render_caseload_table(result))
        out.print(f"wrote {outroot / 'caseload.xlsx'} and {outroot / 'caseload.json'}")
    raise typer.Exit(result.exit_code)


@config_app.command("show")
def config_show(
    config: Optional[Path] = ConfigOpt,
    area: Optional[str] = AreaOpt,
    section: Optional[str] = typer.Argument(None, help="Only this section (columns, agencies, lexicon, rules, areas, limits, privacy ...)."),
) -> None:
    """Print the effective configuration and where each overridden value came from."""
    from chrono.config import describe

    cfg = _config(config, area, Path.cwd())
    out.print(describe(cfg, section), highlight=False, markup=False)


def main() -> None:
    app()
