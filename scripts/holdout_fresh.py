#!/usr/bin/env python3
"""Build two fresh hold-out cases (control case_C, messy case_D) with truth files.

    python scripts/holdout_fresh.py [DIR]      (default /tmp/holdout3)

Deterministic.  Written without reference to chrono's code or vocabulary; the truth
format follows shared/eval/README.md and score.py.  All names and places are invented.
"""
import csv
import datetime as dt
import io
import json
import os
import shutil
import sys

import openpyxl
from docx import Document
from docx.enum.text import WD_BREAK

D = dt.date.fromisoformat
HDR7 = ["Date / Time", "Significant event / information", "Agency / Professional", "Who was involved",
        "Decision / Action / Outcome", "Child seen?", "Comments / analysis"]
ROLES7 = ["date", "event", "agency", "who", "outcome", "seen", "comments"]


class Ent:
    """One line an agency writes (repeated in each cumulative round)."""
    def __init__(self, ev, date, text, dtext=None, prec="day", approx=False, time=None, who="",
                 out="", seen=("", "unknown"), alias="", r0=None, over=None, xl=None, extra=None, reject=False):
        self.ev, self.date, self.text, self.dtext = ev, (D(date) if date else None), text, dtext
        self.prec, self.approx, self.time, self.who, self.out = prec, approx, time, who, out
        self.seen, self.alias, self.r0, self.over = seen, alias, r0, over or {}
        self.xl, self.extra, self.reject = xl, extra or {}, reject

    def at(self, rnd):
        d = dict(self.__dict__)
        for r in sorted(self.over):
            if rnd <= r:
                d.update(self.over[r])
                break
        return d


def ordinal(n):
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def fmt_date(d, style, time=None):
    if style == "dmy4":
        s = d.strftime("%d/%m/%Y")
    elif style == "dmy2":
        s = d.strftime("%d/%m/%y")
    elif style == "short":
        s = f"{d.day}/{d.month}/{d:%y}"
    elif style == "dots4":
        s = d.strftime("%d.%m.%Y")
    elif style == "dots2":
        s = d.strftime("%d.%m.%y")
    elif style == "dmonY":
        s = f"{d.day:02d} {d:%b %Y}"
    elif style == "long":
        s = f"{d:%a} {ordinal(d.day)} {d:%B %Y}"
    else:
        raise ValueError(style)
    if time:
        s += (" @ " if style == "dmy2" else " ") + time
    return s


def cell_val(e, role, agency_alias):
    if role == "date":
        return e["dtext"]
    if role == "event":
        return e["text"]
    if role == "agency":
        return e["alias"] or agency_alias
    if role == "who":
        return e["who"]
    if role == "outcome":
        return e["out"]
    if role == "seen":
        return e["seen"][0]
    if role == "comments":
        return e["extra"].get("comments", "")
    return e["extra"].get(role, "")


# --------------------------------------------------------------------------- writers
def w_docx(path, meta, rows, layout, blank_after=None):
    """layout: heading | namepara | split3 | twoperiods.  Returns [(table, row)] per data row."""
    doc = Document()
    doc.add_paragraph(meta["title"])
    prov = []
    tno = 0
    if layout in ("heading", "twoperiods"):
        ht = doc.add_table(rows=0, cols=2)
        for k, v in meta["heading"]:
            c = ht.add_row().cells
            c[0].text, c[1].text = k, v
        tno += 1
        doc.add_paragraph("")
    else:
        for k, v in meta["heading"]:
            doc.add_paragraph(f"{k}: {v}")
    hdr = meta.get("headers", HDR7)

    def new_table(with_header=True):
        t = doc.add_table(rows=0, cols=len(hdr))
        t.style = "Table Grid"
        if with_header:
            c = t.add_row().cells
            for i, h in enumerate(hdr):
                c[i].text = h
        return t

    def put(t, tn, e):
        c = t.add_row().cells
        for i, role in enumerate(ROLES7):
            c[i].text = cell_val(e, role, meta["alias"])
        prov.append((tn, len(t.rows)))

    def blank(t):
        t.add_row()

    if layout in ("heading", "namepara"):
        t = new_table(); tno += 1
        for i, e in enumerate(rows):
            put(t, tno, e)
            if blank_after is not None and i == blank_after:
                blank(t)
        blank(t)
    elif layout == "split3":
        n = len(rows)
        cuts = [0, n // 3, 2 * n // 3, n]
        for k in range(3):
            if k:
                p = doc.add_paragraph()
                p.add_run().add_break(WD_BREAK.PAGE)
            t = new_table(with_header=(k == 0)); tno += 1
            for e in rows[cuts[k]:cuts[k + 1]]:
                put(t, tno, e)
    elif layout == "twoperiods":
        split = meta["split"]
        for k, (label, sel) in enumerate([(meta["p1"], lambda e: not e["date"] or e["date"] < split),
                                          (meta["p2"], lambda e: e["date"] and e["date"] >= split)]):
            doc.add_paragraph(label)
            t = new_table(); tno += 1
            for e in rows:
                if sel(e):
                    put(t, tno, e)
        # re-order prov to match rows order
        order = [e for e in rows if not e["date"] or e["date"] < split] + [e for e in rows if e["date"] and e["date"] >= split]
        m = {id(e): p for e, p in zip(order, prov)}
        prov = [m[id(e)] for e in rows]
    doc.add_paragraph(meta.get("footer", "Completed by: " + meta["author"]))
    doc.save(path)
    return prov


def xl_cell(e):
    if e["xl"] == "date":
        return dt.datetime.combine(e["date"], dt.time())
    if e["xl"] == "datetime":
        h, m = map(int, e["time"].split(":"))
        return dt.datetime.combine(e["date"], dt.time(h, m))
    return e["dtext"]


def w_xlsx(path, meta, rows):
    wb = openpyxl.Workbook()
    ws0 = wb.active
    prov = []
    sheets = meta.get("sheets", ["chron"])
    first = True
    for sh in sheets:
        ws = ws0 if first else wb.create_sheet()
        first = False
        if sh == "cover":
            ws.title = "Cover"
            for i, line in enumerate(meta["cover"], 1):
                ws.cell(row=i, column=1, value=line)
        elif sh == "notes":
            ws.title = "Notes"
            for i, line in enumerate(meta["notes"], 1):
                ws.cell(row=i, column=1, value=line)
        else:
            ws.title = meta["sheet"]
            r = 1
            for line in meta.get("titles", []):
                if line is not None:
                    ws.cell(row=r, column=1, value=line)
                r += 1
            for i, h in enumerate(meta["headers"], 1):
                ws.cell(row=r, column=i, value=h)
            for e in rows:
                r += 1
                for i, role in enumerate(meta["roles"], 1):
                    v = xl_cell(e) if role == "date" else cell_val(e, role, meta["alias"])
                    c = ws.cell(row=r, column=i, value=v if v != "" else None)
                    if role == "date" and isinstance(v, dt.datetime):
                        c.number_format = "dd/mm/yyyy hh:mm" if e["xl"] == "datetime" else "dd/mm/yyyy"
                prov.append((meta["sheet"], r))
    wb.save(path)
    return prov


def w_csv(path, meta, rows):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(meta["headers"])
    prov = []
    for i, e in enumerate(rows):
        w.writerow([cell_val(e, role, meta["alias"]) for role in meta["roles"]])
        prov.append((1, i + 2))
    with open(path, "w", encoding=meta["encoding"], newline="") as fh:
        fh.write(buf.getvalue())
    return prov


# --------------------------------------------------------------------------- case builder
def build_case(root, C):
    cid = C["id"]
    cdir = os.path.join(root, cid)
    shutil.rmtree(cdir, ignore_errors=True)
    os.makedirs(cdir)
    rounds = C["rounds"]
    truth_rows, files = [], []
    for ag in C["agencies"]:
        for rnd, (month, cutoff) in enumerate(rounds, 1):
            if rnd < ag.get("from_round", 1):
                continue
            rel = ag["fname"](rnd, month)
            path = os.path.join(cdir, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            rows = []
            for ent in ag["entries"]:
                r0 = ent.r0 or next((i for i, (_, co) in enumerate(rounds, 1) if ent.date and ent.date <= D(co)), None)
                if r0 is None or rnd < r0:
                    continue
                e = ent.at(rnd)
                if e["dtext"] is None:
                    e["dtext"] = fmt_date(e["date"], ag["style"], e["time"] if ag.get("time_in_text") else None)
                rows.append(e)
            rows.sort(key=lambda e: (e["date"] or D("2100-01-01")))
            meta = dict(ag["meta"])
            meta["heading"] = [(k, v(rnd) if callable(v) else v) for k, v in meta.get("heading", [])]
            fmt = ag["format"]
            if fmt == "docx":
                prov = w_docx(path, meta, rows, ag["layout"], ag.get("blank_after"))
            elif fmt == "xlsx":
                prov = w_xlsx(path, meta, rows)
            else:
                prov = w_csv(path, meta, rows)
            files.append({"file": rel, "agency": ag["agency"], "round": rnd, "month": month, "format": fmt,
                          "status": "ok", "rows": len(rows), "layout": ag.get("layout", fmt)})
            for e, (tb, rw) in zip(rows, prov):
                roles = ag["meta"].get("roles", ROLES7)
                cells = []
                for role in roles:
                    if role == "date" and fmt == "xlsx" and e["xl"] in ("date", "datetime"):
                        cells.append({e["xl"]: (e["date"].isoformat() + ("T" + e["time"] if e["xl"] == "datetime" else ""))})
                    else:
                        cells.append(cell_val(e, role, ag["meta"]["alias"]))
                rej = bool(e["reject"])
                truth_rows.append({
                    "file": rel, "table": tb, "row": rw, "event": e["ev"], "reject": rej,
                    "date": None if rej else e["date"].isoformat(), "precision": None if rej else e["prec"],
                    "approximate": False if rej else bool(e["approx"]), "time": None if rej else e["time"],
                    "agency": ag["agency"], "child_seen": "unknown" if rej else e["seen"][1], "cells": cells,
                    **({"reject_reason": f"date {e['dtext']!r} cannot be read"} if rej else {})})
    refused = []
    for rf in C["refused"]:
        path = os.path.join(cdir, rf["file"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        rf["make"](path)
        refused.append({"file": rf["file"], "reason": rf["reason"], "detail": rf["detail"]})
        files.append({"file": rf["file"], "status": "refused", "reason": rf["reason"]})
    # ---- events
    evs = {}
    for x in truth_rows:
        ev = evs.setdefault(x["event"], {"id": x["event"], "date": None, "summary": "", "agencies": [],
                                          "rows": [], "rejected_rows": []})
        (ev["rejected_rows"] if x["reject"] else ev["rows"]).append([x["file"], x["table"], x["row"]])
        if x["agency"] not in ev["agencies"]:
            ev["agencies"].append(x["agency"])
        if not x["reject"] and (ev["date"] is None or x["date"] < ev["date"]):
            ev["date"] = x["date"]
        if not ev["summary"]:
            ev["summary"] = x["cells"][ROLES7.index("event")] if isinstance(x["cells"][1], str) else ""
    acc = [x for x in truth_rows if not x["reject"]]
    latest = max(x["date"] for x in acc)
    pfrom = (D(latest).replace(year=D(latest).year - 1)).isoformat()
    for ev in evs.values():
        ev["history"] = bool(ev["date"] and ev["date"] < pfrom)
    # ---- expected flags
    flags = []
    for rule, ids in C["planted_flags"]:
        ds = [evs[i]["date"] for i in ids]
        flags.append({"rule": rule, "start": min(ds), "end": max(ds), "events": ids, "planted": True})
    seen = sorted({x["date"] for x in acc if x["child_seen"] == "yes" and x["precision"] == "day"
                   and pfrom <= x["date"] <= latest})
    gaps = [(a, b) for a, b in zip(seen, seen[1:]) if (D(b) - D(a)).days > 28]
    first_gap = (D(seen[0]) - D(max(pfrom, C["child"]["dob"]))).days
    last_gap = (D(latest) - D(seen[-1])).days
    assert first_gap <= 28 and last_gap <= 28, (cid, first_gap, last_gap)
    for a, b in gaps:
        flags.append({"rule": "CHILD_NOT_SEEN", "start": a, "end": b, "events": [], "planted": True})
    assert len(gaps) == C["expect_gaps"], (cid, gaps)
    truth = {
        "schema": "chrono-eval-truth/1", "case_id": cid, "profile": "holdout-fresh", "seed": 3,
        "child": C["child"], "period": {"from": pfrom, "to": latest,
                                          "note": "12 months to the latest dated entry"},
        "rounds": [{"round": i, "month": m, "cutoff": c} for i, (m, c) in enumerate(rounds, 1)],
        "agencies": [a["agency"] for a in C["agencies"]], "control": C["control"],
        "planted": sorted({f["rule"] for f in flags}),
        "files": files, "refused_files": refused, "rows": truth_rows,
        "rejected_rows": [[x["file"], x["table"], x["row"]] for x in truth_rows if x["reject"]],
        "events": sorted(evs.values(), key=lambda e: e["id"]),
        "hard_negatives": C["hard_negatives"], "expected_flags": flags,
        "must_not_fire": C["must_not_fire"], "ambiguous_rules": C["ambiguous"],
        "stats": {"files": len(files), "refused_files": len(refused), "rows": len(truth_rows),
                  "rejected_rows": sum(x["reject"] for x in truth_rows), "events": len(evs)},
    }
    for h in C["hard_negatives"]:
        for i in h["events"]:
            assert i in evs, (cid, i)
    with open(os.path.join(root, cid + ".truth.json"), "w", encoding="utf-8") as fh:
        json.dump(truth, fh, indent=1, ensure_ascii=False)
    return truth


def steps_from(start, end, steps, skip=()):
    out, d, i = [], D(start), 0
    while d <= D(end):
        while d.weekday() >= 5:
            d += dt.timedelta(days=1)
        if not any(D(a) <= d <= D(b) for a, b in skip):
            out.append(d)
        d += dt.timedelta(days=steps[i % len(steps)])
        i += 1
    return out


# =========================================================================== CASE C (control)
def case_c():
    name, dob = "Ezra PENNYWHISTLE", "2019-03-08"
    addr = "14 Larkspur Row, Dunmoor Vale, ZX4 7QT"
    rounds = [("2025-05", "2025-05-23"), ("2025-06", "2025-06-20"), ("2025-07", "2025-07-18")]
    n = [0]

    def ev(tag=None):
        n[0] += 1
        return f"C{n[0]:03d}"

    csc, sch, gp, ed, pol, hou = [], [], [], [], [], []
    # --- shared events
    E_AE, E_DA, E_NOACC = "C900", "C901", "C902"
    # CSC background
    csc += [
        Ent(ev(), "1994-11-02", "Mum (Shona PENNYWHISTLE) DOB", seen=("N/A", "unknown")),
        Ent(ev(), "2019-03-08", "Ezra born Brackwater General, term, no concerns at birth", seen=("n/a", "unknown")),
        Ent(ev(), "2017-01-01", "Mum's previous relationship - police callouts re DV (prior to Ezra's birth). NFA by CSC at the time.",
            dtext="2017", prec="year", seen=("N/A", "unknown")),
        Ent(ev(), "2024-07-01", "Referral rec'd from Dunmoor Vale Primary DSL - Ezra repeatedly late collected, unwashed uniform, "
            "complaining of hunger. No marks or injuries reported.", who="DSL, mum", out="Contact & referral - to MASH",
            seen=("No", "no"), alias="MASH"),
        Ent(ev(), "2024-07-04", "Strategy discussion (police, school, health, CSC). Threshold met for s47 - neglect.",
            who="DS Quayle, DSL, SN, SW", out="S47 initiated", seen=("N", "no")),
        Ent(ev(), "2024-08-19", "ICPC held. Ezra made subject to CP plan under category of neglect. Mum attended, engaged.",
            who="IRO Penhallow, mum, agencies", out="CP plan - neglect. Core group within 10 wd", seen=("no", "no")),
        Ent(ev(), "2024-11-18", "RCPC - progress noted, remains on plan.", who="IRO, mum", out="CP plan continues",
            seen=("N", "no")),
        Ent(ev(), "2025-05-12", "RCPC (2nd review). Good progress; plan continues for further 6 months, consider step-down at next review.",
            who="IRO Penhallow, mum, school, GP report", out="CP plan continues", seen=("N", "no")),
        Ent(ev(), "2025-02-03", "Mum asked SW whether family could 'just move away and start again'. Discussed - no plans, "
            "housing application still pending. Family not known to have moved.", seen=("N", "no")),
        Ent(ev(), "2025-04-22", "Mum confirms partner (Dale STROUD, known since 2023) does NOT live at the address and does not stay over. "
            "Checks completed - no concerns.", who="Mum", seen=("N", "no")),
    ]
    cg_dates = ["2024-08-30", "2024-10-10", "2024-11-28", "2025-01-16", "2025-02-27", "2025-04-10", "2025-05-22", "2025-07-03"]
    cg_ids = []
    for i, d in enumerate(cg_dates):
        eid = ev()
        cg_ids.append(eid)
        over = {}
        if d == "2025-05-22":
            over = {1: {"dtext": "TBC", "reject": True, "out": ""}}
        csc.append(Ent(eid, d, "Core group meeting held. Plan reviewed, progress noted.", who="Mum, SW, DSL, SN",
                       out="Actions updated", seen=("N", "no"), over=over))
    # CSC home visits ~ every 3 weeks
    vtexts = ["Statutory visit. Ezra seen in his bedroom, spoke about school & his scooter. Home warm, food in cupboards.",
              "HV by SW - Ezra seen & spoken to alone. Presented well, clean clothes. No injuries seen.",
              "Home visit. Ezra seen, played lego with SW. Mum reports things 'calmer'. No concerns re missing.",
              "SV - Ezra seen with mum. Bedroom tidy, bed made. No marks noted.",
              "CP visit: Ezra seen alone in lounge - said he feels safe at home. No self-harm or worries disclosed."]
    seen_txt = [("Y", "yes"), ("Yes - alone", "yes"), ("yes", "yes"), ("Y (with mum)", "yes"), ("Seen alone", "yes")]
    visits = steps_from("2024-07-08", "2025-07-01", [19, 20, 18, 21], skip=[("2024-12-05", "2024-12-13")])
    visits.append(D("2025-07-16"))
    for i, d in enumerate(visits):
        csc.append(Ent(ev(), d.isoformat(), vtexts[i % 5], who="SW Hollis, Ezra, mum", seen=seen_txt[i % 5]))
    assert visits[-1] == D("2025-07-16"), visits[-1]
    csc.append(Ent(E_NOACC, "2024-12-09", "Unannounced HV - no answer, card left thru door. Mum texted later, at grandma's.",
                   who="SW Hollis", out="Revisit arranged", seen=("N", "no")))
    NOACC_REVISIT = ev()
    csc.append(Ent(NOACC_REVISIT, "2024-12-11", "Revisit following no access 09/12. Ezra seen, excited re Xmas play. No concerns.",
                   who="SW Hollis, Ezra, mum", seen=("Y", "yes")))
    csc.append(Ent(E_DA, "2025-02-10", "PPN rec'd re police attendance 08/02 - verbal argument between mum & ex-partner Lyle TOWNER "
                   "(non-resident). SW call to mum - mum denies DA / physical assault, says Lyle left when asked.",
                   who="SW, mum", out="Safety plan reviewed", seen=("N", "no")))
    # --- School (Name: paragraphs)
    sch += [
        Ent(ev(), "2024-06-27", "Ezra collected 55 mins late for 3rd time this half term. Mum apologetic. Logged on CPOMS.",
            who="Class teacher, mum", out="Monitor", seen=("Y", "yes")),
        Ent(ev(), "2024-07-01", "Referral made to MASH by DSL re neglect concerns (hunger, hygiene, late collection).",
            who="DSL Mrs Arkwright", out="Referral sent", seen=("Y", "yes")),
        Ent(ev(), "2024-09-02", "Start of Y1 - Ezra settled well, uniform clean, breakfast club place offered.",
            dtext="w/c 02/09/24", approx=True, seen=("Y", "yes")),
        Ent(ev(), "2024-10-14", "Ezra fell in playground at lunch, grazed L knee. First aid given, mum informed at pick-up.",
            who="MDS, first aider", out="Accident form", seen=("Y", "yes")),
        Ent(ev(), "2024-11-12", "Mum asked about changing school (closer to gran) - advised to stay, Ezra settled & making progress. Mum agreed.",
            who="DSL, mum", seen=("N/A", "unknown")),
        Ent(ev(), "2025-01-20", "Attendance autumn term 94.1%. No concerns re missing / CME. Ezra collected on time all week.",
            seen=("N/A", "unknown")),
        Ent(E_DA, "2025-02-10", "Op Encompass notification rec'd re police at home Sat night. Ezra settled in class, chatty, "
            "no marks seen, no disclosure.", who="DSL", out="Teacher aware, monitor", seen=("Yes", "yes")),
        Ent(E_AE, "2025-03-12", "Ezra off yesterday - mum rang, was at A&E after falling off his scooter on way to school. Small glued cut "
            "to chin seen, Ezra happy & proud of it.", who="Class teacher", seen=("Y", "yes")),
        Ent(ev(), "2025-03-25", "PE - no marks or bruises seen when changing. Ezra joined lunchtime football club.", seen=("Y", "yes")),
        Ent(ev(), "2025-05-19", "Ezra's attendance spring term 96%. Reading age improving. No concerns.", seen=("Y", "yes")),
        Ent(ev(), "2025-06-16", "Sports day - mum attended, Ezra happy, lunch packed.", who="Mum", seen=("Y", "yes")),
        Ent(ev(), "2025-07-14", "End of year report sent. Transition to Y2 discussed with mum, remains at Dunmoor Vale Primary.",
            who="Mum, class teacher", seen=("Y", "yes")),
    ]
    # --- GP (CSV, utf-8 BOM)
    gp += [
        Ent(ev(), "2024-09-24", "Mum queried previous GP registration - records checked, Ezra registered at Cinderbrook since birth. No change.",
            who="Mum", seen=("N", "no"), alias="Reception"),
        Ent(ev(), "2024-10-02", "URTI. T 38.1, chest clear. Advised fluids & paracetamol; advised to attend A&E if temperature rises "
            "or breathing worsens.", who="Dr Okonjo, mum, Ezra", out="Safety netting given", seen=("Y", "yes")),
        Ent(ev(), "2024-11-06", "Not brought to asthma review with practice nurse. Letter sent to mum, rebooked.",
            who="PN", out="WNB letter", seen=("N", "no")),
        Ent(ev(), "2024-11-20", "Asthma review attended (rebooked). Inhaler technique good. No concerns.", who="PN, mum, Ezra",
            seen=("Y", "yes")),
        Ent(ev(), "2025-01-08", "Mum seen re low mood. No thoughts of self-harm, no self-harm disclosed. Referred talking therapies.",
            who="Dr Okonjo, mum", out="Review 4/52", seen=("N/A", "unknown")),
        Ent(E_AE, "2025-03-14", "ED discharge letter recvd: attended Brackwater General ED 11/03 - chin laceration after scooter fall, "
            "glued. No GP f/u required.", who="Admin", out="Filed, noted", seen=("N", "no")),
        Ent(ev(), "2025-06-03", "Eczema flare, emollients prescribed. Ezra chatty, well kempt.", who="Dr Patel, mum, Ezra",
            seen=("Y", "yes")),
        Ent(ev(), None, "Summary of old records received and coded", dtext="unknown", seen=("", "unknown"), r0=1, reject=True),
    ]
    # --- ED (xlsx, title rows)
    ed += [
        Ent(E_AE, "2025-03-11", "6yo, fell from scooter on pavement en route to school. ~1cm lac to chin, wound cleaned & glued. "
            "Mechanism consistent, mum present & appropriate. CP plan noted on system - liaison informed.",
            time="08:25", xl="datetime", who="Mum, Ezra", out="Discharged, no f/u", seen=("Yes", "yes")),
        Ent(ev(), "2025-07-02", "Liaison records check: no other attendances at Brackwater General ED or Fellbridge UTC in past 12 months "
            "apart from 11/03/25.", xl="date", who="ED liaison nurse", seen=("n/a", "unknown"), r0=3),
    ]
    # --- Police (xlsx)
    pol += [
        Ent(E_DA, "2025-02-08", "Call from neighbour re raised voices. Officers attended. Verbal argument on doorstep between mum & ex-partner "
            "Lyle TOWNER (not resident). No assault disclosed, DASH - standard. Ezra asleep upstairs, seen by officers, no injuries seen.",
            time="23:15", who="PC 4471 Greaves, mum, L TOWNER", out="PPN to CSC, Op Encompass to school", seen=("Y", "yes")),
        Ent(ev(), "2025-04-28", "Lyle TOWNER charged - theft from shop (unrelated, town centre). No link to address.",
            time="14:00", who="L TOWNER", seen=("N/A", "unknown")),
    ]
    # --- Housing (docx heading)
    hou += [
        Ent(ev(), "2024-08-06", "Housing application received from mum - wants 2-bed nearer maternal gran. Assessed Band C.",
            who="Housing Options officer", out="Band C", seen=("N", "no")),
        Ent(ev(), "2024-10-21", "Tenancy visit - property clean & warm, Ezra seen in home playing. Rent account up to date.",
            who="Tenancy officer, mum, Ezra", seen=("Y", "yes")),
        Ent(ev(), "2025-01-27", "Mum bidding on properties - family hoping to move. Application pending.", seen=("N", "no")),
        Ent(ev(), "2025-03-31", "Offer of 2-bed at 3 Sedgefen Close - mum declined (too far from school). Remains at Larkspur Row.",
            who="Mum", out="Offer declined, application remains live", seen=("N", "no")),
        Ent(ev(), "2025-06-24", "Application review: still pending, no change of address. Not known to have moved.",
            seen=("N", "no"), r0=3),
    ]
    head = lambda ag, au: [("Child's name", name), ("DOB", "08/03/2019"), ("Address", addr), ("Agency", ag), ("Completed by", au)]
    agencies = [
        dict(agency="Children's Social Care", format="docx", layout="heading", style="dmy4", entries=csc, blank_after=5,
             fname=lambda r, m: f"{m}/CSC chronology - PENNYWHISTLE - {m}.docx",
             meta=dict(title="MULTI-AGENCY CHRONOLOGY", alias="SW", author="SW K Hollis",
                       heading=head("Dunmoor Vale Children's Services", "Kit Hollis, SW"))),
        dict(agency="School", format="docx", layout="namepara", style="dots2", entries=sch,
             fname=lambda r, m: f"{m}/DVPS chron Ezra P {m}.docx",
             meta=dict(title="Dunmoor Vale Primary School - safeguarding chronology", alias="DSL", author="Mrs J Arkwright (DSL)",
                       heading=[("Name", name), ("D.O.B", "08/03/19"), ("Year group", "Y1"), ("Address", addr)])),
        dict(agency="GP", format="csv", style="dmy4", entries=gp,
             fname=lambda r, m: f"{m}/Cinderbrook_Surgery_EP_{m}.csv",
             meta=dict(encoding="utf-8-sig", alias="GP", headers=["Date", "Entry", "Clinician/role", "Who present", "Action",
                                                                  "Child seen", "Notes"], roles=ROLES7)),
        dict(agency="Emergency Department", format="xlsx", style="dmy4", entries=ed,
             fname=lambda r, m: f"{m}/BGH ED liaison chronology {m}.xlsx",
             meta=dict(alias="ED", sheet="Chronology", titles=["Brackwater General Hospital - ED safeguarding liaison",
                                                               f"Patient: {name}  DOB 08/03/2019", None],
                       headers=["Date/time of attendance", "Presentation / event", "Seen by", "Accompanied by",
                                "Outcome", "Child seen?"], roles=["date", "event", "agency", "who", "outcome", "seen"])),
        dict(agency="Police", format="xlsx", style="dmy2", time_in_text=True, entries=pol,
             fname=lambda r, m: f"{m}/Police_PENNYWHISTLE_{m}.xlsx",
             meta=dict(alias="Police", sheet="Sheet1", titles=[],
                       headers=["Date", "Circumstances", "Officer/source", "Persons involved", "Action taken", "Child seen"],
                       roles=["date", "event", "agency", "who", "outcome", "seen"])),
        dict(agency="Housing", format="docx", layout="heading", style="dmonY", entries=hou,
             fname=lambda r, m: f"{m}/Housing chronology EP {m}.docx",
             meta=dict(title="Chronology of significant events", alias="Housing Options", author="R Pike",
                       heading=head("Dunmoor Vale Homes", "R Pike, Tenancy Sustainment"))),
    ]

    def covering(path):
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("Hi Kit,\r\n\r\nPlease find attached our updated chronology for Ezra ahead of core group on 22nd.\r\n"
                     "Apologies it is a bit late, we have had staff off.\r\n\r\nKind regards\r\nJanet (DSL)\r\n")
    return dict(id="case_C", child={"name": name, "first_name": "Ezra", "surname": "PENNYWHISTLE", "dob": dob,
                                    "address": addr, "sex": "m"},
                rounds=rounds, agencies=agencies, control=True, planted_flags=[], expect_gaps=0,
                refused=[dict(file="2025-06/covering note - school.txt", make=covering, reason="not_chronology",
                              detail="covering e-mail text")],
                hard_negatives=[{"events": [cg_ids[0], cg_ids[1], cg_ids[2]], "why": "identical wording on different dates"},
                                {"events": [E_NOACC, NOACC_REVISIT], "why": "no-access visit and revisit two days later"}],
                must_not_fire=["AE_REPEAT", "AE_MULTIPLE_SITES", "WAS_NOT_BROUGHT", "NO_ACCESS", "CHILD_NOT_SEEN",
                               "DOMESTIC_ABUSE_REPEAT", "HOUSE_MOVES", "SCHOOL_CHANGE", "GP_CHANGE", "HOUSEHOLD_CHANGE",
                               "MISSING_EPISODE", "SELF_HARM", "INJURY_NON_MOBILE"],
                ambiguous=[])


# =========================================================================== CASE D (messy)
def case_d():
    name, dob = "Willow BRAMBLECOTE", "2024-04-02"
    a1 = "22 Thistledown Walk, Ashcombe, QX9 2RB"
    a2 = "Room 4, Harbour View Guest House, 9 Quay Lane, Ashcombe"
    a3 = "Flat 6 Kestrel Court, Ashcombe, QX9 5LL"
    rounds = [("2024-12", "2024-12-13"), ("2025-01", "2025-01-17"), ("2025-02", "2025-02-14"), ("2025-03", "2025-03-14")]
    addr_at = lambda r: a1 if r == 1 and False else (a2 if r <= 3 else a3)
    n = [0]

    def ev():
        n[0] += 1
        return f"D{n[0]:03d}"
    AE1, AE2, AE3 = "D901", "D902", "D903"
    W1, W2, W3 = "D911", "D912", "D913"
    MV1, MV2 = "D921", "D922"
    DA, NOACC, PHONE = "D931", "D932", "D933"
    csc, hv, gp, ed, pol, hou, prob = [], [], [], [], [], [], []
    # ---- CSC (Name: paras, split over 3 tables)
    csc += [
        Ent(ev(), "2018-01-01", "3 x DA callouts at previous address involving mum & Kayden's father. NFA.", dtext="2018",
            prec="year", seen=("", "unknown")),
        Ent(ev(), "2024-02-12", "Pre-birth referral from probation (father Connor FAIRLOW on community order). Pre-birth assessment "
            "started.", who="SW Dunnock", seen=("N/A", "unknown")),
        Ent(ev(), "2024-04-02", "Baby Willow born Ashcombe General, 38+2, SVD. Mum & baby home day 2.", seen=("N/A", "unknown")),
        Ent(ev(), "2024-10-07", "ICPC - Willow, Kayden & Rosie subject to CP plans, neglect. Housing instability noted.",
            who="IRO Tamsin Weald, mum, dad", out="CP plan", seen=("N", "no")),
        Ent(MV1, "2024-11-08", "Family evicted from Thistledown Walk (s21). Placed in B&B Harbour View Guest House, 1 room.",
            who="Mum, Housing", out="SW to visit B&B", seen=("N", "no")),
        Ent(ev(), "2024-11-13", "Kayden continues at Oakmere Primary - mum taking him by bus from B&B. No change of school planned.",
            seen=("No - at nursery", "no")),
        Ent(DA, "2024-12-21", "PPN - DA incident at B&B last night, Connor pushed mum in corridor, arrested. Children present in room.",
            who="SW, mum", out="Strategy discussion", seen=("N", "no")),
        Ent(NOACC, "2025-01-22", "Unannounced visit to B&B - no answer at room, reception said family out for the day.",
            who="SW Dunnock", out="Letter left", seen=("N", "no")),
        Ent(PHONE, "2025-01-27", "Tel call to mum - no answer, VM left.", seen=("", "unknown")),
        Ent(MV2, "2025-02-10", "Family moved into Flat 6 Kestrel Court (council tenancy). Keys collected.", who="Mum",
            seen=("N/K", "unknown")),
        Ent(ev(), "2025-02-01", "Mum reports Connor 'staying over some nights' at B&B - SW to clarify.", dtext="early Feb 2025",
            prec="month", approx=True, seen=("", "unknown"), r0=4),
        Ent(ev(), "2025-03-05", "Mum says Connor staying at the flat most nights. Probation informed.", seen=("N", "no")),
        Ent(ev(), None, "Legal planning meeting - date to be confirmed", dtext="??/02/25", reject=True, r0=3),
    ]
    # ---- planned seen schedule (HV/CSC/GP), with planted gap 2025-01-08 -> 2025-02-17
    sched = steps_from("2024-04-15", "2024-12-24", [19, 21, 20, 18]) + [D("2025-01-08"), D("2025-02-17"), D("2025-03-03"), D("2025-03-13")]
    assert D("2025-01-08") in sched, sched[-6:]
    seen_cells = [("Y", "yes"), ("Yes (alone)", "yes"), ("seen with Dad", "yes"), ("Y - with mum", "yes"), ("y", "yes")]
    for i, d in enumerate(sched):
        if d > D("2025-01-08") and d < D("2025-02-17"):
            continue
        tgt = [hv, csc, hv, csc][i % 4]
        if tgt is hv:
            txt = ["HV contact - Willow seen, weight on 50th centile, feeding well.", "Home visit. Baby handled, alert, responsive, "
                   "skin clear - no marks.", "HV: Willow seen, babbling, sitting unsupported. Mum tired but coping.",
                   "Contact at home - Willow seen, clean, appropriately dressed. Discussed safe sleep."][(i // 4) % 4]
            tgt.append(Ent(ev(), d.isoformat(), txt, who="HV Linnet", seen=seen_cells[i % 5]))
        else:
            txt = ["Statutory visit - Willow seen in cot, Kayden & Rosie seen. Home conditions poor but improving.",
                   "SV: baby seen and held by SW. Mum engaged.", "Visit - children seen. Food in fridge, nappies available.",
                   "CP visit, Willow seen with mum & Dad present."][(i // 4) % 4]
            tgt.append(Ent(ev(), d.isoformat(), txt, who="SW Dunnock", seen=seen_cells[(i + 2) % 5]))
    # ---- HV (CSV cp1252)
    hv += [
        Ent(ev(), "2024-04-14", "New birth visit - Willow seen, feeding well. Mum says she has only £20 left after rent \u2013 "
            "signposted to food bank. \u201cWe\u2019re managing\u201d.", who="HV Linnet, mum", seen=("Y", "yes")),
        Ent(W3, "2025-01-29", "Not brought to 9-12 mth developmental review at Ashcombe Family Hub. Mum didn\u2019t answer phone.",
            who="HV Linnet", out="Rebook + inform SW", seen=("N", "no")),
        Ent(ev(), "2025-02-12", "Approx date - mum said at clinic that Willow had a cold a couple of wks ago, managed at home.",
            dtext="approx 12/02/25", approx=True, seen=("N", "no"), r0=4),
        Ent(MV1, "2024-11-11", "Informed family evicted & moved to B&B Harbour View on 08/11 \u2013 cot needed.",
            who="HV", out="Cot referral", seen=("N", "no")),
        Ent(ev(), None, "Mum phoned re weaning advice", dtext="30/02/25", r0=4, reject=True),
    ]
    # ---- GP (xlsx cover + chronology + notes)
    gp += [
        Ent(ev(), "2024-05-20", "6-8 wk baby check - NAD. Hips normal, skin clear.", xl="date", who="Dr Ravensworth",
            seen=("Y", "yes"), extra={"ref": "EM1041", "cat": "Child health", "worker": "GP", "nhs": "999 402 6118"}),
        Ent(W1, "2024-10-15", "Audiology letter: DNA hearing follow-up clinic (Ashcombe Gen). 2nd appt offered.", xl="date",
            seen=("N", "no"), extra={"ref": "EM1180", "cat": "WNB", "worker": "Admin", "nhs": "999 402 6118"}),
        Ent(AE2, "2024-11-25", "Letter from Fernley Walk-in Centre: Willow seen 23/11 with D&V, mildly dehydrated, fluids "
            "challenge passed, discharged.", xl="date", seen=("N", "no"),
            extra={"ref": "EM1203", "cat": "Correspondence", "worker": "Admin", "nhs": "999 402 6118"}),
        Ent(W2, "2024-12-04", "Catch-up imms appt cancelled by mum on the day - said no bus fare from B&B.",
            xl="date", seen=("N", "no"), extra={"ref": "EM1219", "cat": "Cancelled", "worker": "PN", "nhs": "999 402 6118"}),
        Ent(ev(), "2024-12-16", "Family remain registered at Brackenfold Surgery despite move to B&B - advised can stay registered.",
            xl="date", seen=("N/A", "unknown"), extra={"ref": "EM1230", "cat": "Admin", "worker": "Practice manager"}),
        Ent(AE3, "2025-02-25", "ED discharge summary: attended Ashcombe General 22/02 - pyrexia, non-blanching rash ruled out.",
            xl="date", seen=("N", "no"), r0=4, extra={"ref": "EM1302", "cat": "Correspondence", "worker": "Admin"}),
    ]
    # ---- ED (docx heading + two period tables)
    ed += [
        Ent(AE1, "2024-09-14", "5/12 old, brought by mum with cough & increased WOB. Bronchiolitis, sats 95%. Full skin check - no marks "
            "or bruising. Obs period then home.", time="19:40", who="Mum, Willow", out="Discharged, GP letter",
            seen=("Y", "yes")),
        Ent(AE3, "2025-02-22", "10/12 old, brought by mum & dad - fever 39.2 & rash. Rash blanching, viral illness. Safety netting.",
            time="02:15", who="Mum, dad, Willow", out="Discharged", seen=("Y", "yes"), r0=4),
        Ent(ev(), "2024-09-15", "Liaison HV notified of attendance 14/09 via paed liaison form.", time="10:00", seen=("N/A", "unknown")),
    ]
    # ---- Police (xlsx, title rows, datetime cells)
    pol += [
        Ent(DA, "2024-12-20", "Report from B&B manager of disturbance. Connor FAIRLOW pushed Jade BRAMBLECOTE against wall in "
            "corridor. 3 children present in room - Willow seen asleep, no injuries. Connor arrested common assault.", time="21:50",
            xl="datetime", who="PC 2291 Ashby, Jade, Connor", out="DASH medium, PPN", seen=("Y", "yes")),
        Ent(ev(), "2025-01-10", "Connor FAIRLOW charged common assault, bailed - not to contact Jade.", time="16:30",
            xl="datetime", seen=("N/K", "unknown")),
    ]
    # ---- Housing (docx heading, long dates)
    hou += [
        Ent(ev(), "2024-09-03", "s21 notice served on tenant by private landlord, expiry 04/11/24. Homeless application opened.",
            who="Housing Options", out="Prevention duty", seen=("N", "no")),
        Ent(MV1, "2024-11-08", "Bailiffs attended - family evicted. Placed in emergency TA, Harbour View Guest House (B&B).",
            who="Housing Options, mum", out="Relief duty", seen=("N", "no")),
        Ent(ev(), "2025-01-14", "Offer of council flat made - Flat 6 Kestrel Court. Mum accepted.", seen=("N", "no")),
        Ent(MV2, "2025-02-10", "Tenancy sign-up & keys - family moved into Flat 6 Kestrel Court.", who="Mum",
            out="TA ended", seen=("N", "no"), r0=3),
        Ent(ev(), "2025-03-03", "Settling-in visit at Kestrel Court. Kids seen, flat sparse - furniture grant requested.",
            dtext="03.03.2025", who="Housing officer", seen=("Y", "yes"), r0=4),
    ]
    # ---- Probation (docx Name: paras)
    prob += [
        Ent(ev(), "2024-03-18", "Connor FAIRLOW sentenced - 18 month Community Order, RAR + Building Better Relationships.",
            who="PO Sedge", seen=("N/A", "unknown")),
        Ent(ev(), "2024-09-01", "Connor started BBR programme.", dtext="Sept 24", prec="month", seen=("N/A", "unknown")),
        Ent(ev(), "2024-11-19", "Connor failed to attend supervision appt - warning letter issued.", who="PO Sedge",
            seen=("N/A", "unknown")),
        Ent(DA, "2024-12-23", "Police notified arrest 20/12 for common assault on partner Jade. Breach considered.",
            who="PO Sedge", out="Risk review", seen=("N/A", "unknown")),
    ]
    hou_style = "long"

    head = lambda ag, au: [("Name", name), ("DOB", "02/04/2024"), ("Address", addr_at), ("Agency", ag), ("Author", au)]
    mon = {1: "Dec 2024", 2: "Jan 2025", 3: "Feb 2025", 4: "Mar 2025"}
    agencies = [
        dict(agency="Children's Social Care", format="docx", layout="split3", style="short", entries=csc,
             fname=lambda r, m: f"{mon[r]}/CSC chron W Bramblecote {m}.docx",
             meta=dict(title="Chronology", alias="SW", author="SW Dunnock",
                       heading=[("Name", name), ("DOB", "2/4/24"), ("Address", addr_at), ("Siblings", "Kayden (5), Rosie (3)")])),
        dict(agency="Health Visiting", format="csv", style="dots4", entries=hv,
             fname=lambda r, m: f"{mon[r]}/HV_chronology_BRAMBLECOTE_{m}.csv",
             meta=dict(encoding="cp1252", alias="HV", headers=["Date", "Event", "By", "Who present", "Outcome", "Child seen",
                                                               "Comments"], roles=ROLES7)),
        dict(agency="GP", format="xlsx", style="dmy4", entries=gp,
             fname=lambda r, m: f"{mon[r]}/Brackenfold Surgery chronology {m}.xlsx",
             meta=dict(alias="GP", sheet="Chronology", sheets=["cover", "chron", "notes"],
                       cover=["Brackenfold Surgery", "Safeguarding chronology - CONFIDENTIAL", f"Patient: {name}",
                              "DOB: 02/04/2024", "Prepared by: practice safeguarding lead"],
                       notes=["Notes", "Extracted from clinical system; free text abbreviated.", "WNB = was not brought"],
                       titles=[f"Chronology: {name}", None],
                       headers=["Ref", "Category", "Date", "Worker", "NHS number", "Details", "Child seen Y/N", "Outcome",
                                "Who"], roles=["ref", "cat", "date", "worker", "nhs", "event", "seen", "outcome", "who"])),
        dict(agency="Emergency Department", format="docx", layout="twoperiods", style="dmy4", time_in_text=True, entries=ed,
             fname=lambda r, m: f"{mon[r]}/AGH_ED_{m}.docx",
             meta=dict(title="Ashcombe General Hospital - Emergency Dept safeguarding chronology", alias="ED",
                       author="ED liaison nurse", heading=head("Ashcombe General ED", "L Crake, ED liaison"),
                       split=D("2025-01-01"), p1="Period 1: 02/04/2024 - 31/12/2024", p2="Period 2: 01/01/2025 onwards")),
        dict(agency="Police", format="xlsx", style="dmy4", entries=pol,
             fname=lambda r, m: f"{mon[r]}/Police_{m}.xlsx",
             meta=dict(alias="Police", sheet="Sheet1", titles=["Ashcombe Constabulary - chronology", "Subject: Willow BRAMBLECOTE",
                                                              None],
                       headers=["Date/Time", "Event", "Officer", "Involved", "Action", "Child seen"],
                       roles=["date", "event", "agency", "who", "outcome", "seen"])),
        dict(agency="Housing", format="docx", layout="heading", style=hou_style, entries=hou,
             fname=lambda r, m: f"{mon[r]}/Housing Options chronology {m}.docx",
             meta=dict(title="Housing chronology", alias="Housing Options", author="M Teal",
                       heading=head("Ashcombe Council Housing Options", "M Teal"))),
        dict(agency="Probation", format="docx", layout="namepara", style="dmy2", entries=prob,
             fname=lambda r, m: f"{mon[r]}/Probation_chron_{m}.docx",
             meta=dict(title="Probation Service - chronology for child protection", alias="PS",
                       author="PO Sedge",
                       heading=[("Name", name), ("DOB", "02/04/2024"), ("Relationship", "Daughter of Connor FAIRLOW")])),
    ]

    def sibling(path):
        doc = Document()
        doc.add_paragraph("MULTI-AGENCY CHRONOLOGY")
        t = doc.add_table(rows=0, cols=2)
        for k, v in [("Name", "Kayden BRAMBLECOTE"), ("DOB", "27/10/2019"), ("Address", a2), ("Agency", "Oakmere Primary")]:
            c = t.add_row().cells
            c[0].text, c[1].text = k, v
        t2 = doc.add_table(rows=1, cols=7)
        for i, h in enumerate(HDR7):
            t2.rows[0].cells[i].text = h
        for r in [("12/11/24", "Kayden tired in class, living in B&B, bus journey 50 mins", "DSL", "", "Monitor", "Y", ""),
                  ("21/01/25", "Kayden late x3 this week", "DSL", "", "Mum spoken to", "Y", "")]:
            c = t2.add_row().cells
            for i, v in enumerate(r):
                c[i].text = v
        doc.save(path)
    return dict(id="case_D", child={"name": name, "first_name": "Willow", "surname": "BRAMBLECOTE", "dob": dob,
                                    "address": a3, "sex": "f"},
                rounds=rounds, agencies=agencies, control=False, expect_gaps=1,
                planted_flags=[("AE_REPEAT", [AE1, AE2, AE3]), ("AE_MULTIPLE_SITES", [AE1, AE2, AE3]),
                               ("WAS_NOT_BROUGHT", [W1, W2, W3]), ("HOUSE_MOVES", [MV1, MV2])],
                refused=[dict(file="Feb 2025/Oakmere chron BRAMBLECOTE Feb25.docx", make=sibling, reason="different_child",
                              detail="sibling Kayden's school chronology misfiled")],
                hard_negatives=[{"events": [AE1, AE3], "why": "same hospital, similar wording, different dates"},
                                {"events": [NOACC, PHONE], "why": "no-access visit vs phone call not answered"}],
                must_not_fire=["MISSING_EPISODE", "SELF_HARM", "SCHOOL_CHANGE", "GP_CHANGE", "DOMESTIC_ABUSE_REPEAT",
                               "INJURY_NON_MOBILE", "NO_ACCESS"],
                ambiguous=["HOUSEHOLD_CHANGE"])


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "/tmp/holdout3"
    os.makedirs(root, exist_ok=True)
    for mk in (case_c, case_d):
        T = build_case(root, mk())
        print(T["case_id"], T["stats"], "flags:", [(f["rule"], f["start"], f["end"]) for f in T["expected_flags"]])


if __name__ == "__main__":
    main()
