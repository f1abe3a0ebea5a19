"""Safe outputs: atomic, private, locked, and names that cannot escape the folder."""

from __future__ import annotations

import logging
import os
import socket
import stat
import subprocess
import sys
import textwrap
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chrono import logs
from chrono.files import (
    LOCK_NAME,
    OutputBusy,
    OutputLock,
    atomic_write,
    atomic_write_bytes,
    atomic_write_text,
    ensure_private_dir,
    safe_filename,
)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


# -- atomic writes -----------------------------------------------------------

def test_atomic_write_text_creates_a_private_file(tmp_path):
    target = tmp_path / "chronology.json"
    atomic_write_text(target, "{}\n")
    assert target.read_text() == "{}\n"
    assert mode(target) == 0o600
    assert os.listdir(tmp_path) == ["chronology.json"]


def test_atomic_write_bytes_replaces_the_old_file(tmp_path):
    target = tmp_path / "appendix.docx"
    target.write_bytes(b"old")
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert mode(target) == 0o600


def test_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "appendix.docx"
    target.write_bytes(b"last good appendix")

    def crash_half_way(temp):
        temp.write_bytes(b"half an appen")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        atomic_write(target, crash_half_way)
    assert target.read_bytes() == b"last good appendix"
    assert os.listdir(tmp_path) == ["appendix.docx"]


def test_interrupted_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "chronology.json"
    target.write_text("previous")

    def interrupted(temp):
        temp.write_text("partial")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, interrupted)
    assert target.read_text() == "previous"
    assert os.listdir(tmp_path) == ["chronology.json"]


def test_writer_gets_a_sibling_temp_with_the_same_extension(tmp_path):
    """matplotlib and friends pick the format from the extension."""
    seen = []
    atomic_write(tmp_path / "timeline.png", lambda temp: (seen.append(temp), temp.write_bytes(b"png")))
    assert seen[0].parent == tmp_path
    assert seen[0].suffix == ".png" and seen[0].name != "timeline.png"
    assert not seen[0].exists()


def test_writer_that_recreates_the_file_still_ends_private(tmp_path):
    """Libraries such as openpyxl replace the temp file with a 0644 one."""
    target = tmp_path / "workbook.xlsx"

    def recreate(temp):
        temp.unlink()
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT, 0o644)
        os.write(fd, b"xlsx")
        os.close(fd)

    atomic_write(target, recreate)
    assert target.read_bytes() == b"xlsx"
    assert mode(target) == 0o600


# -- private folders ---------------------------------------------------------

def test_ensure_private_dir_creates_nested_0700_folders(tmp_path):
    target = tmp_path / "cases" / "2026" / "out"
    assert ensure_private_dir(target) == target
    for folder in (tmp_path / "cases", tmp_path / "cases" / "2026", target):
        assert folder.is_dir()
        assert mode(folder) == 0o700


def test_ensure_private_dir_leaves_an_existing_folder_alone(tmp_path):
    os.chmod(tmp_path, 0o755)
    ensure_private_dir(tmp_path)
    assert mode(tmp_path) == 0o755


def test_ensure_private_dir_refuses_a_file(tmp_path):
    (tmp_path / "out").write_text("not a folder")
    from chrono.files import OutputError

    with pytest.raises(OutputError, match="a file, not a folder, has that name"):
        ensure_private_dir(tmp_path / "out")


# -- output lock -------------------------------------------------------------

def test_second_holder_of_the_output_lock_is_told_to_wait(tmp_path):
    outdir = tmp_path / "out"
    with OutputLock(outdir):
        assert mode(outdir) == 0o700
        with pytest.raises(OutputBusy) as busy:
            with OutputLock(outdir):
                pytest.fail("two runs held the same output folder")
    message = str(busy.value)
    assert message == (
        f"another chrono run is writing to {outdir} (pid {os.getpid()}); "
        "wait for it to finish or choose another -o folder"
    )
    # released: a later run gets in
    with OutputLock(outdir):
        pass


def test_lock_held_by_another_process_names_its_pid(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from chrono.files import OutputLock
            with OutputLock({str(tmp_path)!r}):
                print("held", flush=True)
                sys.stdin.readline()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(OutputBusy, match=rf"\(pid {holder.pid}\)"):
            OutputLock(tmp_path).acquire()
    finally:
        holder.communicate("done\n", timeout=30)
    assert holder.returncode == 0
    # the holder has gone: its lock went with it
    with OutputLock(tmp_path):
        assert mode(tmp_path / LOCK_NAME) == 0o600


# -- safe file names ---------------------------------------------------------

@pytest.mark.parametrize("text", [
    "../../etc/passwd",
    "..\\..\\Windows\\system.ini",
    "/absolute/path.docx",
    "..",
    ".",
    "a/../../b",
])
def test_safe_filename_cannot_escape_the_folder(text, tmp_path):
    name = safe_filename(text)
    assert "/" not in name and "\\" not in name
    assert ".." not in name
    assert name not in {"", ".", ".."}
    assert (tmp_path / name).resolve().parent == tmp_path.resolve()


def test_safe_filename_keeps_a_readable_name():
    assert safe_filename("Zoë O'Brien – chronology.docx") == "Zoë O'Brien – chronology.docx"
    assert safe_filename("Police chronology v2.xlsx") == "Police chronology v2.xlsx"


def test_safe_filename_is_nfc():
    decomposed = unicodedata.normalize("NFD", "Zoë Écoles")
    assert safe_filename(decomposed) == unicodedata.normalize("NFC", "Zoë Écoles")


def test_safe_filename_drops_control_and_direction_characters():
    name = safe_filename("child\x00name\n\r\t\x1b[31mred\u202etxt.exe")
    assert all(unicodedata.category(ch)[0] != "C" for ch in name)
    assert "\u202e" not in name


def test_safe_filename_replaces_characters_windows_refuses():
    name = safe_filename('a<b>c:d"e|f?g*h.docx')
    assert not set('<>:"|?*') & set(name)
    assert name.endswith(".docx")


@pytest.mark.parametrize("text", ["", "   ", "...", "\x00\x01", "///"])
def test_safe_filename_is_never_empty(text):
    assert safe_filename(text) == "chronology"
    assert safe_filename(text, fallback="child") == "child"


@pytest.mark.parametrize("text", ["CON", "con.docx", "Aux", "NUL.txt", "com1", "LPT9.xlsx", "PRN "])
def test_safe_filename_avoids_windows_device_names(text):
    name = safe_filename(text)
    assert name.split(".")[0].strip().upper() not in {"CON", "AUX", "NUL", "PRN", "COM1", "LPT9"}


def test_safe_filename_limits_length_and_keeps_the_extension():
    name = safe_filename("é" * 500 + ".docx")
    assert len(name.encode("utf-8")) <= 120
    assert name.endswith(".docx")
    assert name.startswith("é")
    assert safe_filename("x" * 300, max_bytes=40) == "x" * 40


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_name_that_stays_in_the_folder(text):
    name = safe_filename(text)
    assert name and name not in {".", ".."}
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith((".", " ")) and not name.endswith((".", " "))
    assert len(name.encode("utf-8")) <= 120
    assert unicodedata.is_normalized("NFC", name)
    assert safe_filename(name) == name, "not stable: cleaning twice changed it"


# -- logging -----------------------------------------------------------------

@pytest.fixture
def chrono_log(capsys):
    def configure(**options):
        logger = logs.configure(**options)
        return logger
    yield configure
    logs.configure(verbose=False, show_text=False)


def test_entry_text_is_withheld_from_the_log_by_default(chrono_log, capsys):
    chrono_log(verbose=True)
    logger = logging.getLogger("chrono.read.docx")
    logger.warning("row 4 has no date", extra={"entry_text": "Home visit, mum tearful"})
    logger.info("cell cut: %s", logs.redact("Strategy discussion notes"))
    err = capsys.readouterr().err
    assert "mum tearful" not in err and "Strategy discussion" not in err
    assert "row 4 has no date: [text withheld: 23 chars; use --show-text]" in err
    assert "cell cut: [text withheld: 25 chars; use --show-text]" in err


def test_show_text_lets_entry_text_through(chrono_log, capsys):
    chrono_log(verbose=False, show_text=True)
    logging.getLogger("chrono.merge").warning("conflict", extra={"entry_text": "Home visit"})
    assert "WARNING: conflict: Home visit" in capsys.readouterr().err


def test_quiet_logging_hides_debug(chrono_log, capsys):
    chrono_log(verbose=False)
    logging.getLogger("chrono.read").debug("sheet 1 mapped")
    logging.getLogger("chrono.read").warning("sheet 2 skipped")
    err = capsys.readouterr().err
    assert "sheet 1 mapped" not in err
    assert "sheet 2 skipped" in err


def test_configure_twice_does_not_duplicate_lines(chrono_log, capsys):
    chrono_log(verbose=True)
    chrono_log(verbose=True)
    logging.getLogger("chrono").warning("once")
    assert capsys.readouterr().err.count("once") == 1


# -- the offline guard -------------------------------------------------------

def test_network_use_fails_the_test():
    with pytest.raises(pytest.fail.Exception, match="network"):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    with pytest.raises(pytest.fail.Exception, match="network"):
        socket.getaddrinfo("example.org", 443)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        with pytest.raises(pytest.fail.Exception, match="network"):
            sock.connect(("192.0.2.1", 80))
