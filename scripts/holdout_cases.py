#!/usr/bin/env python3
"""Build two independent hold-out cases (a teenager and a baby) with truth files.

    python scripts/holdout_cases.py [DIR]        (default /tmp/holdout2)

Deterministic.  Writes DIR/<case>/... and DIR/<case>.truth.json in the format
shared/eval/score.py reads, then re-reads every generated file and checks the
truth rows' provenance and cells against it.  All people and places are invented.
Written without reference to chrono's lexicon or code.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import shutil
import sys
from collections import defaultdict

from docx import Document
from docx.enum.text import WD_BREAK
from openpyxl import Workbook, load_workbook

D = dt.date
DT = dt.datetime

# ---------------------------------------------------------------------------
# truth for a date cell
# ---------------------------------------------------------------------------
MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"])}
MON3 = {k[:3]: v for k, v in MONTHS.items()}
MON3["sept"] = 9


def _y(y):
    y = int(y)
    return y + 2000 if y < 100 else y


def month_no(n):
    n = n.lower()
    return MONTHS.get(n) or MON3[n[:3]]


def parse_cell_date(v):
    """(iso, precision, approximate, time, reject) for the date cells this script writes."""
    if isinstance(v, DT):
        t = v.strftime("%H:%M") if (v.hour or v.minute) else None
        return v.date().isoformat(), "day", False, t, False
    if isinstance(v, D):
        return v.isoformat(), "day", False, None, False
    s = v.strip()
    approx = False
    m = re.match(r"^(w/c|approx\.?|\?)\s*", s, re.I)
    if m:
        approx = True
        s = s[m.end():]
    t = None
    m = re.search(r"\s+(?:@\s*)?(\d{1,2})[:.](\d{2})$", s)
    if m:
        t = f"{int(m.group(1)):02d}:{m.group(2)}"
        s = s[:m.start()].strip()
    m = re.search(r"\s*@\s*(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm)\s*$", s, re.I)
    if m:
        h = int(m.group(1)) % 12 + (12 if m.group(3).lower() == "pm" else 0)
        t = f"{h:02d}:{m.group(2) or '00'}"
        s = s[:m.start()].strip()
    try:
        m = re.match(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})$", s)
        if m:
            return D(_y(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat(), "day", approx, t, False
        m = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", s)
        if m:
            return D(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat(), "day", approx, t, False
        m = re.match(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{2,4})$", s)
        if m:
            mon = month_no(m.group(2))
            return D(_y(m.group(3)), mon, int(m.group(1))).isoformat(), "day", approx, t, False
        m = re.match(r"^([A-Za-z]+)\s+(\d{4})$", s)
        if m:
            mon = month_no(m.group(1))
            return D(int(m.group(2)), mon, 1).isoformat(), "month", approx, t, False
        m = re.match(r"^(\d{4})$", s)
        if m:
            return D(int(s), 1, 1).isoformat(), "year", approx, t, False
    except (ValueError, KeyError):
        return None, None, False, None, True
    return None, None, False, None, True


SEEN = {
    "": "unknown", "N/A": "unknown", "n/a": "unknown", "NA": "unknown", "Not applicable": "unknown",
    "N/A - visit for sibling": "unknown", "n/a (letter)": "unknown", "-": "unknown", "unborn": "unknown",
    "Y": "yes", "Yes": "yes", "yes": "yes", "Seen": "yes", "seen alone": "yes", "Yes - seen alone": "yes",
    "Y - seen alone": "yes", "Seen in cot": "yes", "Y - baby in pram": "yes", "Yes - with mum": "yes",
    "Seen on return": "yes", "Y (ward)": "yes", "seen in school": "yes", "Yes, in clinic": "yes",
    "N": "no", "No": "no", "no": "no", "not seen - asleep": "no", "No - telephone contact": "no",
    "Not seen": "no", "N - at school": "no", "No - out with friends": "no", "N (mum only)": "no",
}

_TEST_DATES = {
    "12.3.25": ("2025-03-12", "day", False, None, False),
    "12th March 2025": ("2025-03-12", "day", False, None, False),
    "w/c 07/04/25": ("2025-04-07", "day", True, None, False),
    "approx. 20/05/25": ("2025-05-20", "day", True, None, False),
    "?04/02/25": ("2025-02-04", "day", True, None, False),
    "May 2025": ("2025-05-01", "month", False, None, False),
    "2019": ("2019-01-01", "year", False, None, False),
    "14/03/25 22:40": ("2025-03-14", "day", False, "22:40", False),
    "30/08/2025 @ 11.15pm": ("2025-08-30", "day", False, "23:15", False),
    "4 Jul 25": ("2025-07-04", "day", False, None, False),
    "2nd March 2025 06:12": ("2025-03-02", "day", False, "06:12", False),
    "2025-09-13 15:20": ("2025-09-13", "day", False, "15:20", False),
    "TBC": (None, None, False, None, True),
    "31/09/25": (None, None, False, None, True),
    "unknown": (None, None, False, None, True),
    "Sept 2022": ("2022-09-01", "month", False, None, False),
}


def selftest_dates():
    for k, v in _TEST_DATES.items():
        got = parse_cell_date(k)
        assert got == v, (k, got, v)


# ---------------------------------------------------------------------------
# case description helpers
# ---------------------------------------------------------------------------
def R(ev, d, text, seen="", who="", out="", staff="", time="", r=None, var=None):
    """One chronology entry.  var = {round: {field: value}} applies from that round on."""
    return dict(ev=ev, d=d, text=text, seen=seen, who=who, out=out, staff=staff, time=time, r=r, var=var or {})


def entry_for_round(e, rnd):
    x = dict(e)
    for k in sorted(e["var"]):
        if k <= rnd:
            x.update(e["var"][k])
    return x


def truth_fields(x):
    iso, prec, approx, t, rej = parse_cell_date(x["d"])
    if x.get("time"):
        t = x["time"]
    return iso, prec, approx, t, rej


def cell_repr(v):
    if isinstance(v, DT):
        if v.hour or v.minute:
            return {"datetime": v.strftime("%Y-%m-%dT%H:%M")}
        return {"date": v.date().isoformat()}
    if isinstance(v, D):
        return {"date": v.isoformat()}
    return "" if v is None else str(v)


# ---------------------------------------------------------------------------
# writers.  Each returns ({entry index: (table, row, cells)}, table layout list)
# ---------------------------------------------------------------------------
def col_value(role, x, extras):
    if role == "date":
        return x["d"]
    if role == "time":
        return x.get("time") or ""
    if role in ("text", "seen", "who", "out", "staff"):
        return x.get(role) or ""
    if role.startswith("extra:"):
        return extras.get(role[6:], "")
    if role.startswith("const:"):
        return role[6:]
    raise KeyError(role)


def write_docx(path, spec, entries, rnd, child_hdr):
    doc = Document()
    cols = spec["cols"]
    heads = [h for _, h in cols]
    tcount = 0
    if spec.get("heading") == "table":
        ht = doc.add_table(rows=0, cols=2)
        for k, v in child_hdr:
            c = ht.add_row().cells
            c[0].text, c[1].text = k, v
        tcount += 1
    else:
        doc.add_paragraph(spec.get("title", "Multi-agency chronology"))
        for k, v in child_hdr:
            doc.add_paragraph(f"{k}: {v}")
    doc.add_paragraph(spec.get("intro", "Chronology of significant events"))
    mess = spec.get("mess", {}).get(rnd, {})
    rep_after = mess.get("repeat_header_after")
    blanks = set(mess.get("blank_after", []))
    split = mess.get("split_after")
    split_hdr = mess.get("split_header", True)
    pos, layout = {}, []
    tcount += 1
    t = doc.add_table(rows=0, cols=len(cols))
    t.style = "Table Grid"
    rowno = 0
    info = {"table": tcount, "role": "chronology", "header_rows": [], "blank_rows": [], "title_rows": [],
            "columns": [r for r, _ in cols], "headers": heads}

    def add(vals):
        nonlocal rowno
        cells = t.add_row().cells
        for c, v in zip(cells, vals):
            c.text = v
        rowno += 1
        return rowno

    info["header_rows"].append(add(heads))
    for i, (idx, x) in enumerate(entries):
        vals = [str(col_value(r, x, spec.get("extras", {}))) for r, _ in cols]
        assert all(not isinstance(col_value(r, x, {}), (D, DT)) for r, _ in cols if r == "date"), path
        n = add(vals)
        pos[idx] = (tcount, n, vals)
        k = i + 1
        if k == rep_after:
            info["header_rows"].append(add(heads))
        if k in blanks:
            info["blank_rows"].append(add([""] * len(cols)))
        if split and k == split and i + 1 < len(entries):
            info["nrows"] = rowno
            layout.append(info)
            p = doc.add_paragraph()
            p.add_run().add_break(WD_BREAK.PAGE)
            tcount += 1
            t = doc.add_table(rows=0, cols=len(cols))
            t.style = "Table Grid"
            rowno = 0
            info = {"table": tcount, "role": "chronology", "header_rows": [], "blank_rows": [], "title_rows": [],
                    "columns": [r for r, _ in cols], "headers": heads}
            if split_hdr:
                info["header_rows"].append(add(heads))
    info["nrows"] = rowno
    layout.append(info)
    doc.add_paragraph(spec.get("footer", "Signed: ____________   Date: ________"))
    doc.save(path)
    return pos, layout


def write_xlsx(path, spec, entries, rnd, child_hdr):
    wb = Workbook()
    ws0 = wb.active
    mess = spec.get("mess", {}).get(rnd, {})
    cols = mess.get("cols", spec["cols"])
    sheet = mess.get("sheet", spec.get("sheet", "Sheet1"))
    if spec.get("cover"):
        ws0.title = "Cover"
        for i, (k, v) in enumerate(child_hdr, 1):
            ws0.cell(i, 1, k)
            ws0.cell(i, 2, v)
        ws0.cell(len(child_hdr) + 2, 1, spec["cover"])
        ws = wb.create_sheet(sheet)
    else:
        ws = ws0
        ws.title = sheet
    r = 0
    titles = spec.get("titles", [])
    info = {"table": sheet, "role": "chronology", "header_rows": [], "title_rows": [], "blank_rows": [],
            "columns": [c for c, _ in cols], "headers": [h for _, h in cols]}
    for tl in titles:
        r += 1
        ws.cell(r, 1, tl.format(**dict(child_hdr)) if "{" in tl else tl)
        info["title_rows"].append(r)
    if spec.get("gap_after_titles"):
        r += 1
    r += 1
    for j, (_, h) in enumerate(cols, 1):
        ws.cell(r, j, h)
    info["header_rows"].append(r)
    blanks = set(mess.get("blank_after", []))
    pos = {}
    for i, (idx, x) in enumerate(entries):
        r += 1
        vals = []
        for j, (role, _) in enumerate(cols, 1):
            v = col_value(role, x, spec.get("extras", {}))
            c = ws.cell(r, j, v if v != "" else None)
            if isinstance(v, DT):
                c.number_format = "dd/mm/yyyy hh:mm" if (v.hour or v.minute) else "dd/mm/yyyy"
            vals.append(cell_repr(v))
        pos[idx] = (sheet, r, vals)
        if i + 1 in blanks:
            r += 1
            info["blank_rows"].append(r)
    info["max_row"] = r
    wb.save(path)
    return pos, [info]


def write_csv(path, spec, entries, rnd, child_hdr):
    cols = spec["cols"]
    enc = spec.get("encoding", "utf-8")
    mess = spec.get("mess", {}).get(rnd, {})
    blanks = set(mess.get("blank_after", []))
    pos = {}
    info = {"table": 1, "role": "chronology", "header_rows": [1], "blank_rows": [],
            "columns": [c for c, _ in cols], "headers": [h for _, h in cols]}
    line = 1
    with open(path, "w", newline="", encoding=enc) as fh:
        w = csv.writer(fh)
        w.writerow([h for _, h in cols])
        for i, (idx, x) in enumerate(entries):
            vals = [str(col_value(r, x, spec.get("extras", {}))) for r, _ in cols]
            w.writerow(vals)
            line += 1
            pos[idx] = (1, line, vals)
            if i + 1 in blanks:
                w.writerow([""] * len(cols))
                line += 1
                info["blank_rows"].append(line)
    info["nlines"] = line
    return pos, [info]


WRITERS = {"docx": write_docx, "xlsx": write_xlsx, "csv": write_csv}


# ---------------------------------------------------------------------------
# building a case
# ---------------------------------------------------------------------------
def build_case(root, C):
    cid = C["case_id"]
    cdir = os.path.join(root, cid)
    if os.path.exists(cdir):
        shutil.rmtree(cdir)
    os.makedirs(cdir)
    rounds = C["rounds"]
    rows, files, refused = [], [], []
    for sub in C["submissions"]:
        for rnd in sub["rounds"]:
            rinfo = rounds[rnd - 1]
            fname = sub["fname"].format(**rinfo)
            full = os.path.join(cdir, fname)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            ents = []
            for idx, e in enumerate(sub["entries"]):
                x = entry_for_round(e, rnd)
                intro = e["r"]
                if intro is None:
                    iso = truth_fields(e)[0] or truth_fields(x)[0]
                    intro = next(i + 1 for i, rr in enumerate(rounds) if rr["cutoff"] >= iso)
                if intro <= rnd:
                    ents.append((idx, x))
            hdr = [(k, v.format(**rinfo)) for k, v in sub["header"]]
            pos, layout = WRITERS[sub["format"]](full, sub, ents, rnd, hdr)
            files.append({"file": fname, "agency": sub["agency"], "round": rnd, "month": rinfo["month"],
                          "format": sub["format"], "status": "ok", "tables": layout, "rows": len(ents),
                          "heading": dict(hdr), **({"encoding": sub["encoding"]} if "encoding" in sub else {})})
            for idx, x in ents:
                t, r, cells = pos[idx]
                iso, prec, approx, tm, rej = truth_fields(x)
                rows.append({"file": fname, "table": t, "row": r, "event": x["ev"], "reject": rej,
                             "date": iso, "precision": prec, "approximate": approx if not rej else False,
                             "time": tm if not rej else None, "agency": sub["agency"],
                             "child_seen": SEEN[x["seen"]], "cells": cells})
    for rf in C["refused"]:
        full = os.path.join(cdir, rf["file"])
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as fh:
            fh.write(rf.get("content", "").encode("utf-8"))
        d = {k: v for k, v in rf.items() if k != "content"}
        refused.append(d)
        files.append({**d, "status": "refused"})

    # events
    evrows = defaultdict(list)
    for x in rows:
        evrows[x["event"]].append(x)
    events = []
    for eid, ev in sorted(C["events"].items()):
        xs = evrows.get(eid, [])
        assert xs, f"event {eid} has no rows"
        events.append({"id": eid, "date": ev["date"], "kind": ev["kind"], "summary": ev["summary"],
                       "tags": ev.get("tags", {}), "planted": ev.get("planted"), "history": ev.get("history", False),
                       "agencies": list(dict.fromkeys(x["agency"] for x in xs if not x["reject"])),
                       "rows": [[x["file"], x["table"], x["row"]] for x in xs if not x["reject"]],
                       "rejected_rows": [[x["file"], x["table"], x["row"]] for x in xs if x["reject"]]})
    missing = set(evrows) - set(C["events"])
    assert not missing, missing

    acc = [x for x in rows if not x["reject"]]
    latest = max(x["date"] for x in acc)
    period = {"from": (D.fromisoformat(latest) - dt.timedelta(days=365)).isoformat(), "to": latest,
              "note": "12 months to the latest dated entry; CHILD_NOT_SEEN is judged inside it"}
    flags = expected_flags(C, acc, period)
    T = {"schema": "chrono-eval-truth/1", "case_id": cid, "profile": "holdout", "seed": 0,
         "child": C["child"], "period": period,
         "rounds": [{"round": i + 1, **r} for i, r in enumerate(rounds)],
         "agencies": sorted({s["agency"] for s in C["submissions"]}), "control": False,
         "planted": sorted({f["rule"] for f in flags}),
         "files": files, "refused_files": refused, "rows": rows,
         "rejected_rows": [[x["file"], x["table"], x["row"]] for x in rows if x["reject"]],
         "events": events, "hard_negatives": C["hard_negatives"], "expected_flags": flags,
         "must_not_fire": C["must_not_fire"], "ambiguous_rules": C["ambiguous_rules"],
         "stats": {"files": len(files), "accepted_files": len(files) - len(refused), "refused_files": len(refused),
                   "rows": len(rows), "rejected_rows": sum(x["reject"] for x in rows), "events": len(events)}}
    with open(os.path.join(root, cid + ".truth.json"), "w", encoding="utf-8") as fh:
        json.dump(T, fh, indent=1)
    return T


def expected_flags(C, acc, period):
    byev = defaultdict(list)
    for x in acc:
        byev[x["event"]].append(x)

    def window(eids):
        ds = [x["date"] for e in eids for x in byev[e] if x["precision"] == "day"]
        return min(ds), max(ds)

    def days(a, b):
        return (D.fromisoformat(b) - D.fromisoformat(a)).days

    flags = []
    tagged = defaultdict(list)
    for eid, ev in C["events"].items():
        for rule in ev.get("rules", []):
            tagged[rule].append(eid)
    single = {"MISSING_EPISODE", "SELF_HARM", "GP_CHANGE", "HOUSEHOLD_CHANGE"}
    counted = {"AE_REPEAT": (3, 365), "WAS_NOT_BROUGHT": (2, 183), "SCHOOL_CHANGE": (2, 365),
               "DOMESTIC_ABUSE_REPEAT": (2, 183), "HOUSE_MOVES": (2, 365), "NO_ACCESS": (2, 92)}
    for rule, eids in sorted(tagged.items()):
        eids = sorted(eids, key=lambda e: C["events"][e]["date"])
        if rule in single:
            for e in eids:
                s, en = window([e])
                flags.append({"rule": rule, "start": s, "end": en, "events": [e], "planted": True})
        elif rule == "INJURY_NON_MOBILE":
            s, en = window(eids)
            flags.append({"rule": rule, "start": s, "end": en, "events": eids, "planted": True})
        elif rule in counted:
            n, span = counted[rule]
            dates = [C["events"][e]["date"] for e in eids]
            ok = any(sum(1 for d2 in dates if 0 <= days(d1, d2) <= span) >= n for d1 in dates)
            if ok:
                assert days(dates[0], dates[-1]) <= span, (rule, dates)
                s, en = window(eids)
                flags.append({"rule": rule, "start": s, "end": en, "events": eids, "planted": True})
                if rule == "AE_REPEAT":
                    sites = {C["events"][e]["tags"]["ae"] for e in eids}
                    if len(sites) >= 2:
                        flags.append({"rule": "AE_MULTIPLE_SITES", "start": s, "end": en, "events": eids,
                                      "planted": True})
            else:
                C.setdefault("_below", []).append(rule)
        elif rule == "AE_SINGLE":
            pass
        else:
            raise KeyError(rule)
    # CHILD_NOT_SEEN
    seen = sorted({x["date"] for x in acc if x["child_seen"] == "yes" and x["precision"] == "day"})
    for a, b in zip(seen, seen[1:]):
        if b >= period["from"] and days(a, b) > 28:
            flags.append({"rule": "CHILD_NOT_SEEN", "start": a, "end": b, "events": [], "planted": True})
    if seen and days(seen[-1], period["to"]) > 28:
        flags.append({"rule": "CHILD_NOT_SEEN", "start": seen[-1], "end": period["to"], "events": [], "planted": True})
    fired = {f["rule"] for f in flags}
    bad = fired & set(C["must_not_fire"])
    assert not bad, (C["case_id"], bad)
    assert not fired & set(C["ambiguous_rules"]), fired & set(C["ambiguous_rules"])
    return flags


# ---------------------------------------------------------------------------
# self-check: re-read every file
# ---------------------------------------------------------------------------
def norm_cell(v):
    if isinstance(v, DT):
        return cell_repr(v)
    if v is None:
        return ""
    return str(v)


def self_check(root, T):
    cdir = os.path.join(root, T["case_id"])
    on_disk = set()
    for dp, _, fns in os.walk(cdir):
        for fn in fns:
            on_disk.add(os.path.relpath(os.path.join(dp, fn), cdir).replace(os.sep, "/"))
    assert on_disk == {f["file"] for f in T["files"]}, on_disk ^ {f["file"] for f in T["files"]}
    byfile = defaultdict(list)
    for x in T["rows"]:
        byfile[x["file"]].append(x)
    nchecked = 0
    for f in T["files"]:
        path = os.path.join(cdir, f["file"])
        if f["status"] != "ok":
            assert f["reason"] in ("empty", "not_chronology")
            if f["reason"] == "empty":
                assert os.path.getsize(path) == 0
            continue
        layout = {str(t["table"]): t for t in f["tables"]}
        if f["format"] == "docx":
            doc = Document(path)
            tabs = doc.tables

            def get(t, r):
                return [c.text for c in tabs[int(t) - 1].rows[r - 1].cells]
            for t in f["tables"]:
                if t["role"] != "chronology":
                    continue
                assert len(tabs[t["table"] - 1].rows) == t["nrows"], (path, t["table"])
        elif f["format"] == "xlsx":
            wb = load_workbook(path)

            def get(t, r, wb=wb):
                ws = wb[t]
                return [norm_cell(ws.cell(r, j).value) for j in range(1, ws.max_column + 1)]
        else:
            with open(path, encoding=f.get("encoding", "utf-8"), newline="") as fh:
                lines = list(csv.reader(fh))

            def get(t, r, lines=lines):
                return lines[r - 1]
        for t in layout.values():
            for hr in t["header_rows"]:
                assert get(t["table"], hr)[:len(t["headers"])] == t["headers"], (path, hr)
            for br in t["blank_rows"]:
                assert all(not c for c in get(t["table"], br)), (path, br)
            for tr in t.get("title_rows", []):
                assert any(get(t["table"], tr)), (path, tr)
        data_keys = set()
        for x in byfile[f["file"]]:
            got = get(x["table"], x["row"])
            assert got[:len(x["cells"])] == x["cells"], (path, x["table"], x["row"], got, x["cells"])
            assert str(x["table"]) in layout
            data_keys.add((str(x["table"]), x["row"]))
            nchecked += 1
        # every non-header/blank/title row of each chronology table is a truth row
        for t in layout.values():
            skip = set(t["header_rows"]) | set(t["blank_rows"]) | set(t.get("title_rows", []))
            last = t.get("nrows") or t.get("max_row") or t.get("nlines")
            first = min(t["header_rows"]) if t["header_rows"] else 1
            for r in range(first, last + 1):
                if r not in skip:
                    assert (str(t["table"]), r) in data_keys, (path, t["table"], r)
        assert f["rows"] == len(byfile[f["file"]])
    # CHILD seen / events consistency
    ev_ids = {e["id"] for e in T["events"]}
    assert all(x["event"] in ev_ids for x in T["rows"])
    for hn in T["hard_negatives"]:
        assert all(e in ev_ids for e in hn["events"]), hn
    return nchecked


# ---------------------------------------------------------------------------
# Case A: a 14-year-old
# ---------------------------------------------------------------------------
def case_teen():
    name = "Kayden FLINTHAM"
    dob = "2011-06-14"
    addr = "17 Pellow Rise, Cradlebury, ZX9 4QT"
    ev = {}

    def E(eid, date, kind, summary, rules=(), tags=None, history=False):
        ev[eid] = {"date": date, "kind": kind, "summary": summary, "rules": list(rules),
                   "planted": (list(rules)[0] if rules and rules[0] != "AE_SINGLE" else None),
                   "tags": tags or {}, "history": history}

    # --- events
    E("A001", "2011-06-14", "birth", "Kayden born", history=True)
    E("A002", "2019-01-01", "referral", "Early Help referral by primary school", history=True)
    E("A003", "2022-09-01", "school_start", "Started Year 7 at Brambleside High", history=True)
    E("A004", "2023-03-01", "early_help", "Early Help assessment opened", history=True)
    E("A005", "2024-10-29", "visit", "SW home visit")
    E("A006", "2024-11-19", "visit", "SW home visit")
    E("A007", "2024-11-26", "icpc", "Initial child protection conference")
    E("A008", "2024-11-28", "school_checkin", "DSL check-in")
    E("A009", "2024-12-06", "police", "Shoplifting - community resolution")
    E("A010", "2024-12-17", "visit", "SW home visit")
    E("A011", "2025-01-10", "panel", "Fair access panel agrees managed move")
    E("A012", "2025-01-13", "school_change", "Managed move to Oakhurst Vale Academy", rules=["SCHOOL_CHANGE"])
    E("A013", "2025-01-21", "visit", "SW home visit")
    E("A014", "2025-02-04", "school_checkin", "Check-in at new school")
    E("A015", "2025-02-12", "gp", "GP: low mood, referred to CAMHS")
    E("A016", "2025-02-18", "visit", "SW home visit")
    E("A017", "2025-02-24", "attendance", "Attendance concern")
    E("A018", "2025-03-14", "missing", "Missing overnight, found 03:10", rules=["MISSING_EPISODE"])
    E("A019", "2025-03-18", "visit", "SW home visit after missing")
    E("A020", "2025-03-19", "rhi", "Return home interview")
    E("A021", "2025-04-14", "visit", "SW home visit")
    E("A022", "2025-04-22", "core_group", "Core group")
    E("A023", "2025-04-23", "placement_review", "MM review; AP discussed")
    E("A024", "2025-04-29", "suspension", "Fixed-term suspension")
    E("A025", "2025-05-09", "overdose", "Paracetamol overdose, ED then paeds ward",
      rules=["SELF_HARM", "AE_SINGLE"], tags={"ae": "Cradlebury General Hospital"})
    E("A026", "2025-05-10", "camhs_review", "CAMHS liaison review on ward")
    E("A027", "2025-05-10", "referral", "ED safeguarding referral to CSC")
    E("A028", "2025-05-12", "visit", "SW visit on ward")
    E("A029", "2025-06-02", "school_change", "Moved to Kestrel House (PRU)", rules=["SCHOOL_CHANGE"])
    E("A030", "2025-06-10", "visit", "SW home visit")
    E("A031", "2025-06-18", "missed_appt", "DNA initial CAMHS appointment")
    E("A032", "2025-06-24", "mentoring", "1:1 mentoring")
    E("A033", "2025-07-08", "visit", "SW home visit")
    E("A034", "2025-07-18", "school_checkin", "Last day of term")
    E("A035", "2025-07-29", "no_access", "Unannounced visit, no reply")
    E("A036", "2025-08-12", "phone", "Phone call with mum")
    E("A037", "2025-08-19", "gp", "Mum's own GP appt, raised K's sleep")
    E("A038", "2025-08-27", "gp_query", "Mum asked about changing practice - no change")
    E("A039", "2025-09-02", "visit", "SW home visit")
    E("A040", "2025-09-03", "school_checkin", "First day back")
    E("A041", "2025-09-13", "stop_search", "Stop and search with older males")
    E("A042", "2025-09-16", "strategy", "Strategy discussion re exploitation")
    E("A043", "2025-09-27", "missing", "Missing night of 27/09", rules=["MISSING_EPISODE"])
    E("A044", "2025-09-28", "missing", "Missing night of 28/09", rules=["MISSING_EPISODE"])
    E("A045", "2025-09-30", "visit", "SW home visit")
    E("A046", "2025-09-30", "rhi", "Return home interview (27/09)")
    E("A047", "2025-10-01", "rhi", "Return home interview (28/09)")
    E("A048", "2025-10-08", "self_harm", "Disclosure of cutting to DSL", rules=["SELF_HARM"])
    E("A049", "2025-10-14", "camhs_review", "CAMHS review after disclosure")
    E("A050", "2025-10-21", "visit", "SW home visit")
    E("A051", "2025-10-24", "police", "Late concern-for-welfare visit")
    E("A052", "2025-11-03", "gp", "GP review of sleep")
    E("A053", "2025-11-04", "core_group", "Core group")
    E("A054", "2025-11-18", "visit", "SW home visit")
    E("A055", "2025-11-20", "review", "School review meeting")
    E("A056", "2025-10-10", "intel", "Police intelligence (impossible date)")
    E("A057", "2024-01-01", "suspension", "Earlier suspension, date unknown")
    E("A058", "2025-08-20", "housing_talk", "Mum talks of bidding for a council move")

    csc = [
        R("A001", DT(2011, 6, 14), "Kayden born at Cradlebury General Hospital.", "N/A", "Mum (Leanne Flintham)"),
        R("A004", "March 2023", "Early Help assessment opened following school concerns about attendance and behaviour.",
          "", "Early Help practitioner"),
        R("A005", DT(2024, 10, 29), "Home visit. Kayden in his room gaming; spoke with him about school and friends.",
          "Yes - seen alone", "Kayden, mum", "Continue visits 3-weekly", "SW Priya Oduya"),
        R("A006", DT(2024, 11, 19), "Statutory visit prior to ICPC. Home conditions poor - little food in, bedroom cluttered.",
          "Y", "Kayden, mum", "Report to conference", "SW Priya Oduya"),
        R("A007", DT(2024, 11, 26), "Initial Child Protection Conference - Kayden made subject of CP plan, category neglect.",
          "N - at school", "Mum, school, police, GP", "CP plan; first core group within 10 working days", "SW Priya Oduya"),
        R("A010", DT(2024, 12, 17), "Home visit; Christmas plans discussed, food bank voucher given.", "Y", "Kayden, mum",
          "", "SW Priya Oduya"),
        R("A011", DT(2025, 1, 10), "Fair Access Panel agreed managed move to Oakhurst Vale Academy, start date 13/01.",
          "N/A", "Education inclusion officer", "", "SW Priya Oduya"),
        R("A012", DT(2025, 1, 14), "Oakhurst Vale confirm Kayden started there yesterday on the managed move.", "N/A",
          "Oakhurst Vale DSL", "", "SW Priya Oduya"),
        R("A013", DT(2025, 1, 21), "Home visit - K says new school is 'alright', has made a friend.", "Yes - seen alone",
          "Kayden", "", "SW Priya Oduya"),
        R("A016", DT(2025, 2, 18), "Home visit. Mum worried about K staying out late.", "Y", "Kayden, mum",
          "Curfew agreed 9pm", "SW Priya Oduya"),
        R("A018", "15.3.25", "PPN from police: mum reported K missing last night, located by officers 03:10 at bus shelter and "
          "brought home.", "N/A", "Police", "Visit arranged; RHI requested", "SW Priya Oduya"),
        R("A019", DT(2025, 3, 18), "Home visit after missing episode. K would not say where he had been.", "seen alone",
          "Kayden, mum", "", "SW Priya Oduya"),
        R("A020", DT(2025, 3, 19), "Return home interview completed by Horizon Missing Service worker.", "seen alone",
          "Kayden, Horizon worker", "Report to follow", "Horizon"),
        R("A021", DT(2025, 4, 14), "Home visit. K calmer, attending school most days.", "Y", "Kayden", "", "SW Priya Oduya"),
        R("A022", DT(2025, 4, 22), "Core group. Discussed previous missing episode and how the managed move is going. "
          "Alternative provision being considered if the move breaks down.", "N/A", "Mum, school, police, CAMHS",
          "Plan updated", "SW Priya Oduya"),
        R("A025", DT(2025, 5, 10), "Call from hospital social worker - Kayden admitted to the children's ward overnight after "
          "taking an overdose (paracetamol).", "N/A", "Hospital SW", "Visit on ward arranged", "SW Priya Oduya"),
        R("A028", DT(2025, 5, 12), "Visited K on Bramble Ward. He said he took the tablets after a row online and "
          "did not want to die.", "Y (ward)", "Kayden", "Safety plan with CAMHS", "SW Priya Oduya"),
        R("A029", "3.6.25", "Managed move broke down; Kayden started at Kestrel House (pupil referral unit) yesterday.", "N/A",
          "Kestrel House", "", "SW Priya Oduya"),
        R("A030", DT(2025, 6, 10), "Home visit, K and mum seen together and K alone.", "Yes - seen alone", "Kayden, mum",
          "", "SW Priya Oduya"),
        R("A033", DT(2025, 7, 8), "Home visit before summer. Holiday activities (youth club) discussed.", "Y", "Kayden, mum",
          "", "SW Priya Oduya", var={2: {"out": "Referral to summer youth club made"}}),
        R("A035", DT(2025, 7, 29), "Unannounced home visit - no reply at door, card left.", "N", "", "Letter sent",
          "SW Priya Oduya"),
        R("A036", DT(2025, 8, 12), "Telephone call with mum. She says K is 'out with his mates most days'. "
          "Visit booked.", "No - telephone contact", "Mum", "", "SW Priya Oduya"),
        R("A058", DT(2025, 8, 20), "Mum talking about bidding for a council house move next year; family remain at "
          "Pellow Rise.", "N/A", "Mum", "", "SW Priya Oduya"),
        R("A039", DT(2025, 9, 2), "Home visit, K seen alone in his bedroom. Says summer was 'boring'.", "Yes - seen alone",
          "Kayden", "", "SW Priya Oduya"),
        R("A041", DT(2025, 9, 15), "Police information received re stop and search of K on 13/09 with two older males. "
          "Exploitation screening tool completed.", "N/A", "Police", "Strategy discussion", "SW Priya Oduya"),
        R("A042", "TBC", "Strategy discussion regarding criminal exploitation concerns.", "N/A",
          "Police, school, CSC", "S47 not required; CE plan", "TM Rob Ashdown", r=1,
          var={2: {"d": DT(2025, 9, 16)}}),
        R("A043", DT(2025, 9, 29), "PPN: K reported missing 27/09, found at friend's address in Lyle Court 02:15.", "N/A",
          "Police", "", "SW Priya Oduya"),
        R("A044", DT(2025, 9, 29), "PPN: K missing again evening of 28/09 after argument about his phone, found in town "
          "centre 01:30.", "N/A", "Police", "", "SW Priya Oduya"),
        R("A045", DT(2025, 9, 30), "Home visit. K tired and withdrawn.", "Y", "Kayden, mum", "", "SW Priya Oduya"),
        R("A046", DT(2025, 9, 30), "Return home interview completed by Horizon Missing Service worker.", "seen alone",
          "Kayden, Horizon worker", "", "Horizon"),
        R("A047", DT(2025, 10, 1), "Return home interview completed by Horizon Missing Service worker.", "seen alone",
          "Kayden, Horizon worker", "", "Horizon"),
        R("A048", "9th October 2025", "Email from DSL at Kestrel House: K has told her he has been cutting his arms.",
          "N/A", "DSL", "CAMHS urgent referral", "SW Priya Oduya"),
        R("A050", DT(2025, 10, 21), "Home visit, K showed SW his arms - healing.", "Yes - seen alone", "Kayden", "",
          "SW Priya Oduya"),
        R("A053", DT(2025, 11, 4), "Core group. K denies any self-harm since last core group; CAMHS continue.",
          "N/A", "Mum, school, CAMHS", "", "SW Priya Oduya"),
        R("A054", DT(2025, 11, 18), "Home visit, K seen alone.", "Y", "Kayden", "", "SW Priya Oduya"),
    ]
    police = [
        R("A009", "6th December 2024", "Kayden identified as one of three youths shoplifting at Wexcombe Retail Park. "
          "Dealt with by community resolution.", "Y", "Kayden", "Community resolution", "PC 4471 Daniels"),
        R("A018", "14/03/25 22:40", "Mother reported Kayden missing from home after he failed to return by 21:00 curfew. "
          "Graded medium risk. Located by patrol 03:10 on 15/03 at bus shelter, Fenny Road, returned home. "
          "No marks or injuries seen.", "Seen on return", "Kayden, mum", "Safe and well check done; PPN to CSC",
          "PS 2290 Hallam"),
        R("A041", "2025-09-13 15:20", "Stopped and searched on Marlow Parade with two older males (s23 MDA). Nothing found.",
          "Y", "Kayden, 2 adult males", "Intel submitted, PPN to CSC", "PC 3310 Okafor"),
        R("A043", "27/09/25 23:50", "Reported missing by mother. Found 02:15 at a friend's flat in Lyle Court, smelt of "
          "alcohol. Returned home.", "Y", "Kayden, mum", "PPN", "PC 1187 Varga"),
        R("A044", "28/09/25 22:05", "Further missing report - left home after argument with mum over his phone. Found 01:30 in "
          "Cradlebury town centre and brought home.", "Y", "Kayden, mum", "PPN; repeat missing - MET referral",
          "PC 1187 Varga"),
        R("A056", "31/09/25", "Intelligence: K seen with older youths at Marlow Parade late evening.", "", "Kayden",
          "", "Intel unit", r=2),
        R("A051", "24/10/25 23:30", "Officers attended address re concern for welfare call from neighbour. Mum present; K in "
          "bed.", "not seen - asleep", "Mum", "No further action", "PC 2205 Birch"),
    ]
    school = [
        R("A002", "2019", "Referral to Early Help by Brambleside Primary regarding behaviour.", "", "Brambleside Primary"),
        R("A003", "Sept 2022", "Started Year 7 at Brambleside High.", ""),
        R("A057", "unknown", "Previous fixed-term suspension at Brambleside High (date not on file).", "", r=1),
        R("A008", "28/11/24", "DSL check-in with Kayden following ICPC.", "Yes", "Kayden, DSL", "", "Mrs T Ingleby (DSL)"),
        R("A012", "13/01/25", "Pupil transferred to Oakhurst Vale Academy on managed move (6 week trial).", "seen in school",
          "Kayden, mum", "Dual registered", "Mrs T Ingleby (DSL)"),
        R("A014", "4.2.25", "Check-in with K at Oakhurst Vale - settling, some lateness.", "Yes", "Kayden", "",
          "Mr A Quist (Oakhurst Vale)"),
        R("A017", "w/c 24/02/25", "Attendance 62% this half term - letter home.", "", "Mum", "Attendance meeting"),
        R("A018", "17/03/25", "DSL informed by SW of missing episode over the weekend (Fri night).", "N/A", "SW",
          "Mentor check-in", "Mrs T Ingleby (DSL)"),
        R("A023", "23/04/25", "Managed move review: concerns re behaviour; discussed possible move to alternative provision "
          "if no improvement.", "", "Mum, Oakhurst Vale", "Review in 4 weeks", "Mrs T Ingleby (DSL)"),
        R("A024", "29/04/25", "Fixed-term suspension (1 day) for verbal abuse towards staff.", "Y", "Kayden, mum",
          "Reintegration meeting", "Mr A Quist (Oakhurst Vale)"),
        R("A025", "12/05/25", "Mum rang to say K is in hospital after taking tablets on Friday night.", "N", "Mum",
          "DSL informed SW", "Mrs T Ingleby (DSL)"),
        R("A029", "02/06/25", "Managed move ended. Kayden started at Kestrel House (alternative provision/PRU).",
          "Yes - with mum", "Kayden, mum", "Timetable 9-2:30", "Ms J Achebe (DSL Kestrel House)"),
        R("A032", "24/06/25", "1:1 mentoring session with K.", "Y", "Kayden", "", "Ms J Achebe (DSL Kestrel House)"),
        R("A034", "18th July 2025", "Last day of term. K attended; summer safety plan gone through with him.", "Yes",
          "Kayden", "", "Ms J Achebe (DSL Kestrel House)"),
        R("A040", "3/9/25", "First day back, K in on time.", "Yes", "Kayden", "", "Ms J Achebe (DSL Kestrel House)"),
        R("A048", "08/10/25", "K disclosed to DSL he has been cutting his forearms with a sharpener blade for about 2 weeks. "
          "Superficial healing cuts seen by school nurse, first aid given.", "Yes - seen alone", "Kayden, school nurse",
          "Referral to CSC and CAMHS", "Ms J Achebe (DSL Kestrel House)"),
        R("A055", "20/11/25", "Review meeting at school with K and mum - attendance up to 81%.", "Y", "Kayden, mum",
          "", "Ms J Achebe (DSL Kestrel House)"),
    ]
    gp = [
        R("A015", "12/02/2025", "Seen with mum: low mood, poor sleep. Denies any self-harm or suicidal thoughts. "
          "Referred to CAMHS.", "Y", "Kayden, mum", "CAMHS referral", "Dr S Merriweather", "10:40"),
        R("A025", "16/05/2025", "Discharge summary received from Cradlebury General: admitted 09/05 after paracetamol "
          "overdose (approx 16 x 500mg); reviewed by CAMHS on ward.", "n/a (letter)", "", "Read-coded; review booked",
          "Dr S Merriweather"),
        R("A031", "25/06/2025", "Letter from CAMHS: K was not brought to his initial appointment on 18/06; "
          "one further appointment to be offered.", "n/a (letter)", "", "", "Admin"),
        R("A037", "19/08/2025", "Mum\u2019s own appointment; raised that K is not sleeping. K not present.",
          "N (mum only)", "Mum", "Advised to book K in", "Dr L Fairweather", "09:10"),
        R("A038", "27/08/2025", "Mum asked about moving K to a practice nearer Kestrel House - advised no need; "
          "remains registered with us.", "N/A", "Mum", "", "Reception"),
        R("A049", "16/10/2025", "CAMHS letter: K reviewed 14/10 following disclosure of cutting; safety plan agreed.",
          "n/a (letter)", "", "", "Admin"),
        R("A052", "03/11/2025", "Review: sleep improving. No new marks seen; denies current self-harm.", "Y",
          "Kayden, mum", "Review 6 weeks", "Dr S Merriweather", "16:20"),
    ]
    ed = [
        R("A025", DT(2025, 5, 9, 21, 15), "Presented at ED with mum after taking approx 16 paracetamol tablets at around "
          "18:00. Bloods at 4 hrs; admitted to paeds ward (Bramble Ward).", "Y", "Kayden, mum", "Admit", "Dr K Ngata"),
        R("A026", DT(2025, 5, 10, 9, 30), "Reviewed by CAMHS liaison on ward. Safety plan; discharged home 11/05.",
          "Y", "Kayden, mum", "CAMHS follow-up", "CAMHS liaison"),
        R("A027", DT(2025, 5, 10, 11, 0), "Safeguarding referral sent to Children's Social Care.", "N/A", "",
          "", "Paediatric liaison"),
    ]
    hdr = [("Name", "Kayden FLINTHAM"), ("DOB", "14/06/2011"), ("Address", addr)]
    subs = [
        dict(agency="Children's Social Care", format="xlsx", fname="{folder}/CSC chronology KF {mon}.xlsx",
             rounds=[1, 2, 3], entries=csc, cover="Prepared for core group. Please do not forward.",
             header=hdr + [("Agency", "Cradlebury Children's Services"), ("Author", "Priya Oduya, Social Worker")],
             sheet="Chronology", titles=["CHILDREN'S SERVICES CHRONOLOGY", "Child: {Name}   DOB: {DOB}"],
             cols=[("date", "Date"), ("text", "Event / contact"), ("who", "Who was present"),
                   ("out", "Outcome / decision"), ("seen", "Child seen? (Y/N)"), ("staff", "Worker"),
                   ("extra:ref", "Case note ref")], extras={"ref": "LCS"},
             mess={3: {"blank_after": [20], "sheet": "Chronology Nov"}}),
        dict(agency="Police", format="docx", fname="{folder}/Police chronology - FLINTHAM - {mon}.docx",
             rounds=[1, 2, 3], entries=police, heading="table",
             header=[("Name", "FLINTHAM, Kayden"), ("DOB", "14.06.2011"), ("Address", addr),
                     ("Agency", "Wexshire Constabulary - MASH"), ("Author", "DC M Loughran")],
             cols=[("date", "Date/Time"), ("staff", "Officer"), ("text", "Occurrence"), ("who", "Persons involved"),
                   ("out", "Action taken"), ("seen", "Child seen")],
             mess={2: {"repeat_header_after": 3}, 3: {"repeat_header_after": 3, "blank_after": [5]}}),
        dict(agency="School", format="docx", fname="{folder}/Kestrel House DSL chronology {mon}.docx",
             rounds=[1, 2, 3], entries=school, heading="paras",
             title="Safeguarding chronology - Kestrel House Learning Centre",
             header=[("Name", "Kayden Flintham"), ("DOB", "14/06/11"), ("Year group", "Year 10"),
                     ("Agency", "Kestrel House Learning Centre (DSL)")],
             cols=[("date", "Date"), ("text", "Significant event"), ("who", "Who was involved"),
                   ("out", "Action / outcome"), ("seen", "Pupil seen / voice"), ("staff", "Recorded by")],
             mess={1: {"blank_after": [3]}, 2: {"split_after": 9, "split_header": True},
                   3: {"split_after": 10, "split_header": False, "blank_after": [4]}}),
        dict(agency="GP", format="csv", fname="{folder}/Hollybrook Surgery chronology KF {mon}.csv", encoding="cp1252",
             rounds=[1, 2, 3], entries=gp, header=[],
             cols=[("date", "Consultation date"), ("time", "Time"), ("staff", "Clinician"), ("text", "Entry"),
                   ("seen", "Patient seen"), ("out", "Action")]),
        dict(agency="Emergency Department", format="xlsx", fname="{folder}/Cradlebury General ED - Flintham - {mon}.xlsx",
             rounds=[1, 2, 3], entries=ed, header=[], sheet="Attendances",
             cols=[("date", "Arrival"), ("text", "Presentation / notes"), ("out", "Disposal"), ("seen", "Seen"),
                   ("who", "Accompanied by"), ("staff", "Clinician")],
             mess={3: {"cols": [("date", "Arrival"), ("staff", "Clinician"), ("text", "Presentation / notes"),
                                ("seen", "Seen"), ("out", "Disposal"), ("who", "Accompanied by")]}}),
    ]
    rounds = [
        {"month": "2025-09", "cutoff": "2025-09-19", "folder": "2025-09 September", "mon": "Sept 25"},
        {"month": "2025-10", "cutoff": "2025-10-17", "folder": "2025-10 October", "mon": "Oct 25"},
        {"month": "2025-11", "cutoff": "2025-11-21", "folder": "2025-11 November", "mon": "Nov 25"},
    ]
    refused = [{"file": "2025-10 October/Note for chair re police chronology.txt", "reason": "not_chronology",
                "detail": "covering e-mail, not a chronology",
                "content": "Hi Priya,\r\nPlease find attached the updated police chronology for Kayden. The intel entry "
                           "date needs checking - I think it is wrong.\r\nThanks, Mags (MASH)\r\n"}]
    return dict(case_id="hold_teen", child={"name": name, "first_name": "Kayden", "surname": "FLINTHAM", "dob": dob,
                                            "address": addr, "sex": "m"},
                rounds=rounds, events=ev, submissions=subs, refused=refused,
                hard_negatives=[
                    {"events": ["A043", "A044"], "why": "two missing episodes on consecutive nights"},
                    {"events": ["A020", "A046", "A047"], "why": "identical return-home-interview wording on different dates"},
                    {"events": ["A045", "A046"], "why": "same agency, same day, different events"},
                    {"events": ["A026", "A027"], "why": "same agency, same day, different events"},
                    {"events": ["A025", "A026"], "why": "ED attendance and next-day ward review"},
                ],
                must_not_fire=["INJURY_NON_MOBILE", "GP_CHANGE", "HOUSE_MOVES", "AE_MULTIPLE_SITES", "AE_REPEAT",
                               "NO_ACCESS", "DOMESTIC_ABUSE_REPEAT", "HOUSEHOLD_CHANGE"],
                ambiguous_rules=["WAS_NOT_BROUGHT"])


# ---------------------------------------------------------------------------
# Case B: a baby of 4 months and an older sibling
# ---------------------------------------------------------------------------
def case_baby():
    name = "Ottilie BRACKENRIDGE"
    dob = "2025-03-02"
    addr0 = "Room 12, Larchmere House, Wrenfield, ZX3 1AB"
    addr = "Flat 4, Tansy Court, Wrenfield, ZX3 8PL"
    ev = {}

    def E(eid, date, kind, summary, rules=(), tags=None, history=False):
        ev[eid] = {"date": date, "kind": kind, "summary": summary, "rules": list(rules),
                   "planted": (list(rules)[0] if rules else None), "tags": tags or {}, "history": history}

    E("B001", "2024-01-01", "housing", "Placed in temporary accommodation", history=True)
    E("B002", "2024-08-14", "booking", "Antenatal booking", history=True)
    E("B003", "2024-10-01", "scan", "Anomaly scan")
    E("B004", "2024-12-01", "referral", "Pre-birth referral, NFA")
    E("B005", "2025-03-02", "birth", "Ottilie born")
    E("B006", "2025-03-03", "pn_check", "Postnatal check on ward")
    E("B007", "2025-03-06", "mw_visit", "Community midwife visit")
    E("B008", "2025-03-10", "mw_visit", "Day 8 visit")
    E("B009", "2025-03-14", "discharge", "Discharged to HV")
    E("B010", "2025-03-13", "hv_visit", "New birth visit")
    E("B011", "2025-03-03", "gp_reg", "Baby registered at Hollins Lane Surgery")
    E("B012", "2025-04-03", "hv_clinic", "Clinic weigh")
    E("B013", "2025-04-12", "ae", "ED: fever, poor feeding", rules=["AE_REPEAT"], tags={"ae": "Wrenfield General ED"})
    E("B014", "2025-04-24", "missed_appt", "Not brought to 8-week check", rules=["WAS_NOT_BROUGHT"])
    E("B015", "2025-04-30", "missed_appt", "DNA 8-week immunisations", rules=["WAS_NOT_BROUGHT"])
    E("B016", "2025-05-06", "hv_check", "8-week check completed")
    E("B017", "2025-05-20", "household_change", "Mum's new partner moved in", rules=["HOUSEHOLD_CHANGE"])
    E("B018", "2025-05-21", "imms", "Catch-up immunisations given")
    E("B019", "2025-05-23", "police_check", "Checks on new partner")
    E("B020", "2025-06-04", "missed_appt", "DNA 12-week immunisations", rules=["WAS_NOT_BROUGHT"])
    E("B021", "2025-06-10", "visit", "SW assessment visit")
    E("B022", "2025-06-15", "ae", "UTC attendance: vomiting", rules=["AE_REPEAT"], tags={"ae": "Oxley Moor UTC"})
    E("B023", "2025-06-23", "house_move", "Moved to Tansy Court")
    E("B024", "2025-07-04", "injury_nm", "Bruise to cheek of 4-month-old", rules=["INJURY_NON_MOBILE"])
    E("B025", "2025-07-05", "cp_medical", "CP medical in paediatric ED", rules=["INJURY_NON_MOBILE", "AE_REPEAT"],
      tags={"ae": "Wrenfield General ED"})
    E("B026", "2025-07-07", "strategy", "Strategy discussion (bruise)")
    E("B027", "2025-07-08", "visit", "SW visit")
    E("B028", "2025-07-22", "visit", "SW visit")
    E("B029", "2025-07-29", "housing_visit", "Settling-in visit, damp")
    E("B030", "2025-07-31", "icpc", "ICPC")
    E("B031", "2025-08-05", "hv_visit", "HV visit, skin check")
    E("B032", "2025-08-11", "gp_change", "Registered with Fellbrook Medical Practice", rules=["GP_CHANGE"])
    E("B033", "2025-08-12", "core_group", "First core group")
    E("B034", "2025-08-26", "visit", "SW visit")
    E("B035", "2025-08-30", "da_incident", "Domestic incident (verbal)")
    E("B036", "2025-09-02", "strategy", "Strategy discussion (DA)")
    E("B037", "2025-09-09", "hv_visit", "HV visit")
    E("B038", "2025-09-20", "ae", "ED: croup", rules=["AE_REPEAT"], tags={"ae": "Wrenfield General ED"})
    E("B039", "2025-09-21", "ae", "ED re-attendance: cough", rules=["AE_REPEAT"], tags={"ae": "Wrenfield General ED"})
    E("B040", "2025-09-23", "visit", "SW visit")
    E("B041", "2025-09-30", "sibling_visit", "SW saw sibling at school")
    E("B042", "2025-10-02", "gp", "GP: cough; A&E advice if worse")
    E("B043", "2025-10-07", "hv_visit", "HV visit")
    E("B044", "2025-10-09", "police", "Partner arrested (unrelated theft)")
    E("B045", "2025-10-14", "visit", "SW visit")
    E("B046", "2025-10-16", "imms", "16-week immunisations given")
    E("B047", "2025-05-12", "housing_offer", "Offer of flat")
    E("B048", "2025-09-15", "housing", "Rent arrears letter")
    E("B049", "2025-06-30", "housing", "Tenancy visit (impossible date)")

    csc = [
        R("B004", "December 2024", "Pre-birth referral from midwifery re mum's history of postnatal depression. "
          "NFA - signposted to Early Help.", "unborn", "Mum", "NFA", "Duty SW"),
        R("B014", "25/04/25", "HV advised baby not brought to her 8 week check yesterday; HV rebooking.", "N/A", "HV",
          "", "EH worker"),
        R("B017", "22/05/25", "Mum told worker her new partner Dion Farraway moved in with the family on 20/05. "
          "Police checks requested.", "N/A", "Mum", "Checks", "SW Hattie Gulliver"),
        R("B021", "10/06/25", "Assessment visit at Larchmere House; both children seen, Ottilie in moses basket.",
          "Seen in cot", "Mum, Ottilie, Taylan", "Continue assessment", "SW Hattie Gulliver"),
        R("B024", "04/07/25", "Referral from HV: bruise to the face of non-mobile baby. Strategy discussion arranged, CP "
          "medical requested.", "N/A", "HV", "S47", "SW Hattie Gulliver"),
        R("B026", "07/07/25", "Strategy discussion held.", "N/A", "Police, health, CSC", "S47 continues; ICPC",
          "TM Oren Blackwood"),
        R("B027", "8.7.25", "Home visit at Tansy Court. Ottilie seen and handled - no new marks.", "Y",
          "Mum, Dion, Ottilie", "", "SW Hattie Gulliver"),
        R("B028", "22.7.25", "Home visit, Ottilie seen in bouncer.", "Y", "Mum, Ottilie", "", "SW Hattie Gulliver"),
        R("B030", "31/07/25", "Initial Child Protection Conference: Ottilie subject to CP plan (physical abuse).", "N/A",
          "Mum, Dion, HV, GP, police", "CP plan", "SW Hattie Gulliver"),
        R("B033", "TBC", "First core group meeting.", "N/A", "Mum, HV, GP", "", "SW Hattie Gulliver", r=1,
          var={2: {"d": "12/08/25"}}),
        R("B032", "14/08/25", "Mum says she has registered both children with Fellbrook Medical Practice.", "N/A", "Mum",
          "", "SW Hattie Gulliver"),
        R("B034", "26/08/25", "Home visit, Ottilie asleep then woke - seen and held.", "Yes", "Mum, Ottilie", "",
          "SW Hattie Gulliver"),
        R("B035", "01/09/25", "PPN received re domestic incident at the address 30/08.", "N/A", "Police",
          "Strategy discussion", "SW Hattie Gulliver"),
        R("B036", "02/09/25", "Strategy discussion held.", "N/A", "Police, HV, CSC", "Safety plan; MARAC threshold not met",
          "TM Oren Blackwood"),
        R("B040", "23/09/25", "Home visit - Ottilie recovering from croup.", "Y", "Mum, Ottilie", "",
          "SW Hattie Gulliver"),
        R("B041", "30/09/25", "Visit to Foxglove Lane Primary to see Taylan (sibling).", "N/A - visit for sibling",
          "Taylan", "", "SW Hattie Gulliver"),
        R("B045", "14/10/25", "Home visit, Ottilie crawling-commando style, happy.", "Seen in cot", "Mum, Ottilie",
          "", "SW Hattie Gulliver"),
    ]
    hv = [
        R("B010", DT(2025, 3, 13), "New birth visit. Feeding well (bottle). Mum tearful at times - EPDS 11.", "Y",
          "Mum, Ottilie", "Listening visits", "HV Rosalind Tate"),
        R("B012", "3rd April 2025", "Clinic weigh - 4.4kg, following 50th centile.", "Yes, in clinic", "Mum, Ottilie",
          "", "HV Rosalind Tate"),
        R("B014", "24/04/25", "Not brought to 8-week check at Tansy Lane clinic. No contact from mum.", "N", "",
          "Letter with new appt", "HV Rosalind Tate"),
        R("B016", DT(2025, 5, 6), "8 week review completed at home (rebooked). Development appropriate.", "Y",
          "Mum, Ottilie", "", "HV Rosalind Tate"),
        R("B017", "20.5.25", "Home visit. Mum's new partner (Dion) now living at the address and was present.", "Y",
          "Mum, Dion, Ottilie", "Inform SW", "HV Rosalind Tate"),
        R("B022", "18/06/25", "Home visit. Mum says she took Ottilie to Oxley Moor UTC on Sunday with vomiting; "
          "discharged same day.", "Y", "Mum, Ottilie", "", "HV Rosalind Tate"),
        R("B023", "24/06/25", "Family have moved to Flat 4, Tansy Court.", "N/A", "", "Records updated", "Admin"),
        R("B024", DT(2025, 7, 4, 10, 30), "Home visit: 1cm bluish bruise to left cheek. Mum says Taylan may have hit her "
          "with a toy. Ottilie not yet rolling. Bruising protocol followed - discussed with named nurse, referral to CSC.",
          "Y", "Mum, Ottilie, Taylan", "Referral to CSC; CP medical", "HV Rosalind Tate"),
        R("B031", "approx. 05/08/25", "Home visit. Skin check - no marks or bruising seen.", "Y", "Mum, Ottilie", "",
          "HV Rosalind Tate", var={2: {"d": DT(2025, 8, 5)}}),
        R("B035", "3/9/25", "Notification from police of domestic incident at the address (30/8) received.", "N/A",
          "", "Discuss at next contact", "HV Rosalind Tate"),
        R("B037", DT(2025, 9, 9), "Home visit - mum says things are calmer with Dion.", "Y", "Mum, Ottilie", "",
          "HV Rosalind Tate"),
        R("B043", "07/10/25", "Home visit, weight 7.6kg.", "Y", "Mum, Ottilie", "", "HV Rosalind Tate"),
    ]
    midwifery = [
        R("B002", "14/08/24", "Booking at 10+3 weeks. Mum disclosed previous postnatal depression; denies any self-harm.",
          "unborn", "Mum", "Perinatal MH referral", "MW Kezia Blount"),
        R("B003", "Oct 2024", "20 week anomaly scan - normal.", "unborn", "Mum", "", "Sonographer"),
        R("B005", "2nd March 2025 06:12", "Baby girl born at Wrenfield Maternity Unit, SVD, 3.1kg.", "Y",
          "Mum, Ottilie", "", "MW Kezia Blount"),
        R("B006", "03/03/25", "Postnatal check on ward, feeding established.", "Y", "Mum, Ottilie", "", "MW A Dunmore"),
        R("B007", "06/03/25", "Community midwife home visit at Larchmere House.", "Y", "Mum, Ottilie", "",
          "MW Kezia Blount"),
        R("B008", "10/03/25", "Day 8 visit; heel prick done.", "Y", "Mum, Ottilie", "", "MW Kezia Blount"),
        R("B009", "14/03/25", "Discharged from midwifery care to health visiting.", "", "", "Handover to HV",
          "MW Kezia Blount"),
    ]
    gp = [
        R("B011", "03/03/2025", "New birth registered at Hollins Lane Surgery.", "N/A", "", "", "Admin"),
        R("B013", "15/04/2025", "ED discharge letter: attended Wrenfield General 12/04 with fever and poor feeding, "
          "discharged.", "N/A", "", "", "Dr P Ojukwu"),
        R("B015", "30/04/2025", "DNA 8 week immunisations (Hollins Lane). Second invite sent.", "N", "", "Recall",
          "Practice nurse"),
        R("B018", "21/05/2025", "8 week immunisations given (catch-up).", "Y", "Mum, Ottilie", "", "Practice nurse"),
        R("B020", "04/06/2025", "Did not attend 12 week immunisations - no contact from mum. HV informed.", "N", "",
          "HV informed", "Practice nurse"),
        R("B022", "17/06/2025", "Notification: attended Oxley Moor Urgent Treatment Centre 15/06 with vomiting.", "N/A",
          "", "", "Admin"),
        R("B025", "10/07/2025", "Letter from Wrenfield General: child protection medical 05/07 - bruise L cheek, "
          "skeletal survey normal.", "N/A", "", "", "Dr P Ojukwu"),
        R("B032", "11/08/2025", "Registered with new practice (Fellbrook Medical Practice), previously at Hollins Lane. "
          "New patient check, baby seen with mum. Records requested from Hollins Lane Surgery.", "Y", "Mum, Ottilie",
          "Records requested", "Dr C Haverford"),
        R("B038", "22/09/2025", "ED letter: attended Wrenfield General 20/09 with croup.", "N/A", "", "", "Admin"),
        R("B042", "02/10/2025", "Seen with cough; chest clear. Advised to attend A&E if breathing worsens.", "Y",
          "Mum, Ottilie", "Safety-netting", "Dr C Haverford"),
        R("B046", "16/10/2025", "16 week immunisations given (late).", "Y", "Mum, Ottilie", "", "Practice nurse"),
    ]
    ed = [
        R("B013", DT(2025, 4, 12, 19, 5), "Brought in by mum: fever, poor feeding. Obs stable; discharged with advice.",
          "Y", "Mum", "Discharged", "Dr Y Castellan"),
        R("B025", DT(2025, 7, 5, 14, 20), "Child protection medical in paediatric ED following HV referral: 1cm bruise "
          "L cheek. Skeletal survey and bloods.", "Y", "Mum, SW", "Discharged home under safety plan", "Dr M Eddowes"),
        R("B038", DT(2025, 9, 20, 2, 40), "Croup - stridor at rest. Dexamethasone given, observed 4 hrs.", "Y",
          "Mum, Dion", "Discharged", "Dr Y Castellan"),
        R("B039", DT(2025, 9, 21, 16, 10), "Re-attended with ongoing barking cough. No stridor. Discharged.", "Y",
          "Mum", "Discharged", "ANP L Moyo"),
    ]
    police = [
        R("B019", "23/05/2025", "Checks on Dion FARRAWAY at request of CSC: previous conviction for ABH (2019).", "N/A",
          "Dion Farraway", "Disclosed to CSC", "DC T Whitlock"),
        R("B035", "30/08/2025 @ 11.15pm", "Domestic incident at home address reported by neighbour: verbal argument "
          "between Shantelle and partner Dion. No assault disclosed. No previous DA incidents recorded for the couple. "
          "Both children present.", "not seen - asleep", "Shantelle, Dion, children", "DASH standard risk; PPN",
          "PC R Szabo"),
        R("B044", "09/10/2025", "Dion FARRAWAY arrested for theft from a shop in Wrenfield (unrelated to family).",
          "N/A", "Dion Farraway", "Charged", "PC R Szabo"),
    ]
    housing = [
        R("B001", "January 2024", "Homeless application accepted; family placed in temporary accommodation at "
          "Larchmere House.", "", "Mum, Taylan", "", "HO Wendell Price"),
        R("B047", "w/c 12/05/25", "Offer of 2-bed flat at Tansy Court made.", "", "Mum", "Accepted",
          "HO Wendell Price"),
        R("B023", DT(2025, 6, 23), "Tenancy signed; family moved into Flat 4, Tansy Court.", "Y - baby in pram",
          "Mum, Ottilie, Taylan", "", "HO Wendell Price"),
        R("B049", "31/06/25", "Tenancy visit.", "", "Mum", "", "HO Wendell Price", r=2),
        R("B029", "29 Jul 25", "Settling-in visit; damp in back bedroom reported, repair raised.", "Y",
          "Mum, Ottilie", "Repair job raised", "HO Wendell Price"),
        R("B048", "15.9.25", "Rent arrears letter sent (2 weeks).", "", "Mum", "", "Income team"),
    ]
    hdr = [("Name", name), ("DOB", "02/03/2025"), ("Address", addr)]
    subs = [
        dict(agency="Children's Social Care", format="docx", fname="SW chronology OB {mon}.docx", rounds=[1, 2, 3],
             entries=csc, heading="table",
             header=[("Child's name", "Ottilie Brackenridge"), ("Date of birth", "2nd March 2025"), ("Address", addr),
                     ("Agency", "Wrenfield Children's Services"), ("Completed by", "Hattie Gulliver (SW)")],
             cols=[("date", "Date"), ("text", "Significant event"), ("who", "Who was involved"),
                   ("out", "Decisions / actions"), ("seen", "Child seen"), ("staff", "Author")],
             mess={1: {"repeat_header_after": 6}, 2: {"repeat_header_after": 6, "blank_after": [9]},
                   3: {"repeat_header_after": 8, "blank_after": [2]}}),
        dict(agency="Health Visiting", format="xlsx", fname="HV chronology Ottilie {mon}.xlsx", rounds=[1, 2, 3],
             entries=hv, header=hdr, sheet="HV", titles=["0-19 Health Visiting Service - safeguarding chronology",
                                                         "Name: {Name}  DOB: {DOB}"], gap_after_titles=True,
             cols=[("date", "Date of contact"), ("seen", "Seen (Y/N)"), ("text", "Details"), ("out", "Plan"),
                   ("staff", "HV"), ("who", "Present")],
             mess={3: {"cols": [("date", "Date of contact"), ("text", "Details"), ("who", "Present"),
                                ("seen", "Seen (Y/N)"), ("out", "Plan"), ("staff", "HV"),
                                ("extra:setting", "Setting")]}},
             extras={"setting": "Home"}),
        dict(agency="Midwifery", format="docx", fname="Maternity chronology OB {mon}.docx", rounds=[1],
             entries=midwifery, heading="paras", title="Wrenfield Maternity Unit - safeguarding chronology",
             header=[("Name", "Baby Ottilie Brackenridge"), ("DOB", "02.03.25"), ("Mother", "Shantelle Brackenridge")],
             cols=[("date", "Date / time"), ("text", "Event"), ("who", "Present"), ("out", "Plan"),
                   ("seen", "Baby seen"), ("staff", "Midwife")],
             mess={1: {"split_after": 4, "split_header": True}}),
        dict(agency="GP", format="csv", fname="Fellbrook MP chronology {mon}.csv", encoding="utf-8-sig",
             rounds=[2, 3], entries=gp, header=[],
             cols=[("date", "Date"), ("text", "Summary"), ("seen", "Child seen?"), ("staff", "Clinician"),
                   ("out", "Outcome")]),
        dict(agency="Emergency Department", format="xlsx", fname="Wrenfield General ED attendances {mon}.xlsx",
             rounds=[1, 2, 3], entries=ed, header=[], sheet="Sheet1",
             cols=[("date", "Arrival date/time"), ("text", "Reason for attendance / findings"), ("out", "Outcome"),
                   ("seen", "Child seen"), ("who", "With"), ("staff", "Clinician")]),
        dict(agency="Police", format="csv", fname="Police OB {mon}.csv", encoding="cp1252", rounds=[1, 2, 3],
             entries=police, header=[],
             cols=[("date", "Date/Time"), ("text", "Details"), ("who", "Persons"), ("out", "Action"),
                   ("seen", "Child seen"), ("staff", "OIC")],
             mess={2: {"blank_after": [1]}, 3: {"blank_after": [1]}}),
        dict(agency="Housing", format="xlsx", fname="Wrenfield Homes chronology {mon}.xlsx", rounds=[1, 2, 3],
             entries=housing, header=hdr + [("Agency", "Wrenfield Homes")],
             cover="Tenancy & Estates - chronology return", sheet="Chronology", titles=["Wrenfield Homes"],
             cols=[("extra:ref", "Tenancy ref"), ("date", "Date"), ("extra:cat", "Category"), ("text", "Detail"),
                   ("who", "Household members"), ("seen", "Child seen?"), ("out", "Outcome"), ("staff", "Officer")],
             extras={"ref": "WH/44871", "cat": "Tenancy"},
             mess={2: {"blank_after": [3]}}),
    ]
    rounds = [
        {"month": "2025-08", "cutoff": "2025-08-22", "mon": "Aug25"},
        {"month": "2025-09", "cutoff": "2025-09-19", "mon": "Sep25"},
        {"month": "2025-10", "cutoff": "2025-10-17", "mon": "Oct25"},
    ]
    refused = [{"file": "HV chronology Ottilie Oct25 (1).xlsx", "reason": "empty", "detail": "0-byte file"}]
    return dict(case_id="hold_baby", child={"name": name, "first_name": "Ottilie", "surname": "BRACKENRIDGE",
                                            "dob": dob, "address": addr, "sex": "f"},
                rounds=rounds, events=ev, submissions=subs, refused=refused,
                hard_negatives=[
                    {"events": ["B038", "B039"], "why": "two different A&E attendances on consecutive days"},
                    {"events": ["B026", "B036"], "why": "identical wording on different dates"},
                    {"events": ["B014", "B015"], "why": "similar missed appointments, different agencies, different events"},
                    {"events": ["B024", "B025"], "why": "bruise seen by HV and next-day CP medical"},
                    {"events": ["B035", "B036"], "why": "DA incident and the strategy discussion about it"},
                ],
                must_not_fire=["MISSING_EPISODE", "SELF_HARM", "SCHOOL_CHANGE", "DOMESTIC_ABUSE_REPEAT",
                               "HOUSE_MOVES", "CHILD_NOT_SEEN", "NO_ACCESS"],
                ambiguous_rules=[])


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    root = os.path.abspath(argv[0] if argv else "/tmp/holdout2")
    os.makedirs(root, exist_ok=True)
    selftest_dates()
    for mk in (case_teen, case_baby):
        C = mk()
        T = build_case(root, C)
        n = self_check(root, T)
        print(f"{T['case_id']}: {T['stats']}  rows re-read OK: {n}  flags: "
              + ", ".join(f"{f['rule']} {f['start']}..{f['end']}" for f in T["expected_flags"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
