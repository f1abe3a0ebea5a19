"""The ``chrono`` command: a thin Typer shell over the library.

Each command parses options, calls one library function and prints its
result. Exit status (contract): 0 all good; 1 finished, but some files were
refused or rows rejected; 2 usage error (bad option, no such input, a path
that cannot be written, the wrong child, busy). A user's mistake is one line
and exit 2, never a traceback.

Every command's help ends with an example (``Example: chrono ...``); a test
runs them all.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from chrono.config import ConfigError, load_config

CONTEXT = {"help_option_names": ["-h", "--help"]}


def _plain_switches() -> None:
    """Help shows switch names and their value's name (DATE, FILE), never a Python type such as <bool>."""
    from typer import core

    typed = core.TyperOption.display_type_rich

    def option_type(self, ctx):
        return None if self.is_flag and not self.metavar else typed(self, ctx)

    core.TyperOption.display_type_rich = option_type
    core.TyperArgument.display_type_rich = lambda self, ctx: None


_plain_switches()

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    context_settings=CONTEXT,
    help="Merge multi-agency child-protection chronologies into one timeline, flag cross-agency "
         "patterns and write the review conference appendix. Runs offline. Outputs are OFFICIAL-SENSITIVE.\n\n"
         "Example:  chrono merge case -o out",
)
config_app = typer.Typer(help="Show the effective configuration.\n\nExample:  chrono config show limits",
                         no_args_is_help=True, context_settings=CONTEXT)
app.add_typer(config_app, name="config")

#: the environment variable a password for protected files can come from (never the command line)
PASSWORD_ENV = "CHRONO_PASSWORD"

out = Console()
err = Console(stderr=True)


def _plain(console: Console) -> Console:
    """Off a terminal (a pipe, a log file), lines are never wrapped: file names stay whole."""
    return console if console.is_terminal else Console(file=console.file, soft_wrap=True, width=10_000,
                                                       no_color=True, highlight=False)


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _os_problem(exc: OSError, what: str = "") -> str:
    """One line for an operating-system error on an output: what, where, what to do."""
    where = exc.filename or what
    if where and ".tmp" in Path(str(where)).name:  # an atomic write's temporary file: name its folder
        where = f"in {Path(str(where)).parent}"
    reason = exc.strerror or exc.__class__.__name__
    return (f"cannot write {where}: {reason.lower()}. Check that the folder exists, is a folder and that you may "
            "write to it, or choose another with -o")


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn the library's usage errors and OS errors on outputs into one line and exit 2."""
    from chrono.files import OutputBusy, OutputError
    from chrono.pipeline import InputError

    try:
        yield
    except (InputError, OutputBusy, OutputError, ConfigError) as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(_os_problem(exc))


def _date_option(value: Optional[str], name: str) -> Optional[dt.date]:
    if not value:
        return None
    from chrono.normalise.dates import parse_date

    parsed = parse_date(value)
    if parsed.date is None:
        _fail(f"{name} '{value}' is not a date: use DD/MM/YYYY")
    return parsed.date


def _period(since: Optional[str], until: Optional[str]) -> tuple[Optional[dt.date], Optional[dt.date]]:
    s, u = _date_option(since, "--since"), _date_option(until, "--until")
    if s and u and s > u:
        _fail(f"--since {s:%d/%m/%Y} is after --until {u:%d/%m/%Y}: swap them")
    return s, u


def _config(config: Optional[Path], area: Optional[str], root: Optional[Path] = None):
    if config is None and root is not None and (root / "chrono.toml").is_file():
        config = root / "chrono.toml"
    try:
        return load_config(config, area=area)
    except ConfigError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot read the configuration {exc.filename or config}: {(exc.strerror or str(exc)).lower()}")


def _password(password: Optional[str], password_file: Optional[Path]) -> Optional[str]:
    """The password from --password-file (owner-only), --password or $CHRONO_PASSWORD."""
    if password_file is not None:
        try:
            mode = password_file.stat().st_mode
            if mode & 0o077:
                _fail(f"--password-file {password_file} can be read by other users: run "
                      f"`chmod 600 '{password_file}'` and try again")
            lines = password_file.read_text("utf-8").splitlines()
        except OSError as exc:
            _fail(f"--password-file {password_file}: {(exc.strerror or str(exc)).lower()}")
        if not lines or not lines[0].strip():
            _fail(f"--password-file {password_file} is empty: put the password on its first line")
        return lines[0].strip()
    return password or os.environ.get(PASSWORD_ENV) or None


def _ask_passwords(inputs: list[Path], known: Optional[str]) -> dict[str, str]:
    """In a terminal, ask for the password of each protected file (Enter skips it)."""
    if known or not sys.stdin.isatty():
        return {}
    from chrono.pipeline import InputError, discover_inputs, protected_files

    try:
        found = discover_inputs(inputs)
    except InputError:
        return {}
    passwords = {}
    for path, name in protected_files(found):
        answer = typer.prompt(f"Password for {name} (Enter to skip it)", default="", hide_input=True,
                              show_default=False)
        if answer:
            passwords[str(path.resolve())] = answer
    return passwords


def _logging(verbose: bool, show_text: bool) -> None:
    from chrono.logs import configure

    configure(verbose=verbose, show_text=show_text)


@contextmanager
def _file_progress(quiet: bool) -> Iterator[Optional[object]]:
    """A rich bar, one step per file, on a terminal; nothing otherwise (the summary lists the files)."""
    if quiet or not err.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("[bold]reading"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[name]}"),
                   TimeElapsedColumn(), console=err, transient=True,
                   auto_refresh=False)  # no refresh thread, so the writers can run in two processes
    with bar:
        task = bar.add_task("files", total=None, name="")

        def update(name: str, done: int, total: int) -> None:
            bar.update(task, total=total, completed=done, name=escape(name), refresh=True)

        yield update


NO_META = ""
ConfigOpt = typer.Option(None, "--config", metavar="FILE",
                         help="A chrono.toml with local settings (aliases, lexicon, thresholds).")
AreaOpt = typer.Option(None, "--area", metavar="AREA",
                       help="Local-authority preset for visit and meeting standards (see `chrono config show areas`).")
PasswordOpt = typer.Option(None, "--password", metavar="PASSWORD",
                           help=f"Password for protected Word/Excel files. Safer: leave it out to be asked per file, "
                                f"or set {PASSWORD_ENV}, or use --password-file (others can see a command line).")
PasswordFileOpt = typer.Option(None, "--password-file", metavar="FILE",
                               help="A file holding the password on its first line; it must be owner-only (chmod 600).")
VerboseOpt = typer.Option(False, "--verbose", "-v", metavar=NO_META, help="Say what is being read (file and row names only).")
ShowTextOpt = typer.Option(False, "--show-text", metavar=NO_META, help="Allow entry text in messages (off by default: privacy).")
ChildOpt = typer.Option(None, "--child", metavar="NAME",
                        help="The child's name, e.g. \"Tilly QUARRINGTON\" (needed when no heading names the child). "
                             "Repeat with a --dob each for a family chronology (siblings of one conference).")
DobOpt = typer.Option(None, "--dob", metavar="DD/MM/YYYY", help="The child's date of birth (one per --child).")


def _children(child: Optional[List[str]], dob: Optional[List[str]], cfg):
    """(name, dob, family pairs, how declared) from --child/--dob (repeated) or [[children]] of chrono.toml."""
    from chrono.family import FamilyError, children_from_config

    names, dobs = list(child or []), list(dob or [])
    if len(names) > 1 or len(dobs) > 1:
        if len(dobs) != len(names):
            _fail(f"{len(names)} --child and {len(dobs)} --dob given: for a family chronology give one --dob "
                  "after each --child, in the same order")
        return None, None, [(n, _date_option(d, "--dob")) for n, d in zip(names, dobs)], "given with --child and --dob"
    if not names and not dobs and cfg.children:
        try:
            pairs = children_from_config(cfg.children, cfg.sources.get("children", "chrono.toml"))
        except FamilyError as exc:
            _fail(str(exc))
        if len(pairs) > 1:
            return None, None, pairs, "listed in chrono.toml"
        return pairs[0][0], pairs[0][1], [], ""
    return (names[0] if names else None), _date_option(dobs[0] if dobs else None, "--dob"), [], ""


def _version(value: bool) -> None:
    if value:
        from chrono import __version__

        out.print(f"chrono {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", metavar=NO_META, callback=_version, is_eager=True,
                                       help="Show chrono's version and exit.")) -> None:
    """Merge multi-agency child-protection chronologies (see each command's help)."""


def _print_files(chron, console: Console) -> None:
    if not console.is_terminal:
        return  # the summary lists refused files; accepted ones are counted
    table = Table(title="Files", show_lines=False)
    for col in ("file", "agency", "status", "rows", "rejected", "problem"):
        table.add_column(col, overflow="fold")
    for f in chron.files:
        status = "[green]ok[/]" if f.status == "ok" else "[bold red]REFUSED[/]"
        table.add_row(escape(f.file), escape(f.agency or "-"), status, str(f.rows_read), str(f.rows_rejected),
                      escape("; ".join(f.problems) or f.identity_warning))
    console.print(table)


@app.command()
def merge(
    inputs: List[Path] = typer.Argument(..., metavar="CASE",
                                        help="Case folder(s) or files: .docx, .xlsx, .csv (folders are read recursively)."),
    outdir: Path = typer.Option(..., "-o", "--out", metavar="OUTDIR",
                                help="Output folder, outside the case folder (created; a later merge into it reports what changed)."),
    child: Optional[List[str]] = ChildOpt,
    dob: Optional[List[str]] = DobOpt,
    previous: Optional[List[Path]] = typer.Option(None, "--previous", metavar="FILE",
                                                  help="An earlier merged chronology (chrono's chronology.json or "
                                                       "chronology.xlsx) to merge with these submissions; default: "
                                                       "the case folder's previous/chronology.json."),
    since: Optional[str] = typer.Option(None, "--since", metavar="DD/MM/YYYY", help="Start of the period covered."),
    until: Optional[str] = typer.Option(None, "--until", metavar="DD/MM/YYYY", help="End of the period covered."),
    since_last_conference: bool = typer.Option(False, "--since-last-conference", metavar=NO_META,
                                               help="Period starts at the last ICPC or review conference."),
    parents_copy: bool = typer.Option(False, "--parents-copy", metavar=NO_META,
                                      help="Also write the parents' copy, withholding confidential entries."),
    formats: List[str] = typer.Option(["json", "docx", "xlsx", "png", "html"], "--format", metavar="FORMAT",
                                      help="Outputs to write: json, docx, xlsx, png, html (repeat the option; default all)."),
    password: Optional[str] = PasswordOpt,
    password_file: Optional[Path] = PasswordFileOpt,
    config: Optional[Path] = ConfigOpt,
    area: Optional[str] = AreaOpt,
    quiet: bool = typer.Option(False, "--quiet", "-q", metavar=NO_META, help="Print nothing but errors."),
    verbose: bool = VerboseOpt,
    show_text: bool = ShowTextOpt,
) -> None:
    """Merge one case's chronologies into OUTDIR (chronology.json, appendix.docx, chronology.xlsx, timeline.png, chronology.html).

    The child is the one the submissions' headings name; give --child and --dob when they disagree or
    when no heading names the child. Files about another child are refused, never merged.
    Siblings of one conference: repeat --child NAME --dob DATE for each child (or list them under
    [[children]] in the case's chrono.toml). Last period's merged chronology: --previous FILE, or the
    case folder's previous/chronology.json.

    Example:  chrono merge case -o out --since 01/05/2023
    """
    from chrono.pipeline import CaseOptions, merge_case
    from chrono.summary import merge_summary

    _logging(verbose, show_text)
    bad = sorted(set(formats) - {"json", "docx", "xlsx", "png", "html"})
    if bad:
        _fail(f"unknown --format {', '.join(bad)}: choose from json, docx, xlsx, png, html")
    s, u = _period(since, until)
    cfg = _config(config, area, inputs[0] if len(inputs) == 1 and inputs[0].is_dir() else None)
    secret = _password(password, password_file)
    child_name, child_dob, family, basis = _children(child, dob, cfg)
    options = CaseOptions(
        child_name=child_name, child_dob=child_dob, children=family, children_basis=basis,
        previous=list(previous or []), password=secret,
        since=s, until=u, since_last_conference=since_last_conference, formats=tuple(formats),
        passwords=_ask_passwords(inputs, secret),
    )
    with _user_errors():
        with _file_progress(quiet) as progress:
            outcome = merge_case(inputs, outdir, cfg, options, progress=progress)
        if parents_copy and {"docx", "html"} & set(formats):
            from chrono.pipeline import write_outputs

            options.parents_copy, options.formats = True, tuple(f for f in ("docx", "html") if f in formats)
            outcome.written += write_outputs(outcome.chronology, Path(outdir), cfg, options)
    chron = outcome.chronology
    if not quiet:
        console = _plain(out)
        _print_files(chron, console)
        for line in merge_summary(chron, outcome.written, outdir, unchanged_since=outcome.unchanged_since):
            console.print(escape(line), highlight=False, soft_wrap=True)
    for f in chron.files:
        if f.status != "ok" and any("DIFFERENT CHILD" in p.upper() for p in f.problems):
            err.print(f"[bold red]DIFFERENT CHILD[/] {escape(f.file)}: not merged. Return it to the sender "
                      "(possible data breach).", soft_wrap=True)
    raise typer.Exit(outcome.exit_code)


@app.command()
def check(
    files: List[Path] = typer.Argument(..., metavar="FILE_OR_FOLDER",
                                       help="Submissions to check before a merge: files, or folders (read recursively)."),
    child: Optional[List[str]] = ChildOpt,
    dob: Optional[List[str]] = DobOpt,
    password: Optional[str] = PasswordOpt,
    password_file: Optional[Path] = PasswordFileOpt,
    config: Optional[Path] = ConfigOpt,
    verbose: bool = VerboseOpt,
    show_text: bool = ShowTextOpt,
) -> None:
    """Per file: the child its heading names, rejected rows (why), columns mapped and warnings.

    The child is settled as `chrono merge` settles it, so a file merge would refuse as another
    child's is refused here too. Exit 1 if any file would be refused.

    Example:  chrono check case --child "Tilly QUARRINGTON" --dob 03/02/2021
    """
    from chrono.check import check_files, shown_reason

    _logging(verbose, show_text)
    cfg = _config(config, None, files[0] if len(files) == 1 and files[0].is_dir() else None)
    secret = _password(password, password_file)
    child_name, child_dob, family, _ = _children(child, dob, cfg)
    with _user_errors():
        checks = check_files(files, cfg, secret, child_dob=child_dob, child_name=child_name,
                             passwords=_ask_passwords(files, secret), children=family)
    console = _plain(out)

    def say(text: str) -> None:
        console.print(text, highlight=False, soft_wrap=True)

    for c in checks:
        r = c.report
        if c.refused:
            say(f"[bold red]REFUSED[/] {escape(r.file)}: " + escape("; ".join(r.problems)))
            if any("DIFFERENT CHILD" in p for p in r.problems):
                say(f"  its heading names {escape(c.heading_child)}")
            continue
        say(f"[bold green]OK[/] {escape(r.file)}: child {escape(c.heading_child)}, agency {escape(r.agency or '?')}, "
            f"{r.rows_read} rows read, {len(c.rejected)} rejected")
        for rej in c.rejected:
            say(f"  [red]rejected[/] {escape(str(rej.provenance))}: {escape(shown_reason(rej, show_text))}")
        for table, mapping in r.columns.items():
            cols = escape(", ".join(f"{role} <- '{heading}'" for role, heading in mapping.items()))
            say(f"  columns ({escape(str(table))}): {cols}")
        if r.unmapped_columns:
            say(f"  kept, not mapped: {escape(', '.join(r.unmapped_columns))}")
        for line in c.details:
            say(f"  {escape(line)}")
        for w in r.warnings + c.warnings:
            say(f"  [yellow]warning[/] {escape(w)}")
    raise typer.Exit(1 if any(c.refused for c in checks) else 0)


@app.command()
def template(
    fmt: str = typer.Option("docx", "--format", metavar="FORMAT", help="docx (Word) or xlsx (Excel)."),
    output: Path = typer.Option(..., "-o", "--out", metavar="FILE", help="The file to write, named .docx or .xlsx."),
) -> None:
    """Write the blank local chronology template (000:1121-1151) for agencies to fill in.

    Example:  chrono template --format xlsx -o chronology_template.xlsx
    """
    from chrono.report.template import TemplateError, check_template_path, write_template

    if fmt not in ("docx", "xlsx"):
        _fail(f"--format must be docx or xlsx, not '{fmt}'")
    try:
        path = check_template_path(fmt, output)
    except TemplateError as exc:
        _fail(str(exc))
    with _user_errors():
        write_template(fmt, path)
    out.print(f"wrote {escape(str(path))}", highlight=False, soft_wrap=True)


@app.command()
def flags(outdir: Path = typer.Argument(..., metavar="OUTDIR", help="An output folder of `chrono merge`.")) -> None:
    """Show the patterns flagged in a merged chronology.

    Example:  chrono flags out
    """
    from chrono.report.style import changes_lines, flag_lines

    chron = _load(outdir)
    console = _plain(out)
    if not chron.flags:
        lines = ["No patterns flagged."] + changes_lines(chron)
    else:
        console.print(f"[bold]Patterns flagged for {escape(chron.child.name)}[/] ({len(chron.flags)}); "
                      "each is a prompt for professional judgement, not a conclusion.", soft_wrap=True)
        lines = flag_lines(chron, _config(None, chron.area or None))
    for line in lines:
        console.print(escape(line), highlight=False, soft_wrap=True)


def _load(outdir: Path):
    from chrono.report.jsonout import load

    if outdir.exists() and not outdir.is_dir():
        _fail(f"{outdir} is a file: give the output folder of `chrono merge` (the one holding chronology.json)")
    try:
        return load(outdir)
    except FileNotFoundError:
        _fail(f"no chronology.json in {outdir}: run `chrono merge CASE -o {outdir}` first")
    except ValueError as exc:
        _fail(f"{outdir}: {exc}")
    except OSError as exc:
        _fail(f"cannot read {exc.filename or outdir}: {(exc.strerror or str(exc)).lower()}")


@app.command()
def appendix(
    outdir: Path = typer.Argument(..., metavar="OUTDIR", help="An output folder of `chrono merge`."),
    parents_copy: bool = typer.Option(False, "--parents-copy", metavar=NO_META, help="Write the parents' copy instead."),
    since: Optional[str] = typer.Option(None, "--since", metavar="DD/MM/YYYY", help="Start of the period."),
    until: Optional[str] = typer.Option(None, "--until", metavar="DD/MM/YYYY", help="End of the period."),
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Re-render appendix.docx (and timeline.png) from chronology.json without re-reading the inputs.

    Example:  chrono appendix out --parents-copy
    """
    from chrono.pipeline import CaseOptions, write_outputs

    s, u = _period(since, until)
    chron = _load(outdir)
    cfg = _config(config, chron.area or None)
    if s:
        chron.period_from = s
    if u:
        chron.period_to = u
    options = CaseOptions(since=s, until=u, parents_copy=parents_copy, formats=("docx", "png"))
    with _user_errors():
        written = write_outputs(chron, outdir, cfg, options)
    for path in written:
        if path.suffix == ".docx":
            out.print(f"wrote {escape(str(path))}", soft_wrap=True, highlight=False)


_ANSWERS = {"s": "same", "d": "different", "k": "skip", "q": "quit"}


def _ask_decision() -> str:
    """same / different / skip / quit; anything else asks again."""
    while True:
        answer = typer.prompt("Same event? [s]ame / [d]ifferent / [k] skip / [q] quit", default="k").strip().lower()
        if answer in _ANSWERS or answer in _ANSWERS.values():
            return _ANSWERS.get(answer, answer)
        err.print(f"'{escape(answer)}' is not an answer: type s, d, k or q", highlight=False)


@app.command()
def review(
    outdir: Path = typer.Argument(..., metavar="OUTDIR", help="An output folder of `chrono merge`."),
    case: Optional[Path] = typer.Option(None, "--case", metavar="FOLDER",
                                        help="The case folder, where decisions are kept (default: OUTDIR)."),
    import_csv: Optional[Path] = typer.Option(None, "--import", metavar="CSV",
                                              help="The workbook's Review sheet saved as CSV (columns fingerprint, decision)."),
) -> None:
    """Decide whether queued pairs are the same event; later merges honour the decisions.

    Example:  chrono review out --import review.csv
    """
    from chrono.merge.review import import_review_csv, load_decisions, save_decisions
    from chrono.pipeline import DECISIONS_FILE

    chron = _load(outdir)
    path = (case or outdir) / DECISIONS_FILE
    try:
        decisions = load_decisions(path) if path.exists() else {}
    except (ValueError, OSError) as exc:
        _fail(f"cannot use the decisions file {path}: {exc}")
    if import_csv:
        try:
            imported, unusable = import_review_csv(import_csv, {i.fingerprint for i in chron.review})
        except (ValueError, OSError) as exc:
            _fail(f"cannot import {import_csv}: {getattr(exc, 'strerror', None) or exc}")
        decisions.update(imported)
        console = _plain(out)
        console.print(f"{len(imported)} decisions imported from {escape(str(import_csv))}", highlight=False, soft_wrap=True)
        for line, why in unusable:
            console.print(f"  [yellow]not used[/] line {line}: {escape(why)}", highlight=False, soft_wrap=True)
    else:
        pending = [i for i in chron.review if i.fingerprint not in decisions]
        if not pending:
            out.print("Nothing waiting for review.")
        if pending and not sys.stdin.isatty():
            _fail(f"{len(pending)} pairs wait for review; run this in a terminal, or use --import with the "
                  "workbook's Review sheet saved as CSV", 2)
        for n, item in enumerate(pending, 1):
            table = Table(title=f"Pair {n} of {len(pending)} (score {item.score:.2f})", show_lines=True)
            table.add_column(escape(f"{item.left.agency}: {item.left.provenance}"))
            table.add_column(escape(f"{item.right.agency}: {item.right.provenance}"))
            table.add_row(escape(item.left.date_text), escape(item.right.date_text))
            table.add_row(escape(item.left.event), escape(item.right.event))
            out.print(table)
            answer = _ask_decision()
            if answer == "quit":
                break
            if answer in ("same", "different"):
                decisions[item.fingerprint] = answer
    with _user_errors():
        save_decisions(path, decisions)
    out.print(f"{len(decisions)} decisions saved in {escape(str(path))}; run `chrono merge` again to apply them.",
              highlight=False, soft_wrap=True)


@app.command()
def batch(
    root: Path = typer.Argument(..., metavar="ROOT", help="Folder holding one folder per child."),
    outroot: Path = typer.Option(..., "-o", "--out", metavar="OUTROOT",
                                 help="Output root, outside ROOT: OUTROOT/<case>/ per child."),
    workers: int = typer.Option(0, "--workers", "-j", metavar="N", show_default=False,
                                help="Cases merged at once; 0, the default, means one per CPU core."),
    password: Optional[str] = PasswordOpt,
    password_file: Optional[Path] = PasswordFileOpt,
    config: Optional[Path] = ConfigOpt,
    area: Optional[str] = AreaOpt,
    quiet: bool = typer.Option(False, "--quiet", "-q", metavar=NO_META, help="Plain, minimal output."),
    verbose: bool = VerboseOpt,
) -> None:
    """Merge every case under ROOT; write caseload.xlsx/json with the cases needing attention first.

    Example:  chrono batch caseload -o caseload-out -j 2
    """
    from chrono.batch import BatchUsageError, ask_case_passwords, rich_progress, run_batch
    from chrono.pipeline import CaseOptions
    from chrono.report.caseload import render_caseload_table, write_caseload

    _logging(verbose, False)
    if not root.is_dir():
        _fail(f"{root} is not a folder: give the folder that holds one folder per child")
    if workers < 0:
        _fail("--workers must be 0 (one per CPU core) or more")
    cfg = _config(config, area, root)
    secret = _password(password, password_file)
    passwords = {}
    if not secret and sys.stdin.isatty():
        passwords = ask_case_passwords(root, lambda name: typer.prompt(
            f"Password for {name} (Enter to skip it)", default="", hide_input=True, show_default=False))
    options = CaseOptions(password=secret, passwords=passwords)
    with _user_errors():
        try:
            with rich_progress(quiet) as progress:
                result = run_batch(root, outroot, cfg, options=options, workers=workers or os.cpu_count() or 1,
                                   progress=progress)
        except BatchUsageError as exc:
            _fail(str(exc))
        write_caseload(result, outroot)
    if not quiet:
        console = _plain(out)
        if console.is_terminal:
            console.print(render_caseload_table(result))
        else:
            for c in result.cases:
                console.print(f"{c.case}: {c.status}, child {c.child or '?'}, {c.files} files, {c.events} events",
                              highlight=False, markup=False)
        console.print(f"wrote {outroot / 'caseload.xlsx'} and {outroot / 'caseload.json'}", highlight=False,
                      markup=False)
    raise typer.Exit(result.exit_code)


@config_app.command("show")
def config_show(
    key: Optional[str] = typer.Argument(None, metavar="[KEY]",
                                        help="Only this section or setting: limits, rules, limits.max_file_bytes ..."),
    config: Optional[Path] = ConfigOpt,
    area: Optional[str] = AreaOpt,
) -> None:
    """Print the effective configuration and where each overridden value came from.

    Example:  chrono config show limits.max_file_bytes
    """
    from chrono.config import SECTIONS, describe, describe_key

    cfg = _config(config, area, Path.cwd())
    if key is None:
        out.print(describe(cfg), highlight=False, markup=False)
        return
    try:
        text = describe_key(cfg, key)
    except KeyError:
        section = key.split(".", 1)[0]
        hint = (f"`chrono config show {section}` lists its settings" if section in SECTIONS
                else f"known sections: {', '.join(SECTIONS)} (and area)")
        _fail(f"unknown setting '{key}': {hint}")
    out.print(text, highlight=False, markup=False, soft_wrap=True)


# ---------------------------------------------------------------- other systems and case reviews

@app.command()
def export(
    outdir: Path = typer.Argument(..., help="An output folder of `chrono merge`."),
    output: Path = typer.Option(..., "-o", "--output", help="The CSV file to write (one line per agency account)."),
) -> None:
    """Write a CSV with one line per agency account and its event id, for a case-management system.

    Example: chrono export out/jayden -o jayden-accounts.csv
    """
    from chrono.pipeline import export_accounts

    _load(outdir)
    try:
        path = export_accounts(outdir, output)
    except OSError as exc:
        _fail(f"{output}: could not write the export ({exc.strerror or exc}). Choose another file with -o.")
    out.print(f"wrote {escape(str(path))}", soft_wrap=True)


@app.command()
def anonymise(
    outdir: Path = typer.Argument(..., help="An output folder of `chrono merge`."),
    glossary: Optional[Path] = typer.Option(None, "--glossary", help="Names and what replaces them (CSV). Seeded as OUTDIR/glossary.csv when not given."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Where the anonymised copies go (default OUTDIR/anonymised)."),
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Anonymised copies of every output, for a case review, a court bundle or training.

    The first run seeds a glossary (OUTDIR/glossary.csv) from the headings, authors and
    "who was involved": check it, add what `possible-names-left.txt` lists, and run again.
    Keep the glossary: it is the key that `chrono personalise` uses to put the names back.

    Example: chrono anonymise out/jayden --glossary out/jayden/glossary.csv
    """
    from chrono.anonymise import GlossaryError
    from chrono.pipeline import InputError, anonymise_outputs

    try:
        outcome = anonymise_outputs(outdir, glossary, output, _config(config, None))
    except (InputError, GlossaryError) as exc:
        _fail(str(exc))
    verb = "seeded" if outcome.seeded else "used"
    out.print(f"{verb} the glossary {escape(str(outcome.glossary))} (keep it private: it is the key)", soft_wrap=True)
    out.print(f"wrote the anonymised copies in {escape(str(outcome.written[0].parent))}", soft_wrap=True)
    if outcome.names_left:
        words = ", ".join(w for w, _ in outcome.names_left[:12])
        out.print(f"{len(outcome.names_left)} possible names left ({escape(words)} ...): check "
                  "possible-names-left.txt, add lines to the glossary and run again", soft_wrap=True)
        raise typer.Exit(1)


@app.command()
def personalise(
    anonymised: Path = typer.Argument(..., help="A folder `chrono anonymise` wrote."),
    glossary: Path = typer.Option(..., "--glossary", help="The glossary the copies were anonymised with."),
    output: Path = typer.Option(..., "-o", "--output", help="Where the personalised outputs go."),
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Put the names back into anonymised outputs with the glossary that removed them.

    Example: chrono personalise out/jayden/anonymised --glossary out/jayden/glossary.csv -o out/jayden-back
    """
    from chrono.anonymise import GlossaryError
    from chrono.pipeline import InputError, personalise_outputs

    try:
        written = personalise_outputs(anonymised, glossary, output, _config(config, None))
    except (InputError, GlossaryError) as exc:
        _fail(str(exc))
    out.print(f"wrote the personalised outputs in {escape(str(written[0].parent))}", soft_wrap=True)


def main() -> None:
    app()
