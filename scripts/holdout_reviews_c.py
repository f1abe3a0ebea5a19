#!/usr/bin/env python3
"""Hold-out evaluation cases recast from published UK case reviews (set C).

    python scripts/holdout_reviews_c.py DIR

writes DIR/<case>/... (monthly agency submissions: Word, Excel, CSV) and
DIR/<case>.truth.json for each case, deterministically (no randomness, fixed
file timestamps are irrelevant to the scorer).  Needs python-docx and openpyxl.

Sources (read as published narratives; every name, address, school, practice,
hospital, force and date below is invented):

1. "SCR CN18: Baby F" - Devon Safeguarding Children Partnership (Devon
   Children and Families Partnership), independent reviewers Dr Deborah
   Stalker and Karen Tudor, September 2019; published on the partnership site
   https://www.devonscp.org.uk/training-and-resources/child-safeguarding-practice-reviews/scr-cn18-baby-f/
   and the six-step briefing
   https://www.devonscp.org.uk/training-and-resources/child-safeguarding-practice-reviews/six-step-briefing-cn18-baby-f/
   Recast as case hc_01 (baby, under 5): a young mother with anxiety and
   depression, a father known to children's social care because an older
   child by another partner was injured as a baby (finding of fact), no
   permanent home (sofa-surfing, a homeless application, B&B then a
   temporary-accommodation flat in another district), domestic abuse during
   the pregnancy reported by police and passed on as notifications, a
   pre-birth assessment that stopped short of child protection, a strategy
   discussion the health visitor was not invited to, and a baby under six
   months with a small facial bruise.  What the review says no single agency
   held together (prior history of the father, housing instability, DA in
   pregnancy, non-engagement) is spread across the agencies' rows.
   Invented: the bruise being seen by the health visitor and the child
   protection plan that follows, the urgent treatment centre attendance, the
   missed 6-8 week check and hip scan, the change of GP after the move, and
   all wording.

2. "Serious Case Review: Child C" (Jaden Moodie), Waltham Forest Safeguarding
   Children Board, author John Drew, published May 2020; reported at
   https://www.cypnow.co.uk/news/article/jaden-moodie-murder-of-boy-14-highlights-need-for-national-exploitation-system-review-finds
   https://www.theguardian.com/uk-news/2020/may/26/jaden-moodie-murdered-teenager-county-lines-exploitation-review
   https://www.interfaceenterprises.co.uk/news-and-publications/child-murder-serious-case-review-calls-for-national-exploitation-response-system/
   Recast as case hc_02 (boy aged 13-14): a family move from another city to
   escape local influences, the boy living on his grandmother's sofa while
   his mother sofa-surfs and makes repeated housing requests, exclusion and
   long periods out of school (elective home education, delayed in-year
   admission), missing episodes, being found by another force in a "cuckoo"
   flat far from home with class A wraps, cash and a phone, a frightened
   interview with an appropriate adult and a request to call the Samaritans
   that was never passed on, being driven home by officers with no
   exploitation worker, and a flat allocated shortly before the end of the
   period.  Invented: the ED attendances, the GP change, the missed
   appointments, all dates, places and wording.

3. hc_03 is a control case (no rule may fire) invented in the same recording
   styles: near-misses such as one DA incident reported by three agencies,
   one ED attendance reported three times, one missed appointment, one
   no-access visit, a change of doctor inside the same practice, a bike that
   "went missing", "no thoughts of self-harm", a walking child's bruise.

The wording styles used (police occurrence logs and PPNs, CSC contact /
MASH / strategy / s47 / ICPC / core group / statutory visit records, health
visiting contacts, GP coded entries and letters, midwifery booking and EPDS
notes, ED / paediatric liaison notifications, housing homelessness-duty
entries, school DSL / attendance / CME notes, custody records) follow the
kinds of entries the reviews quote or describe, never their text.
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
from openpyxl import Workbook

RULES = ["AE_REPEAT", "AE_MULTIPLE_SITES", "WAS_NOT_BROUGHT", "NO_ACCESS", "CHILD_NOT_SEEN",
         "DOMESTIC_ABUSE_REPEAT", "HOUSE_MOVES", "SCHOOL_CHANGE", "GP_CHANGE", "HOUSEHOLD_CHANGE",
         "MISSING_EPISODE", "SELF_HARM", "INJURY_NON_MOBILE"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
LONG_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]


def D(s):
    return dt.date.fromisoformat(s)


def ordinal(n):
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def fmt_date(iso, style, time=None):
    """A date typed the way one agency types it."""
    d = D(iso)
    if style == "dmy2":
        s = d.strftime("%d/%m/%y")
    elif style == "dmy4":
        s = d.strftime("%d/%m/%Y")
    elif style == "dots":
        s = d.strftime("%d.%m.%y")
    elif style == "long":
        s = f"{ordinal(d.day)} {LONG_MONTHS[d.month - 1]} {d.year}"
    elif style == "emis":
        s = f"{d.day:02d}-{MONTHS[d.month - 1]}-{d.year}"
    elif style == "iso":
        s = iso
    else:
        raise ValueError(style)
    if time:
        s += (" " if style != "long" else ", ") + time
    return s


# ---------------------------------------------------------------------------
# case model
# ---------------------------------------------------------------------------
class Row:
    """One entry an agency keeps in its chronology (repeated in later rounds)."""

    def __init__(self, ev, text, seen="U", who="", out="", com="", d=None, t=None, ds=None,
                 prec="day", approx=False, rej=None, first=1, last=99, var=None, rec=None, ts=None):
        self.ev, self.text, self.seen, self.who, self.out, self.com = ev, text, seen, who, out, com
        self.d, self.t, self.ds, self.prec, self.approx, self.rej = d, t, ds, prec, approx, rej
        self.first, self.last, self.var, self.rec, self.ts = first, last, var or {}, rec, ts


class Case:
    def __init__(self, cid, child, rounds, age_group):
        self.cid, self.child, self.rounds, self.age_group = cid, child, rounds, age_group
        self.events = {}
        self.agencies = {}       # key -> dict(name=canonical, rows=[...], files=[...])
        self.hard_negatives = []
        self.ambiguous = []
        self.planted = []
        self.control = False
        self.refused = []        # (file, reason, detail, writer)
        self.notes = {}

    def ev(self, eid, date, kind, summary, tags=None, history=False):
        assert eid not in self.events, eid
        self.events[eid] = {"id": eid, "date": date, "kind": kind, "summary": summary,
                            "tags": tags or {}, "history": history}

    def agency(self, key, canonical, seen_vocab, style, label="", time_in_date=True):
        self.agencies[key] = {"name": canonical, "rows": [], "files": [], "seen": seen_vocab, "style": style,
                              "label": label, "time_in_date": time_in_date}

    def add(self, key, *rows):
        self.agencies[key]["rows"].extend(rows)

    def file(self, key, rnd, name, fmt, **layout):
        self.agencies[key]["files"].append(dict(round=rnd, file=name, format=fmt, **layout))


# ---------------------------------------------------------------------------
# writers
# ---------------------------------------------------------------------------
ROLE_HEAD = {
    "date": "Date and Time", "event": "Significant Event", "agency": "Professional/Agency",
    "who": "Who was involved", "outcome": "Decisions/Actions Outcome",
    "seen": "Child Seen/ View obtained", "comments": "Author comments",
}


def cell_values(case, ag, r, rnd, roles, date_cell=False):
    """The cells of one row as written in round rnd, in column order, plus truth fields."""
    var = {}
    for k in sorted(r.var):
        if k <= rnd:
            var.update(r.var[k])
    r = Row(**{**r.__dict__, **{k: v for k, v in var.items() if k in ("d", "t", "prec", "approx", "rej", "who", "com", "rec", "ts")}})
    text = var.get("text", r.text)
    ds = var.get("ds", r.ds)
    seen = var.get("seen", r.seen)
    out = var.get("out", r.out)
    ev = case.events[r.ev]
    iso = r.d or ev["date"]
    if ds is None:
        ds = fmt_date(iso, ag["style"], r.t if ag.get("time_in_date", True) else None)
    seen_raw = seen[1] if isinstance(seen, tuple) else ag["seen"][seen]
    seen_code = seen[0] if isinstance(seen, tuple) else seen
    vals = {"date": ds, "event": text, "agency": ag.get("label", ""), "who": r.who, "outcome": out,
            "seen": seen_raw, "comments": r.com, "recorded": r.rec or "", "time": r.ts or "", "rowno": ""}
    if date_cell and not r.rej and ds == fmt_date(iso, ag["style"], r.t if ag.get("time_in_date", True) else None) \
            and r.prec == "day" and not r.approx:
        if r.t and ag.get("time_in_date", True):
            hh, mm = map(int, r.t.split(":"))
            vals["date"] = dt.datetime(D(iso).year, D(iso).month, D(iso).day, hh, mm)
        else:
            vals["date"] = dt.datetime(D(iso).year, D(iso).month, D(iso).day)
    truth = {"event": r.ev, "reject": bool(r.rej), "agency": ag["name"],
             "child_seen": {"Y": "yes", "N": "no", "U": "unknown"}[seen_code] if not r.rej else "unknown"}
    if r.rej:
        truth.update(date=None, precision=None, approximate=False, time=None, reject_reason=r.rej)
    else:
        if r.prec == "year":
            iso = iso[:4] + "-01-01"
        elif r.prec == "month":
            iso = iso[:7] + "-01"
        truth.update(date=iso, precision=r.prec, approximate=r.approx, time=r.t or (r.ts or None))
    return [vals[k] for k in roles], truth


def as_text(v):
    if isinstance(v, dt.datetime):
        return v.strftime("%d/%m/%Y %H:%M") if (v.hour or v.minute) else v.strftime("%d/%m/%Y")
    return "" if v is None else str(v)


def rows_for(ag, rnd):
    return [r for r in ag["rows"] if r.first <= rnd <= r.last]


FIXED_TIME = dt.datetime(2025, 1, 1, 9, 0, 0)


def normalise_zip(path):
    """Rewrite an .docx/.xlsx with fixed entry times so that every run gives the same bytes."""
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == "docProps/core.xml":      # openpyxl stamps the save time here
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>2025-01-01T09:00:00Z\g<2>", data)
            zi = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)


def new_document():
    doc = Document()
    cp = doc.core_properties
    cp.created = cp.modified = FIXED_TIME
    cp.author = cp.last_modified_by = "chrono holdouts"
    cp.revision = 1
    return doc


def new_workbook():
    wb = Workbook()
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.properties.creator = "chrono holdouts"
    return wb


def write_docx(path, case, ag, f, rows):
    doc = new_document()
    roles = f["roles"]
    heads = f.get("headers") or [ROLE_HEAD[k] for k in roles]
    h = f["heading"]
    tables_meta = []
    tno = 0
    if f.get("heading_table", True):
        t = doc.add_table(rows=0, cols=2)
        t.style = "Table Grid"
        for k, v in h.items():
            c = t.add_row().cells
            c[0].text, c[1].text = k, v
        tno += 1
        tables_meta.append({"table": tno, "role": "heading", "nrows": len(h)})
    else:
        doc.add_paragraph(f.get("title", "Multi-agency chronology"))
        for k, v in h.items():
            doc.add_paragraph(f"{k}: {v}")
    doc.add_paragraph("")
    out_rows = []
    split_at = f.get("split_at")             # data index where a page break splits the table
    rep_at = f.get("repeat_header_at")       # data index before which the header is repeated
    blank_at = set(f.get("blank_at", []))
    chunks = [rows[:split_at], rows[split_at:]] if split_at else [rows]
    for ci, chunk in enumerate(chunks):
        if ci:
            doc.add_paragraph("").add_run().add_break(WD_BREAK.PAGE)
        t = doc.add_table(rows=0, cols=len(roles))
        t.style = "Table Grid"
        tno += 1
        meta = {"table": tno, "role": "chronology", "header_rows": [], "blank_rows": [], "title_rows": [],
                "columns": roles, "headers": heads}
        n = 0
        if ci == 0 or f.get("split_repeat_header", True):
            if ci == 0 and f.get("title_row"):
                c = t.add_row().cells
                c[0].text = f["title_row"]
                n += 1
                meta["title_rows"].append(n)
            c = t.add_row().cells
            for i, x in enumerate(heads):
                c[i].text = x
            n += 1
            meta["header_rows"].append(n)
        base = split_at if ci else 0
        for j, r in enumerate(chunk):
            idx = base + j
            if rep_at and idx == rep_at:
                c = t.add_row().cells
                for i, x in enumerate(heads):
                    c[i].text = x
                n += 1
                meta["header_rows"].append(n)
            if idx in blank_at:
                t.add_row()
                n += 1
                meta["blank_rows"].append(n)
            vals, truth = cell_values(case, ag, r, f["round"], roles)
            c = t.add_row().cells
            for i, x in enumerate(vals):
                c[i].text = as_text(x)
            n += 1
            out_rows.append(dict(file=f["file"], table=tno, row=n, cells=[as_text(x) for x in vals], **truth))
        meta["nrows"] = n
        tables_meta.append(meta)
    if f.get("note"):
        doc.add_paragraph(f["note"])
    doc.save(path)
    normalise_zip(path)
    return tables_meta, out_rows


def write_xlsx(path, case, ag, f, rows):
    wb = new_workbook()
    roles = f["roles"]
    heads = f["headers"]
    tables_meta = []
    ws = wb.active
    if f.get("cover"):
        ws.title = "Details"
        for k, v in f["heading"].items():
            ws.append([k, v])
        tables_meta.append({"table": "Details", "role": "cover"})
        ws = wb.create_sheet(f.get("sheet", "Chronology"))
    else:
        ws.title = f.get("sheet", "Chronology")
    meta = {"table": ws.title, "role": "chronology", "header_rows": [], "title_rows": [], "blank_rows": [],
            "columns": roles, "headers": heads}
    for tr in f.get("title_rows", []):
        ws.append([tr])
        meta["title_rows"].append(ws.max_row)
    ws.append(heads)
    meta["header_rows"].append(ws.max_row)
    out_rows = []
    blank_at = set(f.get("blank_at", []))
    nblank = 0
    for j, r in enumerate(rows):
        if j in blank_at:
            rn = ws.max_row + 1
            ws.cell(row=rn, column=1, value=None)
            meta["blank_rows"].append(rn)
            nblank += 1
            target = rn + 1
        else:
            target = ws.max_row + 1
        vals, truth = cell_values(case, ag, r, f["round"], roles, date_cell=f.get("date_cells", False))
        if "rowno" in roles:
            vals[roles.index("rowno")] = j + 1
        for i, x in enumerate(vals):
            c = ws.cell(row=target, column=i + 1, value=(x if x != "" else None))
            if isinstance(x, dt.datetime):
                c.number_format = "dd/mm/yyyy hh:mm" if (x.hour or x.minute) else "dd/mm/yyyy"
        out_rows.append(dict(file=f["file"], table=ws.title, row=target, cells=[as_text(x) for x in vals], **truth))
    meta["max_row"] = ws.max_row
    tables_meta.append(meta)
    for col in "ABCDEFGH":
        ws.column_dimensions[col].width = 22
    wb.save(path)
    normalise_zip(path)
    return tables_meta, out_rows


def write_csv(path, case, ag, f, rows):
    roles = f["roles"]
    heads = f["headers"]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    extra = f.get("extra_empty_columns", 0)
    w.writerow(heads + [""] * extra)
    out_rows = []
    line = 1
    for r in rows:
        vals, truth = cell_values(case, ag, r, f["round"], roles)
        vals = [as_text(x) for x in vals]
        assert not any("\n" in v for v in vals)
        w.writerow(vals + [""] * extra)
        line += 1
        out_rows.append(dict(file=f["file"], table=1, row=line, cells=vals, **truth))
    enc = f.get("encoding", "utf-8-sig")
    with open(path, "w", encoding=enc, newline="") as fh:
        fh.write(buf.getvalue())
    meta = {"table": 1, "role": "chronology", "header_rows": [1], "blank_rows": [], "nlines": line,
            "columns": roles, "headers": heads, "extra_empty_columns": extra}
    return [meta], out_rows, enc


# ---------------------------------------------------------------------------
# flags from the truth's own rows (FLAG_RULES.md defaults)
# ---------------------------------------------------------------------------
def compute_flags(case, rows, period):
    acc = [x for x in rows if not x["reject"]]
    rdates = {}
    for x in acc:
        rdates.setdefault(x["event"], []).append(x["date"])
    evs = [e for e in case.events.values() if e["id"] in rdates]

    def window(ids):
        ds = [d for i in ids for d in rdates[i]]
        return min(ds), max(ds)

    flags = []

    def count_rule(rule, tag, n, days, distinct=None):
        xs = sorted((e for e in evs if e["tags"].get(tag)), key=lambda e: e["date"])
        groups = []
        for i in range(len(xs)):
            grp = [e for e in xs[i:] if (D(e["date"]) - D(xs[i]["date"])).days <= days]
            ok = len({e["tags"][tag] for e in grp}) >= n if distinct else len(grp) >= n
            if ok:
                groups.append(grp)
        merged = []
        for g in groups:
            ids = [e["id"] for e in g]
            if merged and set(ids) & set(merged[-1]):
                merged[-1] = list(dict.fromkeys(merged[-1] + ids))
            else:
                merged.append(ids)
        for ids in merged:
            s, e = window(ids)
            flags.append({"rule": rule, "start": s, "end": e, "events": sorted(ids)})

    count_rule("AE_REPEAT", "ae", 3, 365)
    count_rule("AE_MULTIPLE_SITES", "ae", 2, 365, distinct=True)
    count_rule("WAS_NOT_BROUGHT", "missed", 2, 183)
    count_rule("NO_ACCESS", "no_access", 2, 91)
    count_rule("DOMESTIC_ABUSE_REPEAT", "da", 2, 183)
    count_rule("HOUSE_MOVES", "move", 2, 365)
    count_rule("SCHOOL_CHANGE", "school_change", 2, 365)
    for rule, tag in [("GP_CHANGE", "gp_change"), ("HOUSEHOLD_CHANGE", "household"),
                      ("MISSING_EPISODE", "missing"), ("SELF_HARM", "self_harm")]:
        for e in sorted(evs, key=lambda e: e["date"]):
            if e["tags"].get(tag):
                s, en = window([e["id"]])
                flags.append({"rule": rule, "start": s, "end": en, "events": [e["id"]]})
    inj = [e for e in evs if e["tags"].get("injury")
           and (D(e["date"]) - D(case.child["dob"])).days < 183]
    if inj:
        ids = [e["id"] for e in sorted(inj, key=lambda e: e["date"])]
        s, en = window(ids)
        flags.append({"rule": "INJURY_NON_MOBILE", "start": s, "end": en, "events": ids})
    # CHILD_NOT_SEEN over the period
    seen = sorted({x["date"] for x in acc if x["child_seen"] == "yes" and period["from"] <= x["date"] <= period["to"]})
    gaps = []
    pts = seen
    for a, b in zip(pts, pts[1:]):
        if (D(b) - D(a)).days > 28:
            gaps.append((a, b))
    edge = []
    if seen and (D(seen[0]) - D(period["from"])).days > 28:
        edge.append(("start", period["from"], seen[0]))
    if seen and (D(period["to"]) - D(seen[-1])).days > 28:
        edge.append(("end", seen[-1], period["to"]))
    for a, b in gaps:
        flags.append({"rule": "CHILD_NOT_SEEN", "start": a, "end": b, "events": []})
    return flags, edge


# ---------------------------------------------------------------------------
# building one case
# ---------------------------------------------------------------------------
def build(case, outdir):
    cdir = os.path.join(outdir, case.cid)
    if os.path.exists(cdir):
        shutil.rmtree(cdir)
    os.makedirs(cdir)
    all_rows, files = [], []
    for key, ag in case.agencies.items():
        for f in ag["files"]:
            p = os.path.join(cdir, f["file"])
            os.makedirs(os.path.dirname(p), exist_ok=True)
            rows = rows_for(ag, f["round"])
            agx = {**ag, **{k: f[k] for k in ("style", "label", "seen", "time_in_date") if k in f}}
            entry = {"file": f["file"], "agency": ag["name"], "round": f["round"],
                     "month": case.rounds[f["round"] - 1]["month"], "format": f["format"], "status": "ok"}
            if f["format"] == "docx":
                tm, rs = write_docx(p, case, agx, f, rows)
            elif f["format"] == "xlsx":
                tm, rs = write_xlsx(p, case, agx, f, rows)
            else:
                tm, rs, enc = write_csv(p, case, agx, f, rows)
                entry["encoding"] = enc
            entry["tables"] = tm
            entry["rows"] = len(rs)
            if f.get("heading"):
                entry["heading"] = f["heading"]
            files.append(entry)
            all_rows.extend(rs)
    refused = []
    for name, reason, detail, writer in case.refused:
        p = os.path.join(cdir, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        writer(p)
        refused.append({"file": name, "reason": reason, "detail": detail})
        files.append({"file": name, "reason": reason, "detail": detail, "status": "refused"})
    # period: 12 months to the latest dated entry
    latest = max(x["date"] for x in all_rows if not x["reject"])
    start = (D(latest) - dt.timedelta(days=365)) + dt.timedelta(days=1)
    period = {"from": start.isoformat(), "to": latest,
              "note": "12 months to the latest dated entry; CHILD_NOT_SEEN is judged inside it"}
    flags, edge = compute_flags(case, all_rows, period)
    fired = {f["rule"] for f in flags}
    expected = [f for f in flags if f["rule"] not in case.ambiguous]
    for f in expected:
        f["planted"] = True
    exp_rules = {f["rule"] for f in expected}
    if case.control:
        assert not exp_rules, (case.cid, exp_rules)
    else:
        assert exp_rules == set(case.planted), (case.cid, sorted(exp_rules), sorted(case.planted))
    assert not edge or "CHILD_NOT_SEEN" in case.ambiguous, (case.cid, edge)
    must_not = [r for r in RULES if r not in fired and r not in case.ambiguous]
    events = []
    for e in sorted(case.events.values(), key=lambda e: e["id"]):
        rs = [x for x in all_rows if x["event"] == e["id"]]
        if not rs:
            continue
        events.append({**e, "agencies": list(dict.fromkeys(x["agency"] for x in rs if not x["reject"])),
                       "rows": [[x["file"], x["table"], x["row"]] for x in rs if not x["reject"]],
                       "rejected_rows": [[x["file"], x["table"], x["row"]] for x in rs if x["reject"]],
                       "planted": next((f["rule"] for f in expected if e["id"] in f["events"]), None)})
    used = {e["id"] for e in events}
    for h in case.hard_negatives:
        assert all(i in used for i in h["events"]), h
    truth = {
        "schema": "chrono-eval-truth/1", "case_id": case.cid, "profile": "holdout-reviews-c", "seed": 0,
        "child": case.child, "period": period, "rounds": case.rounds,
        "agencies": list(dict.fromkeys(a["name"] for a in case.agencies.values())),
        "age_group": case.age_group, "control": case.control, "planted": sorted(case.planted),
        "files": files, "refused_files": refused, "rows": all_rows,
        "rejected_rows": [[x["file"], x["table"], x["row"]] for x in all_rows if x["reject"]],
        "events": events, "hard_negatives": case.hard_negatives, "expected_flags": expected,
        "must_not_fire": must_not, "ambiguous_rules": case.ambiguous, "notes": case.notes,
        "stats": {"files": len(files), "accepted_files": len(files) - len(refused), "refused_files": len(refused),
                  "rows": len(all_rows), "rejected_rows": sum(1 for x in all_rows if x["reject"]),
                  "events": len(events)},
    }
    with open(os.path.join(outdir, case.cid + ".truth.json"), "w", encoding="utf-8") as fh:
        json.dump(truth, fh, indent=1, ensure_ascii=False)
    return truth


# refused-file writers ------------------------------------------------------
def other_child_docx(name, dob, addr, agency, author, rows):
    def w(p):
        doc = new_document()
        t = doc.add_table(rows=0, cols=2)
        t.style = "Table Grid"
        for k, v in [("Name", name), ("DOB", dob), ("Address", addr), ("Agency", agency), ("Author", author)]:
            c = t.add_row().cells
            c[0].text, c[1].text = k, v
        doc.add_paragraph("")
        t = doc.add_table(rows=1, cols=4)
        t.style = "Table Grid"
        for i, x in enumerate(["Date and Time", "Significant Event", "Professional/Agency", "Child Seen/ View obtained"]):
            t.rows[0].cells[i].text = x
        for r in rows:
            c = t.add_row().cells
            for i, x in enumerate(r):
                c[i].text = x
        doc.save(p)
        normalise_zip(p)
    return w


def corrupt_docx(p):
    doc = new_document()
    doc.add_paragraph("Chronology")
    t = doc.add_table(rows=2, cols=3)
    t.rows[0].cells[0].text = "Date"
    doc.save(p)
    normalise_zip(p)
    data = open(p, "rb").read()
    with open(p, "wb") as fh:
        fh.write(data[: len(data) // 3])      # truncated in transfer


def letter_docx(lines):
    def w(p):
        doc = new_document()
        for ln in lines:
            doc.add_paragraph(ln)
        doc.save(p)
        normalise_zip(p)
    return w


# ---------------------------------------------------------------------------
# the cases
# ---------------------------------------------------------------------------
# (case definitions follow)
def case_hc01():
    """Recast of Devon SCR CN18 'Baby F' (2019): baby, no permanent home, DA in pregnancy, bruise."""
    c = Case("hc_01", {"name": "Reggie TALBOT", "first_name": "Reggie", "surname": "TALBOT", "dob": "2025-03-04",
                       "address": "Flat 9, Kestrel Court, Marlstone, WX7 3PD", "sex": "m"},
             [{"round": 1, "month": "2025-06", "cutoff": "2025-06-20"},
              {"round": 2, "month": "2025-07", "cutoff": "2025-07-18"},
              {"round": 3, "month": "2025-08", "cutoff": "2025-08-15"}], "infant")
    c.planted = ["AE_MULTIPLE_SITES", "DOMESTIC_ABUSE_REPEAT", "GP_CHANGE", "HOUSEHOLD_CHANGE", "HOUSE_MOVES",
                 "INJURY_NON_MOBILE", "WAS_NOT_BROUGHT"]
    c.ambiguous = ["CHILD_NOT_SEEN"]
    c.notes = {"CHILD_NOT_SEEN": "the 12-month period starts about seven months before the birth, so a reader "
                                 "may or may not count the pre-birth months as time the child was not seen",
               "maternity_triage": "E11 is the mother's attendance at maternity triage, not an A&E attendance "
                                   "by the child; it is not counted for AE_* rules",
               "skeletal_survey": "E34 is a planned radiology follow-up, not an emergency attendance"}
    ev = c.ev
    ev("H01", "1996-02-11", "birth_father", "Father born", history=True)
    ev("H02", "2001-09-30", "birth_mother", "Mother born", history=True)
    ev("H03", "2019-01-01", "prev_cp", "Father's older child injured as a baby; care proceedings", history=True)
    ev("H04", "2019-03-01", "police_history", "Father arrested re injuries to older child, NFA", history=True)
    ev("H05", "2020-03-01", "prev_cp_end", "Finding of fact re older child", history=True)
    ev("H06", "2018-06-14", "mum_mh_hist", "Mother diagnosed anxiety and depression", history=True)
    ev("E01", "2024-07-22", "pregnancy", "Pregnancy confirmed at GP")
    ev("E02", "2024-08-19", "mw_booking", "Midwifery booking")
    ev("E03", "2024-09-10", "housing", "Homeless application")
    ev("E04", "2024-10-02", "mw_anc", "Antenatal contact 20 weeks")
    ev("E05", "2024-10-15", "gp_review", "Mother medication review")
    ev("E06", "2024-11-14", "da_incident", "DA incident 1 (verbal, pregnant)", {"da": 1})
    ev("E07", "2024-11-26", "housing", "Housing options interview")
    ev("E08", "2024-12-12", "no_access", "HV antenatal contact - no access", {"no_access": 1})
    ev("E09", "2024-12-19", "hv_antenatal", "HV antenatal contact completed")
    ev("E10", "2025-01-18", "da_incident", "DA incident 2 (pushed, arrest)", {"da": 1})
    ev("E11", "2025-01-18", "mw_triage", "Mother at maternity triage after incident")
    ev("E12", "2025-01-19", "police_bail", "Father bailed with conditions")
    ev("E13", "2025-01-21", "house_move", "Mother placed in B&B temporary accommodation", {"move": 1})
    ev("E14", "2025-01-22", "strategy", "Strategy discussion re unborn (HV not invited)")
    ev("E16", "2025-02-04", "s47_visit", "Pre-birth s47 visit")
    ev("E17", "2025-02-19", "s47_outcome", "Pre-birth s47 concluded, CIN")
    ev("E18", "2025-02-26", "cin_meeting", "CIN meeting 1")
    ev("E19", "2025-03-04", "birth_child", "Birth")
    ev("E20", "2025-03-06", "mw_discharge", "Discharge from postnatal ward")
    ev("E21", "2025-03-07", "mw_postnatal", "Midwife day 3 visit")
    ev("E22", "2025-03-14", "mw_postnatal", "Midwife discharge to HV")
    ev("E23", "2025-03-18", "hv_visit", "HV new birth visit")
    ev("E24", "2025-03-20", "sw_visit", "CIN visit")
    ev("E25", "2025-03-26", "gp_reg", "Baby registered with GP")
    ev("E26", "2025-04-01", "sw_visit", "CIN visit")
    ev("E27", "2025-04-07", "house_move", "Moved to TA flat in another district", {"move": 1})
    ev("E28", "2025-04-10", "household_change", "Father moved into the TA flat", {"household": 1})
    ev("E29", "2025-04-15", "missed_appt", "6-8 week check WNB", {"missed": 1})
    ev("E30", "2025-04-15", "hv_visit", "HV transfer-in visit")
    ev("E31", "2025-04-22", "injury_nm", "Bruise to cheek of non-mobile baby seen by HV", {"injury": 1})
    ev("E32", "2025-04-23", "cp_medical", "ED CP medical", {"injury": 1, "ae": "Ashcombe Royal Infirmary ED"})
    ev("E33", "2025-04-23", "strategy", "Strategy discussion (HV not invited)")
    ev("E34", "2025-04-25", "cp_results", "Skeletal survey / CT results")
    ev("E35", "2025-04-24", "joint_visit", "Joint police/CSC visit")
    ev("E36", "2025-04-29", "missed_appt", "Hip ultrasound WNB", {"missed": 1})
    ev("E37", "2025-05-02", "gp_change", "Registered with new GP practice", {"gp_change": 1})
    ev("E38", "2025-05-06", "gp_imms", "8 week immunisations (late)")
    ev("E39", "2025-05-08", "s47_outcome", "s47 concluded, ICPC requested")
    ev("E40", "2025-05-16", "icpc", "ICPC - CP plan")
    ev("E41", "2025-05-18", "ae_attendance", "Urgent treatment centre attendance", {"ae": "Marlstone UTC"})
    ev("E42", "2025-05-20", "hv_visit", "HV visit")
    ev("E43", "2025-05-29", "core_group", "Core group 1")
    ev("E44", "2025-06-02", "no_access", "SW visit - no access", {"no_access": 1})
    ev("E45", "2025-06-04", "cp_visit", "CP visit")
    ev("E46", "2025-06-06", "gp_imms", "12 week immunisations")
    ev("E47", "2025-06-12", "hv_visit", "HV visit")
    ev("E48", "2025-06-18", "cp_visit", "CP visit")
    ev("E49", "2025-06-26", "core_group", "Core group 2")
    ev("E50", "2025-07-02", "cp_visit", "CP visit")
    ev("E51", "2025-07-04", "gp_imms", "16 week immunisations")
    ev("E52", "2025-07-09", "police_asb", "Noise complaint, police attended, no DA")
    ev("E53", "2025-07-10", "hv_visit", "HV visit")
    ev("E54", "2025-07-16", "cp_visit", "CP visit")
    ev("E55", "2025-07-24", "core_group", "Core group 3")
    ev("E56", "2025-07-30", "cp_visit", "CP visit")
    ev("E57", "2025-08-05", "police_other", "Father stop-search, cannabis")
    ev("E58", "2025-08-07", "hv_visit", "HV visit")
    ev("E59", "2025-08-11", "housing", "Rent arrears letter")
    ev("E60", "2025-08-13", "cp_visit", "CP visit")
    ev("E61", "2025-08-14", "rcpc", "Review CP conference")
    ev("X01", "2025-06-03", "tbc", "Call re cot (date TBC in first round)")
    ev("X02", "2025-06-30", "undated", "Police intelligence entry with impossible date")
    ev("X03", "2025-07-01", "undated", "Housing repairs call, date unknown")
    c.hard_negatives = [
        {"events": ["E10", "E11"], "why": "same day: police DA incident and the mother's maternity triage attendance"},
        {"events": ["E29", "E30"], "why": "same day: missed GP check and a completed HV visit"},
        {"events": ["E32", "E33"], "why": "same day: CP medical and the strategy discussion about it"},
        {"events": ["E06", "E10", "E52"], "why": "police attendances at the home; the last is a noise complaint, not DA"},
        {"events": ["E14", "E33"], "why": "two strategy discussions, both without the HV"},
        {"events": ["E08", "E44"], "why": "no-access visits by different agencies six months apart"},
        {"events": ["E45", "E48", "E50", "E54", "E56", "E60"], "why": "identical CP visit wording on different dates"},
        {"events": ["E38", "E46", "E51"], "why": "immunisation entries on different dates"},
    ]

    # ---------------- Children's Social Care (Word, DSCB template) ----------
    c.agency("csc", "Children's Social Care", {"Y": "Yes", "N": "No", "U": "N/A"}, "dmy2", "CSC")
    R = Row
    c.add("csc",
          R("H01", "Father Liam KEANE born", ds="11/02/96"),
          R("H02", "Mother Shannon TALBOT born", ds="30/09/01"),
          R("H03", "Liam's son Kaden (with ex-partner) aged 9 weeks admitted with rib fractures. Care proceedings issued (Westshire CC)",
            ds="2019", prec="year", com="Info from Westshire CSC records"),
          R("H05", "Finding of fact hearing re Kaden: injuries inflicted, perpetrator pool = both parents. Kaden placed with paternal aunt under SGO",
            ds="Mar 2020", prec="month"),
          R("E06", "PPN received from Police re DA incident on 14/11/24 at paternal grandmother's address. Shannon 23 weeks pregnant. Verbal argument, Liam punched wall. DASH standard",
            d="2024-11-15", who="MASH", out="MASH screening - NFA to CSC, info shared with midwifery and GP", seen="U"),
          R("E10", "PPN received re DA incident 18/01/25 - Shannon (32/40) pushed into door frame, Liam arrested. DASH medium",
            d="2025-01-20", who="MASH / DS Okafor", out="Strategy discussion to be convened re unborn", seen="U"),
          R("E13", "Shannon now in emergency TA - Room 6 Bellfield House B&B, Ashcombe", d="2025-01-22", who="SW K. Mensah",
            out="Address updated", seen="U"),
          R("E14", "Strategy discussion (unborn baby TALBOT). Present: CSC, Police (DS Okafor), Safeguarding MW. HV not invited.",
            who="TM J. Rowe (chair)", out="Threshold met for s47 (pre-birth). Police history re Kaden to be obtained", seen="U",
            com="HV should have been invited"),
          R("E16", "s47 home visit to Shannon at B&B. Says relationship with Liam is over. Declined to discuss Kaden's injuries - 'that was his ex'",
            who="SW K. Mensah", seen="U", out="Pre-birth assessment continues"),
          R("E17", "s47 concluded - concerns not substantiated. Step down to CIN; pre-birth plan agreed",
            who="SW K. Mensah / TM J. Rowe", out="CIN plan", seen="U",
            com="Finding of fact re Kaden not fully weighed in the analysis"),
          R("E18", "CIN meeting 1 - Shannon, SW, MW, HV. Liam did not attend", who="SW K. Mensah, MW Hollis, HV Dunne",
            out="CIN plan reviewed. Housing support letter to be sent", seen="U"),
          R("E24", "CIN visit at Bellfield House B&B. Reggie seen asleep in Moses basket on the floor; room cramped, no cot",
            who="SW K. Mensah", seen="Y", out="Cot scheme referral discussed"),
          R("E26", "CIN visit. Reggie seen being fed by mum, appropriately dressed", who="SW K. Mensah", seen="Y"),
          R("E27", "Shannon and Reggie moved to TA flat - 9 Kestrel Court, Marlstone", d="2025-04-08", who="SW K. Mensah",
            out="Address updated; HV transfer requested", seen="U"),
          R("E28", "Call from Shannon - Liam has moved in to Kestrel Court with her and Reggie, 'he's back for good'",
            d="2025-04-10", who="SW K. Mensah", out="Discuss at next CIN meeting", seen="U",
            var={2: {"out": "Discuss at next CIN meeting. Police checks on Liam requested"}}),
          R("E31", "Contact from HV (Marlstone) - 1cm bruise L cheek on Reggie (7 wks, non-mobile). Explanation: caught by Liam's watch strap while winding",
            d="2025-04-22", who="Duty SW / HV Amis", out="Strategy discussion convened; CP medical arranged for 23/04", seen="U"),
          R("E32", "Reggie seen at ARI ED / paediatrics for CP medical by Dr Lang. Single 1cm bruise L cheek, no other marks. NAI cannot be excluded",
            who="Dr Lang (consultant paediatrician), SW", seen="Y", out="Skeletal survey and CT head"),
          R("E33", "Strategy discussion - CSC, Police (DS Okafor), Dr Lang by phone. HV not invited", ds="23/04/25 @ 2pm",
            t="14:00", who="TM J. Rowe", out="s47 (single agency CSC with joint visit). Safety plan: Reggie not to be left alone with Liam",
            seen="U"),
          R("E35", "Joint visit with PC Harker to Kestrel Court. Liam and Shannon spoken to separately - accounts consistent. Reggie seen and handled by SW",
            who="SW K. Mensah, PC 2291 Harker", seen="Y", out="Safety plan signed"),
          R("E34", "Results shared by Dr Lang: skeletal survey no fractures, CT head normal, eyes NAD", who="Dr Lang", seen="U"),
          R("E39", "s47 concluded - substantiated (physical abuse, risk of). ICPC requested", who="TM J. Rowe", seen="U",
            out="ICPC booked 16/05/25"),
          R("E40", "ICPC - Reggie made subject of CP plan, category physical abuse", who="IRO B. Sahota, parents, SW, HV, Police, Housing",
            out="CP plan. First core group 29/05", seen="U"),
          R("E41", "Shannon told SW she took Reggie to Marlstone UTC on Sunday - 'not feeding, screaming'. Discharged same day",
            d="2025-05-20", who="SW K. Mensah", seen="U", out="SW to request UTC letter"),
          R("E43", "Core group 1. Shannon attended, Liam did not", who="SW, HV Amis, Shannon", out="Plan reviewed", seen="U"),
          R("E44", "Planned CP visit to Kestrel Court - no answer. Card left", who="SW K. Mensah", seen="N",
            out="Visit rearranged"),
          R("X01", "Call from Shannon asking for help with a cot - referral to cot scheme", ds="TBC", rej="date 'TBC' cannot be read",
            who="SW K. Mensah", seen="U", var={2: {"ds": "03/06/25", "rej": None}}),
          R("E45", "CP visit. Reggie seen, awake, handled by SW", who="SW K. Mensah", seen="Y"),
          R("E48", "CP visit. Reggie seen, awake, handled by SW", who="SW K. Mensah", seen="Y"),
          R("E49", "Core group 2", who="SW, HV, Shannon, Liam", out="Progress noted", seen="U", first=2),
          R("E50", "CP visit. Reggie seen, awake, handled by SW", who="SW K. Mensah", seen="Y", first=2),
          R("E54", "CP visit. Reggie seen, awake, handled by SW", who="SW K. Mensah", seen="Y", first=2),
          R("E55", "Core group 3", who="SW, HV, Housing, Shannon", out="RCPC 14/08", seen="U", first=3),
          R("E56", "CP visit. Reggie seen, awake, handled by SW", who="SW K. Mensah", seen="Y", first=3),
          R("E60", "CP visit. Reggie seen, awake, handled by SW", who="SW K. Mensah", seen="Y", first=3),
          R("E61", "Review CP conference - plan continues", who="IRO B. Sahota", seen="U", first=3),
          )
    head = lambda dob: {"Name": "Reggie TALBOT", "DOB": dob, "Address": "Flat 9, Kestrel Court, Marlstone, WX7 3PD",
                        "Agency": "Children's Services", "Author": "Kwame Mensah, Social Worker"}
    roles7 = ["date", "event", "agency", "who", "outcome", "seen", "comments"]
    c.file("csc", 1, "2025-06/CSC chronology - Reggie TALBOT - Jun 2025.docx", "docx", roles=roles7, heading=head("04/03/25"))
    c.file("csc", 2, "2025-07/CSC chronology TALBOT Jul25.docx", "docx", roles=roles7, heading=head("04/03/2025"),
           split_at=16, split_repeat_header=True)
    c.file("csc", 3, "2025-08/CSC chronology TALBOT Aug25 FINAL.docx", "docx", roles=roles7, heading=head("4th March 2025"),
           repeat_header_at=20, blank_at=[10], note="Entries in italics are to be confirmed.")

    # ---------------- Police (CSV export) ----------------------------------
    c.agency("pol", "Police", {"Y": "Seen", "N": "Not seen", "U": "N/A"}, "dmy4", "")
    c.add("pol",
          R("H04", "Liam KEANE arrested on suspicion of GBH (injuries to 9 wk old son). Released - NFA, insufficient evidence",
            ds="Mar 2019", prec="month", com="Westshire Police", who="Liam KEANE"),
          R("E06", "DOMESTIC - VERBAL. Call from neighbour re shouting. Shannon TALBOT (23/40 pregnant) states argument over money, Liam KEANE punched wall. No offences disclosed. DASH - standard. PPN submitted",
            t="23:40", com="OCC-2411-0873", who="PC 1702 Vance", out="No offences. PPN to MASH", seen="U"),
          R("E10", "DOMESTIC - Shannon TALBOT (32/40) reports partner pushed her into door frame during argument. Red mark L upper arm. Suspect arrested for assault (common)",
            t="02:15", com="OCC-2501-0412", who="PC 0817 Reyes, PC 1702 Vance", out="Suspect arrested. DASH - medium. PPN",
            seen="U", var={2: {"out": "Suspect arrested. DASH - medium. PPN. CPS advice 03/03/25: NFA - victim withdrew support"}}),
          R("E12", "KEANE released on police bail - conditions not to contact TALBOT directly or indirectly, not to attend Quarry Lane",
            t="16:30", com="OCC-2501-0412", who="Custody Sgt 404", seen="U"),
          R("E14", "DS Okafor attended strategy discussion re unborn child of Shannon TALBOT", who="DS 3310 Okafor", seen="U",
            com="PPU"),
          R("E33", "Strategy discussion - bruise to 7 wk old Reggie TALBOT. Agreed single agency s47 with joint visit", t="14:00",
            who="DS 3310 Okafor", seen="U", com="PPU"),
          R("E35", "Joint visit with CSC to Kestrel Court. Parents spoken to, accounts consistent. Child seen", t="10:30",
            who="PC 2291 Harker", seen="Y", com="PPU"),
          R("X02", "Intelligence: KEANE seen associating with known cannabis supplier", ds="31/06/2025",
            rej="date '31/06/2025' cannot be read", who="", seen="U", com="INT"),
          R("E40", "Attended ICPC - Reggie TALBOT made subject of CP plan", who="DS 3310 Okafor", seen="U", com="PPU"),
          R("E52", "ASB - noise complaint Kestrel Court (music). Officers attended, music turned down. No DA disclosed or suspected. Baby seen asleep in cot",
            t="22:05", com="OCC-2507-1136", who="PC 1550 Doyle", seen="Y", out="Words of advice", first=2),
          R("E57", "Stop/search KEANE - Marlstone High St. Small amount of cannabis found. Community resolution", t="17:50",
            com="OCC-2508-0218", who="PC 1550 Doyle", seen="U", first=3),
          )
    ph = ["Occurrence Date/Time", "Details", "Ref", "Officer", "Outcome", "Child Seen"]
    pr = ["date", "event", "comments", "who", "outcome", "seen"]
    c.file("pol", 1, "2025-06/Police PPU chronology R TALBOT 06-2025.csv", "csv", roles=pr, headers=ph)
    c.file("pol", 2, "2025-07/Police PPU chronology R TALBOT 07-2025.csv", "csv", roles=pr, headers=ph, extra_empty_columns=2)
    c.file("pol", 3, "2025-08/Police PPU chronology R TALBOT 08-2025.csv", "csv", roles=pr, headers=ph, encoding="cp1252")

    # ---------------- Health Visiting (Excel) ------------------------------
    c.agency("hv", "Health Visiting", {"Y": "Yes", "N": "No", "U": ""}, "dmy4", "HV")
    c.add("hv",
          R("E08", "Antenatal contact (Quarry Lane) - no access. Card left, text sent to Shannon", who="HV C. Dunne", seen="N",
            out="Rebook"),
          R("E09", "Antenatal contact completed at paternal GM's flat. Liam present throughout and answered for Shannon. Unable to ask routine DA question",
            who="HV C. Dunne", seen="U", out="Plan to see Shannon alone at clinic"),
          R("E10", "Notification from MASH re police attendance 18/01 - Shannon pushed by partner, partner arrested", d="2025-01-21",
            who="HV C. Dunne", seen="U", out="Liaise with safeguarding MW"),
          R("E14", "Email from SW - strategy discussion held 22/01 re unborn. HV not invited; minutes requested", d="2025-01-24",
            who="HV C. Dunne", seen="U"),
          R("E18", "Attended CIN meeting. Shannon in B&B, says Liam no longer around", who="HV C. Dunne", seen="U"),
          R("E19", "Birth notification - baby boy born 04/03/25 at Ashcombe Royal Infirmary, 3.41kg", d="2025-03-06",
            who="Admin", seen="U"),
          R("E20", "Discharge notification from ARI - discharged 06/03 to Bellfield House B&B", d="2025-03-07", who="Admin", seen="U"),
          R("E23", "New birth visit at Bellfield House. Reggie seen, weighed 3.52kg. Safe sleep discussed - Moses basket on floor beside bed. Liam 'visits daily' per Shannon",
            who="HV C. Dunne", seen="Y", out="Cot scheme referral. Universal Plus"),
          R("E27", "Transfer in - family moved to Marlstone (TA). Transferred to Marlstone HV team", d="2025-04-09",
            who="HV C. Dunne / HV P. Amis", seen="U"),
          R("E30", "Transfer-in home visit Kestrel Court. Reggie seen. Liam present and holding baby; Shannon quiet, little eye contact",
            who="HV P. Amis", seen="Y", out="EPDS next visit"),
          R("E31", "Home visit. Reggie (7 wks) seen undressed - 1cm bluish bruise L cheek. Mum: 'caught by Liam's watch strap when he was winding him'. Bruising in non-mobile babies protocol followed",
            who="HV P. Amis", seen="Y", out="Discussed with safeguarding lead; referral to MASH and paediatrics same day"),
          R("E33", "SW rang: strategy meeting held 23/04 re bruise - HV not invited. Outcome shared verbally", d="2025-04-24",
            who="HV P. Amis", seen="U", com="Escalated to named nurse"),
          R("E36", "Hip USS at ARI 29/04 - Was Not Brought (copy of hospital letter)", who="HV P. Amis", seen="U",
            out="Discussed with mum, rebooked"),
          R("E37", "GP now Marlstone Medical Practice - records updated", d="2025-05-05", who="Admin", seen="U"),
          R("E40", "Attended ICPC - CP plan (physical abuse)", who="HV P. Amis", seen="U"),
          R("E42", "Home visit. Reggie seen, weight 4.9kg (25th-50th). EPDS 14 - discussed with GP", who="HV P. Amis", seen="Y"),
          R("E43", "Core group attended", who="HV P. Amis", seen="U"),
          R("E47", "Home visit. Reggie seen and weighed. Cot now in use", who="HV P. Amis", seen="Y"),
          R("E49", "Core group attended", who="HV P. Amis", seen="U", first=2),
          R("E53", "Home visit. Reggie seen, smiling, good head control", who="HV P. Amis", seen="Y", first=2),
          R("E55", "Core group attended", who="HV P. Amis", seen="U", first=3),
          R("E58", "Home visit. Reggie seen, rolling, reaching for toys", who="HV P. Amis", seen="Y", first=3),
          R("E61", "RCPC attended - plan continues", who="HV P. Amis", seen="U", first=3),
          )
    hh = ["Date", "Contact / event", "Practitioner", "Child seen?", "Outcome / plan"]
    hr = ["date", "event", "who", "seen", "outcome"]
    hvhead = {"Name": "TALBOT, Reggie", "DOB": "04/03/2025", "NHS No": "943 211 0875", "Agency": "Marlstone Health Visiting Team",
              "Author": "Pat Amis, Health Visitor"}
    c.file("hv", 1, "2025-06/HV chronology Reggie TALBOT.xlsx", "xlsx", roles=hr, headers=hh, cover=True, heading=hvhead,
           title_rows=["Health Visiting Chronology - Reggie TALBOT (DOB 04/03/2025)", "Period: 01/08/2024 - 20/06/2025"])
    c.file("hv", 2, "2025-07/HV chronology Reggie TALBOT Jul.xlsx", "xlsx", roles=hr, headers=hh, cover=True, heading=hvhead,
           title_rows=["Health Visiting Chronology - Reggie TALBOT (DOB 04/03/2025)", "Period: 01/08/2024 - 18/07/2025"],
           date_cells=True, blank_at=[9])
    c.file("hv", 3, "2025-08/HV chronology Reggie TALBOT Aug.xlsx", "xlsx", roles=hr, headers=hh, cover=True, heading=hvhead,
           title_rows=["Health Visiting Chronology - Reggie TALBOT (DOB 04/03/2025)", "Period: 01/08/2024 - 15/08/2025"],
           date_cells=True)

    # ---------------- GP (system-style CSV export) ------------------------
    c.agency("gp", "GP", {"Y": "Y", "N": "N", "U": ""}, "emis", "")
    c.add("gp",
          R("H06", "Mixed anxiety and depressive disorder (mother). Sertraline 50mg started", com="E2003", who="Dr Hughes"),
          R("E01", "Pregnancy confirmed (mother). LMP 28/05/24. Self-referral to midwifery advised", com="62E..", who="Dr Hughes"),
          R("E05", "Medication review (mother) - sertraline continued in pregnancy, mood 'up and down'", com="8B3S.", who="Dr Hughes"),
          R("E20", "Discharge summary (maternity) ARI - baby boy, SVD, discharged 06/03/25 with community MW", d="2025-03-07",
            com="9N19.", who="Admin"),
          R("E25", "New registration - baby (Quarry Lane Surgery)", com="9R1..", who="Admin"),
          R("E29", "Baby 6-8 week check - Was Not Brought. Letter sent to mum", com="9N4L.", who="Dr Hughes", seen="N"),
          R("E36", "Letter ARI radiology: not brought to hip ultrasound 29/04/25", d="2025-05-01", com="9N4L.", who="Admin"),
          R("E37", "Patient registered - transferred from Quarry Lane Surgery, Ashcombe (TA Marlstone)", com="9R1..",
            who="Marlstone MP admin"),
          R("E38", "8 week immunisations given (late). 6-8 wk check done - NAD, no marks seen", com="65..", who="Dr Baxter", seen="Y"),
          R("E40", "Child protection plan - ICPC 16/05/25 (GP report sent, unable to attend)", com="13IF.", who="Dr Baxter"),
          R("E41", "Letter Marlstone UTC: attended 18/05/25 - crying, not feeding. Obs normal, discharged. Advised GP f/u",
            d="2025-05-19", com="8H1..", who="Admin"),
          R("E46", "12 week immunisations given", com="65..", who="PN Rhodes", seen="Y"),
          R("E51", "16 week immunisations given", com="65..", who="PN Rhodes", seen="Y", first=3),
          )
    gh = ["Date", "Code", "Description", "Clinician", "Seen"]
    gr = ["date", "comments", "event", "who", "seen"]
    c.file("gp", 1, "2025-06/SystemExport_TALBOT_Reggie_20250619.csv", "csv", roles=gr, headers=gh)
    c.file("gp", 3, "2025-08/SystemExport_TALBOT_Reggie_20250814.csv", "csv", roles=gr, headers=gh)

    # ---------------- Midwifery (Word, Name: paragraphs) ------------------
    c.agency("mw", "Midwifery", {"Y": "Yes", "N": "No", "U": "N/A"}, "dots", "Community MW")
    c.add("mw",
          R("E02", "Booking appt 12/40. Lives with partner at his mother's flat, 'no home of our own'. Hx anxiety/depression on sertraline. EPDS 11. Routine enquiry re DA not asked - partner present",
            who="MW S. Hollis", out="Perinatal MH referral offered - declined", seen="U"),
          R("E04", "ANC 20/40. Anomaly scan normal. Mood improved, denies any thoughts of self-harm", who="MW S. Hollis", seen="U"),
          R("E06", "Notification from MASH re police attendance 14/11 (verbal argument). Discussed with Shannon - 'just a row'",
            d="2024-11-17", who="MW S. Hollis", seen="U", out="Safeguarding MW informed"),
          R("E11", "Attended maternity triage 04:10 - reduced fetal movements after altercation with partner. CTG normal. Red mark L arm noted",
            t="04:10", who="MW on duty (triage)", seen="U", out="Home. Safeguarding MW informed"),
          R("E14", "Safeguarding MW attended strategy discussion re unborn", who="Safeguarding MW T. Frain", seen="U"),
          R("E18", "CIN meeting - attended", who="MW S. Hollis", seen="U"),
          R("E19", "SVD at 39+6, Ashcombe Royal Infirmary. Baby boy 3.41kg, Apgars 9/10", who="Delivery suite", seen="Y"),
          R("E20", "Discharged from postnatal ward to Bellfield House B&B with community MW follow-up", who="Ward 7", seen="Y"),
          R("E21", "Day 3 visit at B&B. Baby seen, feeding well, NBBS done. Room cramped", who="MW S. Hollis", seen="Y"),
          R("E22", "Discharged to HV. Baby seen, birth weight regained. EPDS 9, no thoughts of self-harm", who="MW S. Hollis",
            seen="Y", var={2: {"text": "Discharged to HV care. Baby seen, birth weight regained. EPDS 9, no thoughts of self-harm"}}),
          )
    mh = {"Baby": "Reggie TALBOT", "Mother": "Shannon TALBOT", "Baby DOB": "04/03/2025",
          "Address": "Flat 9, Kestrel Court, Marlstone", "Agency": "Ashcombe Royal Infirmary Maternity", "Author": "Sara Hollis, Community Midwife"}
    c.file("mw", 1, "2025-06/Midwifery chronology TALBOT.docx", "docx", roles=["date", "event", "who", "outcome", "seen"],
           headers=["Date", "Event", "Who", "Action", "Baby seen"], heading=mh, heading_table=False,
           title="Maternity safeguarding chronology")
    c.file("mw", 2, "2025-07/Midwifery chronology TALBOT v2.docx", "docx", roles=["date", "event", "who", "outcome", "seen"],
           headers=["Date", "Event", "Who", "Action", "Baby seen"], heading=mh, heading_table=False,
           title="Maternity safeguarding chronology", title_row="MATERNITY - OFFICIAL SENSITIVE")

    # ---------------- Housing (Excel, case-management export) -------------
    c.agency("hou", "Housing", {"Y": "Yes", "N": "No", "U": "n/a"}, "long", "Housing Options")
    c.add("hou",
          R("E03", "Homeless application - Shannon TALBOT & Liam KEANE sofa surfing at his mother's, asked to leave end of month. Shannon pregnant. Prevention duty accepted",
            who="HO M. Patel", rec="10/09/2024"),
          R("E07", "Housing options interview attended by Shannon. Liam not present", ds="approx 26/11/24", approx=True,
            who="HO M. Patel", rec="02/12/2024", var={2: {"ds": "26/11/2024", "approx": False}}),
          R("E13", "Relief duty. Placed in emergency TA - Room 6, Bellfield House B&B, Ashcombe (single occupancy)",
            who="HO M. Patel", rec="21/01/2025"),
          R("E27", "Moved from B&B to self-contained TA - Flat 9 Kestrel Court, Marlstone", who="HO M. Patel", rec="08/04/2025"),
          R("E28", "Request from Shannon to add Liam KEANE to TA household - approved", d="2025-04-11", who="HO M. Patel",
            rec="14/04/2025"),
          R("E40", "Attended ICPC", who="HO M. Patel", rec="19/05/2025"),
          R("X03", "Shannon called re damp in bathroom - repairs raised", ds="unknown", rej="date 'unknown' cannot be read",
            who="Repairs", rec=""),
          R("E52", "ASB report - noise from Flat 9 (loud music), police attended", d="2025-07-10", who="Tenancy team",
            rec="10/07/2025", first=2),
          R("E59", "Letter - TA charge arrears (£212.40)", who="Income team", rec="11/08/2025", first=3),
          )
    hoh = ["Row No.", "Event date", "Created", "Entry", "Officer", "Child seen"]
    hor = ["rowno", "date", "recorded", "event", "who", "seen"]
    c.file("hou", 1, "2025-06/Housing case notes export TALBOT.xlsx", "xlsx", roles=hor, headers=hoh, sheet="Export",
           title_rows=["Case: HOM/24/08817 - TALBOT, Shannon (household incl. Reggie TALBOT, 04/03/2025)", "Date range: 01/08/2024 to 19/06/2025"])
    c.file("hou", 2, "2025-07/Housing case notes export TALBOT.xlsx", "xlsx", roles=hor, headers=hoh, sheet="Export",
           title_rows=["Case: HOM/24/08817 - TALBOT, Shannon (household incl. Reggie TALBOT, 04/03/2025)", "Date range: 01/08/2024 to 17/07/2025"])
    c.file("hou", 3, "2025-08/Housing case notes export TALBOT.xlsx", "xlsx", roles=hor, headers=hoh, sheet="Export",
           title_rows=["Case: HOM/24/08817 - TALBOT, Shannon (household incl. Reggie TALBOT, 04/03/2025)", "Date range: 01/08/2024 to 14/08/2025"])

    # ---------------- Emergency Department (Word, paediatric liaison) -----
    c.agency("ed", "Emergency Department", {"Y": "Yes", "N": "No", "U": "N/A"}, "dmy4", "ARI ED / Paed liaison")
    c.add("ed",
          R("E32", "Attended ED via HV referral - bruise L cheek, 7 week old. CP medical (Dr Lang): single 1cm bruise, no other injuries. Explanation: watch strap",
            t="11:20", who="Dr Lang, Paed registrar", seen="Y", out="Admitted to Ward 4 for skeletal survey / CT head. Strategy discussion requested"),
          R("E33", "Dr Lang attended strategy discussion by telephone", t="14:00", who="Dr Lang", seen="U"),
          R("E34", "Skeletal survey (2 views) - no fractures. CT head normal. Ophthalmology NAD. Discharged home under safety plan",
            who="Ward 4", seen="Y", out="Paediatric liaison notified HV and GP",
            var={3: {"out": "Paediatric liaison notified HV and GP. Repeat skeletal survey booked 11 days"}}),
          )
    eh = {"Patient": "Reggie TALBOT", "DOB": "04/03/2025", "Hospital No": "ARI 7731902", "Agency": "Ashcombe Royal Infirmary",
          "Author": "Paediatric Liaison Nurse"}
    c.file("ed", 1, "2025-06/ARI paediatric liaison chronology - R Talbot.docx", "docx",
           roles=["date", "event", "who", "outcome", "seen"], headers=["Date / time", "Attendance / event", "Clinician", "Outcome", "Child seen"],
           heading=eh, heading_table=False, title="Paediatric Liaison - safeguarding chronology")
    c.file("ed", 3, "2025-08/ARI paediatric liaison chronology - R Talbot (updated).docx", "docx",
           roles=["date", "event", "who", "outcome", "seen"], headers=["Date / time", "Attendance / event", "Clinician", "Outcome", "Child seen"],
           heading=eh, heading_table=False, title="Paediatric Liaison - safeguarding chronology")

    c.refused.append(("2025-07/HV chronology Mason TALBOT-REID.docx", "different_child",
                      "another child's health visiting chronology misfiled (different name and DOB)",
                      other_child_docx("Mason TALBOT-REID", "19/11/2023", "22 Ferris Walk, Ashcombe", "Health Visiting",
                                       "HV C. Dunne",
                                       [["03/06/25", "2 year review - speech delay, referred SALT", "HV", "Yes"],
                                        ["17/06/25", "Home visit - Mason seen, home conditions poor", "HV", "Yes"],
                                        ["01/07/25", "SALT appt - Was Not Brought", "HV", "No"]])))
    return c


def case_hc02():
    """Recast of Waltham Forest SCR 'Child C' (2020): county lines exploitation of a 14-year-old."""
    c = Case("hc_02", {"name": "Kairo WHITLOCK", "first_name": "Kairo", "surname": "WHITLOCK", "dob": "2010-11-09",
                       "address": "14 Ashgrove House, Tenter Road, Edgemoor, E19 4QN", "sex": "m"},
             [{"round": 1, "month": "2025-01", "cutoff": "2025-01-15"},
              {"round": 2, "month": "2025-02", "cutoff": "2025-02-14"},
              {"round": 3, "month": "2025-03", "cutoff": "2025-03-13"}], "secondary")
    c.planted = ["AE_MULTIPLE_SITES", "CHILD_NOT_SEEN", "GP_CHANGE", "HOUSE_MOVES", "MISSING_EPISODE", "SCHOOL_CHANGE",
                 "WAS_NOT_BROUGHT"]
    c.ambiguous = ["SELF_HARM", "HOUSEHOLD_CHANGE"]
    c.notes = {"SELF_HARM": "E24: a request to call the Samaritans from a police cell (surfaced only in the third round) "
                            "is not self-harm under the rule's wording, but a careful reader could raise it",
               "HOUSEHOLD_CHANGE": "the boy moved into his grandmother's household and later into his mother's new flat; "
                                   "that is a change of address, and arguably a change of household",
               "cancelled_by_service": "E36 is an appointment cancelled by CAMHS (clinician sick), not a missed one"}
    ev = c.ev
    ev("H01", "1987-05-21", "birth_mother", "Mother born", history=True)
    ev("H02", "2015-01-01", "family_hist", "Father imprisoned (supply)", history=True)
    ev("H03", "2023-11-08", "exclusion", "Permanent exclusion from secondary academy", history=True)
    ev("E01", "2023-11-27", "school_change", "Started at pupil referral unit", {"school_change": 1})
    ev("M1", "2024-02-10", "missing", "Missing from home overnight (Carrbridge)", {"missing": 1})
    ev("E02", "2024-03-02", "ae_attendance", "ED Carrbridge - hand laceration", {"ae": "Carrbridge Royal ED"})
    ev("E02b", "2024-03-18", "school_seen", "PRU: seen by DSL")
    ev("E02c", "2024-03-28", "school_seen", "PRU: last day attended")
    ev("E03", "2024-04-02", "house_move", "Moved to grandmother's in Edgemoor", {"move": 1})
    ev("E04", "2024-04-08", "housing", "Mother's first housing approach")
    ev("E05", "2024-04-19", "school_change", "Off PRU roll - elective home education", {"school_change": 1})
    ev("E05b", "2024-04-16", "cme_visit", "CME officer home visit")
    ev("E06", "2024-05-13", "gp_change", "Registered with Edgemoor GP", {"gp_change": 1})
    ev("E07", "2024-06-05", "ehe_visit", "EHE adviser initial visit")
    ev("E08", "2024-06-14", "missed_appt", "Admissions meeting - did not attend", {"missed": 1})
    ev("M2", "2024-06-21", "missing", "Missing from grandmother's", {"missing": 1})
    ev("E09", "2024-06-22", "return", "Returned - police safe and well check")
    ev("E10", "2024-07-04", "housing", "Mother's second housing approach")
    ev("E11", "2024-07-18", "no_access", "EHE adviser visit - no access", {"no_access": 1})
    ev("E12", "2024-08-28", "ehe_visit", "EHE adviser visit - provision unsatisfactory")
    ev("E13", "2024-09-03", "missed_appt", "CAMHS assessment - did not attend", {"missed": 1})
    ev("E14", "2024-09-19", "police_stop", "Stop and search with older males")
    ev("E15", "2024-09-24", "admission", "In-year admission panel - AP place agreed")
    ev("E20", "2024-10-07", "school_change", "Started at alternative provision", {"school_change": 1})
    ev("E21", "2024-10-21", "school_seen", "AP: DSL concern - new trainers, 2 phones")
    ev("M3", "2024-10-24", "missing", "Missing from grandmother's", {"missing": 1})
    ev("E22", "2024-10-25", "arrest", "Found in Seabourne cuckoo flat, arrested")
    ev("E25", "2024-10-25", "interview", "Interview with appropriate adult")
    ev("E24", "2024-10-25", "custody", "Asked to call Samaritans in custody")
    ev("E23", "2024-10-26", "return", "Driven home by Wessex officers")
    ev("E26", "2024-10-29", "strategy", "Strategy discussion (school not invited)")
    ev("E27", "2024-10-30", "housing", "Mother's third housing approach")
    ev("E28", "2024-10-31", "joint_visit", "Joint s47 visit CSC/police")
    ev("E29", "2024-11-05", "nrm", "NRM referral")
    ev("E30", "2024-11-08", "s47_outcome", "s47 concluded - CIN")
    ev("E31", "2024-11-12", "cin_visit", "CIN visit")
    ev("E31b", "2024-11-19", "no_access", "CIN visit - no access", {"no_access": 1})
    ev("E32", "2024-11-20", "housing", "Priority awarded")
    ev("E32b", "2024-11-26", "school_seen", "AP: key worker session")
    ev("E33", "2024-12-03", "ae_attendance", "ED Edgemoor - facial injuries", {"ae": "Edgemoor General ED"})
    ev("E34", "2024-12-03", "referral", "ED safeguarding referral to MASH")
    ev("E35", "2024-12-09", "housing", "Offer of flat accepted")
    ev("E35b", "2024-12-10", "cin_visit", "CIN visit")
    ev("E37", "2024-12-17", "cin_review", "CIN review")
    ev("E38", "2024-12-20", "house_move", "Moved with mother to allocated flat", {"move": 1})
    ev("E38a", "2024-12-19", "housing", "Tenancy sign-up, keys collected")
    ev("E39", "2025-01-06", "cin_visit", "CIN visit")
    ev("E36", "2025-01-08", "cancelled", "CAMHS appointment cancelled by service")
    ev("M4", "2025-01-17", "missing", "Missing two nights", {"missing": 1})
    ev("E40", "2025-01-21", "rhi", "Return home interview")
    ev("E41", "2025-02-04", "cin_visit", "CIN visit")
    ev("E42", "2025-02-18", "school_seen", "AP: DSL check-in")
    ev("E43", "2025-03-04", "cin_visit", "CIN visit")
    ev("E44", "2025-03-11", "cin_review", "CIN review")
    ev("E45", "2025-03-12", "attendance", "AP attendance summary")
    ev("X01", "2024-11-15", "undated", "Police intel row with impossible date")
    ev("X02", "2025-02-01", "tbc", "School row with TBC date")
    c.hard_negatives = [
        {"events": ["M3", "E22"], "why": "missing report and the arrest far from home a day later are different events"},
        {"events": ["E22", "E24", "E25"], "why": "same day in custody: arrest, Samaritans request, interview"},
        {"events": ["E33", "E34"], "why": "same day: ED attendance and the ED's referral to MASH"},
        {"events": ["E38a", "E38"], "why": "tenancy sign-up and the move the next day"},
        {"events": ["E09", "E23"], "why": "two returns home recorded by police"},
        {"events": ["E04", "E10", "E27"], "why": "three housing approaches with similar wording"},
        {"events": ["E11", "E31b"], "why": "no-access visits by different agencies four months apart"},
        {"events": ["E13", "E36"], "why": "a missed CAMHS appointment and one cancelled by the service"},
        {"events": ["E31", "E35b", "E39", "E41", "E43"], "why": "identical CIN visit wording on different dates"},
    ]
    R = Row
    # ---------------- CSC (Word) ----------------------------------------
    c.agency("csc", "Children's Social Care", {"Y": "Yes", "N": "No", "U": "N/A"}, "dmy2", "CSC - Adolescent Safeguarding")
    c.add("csc",
          R("H01", "Mother Danielle WHITLOCK born", ds="21/05/87"),
          R("H02", "Parents separated. Father (Marcus COLE) sentenced 6 years - supply class A", ds="2015", prec="year",
            com="From Carrbridge CSC records"),
          R("E03", "Transfer-in information from Carrbridge CSC: family moved to Edgemoor, Kairo living with MGM at 6 Pell Street. Carrbridge case closed (early help)",
            d="2024-04-05", who="MASH", seen="U", out="NFA - info only", com="Not allocated"),
          R("M2", "Missing notification from police re episode on 21/06 - returned 22/06. RHI offered", d="2024-06-24",
            who="MASH", seen="U", out="NFA, RHI offered by commissioned service - declined"),
          R("M3", "Missing notification - Kairo missing from MGM's since 24/10 evening", d="2024-10-25", who="MASH", seen="U",
            out="Awaiting police update"),
          R("E22", "Notification via MASH from Wessex Coast Police: Kairo located 25/10 in flat in Seabourne with 17yo from Edgemoor, wraps of crack cocaine, £410 cash and phone. Arrested PWITS",
            d="2024-10-27", who="MASH / EDT", seen="U", out="Strategy discussion to be convened"),
          R("E23", "EDT: Kairo returned to MGM's address 02:30 by two Wessex Coast officers. No exploitation worker available out of hours",
            t="02:30", who="EDT", seen="U"),
          R("E26", "Strategy discussion. Present: CSC, Lea Valley Police (DS Kaur), Wessex Coast Police by phone, YOS. School (AP) not invited",
            who="TM A. Brennan (chair)", out="s47 - criminal exploitation. Joint visit. NRM referral. Refer to MACE",
            seen="U", com="Education should have been invited"),
          R("E28", "Joint s47 visit with PC Osei at MGM's. Kairo seen alone briefly - said he 'owed' money, would not say to whom. Mum present for rest",
            who="SW R. Adeyemi, PC 4411 Osei", seen="Y", out="Safety plan; phone checked by mum"),
          R("E29", "NRM referral submitted (first responder)", who="SW R. Adeyemi", seen="U"),
          R("E30", "s47 concluded - risk of significant harm outside the home; CIN plan + MACE", who="TM A. Brennan", seen="U",
            out="CIN plan", var={2: {"out": "CIN plan. Contextual safeguarding referral"}}),
          R("E31", "CIN visit - Kairo seen at MGM's", who="SW R. Adeyemi", seen="Y"),
          R("E31b", "CIN visit - no answer at MGM's. Called mum, no reply", who="SW R. Adeyemi", seen="N"),
          R("X01", "Police intel - Kairo's phone linked to 'Tenter' line", ds="00/11/2024", rej="date '00/11/2024' cannot be read",
            who="MASH", seen="U"),
          R("E33", "Notification from Edgemoor General ED re attendance 03/12 - facial injuries, 'fell off bike'", d="2024-12-04",
            who="MASH", seen="U", out="SW to discuss with Kairo"),
          R("E35b", "CIN visit - Kairo seen at MGM's", who="SW R. Adeyemi", seen="Y"),
          R("E37", "CIN review. Mum says offer of flat accepted", who="SW, Mum, AP DSL, YOS", seen="U", out="Plan continues"),
          R("E38", "Kairo and mum moved into 14 Ashgrove House, Tenter Road", d="2024-12-20", who="SW R. Adeyemi", seen="U",
            out="Address updated"),
          R("E39", "CIN visit - Kairo seen at MGM's", who="SW R. Adeyemi", seen="Y",
            var={2: {"text": "CIN visit - Kairo seen at Ashgrove House"}}),
          R("M4", "Missing notification - missing since 17/01 pm, returned 19/01", d="2025-01-20", who="MASH", seen="U",
            first=2),
          R("E40", "RHI completed by SW - Kairo said he was 'in Seabourne again', would not name anyone", who="SW R. Adeyemi",
            seen="Y", first=2),
          R("E41", "CIN visit - Kairo seen at Ashgrove House", who="SW R. Adeyemi", seen="Y", first=2),
          R("E43", "CIN visit - Kairo seen at Ashgrove House", who="SW R. Adeyemi", seen="Y", first=3),
          R("E44", "CIN review", who="SW, Mum, AP DSL", seen="U", first=3),
          )
    head = lambda dob: {"Name": "Kairo WHITLOCK", "DOB": dob, "Address": "14 Ashgrove House, Tenter Road, Edgemoor, E19 4QN",
                        "Agency": "Edgemoor Children's Services", "Author": "Remi Adeyemi, Social Worker"}
    roles7 = ["date", "event", "agency", "who", "outcome", "seen", "comments"]
    c.file("csc", 1, "CSC chronology Kairo WHITLOCK Jan 2025.docx", "docx", roles=roles7, heading=head("09/11/10"),
           repeat_header_at=12)
    c.file("csc", 2, "CSC chronology Kairo WHITLOCK Feb 2025.docx", "docx", roles=roles7, heading=head("09/11/2010"),
           split_at=14, split_repeat_header=False)
    c.file("csc", 3, "CSC chronology Kairo WHITLOCK Mar 2025.docx", "docx", roles=roles7, heading=head("9th Nov 2010"),
           blank_at=[5, 18])

    # ---------------- Police (CSV) ----------------------------------------
    c.agency("pol", "Police", {"Y": "Y", "N": "N", "U": ""}, "dmy4", "Lea Valley Police")
    c.add("pol",
          R("M1", "MISSING - Kairo WHITLOCK reported missing by mother (Carrbridge), found next morning at friend's address in Doveton",
            t="22:45", who="Carrbridge Police (PNC)", seen="U", com="Medium risk"),
          R("M2", "MISSING - reported by grandmother Pearl WHITLOCK. Not returned from shop. Medium risk", t="23:10",
            who="PC 3306 Lindqvist", seen="U", com="CAD 9921"),
          R("E09", "Returned of own accord 13:00. Safe and well check completed at 6 Pell Street - no injuries, would not say where he had been",
            t="15:20", who="PC 3306 Lindqvist", seen="Y", com="CAD 9921"),
          R("E14", "Stop/search S23 MDA - Kairo with two males (19, 21) near Edgemoor station. Nothing found. Words of advice; intel submitted",
            t="16:05", who="PC 1180 Nash", seen="Y", com="STOP-24-5518"),
          R("M3", "MISSING - grandmother reports Kairo not home, phone off. High risk (previous links to older males)", t="21:30",
            who="PC 2902 Achebe", seen="U", com="CAD 4410"),
          R("E22", "Information from Wessex Coast Police: Kairo located at flat in Seabourne (suspected cuckoo address) with 17yo male. 23 wraps crack cocaine, £410, Nokia handset. Arrested PWITS class A",
            t="14:40", who="Wessex Coast Police", seen="Y", com="CAD 4410 / WCP-1025-2210"),
          R("E25", "Interviewed at Seabourne custody with appropriate adult. No comment. AA: 'frightened, out of his depth'",
            t="18:00", who="Wessex Coast Police", seen="Y", com="WCP-1025-2210"),
          R("E23", "Released under investigation. Conveyed to grandmother's address in Edgemoor by two Wessex Coast officers, arrived 02:30",
            t="02:30", who="Wessex Coast Police", seen="Y", com="WCP-1025-2210"),
          R("E26", "DS Kaur attended strategy discussion (CSC)", who="DS 0612 Kaur", seen="U", com="MASH"),
          R("E28", "Joint visit with CSC to 6 Pell Street. Kairo spoken to", who="PC 4411 Osei", seen="Y", com="MASH"),
          R("E34", "Referral received from Edgemoor General ED re 14yo with facial injuries - possible assault, he says fell off bike",
            d="2024-12-03", t="09:15", who="MASH Police", seen="U", com="Crime not recorded - no allegation"),
          R("M4", "MISSING - mother reports Kairo not home since school. High risk. Located 19/01 at Edgemoor bus garage",
            t="20:40", who="PC 2902 Achebe", seen="U", com="CAD 1187", first=2,
            var={3: {"com": "CAD 1187. Debrief: refused to say where"}}),
          R("E24", "Custody record: detained person asked to speak to the Samaritans - call facilitated 20:15. Risk assessment updated",
            t="20:15", who="Custody Sgt (Wessex Coast)", seen="Y", com="WCP custody 25-1025-113", first=3),
          )
    ph = ["Date / Time", "Event", "Officer / source", "Seen Y/N", "Ref"]
    pr = ["date", "event", "who", "seen", "comments"]
    c.file("pol", 1, "Police chronology WHITLOCK Jan25.csv", "csv", roles=pr, headers=ph)
    c.file("pol", 2, "Police chronology WHITLOCK Feb25.csv", "csv", roles=pr, headers=ph, encoding="cp1252")
    c.file("pol", 3, "Police chronology WHITLOCK Mar25.csv", "csv", roles=pr, headers=ph, encoding="utf-8")

    # ---------------- School / Education (Excel) ---------------------------
    c.agency("sch", "School", {"Y": "Seen", "N": "Not seen", "U": "-"}, "dots", "DSL")
    c.add("sch",
          R("H03", "Permanently excluded from Carrbridge Academy (cannabis + cash on site; 3 previous suspensions)", ds="Nov 2023",
            prec="month", who="Transfer file", seen="U"),
          R("E01", "Started Holloway Lane PRU (Carrbridge)", who="Transfer file", seen="U"),
          R("E02b", "PRU: DSL spoke to Kairo re smell of cannabis - denied", who="Transfer file (PRU DSL)", seen="Y"),
          R("E02c", "PRU: last day attended before move to London", who="Transfer file", seen="Y"),
          R("E05b", "CME officer home visit to MGM's - Kairo seen. Mum states she will home educate", who="CME officer L. Grant",
            seen="Y", com="LA Education record"),
          R("E05", "Removed from PRU roll - parent elected home education (EHE notification received)", who="LA Education",
            seen="U"),
          R("E07", "EHE adviser initial visit - Kairo seen, no work shown", who="EHE adviser P. Moyo", seen="Y"),
          R("E08", "In-year admissions meeting - mum and Kairo did not attend", who="Admissions", seen="N", out="Rebooked"),
          R("E11", "EHE follow-up visit - no access", who="EHE adviser P. Moyo", seen="N"),
          R("E12", "EHE visit - provision unsatisfactory; Kairo seen, says he 'does maths on YouTube'", who="EHE adviser P. Moyo",
            seen="Y", out="Referred to Fair Access panel"),
          R("E15", "Fair Access panel - place at Edgemoor Learning Centre agreed", who="Panel", seen="U"),
          R("E20", "Started at Edgemoor Learning Centre (AP). Induction with mum", who="DSL T. Varga", seen="Y"),
          R("E21", "Kairo arrived with new trainers and two phones. Would not explain", who="DSL T. Varga", seen="Y",
            out="Logged on CPOMS; mum informed"),
          R("M3", "Absent - MGM called: 'not come home last night'", d="2024-10-25", who="Attendance officer", seen="N"),
          R("E22", "MGM told reception Kairo was 'arrested down Seabourne' at weekend", d="2024-10-28", who="DSL T. Varga",
            seen="U", out="Called MASH"),
          R("E26", "SW told DSL a strategy meeting was held on 29/10 - school not invited", d="2024-11-01", who="DSL T. Varga",
            seen="U", com="DSL to request minutes"),
          R("E32b", "Key worker session - Kairo engaged, talked about music", who="Key worker", seen="Y"),
          R("E37", "DSL attended CIN review", who="DSL T. Varga", seen="U"),
          R("X02", "Kairo disclosed he had been 'told to hold' a package for someone", ds="TBC", rej="date 'TBC' cannot be read",
            who="Key worker", seen="Y", first=2, var={3: {"text": "Kairo disclosed he had been 'told to hold' a package for someone (date to be confirmed)"}}),
          R("E42", "DSL check-in - Kairo seen, tired", who="DSL T. Varga", seen="Y", first=2),
          R("E44", "DSL attended CIN review", who="DSL T. Varga", seen="U", first=3),
          R("E45", "Attendance this half term 41% (authorised 6%, unauthorised 53%)", who="Attendance officer", seen="U", first=3),
          )
    sh = ["Date", "Source", "Concern / event", "Action", "Pupil seen", "Staff"]
    sr = ["date", "agency", "event", "outcome", "seen", "who"]
    c.file("sch", 1, "Edgemoor Learning Centre - chronology K Whitlock Jan25.xlsx", "xlsx", roles=sr, headers=sh,
           sheet="CPOMS export", title_rows=["Edgemoor Learning Centre - safeguarding chronology", "Pupil: WHITLOCK, Kairo  DOB 09/11/2010  Year 9"],
           date_cells=True)
    c.file("sch", 2, "Edgemoor Learning Centre - chronology K Whitlock Feb25.xlsx", "xlsx", roles=sr, headers=sh,
           sheet="CPOMS export", title_rows=["Edgemoor Learning Centre - safeguarding chronology", "Pupil: WHITLOCK, Kairo  DOB 09/11/2010  Year 9"],
           date_cells=True, blank_at=[6])
    c.file("sch", 3, "Edgemoor Learning Centre - chronology K Whitlock Mar25.xlsx", "xlsx", roles=sr, headers=sh,
           sheet="CPOMS export", title_rows=["Edgemoor Learning Centre - safeguarding chronology", "Pupil: WHITLOCK, Kairo  DOB 09/11/2010  Year 9"],
           style="dmy2")

    # ---------------- Housing (Word) ----------------------------------------
    c.agency("hou", "Housing", {"Y": "Yes", "N": "No", "U": "N/A"}, "long", "Housing Solutions")
    c.add("hou",
          R("E04", "Approach - Danielle WHITLOCK, sofa-surfing with friends; son Kairo (13) staying at his grandmother's in Edgemoor. Advised to join register",
            who="HSO J. Frost", seen="U", out="Housing register application"),
          R("E10", "Second approach - letter from Carrbridge Police re risk to son if he returns there. Assessed: not in priority need",
            who="HSO J. Frost", seen="U"),
          R("E27", "Third approach - email from Danielle: son 'in danger, got arrested miles away'. Escalated to team manager",
            who="HSO J. Frost", seen="U", out="Case escalated"),
          R("E32", "Management priority awarded (risk to child) - band A", who="TM Housing Solutions", seen="U"),
          R("E35", "Offer - 14 Ashgrove House, Tenter Road (2 bed). Accepted at viewing", who="Lettings", seen="U"),
          R("E38", "Tenancy start - Danielle WHITLOCK and Kairo WHITLOCK", who="Lettings", seen="U"),
          R("E38a", "Keys collected; sign-up completed", who="Lettings", seen="U", first=2),
          )
    hh = ["Date", "Case note", "Action", "Officer", "Child seen"]
    hr = ["date", "event", "outcome", "who", "seen"]
    hoh = lambda: {"Name": "Kairo WHITLOCK (applicant: Danielle WHITLOCK)", "DOB": "09/11/2010",
                   "Address": "14 Ashgrove House, Tenter Road, Edgemoor", "Agency": "Edgemoor Housing Solutions", "Author": "J. Frost"}
    for rnd, nm in [(1, "Housing chronology - WHITLOCK - Jan 2025.docx"), (2, "Housing chronology - WHITLOCK - Feb 2025.docx"),
                    (3, "Housing chronology - WHITLOCK - Mar 2025.docx")]:
        c.file("hou", rnd, nm, "docx", roles=hr, headers=hh, heading=hoh())

    # ---------------- GP (Word) ---------------------------------------------
    c.agency("gp", "GP", {"Y": "Yes", "N": "No", "U": ""}, "emis", "Edgemoor Park Surgery")
    c.add("gp",
          R("E02", "A&E letter Carrbridge Royal: laceration R palm, cut on broken glass climbing a fence. Steri-strips. Discharged",
            d="2024-03-05", who="Prev practice record", seen="U"),
          R("E06", "New patient registration (transferred from Doveton Road Medical Centre, Carrbridge). NP check - seen with MGM",
            who="HCA Bryce", seen="Y"),
          R("E13", "CAMHS letter: did not attend initial assessment 03/09/24. Discharged back to GP", d="2024-09-05",
            who="Admin", seen="U"),
          R("E33", "ED letter Edgemoor General 03/12/24: facial bruising and lip laceration - states fell off bike. Safeguarding referral made by ED",
            d="2024-12-05", who="Admin", seen="U"),
          R("E36", "CAMHS: appointment 08/01/25 cancelled by service (clinician unwell) - new date to follow", who="Admin",
            seen="U"),
          R("E38", "Change of address recorded - 14 Ashgrove House (mum phoned)", d="2024-12-23", who="Admin", seen="U",
            com="Address change notified by patient"),
          )
    gh = ["Date", "Entry", "Seen", "Clinician / source"]
    gr = ["date", "event", "seen", "who"]
    c.file("gp", 1, "GP chronology Kairo Whitlock Jan25.docx", "docx", roles=gr, headers=gh,
           heading={"Name": "Kairo Whitlock", "DOB": "09/11/2010", "Address": "14 Ashgrove House, Edgemoor",
                    "Agency": "Edgemoor Park Surgery", "Author": "Dr F. Oyelaran (safeguarding lead)"})
    c.file("gp", 3, "GP chronology Kairo Whitlock Mar25.docx", "docx", roles=gr, headers=gh,
           heading={"Name": "Kairo Whitlock", "DOB": "09/11/2010", "Address": "14 Ashgrove House, Edgemoor",
                    "Agency": "Edgemoor Park Surgery", "Author": "Dr F. Oyelaran (safeguarding lead)"})

    # ---------------- Emergency Department (Excel) -------------------------
    c.agency("ed", "Emergency Department", {"Y": "Yes", "N": "No", "U": "N/A"}, "dmy4", "EGH ED")
    c.add("ed",
          R("E33", "Attended 01:40 with friend (18). Bruising L cheek, split lip. States fell off bike. Evasive; friend answered for him",
            t="01:40", who="ED Dr Pawar / Nurse Ellis", seen="Y", out="Wound closure. Safeguarding referral"),
          R("E34", "Safeguarding referral to MASH - 14yo, possible assault, out at night with adult", t="03:10",
            who="Nurse Ellis", seen="U", out="Paediatric liaison informed"),
          )
    eh = ["Date/time", "Presentation / event", "Staff", "Outcome", "Child seen"]
    er = ["date", "event", "who", "outcome", "seen"]
    c.file("ed", 1, "EGH ED safeguarding chronology WHITLOCK.xlsx", "xlsx", roles=er, headers=eh, sheet="Sheet1",
           cover=True, heading={"Name": "WHITLOCK Kairo", "DOB": "09/11/2010", "Agency": "Edgemoor General Hospital ED",
                                "Author": "Paediatric liaison"}, date_cells=True)
    c.file("ed", 2, "EGH ED safeguarding chronology WHITLOCK Feb.xlsx", "xlsx", roles=er, headers=eh, sheet="Sheet1",
           cover=True, heading={"Name": "WHITLOCK Kairo", "DOB": "09/11/2010", "Agency": "Edgemoor General Hospital ED",
                                "Author": "Paediatric liaison"})

    c.refused.append(("Police chronology WHITLOCK Feb25 (2).docx", "corrupt", "Word file truncated in transfer",
                      corrupt_docx))
    return c


def case_hc03():
    """Control case: near-misses only, no rule may fire."""
    c = Case("hc_03", {"name": "Leo FENWICK", "first_name": "Leo", "surname": "FENWICK", "dob": "2018-05-14",
                       "address": "3 Larch Close, Brookvale, NT4 6RS", "sex": "m"},
             [{"round": 1, "month": "2025-05", "cutoff": "2025-05-16"},
              {"round": 2, "month": "2025-06", "cutoff": "2025-06-13"}], "primary")
    c.control = True
    c.planted = []
    c.ambiguous = []
    ev = c.ev
    ev("H01", "1992-08-03", "birth_mother", "Mother born", history=True)
    ev("H02", "2021-04-01", "prev_cin", "Previous CIN (neglect) closed", history=True)
    ev("E01", "2024-06-11", "referral", "Referral from school - neglect concerns")
    ev("E02", "2024-06-19", "cf_assessment", "Assessment visit")
    ev("E03", "2024-07-04", "sw_visit", "SW visit")
    ev("E04", "2024-07-18", "school_seen", "School: last day of term")
    ev("E05", "2024-07-30", "sw_visit", "SW visit (holidays)")
    ev("E06", "2024-08-21", "sw_visit", "SW visit (holidays)")
    ev("E07", "2024-09-04", "school_seen", "School: returned, Year 1")
    ev("E08", "2024-09-17", "missed_appt", "Dental appointment WNB", {"missed": 1})
    ev("E09", "2024-09-24", "no_access", "SW visit - no access", {"no_access": 1})
    ev("E10", "2024-09-26", "sw_visit", "SW visit")
    ev("E11", "2024-10-14", "housing", "Tenancy sign-up for transfer")
    ev("E12", "2024-10-21", "house_move", "Moved to 3 Larch Close", {"move": 1})
    ev("E13", "2024-10-23", "sw_visit", "SW visit")
    ev("E14", "2024-11-02", "da_incident", "DA incident - ex-partner at door", {"da": 1})
    ev("E15", "2024-11-12", "school_seen", "School: bruise to shin, playground fall")
    ev("E16", "2024-11-20", "sw_visit", "SW visit")
    ev("E17", "2024-12-10", "school_seen", "School: nativity")
    ev("E18", "2024-12-18", "sw_visit", "SW visit")
    ev("E19", "2025-01-08", "school_seen", "School: back after holidays")
    ev("E20", "2025-01-14", "no_access", "SW visit - no access", {"no_access": 1})
    ev("E21", "2025-01-16", "sw_visit", "SW visit")
    ev("E22", "2025-02-08", "ae_attendance", "ED attendance - scooter fall", {"ae": "Brookvale General ED"})
    ev("E23", "2025-02-12", "sw_visit", "SW visit")
    ev("E24", "2025-02-25", "gp_consult", "GP - mother low mood (different GP same practice)")
    ev("E25", "2025-03-06", "school_seen", "School: World Book Day")
    ev("E26", "2025-03-12", "sw_visit", "SW visit")
    ev("E27", "2025-03-20", "housing", "Bike missing from communal hallway")
    ev("E28", "2025-04-02", "sw_visit", "SW visit")
    ev("E29", "2025-04-22", "missed_appt", "Optician - did not attend", {"missed": 1})
    ev("E30", "2025-04-24", "school_seen", "School: returned after Easter")
    ev("E31", "2025-05-07", "cin_review", "CIN review")
    ev("E32", "2025-05-13", "sw_visit", "SW visit")
    ev("E33", "2025-05-28", "school_seen", "School: sports day")
    ev("E34", "2025-06-05", "sw_visit", "SW visit")
    ev("E35", "2025-06-12", "gp_consult", "GP - asthma review (attended)")
    ev("E36", "2024-06-25", "school_seen", "School: DSL check-in")
    ev("E37", "2024-10-02", "gp_consult", "GP - Dr changed within practice")
    ev("E38", "2025-01-24", "grandma_visit", "Grandmother staying for weekend")
    ev("X01", "2025-03-01", "undated", "Row with impossible date")
    ev("E40", "2024-07-10", "cin_meeting", "CIN meeting 1")
    ev("E41", "2024-10-09", "cin_meeting", "CIN meeting 2")
    ev("E42", "2025-01-29", "cin_meeting", "CIN meeting 3")
    ev("E43", "2024-10-01", "school_seen", "School: breakfast club")
    ev("E44", "2024-11-26", "school_seen", "School: parents evening")
    ev("E45", "2025-02-04", "school_seen", "School: Leo tired")
    ev("E46", "2025-03-27", "school_seen", "School: attendance letter")
    ev("E47", "2025-05-20", "school_seen", "School: DSL check-in")
    c.hard_negatives = [
        {"events": ["E09", "E20"], "why": "two no-access visits almost four months apart"},
        {"events": ["E08", "E29"], "why": "two missed appointments seven months apart"},
        {"events": ["E11", "E12"], "why": "tenancy sign-up and the move a week later"},
        {"events": ["E03", "E05", "E06", "E10", "E13", "E16"], "why": "identical visit wording on different dates"},
    ]
    R = Row
    c.agency("csc", "Children's Social Care", {"Y": "Yes", "N": "No", "U": ""}, "dmy2", "Children's Services")
    sv = "Home visit - Leo seen, home conditions adequate, food in cupboards"
    c.add("csc",
          R("H01", "Mother Gemma FENWICK born", ds="03/08/92"),
          R("H02", "CIN plan (neglect - home conditions) closed, progress sustained", ds="April 2021", prec="month"),
          R("E01", "Referral from Brookvale Primary DSL - Leo often hungry, uniform unwashed", who="MASH", seen="U",
            out="C&F assessment"),
          R("E02", "Assessment visit - Leo seen in his bedroom, spoke about school and his cat", who="SW H. Quinn", seen="Y"),
          R("E03", sv, who="SW H. Quinn", seen="Y"),
          R("E05", sv, who="SW H. Quinn", seen="Y"),
          R("E06", sv, who="SW H. Quinn", seen="Y"),
          R("E09", "Planned visit - no answer. Mum later texted she was at the dentist with Leo's cousin", who="SW H. Quinn", seen="N"),
          R("E10", sv, who="SW H. Quinn", seen="Y"),
          R("E12", "Family moved to 3 Larch Close (housing transfer, same area). Leo staying at Brookvale Primary",
            d="2024-10-22", who="SW H. Quinn", seen="U"),
          R("E13", sv, who="SW H. Quinn", seen="Y"),
          R("E14", "PPN re incident 02/11 - Leo's father (separated) shouting at door, left before police arrived. Standard risk",
            d="2024-11-04", who="MASH", seen="U", out="Info shared with school"),
          R("E16", sv, who="SW H. Quinn", seen="Y"),
          R("E18", sv, who="SW H. Quinn", seen="Y"),
          R("E20", "Planned visit - no access, mum at work (shift changed)", who="SW H. Quinn", seen="N"),
          R("E21", sv, who="SW H. Quinn", seen="Y"),
          R("E22", "Mum informed SW Leo went to A&E Saturday after scooter fall - wrist sprain", d="2025-02-11",
            who="SW H. Quinn", seen="U"),
          R("E23", sv, who="SW H. Quinn", seen="Y"),
          R("E26", sv, who="SW H. Quinn", seen="Y"),
          R("X01", "Phone call with mum", ds="29/02/25", rej="date '29/02/25' cannot be read", who="SW H. Quinn", seen="U"),
          R("E28", sv, who="SW H. Quinn", seen="Y"),
          R("E31", "CIN review - good progress, consider step down to early help", who="SW, DSL, mum", seen="U"),
          R("E32", sv, who="SW H. Quinn", seen="Y"),
          R("E40", "CIN meeting 1 - mum, DSL, SW, school nurse", who="SW H. Quinn", seen="U", out="CIN plan agreed"),
          R("E41", "CIN meeting 2 - mum engaging well", who="SW H. Quinn", seen="U"),
          R("E42", "CIN meeting 3 - home conditions sustained", who="SW H. Quinn", seen="U"),
          R("E38", "Mum says her mother is staying for the weekend to help after her minor op", d="2025-01-24",
            who="SW H. Quinn", seen="U"),
          R("E34", sv, who="SW H. Quinn", seen="Y", first=2),
          )
    roles7 = ["date", "event", "agency", "who", "outcome", "seen", "comments"]
    hd = {"Name": "Leo FENWICK", "DOB": "14/05/18", "Address": "3 Larch Close, Brookvale, NT4 6RS",
          "Agency": "Children's Services", "Author": "Hannah Quinn, SW"}
    c.file("csc", 1, "CSC chronology Leo FENWICK May25.docx", "docx", roles=roles7, heading=hd)
    c.file("csc", 2, "CSC chronology Leo FENWICK June25.docx", "docx", roles=roles7, heading=hd, repeat_header_at=15)

    c.agency("sch", "School", {"Y": "Y", "N": "N", "U": ""}, "dots", "Brookvale Primary")
    c.add("sch",
          R("E01", "Referral to MASH - Leo asking for food, same uniform all week", who="DSL M. Pike", seen="Y"),
          R("E36", "DSL check-in - Leo happy, had breakfast club", who="DSL M. Pike", seen="Y"),
          R("E04", "Last day of term - Leo collected by mum", who="Class teacher", seen="Y"),
          R("E07", "Returned for Year 1, clean uniform", who="DSL M. Pike", seen="Y"),
          R("E08", "School dental screening follow-up letter: Leo Was Not Brought to community dental appt", who="School office",
            seen="U"),
          R("E12", "Mum informed office of new address - 3 Larch Close", d="2024-10-21", who="School office", seen="U"),
          R("E14", "Operation Encompass notification - police attended home 02/11 (ex-partner at door)", d="2024-11-04",
            who="DSL M. Pike", seen="Y", out="Leo seen by DSL, settled"),
          R("E15", "Bruise to L shin - fell in playground at lunch. Accident book completed, mum informed", who="MDS",
            seen="Y"),
          R("E17", "Nativity - mum attended", who="Class teacher", seen="Y"),
          R("E19", "Back after holidays - attendance 96% this term", who="DSL M. Pike", seen="Y"),
          R("E22", "Arm in sling - mum says A&E on Saturday after falling off scooter", d="2025-02-10", who="Class teacher",
            seen="Y"),
          R("E25", "World Book Day - dressed as a dragon", who="Class teacher", seen="Y"),
          R("E27", "Leo upset - his bike 'went missing' from the hallway at home", d="2025-03-21", who="TA", seen="Y"),
          R("E30", "Returned after Easter, PE kit missing again", who="Class teacher", seen="Y"),
          R("E31", "Attended CIN review", who="DSL M. Pike", seen="U"),
          R("E43", "Breakfast club - Leo ate well", who="TA", seen="Y"),
          R("E44", "Parents evening - mum attended, reading improving", who="Class teacher", seen="Y"),
          R("E45", "Leo tired, fell asleep in assembly - mum says late night, new baby next door crying", who="DSL M. Pike",
            seen="Y"),
          R("E46", "Attendance letter (stage 1) - 89% this term, mostly illness", who="Attendance officer", seen="U"),
          R("E47", "DSL check-in - Leo chatty, looking forward to sports day", who="DSL M. Pike", seen="Y"),
          R("E33", "Sports day - mum attended", who="DSL M. Pike", seen="Y", first=2),
          )
    sh = ["Date", "Who recorded", "Event", "Outcome", "Seen", "Recorded by"]
    sr = ["date", "agency", "event", "outcome", "seen", "who"]
    c.file("sch", 1, "Brookvale Primary chronology FENWICK May 2025.xlsx", "xlsx", roles=sr, headers=sh, sheet="Chronology",
           title_rows=["FENWICK, Leo - Year 1 - DOB 14/05/2018"], date_cells=True)
    c.file("sch", 2, "Brookvale Primary chronology FENWICK June 2025.xlsx", "xlsx", roles=sr, headers=sh, sheet="Chronology",
           title_rows=["FENWICK, Leo - Year 1 - DOB 14/05/2018"], blank_at=[8])

    c.agency("gp", "GP", {"Y": "Y", "N": "N", "U": ""}, "emis", "")
    c.add("gp",
          R("E37", "Seen by Dr Okoro (new partner at the practice) - registered GP changed from Dr Lamb within Brookvale Health Centre. Cough, chest clear",
            who="Dr Okoro", seen="Y", com="Consultation"),
          R("E22", "A&E letter Brookvale General: 08/02/25 fall from scooter, sprain L wrist, x-ray NAD", d="2025-02-10",
            who="Admin", seen="U", com="Letter"),
          R("E24", "Mother: low mood since op, no thoughts of self-harm or suicide. Sertraline started. (Leo's record: carer MH noted)",
            who="Dr Okoro", seen="U", com="Consultation"),
          R("E29", "Optician letter: did not attend eye test 22/04/25", who="Admin", seen="U", com="Letter"),
          R("E35", "Asthma review - attended with mum, inhaler technique good", who="PN Clarke", seen="Y", com="Consultation",
            first=2),
          )
    gh = ["Date", "Type", "Summary", "Clinician", "Pt seen"]
    gr = ["date", "comments", "event", "who", "seen"]
    c.file("gp", 1, "Brookvale Health Centre - FENWICK Leo - May25.csv", "csv", roles=gr, headers=gh)
    c.file("gp", 2, "Brookvale Health Centre - FENWICK Leo - Jun25.csv", "csv", roles=gr, headers=gh, encoding="cp1252")

    c.agency("pol", "Police", {"Y": "Seen", "N": "Not seen", "U": "N/A"}, "dmy4", "Tynedale Police")
    c.add("pol",
          R("E14", "DOMESTIC - call from Gemma FENWICK: ex-partner Dean shouting at the door, left before arrival. Verbal only. DASH standard. Child in bed, not spoken to",
            t="21:15", who="PC 881 Shaw", seen="N", out="Words of advice to Dean by phone. PPN"),
          )
    c.file("pol", 1, "Police chronology FENWICK May25.csv", "csv", roles=["date", "event", "who", "outcome", "seen"],
           headers=["Date/Time", "Incident", "Officer", "Result", "Child seen"])
    c.file("pol", 2, "Police chronology FENWICK Jun25.csv", "csv", roles=["date", "event", "who", "outcome", "seen"],
           headers=["Date/Time", "Incident", "Officer", "Result", "Child seen"])

    c.agency("hou", "Housing", {"Y": "Yes", "N": "No", "U": "n/a"}, "long", "Brookvale Homes")
    c.add("hou",
          R("E11", "Transfer approved - tenancy sign-up for 3 Larch Close", who="Housing officer D. Rae", seen="U"),
          R("E12", "Keys issued; family moved in to 3 Larch Close. Former tenancy (18 Rowan Row) ended", who="D. Rae", seen="U"),
          R("E27", "Report from tenant: child's bike went missing from communal hallway - advised to report to police", who="D. Rae",
            seen="U"),
          )
    c.file("hou", 1, "Housing chronology FENWICK.docx", "docx", roles=["date", "event", "who", "seen"],
           headers=["Date", "Event", "Officer", "Child seen"],
           heading={"Name": "Leo FENWICK", "DOB": "14.05.2018", "Address": "3 Larch Close, Brookvale", "Agency": "Brookvale Homes",
                    "Author": "D. Rae"})
    c.file("hou", 2, "Housing chronology FENWICK June.docx", "docx", roles=["date", "event", "who", "seen"],
           headers=["Date", "Event", "Officer", "Child seen"],
           heading={"Name": "Leo FENWICK", "DOB": "14.05.2018", "Address": "3 Larch Close, Brookvale", "Agency": "Brookvale Homes",
                    "Author": "D. Rae"})

    def note(p):
        with open(p, "w", encoding="utf-8") as fh:
            fh.write("From: Hannah Quinn\nTo: core group\nSubject: RE: core group 07/05\n\n"
                     "Hi all, the core group is moved to 10am. Please send chronology updates by Friday.\nThanks, Hannah\n")
    c.refused.append(("RE core group date.txt", "not_chronology", "an email saved as text, no chronology", note))
    return c




def check(out):
    """Reopen every written file and check the truth's table/row numbering against it:
    Word row 1 = the table's first row, Excel = the sheet's row number, CSV = line number
    with the header on line 1; every physical row is a header, blank, title or data row."""
    import openpyxl
    import docx as _docx
    for tf in sorted(f for f in os.listdir(out) if f.endswith(".truth.json")):
        with open(os.path.join(out, tf), encoding="utf-8") as fh:
            T = json.load(fh)
        cdir = os.path.join(out, T["case_id"])
        on_disk = sorted(os.path.relpath(os.path.join(d, f), cdir).replace(os.sep, "/")
                         for d, _, fs in os.walk(cdir) for f in fs)
        assert on_disk == sorted(f["file"] for f in T["files"]), (T["case_id"], on_disk)
        tabs = {}
        for f in T["files"]:
            if f["status"] != "ok":
                continue
            p = os.path.join(cdir, f["file"])
            if f["format"] == "docx":
                d = _docx.Document(p)
                tabs[f["file"]] = {i + 1: {j + 1: [c.text for c in r.cells] for j, r in enumerate(t.rows)}
                                   for i, t in enumerate(d.tables)}
            elif f["format"] == "xlsx":
                wb = openpyxl.load_workbook(p)
                tabs[f["file"]] = {ws.title: {r[0].row: [as_text(c.value) for c in r] for r in ws.iter_rows()} for ws in wb}
            else:
                with open(p, encoding=f.get("encoding", "utf-8-sig"), newline="") as fh:
                    tabs[f["file"]] = {1: {i + 1: ln for i, ln in enumerate(csv.reader(fh))}}
        data = {}
        for x in T["rows"]:
            got = tabs[x["file"]][x["table"]][x["row"]]
            assert got[:len(x["cells"])] == x["cells"], (x["file"], x["table"], x["row"], got, x["cells"])
            data.setdefault((x["file"], str(x["table"])), set()).add(x["row"])
        for f in T["files"]:
            for t in f.get("tables", []):
                if t["role"] != "chronology":
                    continue
                tab = tabs[f["file"]][t["table"]]
                for h in t["header_rows"]:
                    assert [str(v) for v in tab[h][:len(t["headers"])]] == t["headers"], (f["file"], h)
                for b in t.get("blank_rows", []):
                    assert all(v in (None, "") for v in tab[b]), (f["file"], b)
                other = set(t["header_rows"]) | set(t.get("blank_rows", [])) | set(t.get("title_rows", []))
                got = data.get((f["file"], str(t["table"])), set())
                assert other.isdisjoint(got) and other | got == set(tab), (f["file"], t["table"])
        print(f"{T['case_id']}: numbering checked on {len(T['rows'])} rows")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print(__doc__.split("\n\n")[1])
        return 2
    out = argv[0]
    os.makedirs(out, exist_ok=True)
    for mk in (case_hc01, case_hc02, case_hc03):
        T = build(mk(), out)
        s = T["stats"]
        print(f"{T['case_id']}: {s['files']} files ({s['refused_files']} refused), {s['rows']} rows "
              f"({s['rejected_rows']} to reject), {s['events']} events; flags "
              f"{[f['rule'] for f in T['expected_flags']]}")
    check(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
