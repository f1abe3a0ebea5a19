#!/usr/bin/env python3
"""Hold-out evaluation cases (set B): school-age children and adolescents, recast from
published UK case reviews.

    python scripts/holdout_reviews_b.py DIR

writes DIR/<case>/... (monthly agency submissions: Word, Excel, CSV) and
DIR/<case>.truth.json in the format of shared/eval/README.md, deterministically
(no randomness: the same cells, rows and truth every run; only the zip/Office
timestamps inside .docx/.xlsx differ).  expected_flags are computed from the truth
rows with the FLAG_RULES.md default thresholds (compute_flags); a rule listed in a
case's `ambiguous` is neither expected nor forbidden; every other rule that does not
fire goes to must_not_fire.  The build asserts that planted rules fire and nothing
else does.  Needs python-docx and openpyxl.

Sources (read as published summaries/opening pages via the stored-pages search; only the
sequence of events, the agency mix, the practice patterns and the professional wording
STYLE were used; nothing is copied, every name, date, place, school, practice and hospital
below is invented):

* hb_b1  <- "Child Y" Serious Case Review, Croydon Safeguarding Children Board, published
  June 2019 (https://croydonlcsb.org.uk/2019/06/child-y-scr/), read with the Board's
  Vulnerable Adolescents Thematic Review (Feb 2019) and its "Child Q - 'Where were you when
  I was six?'" SCR (Charlie Spencer, March 2019).  A 15-year-old boy living with his father
  and older sister; his mother's long-term ill health; contact with police, going missing,
  a stab injury, exclusion from school and transfer to a pupil referral unit.  Recast as
  Reuben ASHWORTH-COLE (15), Harrowfield: stop-and-search, father/son "domestic - verbal
  only" logs, three missing-from-home episodes with return home interviews, an assault
  and a stabbing seen at two different hospitals, a fixed-term exclusion, a managed move
  and a PRU place, a strategy meeting the school was not invited to.  Pattern no single
  agency saw: missing episodes + injuries + school moves = escalating criminal
  exploitation.
* hb_b2  <- Somerset Safeguarding Children Board SCR into the child sexual exploitation of
  Child C and Child Q (Operation Fenestra; published c.2017;
  https://somersetsafeguardingchildren.org.uk/?p=430): referrals from professionals and
  from a parent, an "inappropriate relationship" with a much older man, an overdose and
  hospital admission, going missing, CAMHS referral, repeated suicide attempts; read with
  Surrey Safeguarding Children Partnership, Learning Review "Child B" (Fiona Mainstone,
  In-Trac, Oct 2020, revised for publication Jan 2021), a boy who took four overdoses in
  three months that led to hospitalisation.  Recast as Kacey DOWLING (14), Northgate: a
  mother's new partner (on licence) moves in, an adult male "boyfriend", missing
  episodes, paracetamol overdoses at two hospitals, cutting seen by the school nurse,
  missed CAMHS appointments.  Pattern: ED attendances at different hospitals and missed
  CAMHS appointments, each seen by one agency only.
* hb_b3  <- Croydon Safeguarding Children Board, SCR "Child Q - 'Where were you when I
  was six?'" (Charlie Spencer, March 2019; https://croydonlcsb.org.uk/2019/05/child-q-scr-published/):
  a childhood of moves between homes and schools, a father in and out of prison, an urgent
  school referral to CAMHS at age 9 closed after the family could not be contacted.  Read
  with the Bristol SCB / Safer Bristol "Child D" joint SCR and DHR (Sian Griffiths and
  Deborah Jeremiah, Nov 2017) on multiple needs that individually fall below threshold.
  Recast as Mason TREVELYAN (9), Ashby Vale: section 21 notice, temporary accommodation,
  a new tenancy, father released on licence and moving back in, a CAMHS referral with
  appointments not brought to, no-access visits and a summer with nobody seeing him.

Real-export features used: case-management exports with a "Created"/"Date recorded"
column beside the event date, occurrence/row-number columns, title rows naming the
subject, cover sheets, CPOMS-style CSV (newest first, UTF-8 with BOM; Windows-1252 with a
pound sign), Word template with heading table or Name: paragraphs, header repeated
mid-table, table split at a page break with and without a repeated header, blank rows,
date ranges (12/03-15/03/24), TBC/unknown/impossible dates (rejected), w/c and ? dates,
times as "@ 2pm", "2140hrs", separate Time column, month- and year-only dates.
Refused files: a covering e-mail saved as .txt (hb_b1), another child's chronology
misfiled (hb_b2), a truncated Word attachment (hb_b3).
"""
from __future__ import annotations



import calendar
import csv
import datetime as dt
import io
import json
import os
import re
import zipfile

import docx
import openpyxl
from docx.enum.text import WD_BREAK

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9

SEEN = {
    "": "unknown", "n/a": "unknown", "na": "unknown", "not applicable": "unknown", "-": "unknown",
    "unknown": "unknown", "not known": "unknown",
}


def seen_canon(s):
    t = (s or "").strip().lower()
    if t in SEEN:
        return SEEN[t]
    if re.match(r"^(yes|y\b|seen|spoke)", t):
        return "yes"
    if re.match(r"^(no|n\b|not seen|child not seen|no access)", t):
        return "no"
    raise ValueError(f"no canonical child-seen value for {s!r}")


def _year(y):
    y = int(y)
    if y < 100:
        y += 2000 if y <= 30 else 1900
    return y


def parse_date(s):
    """Parse the date strings this generator writes.  Returns dict(date, precision,
    approximate, time) or None when the date cannot be read (row must be rejected)."""
    if isinstance(s, dt.datetime):
        return dict(date=s.date().isoformat(), precision="day", approximate=False,
                    time=s.strftime("%H:%M") if (s.hour or s.minute) else None)
    if isinstance(s, dt.date):
        return dict(date=s.isoformat(), precision="day", approximate=False, time=None)
    t = s.strip()
    approx = False
    m = re.match(r"^(\?|approx\.?|c\.|circa|w/c|wc|week commencing)\s*", t, re.I)
    if m:
        approx = True
        t = t[m.end():]
    time = None
    m1 = re.search(r"\s+(?:@\s*)?(\d{1,2}):(\d{2})$", t)
    m2 = re.search(r"\s+(?:@\s*)?(\d{4})\s*hrs$", t)
    m3 = re.search(r"\s+@\s*(\d{1,2})\s*(am|pm)$", t, re.I)
    if m1:
        time = f"{int(m1.group(1)):02d}:{m1.group(2)}"
        t = t[:m1.start()]
    elif m2:
        time = f"{m2.group(1)[:2]}:{m2.group(1)[2:]}"
        t = t[:m2.start()]
    elif m3:
        h = int(m3.group(1)) % 12 + (12 if m3.group(2).lower() == "pm" else 0)
        time = f"{h:02d}:00"
        t = t[:m3.start()]
    t = t.strip().rstrip(",")
    # range dd/mm-dd/mm/yy or dd/mm/yy - dd/mm/yy : first day
    m = re.match(r"^(\d{1,2})[/.](\d{1,2})\s*-\s*\d{1,2}[/.]\d{1,2}[/.](\d{2,4})$", t)
    if m:
        t = f"{m.group(1)}/{m.group(2)}/{m.group(3)}"
    m = re.match(r"^(\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\s*-\s*\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$", t)
    if m:
        t = m.group(1)
    m = re.match(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})$", t)
    try:
        if m:
            d = dt.date(_year(m.group(3)), int(m.group(2)), int(m.group(1)))
            return dict(date=d.isoformat(), precision="day", approximate=approx, time=time)
        m = re.match(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})$", t)
        if m and m.group(2).lower() in MONTHS:
            d = dt.date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
            return dict(date=d.isoformat(), precision="day", approximate=approx, time=time)
        m = re.match(r"^([A-Za-z]+)\s+(\d{4})$", t)
        if m and m.group(1).lower() in MONTHS:
            d = dt.date(int(m.group(2)), MONTHS[m.group(1).lower()], 1)
            return dict(date=d.isoformat(), precision="month", approximate=approx, time=None)
        m = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", t)
        if m:
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return dict(date=d.isoformat(), precision="day", approximate=approx, time=time)
        m = re.match(r"^(\d{4})$", t)
        if m:
            return dict(date=f"{m.group(1)}-01-01", precision="year", approximate=approx, time=None)
    except ValueError:
        return None
    return None


# ---------------------------------------------------------------------------
# content model
# ---------------------------------------------------------------------------
class Ev:
    def __init__(self, key, date, kind, summary, tags=None, planted=None, history=False, ambiguous=()):
        self.key, self.date, self.kind, self.summary = key, date, kind, summary
        self.tags = tags or {}
        self.planted, self.history, self.ambiguous = planted, history, list(ambiguous)


class Row:
    """One agency's entry about one event.  `since` = first round it appears in;
    `upd` = {round: {field: value}} corrections from that round on; `until` = last round."""

    def __init__(self, ev, ag, date, text, seen="", who="", out="", com="", since=1, until=99,
                 upd=None, tm=None, cat=""):
        self.ev, self.ag = ev, ag
        self.f = dict(date=date, event=text, seen=seen, who=who, outcome=out, comments=com, time=tm, category=cat)
        self.since, self.until = since, until
        self.upd = upd or {}

    def at(self, rnd):
        f = dict(self.f)
        for r in sorted(self.upd):
            if r <= rnd:
                f.update(self.upd[r])
        return f


class Layout:
    def __init__(self, kind, columns, headers, **kw):
        assert len(columns) == len(headers)
        self.kind, self.columns, self.headers = kind, columns, headers
        self.kw = kw

    def get(self, k, d=None):
        return self.kw.get(k, d)


# ---------------------------------------------------------------------------
# rendering one submission
# ---------------------------------------------------------------------------
def cell_value(role, f, row_no, lay, agency_label, rec_date):
    if role == "date":
        return f["date"]
    if role == "time":
        return f["time"] or ""
    if role == "event":
        return f["event"]
    if role == "agency":
        return agency_label
    if role == "who":
        return f["who"]
    if role == "outcome":
        return f["outcome"]
    if role == "seen":
        return f["seen"]
    if role == "comments":
        return f["comments"]
    if role == "no":
        return str(row_no) if lay.kind != "xlsx" else row_no
    if role == "recorded":
        return rec_date
    if role == "ref":
        return f"{lay.get('ref_prefix', 'CN')}{(hash_int(f['event']) % 900000) + 100000}"
    if role == "recorded_by":
        return lay.get("author", "")
    if role == "category":
        return f["category"]
    raise KeyError(role)


def hash_int(s):
    h = 0
    for ch in s:
        h = (h * 131 + ord(ch)) % 1000000007
    return h


def date_for_cell(f, lay):
    """What goes in the date cell: for xlsx with date_cells, plain day dates become real cells."""
    d = f["date"]
    has_time_col = "time" in lay.columns
    p = parse_date(d) if isinstance(d, str) else parse_date(d)
    if isinstance(d, str) and f["time"] and not has_time_col and p is not None and p["time"] is None:
        raise ValueError(f"row has a time but no time column and no time in date string: {d!r}")
    if lay.kind == "xlsx" and lay.get("date_cells") and isinstance(d, str) and p and p["precision"] == "day" \
            and not p["approximate"] and re.match(r"^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(\s+\d{1,2}:\d{2})?$", d.strip()):
        day = dt.date.fromisoformat(p["date"])
        if p["time"]:
            hh, mm = map(int, p["time"].split(":"))
            return dt.datetime(day.year, day.month, day.day, hh, mm)
        return day
    return d


def truth_cell(v):
    if isinstance(v, dt.datetime):
        return {"datetime": v.strftime("%Y-%m-%dT%H:%M")}
    if isinstance(v, dt.date):
        return {"date": v.isoformat()}
    return v


def write_docx(path, lay, heading, data, title=None):
    """data: list of ('row', cells, rowobj) / ('blank',) / ('header',) / ('split',).
    Returns table/row bookkeeping: list of (tableno, rowno, item)."""
    d = docx.Document()
    d.add_paragraph(title or "MULTI-AGENCY CHRONOLOGY")
    tno = 0
    placed = []
    hmode = lay.get("heading", "table")
    if hmode == "table":
        t = d.add_table(rows=0, cols=4)
        t.style = "Table Grid"
        for a, b, c, e in [("Name", heading["Name"], "DOB", heading["DOB"]),
                           ("Address", heading["Address"], "", ""),
                           ("Agency", heading["Agency"], "Author", heading["Author"])]:
            r = t.add_row().cells
            r[0].text, r[1].text, r[2].text, r[3].text = a, b, c, e
        tno += 1
        d.add_paragraph("")
    elif hmode == "paras":
        for k in ("Name", "DOB", "Address", "Agency", "Author"):
            d.add_paragraph(f"{k}: {heading[k]}")
    for p in lay.get("pre_paras", []):
        d.add_paragraph(p)

    def new_table(with_header=True):
        nonlocal tno
        t = d.add_table(rows=0, cols=len(lay.columns))
        t.style = "Table Grid"
        tno += 1
        if with_header:
            r = t.add_row().cells
            for i, h in enumerate(lay.headers):
                r[i].text = h
        return t

    t = new_table()
    rowno = 1
    tables_meta = [{"table": tno, "header_rows": [1], "blank_rows": []}]
    for item in data:
        if item[0] == "split":
            para = d.add_paragraph("")
            para.add_run().add_break(WD_BREAK.PAGE)
            wh = item[1]
            t = new_table(wh)
            rowno = 1 if wh else 0
            tables_meta.append({"table": tno, "header_rows": [1] if wh else [], "blank_rows": []})
            continue
        r = t.add_row().cells
        rowno += 1
        if item[0] == "header":
            for i, h in enumerate(lay.headers):
                r[i].text = h
            tables_meta[-1]["header_rows"].append(rowno)
        elif item[0] == "blank":
            tables_meta[-1]["blank_rows"].append(rowno)
        else:
            for i, v in enumerate(item[1]):
                r[i].text = str(v)
            placed.append((tno, rowno, item))
    for tm in tables_meta:
        tm["nrows"] = len(d.tables[tm["table"] - 1].rows)
    for p in lay.get("post_paras", []):
        d.add_paragraph(p)
    d.save(path)
    return placed, tables_meta


def write_xlsx(path, lay, heading, data):
    wb = openpyxl.Workbook()
    ws = wb.active
    sheet = lay.get("sheet", "Sheet1")
    if lay.get("cover"):
        ws.title = lay.get("cover_name", "Cover")
        ws.append(["Multi-agency chronology - agency submission"])
        ws.append([])
        for k in ("Name", "DOB", "Address", "Agency", "Author"):
            ws.append([k, heading[k]])
        ws = wb.create_sheet(sheet)
    else:
        ws.title = sheet
    titles = lay.get("title_rows", [])
    r = 0
    title_rows = []
    blank_rows = []
    for tt in titles:
        r += 1
        if tt is None:
            blank_rows.append(r)
            continue
        ws.cell(row=r, column=1, value=tt)
        title_rows.append(r)
    r += 1
    header_rows = [r]
    for i, h in enumerate(lay.headers):
        ws.cell(row=r, column=i + 1, value=h)
    placed = []
    for item in data:
        r += 1
        if item[0] == "blank":
            blank_rows.append(r)
            continue
        if item[0] == "header":
            for i, h in enumerate(lay.headers):
                ws.cell(row=r, column=i + 1, value=h)
            header_rows.append(r)
            continue
        for i, v in enumerate(item[1]):
            c = ws.cell(row=r, column=i + 1, value=v if v != "" else None)
            if isinstance(v, dt.datetime):
                c.number_format = "dd/mm/yyyy hh:mm"
            elif isinstance(v, dt.date):
                c.number_format = "dd/mm/yyyy"
        placed.append((sheet, r, item))
    for i in range(len(lay.headers)):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width = 18 if i else 14
    wb.save(path)
    meta = [{"table": sheet, "header_rows": header_rows, "title_rows": title_rows, "blank_rows": blank_rows,
             "max_row": ws.max_row}]
    return placed, meta


def write_csv(path, lay, data):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(lay.headers)
    line = 1
    placed = []
    blank = []
    for item in data:
        line += 1
        if item[0] == "blank":
            w.writerow([""] * len(lay.headers))
            blank.append(line)
            continue
        w.writerow([v if not isinstance(v, (dt.date, dt.datetime)) else v.strftime("%d/%m/%Y") for v in item[1]])
        placed.append((1, line, item))
    enc = lay.get("encoding", "utf-8-sig")
    with open(path, "w", encoding=enc, newline="") as fh:
        fh.write(buf.getvalue())
    return placed, [{"table": 1, "header_rows": [1], "blank_rows": blank, "nlines": line}]


# ---------------------------------------------------------------------------
# flags, computed from truth rows with the FLAG_RULES.md defaults
# ---------------------------------------------------------------------------
WIN = {"AE_REPEAT": (3, 365), "AE_MULTIPLE_SITES": (2, 365), "WAS_NOT_BROUGHT": (2, 183), "NO_ACCESS": (2, 92),
       "DOMESTIC_ABUSE_REPEAT": (2, 183), "HOUSE_MOVES": (2, 365), "SCHOOL_CHANGE": (2, 365)}
TAG_RULE = {"ae": "AE_REPEAT", "missed": "WAS_NOT_BROUGHT", "noaccess": "NO_ACCESS", "da": "DOMESTIC_ABUSE_REPEAT",
            "move": "HOUSE_MOVES", "school": "SCHOOL_CHANGE"}
SINGLE = {"gp": "GP_CHANGE", "household": "HOUSEHOLD_CHANGE", "missing": "MISSING_EPISODE", "selfharm": "SELF_HARM",
          "injury_nm": "INJURY_NON_MOBILE"}


def compute_flags(events, rows, period_from, period_to):
    """events: list of dict(id, date, tags); rows: truth rows.  Returns expected flags."""
    acc = [x for x in rows if not x["reject"]]
    rdates = {}
    for x in acc:
        rdates.setdefault(x["event"], []).append(x["date"])
    out = []

    def window(ids):
        ds = [d for i in ids for d in rdates[i]]
        return min(ds), max(ds)

    def clusters(evs, n, days, distinct=None):
        evs = sorted(evs, key=lambda e: e["date"])
        hit = set()
        for i, e in enumerate(evs):
            grp = [f for f in evs[i:] if (dt.date.fromisoformat(f["date"]) - dt.date.fromisoformat(e["date"])).days <= days]
            if distinct:
                if len({f["tags"][distinct] for f in grp}) >= n:
                    hit |= {f["id"] for f in grp}
            elif len(grp) >= n:
                hit |= {f["id"] for f in grp}
        # connected groups
        res, cur, last = [], [], None
        for e in evs:
            if e["id"] not in hit:
                continue
            if cur and (dt.date.fromisoformat(e["date"]) - dt.date.fromisoformat(last)).days > days:
                res.append(cur)
                cur = []
            cur.append(e["id"])
            last = e["date"]
        if cur:
            res.append(cur)
        return res

    live = [e for e in events if e["id"] in rdates]
    for tag, rule in TAG_RULE.items():
        evs = [e for e in live if tag in e["tags"]]
        n, days = WIN[rule]
        for c in clusters(evs, n, days):
            s, t = window(c)
            out.append({"rule": rule, "start": s, "end": t, "events": c})
        if tag == "ae":
            n, days = WIN["AE_MULTIPLE_SITES"]
            for c in clusters(evs, n, days, distinct="ae"):
                s, t = window(c)
                out.append({"rule": "AE_MULTIPLE_SITES", "start": s, "end": t, "events": c})
    for tag, rule in SINGLE.items():
        for e in live:
            if tag in e["tags"]:
                s, t = window([e["id"]])
                out.append({"rule": rule, "start": s, "end": t, "events": [e["id"]]})
    # CHILD_NOT_SEEN
    seen = sorted({(x["date"], x["event"]) for x in acc if x["child_seen"] == "yes" and x["precision"] == "day"})
    pf, pt = dt.date.fromisoformat(period_from), dt.date.fromisoformat(period_to)
    prev = None
    for d, e in seen:
        dd = dt.date.fromisoformat(d)
        if prev is not None:
            p = dt.date.fromisoformat(prev[0])
            if (dd - p).days > 28 and dd >= pf and p <= pt:
                out.append({"rule": "CHILD_NOT_SEEN", "start": prev[0], "end": d, "events": [prev[1], e]})
        prev = (d, e)
    first_in = [d for d, _ in seen if dt.date.fromisoformat(d) >= pf]
    before = [d for d, _ in seen if dt.date.fromisoformat(d) < pf]
    if not before and first_in and (dt.date.fromisoformat(first_in[0]) - pf).days > 28:
        raise ValueError("child not seen at the start of the period: add a seen entry")
    if seen and (pt - dt.date.fromisoformat(seen[-1][0])).days > 28:
        raise ValueError("child not seen near the end of the period")
    return out



import datetime as dt
import hashlib
import shutil


RULES = ["AE_REPEAT", "AE_MULTIPLE_SITES", "WAS_NOT_BROUGHT", "NO_ACCESS", "CHILD_NOT_SEEN",
         "DOMESTIC_ABUSE_REPEAT", "HOUSE_MOVES", "SCHOOL_CHANGE", "GP_CHANGE", "HOUSEHOLD_CHANGE",
         "MISSING_EPISODE", "SELF_HARM", "INJURY_NON_MOBILE"]


def recorded_date(d, k):
    """A plausible recording date a few days after the event (never the event's date)."""
    base = dt.date.fromisoformat(d) if d else dt.date(2024, 1, 1)
    return base + dt.timedelta(days=1 + (k % 5))


def build(spec, out_root):
    cid = spec["case_id"]
    case_dir = os.path.join(out_root, cid)
    if os.path.exists(case_dir):
        shutil.rmtree(case_dir)
    os.makedirs(case_dir)
    evs = spec["events"]
    evmap = {e.key: e for e in evs}
    rows_spec = spec["rows"]
    for r in rows_spec:
        assert r.ev in evmap, r.ev
    # event ids in date order
    order = sorted(evs, key=lambda e: (e.date, e.key))
    eid = {e.key: f"E{i + 1:03d}" for i, e in enumerate(order)}
    truth_rows, files = [], []
    for ag in spec["agencies"]:
        for rnd, fname in sorted(ag["files"].items()):
            lay = ag["layout"][rnd] if isinstance(ag["layout"], dict) else ag["layout"]
            heading = dict(ag["heading"])
            heading.update(ag.get("heading_by_round", {}).get(rnd, {}))
            mine = [r for r in rows_spec if r.ag == ag["key"] and r.since <= rnd <= r.until]
            def skey(r):
                p = parse_date(r.at(rnd)["date"])
                return p["date"] if p else evmap[r.ev].date
            mine.sort(key=skey, reverse=(lay.get("order") == "desc"))
            data = []
            inserts = lay.get("inserts", {})
            k = 0
            for i, r in enumerate(mine):
                for it in inserts.get(i, []):
                    data.append(it if isinstance(it, tuple) else (it,))
                f = r.at(rnd)
                k += 1
                cells = []
                p = parse_date(f["date"])
                rec = recorded_date(p["date"] if p else evmap[r.ev].date, k)
                for role in lay.columns:
                    if role == "date":
                        cells.append(date_for_cell(f, lay))
                    elif role == "recorded":
                        cells.append(rec if lay.kind == "xlsx" else rec.strftime("%d/%m/%Y"))
                    else:
                        cells.append(cell_value(role, f, k, lay, ag["label"], rec))
                data.append(("row", cells, r, f))
            for it in inserts.get(len(mine), []):
                data.append((it,))
            path = os.path.join(case_dir, fname)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if lay.kind == "docx":
                placed, meta = write_docx(path, lay, heading, data, title=lay.get("title"))
            elif lay.kind == "xlsx":
                placed, meta = write_xlsx(path, lay, heading, data)
            else:
                placed, meta = write_csv(path, lay, data)
            for tno, rowno, item in placed:
                _, cells, r, f = item
                p = parse_date(f["date"])
                tr = {"file": fname, "table": tno, "row": rowno, "event": eid[r.ev], "reject": p is None}
                if p is None:
                    tr.update(date=None, precision=None, approximate=False, time=None)
                    tr["reject_reason"] = f"date {f['date']!r} cannot be read"
                else:
                    tm = p["time"] or (f["time"] if "time" in lay.columns and f["time"] else None)
                    tr.update(date=p["date"], precision=p["precision"], approximate=p["approximate"], time=tm)
                tr["agency"] = ag["canonical"]
                tr["child_seen"] = seen_canon(f["seen"])
                tr["cells"] = [truth_cell(c) for c in cells]
                truth_rows.append(tr)
            tables = []
            if lay.kind == "docx" and lay.get("heading", "table") == "table":
                tables.append({"table": 1, "role": "heading", "nrows": 3})
            for m in meta:
                m.update(role="chronology", columns=lay.columns, headers=lay.headers)
                tables.append(m)
            if lay.kind == "xlsx" and lay.get("cover"):
                tables.insert(0, {"table": lay.get("cover_name", "Cover"), "role": "cover"})
            fe = {"file": fname, "agency": ag["canonical"], "round": rnd, "month": spec["rounds"][rnd - 1]["month"],
                  "format": lay.kind, "status": "ok", "tables": tables, "rows": len(placed), "heading": heading}
            if lay.kind == "csv":
                fe["encoding"] = lay.get("encoding", "utf-8-sig")
            files.append(fe)
    # refused files
    refused = []
    for rf in spec.get("refused", []):
        path = os.path.join(case_dir, rf["file"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        rf["make"](path)
        e = {k: v for k, v in rf.items() if k != "make"}
        refused.append(e)
        files.append({"file": rf["file"], "status": "refused", "reason": rf["reason"],
                      "format": os.path.splitext(rf["file"])[1].lstrip(".")})
    # events
    by_ev = {}
    for x in truth_rows:
        by_ev.setdefault(x["event"], []).append(x)
    acc_dates = [x["date"] for x in truth_rows if not x["reject"]]
    latest = max(acc_dates)
    lt = dt.date.fromisoformat(latest)
    pfrom = lt.replace(year=lt.year - 1).isoformat()
    events_out = []
    for e in order:
        i = eid[e.key]
        xs = by_ev.get(i, [])
        if not xs:
            raise ValueError(f"{cid}: event {e.key} has no rows")
        events_out.append({
            "id": i, "key": e.key, "date": e.date, "kind": e.kind, "summary": e.summary, "tags": e.tags,
            "ambiguous": e.ambiguous, "history": e.history or e.date < pfrom, "planted": e.planted,
            "agencies": list(dict.fromkeys(x["agency"] for x in xs)),
            "rows": [[x["file"], x["table"], x["row"]] for x in xs if not x["reject"]],
            "rejected_rows": [[x["file"], x["table"], x["row"]] for x in xs if x["reject"]],
        })
    # sanity: rows of one event dated at most 3 days apart (except corrections of the same agency)
    for ev in events_out:
        ds = sorted({x["date"] for x in by_ev[ev["id"]] if not x["reject"] and x["precision"] == "day"})
        if ds and (dt.date.fromisoformat(ds[-1]) - dt.date.fromisoformat(ds[0])).days > 3:
            raise ValueError(f"{cid}: event {ev['key']} rows span {ds}")
    flags = compute_flags([{"id": e["id"], "date": e["date"], "tags": e["tags"]} for e in events_out],
                          truth_rows, pfrom, latest)
    fired = {f["rule"] for f in flags}
    planted = spec["planted"]
    amb = spec.get("ambiguous", [])
    for p in planted:
        assert p in fired, f"{cid}: planted {p} does not fire"
    for f in flags:
        f["planted"] = f["rule"] in planted
    flags = [f for f in flags if f["rule"] not in amb]
    unexpected = {f["rule"] for f in flags} - set(planted)
    assert not unexpected, f"{cid}: rules fire that are not planted: {unexpected}"
    if spec.get("control"):
        assert not flags, f"{cid}: control case fires {flags}"
    must_not = [r for r in RULES if r not in fired and r not in amb]
    hn = [{"events": [eid[k] for k in h["events"]], "why": h["why"]} for h in spec.get("hard_negatives", [])]
    T = {
        "schema": "chrono-eval/1", "case_id": cid, "profile": spec["profile"], "seed": 0,
        "source_review": spec["source"],
        "child": spec["child"], "period": {"from": pfrom, "to": latest,
                                           "note": "12 months to the latest dated entry; CHILD_NOT_SEEN is judged inside it"},
        "rounds": spec["rounds"], "agencies": list(dict.fromkeys(a["canonical"] for a in spec["agencies"])),
        "age_group": spec["age_group"], "control": bool(spec.get("control")), "planted": planted,
        "files": files, "refused_files": refused, "rows": truth_rows,
        "rejected_rows": [[x["file"], x["table"], x["row"]] for x in truth_rows if x["reject"]],
        "events": events_out, "hard_negatives": hn, "expected_flags": flags,
        "must_not_fire": must_not, "ambiguous_rules": amb,
        "stats": {"files": len(files), "accepted_files": len(files) - len(refused), "refused_files": len(refused),
                  "rows": len(truth_rows), "rejected_rows": sum(1 for x in truth_rows if x["reject"]),
                  "events": len(events_out)},
    }
    with open(os.path.join(out_root, f"{cid}.truth.json"), "w", encoding="utf-8") as fh:
        json.dump(T, fh, indent=1, ensure_ascii=False)
    return T


import sys

R = Row

TPL_COLS = ["date", "event", "agency", "who", "outcome", "seen", "comments"]
TPL_HDR = ["Date and Time", "Significant Event", "Professional/Agency", "Who was involved",
           "Decisions/Actions Outcome", "Child Seen/ View obtained", "Author comments"]


def txt_file(text, enc="utf-8"):
    def make(path):
        with open(path, "w", encoding=enc, newline="\r\n") as fh:
            fh.write(text)
    return make


# ===========================================================================
# hb_b1 - recast of Croydon "Child Y" (2019)
# ===========================================================================
def case_b1():
    child = {"name": "Reuben ASHWORTH-COLE", "first_name": "Reuben", "surname": "ASHWORTH-COLE",
             "dob": "2009-06-14", "address": "27 Kestrel Rise, Harrowfield, HF4 2QT", "sex": "m"}
    E = [
        Ev("dob_f", "1978-02-03", "birth_father", "Father born", history=True),
        Ev("dob_c", "2009-06-14", "birth_child", "Child born", history=True),
        Ev("tenancy", "2015-09-01", "tenancy", "Tenancy start at current address", history=True),
        Ev("sep", "2016-01-01", "separation", "Parents separated", history=True),
        Ev("ed2019", "2019-01-01", "ae_history", "ED attendance (wrist) - background", history=True),
        Ev("ref2021", "2021-03-01", "contact", "Contact from school re low mood", history=True),
        Ev("ss1", "2023-11-08", "police_stop", "Stop and search (1)", history=True),
        Ev("m0", "2024-03-14", "school_checkin", "Mentor session"),
        Ev("m1", "2024-03-26", "school_checkin", "Mentor session"),
        Ev("fte1", "2024-04-12", "exclusion", "Fixed-term exclusion 1 day"),
        Ev("asthma", "2024-04-30", "gp_appt", "Asthma review"),
        Ev("ss2", "2024-05-03", "police_stop", "Stop and search (2)"),
        Ev("m2", "2024-05-09", "school_checkin", "Mentor session"),
        Ev("contact1", "2024-05-20", "contact", "Contact from police re stop search - Early Help"),
        Ev("dsl1", "2024-06-05", "school_checkin", "DSL check-in"),
        Ev("da1", "2024-06-07", "domestic", "Father/son verbal argument - police attend",
           tags={"da": 1}, ambiguous=["DOMESTIC_ABUSE_REPEAT"]),
        Ev("eh1", "2024-06-19", "eh_visit", "Early Help home visit"),
        Ev("dsl2", "2024-06-27", "school_checkin", "DSL check-in"),
        Ev("eoy", "2024-07-16", "school_review", "End of year review"),
        Ev("mfh1", "2024-07-19", "missing", "Missing from home (1)", tags={"missing": 1}, planted="MISSING_EPISODE"),
        Ev("rhi1", "2024-07-23", "rhi", "Return home interview (1)"),
        Ev("eh2", "2024-08-14", "eh_visit", "Early Help home visit"),
        Ev("y11", "2024-09-04", "school_checkin", "Start of Y11"),
        Ev("assault", "2024-09-14", "ae", "Assault - ED attendance Harrowfield General",
           tags={"ae": "Harrowfield General Hospital"}, planted="AE_MULTIPLE_SITES"),
        Ev("fte2", "2024-09-26", "exclusion", "Fixed-term exclusion 3 days"),
        Ev("isol", "2024-09-30", "school_incident", "Internal isolation"),
        Ev("strat1", "2024-10-01", "strategy", "Strategy meeting (1)"),
        Ev("att", "2024-10-04", "attendance", "Attendance letter 78%"),
        Ev("s47v", "2024-10-08", "sw_visit", "s47 visit"),
        Ev("mm", "2024-10-14", "school_change", "Managed move to St Aidan's", tags={"school": 1},
           planted="SCHOOL_CHANGE"),
        Ev("s47out", "2024-10-22", "s47_outcome", "s47 concluded - CIN plan"),
        Ev("gpmood", "2024-10-24", "gp_appt", "GP appointment low mood - CAMHS referral"),
        Ev("dsl3", "2024-10-29", "school_checkin", "DSL check-in St Aidan's"),
        Ev("mfh2", "2024-11-02", "missing", "Missing from home (2) - found Kingsford", tags={"missing": 1},
           planted="MISSING_EPISODE"),
        Ev("rhi2", "2024-11-06", "rhi", "Return home interview offered - declined"),
        Ev("cce", "2024-11-08", "assessment", "Exploitation risk assessment - high"),
        Ev("cinv1", "2024-11-12", "sw_visit", "CIN visit"),
        Ev("arrears", "2024-11-15", "housing", "Rent arrears payment plan"),
        Ev("cin1", "2024-11-19", "cin_meeting", "CIN meeting (1)"),
        Ev("da2", "2024-11-20", "domestic", "Father/son argument, door damaged - police attend",
           tags={"da": 1}, ambiguous=["DOMESTIC_ABUSE_REPEAT"]),
        Ev("m3", "2024-11-28", "school_checkin", "Mentor session St Aidan's"),
        Ev("camhs_dna", "2024-12-04", "missed_appt", "CAMHS choice appointment not attended", tags={"missed": 1}),
        Ev("noacc", "2024-12-09", "no_access", "Home visit - no access", tags={"noaccess": 1}),
        Ev("cinv2", "2024-12-11", "sw_visit", "CIN visit"),
        Ev("cin2", "2024-12-18", "cin_meeting", "CIN meeting (2)"),
        Ev("intel", "2024-12-28", "police_intel", "Intelligence - seen with known nominals"),
        Ev("stab", "2025-01-11", "ae", "Stab wound - St Cuthbert's MTC ED, admitted 11-13/01",
           tags={"ae": "St Cuthbert's Major Trauma Centre"}, planted="AE_MULTIPLE_SITES"),
        Ev("strat2", "2025-01-14", "strategy", "Strategy meeting (2)"),
        Ev("s47v2", "2025-01-16", "sw_visit", "s47 visit after stabbing"),
        Ev("wound1", "2025-01-17", "gp_appt", "Practice nurse wound dressing"),
        Ev("hv20", "2025-01-20", "sw_visit", "Home visit - safety plan"),
        Ev("s47out2", "2025-01-28", "s47_outcome", "s47 outcome - CIN continues, MACE"),
        Ev("pex", "2025-01-30", "exclusion", "Permanent exclusion St Aidan's"),
        Ev("panel", "2025-02-05", "education_panel", "Managed move ended - PRU place agreed"),
        Ev("pru", "2025-02-10", "school_change", "Started at Harrowfield Learning Centre (PRU)",
           tags={"school": 1}, planted="SCHOOL_CHANGE"),
        Ev("wound2", "2025-02-12", "gp_appt", "Practice nurse wound check"),
        Ev("cin4", "2025-02-18", "cin_meeting", "CIN meeting (4)"),
        Ev("mfh3", "2025-02-22", "missing", "Missing from home (3)", tags={"missing": 1}, planted="MISSING_EPISODE"),
        Ev("rhi3", "2025-02-25", "rhi", "Return home interview (3) at PRU"),
        Ev("camhs_ia", "2025-03-04", "camhs", "CAMHS initial assessment attended"),
        Ev("asb", "2025-03-05", "housing", "ASB report - youths visiting address"),
        Ev("kw1", "2025-03-06", "school_checkin", "PRU key worker session"),
        Ev("mace", "2025-03-07", "mace", "MACE panel"),
        Ev("cinv3", "2025-03-11", "sw_visit", "CIN visit"),
        Ev("tvisit", "2025-03-12", "housing", "Tenancy officer visit"),
        Ev("cin5", "2025-03-18", "cin_meeting", "CIN review meeting"),
        Ev("kw2", "2025-03-20", "school_checkin", "PRU key worker check-in"),
        Ev("knife", "2024-12-01", "allegation", "Father reports R may carry a knife (date unknown)"),
    ]
    rows = []
    P, C, S, A, G, H = "police", "csc", "school", "ed", "gp", "housing"
    # ---- Police (Eastshire Police, case-management export)
    rows += [
        R("ss1", P, "08/11/2023", "Stop search s23 MDA - Reuben stopped with 2 older males, Westgate Park. Nothing found. Words of advice", "Yes", tm="17:10"),
        R("ss2", P, "03/05/2024", "Stop search - smell of cannabis. Small amount cannabis found. Community resolution. Referral to CSC via MASH", "Yes", tm="16:20"),
        R("da1", P, "07/06/2024", "Domestic - verbal only. Call from father: argument with son (15) about staying out, son left address. Returned 23:40 while officers present. No offences disclosed. DASH N/A (child to parent) - PPN submitted", "Yes", tm="23:10"),
        R("mfh1", P, "19/07/2024", "MFH report - Reuben ASHWORTH-COLE reported missing by father. Risk graded MEDIUM. Located 20/07 03:05 Westgate bus station by patrol, returned home. Safe and well check completed", "Yes", tm="22:30"),
        R("assault", P, "14/09/2024", "Crime - ABH. Reuben victim, assaulted by group of youths Westgate Park. Injury to lip and eye. Conveyed to Harrowfield General ED by father. Declined to give statement. Filed pending further info", "Yes", tm="19:45"),
        R("strat1", P, "01/10/2024", "Strategy discussion - DS Harker (Child Exploitation Unit) attended. Agreed s47 - criminal exploitation concerns", "N/A", tm="10:00"),
        R("mfh2", P, "02/11/2024", "MFH - HIGH risk. Not returned after school. Located 03/11 02:15 Kingsford town centre with 2 adult males (not known). Returned by Kingsford officers. CCE indicators - intel submitted, NRM referral considered", "Yes", tm="21:00"),
        R("da2", P, "20/11/2024", "Domestic - verbal only. Father reports son damaged bedroom door during argument. Son calm on police arrival. Words of advice. PPN to CSC", "Yes", tm="21:55"),
        R("intel", P, "TBC", "Intelligence: Reuben seen in company of known nominals (Kingsford) - date to be confirmed", "", upd={2: {"date": "28/12/2024"}}),
        R("stab", P, "11/01/2025", "Section 18 wounding - Reuben (victim) stabbed L thigh, Kingsford Road. Ambulance to St Cuthbert's MTC. Suspects not identified. Reuben not co-operative", "Yes", tm="00:55"),
        R("strat2", P, "14/01/2025", "Strategy meeting - DS Harker attended. Threshold for s47 met", "", tm="14:00"),
        R("mfh3", P, "22/02/2025", "MFH - HIGH risk. Located 23/02 11:40 at friend's address in Kingsford. Safe and well completed - refused to say where he had been", "Yes", tm="18:30", since=3),
        R("mace", P, "07/03/2025", "MACE panel - Reuben discussed. Police to pursue CBOs / disruption against 2 adults", "N/A", tm="09:30", since=3),
    ]
    # ---- Children's Social Care
    rows += [
        R("dob_f", C, "03/02/78", "DOB of father (Desmond)"),
        R("dob_c", C, "14/06/09", "Reuben born, Harrowfield General Hospital", who="Mother, father"),
        R("sep", C, "2016", "Parents separated. Reuben and Leah remained with father. Mother (Annette) long-term ill health - contact irregular", who="Family"),
        R("ref2021", C, "March 2021", "Contact received from Castlemere Academy - low mood after mother admitted to hospital. NFA, advice to school", "N/A", who="School"),
        R("contact1", C, "20/05/24", "Contact received from Police re stop search 03/05/24. Threshhold not met - stepped down to Early Help", "No", who="Police, MASH",
          upd={2: {"event": "Contact received from Police re stop search 03/05/24. Threshold not met - stepped down to Early Help"}}),
        R("da1", C, "10/06/24", "PPN received re domestic incident 07/06 - verbal argument father/son, police attended. Shared with EH worker", "No", who="Police"),
        R("eh1", C, "19/06/24", "Early Help home visit - Reuben and father seen. Curfew plan agreed", "Yes", who="EH worker K Fenn, father, Reuben"),
        R("mfh1", C, "20/07/24", "Notification of missing episode 19/07-20/07/24 from Police. RHI requested", "No", who="Police"),
        R("rhi1", C, "23/07/24", "Return home interview (Missing Service) - Reuben seen alone. Would not say where he had been, said he 'needed space'", "Yes - seen alone", who="Missing Service worker"),
        R("eh2", C, "14/08/24", "Early Help home visit - Reuben and father seen. Reuben says he is 'fine', plans to go back to school in Sept", "Yes", who="EH worker K Fenn"),
        R("assault", C, "16/09/24", "Police notification: Reuben victim of assault 14/09, seen at ED. Discussed with EH manager - step up to CSC for assessment", "No", who="Police, EH"),
        R("strat1", C, "01/10/24", "Strategy meeting (CSC, Police). School not invited. s47 enquiry agreed - concerns re criminal exploitation", "N/A", who="SW, TM, DS Harker"),
        R("s47v", C, "08/10/24", "s47 visit - Reuben seen alone in bedroom. Disclosed owing money to 'older boys'. Father seen", "Yes - seen alone", who="SW P Nandakumar"),
        R("mm", C, "15/10/24", "School advise managed move to St Aidan's Catholic High started 14/10", "N/A", who="Castlemere DSL",
          upd={2: {"outcome": "Update education details on system"}}),
        R("s47out", C, "22/10/24", "s47 concluded - CIN plan. Risk of CCE. Referral to Exploitation team", "N/A", who="SW, TM"),
        R("mfh2", C, "04/11/24", "Missing notification - Reuben missing 02/11 - 03/11/24, found in Kingsford", "No", who="Police"),
        R("rhi2", C, "06/11/24", "RHI offered - Reuben declined. Father spoken to on phone", "No", who="Missing Service"),
        R("cce", C, "08/11/24", "Exploitation risk assessment completed - HIGH risk (CCE). Referred to MACE", "N/A", who="SW, Exploitation team"),
        R("cinv1", C, "12/11/24", "CIN visit - Reuben seen alone", "Yes - seen alone", who="SW P Nandakumar"),
        R("cin1", C, "19/11/24", "CIN meeting - father, St Aidan's DSL, youth worker. Reuben in lessons - his views shared by SW", "No", who="Professionals"),
        R("da2", C, "21/11/24", "PPN received - domestic incident 20/11 father/son, Reuben damaged door", "No", who="Police"),
        R("noacc", C, "09/12/24", "Home visit - no reply, card left", "No", who="SW P Nandakumar"),
        R("cinv2", C, "11/12/24", "CIN visit - Reuben seen alone", "Yes - seen alone", who="SW P Nandakumar"),
        R("cin2", C, "18/12/24", "CIN meeting - Reuben attended for part of meeting. Plan reviewed", "Yes", who="Father, school, SW"),
        R("stab", C, "11/01-13/01/25", "Notification from St Cuthbert's safeguarding team: Reuben admitted with stab wound to L thigh, discharged 13/01", "No", who="Hospital safeguarding nurse"),
        R("strat2", C, "14/01/25", "Strategy meeting - Police, school, St Cuthbert's safeguarding nurse, GP (report sent). s47 agreed", "N/A", who="Professionals"),
        R("s47v2", C, "16/01/25", "s47 visit - Reuben seen at home, on crutches. Seen alone", "Yes - seen alone", who="SW"),
        R("hv20", C, "20/01/25", "Home visit - Reuben seen with father. Safety plan agreed - not to go to Kingsford", "Yes", who="SW, father"),
        R("s47out2", C, "28/01/25", "s47 outcome - extra-familial harm substantiated. CIN plan continues with exploitation plan, MACE oversight", "N/A", who="SW, TM", since=2),
        R("panel", C, "05/02/25", "St Aidan's confirm managed move ended. Education placement panel - PRU place agreed", "N/A", who="Education", since=2),
        R("cin4", C, "18/02/25", "CIN meeting - PRU (Harrowfield Learning Centre), father. Reuben attended", "Yes", who="Professionals", since=2),
        R("mfh3", C, "24/02/25", "Missing notification 22/02 - 23/02/25", "No", who="Police", since=3),
        R("rhi3", C, "25/02/25", "Return home interview - Reuben seen alone at PRU. Said he stayed at a friend's", "yes, alone", who="Missing Service", since=3),
        R("cinv3", C, "11/03/25", "CIN visit - Reuben seen alone", "Yes - seen alone", who="SW P Nandakumar", since=3),
        R("cin5", C, "18/03/25", "CIN review meeting - Reuben attended with father", "Yes", who="Professionals", since=3),
        R("knife", C, "unknown", "Father reports Reuben 'may have been carrying a knife' - date not given", "", who="Father"),
    ]
    # ---- School (St Aidan's CPOMS export, then the PRU's Word chronology)
    rows += [
        R("m0", S, "14/03/2024", "Mentor session (Castlemere) - R talked about missing mum", "Y", cat="Emotional wellbeing"),
        R("m1", S, "26/03/2024", "Mentor session (Castlemere) - R engaged, goals set", "Y", cat="Emotional wellbeing"),
        R("fte1", S, "12/04/2024", "Fixed-term exclusion 1 day - fighting (Castlemere). Reintegration meeting with father 15/04", "Y", cat="Behaviour"),
        R("m2", S, "09/05/2024", "Mentor session - R says he is being 'stopped by police a lot'", "Y", cat="Emotional wellbeing"),
        R("dsl1", S, "05/06/2024", "DSL check-in - R tired, late 3 times this week", "Y", cat="Safeguarding"),
        R("dsl2", S, "27/06/2024", "DSL check-in - R says home is 'ok'", "Y", cat="Safeguarding"),
        R("eoy", S, "16/07/2024", "End of year review - attendance 81%", "Y", cat="Attendance"),
        R("y11", S, "04/09/2024", "R returned for Y11. Attendance target agreed with father", "Y", cat="Attendance"),
        R("assault", S, "16/09/2024", "Father informed school R was assaulted at weekend (14/09) - bruising to face noted", "Y", cat="Safeguarding"),
        R("fte2", S, "26/09/2024", "Fixed-term exclusion 3 days - threatening behaviour towards staff", "Y", cat="Behaviour"),
        R("isol", S, "31/09/2024", "R in internal isolation all day - refused to hand over phone", "Y", cat="Behaviour",
          upd={2: {"date": "30/09/2024"}}),
        R("att", S, "04/10/2024", "Attendance 78% autumn term to date - letter to parent", "", cat="Attendance"),
        R("mm", S, "14/10/2024", "Managed move agreed at Fair Access Panel - R on roll at St Aidan's Catholic High from 14/10/24", "Y", cat="Transition"),
        R("dsl3", S, "29/10/2024", "DSL (St Aidan's) check-in - settling, attendance 92% since move", "Y", cat="Safeguarding"),
        R("mfh2", S, "04/11/2024", "Father informed school R was missing over the weekend, returned Sunday. R in school, seen by DSL", "Y", cat="Safeguarding"),
        R("cin1", S, "19/11/2024", "CIN meeting attended by DSL", "", cat="Meeting"),
        R("m3", S, "28/11/2024", "Mentor session - R quiet, says he 'owes someone money'", "Y", cat="Emotional wellbeing"),
        R("cin2", S, "18/12/2024", "CIN meeting - DSL attended", "", cat="Meeting"),
        R("stab", S, "13/01/2025", "Father phoned - R in hospital after being stabbed at weekend. Absence authorised", "N", cat="Safeguarding"),
        R("strat2", S, "14/01/2025", "Strategy meeting - DSL attended", "", cat="Meeting"),
        R("pex", S, "30/01/2025", "Permanent exclusion - possession of a bladed article on school site", "Y", cat="Behaviour", since=2),
        R("pru", S, "10/02/2025", "Off roll - R now attending Harrowfield Learning Centre (PRU) from 10/02/25", "", cat="Transition", since=2,
          upd={3: {"event": "Started at Harrowfield Learning Centre - induction meeting with father", "seen": "Yes"}}),
        R("cin4", S, "18/02/2025", "CIN meeting attended by key worker", "", since=3),
        R("mfh3", S, "24/02/2025", "R absent - father reported he was missing over weekend, found Sunday", "No", since=3),
        R("rhi3", S, "25/02/2025", "Return home interview held at centre (room provided)", "Yes", since=3),
        R("kw1", S, "06/03/2025", "Key worker session - R talked about college courses", "Yes", since=3),
        R("kw2", S, "20/03/2025", "Key worker check-in - R positive about college taster day", "Yes", since=3),
    ]
    # ---- ED (trust safeguarding team export)
    rows += [
        R("ed2019", A, "2019", "HGH ED - fractured L wrist, fall from scooter. Discharged to fracture clinic", "Yes"),
        R("assault", A, "14/09/2024 20:32", "Harrowfield General ED - facial injury (split lip, bruised L eye) following assault. Father present. Safeguarding referral form completed", "Yes",
          upd={2: {"outcome": "Referral to CSC sent 15/09"}}),
        R("stab", A, "11/01/2025 01:40", "St Cuthbert's MTC ED - stab wound L thigh. Admitted under trauma team, discharged 13/01/25", "Yes"),
    ]
    # ---- GP
    rows += [
        R("dob_c", G, "14/06/2009", "Registered at birth", ""),
        R("asthma", G, "30/04/24", "Asthma review - attended with father, inhaler technique ok", "Yes", who="Practice nurse"),
        R("assault", G, "16/09/24", "ED letter - attended HGH ED 14/09 following assault, facial injury. No GP follow up needed", "No", who="Dr Mensah"),
        R("gpmood", G, "24/10/24", "Attended alone - low mood, poor sleep. Referred to CAMHS (routine)", "Yes", who="Dr Mensah"),
        R("camhs_dna", G, "04/12/24", "CAMHS letter: did not attend choice appointment. Further appointment to be offered", "No"),
        R("stab", G, "14/01/25", "Discharge summary St Cuthbert's: admitted 11/01-13/01 stab wound L thigh. Wound care by practice nurse", "No", who="Dr Mensah"),
        R("strat2", G, "14/01/25", "Invited to strategy meeting - unable to attend, report sent", ""),
        R("wound1", G, "17/01/25", "Practice nurse - wound dressing L thigh", "Yes", who="PN"),
        R("wound2", G, "12/02/25", "Practice nurse - wound check, healing well", "Yes", who="PN", since=2),
        R("camhs_ia", G, "04/03/25", "CAMHS letter: attended initial assessment", "Yes (by CAMHS)", since=3),
    ]
    # ---- Housing (rounds 1 and 3 only)
    rows += [
        R("tenancy", H, "01/09/2015", "Tenancy start - 27 Kestrel Rise, tenant Mr D Ashworth-Cole", "N/A"),
        R("arrears", H, "15/11/2024", "Rent arrears £412.50 - payment plan agreed with tenant", "N/A"),
        R("asb", H, "05/03/2025", "ASB report from neighbour - groups of youths visiting address late at night. Visit arranged", "N/A", since=3),
        R("tvisit", H, "12/03/2025", "Tenancy officer visit - Mr Ashworth-Cole and Reuben seen. Warning re visitors, no action on tenancy", "Yes", since=3),
    ]
    head = {"Name": "Reuben ASHWORTH-COLE", "DOB": "14/06/2009", "Address": child["address"]}
    police_lay = Layout("xlsx", ["ref", "date", "time", "recorded", "event", "outcome", "seen"],
                        ["Occurrence No", "Date of event", "Time", "Created", "Summary", "Action/Outcome", "Child seen"],
                        sheet="Export", title_rows=["Eastshire Police - Public Protection Unit",
                                                    "Subject: ASHWORTH-COLE, Reuben  DOB 14/06/2009", None],
                        date_cells=False, ref_prefix="EP/")
    police_lay2 = Layout("xlsx", ["ref", "date", "time", "recorded", "event", "outcome", "seen"],
                         ["Occurrence No", "Date of event", "Time", "Created", "Summary", "Action/Outcome", "Child seen"],
                         sheet="Export", title_rows=["Eastshire Police - Public Protection Unit",
                                                     "Subject: ASHWORTH-COLE, Reuben  DOB 14/06/2009", None],
                         date_cells=True, ref_prefix="EP/")
    csc_lay1 = Layout("docx", TPL_COLS, TPL_HDR, heading="table", inserts={14: ["header"], 22: ["blank"]})
    csc_lay2 = Layout("docx", TPL_COLS, TPL_HDR, heading="table", inserts={18: [("split", True)]})
    csc_lay3 = Layout("docx", TPL_COLS, TPL_HDR, heading="table", inserts={20: [("split", False)], 30: ["blank"]})
    cpoms_cols = ["date", "category", "event", "outcome", "recorded_by", "seen"]
    cpoms_hdr = ["Date/Time", "Category", "Incident", "Action taken", "Recorded by", "Seen/spoken to?"]
    school_lay = Layout("csv", cpoms_cols, cpoms_hdr, encoding="utf-8-sig", order="desc", author="Mrs J Okafor (DSL)",
                        inserts={6: ["blank"]})
    school_lay3 = Layout("docx", TPL_COLS, TPL_HDR, heading="paras",
                         pre_paras=["Key: DSL = Designated Safeguarding Lead; FTE = fixed-term exclusion; CIN = Child in Need"],
                         post_paras=["Rows before 10/02/25 copied from CPOMS transfer record (St Aidan's / Castlemere)."])
    ed_lay = Layout("xlsx", ["no", "date", "event", "outcome", "seen"],
                    ["#", "Attendance date/time", "Presentation", "Outcome", "Child seen"], sheet="ED", date_cells=True,
                    title_rows=["Harrowfield & Kingsford Hospitals NHS Trust - safeguarding children team",
                                "ED attendances: Reuben ASHWORTH-COLE 14/06/2009"])
    gp_lay = Layout("docx", TPL_COLS, TPL_HDR, heading="paras")
    housing_lay = Layout("csv", ["ref", "date", "event", "seen", "who", "outcome"],
                         ["Case note ref", "Date", "Note", "Child seen", "People involved", "Outcome"],
                         encoding="cp1252", ref_prefix="HH-")
    agencies = [
        dict(key=P, canonical="Police", label="Eastshire Police",
             files={1: "Jan 25/Police - ASHWORTH-COLE - Jan25.xlsx", 2: "Feb 25/Police - ASHWORTH-COLE - Feb25.xlsx",
                    3: "Mar 25/Police - ASHWORTH-COLE - Mar25.xlsx"},
             layout={1: police_lay, 2: police_lay2, 3: police_lay2},
             heading=dict(head, Agency="Eastshire Police", Author="DC 4471 Marsh")),
        dict(key=C, canonical="Children's Social Care", label="CSC",
             files={1: "Jan 25/CSC chronology RAC Jan 2025.docx", 2: "Feb 25/CSC chronology RAC Feb 2025.docx",
                    3: "Mar 25/CSC chronology RAC Mar 2025 final.docx"},
             layout={1: csc_lay1, 2: csc_lay2, 3: csc_lay3},
             heading=dict(head, Agency="Children's Services", Author="SW Priya Nandakumar")),
        dict(key=S, canonical="School", label="Education",
             files={1: "Jan 25/StAidans_CPOMS_export_Reuben.csv", 2: "Feb 25/StAidans_CPOMS_export_Reuben.csv",
                    3: "Mar 25/HLC chronology Reuben A-C.docx"},
             layout={1: school_lay, 2: school_lay, 3: school_lay3},
             heading=dict(head, Agency="St Aidan's Catholic High", Author="Mrs J Okafor (DSL)"),
             heading_by_round={3: {"Agency": "Harrowfield Learning Centre (PRU)", "Author": "Mr T Doyle (DSL)",
                                   "Name": "ASHWORTH-COLE, Reuben"}}),
        dict(key=A, canonical="Emergency Department", label="",
             files={1: "Jan 25/ED attendances RAC.xlsx", 2: "Feb 25/ED attendances RAC.xlsx", 3: "Mar 25/ED attendances RAC.xlsx"},
             layout=ed_lay, heading=dict(head, Agency="ED", Author="Safeguarding Children Nurse")),
        dict(key=G, canonical="GP", label="GP",
             files={1: "Jan 25/Linden Road MP chronology Jan.docx", 2: "Feb 25/Linden Road MP chronology Feb.docx",
                    3: "Mar 25/Linden Road MP chronology Mar.docx"},
             layout=gp_lay, heading=dict(head, Agency="Linden Road Medical Practice", Author="Dr A Mensah")),
        dict(key=H, canonical="Housing", label="Harrowfield Homes",
             files={1: "Jan 25/Harrowfield Homes case notes.csv", 3: "Mar 25/Harrowfield Homes case notes.csv"},
             layout=housing_lay, heading=dict(head, Agency="Harrowfield Homes", Author="Tenancy Officer")),
    ]
    email = ("From: Nandakumar, Priya\r\nSent: 24 January 2025 16:02\r\nTo: Core group\r\n"
             "Subject: RE: chronology - Reuben\r\n\r\nHi all,\r\nPlease find the merged chronology attached for "
             "Tuesday's core group. Could the PRU send theirs by Monday.\r\nThanks, Priya\r\n")
    return dict(
        case_id="hb_b1", profile="adolescent - criminal exploitation, missing, school moves", age_group="secondary",
        source="Croydon SCB, SCR 'Child Y' (2019) with the Vulnerable Adolescents Thematic Review (2019)",
        child=child,
        rounds=[{"round": 1, "month": "2025-01", "cutoff": "2025-01-24"},
                {"round": 2, "month": "2025-02", "cutoff": "2025-02-21"},
                {"round": 3, "month": "2025-03", "cutoff": "2025-03-21"}],
        agencies=agencies, events=E, rows=rows,
        planted=["MISSING_EPISODE", "SCHOOL_CHANGE", "AE_MULTIPLE_SITES"],
        ambiguous=["DOMESTIC_ABUSE_REPEAT"],
        refused=[dict(file="Jan 25/RE chronology - Reuben.txt", reason="not_chronology",
                      detail="covering e-mail saved as text, not a chronology", make=txt_file(email))],
        hard_negatives=[
            {"events": ["da1", "da2"], "why": "same police wording 'Domestic - verbal only', five months apart"},
            {"events": ["mfh1", "mfh2", "mfh3"], "why": "three separate missing episodes, similar wording"},
            {"events": ["mfh2", "rhi2"], "why": "missing episode and the later RHI offer"},
            {"events": ["cinv1", "cinv2", "cinv3"], "why": "identical wording 'CIN visit - Reuben seen alone' on different dates"},
            {"events": ["assault", "stab"], "why": "two ED attendances after violence at two hospitals"},
            {"events": ["fte1", "fte2"], "why": "two fixed-term exclusions"},
            {"events": ["stab", "strat2"], "why": "GP rows on the same day: discharge summary and strategy meeting"},
            {"events": ["wound1", "wound2"], "why": "practice nurse wound care on different dates"},
            {"events": ["strat1", "strat2"], "why": "two strategy meetings"},
        ],
    )


def other_child_docx(name, dob, agency, author, rows):
    def make(path):
        import docx as _d
        d = _d.Document()
        d.add_paragraph("MULTI-AGENCY CHRONOLOGY")
        t = d.add_table(rows=0, cols=4)
        t.style = "Table Grid"
        for a, b, c, e in [("Name", name, "DOB", dob), ("Address", "41 Millers Court, Northgate", "", ""),
                           ("Agency", agency, "Author", author)]:
            r = t.add_row().cells
            r[0].text, r[1].text, r[2].text, r[3].text = a, b, c, e
        t = d.add_table(rows=1, cols=len(TPL_HDR))
        t.style = "Table Grid"
        for i, h in enumerate(TPL_HDR):
            t.rows[0].cells[i].text = h
        for row in rows:
            cs = t.add_row().cells
            for i, v in enumerate(row):
                cs[i].text = v
        d.save(path)
    return make


# ===========================================================================
# hb_b2 - recast of Somerset CSE SCR (Child C / Child Q) and Surrey Learning Review Child B
# ===========================================================================
def case_b2():
    child = {"name": "Kacey DOWLING", "first_name": "Kacey", "surname": "DOWLING", "dob": "2010-09-03",
             "address": "9 Orchard Way, Northgate, NX7 3LP", "sex": "f"}
    E = [
        Ev("dob_m", "1989-04-22", "birth_mother", "Mother born", history=True),
        Ev("dob_p", "1985-11-02", "birth_partner", "Mother's partner born", history=True),
        Ev("dob_c", "2010-09-03", "birth_child", "Child born", history=True),
        Ev("cin2018", "2018-06-01", "cin_history", "Previous CIN (neglect) closed", history=True),
        Ev("licence", "2023-03-01", "probation", "Partner released on licence", history=True),
        Ev("past1", "2023-12-12", "school_checkin", "Pastoral check-in"),
        Ev("nurse1", "2024-01-08", "school_nurse", "School nurse drop-in"),
        Ev("past2", "2024-01-30", "school_checkin", "Pastoral check-in"),
        Ev("acne", "2024-02-20", "gp_appt", "GP appointment - acne"),
        Ev("past3", "2024-03-12", "school_checkin", "Pastoral check-in"),
        Ev("movein", "2024-03-25", "household", "Mother's partner Lee moves in", tags={"household": 1},
           planted="HOUSEHOLD_CHANGE"),
        Ev("enq", "2024-03-26", "referral", "Probation safeguarding enquiry to MASH"),
        Ev("pvisit", "2024-04-04", "probation_visit", "Probation home visit - address check"),
        Ev("nurse2", "2024-04-08", "school_nurse", "School nurse drop-in"),
        Ev("past4", "2024-04-30", "school_checkin", "Pastoral check-in"),
        Ev("mfh1", "2024-05-17", "missing", "Missing from home (1)", tags={"missing": 1}, planted="MISSING_EPISODE"),
        Ev("rhi1", "2024-05-21", "rhi", "Return home interview (1)"),
        Ev("cut", "2024-06-04", "self_harm", "Cutting seen by school nurse", tags={"selfharm": 1}, planted="SELF_HARM"),
        Ev("od1", "2024-06-15", "overdose", "Paracetamol overdose - Northgate Royal Infirmary ED, admitted",
           tags={"ae": "Northgate Royal Infirmary", "selfharm": 1}, planted="SELF_HARM"),
        Ev("strat", "2024-06-18", "strategy", "Strategy meeting"),
        Ev("s47v", "2024-06-20", "sw_visit", "s47 visit"),
        Ev("checks", "2024-06-21", "checks", "Checks on mother's partner requested"),
        Ev("cse", "2024-07-02", "assessment", "CSE risk assessment"),
        Ev("dna1", "2024-07-10", "missed_appt", "CAMHS appointment not attended (1)", tags={"missed": 1},
           planted="WAS_NOT_BROUGHT"),
        Ev("icpc", "2024-07-11", "icpc", "ICPC - CP plan"),
        Ev("eot", "2024-07-17", "school_checkin", "End of term check-in"),
        Ev("car", "2024-07-22", "police_intel", "Third-party report - seen getting into car"),
        Ev("swv1", "2024-07-30", "sw_visit", "SW visit"),
        Ev("mfh2", "2024-08-10", "missing", "Missing (2) - found in car with adult male", tags={"missing": 1},
           planted="MISSING_EPISODE"),
        Ev("rhi2", "2024-08-13", "rhi", "Return home interview (2)"),
        Ev("cawn", "2024-08-15", "police_action", "CAWN served on adult male"),
        Ev("swv2", "2024-08-28", "sw_visit", "SW visit"),
        Ev("intox", "2024-08-31", "ae", "Alcohol intoxication - NRI ED", tags={"ae": "Northgate Royal Infirmary"},
           planted="AE_REPEAT"),
        Ev("dna2", "2024-09-04", "missed_appt", "CAMHS appointment not attended (2)", tags={"missed": 1},
           planted="WAS_NOT_BROUGHT"),
        Ev("back", "2024-09-05", "school_checkin", "Return to school Y10"),
        Ev("da", "2024-09-14", "domestic", "Mother/partner verbal domestic - police", tags={"da": 1}),
        Ev("core1", "2024-09-24", "core_group", "Core group (1)"),
        Ev("swv3", "2024-09-26", "sw_visit", "SW visit"),
        Ev("contra", "2024-10-01", "gp_appt", "GP - contraception request, concern shared"),
        Ev("rcpc", "2024-10-10", "rcpc", "RCPC"),
        Ev("od2", "2024-10-19", "overdose", "Overdose - Kingsmead Hospital ED, admitted overnight",
           tags={"ae": "Kingsmead Hospital", "selfharm": 1}, planted="SELF_HARM"),
        Ev("swv4", "2024-10-22", "sw_visit", "SW visit"),
        Ev("att", "2024-10-25", "attendance", "Autumn 1 attendance"),
        Ev("noacc", "2024-11-05", "no_access", "Home visit - no access", tags={"noaccess": 1}),
        Ev("swv5", "2024-11-07", "sw_visit", "SW visit"),
        Ev("core2", "2024-11-19", "core_group", "Core group (2)"),
        Ev("nurse3", "2024-11-20", "school_nurse", "School nurse drop-in"),
        Ev("medrev", "2024-11-26", "gp_appt", "GP medication review"),
        Ev("swv6", "2024-12-03", "sw_visit", "SW visit"),
        Ev("intel2", "2024-12-06", "police_intel", "Intel - seen with adult male in breach of CAWN"),
        Ev("past5", "2024-12-12", "school_checkin", "Pastoral check-in"),
        Ev("core3", "2024-12-18", "core_group", "Core group (3)"),
        Ev("bf", "2024-06-20", "allegation", "Mother says K has older boyfriend (date unknown)"),
    ]
    P, C, S, A, G, B = "police", "csc", "school", "ed", "gp", "probation"
    rows = []
    rows += [
        R("mfh1", P, "17/05/24 @ 9pm", "MFH - Kacey DOWLING (14). Reported by mother, not returned from school. Risk MEDIUM. Located 18/05 01:10 Northgate retail park with older youths, returned home", "Yes", out="Missing person report closed. Notification to CSC"),
        R("strat", P, "18/06/24", "Strategy discussion - DC Lowe attended", "N/A"),
        R("car", P, "??/07/24", "Third party report - Kacey seen getting into a silver car driven by adult male, Northgate Park", "N/A",
          upd={2: {"date": "w/c 22/07/24", "outcome": "Intel log created"}}),
        R("mfh2", P, "10/08/24 2140hrs", "MFH - HIGH risk. Located 11/08 02:40 in vehicle with adult male (22) in lay-by A61. Male arrested, released under investigation. CSE risk assessment to be completed", "Yes", out="NRM not met. PPN to CSC"),
        R("cawn", P, "15/08/24", "Child Abduction Warning Notice served on Jay M (22) re Kacey", "N/A"),
        R("intox", P, "31/08/24 2330hrs", "Concern for welfare - Kacey found intoxicated in Northgate Park. Ambulance called, conveyed to NRI", "Yes"),
        R("da", P, "14/09/24 2210hrs", "Domestic - verbal only. Gemma DOWLING and partner Lee PRITCHARD. Child (14) present. DASH: standard. PPN submitted", "Yes"),
        R("intel2", P, "06/12/24", "Intel - Kacey seen with Jay M in Northgate town centre (CAWN in place). Officers to review", "N/A", since=3),
    ]
    rows += [
        R("dob_m", C, "22/04/89", "DOB mother Gemma DOWLING"),
        R("dob_c", C, "03/09/10", "Kacey born"),
        R("cin2018", C, "June 2018", "Previous CIN plan (neglect) closed - improvement in home conditions", "N/A"),
        R("movein", C, "March 2024", "Lee PRITCHARD (mother's partner) moved into the home - not known to CSC until 20/06/24", "N/A"),
        R("rhi1", C, "21/05/24", "Return home interview (Missing Service) - Kacey seen alone at school. Said she was 'just with mates'", "Yes - alone"),
        R("cut", C, "05/06/24", "Contact from school nurse - superficial cuts to forearms seen 04/06. Advice given, consent to refer to CAMHS", "No"),
        R("od1", C, "16/06/24", "Hospital notification: Kacey admitted to paediatric ward after paracetamol overdose 15/06", "No"),
        R("strat", C, "18/06/24", "Strategy meeting - CSC, Police, NRI paediatric liaison. School not present. s47 agreed (CSE concerns)", "N/A"),
        R("s47v", C, "20/06/24", "s47 visit - Kacey seen alone at home. Mother present for part. Mother confirms partner moved in March", "Yes - seen alone"),
        R("checks", C, "21/06/24", "Police and Probation checks requested on Lee PRITCHARD", "N/A"),
        R("cse", C, "02/07/24", "CSE risk assessment completed with Kacey - risk MEDIUM", "Yes"),
        R("icpc", C, "11/07/24", "ICPC - Kacey made subject of CP plan, category sexual abuse", "No"),
        R("swv1", C, "30/07/24", "SW visit - Kacey seen in her room", "Yes"),
        R("mfh2", C, "12/08/24", "PPN - missing 10/08 - 11/08/24, found with adult male", "No"),
        R("rhi2", C, "13/08/24", "Return home interview - Kacey seen alone. Describes Jay as her 'boyfriend'", "Yes - alone"),
        R("swv2", C, "28/08/24", "SW visit - Kacey seen", "Yes"),
        R("intox", C, "02/09/24", "ED notification - NRI attendance 31/08 intoxicated", "No"),
        R("da", C, "16/09/24", "PPN received - domestic 14/09 mother and partner, Kacey present", "No"),
        R("core1", C, "24/09/24", "Core group - school, GP (report), Probation. Kacey did not attend", "No"),
        R("swv3", C, "26/09/24", "SW visit - Kacey seen", "Yes"),
        R("rcpc", C, "10/10/24", "RCPC - CP plan continues. Kacey attended part of conference", "Yes"),
        R("od2", C, "21/10/24", "Notification from Kingsmead Hospital - overdose 19/10, admitted overnight", "No"),
        R("swv4", C, "22/10/24", "SW visit - Kacey seen alone after discharge", "Yes - seen alone"),
        R("noacc", C, "05/11/24", "Home visit - no reply, card left", "No", since=2),
        R("swv5", C, "07/11/24", "SW visit - Kacey seen", "Yes", since=2),
        R("core2", C, "19/11/24", "Core group - Kacey attended", "Yes", since=2),
        R("swv6", C, "03/12/24", "SW visit - Kacey seen", "Yes", since=3),
        R("core3", C, "18/12/24", "Core group - Kacey attended. Plan reviewed", "Yes", since=3),
        R("bf", C, "unknown", "Mother states Kacey 'has a boyfriend in his twenties' - date not known", ""),
    ]
    rows += [
        R("past1", S, "12/12/2023", "Pastoral check-in - friendship issues", "Yes"),
        R("nurse1", S, "08/01/2024", "School nurse drop-in - headaches, sleep", "Yes"),
        R("past2", S, "30/01/2024", "Pastoral check-in", "Yes"),
        R("past3", S, "12/03/2024", "Pastoral check-in - K says mum 'has a new boyfriend'", "Yes"),
        R("nurse2", S, "08/04/2024", "School nurse drop-in", "Yes"),
        R("past4", S, "30/04/2024", "Pastoral check-in - tired, on phone late", "Yes"),
        R("mfh1", S, "20/05/2024", "Mum informed school K was missing Friday night, found by police", "Yes"),
        R("cut", S, "04/06/2024", "School nurse - superficial cuts to L forearm seen. K says she 'did it to cope'. DSL informed, CSC contacted", "Yes"),
        R("od1", S, "17/06/2024", "Mum rang - K in hospital after taking tablets at weekend", "No"),
        R("icpc", S, "11/07/2024", "ICPC attended by DSL - school report shared", ""),
        R("eot", S, "17/07/2024", "End of term check-in with DSL", "Yes"),
        R("back", S, "05/09/2024", "K returned for Y10 - DSL meeting", "Yes"),
        R("core1", S, "24/09/2024", "Core group attended", ""),
        R("rcpc", S, "10/10/2024", "RCPC attended by DSL", ""),
        R("od2", S, "21/10/2024", "K absent - mum reports she was in Kingsmead hospital at weekend", "No"),
        R("att", S, "25/10/2024", "Autumn 1 attendance 84%", ""),
        R("core2", S, "19/11/2024", "Core group attended", "", since=2),
        R("nurse3", S, "20/11/2024", "School nurse drop-in - K talked about sleep and mood", "Yes", since=2),
        R("past5", S, "12/12/2024", "Pastoral check-in", "Yes", since=3),
        R("core3", S, "18/12/2024", "Core group attended", "", since=3),
    ]
    rows += [
        R("od1", A, "15/06/2024 @ 23:15", "NRI ED - intentional overdose paracetamol (approx 16 x 500mg), 4 hrs post ingestion. Admitted paediatric ward 15/06-17/06. CAMHS assessment on ward", "Yes"),
        R("intox", A, "31/08/2024 @ 23:50", "NRI ED - alcohol intoxication, brought in by ambulance, police present. Observed, discharged to mother 01/09 06:00", "Yes"),
        R("od2", A, "19/10/2024 @ 20:10", "Kingsmead Hospital ED - overdose (sertraline + paracetamol). Admitted overnight, discharged 20/10. Self-harm risk assessment", "Yes"),
    ]
    rows += [
        R("dob_c", G, "03/09/2010", "Registered at birth", ""),
        R("acne", G, "20/02/24", "Acne - attended with mother, topical treatment", "Yes", who="Dr Iqbal"),
        R("od1", G, "18/06/24", "Discharge summary NRI: paracetamol overdose 15/06, admitted 2 nights, CAMHS follow up", "No"),
        R("dna1", G, "10/07/24", "CAMHS letter: Kacey did not attend appointment. Re-booked", "No"),
        R("dna2", G, "04/09/24", "CAMHS letter: did not attend second appointment - will discharge if no contact", "No"),
        R("contra", G, "01/10/24", "Attended alone requesting contraception. Age 14 - Fraser assessment, concerns re older partner. Shared with SW", "Yes", who="Dr Iqbal"),
        R("od2", G, "22/10/24", "Kingsmead Hospital letter - overdose 19/10, admitted overnight", "No"),
        R("medrev", G, "26/11/24", "Medication review - sertraline. Kacey seen with mother", "Yes", since=3),
    ]
    rows += [
        R("dob_p", B, "02/11/85", "DOB Lee PRITCHARD (person on probation)"),
        R("licence", B, "March 2023", "Released on licence (s.47 OAPA - violence). Supervision by Northgate PDU", "N/A"),
        R("movein", B, "25/03/24", "Change of address notified - now residing with partner Gemma DOWLING and her daughter (14)", "N/A"),
        R("enq", B, "26/03/24", "Safeguarding enquiry sent to MASH re new address (child in household)", "N/A"),
        R("pvisit", B, "04/04/24", "Home visit - address check. Gemma present, child at school", "No"),
        R("da", B, "16/09/24", "Police notification: domestic incident 14/09 at home address. Licence conditions reviewed, warning letter", "N/A"),
        R("rcpc", B, "10/10/24", "Report submitted to RCPC", "N/A", since=2),
    ]
    head = {"Name": "Kacey DOWLING", "DOB": "03/09/2010", "Address": child["address"]}
    pol = Layout("docx", ["no"] + TPL_COLS[:1] + ["event", "outcome", "seen"],
                 ["Ref", "Date/Time", "Details", "Action taken", "Child seen?"], heading="paras")
    csc1 = Layout("xlsx", ["date", "recorded", "event", "who", "outcome", "seen"],
                  ["Event date", "Date recorded", "Event", "Who was involved", "Outcome", "Child seen"],
                  sheet="Chronology", cover=True, cover_name="Child details", date_cells=True,
                  title_rows=["Chronology report - Kacey DOWLING (03/09/2010)", "Printed from case management system"])
    csc2 = Layout("xlsx", ["date", "recorded", "event", "who", "outcome", "seen"],
                  ["Event date", "Date recorded", "Event", "Who was involved", "Outcome", "Child seen"],
                  sheet="Chronology", date_cells=False,
                  title_rows=["Chronology report - Kacey DOWLING (03/09/2010)", "Printed from case management system", None],
                  inserts={15: ["blank"]})
    sch = Layout("docx", TPL_COLS, TPL_HDR, heading="table", inserts={9: ["header"]})
    sch3 = Layout("docx", TPL_COLS, TPL_HDR, heading="table", inserts={12: [("split", True)]})
    ed = Layout("csv", ["date", "event", "outcome", "seen"], ["Arrival", "Presenting complaint / summary", "Disposal", "Child seen"],
                encoding="utf-8")
    gp = Layout("docx", TPL_COLS, TPL_HDR, heading="paras")
    prob = Layout("xlsx", ["date", "event", "agency", "outcome", "seen"],
                  ["Date", "Entry", "Source", "Action", "Child seen / views"], sheet="Sheet1", date_cells=True)
    agencies = [
        dict(key=P, canonical="Police", label="Northgate Police",
             files={1: "2024-10/Police chronology Kacey D Oct.docx", 2: "2024-11/Police chronology Kacey D Nov.docx",
                    3: "2024-12/Police chronology Kacey D Dec.docx"},
             layout=pol, heading=dict(head, Agency="Northgate Police - MASH", Author="DC 2218 Lowe")),
        dict(key=C, canonical="Children's Social Care", label="",
             files={1: "2024-10/SW chronology DOWLING Oct 24.xlsx", 2: "2024-11/SW chronology DOWLING Nov 24.xlsx",
                    3: "2024-12/SW chronology DOWLING Dec 24.xlsx"},
             layout={1: csc1, 2: csc2, 3: csc2},
             heading=dict(head, Agency="Children's Social Care", Author="SW Hannah Cole")),
        dict(key=S, canonical="School", label="School",
             files={1: "2024-10/Northgate Park Academy chronology Oct.docx", 2: "2024-11/Northgate Park Academy chronology Nov.docx",
                    3: "2024-12/Northgate Park Academy chronology Dec.docx"},
             layout={1: sch, 2: sch, 3: sch3},
             heading=dict(head, Agency="Northgate Park Academy", Author="Ms R Patel (DSL)"),
             heading_by_round={2: {"Name": "DOWLING, Kacey"}}),
        dict(key=A, canonical="Emergency Department", label="",
             files={1: "2024-10/ED_safeguarding_DOWLING.csv", 2: "2024-11/ED_safeguarding_DOWLING.csv",
                    3: "2024-12/ED_safeguarding_DOWLING.csv"},
             layout=ed, heading=dict(head, Agency="ED", Author="Paediatric liaison")),
        dict(key=G, canonical="GP", label="GP",
             files={1: "2024-10/Orchard MC chronology.docx", 2: "2024-11/Orchard MC chronology.docx",
                    3: "2024-12/Orchard MC chronology.docx"},
             layout=gp, heading=dict(head, Agency="Orchard Medical Centre", Author="Dr S Iqbal")),
        dict(key=B, canonical="Probation", label="PDU",
             files={1: "2024-10/Probation - Kacey DOWLING.xlsx", 2: "2024-11/Probation - Kacey DOWLING.xlsx",
                    3: "2024-12/Probation - Kacey DOWLING.xlsx"},
             layout=prob, heading=dict(head, Agency="Probation Service", Author="PO M Gregson")),
    ]
    other = other_child_docx("Kayleigh DOWSON", "15/01/2011", "Northgate Park Academy", "Ms R Patel (DSL)", [
        ["03/09/24", "DSL check-in - Kayleigh upset re friendship group", "Education", "DSL", "", "Yes", ""],
        ["17/09/24", "Attendance meeting with mum", "Education", "Mum, AO", "Attendance plan", "No", ""],
        ["08/10/24", "Kayleigh disclosed online bullying - screenshots kept", "Education", "DSL", "Parents informed", "Yes", ""],
        ["05/11/24", "Early Help assessment started", "Education", "EH worker", "", "N/A", ""],
    ])
    return dict(
        case_id="hb_b2", profile="adolescent - sexual exploitation, overdoses, new partner", age_group="secondary",
        source="Somerset SCB SCR Child C and Child Q (CSE, Operation Fenestra); Surrey SCP Learning Review Child B (2020/21)",
        child=child,
        rounds=[{"round": 1, "month": "2024-10", "cutoff": "2024-10-25"},
                {"round": 2, "month": "2024-11", "cutoff": "2024-11-22"},
                {"round": 3, "month": "2024-12", "cutoff": "2024-12-20"}],
        agencies=agencies, events=E, rows=rows,
        planted=["HOUSEHOLD_CHANGE", "MISSING_EPISODE", "SELF_HARM", "AE_REPEAT", "AE_MULTIPLE_SITES", "WAS_NOT_BROUGHT"],
        # one logged domestic (mother/partner, 14/09) plus the night she was found in a car with her adult
        # "boyfriend" (10/08): a reader could count the latter as relationship abuse -> two in 6 months.
        ambiguous=["DOMESTIC_ABUSE_REPEAT"],
        refused=[dict(file="2024-11/Northgate Park Academy chronology Nov (KD).docx", reason="different_child",
                      detail="chronology for a different child (similar initials) misfiled into this case folder",
                      other_child={"name": "Kayleigh DOWSON", "dob": "2011-01-15", "sibling": False},
                      make=other)],
        hard_negatives=[
            {"events": ["mfh1", "mfh2"], "why": "two missing episodes"},
            {"events": ["od1", "od2"], "why": "two overdoses at two hospitals"},
            {"events": ["od1", "intox"], "why": "two NRI ED attendances, different reasons"},
            {"events": ["dna1", "dna2"], "why": "two CAMHS letters, same wording style"},
            {"events": ["swv1", "swv2", "swv3", "swv5", "swv6"], "why": "identical 'SW visit - Kacey seen' on different dates"},
            {"events": ["core1", "core2", "core3"], "why": "core groups on different dates"},
            {"events": ["rhi1", "rhi2"], "why": "two return home interviews"},
            {"events": ["movein", "enq"], "why": "probation rows on consecutive days"},
            {"events": ["s47v", "checks"], "why": "CSC rows on consecutive days about the partner"},
        ],
    )

def truncated_docx(good_maker):
    def make(path):
        good_maker(path)
        data = open(path, "rb").read()
        with open(path, "wb") as fh:
            fh.write(data[: len(data) // 3])
    return make


# ===========================================================================
# hb_b3 - recast of Croydon "Child Q" (2019) early childhood, with Bristol "Child D" (2017)
# ===========================================================================
def case_b3():
    child = {"name": "Mason TREVELYAN", "first_name": "Mason", "surname": "TREVELYAN", "dob": "2015-11-20",
             "address": "3 Cobbler's Row, Ashby Vale, AV3 1DN", "sex": "m"}
    E = [
        Ev("dob_f", "1987-02-02", "birth_father", "Father born", history=True),
        Ev("dob_m", "1990-07-11", "birth_mother", "Mother born", history=True),
        Ev("dob_c", "2015-11-20", "birth_child", "Child born", history=True),
        Ev("cin2019", "2019-01-01", "cin_history", "Previous CIN (neglect)", history=True),
        Ev("ed2021", "2021-03-01", "ae_history", "ED - chin laceration (background)", history=True),
        Ev("da2022", "2022-10-15", "domestic", "Domestic - father arrested (assault on mother)", tags={"da": 1}, history=True),
        Ev("marac", "2022-11-03", "marac", "MARAC", history=True),
        Ev("sentence", "2022-12-14", "sentence", "Father sentenced 3 years", history=True),
        Ev("hungry", "2024-11-12", "school_checkin", "Hungry at breakfast club"),
        Ev("dsl1", "2024-12-03", "school_checkin", "DSL check-in"),
        Ev("swv1", "2024-12-19", "sw_visit", "CIN home visit"),
        Ev("eczema", "2025-01-09", "gp_appt", "GP eczema review"),
        Ev("uniform", "2025-01-14", "school_checkin", "Uniform unwashed - spoke to mum"),
        Ev("notice", "2025-01-17", "housing", "Section 21 notice served"),
        Ev("att", "2025-02-04", "attendance", "Attendance 81% letter"),
        Ev("ta", "2025-02-14", "move", "Moved to temporary accommodation (Station Lodge)", tags={"move": 1},
           planted="HOUSE_MOVES"),
        Ev("swv2", "2025-02-25", "sw_visit", "SW visit at TA"),
        Ev("ridgeway", "2025-03-03", "school_change", "Started Ridgeway Primary", tags={"school": 1}),
        Ev("dsl2", "2025-03-25", "school_checkin", "DSL check-in Ridgeway"),
        Ev("dadin", "2025-04-11", "household", "Father released on licence, moves in", tags={"household": 1},
           planted="HOUSEHOLD_CHANGE"),
        Ev("swv3", "2025-04-14", "sw_visit", "SW visit - father present"),
        Ev("pvisit", "2025-04-24", "probation_visit", "Probation home visit"),
        Ev("camhsref", "2025-04-28", "referral", "Urgent CAMHS referral by school"),
        Ev("sch1", "2025-05-06", "school_checkin", "SENCo session"),
        Ev("wnb1", "2025-05-08", "missed_appt", "CAMHS - not brought (1)", tags={"missed": 1}, planted="WAS_NOT_BROUGHT"),
        Ev("sch2", "2025-05-27", "school_checkin", "SENCo session"),
        Ev("wnb2", "2025-06-05", "missed_appt", "CAMHS - not brought (2), closed", tags={"missed": 1}, planted="WAS_NOT_BROUGHT"),
        Ev("sch3", "2025-06-17", "school_checkin", "DSL check-in"),
        Ev("cobbler", "2025-06-20", "move", "Moved to 3 Cobbler's Row", tags={"move": 1}, planted="HOUSE_MOVES"),
        Ev("swv4", "2025-06-24", "sw_visit", "SW visit new home"),
        Ev("cfw", "2025-06-30", "police_cfw", "Concern for welfare - child alone outside"),
        Ev("dental", "2025-07-15", "missed_appt", "Dental - not brought", tags={"missed": 1}, planted="WAS_NOT_BROUGHT"),
        Ev("eot", "2025-07-18", "school_checkin", "End of term"),
        Ev("noacc1", "2025-07-22", "no_access", "Home visit - no access (1)", tags={"noaccess": 1}, planted="NO_ACCESS"),
        Ev("noacc2", "2025-08-05", "no_access", "Home visit - no access (2)", tags={"noaccess": 1}, planted="NO_ACCESS"),
        Ev("tvisit", "2025-08-12", "housing", "Tenancy settling-in visit, child not there"),
        Ev("swv5", "2025-08-27", "sw_visit", "SW visit - child seen after summer"),
        Ev("back", "2025-09-03", "school_checkin", "Return to school Y5"),
        Ev("transfer", "2025-09-08", "case_admin", "Case transferred to assessment team"),
        Ev("dsl3", "2025-09-23", "school_checkin", "DSL check-in"),
        Ev("da2025", "2025-09-27", "domestic", "Domestic - verbal, DASH medium", tags={"da": 1}),
        Ev("strat", "2025-09-30", "strategy", "Strategy meeting"),
        Ev("s47v", "2025-10-06", "sw_visit", "s47 visit"),
        Ev("ed", "2025-10-12", "ae", "ED - wrist sprain (trampoline)", tags={"ae": "Ashby Vale General Hospital"}),
        Ev("icpc", "2025-10-16", "icpc", "ICPC - CP plan neglect"),
        Ev("swv6", "2025-10-21", "sw_visit", "SW visit"),
        Ev("core1", "2025-10-28", "core_group", "Core group (1)"),
        Ev("sch4", "2025-11-04", "school_checkin", "DSL check-in"),
        Ev("late", "2025-11-10", "attendance", "Late 4 of 5 days"),
        Ev("arrears", "2025-11-10", "housing", "Rent arrears letter"),
        Ev("core2", "2025-11-18", "core_group", "Core group (2) and visit"),
        Ev("profmeet", "2025-06-30", "meeting", "Professionals meeting (impossible date)"),
    ]
    P, C, S, G, H, B, A = "police", "csc", "school", "gp", "housing", "probation", "ed"
    rows = []
    rows += [
        R("da2022", P, "15/10/2022", "Domestic - physical. Dean TREVELYAN arrested - assault on partner Stacey. Child (6) present. DASH: HIGH", "N/A", tm="01:20", out="Charged. Referral to MARAC"),
        R("marac", P, "03/11/2022", "MARAC - case heard. Actions: police marker on address", "N/A", tm="10:00"),
        R("cfw", P, "30/06/2025", "Concern for welfare - Mason (9) found alone outside address. Mother returned 20:50, said she was at the shop", "Yes", tm="20:30", out="Words of advice. Notification to CSC"),
        R("da2025", P, "27/09/2025", "Domestic - verbal only. Neighbour call re shouting. Stacey and Dean TREVELYAN. Mason in bedroom, seen by officers. DASH: medium", "Yes", tm="23:05", out="PPN submitted. Probation informed", since=2),
        R("strat", P, "30/09/2025", "Strategy meeting - DS Akhtar attended", "N/A", tm="11:00", since=2),
    ]
    rows += [
        R("dob_m", C, "11/07/90", "DOB mother Stacey TREVELYAN"),
        R("dob_f", C, "02/02/87", "DOB father Dean TREVELYAN"),
        R("dob_c", C, "20/11/15", "Mason born"),
        R("cin2019", C, "2019", "CIN plan (neglect) - closed 2020", "N/A"),
        R("da2022", C, "Oct 2022", "PPN re DA - father arrested, later remanded", "N/A"),
        R("sentence", C, "14/12/22", "Father sentenced - 3 years (ABH, domestic)", "N/A"),
        R("swv1", C, "19/12/24", "CIN home visit - Mason seen, home cluttered, little food", "Yes"),
        R("notice", C, "20/01/25", "Mother reports section 21 notice served by landlord. Referred to Housing Options", "N/A"),
        R("ta", C, "17/02/25", "Family placed in temporary accommodation - Station Lodge, Ashby Vale (B&B, one room)", "N/A"),
        R("swv2", C, "25/02/25", "SW visit at TA - Mason seen, sharing bed with mother", "Yes"),
        R("ridgeway", C, "03/03/25", "Mason started Ridgeway Primary (nearer TA)", "N/A"),
        R("dadin", C, "11/04/25", "Probation notify: father released on licence today, approved address Station Lodge with mother and Mason", "N/A"),
        R("swv3", C, "14/04/25", "Home visit - father present. Mason seen, quiet", "Yes"),
        R("camhsref", C, "29/04/25", "Ridgeway Primary made urgent CAMHS referral - CSC informed", "N/A"),
        R("cobbler", C, "23/06/25", "Family moved to 3 Cobbler's Row (council tenancy)", "N/A"),
        R("swv4", C, "24/06/25", "SW visit - new home, Mason seen in his own room", "Yes"),
        R("cfw", C, "01/07/25", "Police notification - Mason found alone outside 30/06", "No"),
        R("noacc1", C, "22/07/25", "Home visit - no reply. Card left", "No"),
        R("noacc2", C, "05/08/25", "Unannounced visit - no answer, neighbour says family 'away'", "No"),
        R("swv5", C, "27/08/25", "Home visit - Mason seen, thin, says he stayed at nan's for summer", "Yes"),
        R("transfer", C, "TBC", "Case transferred to Assessment team", "N/A", upd={2: {"date": "08/09/25"}}),
        R("profmeet", C, "31/06/25", "Professionals meeting - housing, school, CSC", "N/A"),
        R("da2025", C, "29/09/25", "PPN received re domestic 27/09 - parents, Mason at home", "No", since=2),
        R("strat", C, "30/09/25", "Strategy meeting - CSC, police, school, probation. s47 agreed", "N/A", since=2),
        R("s47v", C, "06/10/25", "s47 visit - Mason seen alone at school", "Yes - alone", since=2),
        R("icpc", C, "16/10/25", "ICPC - CP plan, category neglect", "No", since=2),
        R("swv6", C, "21/10/25", "SW visit - Mason seen", "Yes", since=3),
        R("core1", C, "28/10/25", "First core group", "N/A", since=3),
        R("core2", C, "18/11/25", "Core group; home visit after - Mason seen", "Yes", since=3),
    ]
    rows += [
        R("hungry", S, "12/11/2024", "Class teacher: Mason hungry at breakfast club, ate 3 slices of toast (Millbrook)", "Yes"),
        R("dsl1", S, "03/12/2024", "DSL check-in (Millbrook)", "Yes"),
        R("uniform", S, "14/01/2025", "Uniform unwashed - spoke to mum at gate (Millbrook)", "Yes"),
        R("att", S, "04/02/2025", "Attendance 81% - letter to parent (Millbrook)", "Yes"),
        R("ta", S, "17/02/2025", "Mum informed school family moved to B&B in Ashby Vale 14/02 - travel to school difficult", ""),
        R("ridgeway", S, "03/03/2025", "Started at Ridgeway Primary - records requested from Millbrook", "Yes"),
        R("dsl2", S, "25/03/2025", "DSL check-in", "Yes"),
        R("camhsref", S, "28/04/2025", "Urgent referral to CAMHS - Mason talking about wanting to 'disappear'", "Yes"),
        R("sch1", S, "06/05/2025", "SENCo session - emotions work", "Yes"),
        R("sch2", S, "27/05/2025", "SENCo session - emotions work", "Yes"),
        R("sch3", S, "17/06/2025", "DSL check-in - moving house this week", "Yes"),
        R("eot", S, "18/07/2025", "End of term - Mason said he 'doesn't like holidays'", "Yes"),
        R("back", S, "03/09/2025", "Return to school Y5 - mum says summer spent at nan's", "Yes"),
        R("dsl3", S, "23/09/2025", "DSL check-in", "Yes", since=2),
        R("da2025", S, "29/09/2025", "Mason told teacher 'dad shouted and broke the TV' on Saturday night. DSL informed CSC", "Yes", since=2),
        R("ed", S, "13/10/2025", "Arm in sling - mum says he fell off trampoline Sunday, seen at A&E", "Yes", since=2),
        R("icpc", S, "16/10/2025", "ICPC attended by DSL", "", since=2),
        R("core1", S, "28/10/2025", "Core group attended", "", since=3),
        R("sch4", S, "04/11/2025", "DSL check-in", "Yes", since=3),
        R("late", S, "w/c 10/11/25", "Late 4 out of 5 days - attendance officer call to mum", "", since=3),
    ]
    rows += [
        R("dob_c", G, "20/11/2015", "Registered at birth", ""),
        R("eczema", G, "09/01/25", "Eczema review - attended with mother", "Yes"),
        R("ta", G, "17/02/25", "Change of address (temporary accommodation). Remains registered - within practice area", "N/A"),
        R("wnb1", G, "08/05/25", "CAMHS letter - Mason was not brought to first appointment", "No"),
        R("wnb2", G, "05/06/25", "CAMHS letter - not brought again, no response to contact. Referral closed", "No"),
        R("cobbler", G, "23/06/25", "New address 3 Cobbler's Row. Remains registered with practice", "N/A"),
        R("dental", G, "15/07/25", "Community dental: Mason not brought to appointment", "No"),
        R("ed", G, "14/10/25", "ED letter - attended 12/10, sprain R wrist, trampoline", "No", since=2),
        R("icpc", G, "16/10/25", "ICPC - report submitted, GP unable to attend", "N/A", since=2),
    ]
    rows += [
        R("notice", H, "17/01/2025", "Section 21 notice served by private landlord - expires 17/03/25. Prevention duty accepted", "N/A"),
        R("ta", H, "14/02/2025", "Placed in TA - Station Lodge room 6 (B&B). Ms Trevelyan and Mason (9)", "Yes"),
        R("dadin", H, "14/04/2025", "Mr D Trevelyan added to TA occupancy - released from prison", "N/A"),
        R("cobbler", H, "20/06/2025", "Moved to 3 Cobbler's Row - introductory tenancy signed", "N/A"),
        R("tvisit", H, "12/08/2025", "Tenancy settling-in visit - Ms Trevelyan present, Mason at grandmother's", "No"),
        R("arrears", H, "10/11/2025", "Rent arrears letter - £230.00", "N/A", since=3),
    ]
    rows += [
        R("dob_f", B, "02/02/1987", "DOB Dean TREVELYAN (PoP)"),
        R("sentence", B, "14/12/2022", "Sentenced 3 years - ABH (domestic, victim partner)", "N/A"),
        R("dadin", B, "11/04/2025", "Released on licence - approved address Station Lodge rm 6 with partner and son (9)", "N/A"),
        R("pvisit", B, "24/04/2025", "Home visit - Dean and Stacey present, Mason at school", "No"),
        R("da2025", B, "29/09/2025", "Police notify DA incident 27/09 - recall considered, not recalled. Warning", "N/A", since=2),
        R("icpc", B, "16/10/2025", "Report to ICPC", "N/A", since=2),
    ]
    rows += [
        R("ed2021", A, "March 2021", "Ashby Vale General ED - laceration to chin (fall in playground), glued", "Yes"),
        R("ed", A, "12/10/2025 16:40", "Ashby Vale General ED - R wrist sprain, fall from trampoline. Mother present. No concerns", "Yes", since=2),
    ]
    head = {"Name": "Mason TREVELYAN", "DOB": "20/11/2015", "Address": child["address"]}
    pol = Layout("xlsx", ["date", "time", "event", "outcome", "seen"], ["Date", "Time", "Occurrence summary", "Action", "Child seen"],
                 sheet="Chron", cover=True, cover_name="Details", date_cells=True,
                 title_rows=["Ashby Vale Police - chronology", "Subject: TREVELYAN Mason (DOB 20/11/2015)"])
    csc = Layout("docx", TPL_COLS, TPL_HDR, heading="table", inserts={12: ["blank"], 20: [("split", False)]})
    csc3 = Layout("docx", TPL_COLS, TPL_HDR, heading="table", inserts={12: [("split", True)], 25: ["header"]})
    sch = Layout("csv", ["date", "event", "outcome", "seen", "recorded_by"],
                 ["Date", "Concern/Event", "Action", "Child seen/spoken to", "Staff"], encoding="utf-8-sig",
                 author="Mrs L Byrne (DSL)", inserts={5: ["blank"]})
    gp = Layout("docx", TPL_COLS, TPL_HDR, heading="paras")
    hou = Layout("xlsx", ["no", "date", "recorded", "event", "seen"], ["Row No.", "Date", "Created", "Case note", "Child seen"],
                 sheet="Case notes", date_cells=True,
                 title_rows=["Ashby Vale District Council - Housing Options", "Household: TREVELYAN"])
    prob = Layout("docx", TPL_COLS, TPL_HDR, heading="table")
    ed = Layout("xlsx", ["date", "event", "seen"], ["Arrival date/time", "Attendance summary", "Child seen"], sheet="Sheet1",
                date_cells=True)
    agencies = [
        dict(key=P, canonical="Police", label="",
             files={1: "09 - Sept/Police_chronology_TREVELYAN_Sep25.xlsx", 2: "10 - Oct/Police_chronology_TREVELYAN_Oct25.xlsx",
                    3: "11 - Nov/Police_chronology_TREVELYAN_Nov25.xlsx"},
             layout=pol, heading=dict(head, Agency="Ashby Vale Police", Author="PC 1902 Dunn")),
        dict(key=C, canonical="Children's Social Care", label="Social Worker",
             files={1: "09 - Sept/CSC chronology MT Sept.docx", 2: "10 - Oct/CSC chronology MT Oct.docx",
                    3: "11 - Nov/CSC chronology MT Nov.docx"},
             layout={1: csc, 2: csc, 3: csc3}, heading=dict(head, Agency="Children's Social Care", Author="SW Tom Achebe")),
        dict(key=S, canonical="School", label="",
             files={1: "09 - Sept/Ridgeway_Primary_MT_Sep.csv", 2: "10 - Oct/Ridgeway_Primary_MT_Oct.csv",
                    3: "11 - Nov/Ridgeway_Primary_MT_Nov.csv"},
             layout=sch, heading=dict(head, Agency="Ridgeway Primary", Author="Mrs L Byrne (DSL)")),
        dict(key=G, canonical="GP", label="Ashgrove Surgery",
             files={1: "09 - Sept/Ashgrove Surgery chronology MT.docx", 2: "10 - Oct/Ashgrove Surgery chronology MT.docx",
                    3: "11 - Nov/Ashgrove Surgery chronology MT.docx"},
             layout=gp, heading=dict(head, Agency="Ashgrove Surgery", Author="Dr P Whitlock")),
        dict(key=H, canonical="Housing", label="",
             files={1: "09 - Sept/Housing Options TREVELYAN.xlsx", 2: "10 - Oct/Housing Options TREVELYAN.xlsx",
                    3: "11 - Nov/Housing Options TREVELYAN.xlsx"},
             layout=hou, heading=dict(head, Agency="Housing Options", Author="Housing Officer")),
        dict(key=B, canonical="Probation", label="Probation",
             files={1: "09 - Sept/Probation chronology Mason T.docx", 2: "10 - Oct/Probation chronology Mason T.docx",
                    3: "11 - Nov/Probation chronology Mason T.docx"},
             layout=prob, heading=dict(head, Agency="Probation Service", Author="PO Gemma Hale")),
        dict(key=A, canonical="Emergency Department", label="",
             files={1: "09 - Sept/AVGH ED chronology MT.xlsx", 2: "10 - Oct/AVGH ED chronology MT.xlsx",
                    3: "11 - Nov/AVGH ED chronology MT.xlsx"},
             layout=ed, heading=dict(head, Agency="Ashby Vale General ED", Author="Safeguarding nurse")),
    ]
    bad = other_child_docx("Mason TREVELYAN", "20/11/2015", "Ridgeway Primary", "Mrs L Byrne (DSL)", [
        ["03/09/25", "Return to school Y5", "Education", "", "", "Yes", ""],
    ])
    return dict(
        case_id="hb_b3", profile="primary - moves, father released, CAMHS not brought, summer unseen", age_group="primary",
        source="Croydon SCB SCR 'Child Q - Where were you when I was six?' (2019); Bristol SCB/Safer Bristol Child D SCR and DHR (2017)",
        child=child,
        rounds=[{"round": 1, "month": "2025-09", "cutoff": "2025-09-19"},
                {"round": 2, "month": "2025-10", "cutoff": "2025-10-17"},
                {"round": 3, "month": "2025-11", "cutoff": "2025-11-21"}],
        agencies=agencies, events=E, rows=rows,
        planted=["HOUSE_MOVES", "HOUSEHOLD_CHANGE", "WAS_NOT_BROUGHT", "NO_ACCESS", "CHILD_NOT_SEEN"],
        ambiguous=[],
        refused=[dict(file="10 - Oct/Ridgeway_Primary_MT_Oct (1).docx", reason="corrupt",
                      detail="truncated zip (damaged attachment); the CSV was re-sent", make=truncated_docx(bad))],
        hard_negatives=[
            {"events": ["da2022", "da2025"], "why": "two domestic incidents three years apart (below the 6-month rule)"},
            {"events": ["ta", "cobbler"], "why": "two house moves"},
            {"events": ["noacc1", "noacc2"], "why": "two no-access visits"},
            {"events": ["wnb1", "wnb2", "dental"], "why": "three not-brought letters"},
            {"events": ["sch1", "sch2"], "why": "identical wording 'SENCo session - emotions work' three weeks apart"},
            {"events": ["late", "arrears"], "why": "same day, different agencies, different events"},
            {"events": ["core1", "core2"], "why": "two core groups"},
            {"events": ["dadin", "swv3"], "why": "release on licence and the SW visit three days later"},
        ],
    )


# ===========================================================================
# hb_b4 - control case: no rule may fire.  Near-misses in the wording of hb_b1-hb_b3.
# ===========================================================================
def case_b4():
    child = {"name": "Leo FAIRCLOUGH", "first_name": "Leo", "surname": "FAIRCLOUGH", "dob": "2013-05-02",
             "address": "52 Tanner Street, Brackley Moor, BM2 9HS", "sex": "m"}
    E = [
        Ev("dob_m", "1984-08-19", "birth_mother", "Mother born", history=True),
        Ev("dob_c", "2013-05-02", "birth_child", "Child born", history=True),
        Ev("cin_open", "2024-05-14", "assessment", "Assessment - CIN plan (neglect, mother's depression)"),
        Ev("walkin", "2023-08-12", "ae_history", "Walk-in centre - insect bite (background)", history=True),
    ]
    visits = ["2024-07-03", "2024-07-29", "2024-08-22", "2024-09-17", "2024-10-10", "2024-11-05", "2024-11-28",
              "2024-12-19", "2025-01-14", "2025-02-06", "2025-03-04", "2025-03-27", "2025-04-22", "2025-05-15",
              "2025-06-10", "2025-07-03"]
    vtext = ["CIN visit - Leo seen in his room, tidy", "CIN visit - Leo seen, cooked tea with mum",
             "CIN visit - Leo seen alone, talked about football", "CIN visit - Leo seen with mum"]
    rows = []
    C, S, G, P, A = "csc", "school", "gp", "police", "ed"
    for i, d in enumerate(visits):
        k = f"v{i}"
        E.append(Ev(k, d, "sw_visit", "CIN visit"))
        y, m, dd = d.split("-")
        rows.append(R(k, C, f"{dd}/{m}/{y[2:]}", vtext[i % 4], "Yes" if i % 4 != 2 else "Yes - seen alone",
                      since=1 if d <= "2025-05-23" else (2 if d <= "2025-06-20" else 3)))
    school_days = ["2024-07-09", "2024-09-05", "2024-10-01", "2024-10-22", "2024-11-19", "2024-12-10", "2025-01-21",
                   "2025-02-11", "2025-03-11", "2025-04-29", "2025-05-20", "2025-06-17", "2025-07-08"]
    stext = ["Pastoral check-in - happy, settled", "Learning mentor - reading group", "Pastoral check-in - homework club"]
    for i, d in enumerate(school_days):
        k = f"s{i}"
        E.append(Ev(k, d, "school_checkin", "School check-in"))
        y, m, dd = d.split("-")
        rows.append(R(k, S, f"{dd}/{m}/{y}", stext[i % 3], "Y",
                      since=1 if d <= "2025-05-23" else (2 if d <= "2025-06-20" else 3)))
    E += [
        Ev("y6", "2024-07-19", "school_leaving", "Left Brackley Moor Primary (end of Y6)"),
        Ev("y7", "2024-09-04", "school_transition", "Started Y7 at Moorside High (normal transition)"),
        Ev("late", "2024-10-18", "police_call", "Mother phoned 101 - Leo late home, not reported missing"),
        Ev("da", "2024-11-23", "domestic", "Domestic - verbal only, mother and ex-partner at door", tags={"da": 1}),
        Ev("ed", "2025-01-25", "ae", "ED - football injury (ankle)", tags={"ae": "Brackley Moor Hospital"}),
        Ev("scratch", "2025-02-27", "school_nurse", "School nurse - cat scratch, no self-harm concern"),
        Ev("ortho", "2025-03-18", "missed_appt", "Orthodontic appointment - was not brought", tags={"missed": 1}),
        Ev("noacc", "2025-04-08", "no_access", "Home visit - no reply, card left", tags={"noaccess": 1}),
        Ev("cin1", "2024-08-13", "cin_meeting", "CIN meeting"),
        Ev("cin2", "2024-11-12", "cin_meeting", "CIN meeting"),
        Ev("cin3", "2025-02-18", "cin_meeting", "CIN meeting"),
        Ev("cin4", "2025-05-13", "cin_meeting", "CIN review"),
        Ev("gp1", "2024-09-26", "gp_appt", "GP - asthma review"),
        Ev("gp2", "2025-06-05", "gp_appt", "GP - hay fever"),
        Ev("mumgp", "2025-03-06", "parent_health", "Mother - depression review, improving"),
        Ev("close", "2025-07-15", "cin_review", "CIN review - plan to step down to Early Help"),
        Ev("nan", "2025-04-10", "family", "Maternal grandmother visits weekly (does not live there)"),
        Ev("tbc", "2025-01-01", "note", "Dad's contact arrangement - date TBC"),
    ]
    rows += [
        R("dob_m", C, "19/08/84", "DOB mother Claire FAIRCLOUGH"),
        R("dob_c", C, "02/05/13", "Leo born"),
        R("cin_open", C, "14/05/24", "Child and family assessment completed - CIN plan (neglect - home conditions, mother's depression)", "Yes"),
        R("cin1", C, "13/08/24", "CIN meeting - mother, school, GP report. Progress noted", "N/A"),
        R("y7", C, "05/09/24", "Leo started Y7 at Moorside High (transition from Brackley Moor Primary)", "N/A"),
        R("da", C, "25/11/24", "PPN received - verbal argument 23/11 between mother and ex-partner at front door. Leo upstairs. Ex-partner does not live at address", "No"),
        R("cin2", C, "12/11/24", "CIN meeting - plan reviewed", "N/A"),
        R("ed", C, "27/01/25", "Mother informed SW Leo sprained ankle at football 25/01, seen at A&E", "N/A"),
        R("cin3", C, "18/02/25", "CIN meeting - home conditions good", "N/A"),
        R("noacc", C, "08/04/25", "Home visit - no reply, card left. Mother rang later - at hospital appointment", "No"),
        R("nan", C, "10/04/25", "Maternal grandmother visits weekly to help - does not live at the address", "N/A"),
        R("cin4", C, "13/05/25", "CIN review - step down to Early Help being considered", "N/A"),
        R("close", C, "15/07/25", "CIN review - agreed step down to Early Help from September", "Yes", since=3),
        R("tbc", C, "TBC", "Father's contact arrangement to be agreed - date TBC", "N/A"),
    ]
    rows += [
        R("y6", S, "19/07/2024", "Left Brackley Moor Primary - Y6 leavers' assembly (records sent to Moorside High)", "Y"),
        R("y7", S, "04/09/2024", "Started Y7 at Moorside High - normal transition", "Y"),
        R("ed", S, "27/01/2025", "Leo on crutches - mum says football injury at weekend, seen at A&E", "Y"),
        R("scratch", S, "27/02/2025", "School nurse - scratch on forearm from cat. No concerns of self-harm", "Y"),
        R("cin3", S, "18/02/2025", "CIN meeting attended", ""),
        R("cin4", S, "13/05/2025", "CIN review attended", ""),
    ]
    rows += [
        R("dob_c", G, "02/05/2013", "Registered at birth", ""),
        R("walkin", G, "12/08/2023", "Walk-in centre letter - insect bite, antihistamine", "N/A"),
        R("gp1", G, "26/09/24", "Asthma review - Leo attended with mother", "Yes"),
        R("ed", G, "28/01/25", "ED letter - attended 25/01, ankle sprain (football). No follow up", "No"),
        R("mumgp", G, "06/03/25", "Mother - depression review, mood improving, engaging with talking therapy", "N/A"),
        R("ortho", G, "18/03/25", "Orthodontic clinic letter: Leo was not brought, re-booked by mother same day", "No"),
        R("gp2", G, "05/06/25", "Hay fever - seen with mother", "Yes", since=2),
    ]
    rows += [
        R("late", P, "18/10/2024", "Call from mother - son (11) 40 mins late home from football. Arrived home during call. No missing report made", "N/A", tm="19:10"),
        R("da", P, "23/11/2024", "Domestic - verbal only. Mother and ex-partner arguing at front door. Child upstairs, not spoken to. DASH: standard. PPN", "No", tm="20:40"),
    ]
    rows += [
        R("ed", A, "25/01/2025 15:05", "Brackley Moor Hospital ED - L ankle sprain, football tackle. Mother present. No concerns", "Yes"),
    ]
    head = {"Name": "Leo FAIRCLOUGH", "DOB": "02/05/2013", "Address": child["address"]}
    csc = Layout("docx", TPL_COLS, TPL_HDR, heading="table", inserts={10: ["header"]})
    sch = Layout("xlsx", ["date", "event", "outcome", "seen", "recorded_by"],
                 ["Date", "Event", "Action", "Seen", "Staff"], sheet="Chronology", date_cells=True, author="Mr K Lund",
                 title_rows=["Moorside High School - safeguarding chronology (Leo FAIRCLOUGH, 02/05/2013)"])
    gp = Layout("docx", TPL_COLS, TPL_HDR, heading="paras")
    pol = Layout("csv", ["date", "time", "event", "seen"], ["Date", "Time", "Summary", "Child seen"], encoding="utf-8-sig")
    ed = Layout("xlsx", ["date", "event", "seen"], ["Arrival", "Summary", "Seen"], sheet="Sheet1", date_cells=True)
    agencies = [
        dict(key=C, canonical="Children's Social Care", label="Children's Services",
             files={1: "May/CSC chronology Leo F May25.docx", 2: "June/CSC chronology Leo F Jun25.docx",
                    3: "July/CSC chronology Leo F Jul25.docx"},
             layout=csc, heading=dict(head, Agency="Children's Services", Author="SW Aisha Rahman")),
        dict(key=S, canonical="School", label="",
             files={1: "May/Moorside High chronology.xlsx", 2: "June/Moorside High chronology.xlsx",
                    3: "July/Moorside High chronology.xlsx"},
             layout=sch, heading=dict(head, Agency="Moorside High", Author="Mr K Lund")),
        dict(key=G, canonical="GP", label="GP",
             files={1: "May/Tanner St Surgery chronology.docx", 2: "June/Tanner St Surgery chronology.docx",
                    3: "July/Tanner St Surgery chronology.docx"},
             layout=gp, heading=dict(head, Agency="Tanner Street Surgery", Author="Dr E Shaw")),
        dict(key=P, canonical="Police", label="",
             files={1: "May/Police_FAIRCLOUGH.csv", 3: "July/Police_FAIRCLOUGH.csv"},
             layout=pol, heading=dict(head, Agency="Police", Author="PC Ward")),
        dict(key=A, canonical="Emergency Department", label="",
             files={1: "May/BMH ED chronology Leo.xlsx", 2: "June/BMH ED chronology Leo.xlsx",
                    3: "July/BMH ED chronology Leo.xlsx"},
             layout=ed, heading=dict(head, Agency="ED", Author="Liaison HV")),
    ]
    return dict(
        case_id="hb_b4", profile="control - CIN step-down, near-misses only", age_group="secondary", control=True,
        source="control case written in the wording of the hb_b1-hb_b3 sources (no single review)",
        child=child,
        rounds=[{"round": 1, "month": "2025-05", "cutoff": "2025-05-23"},
                {"round": 2, "month": "2025-06", "cutoff": "2025-06-20"},
                {"round": 3, "month": "2025-07", "cutoff": "2025-07-18"}],
        agencies=agencies, events=E, rows=rows, planted=[], ambiguous=[], refused=[],
        hard_negatives=[
            {"events": ["y6", "y7"], "why": "leaving primary and starting secondary: one normal transition, two rows"},
            {"events": ["v0", "v4", "v8", "v12"], "why": "identical CIN-visit wording on different dates"},
            {"events": ["cin1", "cin2", "cin3"], "why": "CIN meetings on different dates"},
            {"events": ["gp1", "gp2"], "why": "two GP appointments"},
        ],
    )


CASES = [case_b1, case_b2, case_b3, case_b4]


def main(argv):
    if len(argv) != 2:
        print(__doc__.split("\n\n")[1])
        return 2
    out = os.path.abspath(argv[1])
    os.makedirs(out, exist_ok=True)
    for mk in CASES:
        T = build(mk(), out)
        st = T["stats"]
        print(f"{T['case_id']}: {st['files']} files, {st['rows']} rows ({st['rejected_rows']} to reject), "
              f"{st['events']} events; flags {[(f['rule'], f['start'], f['end']) for f in T['expected_flags']]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
