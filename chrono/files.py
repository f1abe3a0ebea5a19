"""Writing outputs safely: atomically, privately, one run per output folder.

The outputs describe a child, so every file chrono writes is created 0600 and
every folder it creates 0700. A file is written to a temporary sibling and
renamed into place, so a crash or a full disk never leaves a half-written
appendix where the last good one was. A lock file stops two runs writing the
same folder at once. :func:`safe_filename` turns a child's name or an input
file's name into something that cannot escape the output folder.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from types import TracebackType
from typing import Callable

__all__ = [
    "OutputError",
    "output_error",
    "interrupted_run",
    "Publication",
    "atomic_write",
    "atomic_write_bytes",
    "atomic_write_text",
    "ensure_private_dir",
    "OutputBusy",
    "OutputLock",
    "safe_filename",
    "LOCK_NAME",
]

#: The lock file a run holds inside its output folder.
LOCK_NAME = ".chrono.lock"

_PRIVATE_FILE = 0o600
_PRIVATE_DIR = 0o700


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (a no-op where directories can't be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(temp_path)``, then move the finished file onto ``path``.

    The temporary file sits in the same folder (so the rename is atomic), keeps
    the target's extension (writers that infer the format from it still work),
    is created 0600 and is fsynced before the rename. If ``write`` raises, the
    temporary file is removed, the previous ``path`` is left untouched and the
    exception propagates.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}", dir=folder)
    temp = Path(temp_name)
    try:
        os.close(fd)
        write(temp)
        # Writers (python-docx, openpyxl) may recreate the file: keep it private.
        os.chmod(temp, _PRIVATE_FILE)
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            temp.unlink()
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(folder)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Atomically replace ``path`` with ``data`` (created 0600)."""
    atomic_write(path, lambda temp: temp.write_bytes(data))


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Atomically replace ``path`` with ``text`` (created 0600, ``\\n`` line ends)."""
    def write(temp: Path) -> None:
        with open(temp, "w", encoding=encoding, newline="\n") as handle:
            handle.write(text)

    atomic_write(path, write)


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` and any missing parents as 0700 folders; return it.

    Folders that already exist keep their permissions: they belong to the
    user. A folder that cannot be made (read-only disk, no permission, a file
    in the way) raises :class:`OutputError`, one line naming it.
    """
    path = Path(path)
    try:
        missing: list[Path] = []
        current = path
        while not current.exists():
            missing.append(current)
            if current.parent == current:
                break
            current = current.parent
        for folder in reversed(missing):
            try:
                folder.mkdir(mode=_PRIVATE_DIR)
            except FileExistsError:
                continue
            os.chmod(folder, _PRIVATE_DIR)  # mkdir's mode is reduced by the umask
        if not path.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(path))
    except OSError as exc:
        raise output_error(exc, path) from None
    return path


class OutputError(OSError):
    """The output folder cannot be written (read-only, full, not allowed): one line for the user."""

    def __str__(self) -> str:
        return str(self.strerror)


def output_error(exc: OSError, where: Path) -> OutputError:
    """``exc`` as a sentence naming the output folder and what to do (never a traceback)."""
    if isinstance(exc, OutputError):
        return exc
    code = getattr(exc, "errno", None)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        why = "the disk is full (No space left on device): free some space or choose another -o folder"
    elif code == errno.EROFS:
        why = "it is on a read-only disk: choose another -o folder"
    elif code in (errno.EACCES, errno.EPERM):
        why = "permission denied: choose a folder you can write to, or ask IT for access"
    elif code in (errno.ENOTDIR, errno.EEXIST):
        why = "a file, not a folder, has that name: choose another -o folder"
    else:
        why = f"{exc.strerror or exc.__class__.__name__}: check the folder and run again"
    err = OutputError(code or 0, f"cannot write the outputs to {where}: {why}")
    return err


class OutputBusy(RuntimeError):
    """Another chrono run holds the output folder's lock."""


class OutputLock:
    """Hold ``OUTDIR/.chrono.lock`` for the length of a run.

    ``with OutputLock(outdir): ...`` creates the folder (0700) if needed and
    takes an exclusive, non-blocking ``flock``. A second run on the same folder
    gets :class:`OutputBusy` straight away rather than interleaving its writes.
    The lock is released by the kernel if the process dies, so a stale lock
    file never blocks a later run.
    """

    def __init__(self, outdir: Path) -> None:
        self.outdir = Path(outdir)
        self.path = self.outdir / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            ensure_private_dir(self.outdir)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, _PRIVATE_FILE)
        except OSError as exc:
            raise output_error(exc, self.outdir) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_pid(fd)
            os.close(fd)
            raise OutputBusy(
                f"another chrono run is writing to {self.outdir} (pid {holder}); "
                "wait for it to finish or choose another -o folder"
            ) from None
        except BaseException:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "OutputLock":
        self.acquire()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()


def _read_pid(fd: int) -> str:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        text = ""
    return text if text.isdigit() else "unknown"


_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{stem}{n}" for stem in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")
}
# Path separators, characters Windows refuses, and anything non-printing.
_UNSAFE = re.compile(r'[/\\<>:"|?*]')


def safe_filename(text: str, max_bytes: int = 120, fallback: str = "chronology") -> str:
    """A file name made from ``text`` that is safe on Linux, macOS and Windows.

    Used for names derived from a child's name or an input file's name. The
    result has no path separators, no ``..``, no control characters, no
    leading/trailing dots or spaces, is NFC-normalised, at most ``max_bytes``
    bytes of UTF-8 (the extension is kept when truncating), never empty and
    never a Windows reserved device name such as ``CON`` or ``com1.txt``.
    """
    name = unicodedata.normalize("NFC", str(text))
    name = "".join(
        "_" if unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"} else ch
        for ch in name
    )
    name = _UNSAFE.sub("_", name)
    name = re.sub(r"\s+", " ", name)
    name = re.sub(r"\.{2,}", ".", name)
    name = re.sub(r"_{2,}", "_", name)
    name = name.strip(" ._")
    if not name:
        name = fallback
    name = _truncate(name, max_bytes)
    stem = name.split(".", 1)[0].rstrip(" ")
    if stem.upper() in _WINDOWS_RESERVED:
        name = _truncate(f"_{name}", max_bytes)
    return name


def _truncate(name: str, max_bytes: int) -> str:
    """Cut ``name`` to ``max_bytes`` of UTF-8, keeping a short extension."""
    if len(name.encode("utf-8")) <= max_bytes:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or len(ext.encode("utf-8")) > 10:
        stem, ext = name, ""
    else:
        ext = "." + ext
    budget = max(1, max_bytes - len(ext.encode("utf-8")))
    cut = stem.encode("utf-8")[:budget].decode("utf-8", "ignore").rstrip(" .")
    return (cut or "_") + ext


# -- publishing one run's outputs together -------------------------------------

#: The record of the last run's outputs (name -> sha256 and run id), written last.
MANIFEST_NAME = ".chrono-outputs.json"
#: Where a run writes its outputs before moving them into place together.
STAGING_PREFIX = ".chrono-run."
#: A temporary file of :func:`atomic_write` (``.appendix.k3j_x9a1.tmp.docx``), left by a killed run.
#: Only chrono's own outputs' temp files match: a user's hidden file in OUTDIR is never touched.
_STALE_TEMP = re.compile(r"^\.\.?(?:chronology|appendix|appendix-parents-copy|timeline|timeline-for-appendix|"
                         r"chrono-outputs|chrono-decisions|caseload)\.[a-z0-9_]{8}\.tmp(?:\.[A-Za-z0-9]{1,8})?$")


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Publication:
    """Write one run's outputs into a staging folder, then move them into OUTDIR together.

    ``with Publication(outdir) as pub: write(pub.stage("appendix.docx")); ...``
    Each output is written in full to ``OUTDIR/.chrono-run.<id>/`` first;
    only when all are written are they renamed into place, one after the
    other, and the manifest (each output's sha256 and run id) is written
    last. If a run dies part-way (``kill -9``, power cut), the next run finds
    the staging folder or an output whose hash the manifest does not know,
    says so (:attr:`interrupted`), removes the leftovers and rewrites every
    output. Call under :class:`OutputLock`.
    """

    def __init__(self, outdir: Path, outputs: tuple[str, ...] = ()) -> None:
        self.outdir = Path(outdir)
        self.run_id = f"{os.getpid()}-{os.urandom(4).hex()}"
        self.staging = self.outdir / f"{STAGING_PREFIX}{self.run_id}"
        self.outputs = outputs
        self._staged: dict[str, Path] = {}
        self.interrupted: list[str] = []

    # the state the last run left
    def inspect(self) -> list[str]:
        """Remove what an interrupted run left and say what was found (file names only)."""
        self.interrupted = interrupted_run(self.outdir, self.outputs, clean=True)
        return self.interrupted

    def __enter__(self) -> "Publication":
        self.inspect()
        ensure_private_dir(self.staging)
        return self

    def stage(self, name: str) -> Path:
        """Where to write output ``name`` during this run."""
        path = self.staging / name
        self._staged[name] = path
        return path

    def publish(self) -> list[Path]:
        """Move every staged output into OUTDIR, then record them in the manifest."""
        manifest = read_manifest(self.outdir)
        done: list[Path] = []
        ready = {name: path for name, path in self._staged.items() if path.is_file()}
        hashes = {name: _sha256(path) for name, path in ready.items()}
        for name, path in ready.items():
            target = self.outdir / name
            os.replace(path, target)
            done.append(target)
        _fsync_dir(self.outdir)
        for name in ready:
            manifest[name] = {"sha256": hashes[name], "run": self.run_id}
        import json

        atomic_write_text(self.outdir / MANIFEST_NAME, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
        return done

    def __exit__(self, exc_type, exc, tb) -> None:
        _remove_tree(self.staging)


def interrupted_run(outdir: Path, outputs: tuple[str, ...], clean: bool = False) -> list[str]:
    """What an interrupted run left in ``outdir``: staging folders, temp files, outputs the manifest does not know.

    An empty list means the outputs are one run's complete set. With
    ``clean`` the staging folders and temporary files are removed (only under
    the output lock: another run may be writing them otherwise).
    """
    outdir = Path(outdir)
    found: list[str] = []
    try:
        entries = sorted(outdir.iterdir())
    except OSError:
        return found
    for path in entries:
        name = path.name
        if name.startswith(STAGING_PREFIX) and path.is_dir() and not path.is_symlink():
            found.append(f"an unfinished run's folder ({name})")
            if clean:
                _remove_tree(path)
        elif _STALE_TEMP.match(name) and path.is_file():
            found.append(f"a half-written temporary file ({name})")
            if clean:
                path.unlink(missing_ok=True)
    manifest = read_manifest(outdir)
    for name in outputs:
        path = outdir / name
        if not path.is_file():
            continue
        known = manifest.get(name)
        if known is None:
            if manifest:
                found.append(f"{name} not recorded as written by the last run")
        elif known.get("sha256") != _sha256(path):
            found.append(f"{name} does not match the last run's record")
    return found


def read_manifest(outdir: Path) -> dict[str, dict[str, str]]:
    """The last run's record of its outputs ({} when there is none or it cannot be read)."""
    import json

    try:
        data = json.loads((Path(outdir) / MANIFEST_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, dict)} if isinstance(data, dict) else {}


def _remove_tree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)
