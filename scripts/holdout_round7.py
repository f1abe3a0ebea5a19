#!/usr/bin/env python3
"""Hold-out round 7: one independently written case (case_I, 2-year-old, 5 agencies, 2 rounds).
Usage: holdout_round7.py [DIR]   (default /tmp/holdout7). Deterministic."""
import csv, json, os, shutil, sys
from docx import Document
from openpyxl import Workbook
import datetime as dt

CASE = "case_I"
CHILD = {"name": "Alfie DRUMMOND", "first_name": "Alfie", "surname": "DRUMMOND", "dob": "2023-06-14",
         "address": "Flat 7, Orchard Court, Wyebridge, WY4 6PL", "sex": "m"}
CSC, POL, HV, GP, HOU = "Children's Social Care", "Police", "Health Visiting", "GP", "Housing"

# (event, agency, rounds, date, precision, approx, time, seen, cells_r1, cells_r2)
# cells are per-agency column lists; None for r1 = not in round 1.
D = lambda s: {"date": s}
R = []
def add(ev, ag, date, prec, seen, r1, r2, approx=False, time=None, rdate1="same"):
    R.append(dict(ev=ev, ag=ag, date=date, prec=prec, seen=seen, r1=r1, r2=r2, approx=approx, time=time))

# ---- CSC  (Date | Significant event | Professional/Agency | Outcome | Child seen?)
add("E01", CSC, "2023-06-14", "day", "unknown",
    ["14/06/2023", "Alfie born @ Wyebridge Gen, term, no concerns at birth", "CSC (from health records)", "", "n/a"],
    ["14/06/2023", "Alfie born @ Wyebridge Gen, term, no concerns at birth", "CSC (from health records)", "", "n/a"])
add("E02", CSC, "2024-01-01", "year", "unknown",
    ["2024", "Previous CIN plan - DA between mum (Shannon) and ex-partner Kyle BRENNAN. Closed when Kyle left", "SW team 3", "CIN closed", "n/a"],
    ["2024", "Previous CIN plan - DA between mum (Shannon) and ex-partner Kyle BRENNAN. Closed when Kyle left", "SW team 3", "CIN closed", "n/a"])
add("E04", CSC, "2025-04-14", "day", "no",
    ["14/04/25", "Housing officer rang - family evicted from Harrow Cl today, now in emergency B&B (Carlton Lodge)", "SW L. Okafor", "Note on file", "No"],
    ["14/04/25", "Housing officer rang - family evicted from Harrow Cl today, now in emergency B&B (Carlton Lodge)", "SW L. Okafor", "Note on file", "No"])
add("E06", CSC, "2025-05-04", "day", "unknown",
    ["04/05/25", "PPN recvd from police re DA incident at B&B last night, Alfie in room. Kyle B. arrested", "MASH", "Strat disc not needed - allocate for visit", "n/a"],
    ["4th May 2025", "PPN recvd from police re DA incident at B&B last night, Alfie in room. Kyle B. arrested", "MASH", "Strat disc not needed - allocate for visit", "n/a"])
add("E07", CSC, "2025-05-06", "day", "yes",
    ["06/05/25", "Visit to B&B following PPN. Alfie seen in room, clean, appropriately dressed. Mum tearful", "SW L. Okafor", "Safety plan started", "Yes"],
    ["06/05/25", "Visit to B&B following PPN. Alfie seen in room, clean, appropriately dressed. Mum tearful", "SW L. Okafor", "Safety plan agreed w/ mum", "Yes"])
add("E37", CSC, "2025-05-22", "day", "unknown",
    ["22/05/25", "ICPC - Alfie made subject of CP plan (neglect & emotional harm)", "IRO / core group", "CP plan", "n/a"],
    ["22/05/25", "ICPC - Alfie made subject of CP plan (neglect & emotional harm)", "IRO / core group", "CP plan", "n/a"])
add("E10", CSC, "2025-06-03", "day", "yes",
    ["03/06/25", "Home visit. Alfie seen, playing w/ toys, no concerns noted", "SW L. Okafor", "", "Yes"],
    ["03/06/25", "Home visit. Alfie seen, playing w/ toys, no concerns noted", "SW L. Okafor", "", "Yes"])
add("E11", CSC, "2025-06-10", "day", "yes",
    ["10/06/25", "Home visit. Alfie seen, playing w/ toys, no concerns noted", "SW L. Okafor", "", "Yes"],
    ["10/06/25", "Home visit. Alfie seen, playing w/ toys, no concerns noted", "SW L. Okafor", "", "Yes"])
add("E14", CSC, "2025-07-08", "day", "no",
    ["08/07/25 @ 10am", "Planned CP visit - NA. No answer at door, curtains shut. Card left", "SW L. Okafor", "Text sent to mum", "No"],
    ["08/07/25 @ 10am", "Planned CP visit - no access. No answer at door, curtains shut. Card left", "SW L. Okafor", "Text sent to mum, no reply", "No"],
    time="10:00")
add("E21", CSC, "2025-08-07", "day", "yes",
    ["07/08/25", "HV to new flat. Alfie seen + bedroom seen - cot up, v. little furniture. Referred for furniture grant", "SW L. Okafor", "", "Yes - seen"],
    ["07/08/25", "HV to new flat. Alfie seen + bedroom seen - cot up, v. little furniture. Referred for furniture grant", "SW L. Okafor", "", "Yes - seen"])
add("E23", CSC, "2025-08-14", "day", "unknown",
    ["14/08/25", "2yr funded nursery place agreed at Little Acorns, to start Sept", "SW L. Okafor", "", "n/a"],
    ["14/08/25", "2yr funded nursery place agreed at Little Acorns, to start Sept", "SW L. Okafor", "", "n/a"])
add("E24", CSC, "2025-09-03", "day", "unknown", None,
    ["03/09/25", "PPN rec'd - police called to home addr o/n, DA, Kyle arrested. Alfie in cot, not hurt", "MASH", "Strat discussion held", "n/a"])
add("E25", CSC, "2025-09-04", "day", "yes", None,
    ["04/09/25", "Joint visit w/ HV. Alfie seen & observed w/ mum, warm interaction", "SW L. Okafor", "Safety plan updated", "Yes"])
add("E28", CSC, "2025-09-11", "day", "unknown", None,
    ["11/09/25", "Mum says Kyle won't be coming back to the flat. Her friend Jade staying a few nights for support", "SW L. Okafor", "Checks on Jade requested", "n/a"])

# ---- Police (Date/Time | Incident / occurrence | Officer | Action taken | Child present)
add("E30", POL, "2024-11-18", "day", "unknown",
    ["w/c 18/11/24", "Intel - Kyle Brenan linked to DA w/ previous partner (Leeds)", "DS Khan", "Intel logged", ""],
    ["w/c 18/11/24", "Intel - Kyle BRENNAN linked to DA w/ previous partner (Leeds)", "DS Khan", "Intel logged", ""], approx=True)
add("E06", POL, "2025-05-03", "day", "yes",
    ["03/05/25 23:40", "Call from B&B manager - shouting in rm 4. Shannon DRUMMOND states ex-partner Kyle Brenan pushed her into wall. Child (Alfie) asleep in same room", "PC 2291 Hewitt", "Kyle arrested. DASH - medium. PPN submitted", "Y - seen by officers"],
    ["03/05/25 23:40", "Call from B&B manager - shouting in rm 4. Shannon DRUMMOND states ex-partner Kyle BRENNAN pushed her into wall. Child (Alfie) asleep in same room", "PC 2291 Hewitt", "Kyle arrested. DASH - medium. PPN submitted", "Y - seen by officers"],
    time="23:40")
add("E33", POL, "2025-05-05", "day", "unknown",
    ["05/05/25", "Kyle released on bail - conds not to contact Shannon or attend Carlton Lodge", "PC 2291 Hewitt", "", ""],
    ["05/05/25", "Kyle released on bail - conds not to contact Shannon or attend Carlton Lodge", "PC 2291 Hewitt", "", ""])
add("E24", POL, "2025-09-02", "day", "yes", None,
    ["02/09/25 23:50", "Neighbour reports screaming/banging at 7 Orchard Ct. Shannon assaulted by Kyle BRENNAN (breach of bail). Alfie awake in cot, unhurt", "PC 3310 Marsh", "Kyle arrested. DASH high - MARAC ref. PPN", "Yes"],
    time="23:50")
add("E34", POL, "2025-09-05", "day", "unknown", None,
    ["05/09/25", "Kyle charged with ABH, remanded in custody", "DS Khan", "", ""])

# ---- Health Visiting (xlsx: Date | Contact type | Details | Seen Y/N | HV)
add("E05", HV, "2025-04-22", "day", "yes",
    [D("2025-04-22"), "Home visit", "HV at B&B. Alfie seen, one room, travel cot, cramped. Mum low", "Y", "HV J. Pryce"],
    [D("2025-04-22"), "Home visit", "HV at B&B. Alfie seen, one room, travel cot, cramped. Mum low", "Y", "HV J. Pryce"])
add("E09", HV, "2025-05-28", "day", "yes",
    [D("2025-05-28"), "Clinic", "Weighed at clinic - 12.1kg, 50th centile", "Y", "CN T. Akers"],
    [D("2025-05-28"), "Clinic", "Weighed at clinic - 12.1kg, 50th centile", "Y", "CN T. Akers"])
add("E12", HV, "2025-06-13", "day", "unknown",
    [D("2025-06-13"), "Notification", "ED notification rec'd - Alfie attended WGH 12/06 viral wheeze, d/c home", "N/A", "HV J. Pryce"],
    [D("2025-06-13"), "Notification", "ED notification rec'd - Alfie attended WGH 12/06 viral wheeze, d/c home", "N/A", "HV J. Pryce"])
add("E08", HV, "2025-06-17", "day", "no",
    [D("2025-06-17"), "2-2.5yr review", "Was not brought for 2 yr review at Wyebridge clinic", "N", "HV J. Pryce"],
    [D("2025-06-17"), "2-2.5yr review", "Was not brought for 2 yr review at Wyebridge clinic", "N", "HV J. Pryce, rebooked + SW informed"])
add("E13", HV, "2025-07-01", "day", "yes",
    [D("2025-07-01"), "Home visit", "Alfie seen. Small bruise L forehead ~1cm, mum says fell climbing off sofa. Alfie walking & running well - explanation consistent", "Y", "HV J. Pryce"],
    [D("2025-07-01"), "Home visit", "Alfie seen. Small bruise L forehead ~1cm, mum says fell climbing off sofa. Alfie walking & running well - explanation consistent", "Y", "HV J. Pryce"])
add("E15", HV, "2025-07-11", "day", "no",
    [D("2025-07-11"), "Home visit", "Pre-arranged visit - no access, mum not in. B&B reception said family out for day", "N", "HV J. Pryce"],
    [D("2025-07-11"), "Home visit", "Pre-arranged visit - no access, mum not in. B&B reception said family out for day", "N", "HV J. Pryce"])
add("E19", HV, "2025-07-29", "day", "unknown",
    ["TBC", "Referral", "Referral to SALT - limited words for age", "N/A", "HV J. Pryce"],
    [D("2025-07-29"), "Referral", "Referral to SALT - limited words for age", "N/A", "HV J. Pryce"])
add("E36", HV, "2025-08-14", "day", "no",
    [D("2025-08-14"), "Telephone", "Tel call to mum re sleep - advice given", "N", "HV J. Pryce"],
    [D("2025-08-14"), "Telephone", "Tel call to mum re sleep - advice given", "N", "HV J. Pryce"])
add("E26", HV, "2025-09-09", "day", "yes", None,
    [D("2025-09-09"), "2-2.5yr review", "2yr review done at home (rebooked). ASQ - communication below cut-off, others ok", "Y", "HV J. Pryce"])

# ---- GP (csv: Date,Consultation / event,Clinician,Child seen,Outcome)
add("E35", GP, "2025-02-01", "month", "yes",
    ["Feb 2025", "Imms - MMR/Hib/MenC booster given", "PN Dale", "Seen", ""],
    ["Feb 2025", "Imms - MMR/Hib/MenC booster given", "PN Dale", "Seen", ""])
add("E12", GP, "2025-06-12", "day", "unknown",
    ["12/06/25", "ED letter - attended Wyebridge Gen ED with wheeze, nebs given, d/c", "Admin", "N/A", "PN review booked"],
    ["12.06.25", "ED letter - attended Wyebridge Gen ED with wheeze, nebs given, d/c", "Admin", "N/A", "PN review booked"])
add("E16", GP, "2025-07-22", "day", "no",
    ["22/07/25", "WNB - wheeze review w/ practice nurse", "PN Dale", "No", "Letter to mum, HV informed"],
    ["22.07.25", "WNB - wheeze review w/ practice nurse", "PN Dale", "No", "Letter to mum, HV informed"])
add("E18", GP, "2025-07-29", "day", "unknown",
    ["29/07/25", "Mum (Shannon) seen - low mood, started sertraline 50mg. Denies any thoughts of self harm", "Dr Farooq", "N/A", "r/v 4/52"],
    ["29/07/25", "Mum (Shannon) seen - low mood, started sertraline 50mg. Denies any thoughts of self harm", "Dr Farooq", "N/A", "r/v 4/52"])
add("E22", GP, "2025-08-12", "day", "unknown",
    ["12/08/25", "Address updated on record. Family staying registered with Hollins Lane Surgery (practice agreed to keep)", "Admin", "N/A", ""],
    ["12/08/25", "Address updated on record. Family staying registered with Hollins Lane Surgery (practice agreed to keep)", "Admin", "N/A", ""])
add("E29", GP, "2025-09-15", "day", "yes", None,
    ["15th Sept 2025", "Alfie seen w/ mum - L otitis media, amoxicillin", "Dr Farooq", "Seen", ""])

# ---- Housing (xlsx: Ref | Date | Event | Officer)
add("E03", HOU, "2025-03-01", "month", "unknown",
    ["HO-1", "March 2025", "s21 notice served by landlord on 22 Harrow Close", "K. Booth"],
    ["HO-1", "March 2025", "s21 notice served by landlord on 22 Harrow Close", "K. Booth"])
add("E04", HOU, "2025-04-14", "day", "unknown",
    ["HO-2", "14/04/2025", "Family evicted, placed in emergency B&B - Carlton Lodge rm 4", "K. Booth"],
    ["HO-2", "14/04/2025", "Family evicted, placed in emergency B&B - Carlton Lodge rm 4", "K. Booth"])
add("E17", HOU, "2025-07-24", "day", "unknown",
    ["HO-3", "24/07/2025", "Mum viewed 2-bed flat at 7 Orchard Ct - accepted offer", "K. Booth"],
    ["HO-3", "24/07/2025", "Mum viewed 2-bed flat at 7 Orchard Ct - accepted offer", "K. Booth"])
add("E20", HOU, "2025-08-04", "day", "unknown",
    ["HO-4", "04/08/2025", "Keys collected for 2-bed flat, moved in. B&B placement ended", "K. Booth"],
    ["HO-4", "04/08/2025", "Keys collected for 2-bed flat, moved in. B&B placement ended", "K. Booth"])
add("E27", HOU, "2025-09-10", "day", "unknown", None,
    ["HO-5", "10/09/2025", "Sanctuary scheme ref following DA - locks changed at Orchard Ct", "K. Booth"])

HDR = {CSC: ["Date", "Significant event", "Professional/Agency", "Outcome", "Child seen?"],
       POL: ["Date/Time", "Incident / occurrence", "Officer", "Action taken", "Child present / seen"],
       HV: ["Date", "Contact type", "Details", "Seen Y/N", "HV / CN"],
       GP: ["Date", "Consultation / event", "Clinician", "Child seen", "Outcome"],
       HOU: ["Ref", "Date", "Event", "Officer"]}
COLS = {CSC: ["date", "event", "agency", "outcome", "seen"], POL: ["date", "event", "who", "outcome", "seen"],
        HV: ["date", "type", "event", "seen", "who"], GP: ["date", "event", "who", "seen", "outcome"],
        HOU: ["ref", "date", "event", "who"]}
FILES = [  # (path, agency, round, fmt, kind)
    ("CSC chronology - A Drummond - Aug25.docx", CSC, 1, "docx", "heading"),
    ("Police chron - Alfie DRUMMOND - Aug 2025.docx", POL, 1, "docx", "namepara"),
    ("HV chronology Alfie D Aug25.xlsx", HV, 1, "xlsx", "hv"),
    ("GP chronology - AD - Aug25.csv", GP, 1, "csv", "utf8"),
    ("Housing chronology Aug25.xlsx", HOU, 1, "xlsx", "hou"),
    ("Sept 25/CSC chronology - A Drummond - Sep25.docx", CSC, 2, "docx", "heading"),
    ("Sept 25/Police chron - Alfie DRUMMOND - Sept 2025.docx", POL, 2, "docx", "namepara"),
    ("Sept 25/HV chronology Alfie D Sep25.xlsx", HV, 2, "xlsx", "hv"),
    ("Sept 25/GP chronology - AD - Sep25.csv", GP, 2, "csv", "bom"),
    ("Sept 25/Housing chronology Sep25.xlsx", HOU, 2, "xlsx", "hou"),
]
REFUSED = "Sept 25/Housing chronology Sep25 - Copy.docx"
ROUNDS = [{"round": 1, "month": "2025-08", "cutoff": "2025-08-20"}, {"round": 2, "month": "2025-09", "cutoff": "2025-09-18"}]

def cell_text(c):
    return c if isinstance(c, str) else dt.date.fromisoformat(c["date"]).strftime("%d/%m/%Y")

def build(out):
    cdir = os.path.join(out, CASE)
    if os.path.exists(cdir):
        shutil.rmtree(cdir)
    os.makedirs(os.path.join(cdir, "Sept 25"))
    rows, files = [], []
    for path, ag, rnd, fmt, kind in FILES:
        ents = [e for e in R if e["ag"] == ag and e["r%d" % rnd] is not None]
        if rnd == 2 and ag in (CSC, GP):   # later rounds re-ordered newest first
            ents = list(reversed(ents))
        data = [e["r%d" % rnd] for e in ents]
        p = os.path.join(cdir, path)
        blank = []
        if fmt == "docx":
            doc = Document()
            doc.add_heading("Multi-agency chronology", 1)
            if kind == "heading":
                ht = doc.add_table(rows=4, cols=2)
                for i, (k, v) in enumerate([("Name", "DRUMMOND, Alfie"), ("DOB", "14/06/23"),
                                            ("Address", CHILD["address"]), ("Agency", "Children's Social Care")]):
                    ht.cell(i, 0).text, ht.cell(i, 1).text = k, v
                tno, tables = 2, [{"table": 1, "role": "heading", "nrows": 4}]
            else:
                for line in ["Name: Alfie DRUMMOND", "DOB: 14.06.2023", "Address: " + CHILD["address"],
                             "Agency: Wyeshire Constabulary - Safeguarding Hub"]:
                    doc.add_paragraph(line)
                tno, tables = 1, []
            body = list(data)
            if kind == "heading" and rnd == 2:
                body.insert(6, None)  # blank row
            t = doc.add_table(rows=1 + len(body), cols=len(HDR[ag]))
            t.style = "Table Grid"
            for j, h in enumerate(HDR[ag]):
                t.cell(0, j).text = h
            rn, k = [], 0
            for i, d in enumerate(body):
                if d is None:
                    blank.append(i + 2)
                    continue
                for j, c in enumerate(d):
                    t.cell(i + 1, j).text = cell_text(c)
                rn.append(i + 2)
            doc.add_paragraph("Completed by: ______  Date: ______")
            doc.save(p)
            tables.append({"table": tno, "role": "chronology", "header_rows": [1], "blank_rows": blank,
                           "title_rows": [], "nrows": 1 + len(body), "columns": COLS[ag], "headers": HDR[ag]})
            keys = [(tno, r) for r in rn]
        elif fmt == "xlsx":
            wb = Workbook(); ws = wb.active
            if kind == "hv":
                ws.title = "HV chrono"
                ws.append(["0-19 Health Visiting Service - safeguarding chronology"])
                ws.append(["Child: Alfie DRUMMOND   DOB 14/06/2023   NHS no. 999 123 4567"])
                ws.append([])
                hr, title = 4, [1, 2]
            else:
                ws.title = "Sheet1"
                ws.append(["Wyebridge Housing Options - case chronology (A. DRUMMOND)"])
                hr, title = 2, [1]
            ws.append(HDR[ag])
            for d in data:
                ws.append([dt.date.fromisoformat(c["date"]) if isinstance(c, dict) else c for d_ in [d] for c in d_])
                if kind == "hv":
                    ws.cell(ws.max_row, 1).number_format = "dd/mm/yyyy"
            wb.save(p)
            tables = [{"table": ws.title, "role": "chronology", "header_rows": [hr], "title_rows": title,
                       "blank_rows": [3] if kind == "hv" else [], "max_row": hr + len(data),
                       "columns": COLS[ag], "headers": HDR[ag]}]
            keys = [(ws.title, hr + 1 + i) for i in range(len(data))]
        else:
            enc = "utf-8-sig" if kind == "bom" else "utf-8"
            with open(p, "w", newline="", encoding=enc) as fh:
                w = csv.writer(fh); w.writerow(HDR[ag]); [w.writerow(d) for d in data]
            tables = [{"table": 1, "role": "chronology", "header_rows": [1], "blank_rows": [],
                       "nlines": 1 + len(data), "columns": COLS[ag], "headers": HDR[ag]}]
            keys = [(1, 2 + i) for i in range(len(data))]
        for e, d, (tb, rw) in zip(ents, data, keys):
            rej = cell_text(d[COLS[ag].index("date")]).strip().upper() == "TBC"
            rows.append({"file": path, "table": tb, "row": rw, "event": e["ev"], "reject": rej,
                         "date": None if rej else e["date"], "precision": None if rej else e["prec"],
                         "approximate": e["approx"], "time": e["time"], "agency": ag,
                         "child_seen": "unknown" if rej else e["seen"], "cells": d})
        files.append({"file": path, "agency": ag, "round": rnd, "month": ROUNDS[rnd - 1]["month"], "format": fmt,
                      "status": "ok", "tables": tables, "rows": len(data)})
    open(os.path.join(cdir, REFUSED), "wb").close()
    files.append({"file": REFUSED, "agency": HOU, "round": 2, "month": "2025-09", "format": "docx", "status": "refused"})
    evids = sorted({r["event"] for r in rows})
    first = {}
    for r in rows:
        first.setdefault(r["event"], r)
    events = [{"id": e, "date": min(x["date"] for x in rows if x["event"] == e and x["date"]),
               "summary": str(first[e]["cells"][COLS[first[e]["agency"]].index("event")])[:80],
               "agencies": sorted({x["agency"] for x in rows if x["event"] == e}),
               "rows": [[x["file"], x["table"], x["row"]] for x in rows if x["event"] == e and not x["reject"]],
               "rejected_rows": [[x["file"], x["table"], x["row"]] for x in rows if x["event"] == e and x["reject"]]}
              for e in evids]
    def win(evs):
        ds = [x["date"] for x in rows if x["event"] in evs and not x["reject"]]
        return min(ds), max(ds)
    flags = []
    for rule, evs in [("HOUSE_MOVES", ["E04", "E20"]), ("NO_ACCESS", ["E14", "E15"]),
                      ("WAS_NOT_BROUGHT", ["E08", "E16"]), ("DOMESTIC_ABUSE_REPEAT", ["E06", "E24"])]:
        s, e = win(evs)
        flags.append({"rule": rule, "start": s, "end": e, "events": evs, "planted": True})
    latest = max(x["date"] for x in rows if x["date"])
    T = {"schema": "chrono-eval-truth/1", "case_id": CASE, "profile": "holdout7", "seed": 7, "child": CHILD,
         "period": {"from": "2024-09-15", "to": latest}, "rounds": ROUNDS, "agencies": [CSC, POL, HV, GP, HOU],
         "age_group": "toddler", "control": False, "planted": [f["rule"] for f in flags], "files": files,
         "refused_files": [{"file": REFUSED, "reason": "empty", "detail": "0-byte docx"}],
         "rows": rows, "rejected_rows": [[x["file"], x["table"], x["row"]] for x in rows if x["reject"]],
         "events": events,
         "hard_negatives": [{"events": ["E10", "E11"], "why": "identical wording a week apart"},
                            {"events": ["E14", "E15"], "why": "two no-access visits 3 days apart, different agencies"},
                            {"events": ["E17", "E20"], "why": "flat viewing vs move-in"},
                            {"events": ["E06", "E33"], "why": "DA incident vs bail two days later"}],
         "expected_flags": flags,
         "must_not_fire": ["AE_REPEAT", "AE_MULTIPLE_SITES", "MISSING_EPISODE", "SELF_HARM", "SCHOOL_CHANGE",
                           "GP_CHANGE", "INJURY_NON_MOBILE"],
         "ambiguous_rules": ["HOUSEHOLD_CHANGE", "CHILD_NOT_SEEN"],
         "stats": {"files": len(files), "rows": len(rows), "events": len(events)}}
    with open(os.path.join(out, CASE + ".truth.json"), "w") as fh:
        json.dump(T, fh, indent=1)
    return T

def selfcheck(out, T):
    """Re-open every file and check each truth row's cells sit at its (table,row)."""
    from docx import Document as Doc
    from openpyxl import load_workbook
    bad = 0
    for x in T["rows"]:
        p = os.path.join(out, CASE, x["file"])
        want = [cell_text(c) if isinstance(c, dict) else str(c) for c in x["cells"]]
        if p.endswith(".docx"):
            t = Doc(p).tables[x["table"] - 1]
            got = [c.text for c in t.rows[x["row"] - 1].cells]
        elif p.endswith(".xlsx"):
            ws = load_workbook(p)[x["table"]]
            got = [(v.strftime("%d/%m/%Y") if isinstance(v, dt.datetime) else ("" if v is None else str(v)))
                   for v in [c.value for c in ws[x["row"]]]]
        else:
            with open(p, encoding="utf-8-sig") as fh:
                got = list(csv.reader(fh))[x["row"] - 1]
        if got[:len(want)] != want:
            bad += 1; print("MISMATCH", x["file"], x["table"], x["row"], got, want)
    print(f"selfcheck: {len(T['rows'])} rows, {bad} mismatches, {len(T['rejected_rows'])} rejects")
    return bad == 0

if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/holdout7"
    os.makedirs(out, exist_ok=True)
    T = build(out)
    sys.exit(0 if selfcheck(out, T) else 1)
