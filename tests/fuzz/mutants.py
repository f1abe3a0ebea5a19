"""Mutants of the test builders' submissions, for the fuzz harness.

``seed_files()`` builds one ordinary Word, Excel and CSV chronology with
``tests.builders`` (fictional data); ``mutant(rng)`` picks a seed and one to
three mutators and returns the damaged file's name, bytes and a description
that reproduces it. The mutators attack what the issue found fragile: the
zip's bytes, the XML's structure, the tables' geometry (spans, merges, far
cells, many rows) and the CSV's shape (blank lines, width, quotes, bytes).

Shared by ``tests/fuzz`` (a bounded slice in CI) and ``bench/fuzz.py`` (the
long run by hand).
"""

from __future__ import annotations

import io
import random
import re
import tempfile
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from tests.builders import entry, write_csv, write_docx, write_xlsx

#: rows in each seed file (each good copy in a pipeline case must keep all of them)
SEED_ROWS = [
    entry("03/02/2025", "Home visit by social worker, Tilly seen alone", "Children's Social Care"),
    entry("10/02/2025", "Missed health review", "Health Visiting", seen="No"),
    entry("14/02/2025", "Attended school, tired and hungry", "School"),
    entry("21/02/2025", "Police welfare check at the address", "Police", seen="No"),
]


@dataclass
class Mutant:
    name: str
    data: bytes
    recipe: str


@lru_cache(maxsize=1)
def seed_files() -> dict[str, bytes]:
    """The ordinary submissions every mutant starts from, by file name."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = [
            write_docx(folder / "HV chronology.docx", SEED_ROWS, agency="Health Visiting"),
            write_xlsx(folder / "School chronology.xlsx", SEED_ROWS, agency="School"),
            write_csv(folder / "Police chronology.csv", SEED_ROWS),
        ]
        return {p.name: p.read_bytes() for p in paths}


# -- zip bytes -------------------------------------------------------------------

def flip_bytes(data: bytes, rng: random.Random, kind: str) -> tuple[bytes, str]:
    out = bytearray(data)
    n = rng.randint(1, 24)
    for _ in range(n):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out), f"flip {n} bytes"


def truncate(data: bytes, rng: random.Random, kind: str) -> tuple[bytes, str]:
    cut = rng.randrange(1, len(data))
    return data[:cut], f"truncate at {cut}"


def splice(data: bytes, rng: random.Random, kind: str) -> tuple[bytes, str]:
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randint(1, 4096))
    times = rng.randint(1, 50)
    return data[:b] + data[a:b] * times + data[b:], f"repeat bytes {a}:{b} x{times}"


# -- XML structure (Office files) ----------------------------------------------------

def _members(data: bytes) -> dict[str, bytes] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return {i.filename: zf.read(i) for i in zf.infolist()}
    except Exception:
        return None


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return out.getvalue()


def _main_part(members: dict[str, bytes]) -> str:
    for name in ("word/document.xml", "xl/worksheets/sheet1.xml"):
        if name in members:
            return name
    return next(iter(members))


def _edit_main(data: bytes, rng: random.Random, edit: Callable[[bytes, random.Random], tuple[bytes, str]],
               part: str | None = None) -> tuple[bytes, str]:
    members = _members(data)
    if not members:
        return flip_bytes(data, rng, "")
    name = part if part and part in members else _main_part(members)
    members[name], what = edit(members[name], rng)
    return _zip(members), f"{name}: {what}"


def _tags(xml: bytes, pattern: bytes) -> list[re.Match]:
    return list(re.finditer(pattern, xml))


def xml_drop_close(data, rng, kind):
    def edit(xml, rng):
        tags = _tags(xml, rb"</[\w:]+>")
        if not tags:
            return xml, "no tag"
        m = rng.choice(tags)
        return xml[: m.start()] + xml[m.end():], f"drop {m.group().decode()}"
    return _edit_main(data, rng, edit)


def xml_repeat_element(data, rng, kind):
    def edit(xml, rng):
        pat = rb"<w:tr[ >].*?</w:tr>" if b"<w:tr" in xml else rb"<row[ >].*?</row>"
        rows = list(re.finditer(pat, xml, re.S))
        if not rows:
            return xml, "no row"
        m = rng.choice(rows)
        times = rng.choice([2, 50, 2_000, 20_000])
        return xml[: m.end()] + m.group() * times + xml[m.end():], f"repeat a row x{times}"
    return _edit_main(data, rng, edit)


def xml_huge_number(data, rng, kind):
    def edit(xml, rng):
        nums = _tags(xml, rb'="(\d+)"')
        if not nums:
            return xml, "no number"
        m = rng.choice(nums)
        value = rng.choice([b"0", b"-1", b"1048576", b"300000000", b"99999999999999999999", b"1e9", b""])
        return xml[: m.start(1)] + value + xml[m.end(1):], f"attribute {m.group().decode()} -> {value.decode()}"
    return _edit_main(data, rng, edit)


def xml_dtd(data, rng, kind):
    def edit(xml, rng):
        pad = b"<!--" + b"p" * rng.choice([0, 5000, 40000]) + b"-->"
        dtd = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        head = xml.find(b"?>") + 2
        return xml[:head] + pad + dtd + xml[head:], f"DTD after {len(pad)} bytes"
    return _edit_main(data, rng, edit)


def xml_nest(data, rng, kind):
    def edit(xml, rng):
        depth = rng.choice([10, 200, 3000])
        if b"<w:tc>" in xml:
            inner = b"<w:tbl><w:tr><w:tc>" * depth + b"<w:p/>" + b"</w:tc></w:tr></w:tbl>" * depth
            at = xml.find(b"</w:tc>")
            return xml[:at] + inner + xml[at:], f"nest {depth} tables"
        inner = b"<x>" * depth + b"</x>" * depth
        at = xml.find(b"</sheetData>")
        return (xml[:at] + inner + xml[at:] if at > 0 else xml), f"nest {depth} elements"
    return _edit_main(data, rng, edit)


def xml_garble_text(data, rng, kind):
    def edit(xml, rng):
        texts = _tags(xml, rb">([^<]{2,})<")
        if not texts:
            return xml, "no text"
        m = rng.choice(texts)
        junk = rng.choice([b"\x01\x02", b"\xff\xfe", b"&#0;", b"&undefined;", b"]]>", b"\xed\xa0\x80", b"A" * 40000])
        return xml[: m.start(1)] + junk + xml[m.end(1):], f"text -> {junk[:12]!r}"
    return _edit_main(data, rng, edit)


def xml_drop_member(data, rng, kind):
    members = _members(data)
    if not members:
        return flip_bytes(data, rng, kind)
    name = rng.choice(sorted(members))
    del members[name]
    return _zip(members), f"drop member {name}"


def docx_geometry(data, rng, kind):
    def edit(xml, rng):
        cells = _tags(xml, rb"<w:tc>")
        if not cells:
            return xml, "no cell"
        m = rng.choice(cells)
        prop = rng.choice([
            b'<w:tcPr><w:gridSpan w:val="%d"/></w:tcPr>' % rng.choice([0, 2, 64, 5000, 300000000]),
            b'<w:tcPr><w:vMerge/></w:tcPr>',
            b'<w:tcPr><w:vMerge w:val="continue"/></w:tcPr>',
            b'<w:tcPr><w:gridSpan w:val="-7"/></w:tcPr>',
        ])
        out = xml[: m.end()] + prop + xml[m.end():]
        if rng.random() < 0.3:
            rows = _tags(out, rb"<w:tr>")
            if rows:
                r = rng.choice(rows)
                before = b'<w:trPr><w:gridBefore w:val="%d"/></w:trPr>' % rng.choice([1, 900, 10**8])
                out = out[: r.end()] + before + out[r.end():]
        return out, f"cell property {prop[:60]!r}"
    return _edit_main(data, rng, edit, "word/document.xml")


def xlsx_geometry(data, rng, kind):
    def edit(xml, rng):
        choice = rng.randrange(4)
        if choice == 0:
            refs = _tags(xml, rb'<c r="([A-Z]+\d+)"')
            if refs:
                m = rng.choice(refs)
                far = rng.choice([b"XFD1", b"A1048576", b"XFD1048576", b"ZZZ9", b"IW3"])
                return xml[: m.start(1)] + far + xml[m.end(1):], f"cell {m.group(1).decode()} -> {far.decode()}"
        if choice == 1:
            n = rng.choice([1, 200, 2000])
            ref = rng.choice([b"A2:A1048576", b"B3:B1048576", b"A1:XFD1048576", b"E2:E9"])
            block = b'<mergeCells count="%d">' % n + b'<mergeCell ref="%s"/>' % ref * n + b"</mergeCells>"
            return xml.replace(b"</sheetData>", b"</sheetData>" + block, 1), f"{n} merges {ref.decode()}"
        if choice == 2:
            n = rng.choice([1000, 50_000, 200_000])
            end = rng.choice([b"</row>", b"</row >", b""])
            rows = b"".join(b'<row r="%d">' % k + end for k in range(100, 100 + n))
            return xml.replace(b"</sheetData>", rows + b"</sheetData>", 1), f"{n} empty rows ending {end!r}"
        vals = _tags(xml, rb"<v>(\d+)</v>")
        if vals:
            m = rng.choice(vals)
            return xml[: m.start(1)] + b"99999999" + xml[m.end(1):], "value/string index 99999999"
        return xml, "nothing"
    return _edit_main(data, rng, edit)


# -- CSV shape ---------------------------------------------------------------------

def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def csv_blank_lines(data, rng, kind):
    n = rng.choice([10, 5_000, 300_000])
    sep = rng.choice([b"\n", b"\r\n", b"\r", b",,,,\n"])
    lines = _lines(data)
    at = rng.randrange(len(lines))
    return b"\n".join(lines[:at]) + b"\n" + sep * n + b"\n".join(lines[at:]), f"{n} blank lines {sep!r} at {at}"


def csv_wide(data, rng, kind):
    n = rng.choice([20, 1_100, 5_000])
    lines = _lines(data)
    which = rng.choice(["header", "all", "one"])
    extra = b"," + b",".join(b"Column %d" % i for i in range(n))
    if which == "header":
        lines[0] = lines[0].rstrip(b"\r") + extra
    elif which == "all":
        lines = [l.rstrip(b"\r") + extra if l.strip() else l for l in lines]
    else:
        k = rng.randrange(len(lines))
        lines[k] = lines[k].rstrip(b"\r") + extra
    return b"\n".join(lines), f"{n} extra columns on {which}"


def csv_quotes(data, rng, kind):
    pos = rng.randrange(len(data))
    q = rng.choice([b'"', b'""', b'"\n"', b"'"])
    return data[:pos] + q + data[pos:], f"quote {q!r} at {pos}"


def csv_delimiters(data, rng, kind):
    d = rng.choice([b";", b"\t", b"|", b" ", b"\x00"])
    if rng.random() < 0.5:
        return data.replace(b",", d), f"every comma -> {d!r}"
    lines = _lines(data)
    k = rng.randrange(len(lines))
    lines[k] = lines[k].replace(b",", d)
    return b"\n".join(lines), f"line {k} commas -> {d!r}"


def csv_bytes(data, rng, kind):
    choice = rng.randrange(4)
    if choice == 0:
        return data.replace(b"\n", b"\r"), "CR-only line ends"
    if choice == 1:
        return b"\xef\xbb\xbf" + data.replace(b"\n", b"\n\xef\xbb\xbf", 3), "BOMs inside"
    if choice == 2:
        try:
            return data.decode("utf-8-sig").encode(rng.choice(["utf-16", "utf-16-le", "cp1252"])), "re-encoded"
        except UnicodeError:
            return data, "not re-encodable"
    pos = rng.randrange(len(data))
    return data[:pos] + b"x" * rng.choice([1000, 200_000]) + data[pos:], "long cell"


def as_other_kind(data, rng, kind):
    """Bytes of one kind under another's name is done by the caller's renaming; here: junk prefixes."""
    prefix = rng.choice([b"%PDF-1.4\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf1", b"<html>", b"PK\x03\x04"])
    return prefix + data, f"prefix {prefix[:8]!r}"


OFFICE = [flip_bytes, truncate, splice, xml_drop_close, xml_repeat_element, xml_huge_number, xml_dtd,
          xml_nest, xml_garble_text, xml_drop_member, as_other_kind]
WORD = OFFICE + [docx_geometry] * 4
EXCEL = OFFICE + [xlsx_geometry] * 4
CSV = [flip_bytes, truncate, splice, csv_blank_lines, csv_wide, csv_quotes, csv_delimiters, csv_bytes, as_other_kind]

_SUFFIXES = [".docx", ".xlsx", ".csv", ".txt", ".xlsm", ".pdf", ""]


def mutant(rng: random.Random, number: int) -> Mutant:
    """One mutant of a seed file: one to three mutators, sometimes under another extension."""
    seeds = seed_files()
    name = rng.choice(sorted(seeds))
    data = seeds[name]
    kind = Path(name).suffix
    pool = {".docx": WORD, ".xlsx": EXCEL, ".csv": CSV}[kind]
    steps = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        fn = rng.choice(pool)
        data, what = fn(data, rng, kind)
        steps.append(f"{fn.__name__}({what})")
        if not data:
            data = b"\x00"
    suffix = kind if rng.random() < 0.9 else rng.choice(_SUFFIXES)
    return Mutant(f"mutant {number:05d} {Path(name).stem}{suffix}", data, " + ".join(steps))
