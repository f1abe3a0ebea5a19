#!/usr/bin/env python3
"""Hold-out cases recast from published UK case reviews of children under 5 (helper A).

    python scripts/holdout_reviews_a.py DIR

writes DIR/<case>/... (monthly agency submissions: Word, Excel, CSV) and
DIR/<case>.truth.json for each case, deterministically (fixed zip timestamps,
no randomness).  Needs python-docx and openpyxl only (plus the standard library).

Sources (read for the SEQUENCE of agency contacts, the agency mix, the kind of
wording practitioners used and the patterns the reviews say no single agency
saw; nothing is copied, every name, place, service and date is invented):

1. "Baby F Serious Case Review", Harrow Local Safeguarding Children Board
   (London Borough of Harrow), independent author Edi Carmi, 11 October 2015
   (published via the LSCB and the NSPCC national case review repository; copy
   seen at https://vdocument.in/baby-f-serious-case-review-2019-01-09-ii-despite-initiating-a-child-protection.html).
   What the review describes: late booking and missed antenatal care by a
   homeless pregnant mother; anonymous referrals about the older children;
   a move to a refuge in another county after the birth; return to the borough
   into temporary accommodation; repeated referrals while the mother avoided
   professionals; children's social care not seeing the baby; child protection
   plans; moves between two boroughs; rapid deterioration.
   Recast as case ``ha_01`` (Kaydence FARRANT, fictional): 7 agencies
   (children's social care case-management export, health visiting, GP,
   police, housing, midwifery, hospital ED/paediatric liaison), 3 monthly
   rounds.  Planted: HOUSE_MOVES (refuge, two temporary addresses, a
   relative's address, foster placement), NO_ACCESS (HV and CSC planned
   visits, a police welfare check), WAS_NOT_BROUGHT (6-8 week check,
   immunisations, HV clinic), CHILD_NOT_SEEN (seven weeks in which no agency
   saw the baby while a strategy discussion and an ICPC were held),
   DOMESTIC_ABUSE_REPEAT (two police incidents involving the baby's father),
   HOUSEHOLD_CHANGE (mother's new partner staying), GP_CHANGE
   (re-registration after a move).  Invented beyond the review: the second
   police incident, the partner, the GP change, the final hospital admission
   for faltering growth (the real review ends in a death, not recast).

2. "Serious case review on the services provided for Baby V", Hampshire
   Safeguarding Children Board, independent author Alan Bedford, October 2013
   updated July 2014, published 2014 (NSPCC national case review repository;
   copy seen at https://vdocuments.site/title-serious-case-review-on-the-services-provided-for-.html;
   press accounts: Portsmouth News and Southern Daily Echo, 2014).
   What the review describes: a four/five-month-old baby; the mother telling
   the GP the baby was not bonding with the father; the mother telling a
   health-visiting nursery nurse about bruising to the baby's cheeks,
   explained as the baby pinching herself, the explanation accepted; contacts
   with an urgent care service, ambulance services and an out-of-hours GP, who
   saw bruises to both cheeks the day before the final admission and did not
   refer; a 999 call, emergency department, transfer to paediatric intensive
   care, skull and rib fractures found.
   Recast as case ``ha_02`` (Ava-Grace TREMBATH, fictional): 6 agencies,
   3 monthly rounds after the child protection conference.  Planted:
   INJURY_NON_MOBILE (mark behind the ear at 8 weeks, cheek bruising told to
   the nursery nurse, cheek bruising seen out of hours, the admission and the
   skeletal survey), AE_REPEAT and AE_MULTIPLE_SITES (urgent treatment
   centre, ED twice, out-of-hours GP base within two months),
   HOUSEHOLD_CHANGE (father leaves the home on bail conditions).
   Near misses: one police domestic incident in pregnancy and, more than six
   months later, a non-domestic concern-for-welfare call; one WNB
   immunisation rebooked and attended a week later; one HV no-access visit;
   one move (discharge to the maternal grandmother).  Invented beyond the
   review: the police calls, the WNB, the grandmother placement, all dates.

3. ``ha_03`` is a control case (no rule may fire) built from the same
   wording kinds: a walking toddler on a child in need plan with one ED
   attendance told by three agencies, one domestic incident, one WNB, one
   no-access visit, a visit by a relative, a housing-register application
   without a move, and frequent sightings.

Real-export quirks used: a children's social care case-management export with
title rows naming the child and date range, a row-number column and a
recording date beside the event date (newest first); an EMIS-style GP export
with dd-Mon-yyyy dates and coded entries in a Word table under a title row;
police CSV exports (Windows-1252) with separate date and time columns and
occurrence references; a housing CSV with "No." and "Date recorded" columns;
DSCB-template Word tables split over a page break, with repeated headers and
blank rows; "TBC", "unknown" and impossible dates; notifications dated a day
or three after the incident they report ("re attendance on 10/02"); a
conference one agency did not attend; a discharge noted by social care;
a joint visit recorded by two agencies on different days.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import sys
import zipfile

from docx import Document
from docx.enum.text import WD_BREAK
import openpyxl

CANON = {"csc": "Children's Social Care", "hv": "Health Visiting", "mw": "Midwifery", "gp": "GP",
         "pol": "Police", "hou": "Housing", "ed": "Emergency Department", "sch": "School"}
RULES = ["AE_REPEAT", "AE_MULTIPLE_SITES", "WAS_NOT_BROUGHT", "NO_ACCESS", "CHILD_NOT_SEEN",
         "DOMESTIC_ABUSE_REPEAT", "HOUSE_MOVES", "SCHOOL_CHANGE", "GP_CHANGE", "HOUSEHOLD_CHANGE",
         "MISSING_EPISODE", "SELF_HARM", "INJURY_NON_MOBILE"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MON3 = [m[:3] for m in MONTHS]
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


# ---------------------------------------------------------------------------
# dates as people type them
# ---------------------------------------------------------------------------
def _ord(n):
    return "%d%s" % (n, "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))


def D(iso, style="s2", time=None, approx=None):
    """A day-precision date written in `style`; returns the cell value and its truth."""
    d = dt.date.fromisoformat(iso)
    if style == "cell":
        cell = dt.datetime(d.year, d.month, d.day, *(map(int, time.split(":")) if time else (0, 0))) \
            if time else d
        return {"cell": cell, "date": iso, "prec": "day", "approx": False, "time": time, "reject": False}
    s = {"s2": "%02d/%02d/%02d" % (d.day, d.month, d.year % 100),
         "s4": "%02d/%02d/%04d" % (d.day, d.month, d.year),
         "dot": "%d.%d.%02d" % (d.day, d.month, d.year % 100),
         "long": "%s %s %d" % (_ord(d.day), MONTHS[d.month - 1], d.year),
         "emis": "%02d-%s-%04d" % (d.day, MON3[d.month - 1], d.year),
         "iso": iso}[style]
    if time:
        h, m = map(int, time.split(":"))
        s = s + {"s2": " @ %02d:%02d", "s4": " %02d:%02d", "dot": " %02d%02d hrs", "long": " at %02d:%02d",
                 "emis": " %02d:%02d", "iso": " %02d:%02d"}[style] % (h, m)
    if approx == "q":
        s = "?" + s
    elif approx == "approx":
        s = "approx " + s
    elif approx == "wc":
        s = "w/c " + s
    return {"cell": s, "date": iso, "prec": "day", "approx": bool(approx), "time": time, "reject": False}


def DM(year, month, style="long"):
    s = {"long": "%s %d" % (MONTHS[month - 1], year), "short": "%s %d" % (MON3[month - 1], year),
         "num": "%02d/%d" % (month, year)}[style]
    return {"cell": s, "date": "%04d-%02d-01" % (year, month), "prec": "month", "approx": False, "time": None,
            "reject": False}


def DY(year):
    return {"cell": str(year), "date": "%04d-01-01" % year, "prec": "year", "approx": False, "time": None,
            "reject": False}


def BAD(text):
    return {"cell": text, "date": None, "prec": None, "approx": False, "time": None, "reject": True}


def SY(t="Yes"):
    return (t, "yes")


def SN(t="No"):
    return (t, "no")


def SU(t=""):
    return (t, "unknown")


# ---------------------------------------------------------------------------
# a case
# ---------------------------------------------------------------------------
class Case:
    def __init__(self, cid, child, rounds, control=False):
        self.cid = cid
        self.child = child
        self.rounds = rounds          # list of (month 'YYYY-MM', cutoff iso)
        self.control = control
        self.events = {}
        self.specs = []
        self.layouts = {}             # (ag, round) -> layout dict
        self.refused = []             # (path, reason, detail, writer, extra)
        self.hard_negatives = []
        self.ambiguous = {}
        self.planted = []

    def ev(self, eid, date, kind, summary, tags=None, planted=None, history=False):
        assert eid not in self.events, eid
        self.events[eid] = {"id": eid, "date": date, "kind": kind, "summary": summary, "tags": tags or {},
                            "ambiguous": [], "history": history, "planted": planted}

    def row(self, eid, ag, r0, d, text, seen=SU(), who="", out="", com="", fix=None, sort=None, last=None,
            extra=None):
        assert eid in self.events, eid
        self.specs.append({"ev": eid, "ag": ag, "r0": r0, "last": last or len(self.rounds), "d": d,
                           "text": text, "seen": seen, "who": who, "out": out, "com": com, "fix": fix or {},
                           "sort": sort or d["date"], "extra": extra or {}, "n": len(self.specs)})

    def layout(self, ag, rnd, path, fmt, **kw):
        kw.update({"ag": ag, "round": rnd, "path": path, "fmt": fmt})
        self.layouts[(ag, rnd)] = kw

    def hn(self, ids, why):
        self.hard_negatives.append({"events": ids, "why": why})


def spec_at(sp, rnd):
    """The row as the agency wrote it in round rnd (later corrections apply)."""
    out = dict(sp)
    for k in sorted(sp["fix"]):
        if k <= rnd:
            out.update(sp["fix"][k])
    return out


# ---------------------------------------------------------------------------
# writers
# ---------------------------------------------------------------------------
def plain_props(doc, author=""):
    cp = doc.core_properties
    cp.author, cp.comments, cp.last_modified_by = author, "", author


def fixzip(path):
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == "docProps/core.xml":      # save() stamps the wall-clock time: pin it
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", data)
            zi = zipfile.ZipInfo(name, ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)


def cell_json(v):
    if isinstance(v, dt.datetime):
        return {"datetime": v.strftime("%Y-%m-%dT%H:%M")}
    if isinstance(v, dt.date):
        return {"date": v.isoformat()}
    return "" if v is None else v


def cell_text(v):
    if isinstance(v, dt.datetime):
        return v.strftime("%d/%m/%Y %H:%M")
    if isinstance(v, dt.date):
        return v.strftime("%d/%m/%Y")
    return "" if v is None else str(v)


def row_cells(L, r, idx):
    """Cell values for the file's columns."""
    vals = []
    for role in L["columns"]:
        if role == "date":
            vals.append(r["d"]["cell"])
        elif role == "time":
            vals.append(r["extra"].get("time", ""))
        elif role == "event":
            vals.append(r["text"])
        elif role == "seen":
            vals.append(r["seen"][0])
        elif role == "who":
            vals.append(r["who"])
        elif role == "outcome":
            vals.append(r["out"])
        elif role == "comments":
            vals.append(r["com"])
        elif role == "agency":
            vals.append(r["extra"].get("agency", L.get("agency_text", "")))
        elif role == "rowno":
            vals.append(idx)
        elif role in ("recorded", "type", "worker", "ref", "code"):
            vals.append(r["extra"].get(role, L.get(role + "_default", "")))
        elif role == "blank":
            vals.append("")
        else:
            raise ValueError(role)
    return vals


def write_docx(path, L, rows):
    doc = Document()
    places = []                 # (table no, row no, spec) for data rows
    tables_info = []
    tno = 0
    h = L.get("heading")
    if L.get("doc_title"):
        doc.add_paragraph(L["doc_title"])
    if h and L.get("heading_style", "table") == "table":
        t = doc.add_table(rows=0, cols=2)
        t.style = "Table Grid"
        for k, v in h.items():
            c = t.add_row().cells
            c[0].text, c[1].text = k + ":", v
        tno += 1
        tables_info.append({"table": tno, "role": "heading", "nrows": len(h)})
        doc.add_paragraph("")
    elif h:
        for k, v in h.items():
            doc.add_paragraph("%s: %s" % (k, v))
    ncol = len(L["columns"])
    split_at = L.get("split_at")        # data index at which a new table starts
    blank_after = set(L.get("blank_after", []))
    rep_after = set(L.get("repeat_header_after", []))

    def new_table():
        nonlocal tno
        t = doc.add_table(rows=0, cols=ncol)
        t.style = "Table Grid"
        tno += 1
        info = {"table": tno, "role": "chronology", "header_rows": [], "blank_rows": [], "title_rows": [],
                "columns": L["columns"], "headers": L["headers"]}
        tables_info.append(info)
        return t, info

    def add(t, vals):
        c = t.add_row().cells
        for i, v in enumerate(vals):
            c[i].text = cell_text(v)
        return len(t.rows)

    t, info = new_table()
    if L.get("title_row"):
        tr = t.add_row()
        m = tr.cells[0].merge(tr.cells[ncol - 1])
        m.text = L["title_row"]
        info["title_rows"].append(len(t.rows))
    info["header_rows"].append(add(t, L["headers"]))
    for i, r in enumerate(rows, 1):
        if split_at and i == split_at:
            p = doc.add_paragraph()
            p.add_run().add_break(WD_BREAK.PAGE)
            info["nrows"] = len(t.rows)
            t, info = new_table()
            if L.get("split_header", True):
                info["header_rows"].append(add(t, L["headers"]))
        vals = row_cells(L, r, i)
        n = add(t, vals)
        places.append((tno, n, r, [cell_text(v) for v in vals]))
        if i in blank_after:
            info["blank_rows"].append(add(t, [""] * ncol))
        if i in rep_after:
            info["header_rows"].append(add(t, L["headers"]))
    info["nrows"] = len(t.rows)
    for p in L.get("notes", []):
        doc.add_paragraph(p)
    plain_props(doc, (h or {}).get("Author", ""))
    doc.save(path)
    fixzip(path)
    return places, tables_info


def write_xlsx(path, L, rows):
    wb = openpyxl.Workbook()
    wb.properties.created = dt.datetime(2026, 1, 1)
    wb.properties.modified = dt.datetime(2026, 1, 1)
    wb.properties.creator = L.get("creator", "")
    ws = wb.active
    tables_info = []
    if L.get("cover"):
        ws.title = L["cover"]["name"]
        for i, line in enumerate(L["cover"]["lines"], 1):
            for j, v in enumerate(line, 1):
                ws.cell(i, j, v)
        tables_info.append({"table": L["cover"]["name"], "role": "cover"})
        ws = wb.create_sheet(L["sheet"])
    else:
        ws.title = L["sheet"]
    info = {"table": L["sheet"], "role": "chronology", "header_rows": [], "title_rows": [], "blank_rows": [],
            "columns": L["columns"], "headers": L["headers"]}
    rn = 0
    for t in L.get("titles", []):
        rn += 1
        if t is None:
            continue          # a blank line between the title and the header
        ws.cell(rn, 1, t)
        info["title_rows"].append(rn)
    rn += 1
    for j, hname in enumerate(L["headers"], 1):
        ws.cell(rn, j, hname)
    info["header_rows"].append(rn)
    places = []
    blank_after = set(L.get("blank_after", []))
    for i, r in enumerate(rows, 1):
        rn += 1
        vals = row_cells(L, r, i)
        for j, v in enumerate(vals, 1):
            c = ws.cell(rn, j, v if v != "" else None)
            if isinstance(v, dt.datetime):
                c.number_format = "dd/mm/yyyy hh:mm"
            elif isinstance(v, dt.date):
                c.number_format = "dd/mm/yyyy"
        places.append((L["sheet"], rn, r, [cell_json(v) for v in vals]))
        if i in blank_after:
            rn += 1
            info["blank_rows"].append(rn)
    info["max_row"] = rn
    for j, w in enumerate(L.get("widths", []), 1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(j)].width = w
    tables_info.append(info)
    wb.save(path)
    fixzip(path)
    return places, tables_info


def write_csv(path, L, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(L["headers"])
    places = []
    ln = 1
    blank_after = set(L.get("blank_after", []))
    info = {"table": 1, "role": "chronology", "header_rows": [1], "blank_rows": [], "columns": L["columns"],
            "headers": L["headers"]}
    for i, r in enumerate(rows, 1):
        vals = [cell_text(v) for v in row_cells(L, r, i)]
        assert not any("\n" in v for v in vals)
        w.writerow(vals)
        ln += 1
        places.append((1, ln, r, vals))
        if i in blank_after:
            w.writerow([""] * len(L["headers"]))
            ln += 1
            info["blank_rows"].append(ln)
    info["nlines"] = ln
    enc = L.get("encoding", "utf-8-sig")
    with open(path, "wb") as fh:
        fh.write(buf.getvalue().encode(enc))
    info["encoding"] = enc
    return places, [info]


# ---------------------------------------------------------------------------
# flags from the truth rows (FLAG_RULES.md defaults)
# ---------------------------------------------------------------------------
def add_months(d, n):
    y, m = d.year + (d.month - 1 + n) // 12, (d.month - 1 + n) % 12 + 1
    day = min(d.day, [31, 29 if y % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1])
    return dt.date(y, m, day)


def clusters(evs, n, months):
    """Union of all windows holding >= n events within `months` months: list of event lists."""
    evs = sorted(evs, key=lambda e: e["date"])
    ds = [dt.date.fromisoformat(e["date"]) for e in evs]
    marks = []
    for i in range(len(evs)):
        j = i + n - 1
        if j < len(evs) and ds[j] <= add_months(ds[i], months):
            marks.append((i, j))
    comps = []
    for i, j in marks:
        if comps and i <= comps[-1][1]:
            comps[-1][1] = max(comps[-1][1], j)
        else:
            comps.append([i, j])
    return [evs[i:j + 1] for i, j in comps]


def compute_flags(case, accepted_rows, period_from, period_to):
    ev_ok = {r["event"] for r in accepted_rows}
    evs = [e for e in case.events.values() if e["id"] in ev_ok]
    dob = dt.date.fromisoformat(case.child["dob"])
    flags = []

    def emit(rule, group):
        flags.append({"rule": rule, "start": min(e["date"] for e in group), "end": max(e["date"] for e in group),
                      "events": [e["id"] for e in sorted(group, key=lambda e: (e["date"], e["id"]))],
                      "planted": rule in case.planted})

    def tagged(t):
        return [e for e in evs if e["tags"].get(t)]

    ae = tagged("ae")
    for g in clusters(ae, 3, 12):
        emit("AE_REPEAT", g)
    # two or more different sites within 12 months
    aes = sorted(ae, key=lambda e: e["date"])
    groups = []
    for i, e in enumerate(aes):
        d0 = dt.date.fromisoformat(e["date"])
        win = [x for x in aes[i:] if dt.date.fromisoformat(x["date"]) <= add_months(d0, 12)]
        if len({x["tags"]["ae"] for x in win}) >= 2:
            groups.append(win)
    if groups:
        merged = []
        for g in groups:
            if merged and g[0]["date"] <= merged[-1][-1]["date"]:
                merged[-1] = sorted({x["id"]: x for x in merged[-1] + g}.values(), key=lambda e: e["date"])
            else:
                merged.append(g)
        for g in merged:
            emit("AE_MULTIPLE_SITES", g)
    for g in clusters(tagged("missed"), 2, 6):
        emit("WAS_NOT_BROUGHT", g)
    for g in clusters(tagged("no_access"), 2, 3):
        emit("NO_ACCESS", g)
    for g in clusters(tagged("da"), 2, 6):
        emit("DOMESTIC_ABUSE_REPEAT", g)
    for g in clusters(tagged("move"), 2, 12):
        emit("HOUSE_MOVES", g)
    for g in clusters(tagged("school_change"), 2, 12):
        emit("SCHOOL_CHANGE", g)
    for rule, t in (("GP_CHANGE", "gp_change"), ("HOUSEHOLD_CHANGE", "household"),
                    ("MISSING_EPISODE", "missing"), ("SELF_HARM", "self_harm")):
        for g in _chain(tagged(t), 30):
            emit(rule, g)
    inj = [e for e in tagged("injury") if dt.date.fromisoformat(e["date"]) < add_months(dob, 6)
           or e["tags"].get("non_mobile")]
    for g in _chain(inj, 7):
        emit("INJURY_NON_MOBILE", g)
    # CHILD_NOT_SEEN: gaps > 28 days between entries recording the child as seen, inside the period
    seen = sorted({r["date"] for r in accepted_rows if r["child_seen"] == "yes"
                   and r["precision"] == "day" and period_from <= r["date"] <= period_to})
    start = max(period_from, case.child["dob"])
    pts = [start] + seen + [period_to]
    gaps = []
    for a, b in zip(pts, pts[1:]):
        if (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days > 28:
            gaps.append((a, b))
    for a, b in gaps:
        flags.append({"rule": "CHILD_NOT_SEEN", "start": a, "end": b, "events": [],
                      "planted": "CHILD_NOT_SEEN" in case.planted})
    return flags


def _chain(evs, days):
    """Group events whose dates are within `days` of the previous one."""
    evs = sorted(evs, key=lambda e: e["date"])
    out = []
    for e in evs:
        if out and (dt.date.fromisoformat(e["date"]) - dt.date.fromisoformat(out[-1][-1]["date"])).days <= days:
            out[-1].append(e)
        else:
            out.append([e])
    return out


# ---------------------------------------------------------------------------
# building one case
# ---------------------------------------------------------------------------
def build(case, root):
    cdir = os.path.join(root, case.cid)
    if os.path.exists(cdir):
        shutil.rmtree(cdir)
    os.makedirs(cdir)
    truth_rows, files = [], []
    for (ag, rnd), L in sorted(case.layouts.items(), key=lambda kv: (kv[0][1], kv[1]["path"])):
        rows = [spec_at(sp, rnd) for sp in case.specs if sp["ag"] == ag and sp["r0"] <= rnd <= sp["last"]]
        rows.sort(key=lambda r: (r["sort"], r["n"]), reverse=False)
        if L.get("newest_first"):
            rows.sort(key=lambda r: (r["sort"], -r["n"]), reverse=True)
        path = os.path.join(cdir, L["path"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        writer = {"docx": write_docx, "xlsx": write_xlsx, "csv": write_csv}[L["fmt"]]
        places, tinfo = writer(path, L, rows)
        for tbl, rn, r, vals in places:
            d = r["d"]
            time = d["time"] or r["extra"].get("truth_time")
            tr = {"file": L["path"], "table": tbl, "row": rn, "event": r["ev"], "reject": d["reject"],
                  "date": d["date"], "precision": d["prec"], "approximate": d["approx"],
                  "time": None if d["reject"] else time, "agency": CANON[ag],
                  "child_seen": "unknown" if d["reject"] else r["seen"][1], "cells": vals}
            if d["reject"]:
                tr["reject_reason"] = "date %r cannot be read" % d["cell"]
            truth_rows.append(tr)
        files.append({"file": L["path"], "agency": CANON[ag], "round": rnd, "month": case.rounds[rnd - 1][0],
                      "format": L["fmt"], "status": "ok", "tables": tinfo, "rows": len(places),
                      "heading": L.get("heading") or {}})
    refused = []
    for rf in case.refused:
        path = os.path.join(cdir, rf["file"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        rf["writer"](path)
        entry = {k: v for k, v in rf.items() if k != "writer"}
        refused.append(entry)
        files.append(dict(entry, status="refused"))
    accepted = [r for r in truth_rows if not r["reject"]]
    latest = max(r["date"] for r in accepted)
    lt = dt.date.fromisoformat(latest)
    pfrom = dt.date(lt.year - 1, lt.month, min(lt.day, 28 if lt.month == 2 else lt.day)).isoformat()
    flags = compute_flags(case, accepted, pfrom, latest)
    events = []
    for e in sorted(case.events.values(), key=lambda e: e["id"]):
        mine = [r for r in truth_rows if r["event"] == e["id"]]
        if not mine:
            raise SystemExit("%s: event %s has no rows" % (case.cid, e["id"]))
        ags = list(dict.fromkeys(r["agency"] for r in mine if not r["reject"]))
        events.append(dict(e, agencies=ags, rows=[[r["file"], r["table"], r["row"]] for r in mine if not r["reject"]],
                           rejected_rows=[[r["file"], r["table"], r["row"]] for r in mine if r["reject"]]))
    fired = {f["rule"] for f in flags}
    amb = sorted(case.ambiguous)
    planted_missing = [p for p in case.planted if p not in fired]
    if planted_missing:
        raise SystemExit("%s: planted but not computed: %s" % (case.cid, planted_missing))
    if case.control:
        assert not fired, (case.cid, fired)
    mnf = [r for r in RULES if r not in fired and r not in case.ambiguous]
    flags = [f for f in flags if f["rule"] not in case.ambiguous]
    T = {"schema": "chrono-eval-truth/1", "case_id": case.cid, "profile": "holdout-reviews-a", "seed": 0,
         "child": case.child,
         "period": {"from": pfrom, "to": latest,
                    "note": "12 months to the latest dated entry; CHILD_NOT_SEEN is judged inside it"},
         "rounds": [{"round": i + 1, "month": m, "cutoff": c} for i, (m, c) in enumerate(case.rounds)],
         "agencies": list(dict.fromkeys(CANON[a] for (a, _r) in sorted(case.layouts, key=lambda k: k[1]))),
         "age_group": "under5", "control": case.control, "planted": case.planted,
         "files": files, "refused_files": [{k: v for k, v in x.items() if k != "status"} for x in refused],
         "rows": truth_rows,
         "rejected_rows": [[r["file"], r["table"], r["row"]] for r in truth_rows if r["reject"]],
         "events": events, "hard_negatives": case.hard_negatives, "expected_flags": flags,
         "must_not_fire": mnf, "ambiguous_rules": amb,
         "ambiguous_why": case.ambiguous,
         "stats": {"files": len(files), "accepted_files": len(files) - len(refused), "refused_files": len(refused),
                   "rows": len(truth_rows), "rejected_rows": sum(r["reject"] for r in truth_rows),
                   "events": len(events)}}
    with open(os.path.join(root, case.cid + ".truth.json"), "w", encoding="utf-8") as fh:
        json.dump(T, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
    return T




def verify(root, T):
    """Reopen every written file and check the truth's (file, table, row) against what is on disk:
    every truth row holds its cells there, and every other physical row of a chronology table is a
    header, title or blank row listed in the truth."""
    cdir = os.path.join(root, T["case_id"])
    problems = []
    disk = sorted(os.path.relpath(os.path.join(d, f), cdir) for d, _s, fs in os.walk(cdir) for f in fs)
    if disk != sorted(f["file"] for f in T["files"]):
        problems.append("files on disk differ from the truth's list")
    rows = {(r["file"], str(r["table"]), r["row"]): r for r in T["rows"]}
    found = set()

    def norm(v):
        if isinstance(v, dt.datetime):
            return cell_json(v) if (v.hour or v.minute) else {"date": v.date().isoformat()}
        return cell_json(v)
    for f in T["files"]:
        if f["status"] != "ok":
            continue
        p = os.path.join(cdir, f["file"])
        phys = []
        if f["format"] == "docx":
            for ti, t in enumerate(Document(p).tables, 1):
                for ri, row in enumerate(t.rows, 1):
                    phys.append((str(ti), ri, [c.text for c in row.cells]))
        elif f["format"] == "xlsx":
            for ws in openpyxl.load_workbook(p).worksheets:
                for ri in range(1, ws.max_row + 1):
                    phys.append((ws.title, ri, [norm(ws.cell(ri, j).value) for j in range(1, ws.max_column + 1)]))
        else:
            raw = open(p, "rb").read()
            try:
                txt = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                txt = raw.decode("cp1252")
            for ri, row in enumerate(csv.reader(io.StringIO(txt)), 1):
                phys.append(("1", ri, row))
        tinfo = {str(t["table"]): t for t in f["tables"]}
        for tb, ri, cells in phys:
            ti = tinfo.get(tb)
            if ti is None or ti["role"] != "chronology":
                continue
            k = (f["file"], tb, ri)
            skip = ri in ti.get("header_rows", []) + ti.get("blank_rows", []) + ti.get("title_rows", [])
            if k in rows:
                found.add(k)
                if skip or [str(x) for x in cells[:len(rows[k]["cells"])]] != [str(x) for x in rows[k]["cells"]]:
                    problems.append("row %r does not match the file" % (k,))
            elif not skip and any(c not in ("", None) for c in cells):
                problems.append("data row %r missing from the truth" % (k,))
    problems += ["truth row %r not in the file" % (k,) for k in rows if k not in found]
    return problems


# ---------------------------------------------------------------------------
# refused files
# ---------------------------------------------------------------------------
def other_child_docx(name, dob, address, rows):
    def w(path):
        doc = Document()
        t = doc.add_table(rows=0, cols=2)
        t.style = "Table Grid"
        for k, v in (("Name", name), ("DOB", dob), ("Address", address), ("Agency", "Health Visiting"),
                     ("Author", "HV T Adeyemi")):
            c = t.add_row().cells
            c[0].text, c[1].text = k + ":", v
        doc.add_paragraph("")
        hdr = ["Date and Time", "Significant Event", "Professional/Agency", "Who was involved",
               "Decisions/Actions Outcome", "Child Seen/ View obtained", "Author comments"]
        t = doc.add_table(rows=0, cols=len(hdr))
        t.style = "Table Grid"
        c = t.add_row().cells
        for i, v in enumerate(hdr):
            c[i].text = v
        for r in rows:
            c = t.add_row().cells
            for i, v in enumerate(r):
                c[i].text = v
        plain_props(doc, "HV T Adeyemi")
        doc.save(path)
        fixzip(path)
    return w


def text_file(text):
    def w(path):
        with open(path, "wb") as fh:
            fh.write(text.encode("utf-8"))
    return w


def letter_docx(paras):
    def w(path):
        doc = Document()
        for p in paras:
            doc.add_paragraph(p)
        plain_props(doc)
        doc.save(path)
        fixzip(path)
    return w


# ---------------------------------------------------------------------------
# the cases
# ---------------------------------------------------------------------------
TPL_H = ["Date and Time", "Significant Event", "Professional/Agency", "Who was involved",
         "Decisions/Actions Outcome", "Child Seen/ View obtained", "Author comments"]
TPL_C = ["date", "event", "agency", "who", "outcome", "seen", "comments"]


def case_ha_01():
    """Recast of Harrow LSCB 'Baby F' (2015): homeless pregnancy, refuge, temporary accommodation,
    anonymous referrals, avoidance of professionals, moves between boroughs, baby not seen."""
    child = {"name": "Kaydence FARRANT", "first_name": "Kaydence", "surname": "FARRANT", "dob": "2025-09-03",
             "address": "Flat 3, 41 Tenterden Road, Wexcombe, WX7 2QL", "sex": "f"}
    c = Case("ha_01", child, [("2026-04", "2026-04-17"), ("2026-05", "2026-05-15"), ("2026-06", "2026-06-19")])
    c.planted = ["HOUSE_MOVES", "NO_ACCESS", "WAS_NOT_BROUGHT", "CHILD_NOT_SEEN", "DOMESTIC_ABUSE_REPEAT",
                 "HOUSEHOLD_CHANGE", "GP_CHANGE"]
    c.ambiguous = {"MISSING_EPISODE": "the family's whereabouts were unknown to professionals for a week "
                                      "(mother later said they were at her sister's); a careful reader could "
                                      "call it a missing episode or not",
                   "AE_MULTIPLE_SITES": "one ED attendance only, but the baby was also seen at two GP practices "
                                        "and an out-of-area HV clinic; 'use of different doctors' can be read "
                                        "either way"}
    E = c.ev
    # ---- events ---------------------------------------------------------------------------
    E("E01", "2001-02-14", "birth_mother", "Mother born", history=True)
    E("E02", "2016-01-01", "mum_lac", "Mother accommodated s20 as a teenager", history=True)
    E("E03", "2022-03-01", "prev_cin", "Older siblings CIN (neglect), closed", history=True)
    E("E04", "2025-05-12", "homeless_app", "Homeless application - sofa surfing")
    E("E05", "2025-06-11", "mw_booking", "Late booking at 29 weeks")
    E("E06", "2025-07-02", "missed_antenatal", "DNA antenatal clinic", tags={"missed_antenatal": 1})
    E("E07", "2025-07-16", "missed_antenatal", "DNA antenatal clinic", tags={"missed_antenatal": 1})
    E("E08", "2025-08-11", "da_incident", "DA incident: father assaulted pregnant mother", tags={"da": 1},
      planted="DOMESTIC_ABUSE_REPEAT")
    E("E09", "2025-08-20", "referral", "Anonymous contact re older children left alone - NFA")
    E("E10", "2025-09-03", "birth_child", "Birth of Kaydence")
    E("E11", "2025-09-05", "mw_discharge_ward", "Discharged from postnatal ward")
    E("E12", "2025-09-12", "mw_postnatal", "Day 9 postnatal visit; refuge referral")
    E("E13", "2025-09-19", "house_move", "Moved into refuge out of area", tags={"move": 1}, planted="HOUSE_MOVES")
    E("E14", "2025-09-24", "hv_visit", "New birth visit at refuge")
    E("E15", "2025-09-10", "gp_reg", "Baby registered at Orchard Lane Surgery")
    E("E16", "2025-10-14", "hv_visit", "6-8 week review at refuge")
    E("E17", "2025-10-29", "missed_appt", "6-8 week baby check DNA", tags={"missed": 1}, planted="WAS_NOT_BROUGHT")
    E("E18", "2025-11-04", "hv_clinic", "HV clinic weigh (refuge area)")
    E("E19", "2025-11-05", "missed_appt", "8 week immunisations WNB", tags={"missed": 1}, planted="WAS_NOT_BROUGHT")
    E("E20", "2025-11-10", "house_move", "Left refuge; placed in TA Kestrel House", tags={"move": 1},
      planted="HOUSE_MOVES")
    E("E21", "2025-11-11", "hv_handover", "Handover call from refuge-area HV (weight, mood)")
    E("E22", "2025-11-13", "housing_decision", "s184 decision - main duty accepted")
    E("E23", "2025-11-20", "referral", "Anonymous referral - baby crying, children out late")
    E("E24", "2025-11-26", "cf_assessment", "C&F assessment home visit - children seen")
    E("E25", "2025-12-03", "missed_appt", "12 week immunisations WNB", tags={"missed": 1}, planted="WAS_NOT_BROUGHT")
    E("E26", "2025-12-09", "hv_visit", "HV home visit at TA - weight dropping")
    E("E27", "2025-12-17", "cin", "Assessment completed - CIN plan")
    E("E28", "2026-01-05", "hv_clinic", "HV clinic weigh")
    E("E29", "2026-01-09", "cin_meeting", "CIN meeting")
    E("E30", "2026-01-14", "no_access", "HV no access visit", tags={"no_access": 1}, planted="NO_ACCESS")
    E("E31", "2026-01-22", "no_access", "CSC CIN visit no access", tags={"no_access": 1}, planted="NO_ACCESS")
    E("E32", "2026-01-27", "phone_contact", "SW telephone call with mother")
    E("E33", "2026-01-30", "da_incident", "DA incident: father at TA, breach of non-mol", tags={"da": 1},
      planted="DOMESTIC_ABUSE_REPEAT")
    E("E34", "2026-02-05", "no_access", "CSC planned visit no access", tags={"no_access": 1}, planted="NO_ACCESS")
    E("E35", "2026-02-10", "household_change", "Anonymous: unknown male staying", tags={"household": 1},
      planted="HOUSEHOLD_CHANGE")
    E("E36", "2026-02-16", "house_move", "Moved to self-contained TA Tenterden Road", tags={"move": 1},
      planted="HOUSE_MOVES")
    E("E37", "2026-02-19", "hv_visit", "HV home visit new TA - faltering growth")
    E("E38", "2026-02-23", "household_change", "Mother confirms new partner staying", tags={"household": 1},
      planted="HOUSEHOLD_CHANGE")
    E("E39", "2026-02-25", "police_checks", "Police checks on new partner")
    E("E40", "2026-02-24", "gp_change", "Re-registered at Milfield Health Centre", tags={"gp_change": 1},
      planted="GP_CHANGE")
    E("E41", "2026-03-02", "no_access", "HV no access visit", tags={"no_access": 1}, planted="NO_ACCESS")
    E("E42", "2026-03-04", "strategy", "Strategy discussion - s47 neglect")
    E("E43", "2026-03-11", "no_access", "s47 visit no access", tags={"no_access": 1}, planted="NO_ACCESS")
    E("E44", "2026-03-13", "no_access", "Police welfare check - no reply", tags={"no_access": 1}, planted="NO_ACCESS")
    E("E45", "2026-03-16", "whereabouts", "Family whereabouts unknown; flat appears empty",
      tags={"missing": 1, "no_access": 1})
    E("E46", "2026-03-18", "phone_contact", "Mother phoned: at sister's in Carrowby")
    E("E47", "2026-03-23", "phone_contact", "HV telephone contact")
    E("E48", "2026-03-26", "icpc", "ICPC - neglect - CP plan")
    E("E49", "2026-04-09", "joint_visit", "Joint SW/HV visit - baby seen")
    E("E50", "2026-04-15", "core_group", "Core group 1")
    E("E51", "2026-04-21", "gp_imms", "Catch-up immunisations given")
    E("E52", "2026-04-28", "missed_appt", "HV clinic WNB", tags={"missed": 1}, planted="WAS_NOT_BROUGHT")
    E("E53", "2026-05-06", "cp_visit", "Unannounced CP visit - baby seen")
    E("E54", "2026-05-13", "core_group", "Core group 2")
    E("E55", "2026-05-19", "missed_appt", "Catch-up immunisations WNB", tags={"missed": 1}, planted="WAS_NOT_BROUGHT")
    E("E56", "2026-05-22", "house_move", "Left TA; moved to aunt's in Carrowby", tags={"move": 1},
      planted="HOUSE_MOVES")
    E("E57", "2026-05-27", "cp_visit", "CP visit at Carrowby address - baby seen")
    E("E58", "2026-06-04", "ae_attendance", "ED attendance - poor feeding, admitted", tags={"ae": "Wexcombe General"})
    E("E59", "2026-06-05", "strategy", "Strategy discussion 2 (in hospital)")
    E("E60", "2026-06-09", "lac", "Discharged to foster care (s20)", tags={"move": 1}, planted="HOUSE_MOVES")
    E("E61", "2026-06-16", "legal_planning", "Legal planning meeting")
    E("E62", "2026-06-17", "hv_visit", "HV visit at foster home")
    E("E63", "2025-10-01", "hv_liaison", "Refuge support worker call to HV", )
    E("E64", "2025-12-19", "unknown_date", "Intel: father seen near Kestrel House")
    E("E65", "2026-03-30", "hv_liaison", "HV liaison with GP re weight")
    E("E66", "2026-01-12", "tenancy_visit", "Housing: TA licence check - seen")
    c.hn(["E17", "E19", "E25", "E55"], "missed immunisation/check appointments, same wording, different dates")
    c.hn(["E08", "E33"], "two domestic incidents involving the same adults, PPN wording alike")
    c.hn(["E29", "E50", "E54"], "CIN meeting and core groups: same attendees, similar wording")
    c.hn(["E49", "E53", "E57"], "child protection visits with the baby seen, similar wording")
    c.hn(["E20", "E36"], "two moves into temporary accommodation")
    c.hn(["E58", "E59"], "same agency (CSC) on consecutive days: admission notified, then strategy discussion")
    c.hn(["E30", "E41"], "HV no access visits, identical wording")
    c.hn(["E38", "E39"], "partner disclosed to CSC vs police checks on him two days later")

    # ---- Children's Social Care: case-management export (newest first) ----------------------
    def csc(eid, r0, iso, typ, text, seen, out="", rec=1, worker="J Whitlow (SW)", d=None, fix=None):
        dd = d or D(iso, "cell")
        rdate = dt.date.fromisoformat(iso) + dt.timedelta(days=rec) if iso else None
        c.row(eid, "csc", r0, dd, text, seen, out=out,
              extra={"type": typ, "worker": worker, "recorded": rdate}, fix=fix, sort=iso)
    csc("E01", 1, "2001-02-14", "Family history", "DOB of mother Shannon FARRANT", SU(), rec=3000)
    csc("E02", 1, None, "Family history", "Mother accommodated under s20 aged 15 (placement breakdown)", SU("N/A"),
        d=DY(2016), worker="Admin")
    csc("E03", 1, None, "Previous involvement", "Tyler and Lacey subject to CIN plan (neglect - home conditions). "
        "Closed Sept 2022", SU("N/A"), d=DM(2022, 3, "short"), worker="Admin")
    csc("E08", 1, "2025-08-12", "Contact", "PPN received from police re DA incident 11/08/25 - Jordan BRICE assaulted "
        "Shannon (pregnant). MASH: info shared with midwife, IDVA referral. NFA CSC", SU("N/A"),
        out="NFA - signpost")
    csc("E09", 1, "2025-08-20", "Contact", "Anonymous caller states Tyler and Lacey left alone at aunt's address "
        "in the evenings. Checks: HV/school no concerns", SU("N/A"), out="NFA")
    csc("E23", 1, "2025-11-20", "Contact", "Anonymous referral: baby crying for hours at Kestrel House, older "
        "children outside after 9pm. Referral accepted - C&F assessment", SU("N/A"), out="Assessment")
    csc("E24", 1, "2025-11-26", "Home Visit", "C&F assessment visit Kestrel House rm 6. All 3 children seen. "
        "Baby asleep in pram, one room, clothes and food on floor", SY("Yes"))
    csc("E27", 1, "2025-12-17", "Assessment", "C&F assessment authorised - CIN plan (neglect, housing, DA history)",
        SU("N/A"), out="CIN")
    csc("E29", 1, "2026-01-09", "Meeting", "CIN meeting - Mum, HV, Housing (TA officer). Mum did not bring "
        "children", SU("No"), out="Plan reviewed")
    csc("E31", 1, "2026-01-22", "Home Visit", "CIN visit - no answer, card left. Neighbour says family 'away'",
        SN("No"))
    csc("E32", 1, "2026-01-27", "Telephone", "Tel call to mum - staying at her sister's, will be back Monday",
        SN("No"))
    csc("E33", 1, "2026-02-02", "Contact", "PPN received re incident 30/01 at Kestrel House - father at the door "
        "shouting, breach of non-mol. DASH standard", SU("N/A"), out="Passed to allocated SW")
    csc("E34", 1, "2026-02-05", "Home Visit", "Planned visit - no access. Mum texted 'at clinic' (HV says no clinic "
        "booked)", SN("No"))
    csc("E35", 1, "2026-02-10", "Contact", "Anonymous call - unknown male staying at rm 6, smell of cannabis",
        SU("N/A"), out="Discuss with mum")
    csc("E36", 1, "2026-02-16", "Case Note", "Housing confirm family moved to self-contained TA Flat 3, 41 "
        "Tenterden Road", SU("N/A"), rec=2)
    csc("E38", 1, "2026-02-23", "Telephone", "Mum confirms new partner Dean HARKER (28) stays 'most nights'. "
        "Police checks requested", SN("No"), out="Checks requested")
    csc("E40", 1, "2026-02-26", "Case Note", "GP changed - children now registered Milfield Health Centre",
        SU("N/A"))
    csc("E42", 1, "2026-03-04", "Strategy Discussion", "Strategy discussion - Police, HV, SW (GP info by email). "
        "Cumulative neglect, DA, no access, baby not seen since 19/02. s47 agreed", SU("N/A"), out="s47")
    csc("E43", 1, "2026-03-11", "Home Visit", "s47 visit Tenterden Road - no access, card left", SN("No"))
    csc("E45", 1, "2026-03-16", "Case Note", "Whereabouts of family unknown since 11/03 - Housing report flat "
        "appears empty, post piling up", SN("No"), out="Police informed")
    csc("E46", 1, "2026-03-18", "Telephone", "Mum phoned: at sister's in Carrowby with all children, will return "
        "for conference", SN("No"))
    csc("E48", 1, "2026-03-26", "Conference", "ICPC - all 3 children CP plans, category neglect. Mum attended. "
        "GP report received, GP not present", SU("N/A"), out="CP plan")
    csc("E49", 1, "2026-04-09", "Home Visit", "Joint visit with HV - Kaydence seen, thin, nappy soaked. First "
        "time seen by SW since 26/11 visit", SY("Yes - seen"), out="Food bank voucher")
    csc("E50", 1, "2026-04-15", "Meeting", "Core group 1 - HV, Housing, GP (apols). Plan: weekly visits", SU("N/A"))
    csc("E53", 2, "2026-05-06", "Home Visit", "Unannounced CP visit - Kaydence seen in cot, no food in fridge",
        SY("Yes"))
    csc("E54", 2, "2026-05-13", "Meeting", "Core group 2 - HV, Housing. Missed imms discussed", SU("N/A"))
    csc("E56", 3, "2026-05-22", "Case Note", "Housing: TA abandoned - family moved to maternal aunt's, 9 Pell "
        "Street, Carrowby", SU("N/A"))
    csc("E57", 3, "2026-05-27", "Home Visit", "CP visit at Pell Street - Kaydence seen, severe nappy rash",
        SY("Yes"), out="GP appt made")
    csc("E58", 3, "2026-06-05", "Contact", "Paediatric liaison: Kaydence admitted Ward 7 yesterday - weight "
        "6.1kg, poor feeding", SU("N/A"))
    csc("E59", 3, "2026-06-05", "Strategy Discussion", "Strategy discussion (hospital) - police, paediatrician, "
        "SW. s47 continues, no discharge home", SU("N/A"), out="s47")
    csc("E60", 3, "2026-06-09", "LAC", "Discharged from Ward 7 to foster carers, s20 agreed by mother",
        SY("Yes"), out="Child looked after")
    csc("E61", 3, "2026-06-16", "Meeting", "Legal planning meeting - PLO", SU("N/A"), out="PLO letter")

    # ---- Health visiting: DSCB Word template ------------------------------------------------
    def hv(eid, r0, d, text, seen, who="", out="", com="", fix=None, ag_text="HV", last=None, sort=None):
        c.row(eid, "hv", r0, d, text, seen, who=who, out=out, com=com, fix=fix, last=last, sort=sort,
              extra={"agency": ag_text})
    hv("E10", 1, D("2025-09-05"), "Birth notification received - born 03/09/25 Wexcombe General, 39+5, "
       "2.9kg", SU("N/A"), who="Admin")
    hv("E13", 1, D("2025-09-22"), "Notified by MW family moved to refuge out of area 19/09 - records "
       "transferred to Haverleigh HV", SU("N/A"), who="HV S Kowal")
    hv("E14", 1, D("2025-09-24", "dot"), "NBV at refuge (late - day 21). Baby seen, wt 3.2kg. Universal Plus",
       SY("Yes"), who="Haverleigh HV, Mum", ag_text="HV (Haverleigh)")
    hv("E63", 1, D("2025-10-01", approx="q"), "Refuge support worker rang - mum low, not sleeping",
       SU("N/A"), who="Refuge worker", ag_text="HV (Haverleigh)")
    hv("E16", 1, D("2025-10-14", "dot"), "6-8 week review at refuge - wt 4.0kg. EPDS 14, GP to review mood",
       SY("Yes"), who="Haverleigh HV, Mum", ag_text="HV (Haverleigh)")
    hv("E18", 1, D("2025-11-04"), "Clinic - weighed 4.3kg", SY("Y"), ag_text="HV (Haverleigh)")
    hv("E19", 1, D("2025-11-07"), "GP notification: WNB 8 week imms 05/11", SU(""))
    hv("E21", 1, BAD("TBC"), "Handover call from Haverleigh HV - concerns re weight gain and mum's mood", SU("N/A"), sort="2025-11-11",
       fix={2: {"d": D("2025-11-11")}})
    hv("E20", 1, D("2025-11-12"), "Family back in area - TA Kestrel House rm 6 (B&B)", SU("N/A"))
    hv("E26", 1, D("2025-12-09"), "HV at Kestrel House. Wt 4.6kg (25th -> 9th centile). UPP. Mum tired, "
       "one room, no steriliser", SY("Yes"), who="HV S Kowal, Mum", out="Wt in 4 wks")
    hv("E28", 1, D("2026-01-05"), "Clinic weigh 4.9kg", SY("Yes"))
    hv("E29", 1, D("2026-01-09"), "Attended CIN meeting", SU("N/A"))
    hv("E30", 1, D("2026-01-14"), "No access visit, card left", SN("No"))
    hv("E36", 1, D("2026-02-16", "dot"), "Mum texted new address - Flat 3, 41 Tenterden Rd", SU("N/A"))
    hv("E37", 1, D("2026-02-19"), "HV at new TA. Wt 5.3kg (2nd centile) - faltering growth. Mum says new "
       "partner Dean 'helps out'", SY("Yes"), out="Refer GP re weight")
    hv("E41", 1, D("2026-03-02"), "No access visit, card left", SN("No"))
    hv("E42", 1, D("2026-03-04"), "Strategy discussion - attended by phone", SU("N/A"))
    hv("E47", 1, D("2026-03-23"), "Tel contact mum - declined clinic, says baby 'fine'", SN("No"))
    hv("E65", 1, D("2026-03-30"), "Liaison with GP re faltering growth - no appt since reg", SU("N/A"))
    hv("E48", 1, D("2026-03-26"), "ICPC attended - CP plan neglect", SU("N/A"))
    hv("E49", 1, D("2026-04-10"), "Joint visit with SW yesterday - Kaydence seen, wt 5.4kg", SY("Yes"),
       fix={2: {"d": D("2026-04-09"), "text": "Joint visit with SW - Kaydence seen, wt 5.4kg"}})
    hv("E50", 1, D("2026-04-15"), "Core group", SU("N/A"))
    hv("E52", 2, D("2026-04-28"), "WNB clinic - wt check", SN("No"))
    hv("E54", 2, D("2026-05-13"), "Core group", SU("N/A"))
    hv("E55", 3, D("2026-05-20"), "GP notification: WNB catch-up imms 19/05", SU(""))
    hv("E58", 3, D("2026-06-06"), "Paed liaison notification: attended ED 04/06, admitted", SU("N/A"))
    hv("E62", 3, D("2026-06-17"), "Visit at foster home - wt 6.5kg, feeding well", SY("Yes"))

    # ---- GP: EMIS-style extract in a Word table under a title row ---------------------------
    def gp(eid, r0, iso, code, text, seen, worker="", fix=None, d=None):
        c.row(eid, "gp", r0, d or D(iso, "emis"), text, seen, extra={"code": code, "worker": worker}, fix=fix)
    gp("E10", 1, "2025-09-06", "Birth details", "Born 03/09/2025 Wexcombe General, NVD", SU(""))
    gp("E15", 1, "2025-09-10", "New registration", "Registered Orchard Lane Surgery (baby)", SU(""),
       worker="Reception")
    gp("E06", 1, "2025-07-03", "Letter from maternity", "Mother DNA antenatal clinic 02/07 - please encourage",
       SU(""), worker="Docman")
    gp("E17", 1, "2025-10-29", "Child not brought to appointment", "6-8 week baby check - not brought", SN("N"),
       worker="Dr P Anand")
    gp("E19", 1, "2025-11-05", "Child not brought to appointment", "8 week imms - WNB. Letter sent", SN("N"),
       worker="PN L Ryder")
    gp("E25", 1, "2025-12-03", "Child not brought to appointment", "12 week imms - WNB. HV informed", SN("N"),
       worker="PN L Ryder")
    gp("E40", 1, "2026-02-24", "Transfer in", "New patient - previously Orchard Lane Surgery. Deducted "
       "Orchard Lane 24/02", SU(""), worker="Reception")
    gp("E42", 1, "2026-03-04", "Safeguarding", "Info shared for strategy discussion by email", SU(""),
       worker="Dr M Osei")
    gp("E48", 1, "2026-03-26", "Child protection plan", "ICPC - report sent, unable to attend. CP plan - "
       "neglect", SU(""), worker="Dr M Osei")
    gp("E51", 2, "2026-04-21", "Immunisation given", "Catch-up DTaP/IPV/Hib/HepB 1, MenB 1, Rota not given "
       "(age)", SY("Y"), worker="PN H Baptiste")
    gp("E55", 3, "2026-05-19", "Child not brought to appointment", "Catch-up imms dose 2 - WNB", SN("N"),
       worker="PN H Baptiste")
    gp("E58", 3, "2026-06-05", "A&E attendance", "ED notification: attended 04/06 poor feeding, admitted",
       SU(""), worker="Docman")

    # ---- Police: CSV, Windows-1252, separate time column ----------------------------------
    def pol(eid, r0, iso, tm, ref, typ, text, who, seen, out):
        c.row(eid, "pol", r0, D(iso, "s4"), text, seen, who=who, out=out,
              extra={"ref": ref, "type": typ, "time": tm, "truth_time": tm or None})
    pol("E08", 1, "2025-08-11", "21:40", "WX-25-118734", "DOMESTIC INCIDENT",
        "Jordan BRICE pushed Shannon FARRANT (34/40 pregnant) into a door at 22 Ashby Walk. Injury to arm. "
        "DASH: medium", "Shannon FARRANT, Jordan BRICE", SU("N/A - unborn"), "Suspect arrested. PPN submitted")
    pol("E64", 1, "2025-12-19", "", "WX-INT-5512", "INTELLIGENCE", "Jordan BRICE seen near Kestrel House (TA) - "
        "source grading B2", "Jordan BRICE", SU(""), "Logged")
    pol("E33", 1, "2026-01-30", "23:15", "WX-26-014420", "DOMESTIC INCIDENT",
        "DOMESTIC INCIDENT - verbal. Jordan BRICE at door of Kestrel House rm 6 shouting. Breach of non-mol "
        "order, door panel damaged (est. £80). Children present - seen asleep. DASH: standard", "Shannon FARRANT, Jordan BRICE, 3 children",
        SY("Yes - asleep"), "BRICE arrested for breach. PPN submitted")
    pol("E39", 1, "2026-02-25", "", "WX-CHK-0871", "CHECKS", "Request from CSC - PNC/PND checks Dean HARKER: "
        "possession cannabis 2021", "Dean HARKER", SU("N/A"), "Result emailed to SW")
    pol("E42", 1, "2026-03-04", "10:00", "WX-26-030911", "STRATEGY", "Strategy discussion - police attended",
        "DS K Mensah", SU("N/A"), "s47 single agency CSC")
    pol("E44", 1, "2026-03-13", "19:30", "WX-26-033372", "CONCERN FOR SAFETY",
        "Welfare check at 41 Tenterden Rd at CSC request - no reply, no lights", "PC 2231 Doyle", SN("No"),
        "Log to CSC")
    pol("E48", 1, "2026-03-26", "", "WX-26-030911", "CONFERENCE", "ICPC attended - CP plan", "DS K Mensah",
        SU("N/A"), "")
    pol("E59", 3, "2026-06-05", "14:00", "WX-26-061207", "STRATEGY", "Strategy discussion (Ward 7) - joint "
        "investigation neglect", "DS K Mensah", SU("N/A"), "Joint s47")
    # the unknown-date intelligence row: rejected
    for sp in c.specs:
        if sp["ev"] == "E64":
            sp["d"] = BAD("??/12/2025")
            sp["sort"] = "2025-12-19"

    # ---- Housing: CSV with No. and Date recorded -----------------------------------------
    def hou(eid, r0, iso, rec, typ, text, seen, officer="T Okonjo", d=None):
        c.row(eid, "hou", r0, d or D(iso, "s4"), text, seen, sort=iso,
              extra={"type": typ, "worker": officer, "recorded": D(rec, "s4")["cell"]})
    hou("E04", 1, "2025-05-12", "2025-05-12", "Homeless approach", "Pregnant, sofa surfing at sister's (22 Ashby "
        "Walk). Application taken", SU("N/A"))
    hou("E13", 1, "2025-09-19", "2025-09-23", "Case closure", "Applicant placed in refuge out of borough 19/09 - "
        "case closed", SU("N/A"))
    hou("E20", 1, "2025-11-10", "2025-11-10", "Placement", "Returned from refuge. Placed TA Kestrel House rm 6 "
        "(B&B, shared kitchen)", SY("Yes"))
    hou("E22", 1, "2025-11-13", "2025-11-14", "Decision", "s184 decision letter - main duty accepted",
        SU("N/A"), d=BAD("31/11/2025"))
    hou("E66", 1, "2026-01-12", "2026-01-12", "Licence check", "TA licence check rm 6 - mum and 3 children "
        "present", SY("Yes"))
    hou("E33", 1, "2026-01-31", "2026-01-31", "Incident report", "Night staff: ex-partner at door 23:00, police "
        "called", SU("N/A"))
    hou("E29", 1, "2026-01-09", "2026-01-12", "Meeting", "Attended CIN meeting", SU("N/A"))
    hou("E36", 1, "2026-02-16", "2026-02-16", "Move in", "Moved to self-contained TA Flat 3, 41 Tenterden "
        "Road. Keys issued, children seen", SY("Yes"))
    hou("E45", 1, "2026-03-16", "2026-03-16", "Tenancy visit", "Visit - no answer, post piling up, flat looks "
        "empty. CSC informed", SN("No"))
    hou("E50", 1, "2026-04-15", "2026-04-16", "Meeting", "Core group attended", SU("N/A"))
    hou("E54", 2, "2026-05-13", "2026-05-13", "Meeting", "Core group attended", SU("N/A"))
    hou("E56", 3, "2026-05-22", "2026-05-26", "Termination", "TA abandoned - keys returned by aunt. Family at "
        "9 Pell Street, Carrowby (other LA)", SU("N/A"))

    # ---- Midwifery: Word template, round 1 only -------------------------------------------
    def mw(eid, iso, text, seen, who="", out="", style="s2", d=None):
        c.row(eid, "mw", 1, d or D(iso, style), text, seen, who=who, out=out, extra={"agency": "Midwife"})
    mw("E05", "2025-06-11", "Booking at 29+1/40 - late booker. NFA, staying with sister", SU("N/A"),
       who="MW A Fenwick", out="Safeguarding MW informed")
    mw("E06", "2025-07-02", "DNA antenatal clinic", SU("N/A"), out="Letter + GP informed")
    mw("E07", "2025-07-16", "DNA antenatal clinic - 2nd", SU("N/A"), out="Home visit planned")
    mw("E08", "2025-08-14", "Information from MASH re DA incident 11/08 - routine enquiry, Shannon "
       "confirms", SU("N/A"), out="IDVA referral")
    mw("E10", "2025-09-03", "NVD 39+5, girl 2.9kg", SY("Yes"), style="long")
    mw("E11", "2025-09-05", "Discharged from postnatal ward to sister's address", SY("Yes"))
    mw("E12", "2025-09-12", "Day 9 PN visit - baby well. Mum disclosed fear of Jordan - IDVA sourcing refuge",
       SY("Yes"))
    mw("E13", "2025-09-19", "Transfer of care - moved to refuge (Haverleigh). Handover to Haverleigh MW/HV",
       SU("N/A"))

    # ---- Hospital ED / paediatric liaison: Excel, round 3 only ----------------------------
    def ed(eid, iso, tm, text, seen, who="", out=""):
        c.row(eid, "ed", 3, D(iso, "cell", time=tm), text, seen, who=who, out=out,
              extra={"agency": "Paediatric Liaison"})
    ed("E58", "2026-06-04", "16:42", "ED - brought by maternal aunt: poor feeding, wt 6.1kg (<0.4th centile), "
       "severe nappy dermatitis. Admitted Ward 7", SY("Yes"), who="Aunt, Dr F Lisle", out="Safeguarding referral")
    ed("E59", "2026-06-05", "14:00", "Strategy meeting on ward - paediatrician attended", SU("N/A"))
    ed("E60", "2026-06-09", "11:30", "Discharged to foster carers (s20) - discharge summary to GP/HV",
       SY("Yes"), who="Foster carer, SW")

    # ---- layouts -----------------------------------------------------------------------
    months = {1: "2026-04", 2: "2026-05", 3: "2026-06"}
    cut = {1: "17/04/2026", 2: "15/05/2026", 3: "19/06/2026"}
    mname = {1: "April 2026", 2: "May 2026", 3: "June 2026"}
    for r in (1, 2, 3):
        c.layout("csc", r, "%s/CSC chronology export KF %s.xlsx" % (months[r], cut[r].replace("/", "")), "xlsx",
                 cover={"name": "Parameters", "lines": [["Report", "Chronology (person)"],
                                                        ["Subject", "Kaydence FARRANT"], ["Person ID", "2208417"],
                                                        ["Run date", cut[r]]]},
                 sheet="Chronology",
                 titles=["Chronology report - Kaydence FARRANT (ID 2208417) - DOB 03/09/2025",
                         "Events from 01/01/2000 to %s" % cut[r], None],
                 columns=["rowno", "date", "recorded", "type", "event", "seen", "worker", "outcome"],
                 headers=["Row", "Event Date", "Date Recorded", "Event Type", "Event Details", "Child Seen",
                          "Worker", "Outcome"], newest_first=True, widths=[6, 12, 12, 18, 70, 10, 18, 16])
        hvl = dict(heading={"Name": "Kaydence FARRANT", "DOB": "03/09/25",
                            "Address": ["Kestrel House rm 6", "Flat 3, 41 Tenterden Road, Wexcombe, WX7 2QL",
                                        "c/o 9 Pell Street, Carrowby"][r - 1],
                            "Agency": "Health Visiting - Wexcombe 0-19 Service", "Author": "S Kowal, HV"},
                   columns=TPL_C, headers=TPL_H, doc_title="Multi-agency chronology")
        hvl["heading"]["Address"] = {1: "Flat 3, 41 Tenterden Road, Wexcombe, WX7 2QL",
                                     2: "Flat 3, 41 Tenterden Road, Wexcombe, WX7 2QL",
                                     3: "9 Pell Street, Carrowby, CY2 8DD"}[r]
        if r == 2:
            hvl.update(split_at=14, split_header=False)
        if r == 3:
            hvl.update(split_at=16, split_header=True, blank_after=[8], repeat_header_after=[22])
        c.layout("hv", r, "%s/HV chronology FARRANT %s.docx" % (months[r], mname[r]), "docx", **hvl)
        c.layout("gp", r, "%s/GP chronology Kaydence Farrant.docx" % months[r], "docx",
                 heading={"Name": "Kaydence Farrant", "DOB": "03-Sep-2025", "NHS No": "943 118 2207",
                          "Practice": "Milfield Health Centre", "Author": "Dr M Osei (safeguarding lead)"},
                 heading_style="paras", title_row="Safeguarding summary - coded entries and free text",
                 columns=["date", "code", "event", "seen", "worker"],
                 headers=["Date", "Coded entry", "Free text", "Seen F2F", "Clinician"],
                 notes=["Entries before 24/02/2026 transferred from Orchard Lane Surgery (GP2GP)."])
        c.layout("pol", r, "%s/Police chronology FARRANT %s.csv" % (months[r], months[r]), "csv",
                 encoding="cp1252",
                 columns=["ref", "date", "time", "type", "event", "who", "seen", "outcome"],
                 headers=["Occurrence", "Date", "Time", "Type", "Summary", "Persons", "Child present / seen",
                          "Action taken"])
        c.layout("hou", r, "%s/Housing Options - FARRANT %s.csv" % (months[r], months[r]), "csv",
                 encoding="utf-8-sig", blank_after=[5] if r == 2 else [],
                 columns=["rowno", "recorded", "date", "worker", "type", "event", "seen"],
                 headers=["No.", "Date recorded", "Date of event", "Officer", "Contact type", "Notes",
                          "Child seen"])
    c.layout("mw", 1, "2026-04/Midwifery chronology FARRANT.docx", "docx",
             heading={"Name": "Kaydence FARRANT (baby of Shannon FARRANT)", "DOB": "03.09.2025",
                      "Address": "NFA at booking; refuge from 19/09/25", "Agency": "Maternity - Wexcombe General",
                      "Author": "A Fenwick, Safeguarding Midwife"},
             columns=TPL_C, headers=TPL_H)
    c.layout("ed", 3, "2026-06/WGH paediatric liaison chronology KF.xlsx", "xlsx", sheet="ED chronology",
             titles=["Wexcombe General Hospital NHS Trust", "Safeguarding children - ED / paediatric liaison",
                     None],
             columns=["date", "event", "seen", "who", "outcome", "agency"],
             headers=["Date/Time", "Details", "Child seen", "Who present", "Action", "Team"])
    c.refused.append({"file": "2026-05/HV chronology FARRELL May 2026.docx", "reason": "different_child",
                      "detail": "another baby's HV chronology (similar name) misfiled into this case folder",
                      "other_child": {"name": "Kayden FARRELL", "dob": "2025-08-30", "sibling": False},
                      "writer": other_child_docx("Kayden FARRELL", "30/08/25", "14 Rookery Court, Wexcombe",
                                                 [["01/09/25", "Birth notification received", "HV", "", "", "N/A",
                                                   ""],
                                                  ["12/09/25", "NBV - Kayden seen, wt 3.4kg. Universal", "HV",
                                                   "Mum, Dad", "", "Yes", ""],
                                                  ["21/10/25", "6-8 week review - well", "HV", "Mum", "", "Yes",
                                                   ""],
                                                  ["14/01/26", "No access visit, card left", "HV", "", "", "No",
                                                   ""]])})
    return c


def case_ha_02():
    """Recast of Hampshire SCB 'Baby V' (2014): bruising to a non-mobile baby explained away, urgent care,
    ED and out-of-hours contacts at different sites, father's handling, 999 call and fractures."""
    child = {"name": "Ava-Grace TREMBATH", "first_name": "Ava-Grace", "surname": "TREMBATH", "dob": "2025-11-14",
             "address": "17 Foxglove Close, Marlbridge, MB4 6TS", "sex": "f"}
    c = Case("ha_02", child, [("2026-03", "2026-03-20"), ("2026-04", "2026-04-17"), ("2026-05", "2026-05-15")])
    c.planted = ["INJURY_NON_MOBILE", "AE_REPEAT", "AE_MULTIPLE_SITES", "HOUSEHOLD_CHANGE"]
    c.ambiguous = {"CHILD_NOT_SEEN": "the 12-month period starts six months before the birth; the baby is seen "
                                     "at least every 4 weeks from birth, but a literal reading of the rule "
                                     "would count the pregnancy as time not seen"}
    E = c.ev
    E("F01", "2005-06-02", "birth_mother", "Mother born", history=True)
    E("F02", "2002-09-27", "birth_father", "Father born", history=True)
    E("F03", "2019-01-01", "dad_caution", "Father cautioned, common assault (non-domestic)", history=True)
    E("F04", "2025-04-08", "mw_booking", "Booking 10/40")
    E("F05", "2025-06-01", "mw_scan", "Anomaly scan normal")
    E("F06", "2025-08-23", "da_incident", "Domestic incident (verbal) in pregnancy", tags={"da": 1})
    E("F07", "2025-09-17", "hv_antenatal", "HV antenatal contact")
    E("F08", "2025-11-14", "birth_child", "Birth of Ava-Grace")
    E("F09", "2025-11-16", "mw_discharge_ward", "Discharged from postnatal ward")
    E("F10", "2025-11-19", "mw_postnatal", "Day 5 visit, NBBS")
    E("F11", "2025-11-25", "mw_discharge", "Discharged from midwifery to HV")
    E("F12", "2025-11-27", "hv_visit", "New birth visit")
    E("F13", "2025-12-10", "no_access", "HV no access (listening visit)", tags={"no_access": 1})
    E("F14", "2025-12-15", "phone_contact", "HV telephone - visit rearranged")
    E("F15", "2025-12-22", "gp_check", "6-8 week baby check")
    E("F16", "2025-12-22", "gp_pn_check", "Maternal postnatal check")
    E("F17", "2026-01-08", "ae_attendance", "UTC: mark behind ear, 8 weeks old",
      tags={"ae": "Northdean UTC", "injury": 1}, planted="INJURY_NON_MOBILE")
    E("F18", "2026-01-14", "missed_appt", "8 week imms WNB", tags={"missed": 1})
    E("F19", "2026-01-20", "gp_consult", "GP: baby not bonding with father")
    E("F20", "2026-01-21", "gp_imms", "8 week imms given (rebooked)")
    E("F21", "2026-01-27", "hv_visit", "HV home visit - Universal Plus")
    E("F22", "2026-02-03", "injury_nm", "Nursery nurse: bruising to cheeks explained as self-pinching",
      tags={"injury": 1}, planted="INJURY_NON_MOBILE")
    E("F23", "2026-02-10", "ae_attendance", "ED: floppy/blue episode after feed", tags={"ae": "Marlbridge Royal ED"},
      planted="AE_REPEAT")
    E("F24", "2026-02-17", "phone_contact", "HV telephone follow-up after ED")
    E("F25", "2026-02-18", "gp_imms", "12 week imms given")
    E("F26", "2026-02-26", "police_welfare", "Police concern for safety - baby crying, no offences (not DA)")
    E("F27", "2026-03-05", "ae_attendance", "OOH GP: bruises both cheeks, no referral",
      tags={"ae": "Harcourt OOH base", "injury": 1}, planted="INJURY_NON_MOBILE")
    E("F28", "2026-03-06", "ae_attendance", "999 - not breathing; ED; PICU transfer",
      tags={"ae": "Marlbridge Royal ED", "injury": 1}, planted="INJURY_NON_MOBILE")
    E("F29", "2026-03-06", "strategy", "Strategy discussion")
    E("F30", "2026-03-07", "cp_medical", "Skeletal survey: skull and rib fractures", tags={"injury": 1},
      planted="INJURY_NON_MOBILE")
    E("F31", "2026-03-09", "arrest", "Father arrested; bail not to reside at home", tags={"household": 1},
      planted="HOUSEHOLD_CHANGE")
    E("F32", "2026-03-10", "household_change", "Father moved out to his mother's", tags={"household": 1},
      planted="HOUSEHOLD_CHANGE")
    E("F33", "2026-03-12", "joint_visit", "Joint police/SW visit at PICU - baby seen")
    E("F34", "2026-03-19", "icpc", "ICPC - physical abuse")
    E("F35", "2026-03-27", "house_move", "Discharged to maternal grandmother's (5 Heron Way)", tags={"move": 1})
    E("F36", "2026-03-31", "hv_visit", "HV visit at MGM's")
    E("F37", "2026-04-02", "core_group", "Core group 1")
    E("F38", "2026-04-08", "cp_visit", "CP visit")
    E("F39", "2026-04-14", "gp_imms", "16 week imms given")
    E("F40", "2026-04-15", "police_update", "Father charged - bail extended")
    E("F41", "2026-04-22", "hv_clinic", "HV clinic weigh")
    E("F42", "2026-04-29", "core_group", "Core group 2")
    E("F43", "2026-05-06", "cp_visit", "CP visit")
    E("F44", "2026-05-12", "hv_review", "HV development review")
    E("F45", "2026-05-13", "contact_supervised", "Supervised contact with mother at family centre")
    E("F46", "2026-01-16", "letter", "GP letter to parents re WNB (TBC)")
    E("F47", "2025-06-20", "unknown_date", "Father's previous relationship - allegations (date unknown)")
    c.hn(["F27", "F28"], "out-of-hours GP and ED on consecutive days, both recording bruising to the cheeks")
    c.hn(["F18", "F20"], "8 week imms: WNB, then given a week later (same wording)")
    c.hn(["F15", "F16"], "same GP, same day: baby check and mother's postnatal check")
    c.hn(["F28", "F29"], "same day, same agencies: admission and strategy discussion")
    c.hn(["F06", "F26"], "police calls to the same address: domestic incident vs concern for safety")
    c.hn(["F37", "F42"], "core groups")
    c.hn(["F38", "F43"], "CP visits, similar wording")
    c.hn(["F23", "F28"], "two ED attendances after 999 calls")

    # ---- Children's Social Care: DSCB Word template ---------------------------------------
    def csc(eid, r0, d, text, seen, who="", out="", com="", fix=None, sort=None):
        c.row(eid, "csc", r0, d, text, seen, who=who, out=out, com=com, fix=fix, sort=sort,
              extra={"agency": "Social Worker"})
    csc("F01", 1, D("2005-06-02"), "DOB of mother (Chloe)", SU("N/A"))
    csc("F02", 1, D("2002-09-27"), "DOB of father (Kyle)", SU("N/A"))
    csc("F47", 1, BAD("unknown"), "Police info: Kyle's ex-partner made allegations of rough handling of her "
        "child - NFA", SU("N/A"), sort="2025-06-20")
    csc("F06", 1, D("2025-08-26"), "PPN received re domestic incident 23/08/25 (verbal, DASH standard). "
        "Chloe 26/40. MASH NFA - info to midwife", SU("N/A"), who="MASH")
    csc("F26", 1, D("2026-02-27"), "Police notification - concern for safety 26/02, baby crying, no offences. "
        "MASH: NFA, info to HV", SU("N/A"), who="MASH")
    csc("F27", 1, D("2026-03-05"), "OOH GP consultation - bruise to each cheek noted, father said baby pinches "
        "herself. No referral made (info from GP 10/03)", SU("N/A"), who="Dr (OOH)")
    csc("F28", 1, D("2026-03-06", time="09:15"), "EDT referral from Marlbridge Royal - Ava-Grace admitted after "
        "999 call, not breathing. Bruising to face, collarbone, chest. Transferred to St Aldric's PICU",
        SU("N/A"), who="EDT, hospital SW", out="Strategy today")
    csc("F29", 1, D("2026-03-06", time="16:00"), "Strategy discussion - police, paediatrician, EDT. s47 joint "
        "investigation", SU("N/A"), who="Police DS Hollis, Dr Raine, SW", out="s47 / police investigation")
    csc("F30", 1, D("2026-03-07"), "Skeletal survey and CT: skull fracture, 3 posterior rib fractures (healing), "
        "retinal haemorrhages", SU("N/A"), who="Dr Raine (St Aldric's)")
    csc("F31", 1, D("2026-03-10"), "Police update: Kyle arrested 09/03, bailed - not to reside at Foxglove Close",
        SU("N/A"), who="DS Hollis")
    csc("F32", 1, D("2026-03-10"), "Kyle has left the family home - now living with his mother at 88 Orchard "
        "Rise", SU("N/A"), who="Chloe")
    csc("F33", 1, D("2026-03-12"), "Joint visit with police to PICU - Ava-Grace seen, ventilated", SY("Yes"),
        who="SW, DC Pryor, Chloe")
    csc("F34", 1, D("2026-03-19"), "ICPC - CP plan, category physical abuse. Attended: police, HV, hospital SW. "
        "GP report only", SU("N/A"), out="CP plan")
    csc("F35", 2, D("2026-03-27"), "Ava-Grace discharged from St Aldric's to maternal grandmother Carol at 5 Heron "
        "Way, Marlbridge under safety plan", SY("Yes"), who="SW, Carol, Chloe")
    csc("F37", 2, D("2026-04-02"), "First core group", SU("N/A"))
    csc("F38", 2, D("2026-04-08"), "CP visit at Heron Way - Ava-Grace seen, alert", SY("Yes"))
    csc("F40", 2, D("2026-04-15"), "Police: Kyle charged (GBH s18), bail extended", SU("N/A"))
    csc("F42", 3, D("2026-04-29"), "Core group 2", SU("N/A"))
    csc("F43", 3, D("2026-05-06"), "CP visit at Heron Way - Ava-Grace seen, smiling", SY("Yes"))
    csc("F45", 3, D("2026-05-13"), "Supervised contact Chloe / Ava-Grace at family centre - warm", SY("Yes"),
        who="Family support worker")

    # ---- Health visiting: Excel, title rows, columns in their own order -------------------
    def hv(eid, r0, d, text, seen, who="", out="", ag_text="HV", fix=None, sort=None):
        c.row(eid, "hv", r0, d, text, seen, who=who, out=out, fix=fix, sort=sort, extra={"agency": ag_text})
    hv("F07", 1, D("2025-09-17", "cell"), "Antenatal contact at home - Universal. Both parents present", SU("N/A"),
       who="Chloe, Kyle")
    hv("F08", 1, D("2025-11-17", "cell"), "Birth notification received (14/11/25, 3.1kg)", SU("N/A"))
    hv("F12", 1, D("2025-11-27", "cell"), "NBV - baby seen, wt 3.3kg. Dad present, quiet. Safe sleep advice",
       SY("Yes"), who="Chloe, Kyle")
    hv("F13", 1, D("2025-12-10", "cell"), "Listening visit (maternal mood) - no access, card left", SN("No"))
    hv("F14", 1, D("2025-12-15", approx="wc"), "Tel - mum apologised, rearranged", SN("No"))
    hv("F17", 1, D("2026-01-09", "cell"), "UTC notification - attended 08/01 with mark behind L ear (car seat "
       "strap per mum)", SU("N/A"))
    hv("F18", 1, D("2026-01-15", "cell"), "GP notification: WNB 8 wk imms 14/01", SU("N/A"))
    hv("F21", 1, D("2026-01-27", "cell"), "HV visit after GP liaison re bonding with dad. EPDS 12. Universal Plus",
       SY("Yes"), who="Chloe")
    hv("F22", 1, D("2026-02-03", "cell"), "Clinic weigh 5.2kg. Mum mentioned faint bruising both cheeks - 'she "
       "pinches her own cheeks'. Marks seen by NN", SY("Yes"), ag_text="Nursery Nurse",
       out="Not discussed with HV")
    hv("F23", 1, D("2026-02-12", "cell"), "A&E liaison notification re attendance 10/02 - choking episode, "
       "discharged", SU("N/A"))
    hv("F24", 1, BAD("31/02/26"), "Tel follow-up after ED - mum says baby fine", SN("No"), sort="2026-02-17",
       fix={2: {"d": D("2026-02-17")}})
    hv("F26", 1, D("2026-02-27", "cell"), "MASH info: police attended 26/02, baby crying, no offences", SU("N/A"))
    hv("F28", 1, D("2026-03-06", "cell"), "Informed by trust safeguarding team: admitted, PICU", SU("N/A"))
    hv("F34", 1, D("2026-03-19", "cell"), "ICPC attended", SU("N/A"))
    hv("F35", 2, D("2026-03-27", "cell"), "SW informed discharge to MGM 5 Heron Way", SU("N/A"))
    hv("F36", 2, D("2026-03-31", "cell"), "Home visit at MGM's - wt 5.9kg, alert, handling appropriate",
       SY("Yes"), who="Carol (MGM), Chloe")
    hv("F37", 2, D("2026-04-02", "cell"), "Core group", SU("N/A"))
    hv("F41", 3, D("2026-04-22", "cell"), "Clinic weigh 6.3kg", SY("Yes"), ag_text="Nursery Nurse")
    hv("F42", 3, D("2026-04-29", "cell"), "Core group", SU("N/A"))
    hv("F44", 3, D("2026-05-12", "cell"), "6 month development review - ASQ no concerns", SY("Yes"))

    # ---- GP: CSV export --------------------------------------------------------------------
    def gp(eid, r0, d, text, seen, worker="", com="", sort=None):
        c.row(eid, "gp", r0, d, text, seen, com=com, sort=sort, extra={"worker": worker})
    gp("F08", 1, D("2025-11-17", "s4"), "Birth notification - new baby registered", SU(""), worker="Reception")
    gp("F15", 1, D("2025-12-22", "s4"), "6-8 week baby check - NAD, hips/eyes/heart normal", SY("Yes"),
       worker="Dr S Whitcombe")
    gp("F16", 1, D("2025-12-22", "s4"), "Maternal postnatal check (Chloe) - mood ok", SU("N/A"),
       worker="Dr S Whitcombe")
    gp("F17", 1, D("2026-01-10", "s4"), "UTC discharge summary filed - seen 08/01 abrasion behind L ear",
       SU(""), worker="Docman")
    gp("F18", 1, D("2026-01-14", "s4"), "Child not brought - 8 week imms", SN("No"), worker="PN D Akers")
    gp("F46", 1, BAD("TBC"), "Letter to parents re missed imms", SU(""), worker="Admin", sort="2026-01-16")
    gp("F19", 1, D("2026-01-20", "s4"), "Mum concerned Ava-Grace 'not bonding' with dad - cries when he holds "
       "her. Reassured, HV liaison", SY("Yes"), worker="Dr S Whitcombe")
    gp("F20", 1, D("2026-01-21", "s4"), "8 week imms given (rebooked)", SY("Yes"), worker="PN D Akers")
    gp("F23", 1, D("2026-02-13", "s4"), "ED discharge letter - attended 10/02 choking episode, obs 4h, home",
       SU(""), worker="Docman")
    gp("F25", 1, D("2026-02-18", "s4"), "12 week imms given", SY("Yes"), worker="PN D Akers")
    gp("F27", 1, D("2026-03-06", "s4"), "OOH report: seen 05/03 18:50 at Harcourt OOH base - coryza; bruise "
       "each cheek, dad says self-inflicted pinching", SU(""), worker="Docman",
       com="Not referred by OOH")
    gp("F28", 1, D("2026-03-09", "s4"), "Informed by hospital - admitted 06/03 PICU, NAI suspected", SU(""),
       worker="Dr S Whitcombe")
    gp("F34", 1, D("2026-03-19", "s4"), "ICPC - report submitted, not attended", SU(""), worker="Dr S Whitcombe")
    gp("F39", 2, D("2026-04-14", "s4"), "16 week imms given - brought by MGM", SY("Yes"), worker="PN D Akers")

    # ---- Emergency Department / UTC: Excel with datetime cells and a cover sheet ----------
    def ed(eid, r0, iso, tm, site, text, seen, who="", out=""):
        c.row(eid, "ed", r0, D(iso, "cell", time=tm), text, seen, who=who, out=out, extra={"agency": site})
    ed("F17", 1, "2026-01-08", "14:20", "Northdean UTC", "8/52 baby, crying. 1cm red mark/abrasion behind L ear - "
       "mum says caught on car seat strap. Discharged", SY("Yes"), who="Chloe", out="Liaison form to HV")
    ed("F23", 1, "2026-02-10", "06:05", "ED Marlbridge Royal", "Ambulance - went floppy and blue after feed. "
       "Obs 4h normal. Discharged", SY("Yes"), who="Chloe, Kyle", out="Liaison form to HV/GP")
    ed("F28", 1, "2026-03-06", "07:31", "ED Marlbridge Royal", "999 - not breathing. Resus. Bruises face, L "
       "collarbone, chest. Transferred St Aldric's PICU", SY("Yes"), who="Kyle, Chloe",
       out="Safeguarding referral to EDT, police informed")
    ed("F29", 1, "2026-03-06", "16:00", "Paediatric Liaison", "Strategy discussion - ED consultant contributed",
       SU("N/A"))

    # ---- Police: Word with Name: paragraphs ----------------------------------------------
    def pol(eid, r0, d, text, seen, who="", out="", com=""):
        c.row(eid, "pol", r0, d, text, seen, who=who, out=out, com=com, extra={"agency": "Police"})
    pol("F03", 1, DY(2019), "Kyle ASHDOWN - caution, common assault (street, non-domestic)", SU("N/A"))
    pol("F06", 1, D("2025-08-23", time="23:10"), "DOMESTIC INCIDENT - verbal. Neighbour reported shouting at 17 "
        "Foxglove Close. Chloe (26/40) and Kyle deny argument. DASH: standard", SU("N/A"), who="Chloe, Kyle",
        out="PPN submitted")
    pol("F26", 1, D("2026-02-26", time="22:05"), "CONCERN FOR SAFETY - neighbour heard baby screaming and a "
        "man shouting. Officers attended, baby seen asleep in cot. Not a domestic", SY("Yes - asleep"),
        who="Kyle, Chloe, PC 4410 Marsh", out="Notification to MASH")
    pol("F28", 1, D("2026-03-06", time="07:20"), "Ambulance request - infant not breathing, 17 Foxglove Close. "
        "Officers to Marlbridge Royal", SU("No"), who="PC 4410 Marsh")
    pol("F29", 1, D("2026-03-06", time="16:00"), "Strategy discussion - joint investigation agreed",
        SU("N/A"), who="DS Hollis")
    pol("F30", 1, D("2026-03-07"), "Medical findings: skull fracture, rib fractures - crime recorded", SU("N/A"),
        who="DS Hollis")
    pol("F31", 1, D("2026-03-09", time="10:30"), "Kyle ASHDOWN arrested on suspicion GBH. Interviewed, bailed: "
        "not to reside at or attend 17 Foxglove Close", SU("N/A"), who="DS Hollis", out="Bail to 15/04")
    pol("F33", 1, D("2026-03-12"), "Joint visit with SW at St Aldric's PICU", SY("Yes"), who="DC Pryor")
    pol("F34", 1, D("2026-03-19"), "ICPC attended", SU("N/A"), who="DC Pryor")
    pol("F37", 2, D("2026-04-02"), "Core group attended", SU("N/A"), who="DC Pryor")
    pol("F40", 2, D("2026-04-15"), "Kyle ASHDOWN charged GBH s18 - bail extended, conditions as before", SU("N/A"),
        who="DS Hollis")

    # ---- Midwifery: round 1 only --------------------------------------------------------
    def mw(eid, d, text, seen, out=""):
        c.row(eid, "mw", 1, d, text, seen, out=out, extra={"agency": "Community Midwife"})
    mw("F04", D("2025-04-08", "s4"), "Booking 10+2/40. Primip. Partner Kyle. No concerns disclosed", SU("N/A"))
    mw("F05", DM(2025, 6), "Anomaly scan - normal", SU("N/A"))
    mw("F06", D("2025-08-26", "s4"), "Info from MASH - police attended DA incident 23/08. Routine enquiry: "
       "Chloe denies DA", SU("N/A"), out="Safeguarding MW aware")
    mw("F08", D("2025-11-14", "long"), "SVD, girl 3.1kg, Marlbridge Royal", SY("Yes"))
    mw("F09", D("2025-11-16", "s4"), "Discharged home from postnatal ward", SY("Yes"))
    mw("F10", D("2025-11-19", "s4"), "Day 5 visit - NBBS taken, feeding well", SY("Yes"))
    mw("F11", D("2025-11-25", "s4"), "Discharged to HV care, day 11", SY("Yes"))

    # ---- layouts ------------------------------------------------------------------------
    mon = {1: "March 2026", 2: "April 2026", 3: "May 2026"}
    tag = {1: "2026-03", 2: "2026-04", 3: "2026-05"}
    for r in (1, 2, 3):
        L = dict(heading={"Name": "Ava-Grace TREMBATH", "DOB": "14/11/2025",
                          "Address": "5 Heron Way, Marlbridge (MGM)" if r > 1 else "17 Foxglove Close, Marlbridge, MB4 6TS",
                          "Agency": "Children's Services - Marlbridge", "Author": "R Quayle (SW)"},
                 columns=TPL_C, headers=TPL_H)
        if r >= 2:
            L["repeat_header_after"] = [9]
        if r == 3:
            L["blank_after"] = [14]
        c.layout("csc", r, "CSC chronology Ava-Grace TREMBATH %s.docx" % mon[r], "docx", **L)
        c.layout("hv", r, "HV chronology AGT %s.xlsx" % tag[r], "xlsx", sheet="Chronology",
                 titles=["0-19 Service - safeguarding chronology", "Child: Ava-Grace TREMBATH   DOB: 14.11.25"],
                 columns=["date", "agency", "event", "who", "seen", "outcome"],
                 headers=["Date", "Practitioner", "Contact / event", "Present", "Child seen?", "Action"],
                 blank_after=[6] if r == 3 else [])
        c.layout("gp", r, "Beacon Street Surgery - Ava-Grace Trembath - %s.csv" % tag[r], "csv",
                 encoding="utf-8-sig" if r != 2 else "utf-8",
                 columns=["date", "event", "worker", "seen", "comments"],
                 headers=["Date", "Entry", "Clinician", "Seen?", "Notes"])
        c.layout("pol", r, "Police chronology TREMBATH %s.docx" % mon[r], "docx",
                 heading={"Name": "Ava-Grace TREMBATH", "DOB": "14/11/25", "Address": "17 Foxglove Close, Marlbridge",
                          "Agency": "Westvale Police - PVP", "Author": "DC L Pryor"},
                 heading_style="paras", columns=TPL_C, headers=TPL_H,
                 split_at=7 if r == 3 else None, split_header=False)
        c.layout("ed", r, "MRH ED-UTC attendances AG Trembath %s.xlsx" % tag[r], "xlsx",
                 cover={"name": "Info", "lines": [["Marlbridge Royal Hospital NHS Trust"],
                                                  ["Safeguarding team - ED and UTC attendances"],
                                                  ["Patient", "Ava-Grace TREMBATH"], ["DOB", "14/11/2025"]]},
                 sheet="Attendances", columns=["date", "agency", "event", "seen", "who", "outcome"],
                 headers=["Arrival", "Site", "Presentation / notes", "Seen", "Accompanied by", "Outcome"])
    c.layout("mw", 1, "Maternity chronology - TREMBATH.docx", "docx",
             heading={"Name": "Ava-Grace TREMBATH", "DOB": "14/11/2025", "Address": "17 Foxglove Close, Marlbridge",
                      "Agency": "Marlbridge Royal Maternity", "Author": "Community MW P Gale"},
             columns=TPL_C, headers=TPL_H)
    c.refused.append({"file": "RE HV chronology April - covering email.docx", "reason": "no_table",
                      "detail": "covering email saved as Word, no chronology table",
                      "writer": letter_docx(["From: 0-19 Service safeguarding", "Sent: 17 April 2026 16:02",
                                             "Subject: RE: HV chronology - Ava-Grace TREMBATH",
                                             "Hi, please find the updated chronology attached for core group. "
                                             "Ava-Grace was weighed at clinic on 22/04 (booked) and seen at "
                                             "home on 31/03.", "Kind regards, HV team"])})
    return c


def case_ha_03():
    """Control: a walking toddler on a child in need plan; single instances of the patterns the two reviews
    describe, each below threshold, and the child seen at least every four weeks."""
    child = {"name": "Riley DOWSETT", "first_name": "Riley", "surname": "DOWSETT", "dob": "2023-12-02",
             "address": "22 Larkspur Way, Hollinfield, HF3 9RB", "sex": "m"}
    c = Case("ha_03", child, [("2026-03", "2026-03-13"), ("2026-04", "2026-04-10"), ("2026-05", "2026-05-08")],
             control=True)
    E = c.ev
    E("G01", "1999-03-11", "birth_mother", "Mother born", history=True)
    E("G02", "2023-12-02", "birth_child", "Riley born", history=True)
    E("G03", "2025-04-22", "gp_consult", "GP - viral rash")
    E("G04", "2025-05-20", "gp_consult", "GP - ear infection (branch surgery)")
    E("G05", "2025-05-28", "missed_appt", "Audiology WNB (single)", tags={"missed": 1})
    E("G06", "2025-06-12", "hv_visit", "HV home visit - Universal Plus")
    E("G07", "2025-06-28", "da_incident", "Domestic incident - verbal (single)", tags={"da": 1})
    E("G08", "2025-07-04", "cf_assessment", "C&F assessment visit")
    E("G09", "2025-07-15", "housing_register", "Housing register / transfer application")
    E("G10", "2025-07-29", "sw_visit", "Assessment visit 2")
    E("G11", "2025-08-12", "cin_meeting", "Initial CIN meeting - CIN plan")
    E("G12", "2025-08-21", "sw_visit", "CIN visit")
    E("G13", "2025-09-15", "house_move", "Transfer: moved to 22 Larkspur Way (single move)", tags={"move": 1})
    E("G14", "2025-09-16", "sw_visit", "CIN visit - new address")
    E("G15", "2025-09-30", "appt_cancelled_by_clinic", "Audiology cancelled by hospital - rebooked")
    E("G16", "2025-10-09", "sw_visit", "CIN visit")
    E("G17", "2025-10-14", "gp_consult", "Audiology attended (rebooked) - hearing normal")
    E("G18", "2025-10-25", "ae_attendance", "ED - cut eyebrow, walking toddler fell", tags={"ae": "Hollinfield General"})
    E("G19", "2025-11-04", "sw_visit", "CIN visit")
    E("G20", "2025-11-11", "cin_meeting", "CIN review meeting")
    E("G21", "2025-11-18", "no_access", "HV no access (single)", tags={"no_access": 1})
    E("G22", "2025-11-27", "sw_visit", "CIN visit")
    E("G23", "2025-12-18", "sw_visit", "CIN visit")
    E("G24", "2026-01-14", "sw_visit", "CIN visit")
    E("G25", "2026-02-05", "sw_visit", "CIN visit")
    E("G26", "2026-02-10", "cin_meeting", "CIN review meeting")
    E("G27", "2026-02-17", "hv_review", "2-2.5 year review")
    E("G28", "2026-02-21", "police_asb", "Noise complaint - not domestic")
    E("G29", "2026-03-03", "sw_visit", "CIN visit")
    E("G30", "2026-03-26", "sw_visit", "CIN visit")
    E("G31", "2026-04-21", "sw_visit", "CIN visit")
    E("G32", "2026-05-05", "cin_meeting", "CIN review meeting")
    E("G33", "2026-05-06", "gp_consult", "GP - asthma review / wheeze")
    E("G34", "2025-12-01", "mum_mh", "Mother - low mood, sertraline started")
    E("G35", "2025-09-01", "nursery_start", "Started at nursery (15 hours)")
    E("G36", "2025-11-20", "tbc", "Transfer panel outcome letter (TBC)")
    c.hn(["G12", "G14", "G16", "G19", "G22", "G23", "G24", "G25", "G29", "G30", "G31"],
         "monthly CIN visits, near-identical wording")
    c.hn(["G11", "G20", "G26", "G32"], "CIN meetings")
    c.hn(["G05", "G15", "G17"], "audiology: WNB, cancelled by hospital, attended")
    c.hn(["G07", "G28"], "police calls to the family: domestic incident vs noise complaint")

    # ---- CSC: DSCB Word template ------------------------------------------------------
    def csc(eid, r0, d, text, seen, who="", out=""):
        c.row(eid, "csc", r0, d, text, seen, who=who, out=out, extra={"agency": "CSC - Hollinfield"})
    csc("G01", 1, D("1999-03-11"), "DOB of mother (Jade DOWSETT)", SU("N/A"))
    csc("G02", 1, D("2023-12-02"), "Riley born", SU("N/A"))
    csc("G07", 1, D("2025-06-30"), "PPN received - verbal argument 28/06 between Jade and Marcus (Riley's dad). "
        "DASH standard. Referral - C&F assessment", SU("N/A"), out="Assessment")
    csc("G08", 1, D("2025-07-04"), "Assessment visit - Riley seen playing, home clean, parents engaged",
        SY("Yes"), who="Jade, Marcus")
    csc("G10", 1, D("2025-07-29"), "Assessment visit 2 - Riley seen. Both parents accept support", SY("Yes"))
    csc("G11", 1, D("2025-08-12"), "Initial CIN meeting - plan: parenting, DA awareness course, housing",
        SU("N/A"), who="HV, Housing, parents")
    csc("G12", 1, D("2025-08-21"), "CIN visit - Riley seen", SY("Yes"))
    csc("G13", 1, D("2025-09-15"), "Family moved to 22 Larkspur Way (HA transfer, 3 bed)", SU("N/A"))
    csc("G14", 1, D("2025-09-16"), "CIN visit at new address - Riley seen, settled", SY("Yes"))
    csc("G16", 1, D("2025-10-09"), "CIN visit - Riley seen", SY("Yes"))
    csc("G18", 1, D("2025-10-27"), "Hospital liaison form - ED 25/10, cut eyebrow, fall against coffee table. "
        "Consistent with age/mobility", SU("N/A"))
    csc("G19", 1, D("2025-11-04"), "CIN visit - Riley seen, steri-strip healing", SY("Yes"))
    csc("G20", 1, D("2025-11-11"), "CIN review meeting - progress, continue plan", SU("N/A"))
    csc("G22", 1, D("2025-11-27"), "CIN visit - Riley seen", SY("Yes"))
    csc("G23", 1, D("2025-12-18"), "CIN visit - Riley seen, Christmas plans", SY("Yes"))
    csc("G24", 1, D("2026-01-14"), "CIN visit - Riley seen", SY("Yes"))
    csc("G25", 1, D("2026-02-05"), "CIN visit - Riley seen", SY("Yes"))
    csc("G26", 1, D("2026-02-10"), "CIN review meeting", SU("N/A"))
    csc("G29", 1, D("2026-03-03"), "CIN visit - Riley seen", SY("Yes"))
    csc("G30", 2, D("2026-03-26"), "CIN visit - Riley seen, nursery going well", SY("Yes"))
    csc("G31", 3, D("2026-04-21"), "CIN visit - Riley seen", SY("Yes"))
    csc("G32", 3, D("2026-05-05"), "CIN review - step down to early help agreed", SU("N/A"))

    # ---- HV: Excel --------------------------------------------------------------------
    def hv(eid, r0, d, text, seen, out=""):
        c.row(eid, "hv", r0, d, text, seen, out=out, extra={"agency": "Health Visitor"})
    hv("G06", 1, D("2025-06-12", "cell"), "Home visit - Universal Plus, sleep and behaviour. Riley seen", SY("Yes"))
    hv("G07", 1, D("2025-07-01", "cell"), "Notification - DA incident 28/06, Riley present (asleep)", SU("N/A"))
    hv("G11", 1, D("2025-08-12", "cell"), "CIN meeting attended", SU("N/A"))
    hv("G35", 1, D("2025-09-01", "long"), "Started Little Owls nursery - 15 hrs funded (first setting)", SU("N/A"))
    hv("G18", 1, D("2025-10-27", "cell"), "ED liaison: attended 25/10, eyebrow laceration - glued. Walking "
       "since 12 months, fall consistent", SU("N/A"))
    hv("G21", 1, D("2025-11-18", "cell"), "No access visit, card left. Mum rang later - at nursery settling-in",
       SN("No"))
    hv("G27", 1, D("2026-02-17", "cell"), "2-2.5 year review (ASQ-3) - speech slightly delayed, otherwise on "
       "track", SY("Yes"), out="Speech and language drop-in")
    hv("G32", 3, D("2026-05-05", "cell"), "CIN review attended", SU("N/A"))

    # ---- GP: CSV ------------------------------------------------------------------------
    def gp(eid, r0, d, text, seen, worker=""):
        c.row(eid, "gp", r0, d, text, seen, extra={"worker": worker})
    gp("G03", 1, D("2025-04-22", "s4"), "Viral rash - reassured", SY("Yes"), "Dr N Pillai")
    gp("G04", 1, D("2025-05-20", "s4"), "Otitis media - amoxicillin. Seen at branch surgery (same practice)",
       SY("Yes"), "Dr T Greaves")
    gp("G05", 1, D("2025-05-28", "s4"), "Hospital letter: audiology - was not brought", SN("No"), "Docman")
    gp("G15", 1, D("2025-09-30", "s4"), "Audiology appointment cancelled by the hospital (clinic "
       "sickness) - rebooked", SU("N/A"), "Docman")
    gp("G17", 1, D("2025-10-14", "s4"), "Audiology clinic letter: attended, hearing normal", SU(""), "Docman")
    gp("G18", 1, D("2025-10-28", "s4"), "ED discharge letter 25/10 - laceration L eyebrow, glued", SU(""), "Docman")
    gp("G34", 1, D("2025-12-01", "s4"), "Jade (mother) - low mood, sertraline 50mg started", SU("N/A"),
       "Dr N Pillai")
    gp("G33", 3, D("2026-05-06", "s4"), "Wheeze - asthma review, inhaler technique", SY("Yes"), "PN K Ahmed")

    # ---- Police: CSV Windows-1252 ---------------------------------------------------------
    def pol(eid, r0, iso, tm, ref, text, seen, out):
        c.row(eid, "pol", r0, D(iso, "s2", time=tm), text, seen, out=out, extra={"ref": ref})
    pol("G07", 1, "2025-06-28", "22:35", "HF/25/77410", "DOMESTIC INCIDENT - verbal argument Jade / Marcus "
        "over money. No injuries, no offences. Riley asleep upstairs. DASH: standard", SY("Seen asleep"),
        "PPN submitted")
    pol("G28", 1, "2026-02-21", "23:50", "HF/26/10235", "ASB - noise complaint from neighbour, loud music at "
        "birthday gathering. Not a domestic – words of advice", SU("N/A"), "Filed")

    # ---- ED: CSV ----------------------------------------------------------------------------
    def ed(eid, r0, iso, tm, text, seen):
        c.row(eid, "ed", r0, D(iso, "s4", time=tm), text, seen, extra={"agency": "ED Hollinfield General"})
    ed("G18", 1, "2025-10-25", "17:05", "22/12 boy, walking. Fell against coffee table - 1.5cm laceration L "
       "eyebrow, glued. Mechanism consistent", SY("Yes"))

    # ---- Housing: Word, Name: paragraphs ---------------------------------------------------
    def hou(eid, r0, d, text, seen, sort=None):
        c.row(eid, "hou", r0, d, text, seen, sort=sort, extra={"agency": "Hollinfield Homes"})
    hou("G09", 1, D("2025-07-15", "dot"), "Transfer application - damp and overcrowding in 1 bed flat",
        SU("N/A"))
    hou("G11", 1, D("2025-08-12", "dot"), "Attended CIN meeting", SU("N/A"))
    hou("G13", 1, D("2025-09-15", "dot"), "Sign-up and keys - 22 Larkspur Way. Riley seen with mum", SY("Yes"))
    hou("G36", 1, BAD("TBC"), "Panel outcome letter (arrears plan)", SU("N/A"), sort="2025-11-20")

    for r, (mon, _cut) in enumerate(c.rounds, 1):
        L = dict(heading={"Name": "Riley DOWSETT", "DOB": "02/12/2023", "Address": child["address"],
                          "Agency": "Children's Social Care", "Author": "SW A Banerjee"},
                 columns=TPL_C, headers=TPL_H)
        if r == 3:
            L.update(split_at=12, split_header=True)
        c.layout("csc", r, "%s/Chronology Riley DOWSETT CSC %s.docx" % (mon, mon), "docx", **L)
        c.layout("hv", r, "%s/HV - Riley Dowsett.xlsx" % mon, "xlsx", sheet="Sheet1",
                 columns=["date", "event", "seen", "outcome", "agency"],
                 headers=["Date", "Event", "Seen", "Outcome", "By"])
        c.layout("gp", r, "%s/GP Riley Dowsett.csv" % mon, "csv", encoding="utf-8-sig",
                 columns=["date", "event", "seen", "worker"], headers=["Date", "Entry", "Child seen", "Clinician"])
        c.layout("pol", r, "%s/Police DOWSETT.csv" % mon, "csv", encoding="cp1252",
                 columns=["ref", "date", "event", "seen", "outcome"],
                 headers=["Ref", "Date/Time", "Details", "Child seen", "Action"])
        c.layout("ed", r, "%s/ED attendances DOWSETT.csv" % mon, "csv", encoding="utf-8",
                 columns=["date", "agency", "event", "seen"], headers=["Arrival", "Dept", "Notes", "Seen"])
        c.layout("hou", r, "%s/Housing chronology DOWSETT.docx" % mon, "docx",
                 heading={"Name": "Riley Dowsett", "DOB": "2/12/23", "Address": child["address"],
                          "Agency": "Hollinfield Homes (housing)", "Author": "M Flint, Housing Officer"},
                 heading_style="paras", columns=["date", "event", "seen", "agency"],
                 headers=["Date", "Contact", "Child seen", "Source"])
    c.refused.append({"file": "2026-04/core group notes DOWSETT.txt", "reason": "not_chronology",
                      "detail": "typed core group notes saved as text, not a chronology",
                      "writer": text_file("CIN review notes - Riley DOWSETT\r\n10/02/26 - present: SW, HV, mum, "
                                          "dad\r\nProgress good. Nursery attendance 95%. Next review 05/05/26.\r\n")})
    return c


CASES = [case_ha_01, case_ha_02, case_ha_03]



def main(argv):
    if len(argv) != 2:
        print(__doc__.splitlines()[0])
        print("usage: holdout_reviews_a.py DIR")
        return 2
    root = argv[1]
    os.makedirs(root, exist_ok=True)
    for make in CASES:
        T = build(make(), root)
        bad = verify(root, T)
        if bad:
            raise SystemExit("%s: %d problems, e.g. %s" % (T["case_id"], len(bad), bad[:3]))
        print("%s: %d files (%d refused), %d rows (%d rejected), %d events, flags %s" % (
            T["case_id"], T["stats"]["files"], T["stats"]["refused_files"], T["stats"]["rows"],
            T["stats"]["rejected_rows"], T["stats"]["events"],
            ", ".join("%s %s..%s" % (f["rule"], f["start"], f["end"]) for f in T["expected_flags"]) or "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
