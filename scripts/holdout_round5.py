#!/usr/bin/env python3
"""Hold-out round 5: two small synthetic cases (E: planted DA/WNB/school/household; F: control).

    python scripts/holdout_round5.py [DIR]      (default /tmp/holdout5)

Deterministic.  Writes DIR/<case>/... and DIR/<case>.truth.json in the format read by
shared/eval/score.py, then re-reads every generated file to check the truth provenance.
Written without reference to chrono's code or vocabulary.
"""
import csv
import datetime as dt
import io
import json
import os
import shutil
import sys

import docx
from docx.enum.text import WD_BREAK
import openpyxl

D = dt.date
DT = dt.datetime

SEEN_MAP = {"": "unknown", "n/a": "unknown", "na": "unknown", "not applicable": "unknown", "n/k": "unknown"}


def seen_truth(cell):
    c = (cell or "").strip().lower()
    if c in SEEN_MAP:
        return SEEN_MAP[c]
    if c.startswith(("yes", "y ", "y-", "seen")) or c == "y":
        return "yes"
    if c.startswith(("no", "n ", "n-")) or c == "n":
        return "no"
    raise ValueError(cell)


def R(ev, dc, text, seen="", d=None, p="day", a=False, t=None, who="", out="", com="", rnd=1, over=None):
    """One source row. dc = date cell (str or date/datetime for Excel). d = truth ISO date (None = reject)."""
    return dict(ev=ev, dc=dc, text=text, seen=seen, d=d, p=p, a=a, t=t, who=who, out=out, com=com,
                rnd=rnd, over=over or {})


def row_in_round(r, rnd):
    x = dict(r)
    for k in sorted(r["over"]):
        if k <= rnd:
            x.update(r["over"][k])
    return x


def cell_json(v):
    if isinstance(v, DT) and (v.hour, v.minute) == (0, 0):
        return {"date": v.date().isoformat()}
    if isinstance(v, DT):
        return {"datetime": v.strftime("%Y-%m-%dT%H:%M")}
    if isinstance(v, D):
        return {"date": v.isoformat()}
    return "" if v is None else str(v)


# ---------------------------------------------------------------------------
# writers: each returns a list of (table, row, rowdict) for data rows plus table layout
# ---------------------------------------------------------------------------
def cells_for(cols, x, agency_cell):
    m = {"date": x["dc"], "event": x["text"], "seen": x["seen"], "who": x["who"], "outcome": x["out"],
         "comments": x["com"], "agency": agency_cell, "worker": agency_cell}
    return [m[c] for c in cols]


def write_docx(path, spec, rows):
    """spec: heading ('table'|'paras'), head dict, cols, headers, split_at (index in rows or None),
    split_header (bool), blank_after (index or None), rep_header_after (index or None)."""
    doc = docx.Document()
    layout = []
    placed = []
    ti = 0
    head = spec["head"]
    if spec["heading"] == "table":
        ht = doc.add_table(rows=0, cols=2)
        ht.style = "Table Grid"
        for k, v in head.items():
            c = ht.add_row().cells
            c[0].text, c[1].text = k + ":", v
        ti += 1
        layout.append({"table": ti, "role": "heading", "nrows": len(head)})
        doc.add_paragraph("")
    else:
        doc.add_paragraph(spec.get("title", "Multi-agency chronology"))
        for k, v in head.items():
            doc.add_paragraph(f"{k}: {v}")
    chunks = [rows]
    if spec.get("split_at") is not None and spec["split_at"] < len(rows):
        chunks = [rows[:spec["split_at"]], rows[spec["split_at"]:]]
    for ci, chunk in enumerate(chunks):
        if ci > 0:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        t = doc.add_table(rows=0, cols=len(spec["cols"]))
        t.style = "Table Grid"
        ti += 1
        hdr_rows, blank_rows = [], []
        n = 0
        if ci == 0 or spec.get("split_header"):
            c = t.add_row().cells
            for j, h in enumerate(spec["headers"]):
                c[j].text = h
            n += 1
            hdr_rows.append(n)
        for k, x in enumerate(chunk):
            c = t.add_row().cells
            vals = cells_for(spec["cols"], x, spec["agency_cell"])
            for j, v in enumerate(vals):
                c[j].text = v
            n += 1
            placed.append((ti, n, x, vals))
            gi = (0 if ci == 0 else spec["split_at"]) + k
            if spec.get("blank_after") == gi:
                t.add_row()
                n += 1
                blank_rows.append(n)
            if spec.get("rep_header_after") == gi:
                c = t.add_row().cells
                for j, h in enumerate(spec["headers"]):
                    c[j].text = h
                n += 1
                hdr_rows.append(n)
        layout.append({"table": ti, "role": "chronology", "header_rows": hdr_rows, "blank_rows": blank_rows,
                       "title_rows": [], "nrows": n, "columns": spec["cols"], "headers": spec["headers"]})
    for line in spec.get("notes", []):
        doc.add_paragraph(line)
    doc.save(path)
    return layout, placed


def write_xlsx(path, spec, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = spec["sheet"]
    placed = []
    titles = spec.get("titles", [])
    r = 0
    title_rows = []
    for tl in titles:
        r += 1
        ws.cell(row=r, column=1, value=tl)
        title_rows.append(r)
    r += 1
    hdr = r
    for j, h in enumerate(spec["headers"]):
        ws.cell(row=r, column=j + 1, value=h)
    blank_rows = []
    for k, x in enumerate(rows):
        r += 1
        vals = cells_for(spec["cols"], x, spec["agency_cell"])
        for j, v in enumerate(vals):
            c = ws.cell(row=r, column=j + 1, value=(v if v != "" else None))
            if isinstance(v, DT):
                c.number_format = "dd/mm/yyyy hh:mm"
            elif isinstance(v, D):
                c.number_format = "dd/mm/yyyy"
        placed.append((spec["sheet"], r, x, vals))
        if spec.get("blank_after") == k:
            r += 1
            blank_rows.append(r)
    wb.save(path)
    layout = [{"table": spec["sheet"], "role": "chronology", "header_rows": [hdr], "title_rows": title_rows,
               "blank_rows": blank_rows, "max_row": r, "columns": spec["cols"], "headers": spec["headers"]}]
    return layout, placed


def write_csv(path, spec, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(spec["headers"])
    placed = []
    for k, x in enumerate(rows):
        vals = cells_for(spec["cols"], x, spec["agency_cell"])
        w.writerow(vals)
        placed.append((1, k + 2, x, vals))
    with open(path, "wb") as fh:
        fh.write(buf.getvalue().encode(spec.get("encoding", "cp1252")))
    layout = [{"table": 1, "role": "chronology", "header_rows": [1], "blank_rows": [], "nlines": len(rows) + 1,
               "columns": spec["cols"], "headers": spec["headers"], "extra_empty_columns": 0}]
    return layout, placed


# ---------------------------------------------------------------------------
# CASE E  (9-year-old; planted DA repeat, WNB, school change, household change)
# ---------------------------------------------------------------------------
def case_e():
    child = {"name": "Tyler BRAITHWAITE", "first_name": "Tyler", "surname": "BRAITHWAITE", "dob": "2016-02-11",
             "address": "14 Gorse Lane, Helmsby, QN7 2RT", "sex": "m"}
    rounds = [{"round": 1, "month": "2025-09", "cutoff": "2025-09-19", "folder": "Sept 2025"},
              {"round": 2, "month": "2025-10", "cutoff": "2025-10-17", "folder": "Oct 2025"}]
    ev = {  # id: (kind, summary, planted rule or None, history)
        "E01": ("da_incident", "Historic DA - father assaulted mother, arrested", None, True),
        "E02": ("conviction", "Father sentenced to 3 years for ABH", None, True),
        "E03": ("health", "Enuresis diagnosed", None, True),
        "E04": ("routine_seen", "CSC visit, child seen", None, False),
        "E05": ("school_change", "Started St Bede's (from Hillcrest)", "SCHOOL_CHANGE", False),
        "E06": ("routine_seen", "CSC visit, child seen", None, False),
        "E07": ("routine_seen", "School DSL check-in", None, False),
        "E08": ("routine_seen", "CSC visit, child seen", None, False),
        "E09": ("routine_seen", "GP consultation", None, False),
        "E10": ("routine_seen", "CSC visit, seen alone", None, False),
        "E11": ("routine_seen", "School DSL check-in", None, False),
        "E12": ("routine_seen", "CSC visit, child seen", None, False),
        "E13": ("routine_seen", "School DSL check-in", None, False),
        "E14": ("release", "Father released on licence to approved premises", None, False),
        "E15": ("household_change", "Father moves back into the family home", "HOUSEHOLD_CHANGE", False),
        "E16": ("routine_seen", "CSC visit, father present", None, False),
        "E17": ("routine_seen", "School DSL check-in", None, False),
        "E18": ("da_incident", "Police called to verbal altercation between parents", "DOMESTIC_ABUSE_REPEAT", False),
        "E19": ("supervision", "Probation supervision, father mentions police call-out", None, False),
        "E20": ("routine_seen", "CSC visit, child seen", None, False),
        "E21": ("school_change", "Managed move to Marsh Lane Primary", "SCHOOL_CHANGE", False),
        "E22": ("was_not_brought", "School nurse enuresis clinic - not brought", "WAS_NOT_BROUGHT", False),
        "E23": ("routine_seen", "School DSL check-in", None, False),
        "E24": ("routine_seen", "CSC visit, child seen", None, False),
        "E25": ("was_not_brought", "Dental appointment - not brought", "WAS_NOT_BROUGHT", False),
        "E26": ("da_incident", "Mother discloses strangulation by partner", "DOMESTIC_ABUSE_REPEAT", False),
        "E27": ("probation_decision", "Recall considered, not recalled", None, False),
        "E28": ("routine_seen", "CSC visit, child seen", None, False),
        "E29": ("routine_seen", "CSC visit, child seen", None, False),
        "E30": ("was_not_brought", "CAMHS initial appointment - not brought", "WAS_NOT_BROUGHT", False),
        "E31": ("routine_seen", "School first day back", None, False),
        "E32": ("da_incident", "Neighbour reports screaming, father removed", "DOMESTIC_ABUSE_REPEAT", False),
        "E33": ("strategy", "Strategy discussion", None, False),
        "E34": ("household_change", "Father staying at brother's address", None, False),
        "E35": ("routine_seen", "CSC visit, seen alone", None, False),
        "E36": ("admin", "Uniform grant call (undateable)", None, False),
        "E37": ("routine_seen", "GP enuresis review", None, False),
        "E38": ("routine_seen", "School DSL check-in", None, False),
        "E39": ("charge", "Father charged, bail conditions", None, False),
        "E40": ("supervision", "Probation supervision, DAPP", None, False),
        "E41": ("routine_seen", "CSC visit, child seen", None, False),
    }
    head = lambda ag, au: {"Name": "Tyler BRAITHWAITE", "DOB": "11/02/2016",
                           "Address": "14 Gorse Lane, Helmsby, QN7 2RT", "Agency": ag, "Author": au}
    files = []
    # ---- Police: Name: paragraphs, one table, repeated header mid-table in round 2
    police_rows = [
        R("E01", "19/11/2022 2315", "Officers attended 14 Gorse Ln after 999 call from Leanne B - punched to face by partner Craig B. Craig arrested, later charged ABH.",
          "Yes - checked in bed", "2022-11-19", t="23:15", out="PPN to CSC. DASH high - MARAC"),
        R("E02", "March 2023", "Craig BRAITHWAITE sentenced at Crown Ct - 3 yrs custody for ABH (victim Leanne)", "N/A", "2023-03-01", p="month"),
        R("E18", "10/05/25 @ 22:40", "Police called to verbal altercation between parents at home address. No assault disclosed by either party, no injuries. DASH standard. Tyler in his bedroom.",
          "Yes", "2025-05-10", t="22:40", out="Words of advice. PPN submitted to CSC"),
        R("E26", "19.07.25", "Mum attended Helmsby stn & disclosed partner strangled her in kitchen on Thurs (17/07) - 'couldnt breathe'. Photos of marks to neck taken. Craig B arrested, interviewed, RUI.",
          "No", "2025-07-19", out="PPN to CSC, DASH high risk, MARAC referral", over={2: {"dc": "19/07/2025"}}),
        R("E32", "06/09/2025 @ 01:15am", "Neighbour reported screaming from the address, officers attended, Dad removed from address for the night. Mum would not engage w/ DASH & declined to make statement.",
          "Yes - T awake on landing", "2025-09-06", t="01:15", out="PPN. Repeat MARAC referral",
          over={2: {"out": "PPN. Repeat MARAC referral - heard at MARAC 18/09, actions for IDVA"}}),
        R("E39", "02/10/25", "Craig B charged with intentional strangulation re 17/07 incident. Bailed - conditions not to contact Leanne B or attend Gorse Lane.",
          "N/A", "2025-10-02", rnd=2, out="CSC informed by email"),
    ]
    files.append(dict(agency="Police", fmt="docx", name="Police chrono BRAITHWAITE {m}.docx",
                      mnames={1: "Sep25", 2: "Oct25"}, rounds=[1, 2], rows=police_rows,
                      spec=dict(heading="paras", title="POLICE CHRONOLOGY - CHILD PROTECTION",
                                head=head("Northmoor Police - PVP Unit", "DC 2291 Fenby"),
                                cols=["date", "event", "agency", "outcome", "seen"],
                                headers=["Date/Time", "Incident / details", "Source", "Action taken", "Child seen"],
                                agency_cell="Northmoor Police", rep_header_after={2: 3})))
    # ---- CSC: xlsx with title rows, real date cells
    csc_rows = [
        R("E04", D(2024, 10, 21), "Statutory CIN visit - Tyler seen in his bedroom, showed SW his lego. Home conditions satisfactory.", "Yes", "2024-10-21"),
        R("E06", D(2024, 11, 13), "Statutory CIN visit - T seen, home conditions satisfactory.", "Yes", "2024-11-13"),
        R("E05", D(2024, 11, 4), "Mum informed SW she has moved T from Hillcrest Primary to St Bede's after falling out w/ head teacher. Started today.", "N/A", "2024-11-04"),
        R("E08", D(2024, 12, 18), "Statutory CIN visit - T seen, home conditions satisfactory.", "Y", "2024-12-18"),
        R("E10", DT(2025, 1, 22, 16, 0), "CIN visit - spoke to Tyler alone in lounge, says things 'ok', misses Dad.", "Yes - seen alone", "2025-01-22", t="16:00"),
        R("E12", D(2025, 3, 5), "Statutory CIN visit - T seen, home conditions satisfactory.", "Yes", "2025-03-05"),
        R("E15", D(2025, 4, 7), "Tel call from Probation - Craig B has moved back into the family home today, licence address approved. Mum says 'he's changed'.", "N/A", "2025-04-07",
          out="Risk assessment to be updated, safety plan w/ mum"),
        R("E16", "09/04/2025", "CIN visit - Dad present for 1st time, polite. T seen, appeared quiet.", "Yes", "2025-04-09"),
        R("E18", "11/05/25", "PPN rec'd - police called to verbal argument between parents Sat night (10/05). No injuries.", "N/A", "2025-05-11", out="Discussed w/ TM - single agency response"),
        R("E20", D(2025, 5, 21), "Statutory CIN visit - T seen, home conditions satisfactory.", "Yes", "2025-05-21"),
        R("E24", D(2025, 7, 2), "Statutory CIN visit - T seen, home conditions satisfactory.", "Yes", "2025-07-02"),
        R("E26", "21/07/25", "PPN - mum disclosed to police that partner strangled her. Craig B RUI.", "N/A", "2025-07-21", out="Strategy mtg requested"),
        R("E28", D(2025, 7, 23), "Home visit following PPN. Tyler seen with mum, T said he heard shouting.", "Seen with mum", "2025-07-23"),
        R("E29", D(2025, 8, 13), "Statutory CIN visit - T seen, home conditions satisfactory.", "Yes", "2025-08-13"),
        R("E30", "15/08/2025", "CAMHS called SW - T not brought to initial appt yesterday, being discharged back to GP.", "N/A", "2025-08-15"),
        R("E32", "07/09/25", "PPN rec'd: DA incident at home early hours 06/09, Dad removed by police.", "N/A", "2025-09-07", out="Strategy discussion to be convened"),
        R("E33", "TBC", "Strategy discussion w/ police & school following 06/09 incident - threshold for s47 met, joint visit", "N/A", None,
          over={2: {"dc": D(2025, 9, 8), "d": "2025-09-08"}}),
        R("E35", D(2025, 9, 17), "s47 visit - Tyler spoken to alone, says he feels safer with Dad not there.", "Yes - seen alone", "2025-09-17"),
        R("E39", "03/10/25", "Email from police - Craig B charged, bail conds not to attend Gorse Lane.", "N/A", "2025-10-03", rnd=2),
        R("E41", D(2025, 10, 14), "Statutory CP visit - T seen, home conditions satisfactory.", "Yes", "2025-10-14", rnd=2),
    ]
    files.append(dict(agency="Children's Social Care", fmt="xlsx", name="CSC chronology TB {m}.xlsx",
                      mnames={1: "Sept", 2: "Oct"}, rounds=[1, 2], rows=csc_rows,
                      spec=dict(sheet="Chronology", agency_cell="SW Hannah Oduya",
                                titles=["CHILDREN'S SOCIAL CARE - MULTI AGENCY CHRONOLOGY",
                                        "Child: Tyler Braithwaite    DOB: 11/02/2016    Address: 14 Gorse Lane, Helmsby QN7 2RT"],
                                cols=["date", "worker", "event", "outcome", "seen"],
                                headers=["Date", "Worker", "Event", "Outcome / decision", "Child seen?"],
                                blank_after=8)))
    # ---- School: heading table + chronology split by a page break
    school_rows = [
        R("E05", "04/11/24", "Info from St Bede's file (transferred): T started at St Bede's today, moved from Hillcrest Primary by mum.", "Yes", "2024-11-04", who="Mum, T"),
        R("E07", "4th Dec 2024", "DSL check-in w/ T (St Bede's) - happy, eating well", "Yes - spoke to Tyler alone", "2024-12-04"),
        R("E11", "12/2/25", "DSL check in - T tired, says he was up late", "Yes", "2025-02-12"),
        R("E13", "26.03.25", "DSL check-in - T talked about Dad 'coming home soon'", "Yes", "2025-03-26"),
        R("E17", "30/04/25", "DSL check-in - T more withdrawn in class, fell out w/ peers", "Yes", "2025-04-30"),
        R("E21", "02/06/25", "Managed move from St Bede's - Tyler started at Marsh Lane Primary. Settled well on first day.", "Yes", "2025-06-02", who="T, mum, St Bede's DSL"),
        R("E22", "03/06/25", "School nursing enuresis clinic appt (Helmsby HC, 4pm) - mum did not bring T. SN to send new appt.", "No", "2025-06-03"),
        R("E23", "18/06/2025", "DSL check in at Marsh Lane - T says new school is 'better'", "Yes", "2025-06-18"),
        R("E36", "31/06/25", "Mum phoned office re uniform grant form", "N/A", None),
        R("E31", "03/09/25", "1st day back after summer. T quiet, had a bruise?? - no, pen mark on hand, checked by teacher", "Yes", "2025-09-03"),
        R("E38", "01/10/25", "DSL check-in, T reports Dad 'living at uncle's'", "Yes - spoke to Tyler alone", "2025-10-01", rnd=2),
    ]
    files.append(dict(agency="School", fmt="docx", name="Marsh Lane Primary - chronology - T Braithwaite {m}.docx",
                      mnames={1: "Sep 25", 2: "Oct 25"}, rounds=[1, 2], rows=school_rows,
                      spec=dict(heading="table", head=head("Marsh Lane Primary School", "Mrs J Akhtar (DSL)"),
                                cols=["date", "event", "who", "outcome", "seen"],
                                headers=["Date", "Significant event", "Who was involved", "Outcome", "Child seen / views"],
                                agency_cell="", split_at=6, split_header={1: False, 2: True})))
    # ---- GP: cp1252 CSV
    gp_rows = [
        R("E03", "2019", "Nocturnal enuresis – referred to school nursing continence service", "n/a", "2019-01-01", p="year"),
        R("E09", "09/01/25", "Seen with mum – cough 2/52, chest clear. Dr Renée Holt", "Yes", "2025-01-09"),
        R("E25", "08/07/25", "Letter from Greenacre Dental – Tyler not brought to appt today, practice’s WNB policy followed", "No", "2025-07-08"),
        R("E30", "14/08/2025", "CAMHS – T was not brought to initial choice appt. Discharged to GP per WNB policy.", "No", "2025-08-14", out="GP to review"),
        R("E37", "24/9/25", "Review w/ mum & T re enuresis + CAMHS re-referral (mum ‘forgot’ last appt)", "Y", "2025-09-24", rnd=2),
    ]
    files.append(dict(agency="GP", fmt="csv", name="Helmsby Medical Practice chronology {m}.csv",
                      mnames={1: "Sept25", 2: "Oct25"}, rounds=[1, 2], rows=gp_rows,
                      spec=dict(encoding="cp1252", agency_cell="Helmsby Medical Practice",
                                cols=["date", "event", "agency", "outcome", "seen"],
                                headers=["Date", "Consultation / event", "Source", "Action", "Child seen"])))
    # ---- Probation: xlsx, columns in odd order, date-time cells
    prob_rows = [
        R("E02", D(2023, 3, 14), "Sentenced Northmoor Crown Court: 36 months for ABH on partner Leanne", "N/A", "2023-03-14"),
        R("E14", D(2025, 3, 28), "Released on licence to Bankside Approved Premises", "N/A", "2025-03-28"),
        R("E15", D(2025, 4, 7), "Licence address changed - CB moved back to family address 14 Gorse Lane (CSC informed)", "N/A", "2025-04-07"),
        R("E19", DT(2025, 5, 12, 10, 30), "Supervision appt - CB discussed police call-out at weekend, states it was 'just a row'. Licence conditions reviewed.", "N/A", "2025-05-12", t="10:30"),
        R("E27", D(2025, 7, 21), "Recall considered following arrest 19/07 - not recalled, enhanced reporting", "N/A", "2025-07-21"),
        R("E34", D(2025, 9, 8), "CB reports staying at brother's, 3 Cobble Row, since police removal 06/09", "N/A", "2025-09-08"),
        R("E40", DT(2025, 10, 6, 14, 0), "Supervision - CB attended DAPP assessment", "N/A", "2025-10-06", t="14:00", rnd=2),
    ]
    files.append(dict(agency="Probation", fmt="xlsx", name="Probation_TB_{m}.xlsx",
                      mnames={1: "2025-09", 2: "2025-10"}, rounds=[1, 2], rows=prob_rows,
                      spec=dict(sheet="Sheet1", agency_cell="PO S Whitlock",
                                cols=["event", "date", "worker", "seen", "outcome"],
                                headers=["Event details", "Date", "Officer", "Child seen", "Outcome"])))
    refused = [dict(file="Oct 2025/Covering note - Probation Oct.docx", reason="no_table", round=2, agency="Probation",
                    detail="Word document with no chronology table", kind="cover")]
    hard_neg = [
        {"events": ["E06", "E08", "E12", "E20", "E24", "E29"], "why": "identical wording on different dates"},
        {"events": ["E18", "E19"], "why": "probation supervision mentions the police call-out; different event"},
        {"events": ["E22", "E25", "E30"], "why": "three different missed appointments"},
    ]
    flags = [("DOMESTIC_ABUSE_REPEAT", ["E18", "E26", "E32"]), ("WAS_NOT_BROUGHT", ["E22", "E25", "E30"]),
             ("SCHOOL_CHANGE", ["E05", "E21"]), ("HOUSEHOLD_CHANGE", ["E15"])]
    mnf = ["AE_REPEAT", "AE_MULTIPLE_SITES", "MISSING_EPISODE", "SELF_HARM", "INJURY_NON_MOBILE", "GP_CHANGE",
           "NO_ACCESS", "CHILD_NOT_SEEN"]
    amb = ["HOUSE_MOVES"]
    return dict(case_id="case_E", child=child, rounds=rounds, ev=ev, files=files, refused=refused,
                hard_negatives=hard_neg, flags=flags, mnf=mnf, amb=amb, control=False,
                planted=["DOMESTIC_ABUSE_REPEAT", "WAS_NOT_BROUGHT", "SCHOOL_CHANGE", "HOUSEHOLD_CHANGE"])


# ---------------------------------------------------------------------------
# CASE F  (3-year-old, control: every pattern below threshold)
# ---------------------------------------------------------------------------
def case_f():
    child = {"name": "Ellie-Mae CROSSLEY", "first_name": "Ellie-Mae", "surname": "CROSSLEY", "dob": "2022-05-30",
             "address": "7 Tansy Court, Wrayfield, QN3 5LD", "sex": "f"}
    rounds = [{"round": 1, "month": "2025-08", "cutoff": "2025-08-15", "folder": ""},
              {"round": 2, "month": "2025-09", "cutoff": "2025-09-19", "folder": ""},
              {"round": 3, "month": "2025-10", "cutoff": "2025-10-17", "folder": ""}]
    ev = {
        "F01": ("birth", "New birth visit", None, True),
        "F02": ("health", "Mum PND (approx date)", None, True),
        "F03": ("nursery_start", "Started at Little Acorns (2-yr funded place)", None, True),
        "F04": ("routine_seen", "CSC visit", None, False),
        "F05": ("routine_seen", "Nursery key person update", None, False),
        "F06": ("routine_seen", "CSC visit", None, False),
        "F07": ("routine_seen", "HV 2.5 year review", None, False),
        "F08": ("routine_seen", "CSC visit", None, False),
        "F09": ("routine_seen", "Nursery key person update", None, False),
        "F10": ("routine_seen", "CSC visit", None, False),
        "F11": ("routine_seen", "GP ear infection", None, False),
        "F12": ("ae_attendance", "Single ED attendance, bumped head", None, False),
        "F13": ("routine_seen", "CSC visit", None, False),
        "F14": ("routine_seen", "Nursery key person update", None, False),
        "F15": ("routine_seen", "CSC visit", None, False),
        "F16": ("no_access", "HV visit no access (single)", None, False),
        "F17": ("dna", "Audiology DNA (single)", None, False),
        "F18": ("routine_seen", "HV revisit", None, False),
        "F19": ("routine_seen", "CSC visit, father visits weekends", None, False),
        "F20": ("routine_seen", "Nursery key person update", None, False),
        "F21": ("police_welfare", "Police welfare check, no DA", None, False),
        "F22": ("routine_seen", "CSC visit", None, False),
        "F23": ("routine_seen", "Nursery last day before summer", None, False),
        "F24": ("routine_seen", "CSC visit", None, False),
        "F25": ("routine_seen", "HV visit", None, False),
        "F26": ("nursery_offer", "Second setting offered, declined", None, False),
        "F27": ("routine_seen", "CSC visit", None, False),
        "F28": ("routine_seen", "Nursery key person update", None, False),
        "F29": ("routine_seen", "CSC visit", None, False),
        "F30": ("admin", "Immunisation record copy (undateable)", None, False),
        "F31": ("appointment", "Audiology rebooked at mum's request", None, False),
    }
    head = lambda ag, au: {"Name": "Ellie-Mae CROSSLEY", "DOB": "30/05/2022",
                           "Address": "7 Tansy Court, Wrayfield, QN3 5LD", "Agency": ag, "Author": au}
    files = []
    hv_rows = [
        R("F01", "12/06/22", "New birth visit - term baby, feeding well, mum tearful at times", "Yes - seen in cot", "2022-06-12"),
        R("F02", "?Sept 2023", "Mum reports PND diagnosed by GP around this time, on sertraline", "N/A", "2023-09-01", p="month", a=True),
        R("F07", "13/12/24", "2-2½ yr review (late, rebooked by HV) - ASQ all areas above cut-off, speech clear", "Yes", "2024-12-13"),
        R("F12", "11/03/25", "ED notification rec'd - attended Wrayfield General ED 08/03 after bumping head on coffee table, no injury found, discharged", "N/A", "2025-03-11"),
        R("F16", "13/05/25", "Planned HV - no access, card left, mum txt later says at her mums", "No", "2025-05-13"),
        R("F18", "16/05/25", "Planned HV - Ellie-Mae seen playing, mum well, home clean", "Yes", "2025-05-16"),
        R("F30", "unknown", "Copy of red book immunisation page given to mum for nursery", "N/A", None),
        R("F25", "27/08/2025", "HV visit - E seen, weight/height on centile, 3 yr check booked", "Yes", "2025-08-27", rnd=2),
    ]
    files.append(dict(agency="Health Visiting", fmt="docx", name="HV chronology - E CROSSLEY - {m}.docx",
                      mnames={1: "Aug 2025", 2: "Sep 2025"}, rounds=[1, 2], rows=hv_rows,
                      spec=dict(heading="paras", title="0-19 Service chronology",
                                head=head("0-19 Service (Health Visiting), Wrayfield", "Sam Pickles HV"),
                                cols=["date", "event", "outcome", "seen"],
                                headers=["Date", "Event / contact", "Plan", "Child seen"],
                                agency_cell="")))
    nur_rows = [
        R("F03", "April 2024", "E-M started at Little Acorns (2 yr old funded place), 3 days/wk", "N/A", "2024-04-01", p="month"),
        R("F05", "08/11/24", "Key person update - E-M settled, toileting progress", "Yes", "2024-11-08"),
        R("F09", "20/01/25", "Key person update - good attendance, playing alongside peers", "Yes", "2025-01-20"),
        R("F12", "10/03/25", "Mum told staff E went to A&E at w/end after bumping head on coffee table, no marks seen by staff", "Yes", "2025-03-10"),
        R("F14", "9th April 2025", "Key person update - E-M happy, new words", "Yes", "2025-04-09"),
        R("F20", "20/06/25", "Key person update - enjoying messy play", "Yes", "2025-06-20"),
        R("F23", "25.07.25", "Last day before summer - collected by mum, all well", "Yes", "2025-07-25"),
        R("F26", "05/09/25", "Nursery place offered at a second setting (Wrayfield Children's Centre, 30 hrs) - declined by mum, E-M staying at Little Acorns", "N/A", "2025-09-05", rnd=2),
        R("F28", "30/09/25", "Key person update - settled after summer, 30 hrs here from Sept", "Yes", "2025-09-30", rnd=3),
    ]
    files.append(dict(agency="School", fmt="docx", name="Little Acorns Nursery chronology {m}.docx",
                      mnames={1: "Aug25", 2: "Sept25", 3: "Oct25"}, rounds=[1, 2, 3], rows=nur_rows,
                      spec=dict(heading="table", head=head("Little Acorns Day Nursery", "Gemma Ford (Manager / DSL)"),
                                cols=["date", "event", "agency", "outcome", "seen"],
                                headers=["Date", "Details", "Agency", "Outcome", "Seen"],
                                agency_cell="Nursery", split_at=4, split_header={1: True, 2: False, 3: True})))
    ed_rows = [
        R("F12", "08/03/2025 11:20", "Attended with mum – fell from sofa, bumped head on coffee table. Alert, no injury found, no LOC. Discharged with head injury advice.",
          "Yes", "2025-03-08", t="11:20", out="Discharged home. HV & GP notified"),
    ]
    files.append(dict(agency="Emergency Department", fmt="csv", name="Wrayfield General ED liaison – CROSSLEY {m}.csv",
                      mnames={1: "Aug25", 2: "Sep25"}, rounds=[1, 2], rows=ed_rows,
                      spec=dict(encoding="cp1252", agency_cell="Paediatric Liaison – Wrayfield General",
                                cols=["date", "agency", "event", "outcome", "seen"],
                                headers=["Date/Time", "Agency", "Presentation", "Outcome", "Child seen"])))
    gp_rows = [
        R("F11", D(2025, 2, 25), "Seen with mum - L ear infection, amoxicillin", "Seen with mum", "2025-02-25"),
        R("F17", D(2025, 5, 14), "Audiology letter - DNA hearing test 14/05, new appt to be sent", "No", "2025-05-14"),
        R("F31", "02/06/25", "Audiology appt for 20/06 rearranged at mum's request (2 wks notice), new date Sept", "N/A", "2025-06-02"),
    ]
    files.append(dict(agency="GP", fmt="xlsx", name="Tansy Surgery chronology CROSSLEY {m}.xlsx",
                      mnames={1: "Aug 2025", 3: "Oct 2025"}, rounds=[1, 3], rows=gp_rows,
                      spec=dict(sheet="Chronology", agency_cell="Tansy Surgery",
                                titles=["Tansy Surgery - safeguarding chronology",
                                        "Patient: Ellie-Mae Crossley  DOB 30/05/2022"],
                                cols=["date", "event", "agency", "seen"],
                                headers=["Date", "Entry", "Practice", "Child seen (Y/N)"])))
    pol_rows = [
        R("F21", "01/07/2025 21:05", "Welfare check at request of maternal grandmother who could not reach mum. Mum & E-M safe and well, mum's phone broken. No DA disclosed, no concerns.",
          "Yes - E-M asleep, seen by officers", "2025-07-01", t="21:05", out="NFA. Notification to CSC"),
    ]
    files.append(dict(agency="Police", fmt="docx", name="Police - CROSSLEY - {m}.docx",
                      mnames={2: "Sept 25"}, rounds=[2], rows=pol_rows,
                      spec=dict(heading="table", head=head("Wrayfield Police", "PS 118 Dobson"),
                                cols=["date", "event", "agency", "outcome", "seen"],
                                headers=["Date and Time", "Significant Event", "Professional/Agency",
                                         "Decisions/Actions Outcome", "Child Seen/ View obtained"],
                                agency_cell="Police")))
    csc_rows = [
        R("F04", "22/10/24", "CIN visit - E-M seen playing, mum engaging", "Yes", "2024-10-22"),
        R("F06", "26/11/24", "CIN visit - E-M seen, home warm & clean", "Yes", "2024-11-26"),
        R("F08", "03/01/25", "CIN visit - E-M seen, home warm & clean", "Y", "2025-01-03"),
        R("F10", "07/02/25", "CIN visit - E-M seen, home warm & clean", "Yes", "2025-02-07"),
        R("F13", "21/03/25", "CIN visit - mum told SW about ED visit 08/03, E-M seen, no marks", "Yes", "2025-03-21"),
        R("F15", "25/04/25", "CIN visit - E-M seen, home warm & clean", "Yes", "2025-04-25"),
        R("F19", "04/06/25", "CIN visit - E-M seen. Mum confirms father (Dean W) visits weekends, does not live at the address.", "Yes", "2025-06-04"),
        R("F21", "02/07/25", "Police notification - welfare check last night at MGM's request, all well, no DA", "N/A", "2025-07-02"),
        R("F22", "9/7/25", "CIN visit - E-M seen, home warm & clean", "Yes", "2025-07-09"),
        R("F24", "08/08/25", "CIN visit - E-M seen in garden w/ mum", "Seen with mum", "2025-08-08"),
        R("F27", "12/09/25", "CIN review visit - E-M seen, mum says she turned down other nursery", "Yes", "2025-09-12", rnd=2),
        R("F29", "15/10/25", "CIN visit - E-M seen, home warm & clean", "Yes", "2025-10-15", rnd=3),
    ]
    files.append(dict(agency="Children's Social Care", fmt="docx", name="CSC chronology EMC {m}.docx",
                      mnames={1: "Aug 25", 2: "Sept 25", 3: "Oct 25"}, rounds=[1, 2, 3], rows=csc_rows,
                      spec=dict(heading="table", head=head("Children's Services", "SW Rob Kettle"),
                                cols=["date", "event", "who", "outcome", "seen", "comments"],
                                headers=["Date", "Significant event", "Who was involved", "Decisions / actions",
                                         "Child seen", "Author comments"],
                                agency_cell="", blank_after={1: 3, 2: 3, 3: 3}, rep_header_after={3: 7})))
    refused = [dict(file="Little Acorns Nursery chronology Leo CROSSLEY Sept25.docx", reason="different_child", round=2,
                    agency="School", detail="chronology for a different child (sibling) misfiled into this case folder",
                    other_child={"name": "Leo CROSSLEY", "dob": "2020-01-17", "sibling": True}, kind="other_child")]
    hard_neg = [
        {"events": ["F06", "F08", "F10", "F15", "F22", "F29"], "why": "identical wording on different dates"},
        {"events": ["F16", "F18"], "why": "no-access visit and the revisit three days later"},
        {"events": ["F17", "F31"], "why": "missed audiology appointment and a later rearranged one"},
    ]
    allr = ["AE_REPEAT", "AE_MULTIPLE_SITES", "WAS_NOT_BROUGHT", "NO_ACCESS", "CHILD_NOT_SEEN", "DOMESTIC_ABUSE_REPEAT",
            "HOUSE_MOVES", "SCHOOL_CHANGE", "GP_CHANGE", "HOUSEHOLD_CHANGE", "MISSING_EPISODE", "SELF_HARM",
            "INJURY_NON_MOBILE"]
    return dict(case_id="case_F", child=child, rounds=rounds, ev=ev, files=files, refused=refused,
                hard_negatives=hard_neg, flags=[], mnf=allr, amb=[], control=True, planted=[])


# ---------------------------------------------------------------------------
def per_round_spec(spec, rnd):
    s = dict(spec)
    for k in ("rep_header_after", "split_header", "blank_after"):
        if isinstance(s.get(k), dict):
            s[k] = s[k].get(rnd)
    return s


def write_refused(path, ref, C):
    if ref["kind"] == "cover":
        d = docx.Document()
        d.add_paragraph("Covering note")
        d.add_paragraph("Hi Hannah, please find attached updated chronology for Tyler B for Oct core group. "
                        "Apologies it's late - CB's supervision moved. Any q's give me a ring. Sarah W, Probation")
        d.save(path)
    elif ref["kind"] == "other_child":
        spec = dict(heading="table", head={"Name": "Leo CROSSLEY", "DOB": "17/01/2020",
                                           "Address": "7 Tansy Court, Wrayfield, QN3 5LD",
                                           "Agency": "Little Acorns Day Nursery", "Author": "Gemma Ford"},
                    cols=["date", "event", "agency", "outcome", "seen"], headers=["Date", "Details", "Agency", "Outcome", "Seen"],
                    agency_cell="Nursery")
        rows = [R("X1", "15/01/24", "Leo - key person update, speech delay noted, SALT referral", "Yes", "2024-01-15"),
                R("X2", "03/09/24", "Leo left for Reception at Wrayfield Primary", "N/A", "2024-09-03")]
        write_docx(path, spec, rows)
    else:
        open(path, "wb").close()


def build(C, root):
    cid = C["case_id"]
    cdir = os.path.join(root, cid)
    os.makedirs(cdir, exist_ok=True)
    truth_files, truth_rows = [], []
    for f in C["files"]:
        for rnd in f["rounds"]:
            rinfo = C["rounds"][rnd - 1]
            rel = f["name"].format(m=f["mnames"][rnd])
            if rinfo["folder"]:
                rel = rinfo["folder"] + "/" + rel
            path = os.path.join(cdir, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            rows = [row_in_round(r, rnd) for r in f["rows"] if r["rnd"] <= rnd]
            spec = per_round_spec(f["spec"], rnd)
            if f["fmt"] == "docx":
                layout, placed = write_docx(path, spec, rows)
            elif f["fmt"] == "xlsx":
                layout, placed = write_xlsx(path, spec, rows)
            else:
                layout, placed = write_csv(path, spec, rows)
            ent = {"file": rel, "agency": f["agency"], "round": rnd, "month": rinfo["month"], "format": f["fmt"],
                   "status": "ok", "tables": layout, "rows": len(placed), "heading": spec.get("head")}
            if f["fmt"] == "csv":
                ent["encoding"] = spec.get("encoding", "cp1252")
            truth_files.append(ent)
            for (tab, rown, x, vals) in placed:
                tr = {"file": rel, "table": tab, "row": rown, "event": x["ev"], "reject": x["d"] is None,
                      "date": x["d"], "precision": x["p"] if x["d"] else None, "approximate": x["a"],
                      "time": x["t"], "agency": f["agency"], "child_seen": seen_truth(x["seen"]),
                      "cells": [cell_json(v) for v in vals]}
                if x["d"] is None:
                    tr["reject_reason"] = f"date '{x['dc']}' cannot be read"
                truth_rows.append(tr)
    refused = []
    for ref in C["refused"]:
        path = os.path.join(cdir, ref["file"])
        write_refused(path, ref, C)
        e = {k: v for k, v in ref.items() if k != "kind"}
        refused.append(e)
        truth_files.append(dict(e, status="refused"))
    acc = [r for r in truth_rows if not r["reject"]]
    last = max(r["date"] for r in acc if r["precision"] == "day")
    ld = D.fromisoformat(last)
    period = {"from": ld.replace(year=ld.year - 1).isoformat(), "to": last,
              "note": "12 months to the latest dated entry; CHILD_NOT_SEEN is judged inside it"}
    events = []
    for eid, (kind, summ, planted, hist) in C["ev"].items():
        rs = [r for r in truth_rows if r["event"] == eid]
        assert rs, eid
        a = [r for r in rs if not r["reject"]]
        events.append({"id": eid, "date": min(r["date"] for r in a) if a else None, "kind": kind, "summary": summ,
                       "tags": {}, "ambiguous": [], "history": hist, "planted": planted,
                       "agencies": list(dict.fromkeys(r["agency"] for r in a)),
                       "rows": [[r["file"], r["table"], r["row"]] for r in a],
                       "rejected_rows": [[r["file"], r["table"], r["row"]] for r in rs if r["reject"]]})
    evd = {e["id"]: e for e in events}
    flags = []
    for rule, eids in C["flags"]:
        ds = [r["date"] for r in acc if r["event"] in eids]
        # window: earliest row date of each evidence event (the incident date) .. latest such date
        firsts = [evd[e]["date"] for e in eids]
        flags.append({"rule": rule, "start": min(firsts), "end": max(firsts), "events": eids, "planted": True})
    T = {"schema": "holdout/1", "case_id": cid, "profile": "holdout_round5", "seed": 5, "child": C["child"],
         "period": period, "rounds": [{k: v for k, v in r.items() if k != "folder"} for r in C["rounds"]],
         "agencies": list(dict.fromkeys(f["agency"] for f in C["files"])), "age_group": None,
         "control": C["control"], "planted": C["planted"], "files": truth_files, "refused_files": refused,
         "rows": truth_rows, "rejected_rows": [[r["file"], r["table"], r["row"]] for r in truth_rows if r["reject"]],
         "events": events, "hard_negatives": C["hard_negatives"], "expected_flags": flags,
         "must_not_fire": C["mnf"], "ambiguous_rules": C["amb"],
         "stats": {"files": len(truth_files), "accepted_files": len(truth_files) - len(refused),
                   "refused_files": len(refused), "rows": len(truth_rows),
                   "rejected_rows": sum(r["reject"] for r in truth_rows), "events": len(events)}}
    with open(os.path.join(root, cid + ".truth.json"), "w", encoding="utf-8") as fh:
        json.dump(T, fh, indent=1, ensure_ascii=False)
    return T


# ---------------------------------------------------------------------------
# self-check: re-read each file and compare with the truth's provenance and cells
# ---------------------------------------------------------------------------
def reread(root, T):
    cdir = os.path.join(root, T["case_id"])
    got = {}
    for f in T["files"]:
        if f["status"] != "ok":
            continue
        p = os.path.join(cdir, f["file"])
        if f["format"] == "docx":
            d = docx.Document(p)
            for ti, t in enumerate(d.tables, 1):
                for ri, row in enumerate(t.rows, 1):
                    got[(f["file"], str(ti), ri)] = [c.text for c in row.cells]
        elif f["format"] == "xlsx":
            wb = openpyxl.load_workbook(p)
            for ws in wb:
                for ri, row in enumerate(ws.iter_rows(values_only=True), 1):
                    got[(f["file"], ws.title, ri)] = [cell_json(v) for v in row]
        else:
            with open(p, encoding=f["encoding"], newline="") as fh:
                for li, row in enumerate(csv.reader(fh), 1):
                    got[(f["file"], "1", li)] = row
    n = 0
    for r in T["rows"]:
        k = (r["file"], str(r["table"]), r["row"])
        assert k in got, k
        assert got[k][:len(r["cells"])] == r["cells"], (k, got[k], r["cells"])
        n += 1
    # every non-blank, non-header, non-title row in accepted files is a truth row
    for f in T["files"]:
        if f["status"] != "ok":
            continue
        for t in f["tables"]:
            if t["role"] != "chronology":
                continue
            skip = set(t["header_rows"]) | set(t.get("blank_rows", [])) | set(t.get("title_rows", []))
            keys = [k for k in got if k[0] == f["file"] and k[1] == str(t["table"])]
            for k in keys:
                if k[2] in skip:
                    assert not any(str(c).strip() for c in got[k]) or k[2] in t["header_rows"] or k[2] in t.get("title_rows", []), k
                    continue
                assert any(x["file"] == k[0] and str(x["table"]) == k[1] and x["row"] == k[2] for x in T["rows"]), k
    # CHILD_NOT_SEEN: no gap > 28 days within the period
    seen = sorted({r["date"] for r in T["rows"] if not r["reject"] and r["child_seen"] == "yes" and r["precision"] == "day"
                   and r["date"] >= T["period"]["from"]})
    pts = [T["period"]["from"]] + seen + [T["period"]["to"]]
    gaps = [(D.fromisoformat(b) - D.fromisoformat(a)).days for a, b in zip(pts, pts[1:])]
    assert max(gaps) <= 28, gaps
    # rows dated after their round's cut-off
    cut = {r["round"]: r["cutoff"] for r in T["rounds"]}
    fr = {f["file"]: f["round"] for f in T["files"]}
    for r in T["rows"]:
        if r["date"]:
            assert r["date"] <= cut[fr[r["file"]]], r
    return n, max(gaps)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "/tmp/holdout5"
    for cid in ("case_E", "case_F"):
        shutil.rmtree(os.path.join(root, cid), ignore_errors=True)
    os.makedirs(root, exist_ok=True)
    for C in (case_e(), case_f()):
        T = build(C, root)
        n, g = reread(root, T)
        print(f"{T['case_id']}: {len(T['files'])} files ({len(T['refused_files'])} refused), {n} rows verified, "
              f"{T['stats']['rejected_rows']} rejects, {len(T['events'])} events, max seen gap {g}d, "
              f"flags {[f['rule'] for f in T['expected_flags']]}")


if __name__ == "__main__":
    main()
