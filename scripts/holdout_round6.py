#!/usr/bin/env python3
"""Hold-out round 6: two independent cases (G: 16yo missing/self-harm/A&E/no access; H: control baby).
Deterministic. Usage: holdout_round6.py [DIR]  (default /tmp/holdout6)"""
import csv, datetime as dt, io, json, os, shutil, sys
import openpyxl, docx

D = dt.date
ORD = lambda n: str(n) + ("th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))


def fmt_date(d, style, time=None):
    if style == 0: s = d.strftime("%d/%m/%y")
    elif style == 1: s = d.strftime("%d.%m.%Y")
    elif style == 2: s = f"{ORD(d.day)} {d.strftime('%B %Y')}"
    elif style == 3: s = d.strftime("%d-%b-%y")
    elif style == 4: s = f"{d.day}/{d.month}/{d.year}"
    else: s = d.strftime("%d/%m/%Y")
    if time:
        h, m = map(int, time.split(":"))
        if style in (2, 4) and m == 0:
            s += f" @ {h % 12 or 12}{'pm' if h >= 12 else 'am'}"
        else:
            s += f" {h:02d}:{m:02d}"
    return s


SEEN = {"yes": ["Y", "Yes", "yes - seen alone", "Seen"], "no": ["N", "No", "not seen"], "unknown": ["n/a", "", "N/A"]}


def build(case, spec, root):
    cdir = os.path.join(root, case); shutil.rmtree(cdir, ignore_errors=True); os.makedirs(cdir)
    rows, files, refused = [], [], []
    for rnd in spec["rounds"]:
        r, cutoff, month = rnd["round"], D.fromisoformat(rnd["cutoff"]), rnd["month"]
        for ag, fa in spec["formats"].items():
            items = []
            for ev in spec["events"]:
                for rep in ev["reps"]:
                    if rep["agency"] != ag: continue
                    if D.fromisoformat(rep.get("date", ev["date"])) > cutoff: continue
                    if rep.get("from_round", 1) > r: continue
                    if rep.get("to_round", 9) < r: continue
                    items.append((ev, rep))
            items.sort(key=lambda t: (t[0]["date"], t[0]["id"]))
            fname = fa["name"].format(m=month, M=D.fromisoformat(month + "-01").strftime("%b%y"))
            fname = f"{month}/{fname}"
            path = os.path.join(cdir, fname); os.makedirs(os.path.dirname(path), exist_ok=True)
            order = fa["order"]; headers = [fa["headers"][c] for c in order]
            data = []
            for k, (ev, rep) in enumerate(items):
                d = D.fromisoformat(rep.get("date", ev["date"])); t = rep.get("time", ev.get("time"))
                style = (rep.get("style", 0) + (r - 1) * rep.get("restyle", 0)) % 6
                prec = rep.get("precision", "day")
                if rep.get("raw_by_round") and r in rep["raw_by_round"]:
                    ds = rep["raw_by_round"][r]
                elif prec == "month": ds = d.strftime("%B %Y")
                elif prec == "year": ds = str(d.year)
                else: ds = fmt_date(d, style, t if fa["fmt"] != "xlsx_dt" else None)
                reject = bool(rep.get("reject_rounds") and r in rep["reject_rounds"])
                seen = rep.get("seen", "unknown")
                sv = SEEN[seen][(len(ev["id"]) + k + r) % len(SEEN[seen])] if seen != "unknown" else rep.get("seen_raw", "n/a")
                cell = {"date": ds, "event": rep["text"] + (rep.get("add_r", {}).get(r, "") if rep.get("add_r") else ""),
                        "who": rep.get("who", ""), "outcome": rep.get("outcome", ""), "seen": sv, "comments": rep.get("notes", "")}
                xl_date = None
                if fa["fmt"].startswith("xlsx") and not reject and prec == "day" and not rep.get("text_date"):
                    if fa["fmt"] == "xlsx_dt" and t:
                        xl_date = dt.datetime.combine(d, dt.time(*map(int, t.split(":"))))
                    else:
                        xl_date = dt.datetime.combine(d, dt.time()) if not t else None
                data.append((ev, rep, [cell[c] for c in order], xl_date, reject, seen, prec, t, d))
            # write
            fmt = fa["fmt"]
            if fmt.startswith("csv"):
                enc = fa.get("enc", "utf-8"); delim = fa.get("delim", ",")
                buf = io.StringIO(); w = csv.writer(buf, delimiter=delim, lineterminator="\r\n")
                w.writerow(headers); [w.writerow(x[2]) for x in data]
                with open(path, "w", encoding=enc, newline="") as fh: fh.write(buf.getvalue())
                table, first = 1, 2; layout = {"table": 1, "role": "chronology", "header_rows": [1], "blank_rows": [], "nlines": len(data) + 1}
            elif fmt.startswith("xlsx"):
                wb = openpyxl.Workbook(); ws0 = wb.active; ws0.title = "Cover"
                ws0["A1"] = f"{fa['org']} - information sharing for core group"; ws0["A3"] = "Child:"; ws0["B3"] = spec["child"]["name"]
                ws0["A4"] = "Prepared by:"; ws0["B4"] = fa.get("author", "")
                ws = wb.create_sheet(fa.get("sheet", "Chronology"))
                ws["A1"] = f"Chronology - {spec['child']['name']} - {month}"
                ws.append([]); ws.append(headers)
                for x in data:
                    vals = list(x[2])
                    if x[3] is not None: vals[order.index("date")] = x[3]
                    ws.append(vals)
                    if x[3] is not None:
                        c = ws.cell(row=ws.max_row, column=order.index("date") + 1)
                        c.number_format = "dd/mm/yyyy hh:mm" if (x[3].hour or x[3].minute) else "dd/mm/yyyy"
                wb.save(path)
                table, first = fa.get("sheet", "Chronology"), 4
                layout = {"table": table, "role": "chronology", "header_rows": [3], "blank_rows": [2], "title_rows": [1], "nrows": 3 + len(data)}
            else:  # docx
                doc = docx.Document(); doc.add_heading(f"{fa['org']} chronology", 1)
                ht = doc.add_table(rows=0, cols=2)
                for a, b in [("Name", spec["child"]["name"]), ("DOB", spec["child"]["dob_text"]), ("Address", spec["child"]["address"])]:
                    rr = ht.add_row().cells; rr[0].text = a; rr[1].text = b
                doc.add_paragraph("")
                tb = doc.add_table(rows=1, cols=len(headers))
                for i, h in enumerate(headers): tb.rows[0].cells[i].text = h
                for x in data:
                    rr = tb.add_row().cells
                    for i, v in enumerate(x[2]): rr[i].text = str(v)
                doc.save(path)
                table, first = 2, 2
                layout = {"table": 2, "role": "chronology", "header_rows": [1], "blank_rows": [], "title_rows": [], "nrows": 1 + len(data)}
            layout["columns"] = order; layout["headers"] = headers
            tabs = ([{"table": 1, "role": "heading", "nrows": 3}] if fmt == "docx" else []) + [layout]
            files.append({"file": fname, "agency": ag, "round": r, "month": month, "format": fmt.split("_")[0], "status": "ok",
                          "tables": tabs, "rows": len(data), **({"encoding": fa.get("enc", "utf-8")} if fmt.startswith("csv") else {})})
            for i, (ev, rep, cells, xl, reject, seen, prec, t, d) in enumerate(data):
                iso = {"day": d.isoformat(), "month": d.replace(day=1).isoformat(), "year": D(d.year, 1, 1).isoformat()}[prec]
                rows.append({"file": fname, "table": table, "row": first + i, "event": ev["id"], "reject": reject,
                             "date": None if reject else iso, "precision": None if reject else prec, "approximate": False,
                             "time": None if reject else t, "agency": ag, "child_seen": seen,
                             "cells": [xl.isoformat(sep=" ") if (xl is not None and j == order.index("date")) else v for j, v in enumerate(cells)],
                             **({"reject_reason": f"date {cells[order.index('date')]!r} cannot be read"} if reject else {})})
    # refused files
    for rf in spec["refused"]:
        p = os.path.join(cdir, rf["file"]); os.makedirs(os.path.dirname(p), exist_ok=True)
        rf["make"](p)
        files.append({"file": rf["file"], "agency": rf.get("agency"), "status": "refused", "format": rf["file"].rsplit(".", 1)[1]})
        refused.append({"file": rf["file"], "reason": rf["reason"], "detail": rf["detail"]})
    # events, flags
    evs = []
    for ev in spec["events"]:
        rr = [r for r in rows if r["event"] == ev["id"]]
        if not rr: continue
        evs.append({"id": ev["id"], "date": ev["date"], "kind": ev.get("kind", ""), "summary": ev["reps"][0]["text"][:80],
                    "tags": ev.get("tags", {}), "ambiguous": [], "history": ev["date"] < spec["period"]["from"],
                    "planted": ev.get("planted"), "agencies": sorted({r["agency"] for r in rr}),
                    "rows": [[r["file"], r["table"], r["row"]] for r in rr if not r["reject"]],
                    "rejected_rows": [[r["file"], r["table"], r["row"]] for r in rr if r["reject"]]})
    def window(ids):
        ds = [r["date"] for r in rows if r["event"] in ids and not r["reject"]]
        return min(ds), max(ds)
    flags = []
    for rule, groups in spec["flags"]:
        for ids in groups:
            s, e = window(ids); flags.append({"rule": rule, "start": s, "end": e, "events": ids, "planted": True})
    T = {"schema": "chrono-eval-truth/1", "case_id": case, "profile": "holdout6", "seed": 6, "child": {k: v for k, v in spec["child"].items() if k != "dob_text"},
         "period": spec["period"], "rounds": spec["rounds"], "agencies": list(spec["formats"]), "control": spec["control"],
         "planted": sorted({f["rule"] for f in flags}), "files": files, "refused_files": refused, "rows": rows,
         "rejected_rows": [[r["file"], r["table"], r["row"]] for r in rows if r["reject"]], "events": evs,
         "hard_negatives": spec["hard_negatives"], "expected_flags": flags, "must_not_fire": spec["must_not_fire"],
         "ambiguous_rules": spec["ambiguous"], "stats": {"files": len(files), "rows": len(rows), "events": len(evs)}}
    with open(os.path.join(root, case + ".truth.json"), "w", encoding="utf-8") as fh: json.dump(T, fh, indent=1)
    return T


def check(root, T):
    """Re-read every accepted file and compare truth cells with what is there."""
    bad = 0
    cache = {}
    for r in T["rows"]:
        p = os.path.join(root, T["case_id"], r["file"])
        if p not in cache:
            if p.endswith(".csv"):
                f = next(f for f in T["files"] if f["file"] == r["file"])
                raw = open(p, "rb").read().decode("utf-8-sig" if f["encoding"].startswith("utf-8") else f["encoding"])
                delim = ";" if raw.split("\r\n")[0].count(";") > raw.split("\r\n")[0].count(",") else ","
                cache[p] = {1: list(csv.reader(io.StringIO(raw), delimiter=delim))}
            elif p.endswith(".xlsx"):
                wb = openpyxl.load_workbook(p)
                cache[p] = {ws.title: [[("" if c is None else (c.isoformat(sep=" ") if isinstance(c, dt.datetime) else c)) for c in row] for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
            else:
                d = docx.Document(p)
                cache[p] = {i + 1: [[c.text for c in row.cells] for row in t.rows] for i, t in enumerate(d.tables)}
        got = cache[p][r["table"]][r["row"] - 1]
        if [str(x) for x in got] != [str(x) for x in r["cells"]]:
            bad += 1; print("MISMATCH", r["file"], r["table"], r["row"], got, r["cells"])
    seen = sorted({r["date"] for r in T["rows"] if not r["reject"] and r["child_seen"] == "yes"})
    pts = [max(T["period"]["from"], T["child"]["dob"])] + [x for x in seen if x >= T["period"]["from"]] + [T["period"]["to"]]
    gap = max((D.fromisoformat(b) - D.fromisoformat(a)).days for a, b in zip(pts, pts[1:]))
    print(T["case_id"], "max not-seen gap (from max(period start, DOB)):", gap); bad += gap > 28
    print(T["case_id"], "rows", len(T["rows"]), "checked, mismatches:", bad)
    return bad


def rep(agency, text, seen="unknown", **kw):
    return dict(agency=agency, text=text, seen=seen, **kw)


def ev(i, date, reps, **kw):
    return dict(id=i, date=date, reps=reps, **kw)


def empty(p): open(p, "wb").close()


def notable_docx(p):
    d = docx.Document(); d.add_heading("Housing update", 1)
    d.add_paragraph("Tenancy remains in place, rent account up to date. No chronology entries this month - will send table next round.")
    d.save(p)


# ---------------------------------------------------------------- case G
def case_g():
    CSC, POL, SCH, GP, ED = "Children's Social Care", "Police", "School", "GP", "Emergency Department"
    E = []
    E.append(ev("G01", "2008-09-14", [rep(CSC, "DOB of Kayla", precision="day", style=0, notes="Subject"), rep(GP, "Born Kestrel General - normal delivery", style=5)], kind="birth"))
    E.append(ev("G02", "2019-06-01", [rep(CSC, "Previous CIN plan closed - neglect concerns resolved at that time", precision="year")], kind="history"))
    E.append(ev("G03", "2023-11-01", [rep(SCH, "Pastoral support plan opened, concerns re mood + friendships", precision="month", who="HOY, Mrs Okafor")], kind="history"))
    # routine seen contacts every ~3 weeks through the period
    routine = [
        ("2024-05-14", SCH, "Mentoring session w/ Learning Mentor, KF engaged well"),
        ("2024-06-05", GP, "Reviewed re acne - topical tx, KF attended alone"),
        ("2024-06-27", SCH, "Pastoral check-in - KF reports exams stressful but managing"),
        ("2024-07-17", CSC, "SW home visit - KF spoken to in bedroom, room tidy"),
        ("2024-08-07", CSC, "SW took KF for lunch in town, talked about college plans"),
        ("2024-08-29", GP, "Contraception consult - KF seen alone, Fraser competent"),
        ("2024-09-18", SCH, "Start of Y12 - induction mtg with KF + tutor"),
        ("2024-10-09", CSC, "Statutory visit - KF seen at home, mum present for part"),
        ("2024-10-30", SCH, "Mentor session - KF v tired, says sleeping badly"),
        ("2024-11-20", CSC, "HV by SW - KF seen alone in kitchen, wishes & feelings done"),
        ("2024-12-11", SCH, "Pastoral mtg - KF upset re falling out w/ friends"),
        ("2025-01-02", CSC, "Visit - KF at home, discussed xmas, no concerns raised"),
        ("2025-01-23", SCH, "Mentoring - KF quieter than usual, long sleeves"),
        ("2025-02-12", GP, "Reviewed re sleep, KF seen with mum, sleep hygiene advice"),
        ("2025-02-25", CSC, "SW visit - KF seen alone, safety plan reviewed"),
        ("2025-03-18", SCH, "Check in with DSL, KF says things 'a bit better'"),
        ("2025-04-08", CSC, "Joint visit SW + CAMHS worker, KF seen"),
        ("2025-04-29", SCH, "Mentor session, KF engaged, talked about summer job"),
        ("2025-05-19", CSC, "SW visit after school, KF seen alone - settled"),
    ]
    for k, (d, a, t) in enumerate(routine):
        E.append(ev(f"G1{k:02d}", d, [rep(a, t, "yes", style=k % 6, who="KF", restyle=1 if k % 4 == 0 else 0)], kind="routine"))
    # planted
    E.append(ev("G30", "2024-09-06", [rep(ED, "Felbridge Minor Injuries Unit - sprained L wrist, fell off friend's bike. X-ray NAD. Discharged.", "yes", time="16:40"),
                                      rep(GP, "MIU letter rec'd - attended Felbridge MIU with wrist sprain 6/9", "unknown", style=1)], kind="ae", tags={"ae": "Felbridge MIU"}))
    E.append(ev("G31", "2024-12-02", [rep(SCH, "KF disclosed to mentor she has been scratching her arms w/ a compass. Superficial marks seen. Mum informed, CAMHS referral", "yes", who="Learning mentor, DSL", style=2),
                                      rep(CSC, "Call from DSL - Kayla disclosed cutting/scratching arms, superficial. Advice given, CAMHS ref by school", "no", style=0)], kind="self_harm"))
    E.append(ev("G32", "2024-12-28", [rep(POL, "Mother reported KF absent overnight (‘staying at Jodie’s’), not returned from friend's. Located by patrol in Market Sq town centre 02:00, returned home. Debrief offered", "yes", time="02:00", style=0, who="PC 4471 Harlow"),
                                      rep(CSC, "EDT notification - Kayla reported absent overnight to police, found town centre 2am, returned home", "no", style=5)], kind="missing"))
    E.append(ev("G33", "2025-01-15", [rep(CSC, "Planned home visit - no answer at door, tried mum's phone x2, no response", "no", style=3, time="15:30"),], kind="no_access"))
    E.append(ev("G34", "2025-02-05", [rep(CSC, "Unannounced visit - curtains drawn, no response, card put through door", "no", style=1),], kind="no_access"))
    E.append(ev("G35", "2025-03-09", [rep(ED, "Paeds ED Kestrel General - took an OD of ibuprofen approx 16 tabs after argument at home. Bloods, obs, psych liaison", "yes", time="21:15"),
                                      rep(CSC, "Hospital SW rang - KF in paeds ED Kestrel after taking OD of ibuprofen", "no", style=0, from_round=1),
                                      rep(GP, "ED discharge summary: intentional OD ibuprofen, referred CAMHS crisis", style=4, from_round=2)], kind="ae_self_harm", tags={"ae": "Kestrel General"}))
    E.append(ev("G36", "2025-04-12", [rep(POL, "KF didn't return home after college. Logged as absent 22:00, located next day at a friend's address in Wendleby, safe & well", "yes", style=2, who="PS Carrow"),
                                      rep(SCH, "Mum rang school - KF not come home last night, police were informed, now found at friends", "no", style=0, date="2025-04-13")], kind="missing"))
    E.append(ev("G37", "2025-05-03", [rep(ED, "Kestrel General paediatric ED - laceration to finger from kitchen knife cutting bagel, steri-strips", "yes", time="11:05")], kind="ae", tags={"ae": "Kestrel General"}))
    # near misses / other
    E.append(ev("G40", "2024-10-21", [rep(POL, "Concern for welfare call from mum re KF's ex-bf messaging her - words of advice given to male", "unknown", style=0)], kind="other"))
    E.append(ev("G41", "2025-03-27", [rep(CSC, "Core group meeting - plan reviewed, CAMHS now involved", "no", style=2, raw_by_round={2: "TBC", 3: "TBC"}, reject_rounds=[2, 3], from_round=2)], kind="other"))
    E.append(ev("G42", "2025-04-22", [rep(GP, "Review post OD - KF attended with mum, mood low but engaging", "yes", style=0)], kind="other"))
    E.append(ev("G43", "2025-01-15", [rep(SCH, "Parents evening - mum attended, KF not present", "no", style=0)], kind="other"))
    fmts = {
        CSC: dict(fmt="docx", org="Children's Services", name="SW Chronology KF {M}.docx",
                  order=["date", "event", "who", "outcome", "seen", "comments"],
                  headers={"date": "Contact date", "event": "Summary of contact", "who": "Involved", "outcome": "Action/Plan", "seen": "CYP seen?", "comments": "Practitioner notes"}),
        POL: dict(fmt="csv", enc="cp1252", delim=";", name="Fenmarsh Constabulary return {M}.csv",
                  order=["date", "event", "who", "seen", "outcome", "comments"],
                  headers={"date": "Occurrence date/time", "event": "Circumstances", "who": "Officer(s)", "seen": "YP seen by officers", "outcome": "Result", "comments": "Ref"}),
        SCH: dict(fmt="xlsx", org="Greywater Academy", sheet="Safeguarding log", name="Greywater Academy - KF - {M}.xlsx",
                  order=["event", "date", "who", "seen", "outcome", "comments"],
                  headers={"date": "Date of entry", "event": "What happened", "who": "Staff involved", "seen": "Pupil spoken to?", "outcome": "Next steps", "comments": "DSL notes"}),
        GP: dict(fmt="csv", enc="utf-8-sig", name="Brook Lane Surgery KF {M}.csv",
                 order=["date", "event", "seen", "who", "outcome", "comments"],
                 headers={"date": "Consultation date", "event": "Summary of contact", "seen": "Pt seen", "who": "Clinician", "outcome": "Plan", "comments": "Notes"}),
        ED: dict(fmt="xlsx_dt", org="Kestrel Hospitals NHS Trust", sheet="Attendances", name="Urgent care attendances KF {M}.xlsx",
                 order=["date", "event", "outcome", "seen", "who", "comments"],
                 headers={"date": "Arrival", "event": "Presenting complaint / summary", "outcome": "Disposal", "seen": "Patient seen", "who": "Clinician", "comments": "Safeguarding notes"}),
    }
    spec = dict(
        child={"name": "Kayla FENWRIGHT", "first_name": "Kayla", "surname": "FENWRIGHT", "dob": "2008-09-14", "dob_text": "14/09/2008",
               "address": "22 Linnet Close, Greywater, GW4 9PL", "sex": "f"},
        period={"from": "2024-05-20", "to": "2025-05-19", "note": "12 months to the latest dated entry"},
        rounds=[{"round": 1, "month": "2025-03", "cutoff": "2025-03-21"}, {"round": 2, "month": "2025-04", "cutoff": "2025-04-24"},
                {"round": 3, "month": "2025-05", "cutoff": "2025-05-21"}],
        formats=fmts, events=E, control=False,
        refused=[dict(file="2025-04/Police return KF Apr25 (copy).csv", reason="empty", detail="0-byte file", make=empty, agency=POL)],
        flags=[("MISSING_EPISODE", [["G32"], ["G36"]]), ("SELF_HARM", [["G31"], ["G35"]]),
               ("AE_REPEAT", [["G30", "G35", "G37"]]), ("AE_MULTIPLE_SITES", [["G30", "G35", "G37"]]), ("NO_ACCESS", [["G33", "G34"]])],
        hard_negatives=[{"events": ["G33", "G34"], "why": "two no-access visits on different dates"},
                        {"events": ["G32", "G36"], "why": "two different missing episodes"},
                        {"events": ["G35", "G37"], "why": "two attendances at the same ED"},
                        {"events": ["G33", "G43"], "why": "same day, different agencies, different events"}],
        must_not_fire=["INJURY_NON_MOBILE", "GP_CHANGE", "HOUSE_MOVES", "SCHOOL_CHANGE", "HOUSEHOLD_CHANGE", "DOMESTIC_ABUSE_REPEAT", "WAS_NOT_BROUGHT", "CHILD_NOT_SEEN"],
        ambiguous=[])
    return spec


# ---------------------------------------------------------------- case H (control)
def case_h():
    CSC, HV, GP, POL, ED, SCH = "Children's Social Care", "Health Visiting", "GP", "Police", "Emergency Department", "School"
    E = []
    E.append(ev("H01", "2024-06-18", [rep(HV, "Birth of Rosie at Ashcombe Maternity, 39/40, 3.2kg", style=0), rep(CSC, "DOB Rosie", style=5), rep(GP, "Baby registered with practice following birth", style=1)], kind="birth"))
    E.append(ev("H02", "2019-02-11", [rep(CSC, "DOB of sibling Alfie", style=0), rep(SCH, "Alfie DOB (sibling on roll)", style=5)], kind="history"))
    E.append(ev("H03", "2024-03-01", [rep(CSC, "Pre-birth referral from midwife - mum's mental health hx, low mood", precision="month")], kind="history"))
    # child seen every <= 3 weeks from birth
    d = D(2024, 6, 28); k = 0
    texts = [(HV, "New birth visit - Rosie weighed, feeding well (breast), cord healed"), (GP, "6-8 wk check - hips, heart, eyes NAD. Imms discussed"),
             (CSC, "Home visit - Rosie observed asleep in moses basket, home warm"), (HV, "Well baby clinic - wt on 50th centile"),
             (CSC, "Statutory visit, Rosie held by mum, good eye contact"), (GP, "Primary imms given, no concerns"),
             (HV, "Contact at home, Rosie alert, smiling, mum reports sleeping better")]
    while d <= D(2025, 2, 20):
        a, t = texts[k % len(texts)]
        E.append(ev(f"H1{k:02d}", d.isoformat(), [rep(a, t, "yes", style=k % 6)], kind="routine"))
        d += dt.timedelta(days=15 + (k % 3)); k += 1
    E.append(ev("H30", "2024-10-14", [rep(HV, "Mum did not bring Rosie to 4 month clinic review - phoned, forgot, rebooked for Thurs", "no", style=0)], kind="missed_once"))
    E.append(ev("H31", "2024-11-22", [rep(POL, "Call from neighbour re shouting + loud music 23:40. Officers attended - mum and friend playing music, no DA, no offences. Both children asleep & well", "yes", time="23:40", style=1, who="PC Dunmore"),
                                      rep(CSC, "Police notification rec'd re noise complaint - no DA, children checked by officers", "no", style=0)], kind="police_no_da"))
    E.append(ev("H32", "2025-01-09", [rep(SCH, "Alfie (sibling, Y1) bruise to shin, told teacher it was from football at playtime yesterday, consistent", "unknown", who="Class teacher", style=2),], kind="sibling_injury"))
    E.append(ev("H33", "2024-12-30", [rep(ED, "Rosie brought to Ashcombe children's ED - cough, wheeze, bronchiolitis. Obs stable, discharged w/ advice", "yes", time="19:20"),
                                      rep(HV, "ED notification - Rosie seen with bronchiolitis, home same day", "no", style=0),
                                      rep(GP, "A&E letter - bronchiolitis, no f/u needed", "unknown", style=4)], kind="ae_once"))
    E.append(ev("H34", "2024-12-31", [rep(GP, "Mum rang re Rosie’s cough – , telephone advice, settling", "no", style=0)], kind="other"))
    E.append(ev("H35", "2025-02-03", [rep(CSC, "Core group - good progress, consider step down to CIN", "no", style=2, raw_by_round={3: "unknown"}, reject_rounds=[3], from_round=3, to_round=3)], kind="other"))
    E.append(ev("H36", "2024-09-20", [rep(SCH, "Alfie started Reception at Millbeck Primary - settled well", "unknown", style=0)], kind="school_start"))
    fmts = {
        CSC: dict(fmt="xlsx", org="Ashcombe Children's Services", sheet="Chron", name="CSC chronology ROSIE {M}.xlsx",
                  order=["date", "event", "who", "outcome", "seen", "comments"],
                  headers={"date": "Date", "event": "Summary of contact", "who": "Involved", "outcome": "Action/Plan", "seen": "Child seen Y/N", "comments": "Practitioner notes"}),
        HV: dict(fmt="csv", enc="utf-8", name="0-19 service chronology {M}.csv",
                 order=["date", "seen", "event", "who", "outcome", "comments"],
                 headers={"date": "Contact date", "seen": "CYP seen?", "event": "Contact summary", "who": "HV/Nursery nurse", "outcome": "Plan", "comments": "Notes"}),
        GP: dict(fmt="csv", enc="cp1252", name="Millbeck Medical Practice {M}.csv",
                 order=["date", "event", "who", "seen", "outcome", "comments"],
                 headers={"date": "Date of consultation", "event": "Details", "who": "Clinician", "seen": "Seen?", "outcome": "Action", "comments": "Comments"}),
        POL: dict(fmt="docx", org="Wessmoor Police", name="Police info for core group {M}.docx",
                  order=["date", "event", "who", "seen", "outcome", "comments"],
                  headers={"date": "Date/time of incident", "event": "Summary", "who": "Attending officers", "seen": "Children seen", "outcome": "Outcome", "comments": "Notes"}),
        ED: dict(fmt="xlsx_dt", org="Ashcombe University Hospitals", sheet="ED", name="ED attendances {M}.xlsx",
                 order=["date", "event", "outcome", "seen", "who", "comments"],
                 headers={"date": "Arrival date/time", "event": "Reason for attendance", "outcome": "Discharge", "seen": "Patient seen", "who": "Clinician", "comments": "Safeguarding"}),
        SCH: dict(fmt="csv", enc="utf-8", delim=";", name="Millbeck Primary (sibling) {M}.csv",
                  order=["date", "event", "who", "outcome", "seen", "comments"],
                  headers={"date": "Date", "event": "Incident/concern", "who": "Staff", "outcome": "Action taken", "seen": "Child spoken to", "comments": "DSL comments"}),
    }
    spec = dict(
        child={"name": "Rosie PELLING", "first_name": "Rosie", "surname": "PELLING", "dob": "2024-06-18", "dob_text": "18.06.2024",
               "address": "Flat 3, 9 Quarry Row, Ashcombe, AS2 6TD", "sex": "f"},
        period={"from": "2024-02-21", "to": "2025-02-20", "note": "12 months to the latest dated entry (child born 2024-06-18)"},
        rounds=[{"round": 1, "month": "2024-12", "cutoff": "2024-12-19"}, {"round": 2, "month": "2025-01", "cutoff": "2025-01-22"},
                {"round": 3, "month": "2025-02", "cutoff": "2025-02-21"}],
        formats=fmts, events=E, control=True,
        refused=[dict(file="2025-01/Housing update Jan25.docx", reason="no_table", detail="Word document with no table", make=notable_docx, agency="Housing")],
        flags=[],
        hard_negatives=[{"events": ["H33", "H34"], "why": "consecutive days, both about cough, different contacts"},
                        {"events": ["H30", "H32"], "why": "near misses, different children"}],
        must_not_fire=["AE_REPEAT", "AE_MULTIPLE_SITES", "WAS_NOT_BROUGHT", "NO_ACCESS", "CHILD_NOT_SEEN", "DOMESTIC_ABUSE_REPEAT", "HOUSE_MOVES",
                       "SCHOOL_CHANGE", "GP_CHANGE", "HOUSEHOLD_CHANGE", "MISSING_EPISODE", "SELF_HARM", "INJURY_NON_MOBILE"],
        ambiguous=[])
    return spec


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "/tmp/holdout6"
    os.makedirs(root, exist_ok=True)
    bad = 0
    for case, fn in [("case_G", case_g), ("case_H", case_h)]:
        T = build(case, fn(), root); bad += check(root, T)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
