#!/usr/bin/env python3
"""Hold-out cases "reviews_d": two recast case reviews and one control case.

    python scripts/holdout_reviews_d.py DIR [--check]

(--check reopens every file and checks each truth row's (table, row) against its cells.)
writes DIR/<case>/... (the monthly agency submissions) and DIR/<case>.truth.json,
deterministically (no randomness, fixed file timestamps are not needed: content only).

Sources (read for the story shape and for how agencies worded their records; no
sentence is copied, and every person, place, school, practice and hospital is invented):

* holdout_rd1 (child under 5) recasts
  "Serious case review: 'John'", Warwickshire Safeguarding Children Board, 2015,
  reported at https://independent.co.uk/news/uk/crime/eviction-of-vulnerable-family-led-to-baby-s-death-says-serious-case-review-a6694391.html
  (a young family known as "children in need" for neglect; threatened with eviction,
  then evicted from a housing-association flat and staying with a relative; a baby born
  six weeks early; housing and children's social care not sharing information; safe
  sleep risks not assessed).  Recast: the subject is the toddler sibling (the review's
  "Amber"), renamed Maisie ORTON; the mother's new partner moving in, the A&E / urgent
  treatment centre attendances at two hospitals, the missed appointments, the two
  no-access visits and the 5-week gap in anyone seeing Maisie after the eviction are
  INVENTED to plant the patterns the story supports (house moves, household change,
  neglect).  Planted: HOUSE_MOVES, HOUSEHOLD_CHANGE, WAS_NOT_BROUGHT, NO_ACCESS,
  CHILD_NOT_SEEN, AE_REPEAT, AE_MULTIPLE_SITES.
* holdout_rd2 (child of 10+) recasts
  "Serious Case Review Claire/Anne", North Tyneside Safeguarding Children Board,
  published 6 January 2020, https://www.northtynesidescp.org.uk/about/serious-case-reviews/
  (siblings who suffered neglect and emotional harm over years; early-help parenting
  support; schools tenacious in raising concerns; direct disclosures by the children not
  met by a multi-agency response).  Recast: the eldest sibling, renamed Kayleigh DUNN (12),
  a young carer for her sister.  INVENTED: the mother's partner on licence (probation),
  the two domestic-abuse call-outs, the missing episode, the self-harm and overdose,
  the two school changes (move of area, then a managed move).  The self-harm thread also
  draws on the East Riding SCR of a 14-year-old (East Riding Safeguarding Children Board,
  2013, http://erscb.org.uk/news/?blogcat=5405: school pastoral team and CAMHS, young
  people who self-harm reluctant to talk).  Planted: DOMESTIC_ABUSE_REPEAT,
  HOUSEHOLD_CHANGE, MISSING_EPISODE, SELF_HARM, SCHOOL_CHANGE.
* holdout_rd3 is a CONTROL case, invented, written in the same practitioner wording:
  one A&E attendance told by three agencies, two missed appointments eight months apart,
  two no-access visits four months apart, one domestic incident, one house move, a
  toddler's bruise while walking, a dental (not GP) registration, a first nursery place,
  a grandmother's weekend visit, a mother's low mood with self-harm denied.  No rule may
  fire (AGENCY_SILENT is not scored).

Formats imitate real submissions: DSCB-style Word tables (heading table, tables split at
a page break with and without a repeated header, a header repeated mid-table, a blank
row), case-management Excel exports (title row naming the subject, date-range row,
row-number column, "Date recorded"/"Created" columns beside the event date, cover
sheet), GP-system CSV in Windows-1252, a school CPOMS-style CSV with a BOM, police
occurrence logs.  Dates are typed as people type them; a few cannot be read (TBC,
31/02, unknown) and must be rejected; one file per case must be refused.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import sys
import zipfile
import io

import openpyxl
from docx import Document

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"])}
MON3 = {k[:3]: v for k, v in MONTHS.items()}
MON3["sept"] = 9


# ---------------------------------------------------------------------------
# date text -> truth (only for the formats this script writes)
# ---------------------------------------------------------------------------
def _y(y):
    y = int(y)
    return y + 2000 if y < 100 else y


def interp(t):
    """Return (iso, precision, approximate, time) or None when the date cannot be read."""
    s = str(t).strip()
    approx = False
    if s.startswith("?"):
        approx, s = True, s[1:].strip()
    if s.lower().startswith("w/c "):
        approx, s = True, s[4:].strip()
    tm = None
    m = re.search(r"\s*(?:@\s*)?(\d{1,2})(?::(\d{2}))?\s*(am|pm)$", s, re.I)
    if m:
        h = int(m.group(1)) % 12 + (12 if m.group(3).lower() == "pm" else 0)
        tm = f"{h:02d}:{m.group(2) or '00'}"
        s = s[:m.start()].strip()
    m = re.search(r"\s+(?:@\s*)?(\d{2}):(\d{2})$", s)
    if m:
        tm = f"{m.group(1)}:{m.group(2)}"
        s = s[:m.start()].strip()
    try:
        m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})", s)
        if m:
            return dt.date(_y(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat(), "day", approx, tm
        m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})", s)
        if m:
            mo = MONTHS.get(m.group(2).lower()) or MON3.get(m.group(2).lower()[:3])
            return dt.date(int(m.group(3)), mo, int(m.group(1))).isoformat(), "day", approx, tm
        m = re.fullmatch(r"([A-Za-z]+)\s+(\d{4})", s)
        if m:
            mo = MONTHS.get(m.group(1).lower()) or MON3.get(m.group(1).lower()[:4]) or MON3.get(m.group(1).lower()[:3])
            return dt.date(int(m.group(2)), mo, 1).isoformat(), "month", approx, None
        m = re.fullmatch(r"(\d{4})", s)
        if m:
            return f"{m.group(1)}-01-01", "year", approx, None
    except (ValueError, TypeError):
        return None
    return None


PLAIN = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?: (\d{2}):(\d{2}))?$")


# ---------------------------------------------------------------------------
# compact event notation
# ---------------------------------------------------------------------------
def R(ag, d, text, seen="u", r=None, who="", out="", fix=None, tfix=None):
    """One agency's row for an event.  d: date as typed; fix: {round: date text from that
    round on}; tfix: {round: text from that round on}; r: first round it appears."""
    return dict(ag=ag, d=d, text=text, seen={"y": "yes", "n": "no", "u": "unknown"}[seen], r=r,
                who=who, out=out, fix=fix or {}, tfix=tfix or {})


def E(eid, kinds, summary, *rows):
    return dict(id=eid, kinds=kinds, summary=summary, rows=list(rows))


# ---------------------------------------------------------------------------
# CASE rd1: toddler, eviction, new partner (recast of Warwickshire "John", 2015)
# ---------------------------------------------------------------------------
CSC, HV, GP, ED, HOU, MW, POL, SCH, PRO = ("Children's Social Care", "Health Visiting", "GP",
                                          "Emergency Department", "Housing", "Midwifery", "Police",
                                          "School", "Probation")

RD1_EVENTS = [
    E("A01", "", "Maisie born",
      R(MW, "09/05/2023", "SVD at 38+2, live female infant 2.91kg. Mother Shannon (19). Discharged day 2 to 14 Calder Walk.", "y", r=1, who="MW team, Kingsmead Maternity"),
      R(HV, "9th May 2023", "Birth notification received – Maisie, term, 2.91kg", "u", r=1, who="HV admin")),
    E("A02", "", "Referral from HV re home conditions, NFA",
      R(CSC, "Sept 2023", "Referral from HV – home conditions poor, dog faeces on floor, mother struggling. C&F assessment – NFA, signposted to Family Hub", "u", r=1)),
    E("A03", "", "GP: seen ear infection",
      R(GP, "26/02/24", "Seen with mum. L otitis media. Amoxicillin 125mg/5ml TDS 5/7", "y", r=1, who="Dr P Nair")),
    E("A04", "", "HV 9-12 month review",
      R(HV, "20/03/24", "9-12 month review at home. Maisie seen – crawling, pulling to stand. Home cluttered, dog faeces in garden. Advice re home safety", "y", r=1, who="HV Claire Dobson")),
    E("A05", "", "GP imms 12m",
      R(GP, "11/04/24", "Imms – 12/12 MMR, PCV, MenB, Hib/MenC given. Child seen", "y", r=1, who="PN Sue Hart")),
    E("A05b", "", "HV clinic weight April",
      R(HV, "30.04.24", "Baby clinic – Maisie weighed (8.6kg, 25th centile). Seen with mum", "y", r=1, who="CN Tracy Abbott")),
    E("A06", "", "Notice seeking possession",
      R(HOU, "29/04/24", "Notice Seeking Possession served – arrears £1,840. Tenancy sustainment referral offered, declined by tenant", "u", r=1, who="Housing Officer K Bell")),
    E("A07", "", "Re-referral from housing to CSC",
      R(CSC, "02/05/24", "Contact from Calder Housing Assoc – arrears, NSP served, concerns re toddler in home. Accepted for C&F assessment", "u", r=1, who="MASH")),
    E("A08", "", "CSC assessment visit",
      R(CSC, "14/05/24", "C&F assessment home visit – Maisie seen asleep in cot, then awake and interactive", "y", r=1, who="SW Amir Khan")),
    E("A09", "", "HV visit June",
      R(HV, "06/06/24", "Home visit – Maisie seen, walking with support, weight 8.9kg. Mum tearful re money", "y", r=1, who="HV Claire Dobson")),
    E("A10", "", "CSC visit: partner 'staying some nights'",
      R(CSC, "26/06/24", "Assessment visit – Maisie seen. Mum says new boyfriend Dean 'stays over some nights', does not live here. Plan: CIN", "y", r=1, who="SW Amir Khan")),
    E("A11", "ae:Kingsmead General Hospital", "ED 1: fall from sofa, bump to forehead",
      R(ED, "03/07/24 19:40", "Kingsmead ED. Fall from sofa onto laminate floor approx 1 hr before. 2cm haematoma L forehead. Walking independently, no LOC, GCS 15. Head injury advice, discharged", "y", r=1, who="Dr L Osei (ED)", out="Discharged home"),
      R(GP, "05/07/24", "A&E discharge letter – Kingsmead. Minor head injury, fall from sofa. No GP action", "u", r=1),
      R(HV, "06/07/24", "ED notification received (attendance 03/07 – fall from sofa). Telephoned mum – Maisie 'back to normal'", "n", r=1, who="HV Claire Dobson")),
    E("A12", "household", "Dean moved into the home (HV visit)",
      R(HV, "17/07/24", "Home visit. Maisie seen. Mum reports partner Dean MARSDEN has now moved in. Dean not present. Info shared with SW", "y", r=1, who="HV Claire Dobson")),
    E("A13", "", "CSC call from HV about Dean",
      R(CSC, "18/07/24", "Telephone call from HV: mother's partner Dean MARSDEN living at the address. PNC and LADO checks requested", "u", r=1, who="SW Amir Khan")),
    E("A14", "", "GP seen cough",
      R(GP, "07/08/24", "Seen with mother and Dean. Cough 5/7, nappy rash. Chest clear. Emollient and barrier cream", "y", r=1, who="Dr P Nair")),
    E("A15", "", "HV visit cluttered",
      R(HV, "28/08/24", "Home visit – Maisie seen. Home very clutered, no stair gate, dog loose. Home safety equipment referal", "y", r=1, who="HV Claire Dobson",
        tfix={2: "Home visit – Maisie seen. Home very cluttered, no stair gate, dog loose. Home safety equipment referral"})),
    E("A16", "", "Antenatal booking",
      R(MW, "05/09/24", "Booking appt – Shannon 10+3/40. Lives with partner Dean and daughter Maisie (16m). Housing worries disclosed. Routine enquiry re DA – none", "u", r=1, who="MW Gemma Lowe")),
    E("A17", "", "CIN visit Sept",
      R(CSC, "18/09/24", "CIN visit – Maisie seen, playing. Eviction warning discussed; mum says 'it'll sort itself'", "y", r=1, who="SW Amir Khan")),
    E("A18", "wnb", "Antenatal DNA",
      R(MW, "09/10/24", "Antenatal appt 16/40 – DNA. Letter sent, new appt given", "u", r=1, who="MW Gemma Lowe")),
    E("A19", "", "HV clinic weight",
      R(HV, "10/10/24", "Seen at Calder Family Hub clinic – weight 9.6kg (9th centile, dropped from 25th). Diet advice", "y", r=1, who="CN Tracy Abbott")),
    E("A20", "wnb", "GP: was not brought to chest review",
      R(GP, "15/10/24", "Was not brought – GP review of recurrent chest infections. WNB letter to parent, HV informed", "n", r=1, who="Dr P Nair")),
    E("A21", "", "CIN review at home",
      R(CSC, "05/11/24", "CIN review meeting held at home – Maisie present and seen. Dean did not attend", "y", r=1, who="SW Amir Khan")),
    E("A22", "wnb", "HV 2-year review not brought",
      R(HV, "13/11/24", "18-24 month review at clinic – not brought. No contact from mum. Appt re-sent", "n", r=1, who="HV Claire Dobson")),
    E("A23", "", "GP seen wheeze",
      R(GP, "20/11/24", "Seen with mum. Cough, wheeze. Salbutamol inhaler via spacer. Safety-net advice", "y", r=1, who="Dr R Evans")),
    E("A24", "", "Possession order granted",
      R(HOU, "31/11/24", "Possession order granted at County Court – 28 days", "u", r=2, fix={3: "28/11/24"}, who="Housing Officer K Bell")),
    E("A25", "ae:St Luke's Hospital UTC", "UTC 2: burn to palm",
      R(ED, "04/12/24 22:15", "St Luke's Urgent Treatment Centre. Superficial burn R palm – touched oven door per mum. Dressing applied. Walking, no other marks seen", "y", r=1, who="ENP J Carver", out="Discharged, GP dressing check"),
      R(HV, "05/12/24", "ED notification – burn to R hand, St Luke's UTC 04/12. HV to discuss home safety at next visit", "n", r=1, who="HV Claire Dobson"),
      R(GP, "06/12/24", "UTC letter rec'd: superficial burn R palm, dressed. Nurse dressing check booked", "u", r=1)),
    E("A26", "", "HV 2-year review done at home",
      R(HV, "11/12/24", "18-24 month review completed at home (rebooked). Maisie seen – walking, few words. ASQ borderline communication", "y", r=1, who="HV Claire Dobson")),
    E("A27", "", "CSC visit Christmas, no gas credit",
      R(CSC, "30/12/24", "CIN visit – Maisie seen. Home cold, no gas credit. Emergency fuel voucher given", "y", r=1, who="SW Amir Khan")),
    E("A28", "move", "Eviction; staying with MGM",
      R(HOU, "06/01/25", "Eviction carried out by county court bailiffs at 14 Calder Walk. Household left to stay with maternal grandmother at 3 Poplar Row. Belongings incl. cot left in flat", "u", r=1, who="Housing Officer K Bell"),
      R(CSC, "TBC", "Housing inform family evicted, now staying with MGM Maureen at 3 Poplar Row", "u", r=1, fix={2: "07/01/25"}, who="SW Amir Khan")),
    E("A29", "noaccess", "HV no access at Poplar Row",
      R(HV, "14/01/25", "Planned home visit at 3 Poplar Row – no answer. Card left", "n", r=1, who="HV Claire Dobson")),
    E("A30", "noaccess", "CSC no access at Poplar Row",
      R(CSC, "21/01/25", "Unannounced CIN visit – no access. MGM spoke through window, said Shannon and Maisie 'out'", "n", r=2, who="SW Amir Khan")),
    E("A31", "", "Antenatal 30/40 attended alone",
      R(MW, "28/01/25", "Antenatal 30/40 – Shannon attended alone. Reports Maisie well, 'at my mam's'. BP normal", "n", r=2, who="MW Gemma Lowe")),
    E("A32", "ae:Kingsmead General Hospital", "ED 3: viral wheeze",
      R(ED, "05/02/25 10:50", "Kingsmead ED. Brought by MGM – fever and wheeze 2 days. Obs 4 hrs, salbutamol. Discharged", "y", r=2, who="Dr A Field", out="Discharged"),
      R(CSC, "06/02/25", "Notification: Maisie attended Kingsmead A&E 05/02 with wheeze, brought by MGM", "u", r=2, who="SW Amir Khan"),
      R(GP, "07/02/25", "A&E letter – viral induced wheeze. Review if needed", "u", r=2)),
    E("A33", "move", "Moved into temporary accommodation",
      R(HOU, "12/02/25", "Homeless duty accepted. Placed in temporary accommodation – Room 4, Ashgrove House, Kingsmead", "u", r=2, who="Housing Options"),
      R(CSC, "13/02/25", "Family moved into TA at Ashgrove House (one room)", "u", r=2, who="SW Amir Khan"),
      R(HV, "w/c 10/02/25", "Family moved to Ashgrove House TA (informed by Housing)", "u", r=2, who="HV Claire Dobson")),
    E("A34", "", "HV visit at Ashgrove",
      R(HV, "19/02/25", "Home visit at Ashgrove House – Maisie seen. One room, no cot, Maisie sleeping in parents' bed. Safe sleep advice given re baby due", "y", r=3, who="HV Claire Dobson")),
    E("A35", "", "Riley born preterm",
      R(MW, "24/02/25 @ 11pm", "Admitted in preterm labour 34+1. Baby boy Riley born 23:05, to SCBU", "u", r=3, who="Delivery suite"),
      R(CSC, "25/02/25", "Midwifery inform baby Riley born prematurely yesterday, in SCBU", "u", r=3, who="SW Amir Khan"),
      R(HV, "26/02/25", "Birth notification – Riley, 34/40, SCBU", "u", r=3)),
    E("A36", "", "ICPC",
      R(CSC, "05/03/25", "Initial child protection conference – Maisie and Riley subject to CP plans, category neglect", "n", r=3, who="IRO M Greaves")),
    E("A37", "", "HV new birth visit",
      R(HV, "10/03/25", "New birth visit (Riley discharged from SCBU 07/03). Maisie seen; Riley seen. Moses basket now in place", "y", r=3, who="HV Claire Dobson")),
    E("A38", "", "GP eczema",
      R(GP, "14/03/25", "Seen with mum – eczema flare. Emollients. Child seen", "y", r=3, who="Dr R Evans")),
    E("A39", "", "GP summary of previous records – undated",
      R(GP, "unknown", "Previous records summarised (paper notes)", "u", r=1)),
    E("A40", "", "Housing tenancy start",
      R(HOU, "March 2022", "Assured tenancy start – 14 Calder Walk (sole tenant Shannon ORTON)", "u", r=1)),
]

# ---------------------------------------------------------------------------
# CASE rd2: eldest sibling, 12 (recast of North Tyneside "Claire/Anne", 2020)
# ---------------------------------------------------------------------------
RD2_EVENTS = [
    E("B01", "", "Early help parenting support",
      R(CSC, "2016", "Early Help – parenting support (Triple P) following school concerns re neglect. Closed 2017, 'goals met'", "u", r=1)),
    E("B02", "", "School referral 2019, NFA",
      R(CSC, "March 2019", "Referral from primary school – Kayleigh said mum's boyfriend 'shouts all the time'. NFA after checks", "u", r=1),
      R(SCH, "Mar 2019", "(From CTF file) Referral to MASH – K disclosure re shouting at home. Outcome: NFA", "u", r=1)),
    E("B03", "", "School: seen re attendance",
      R(SCH, "22/05/2024 09:40", "K seen by DSL re attendance (84%). Says she is 'tired'", "y", r=1, who="Mrs H Lyle (DSL)")),
    E("B04", "", "Young carer disclosure",
      R(SCH, "14/06/2024 12:15", "K told DSL she makes Jodie's packed lunch and takes her to school as mum 'sleeps in'. Young carers referral", "y", r=1, who="Mrs H Lyle (DSL)")),
    E("B05", "", "Early help assessment visit",
      R(CSC, "20/06/24", "Early Help assessment home visit – Kayleigh and Jodie seen. Fridge nearly empty. Mum engaged", "y", r=1, who="EH worker Sam Pryce")),
    E("B06", "da", "DA 1: verbal argument",
      R(POL, "06/07/2024 23:10", "Domestic – verbal. Neighbour reports shouting. Tracey DUNN and Lee WARDLE argued over money. Children in bedroom, seen, safe and well. DASH: standard", "y", r=1, who="PC 4471 Roberts"),
      R(CSC, "08/07/24", "PPN received re domestic incident on Sat night, children present (K and J)", "u", r=1, who="MASH"),
      R(SCH, "08/07/2024 08:50", "Op Encompass notification – police called to home Saturday night (domestic)", "u", r=1, who="Mrs H Lyle (DSL)")),
    E("B07", "household", "Lee WARDLE released on licence to the home",
      R(PRO, "15/07/24", "Lee WARDLE released on licence (ABH – previous partner). Approved address: 22 Cowdrey Road (partner Tracey DUNN and her 2 children)", "u", r=1, who="PP D Okafor"),
      R(CSC, "16/07/24", "Probation inform Lee WARDLE released on licence to live at the family home", "u", r=1, who="SW Nadia Farrell")),
    E("B08", "", "School end of term",
      R(SCH, "18/07/2024 14:00", "End of term check-in – K seen, given holiday contact numbers and food bank voucher", "y", r=1, who="Mrs H Lyle (DSL)")),
    E("B09", "", "CSC visit Aug 6",
      R(CSC, "06/08/24", "Home visit – K and J seen. K quiet; Lee present throughout", "y", r=1, who="SW Nadia Farrell")),
    E("B10", "", "CSC visit Aug 28",
      R(CSC, "28/08/24", "Home visit – K seen alone in her room. Says Lee 'is alright' but she stays in her room", "y", r=1, who="SW Nadia Farrell")),
    E("B11", "", "Back to school hungry",
      R(SCH, "04/09/2024 08:35", "Y8 return. Uniform dirty, K says she has not eaten since yesterday. Breakfast club place offered", "y", r=1, who="Mr T Gill (HoY)")),
    E("B12", "ae:Northgate General Hospital", "ED: wrist sprain",
      R(ED, "19/09/24 18:30", "Northgate General ED. 12y F. Fell off trampoline at friend's house. R wrist x-ray NAD – soft tissue injury. Sling, analgesia", "y", r=1, who="Dr S Mensah", out="Discharged"),
      R(GP, "21/09/2024", "ED letter – R wrist soft tissue injury (trampoline)", "u", r=1)),
    E("B13", "", "Bruise to forearm in PE",
      R(SCH, "26/09/2024 11:05", "Bruise approx 3cm L forearm seen in PE. K says Jodie shut the door on her arm. Body map; mum informed, account consistent", "y", r=1, who="Mr T Gill (HoY)",
        tfix={})),
    E("B14", "missing", "Missing overnight",
      R(POL, "03/10/2024 19:45", "MISPER – Kayleigh DUNN (12) not returned home from school. Located 01:30 at friend's address, Eastfield. Returned home. Medium risk", "n", r=1, who="PS 2210 Hewitt"),
      R(CSC, "04/10/24", "Notification – K reported missing last night, found at friend's. Return home interview to be arranged", "u", r=1, who="SW Nadia Farrell"),
      R(SCH, "04/10/2024 10:20", "Police inform school K was missing overnight. K in school, spoken to by DSL – 'just needed space'", "y", r=1, who="Mrs H Lyle (DSL)")),
    E("B15", "", "Return home interview",
      R(CSC, "10/10/24", "Return home interview – K seen alone; left because of arguing at home. Safety plan agreed", "y", r=1, who="RHI worker")),
    E("B16", "move", "Moved to Larch Close",
      R(CSC, "21/10/24", "Family moved to 7 Larch Close, Eastfield (council transfer)", "u", r=1, who="SW Nadia Farrell"),
      R(SCH, "23/10/2024 15:10", "Mum informs school of new address: 7 Larch Close, Eastfield", "u", r=1, who="Office")),
    E("B17", "school", "Started Fenbrook Academy",
      R(SCH, "04/11/2024 09:00", "K started at Fenbrook Academy (from Westmoor Academy after move). Induction with HoY – K seen", "y", r=1, who="Mr T Gill (HoY)"),
      R(CSC, "05/11/24", "K started Fenbrook Academy yesterday", "u", r=1, who="SW Nadia Farrell")),
    E("B18", "da", "DA 2: assault, Lee arrested",
      R(POL, "19/11/2024 02:10", "Domestic – assault. Lee WARDLE arrested for assault on Tracey DUNN (push, reddening to neck). 999 call made by Kayleigh (12). Both children seen. DASH: high – MARAC", "y", r=1, who="PC 3380 Lund"),
      R(PRO, "20/11/24", "Police notify Lee WARDLE arrested (DA, partner). Recall considered", "u", r=1, who="PP D Okafor"),
      R(CSC, "20/11/24", "PPN – DA at home, Lee arrested; K made the 999 call. Strategy discussion convened", "u", r=1, who="MASH")),
    E("B19", "household", "Lee recalled to custody",
      R(PRO, "21/11/24", "Licence revoked – Lee WARDLE recalled to custody (HMP Northgate). Will not return to Larch Close", "u", r=1, who="PP D Okafor")),
    E("B20", "", "S47 K seen alone",
      R(CSC, "27/11/24", "S47 enquiry – K seen alone at school; said she was scared and rang police herself", "y", r=1, who="SW Nadia Farrell")),
    E("B21", "", "ICPC",
      R(CSC, "10/12/24", "ICPC – Kayleigh and Jodie subject to CP plans (neglect, emotional harm)", "n", r=1, who="IRO J Castle")),
    E("B22", "", "School Dec food parcel",
      R(SCH, "18/12/2024 13:30", "K seen by DSL – says she is 'fine'. Asked for a food parcel for Christmas – provided", "y", r=1, who="Ms R Akers (DSL)")),
    E("B23", "", "CP visit Jan",
      R(CSC, "08/01/25", "CP visit – K and J seen. K seen alone", "y", r=1, who="SW Nadia Farrell")),
    E("B24", "", "Fixed-term suspension",
      R(SCH, "23/01/2025 12:40", "Suspension 2 days – verbal abuse to member of staff. K seen with mum at reintegration", "y", r=1, who="Ms R Akers (DSL)")),
    E("B25", "noaccess", "CSC no access",
      R(CSC, "29/01/25", "Planned CP visit – no answer. Mum later texted she was at hospital appt", "n", r=1, who="SW Nadia Farrell")),
    E("B26", "", "GP low mood",
      R(GP, "04/02/2025", "Seen with mum. Low mood, poor sleep, 'hates new school'. CAMHS referral", "y", r=1, who="Dr H Baig")),
    E("B27", "selfharm", "Self-harm disclosure at school",
      R(SCH, "12/02/2025 10:05", "K disclosed to form tutor she has been cutting her forearms. Superficial cuts seen by DSL, first aid. Mum informed. MASH referral", "y", r=1, who="Ms R Akers (DSL)"),
      R(CSC, "12/02/25", "Contact from Fenbrook – K self-harming (cuts to forearms)", "u", r=1, who="SW Nadia Farrell"),
      R(GP, "14/02/2025", "Letter from school re self-harm. CAMHS referral expedited", "u", r=1)),
    E("B28", "", "CP visit Feb",
      R(CSC, "20/02/25", "CP visit – K seen alone, cuts healing. Agreed to see school nurse weekly", "y", r=1, who="SW Nadia Farrell")),
    E("B29", "school", "Managed move to Ridgeway High",
      R(SCH, "03/03/2025 08:45", "Managed move – K started at Ridgeway High School from Fenbrook Academy. Seen at induction", "y", r=1, who="Mrs P Okoro (DSL Ridgeway)"),
      R(CSC, "04/03/25", "K started Ridgeway High (managed move)", "u", r=1, who="SW Nadia Farrell")),
    E("B30", "", "CP visit Mar",
      R(CSC, "18/03/25", "CP visit – K and J seen together, then K alone", "y", r=1, who="SW Nadia Farrell")),
    E("B31", "wnb", "CAMHS DNA",
      R(GP, "27/03/2025", "CAMHS letter: did not attend choice appointment. Re-offered", "n", r=1)),
    E("B32", "ae:Northgate General Hospital;selfharm", "Paracetamol overdose",
      R(ED, "02/04/25 21:05", "Northgate General ED. Intentional overdose – 16 x paracetamol 500mg after argument with mum. Levels below line. CAMHS assessment on ward, discharged 03/04", "y", r=1, who="Dr S Mensah", out="Admitted overnight, CAMHS"),
      R(SCH, "03/04/2025 09:15", "Mum phoned – K in hospital after taking tablets last night", "u", r=1, who="Mrs P Okoro (DSL Ridgeway)"),
      R(CSC, "03/04/25", "Hospital SW notification – K overdose yesterday evening, CAMHS seen", "u", r=1, who="SW Nadia Farrell"),
      R(GP, "04/04/2025", "ED discharge – paracetamol OD (intentional). CAMHS follow up", "u", r=1)),
    E("B33", "", "CP visit April",
      R(CSC, "09/04/25", "CP visit – K seen alone. Medication locked away", "y", r=1, who="SW Nadia Farrell")),
    E("B34", "", "School April seen",
      R(SCH, "16/04/2025 11:00", "K seen by DSL – settling at Ridgeway, attendance 88%", "y", r=1, who="Mrs P Okoro (DSL Ridgeway)")),
    E("B35", "", "GP sleep",
      R(GP, "29/04/2025", "Seen – sleep poor, CAMHS now seeing weekly. Child seen alone part of consultation", "y", r=2, who="Dr H Baig")),
    E("B36", "", "Core group",
      R(CSC, "08/05/25", "Core group – K attended first part and gave her views", "y", r=2, who="SW Nadia Farrell")),
    E("B37", "", "Concern for welfare in park",
      R(POL, "14/05/2025 22:30", "Concern for welfare – K found in park with older males (18+). Not reported missing – mum knew she was out. Taken home, CSE screening", "y", r=2, who="PC 4471 Roberts"),
      R(CSC, "?16/05/25", "Police info – K with older males in park late evening; CSE screening tool to be done", "u", r=2, who="SW Nadia Farrell")),
    E("B38", "", "School May seen",
      R(SCH, "22/05/2025 10:30", "K seen by DSL – talks about older 'friends' with cars. Info passed to SW", "y", r=2, who="Mrs P Okoro (DSL Ridgeway)")),
    E("B39", "", "RCPC",
      R(CSC, "04/06/25", "Review CP conference – plans continue", "n", r=3, who="IRO J Castle")),
    E("B40", "", "School June",
      R(SCH, "12/06/2025 14:20", "K seen by DSL before Y8 trip – happy to be going", "y", r=3, who="Mrs P Okoro (DSL Ridgeway)")),
    E("B41", "", "Probation undated OASys",
      R(PRO, "TBC", "OASys review – risk to known adults/children: high", "u", r=2)),
    E("B42", "", "Police: previous DV history",
      R(POL, "2021", "Lee WARDLE – DV with previous partner (ABH), convicted", "u", r=1)),
]

# ---------------------------------------------------------------------------
# CASE rd3: CONTROL - toddler, CIN, near-misses only
# ---------------------------------------------------------------------------
RD3_EVENTS = [
    E("C01", "", "Birth",
      R(HV, "17/10/2022", "Birth notification – Theo, term, 3.4kg", "u", r=1)),
    E("C02", "", "New birth visit",
      R(HV, "28th October 2022", "New birth visit – Theo seen, feeding well", "y", r=1, who="HV Anna Price")),
    E("C03", "", "CIN opened",
      R(CSC, "Jan 2024", "CIN plan – mother's mental health and home conditions", "u", r=1)),
    E("C04", "", "GP seen March",
      R(GP, "25/03/24", "Seen – URTI. Reassured", "y", r=1, who="Dr K Lamb")),
    E("C05", "", "CIN visit Apr",
      R(CSC, "16/04/24", "CIN visit – Theo seen, playing with blocks", "y", r=1, who="SW Ben Ashworth")),
    E("C06", "", "HV visit May 8",
      R(HV, "08/05/24", "Home visit – Theo seen. Home tidy. Mum low in mood, PHQ-9 8. Denies thoughts of self-harm or suicide", "y", r=1, who="HV Anna Price")),
    E("C07", "wnb", "GP imms DNA",
      R(GP, "15/05/24", "DNA – pre-school booster imms. Rebooked", "n", r=1, who="PN Sue Hart")),
    E("C08", "", "GP imms given",
      R(GP, "29/05/24", "Imms given (rebooked appt). Child seen", "y", r=1, who="PN Sue Hart",
        tfix={2: "Imms given (rebooked appt) – pre-school booster. Child seen"})),
    E("C09", "", "CIN visit June",
      R(CSC, "19/06/24", "CIN visit – Theo seen. Maternal grandmother visiting for the weekend", "y", r=1, who="SW Ben Ashworth")),
    E("C10", "", "HV July",
      R(HV, "10/07/24", "Clinic – Theo weighed, 75th centile. Seen", "y", r=1, who="CN Jo Reid")),
    E("C11", "move", "Moved to Orchard Way",
      R(HOU, "05/08/24", "Tenancy transfer – moved from Flat 2, 40 Mill Lane to 11 Orchard Way (2-bed house, damp issue at old flat)", "u", r=1, who="Housing Officer M Tate"),
      R(HV, "07/08/24", "Family moved to 11 Orchard Way – new address recorded", "u", r=1)),
    E("C12", "", "CIN visit Aug",
      R(CSC, "06/08/24", "CIN visit at new address – Theo seen, has own bedroom now", "y", r=1, who="SW Ben Ashworth")),
    E("C13", "", "HV Aug 2y review",
      R(HV, "28/08/24", "2-2½ year review – Theo seen. ASQ all within range", "y", r=1, who="HV Anna Price")),
    E("C14", "", "Started nursery",
      R(CSC, "09/09/24", "Theo started at Little Acorns nursery (15 hrs funded)", "u", r=1, who="SW Ben Ashworth")),
    E("C15", "", "CIN review",
      R(CSC, "18/09/24", "CIN review at home – Theo seen. Mum says father has contact alternate Saturdays (lives separately)", "y", r=1, who="SW Ben Ashworth")),
    E("C16", "", "Dental registration",
      R(GP, "01/10/24", "Registered with Orchard Dental Practice (info from mum at consultation). Theo seen – ear check", "y", r=1, who="Dr K Lamb")),
    E("C17", "", "CIN Oct",
      R(CSC, "23/10/24", "CIN visit – Theo seen. Mum considering moving nearer her mother 'one day'", "y", r=1, who="SW Ben Ashworth")),
    E("C18", "noaccess", "HV no access Nov",
      R(HV, "06/11/24", "Planned visit – no access. Mum rang later, at nursery settling session", "n", r=1, who="HV Anna Price")),
    E("C19", "", "HV seen Nov 14",
      R(HV, "14/11/24", "Rearranged visit – Theo seen. Sleeping better", "y", r=1, who="HV Anna Price")),
    E("C20", "", "CIN Dec",
      R(CSC, "04/12/24", "CIN visit – Theo seen, excited about Christmas", "y", r=1, who="SW Ben Ashworth")),
    E("C21", "da", "Single domestic incident",
      R(POL, "22/12/2024 @ 9pm", "Domestic – verbal argument between mother and ex-partner at the door over contact arrangements. Theo asleep upstairs, checked and seen by officers. DASH standard", "y", r=1, who="PC 1182 Shaw"),
      R(CSC, "23/12/24", "PPN received – verbal argument with ex-partner at door last night, Theo asleep", "u", r=1)),
    E("C22", "", "Neighbour dispute",
      R(POL, "02/01/2025 @ 3pm", "Neighbour dispute – noise complaint from no. 13. Words of advice. Not domestic", "u", r=1, who="PCSO 7710 Ward")),
    E("C23", "ae:Kingsmead General Hospital", "Single ED attendance: knee",
      R(ED, "11/01/2025 16:20", "Kingsmead ED. 2y M. Fell in park running, graze and bump R knee. Walking normally. No x-ray", "y", r=1, who="ENP L Rowe", out="Discharged"),
      R(GP, "13/01/25", "A&E letter – knee graze, fall in park", "u", r=1),
      R(HV, "14/01/25", "ED attendance notification (11/01 – fall in park, knee). Discussed with mum by phone", "n", r=1)),
    E("C24", "", "CIN Jan",
      R(CSC, "22/01/25", "CIN visit – Theo seen. Small bruise R shin, mum says bumped coffee table; Theo running about, consistent", "y", r=1, who="SW Ben Ashworth")),
    E("C25", "wnb", "Audiology DNA",
      R(GP, "28/01/25", "Hospital letter – did not attend audiology (Kingsmead). Re-referred", "u", r=1)),
    E("C26", "", "HV Feb",
      R(HV, "12/02/25", "Home visit – Theo seen, talking in sentences", "y", r=1, who="HV Anna Price")),
    E("C27", "", "Audiology attended",
      R(GP, "04/03/25", "Kingsmead audiology clinic letter – attended, hearing normal. Theo seen", "y", r=2)),
    E("C28", "noaccess", "CSC no access March",
      R(CSC, "12/03/25", "Planned CIN visit – no access, mum at work (had texted). Rearranged", "n", r=2, who="SW Ben Ashworth")),
    E("C29", "", "CIN seen March",
      R(CSC, "14/03/25", "Rearranged CIN visit – Theo seen", "y", r=2, who="SW Ben Ashworth")),
    E("C30", "", "Housing damp repair",
      R(HOU, "20/03/25", "Repairs – damp treatment to bathroom at 11 Orchard Way", "u", r=2)),
    E("C31", "", "HV April",
      R(HV, "02/04/25", "Home visit – Theo seen. Missing red book pages – copy of imms record requested", "y", r=3, who="HV Anna Price")),
    E("C32", "", "CIN closure review",
      R(CSC, "09/04/25", "CIN review – Theo seen. Plan to step down to Early Help", "y", r=3, who="SW Ben Ashworth")),
    E("C33", "", "GP April",
      R(GP, "10/04/25", "Seen – conjunctivitis. Chloramphenicol", "y", r=3, who="Dr K Lamb")),
    E("C34", "", "Housing TBC inspection",
      R(HOU, "TBC", "Property inspection – date to be confirmed", "u", r=2)),
    E("C35", "", "Police history",
      R(POL, "2020", "Mother victim of theft (no DA). NFA", "u", r=1)),
]

HARD = {
    "holdout_rd1": [
        (["A11", "A32"], "two attendances at the same ED seven months apart"),
        (["A29", "A30"], "two different no-access visits, different agencies, a week apart"),
        (["A28", "A33"], "eviction/move to relative, then move to temporary accommodation"),
        (["A12", "A13"], "HV visit where the new partner is mentioned vs SW phone call about it next day"),
        (["A20", "A22"], "two different missed appointments"),
        (["A35", "A37"], "birth of sibling vs new birth visit"),
    ],
    "holdout_rd2": [
        (["B06", "B18"], "two different domestic incidents"),
        (["B27", "B32"], "self-harm disclosure vs overdose attendance"),
        (["B17", "B29"], "two different school starts"),
        (["B14", "B37"], "missing episode vs later concern for welfare (not missing)"),
        (["B12", "B32"], "two attendances at the same ED"),
        (["B07", "B19"], "partner released into home vs recalled to custody"),
    ],
    "holdout_rd3": [
        (["C18", "C28"], "two no-access visits four months apart"),
        (["C21", "C22"], "domestic incident vs neighbour dispute"),
        (["C07", "C25"], "two missed appointments eight months apart"),
        (["C28", "C29"], "no access, then seen two days later"),
        (["C23", "C27"], "ED attendance vs outpatient clinic at the same hospital"),
    ],
}


# ---------------------------------------------------------------------------
# layouts
# ---------------------------------------------------------------------------
SEEN_VOCAB = {
    "docx": {"yes": "Yes", "no": "No", "unknown": ""},
    "xlsx": {"yes": "Y", "no": "N", "unknown": ""},
    "gp": {"yes": "Seen", "no": "Not seen", "unknown": "N/A"},
    "police": {"yes": "Yes", "no": "No", "unknown": "n/k"},
}


def date_cell(dtext):
    m = PLAIN.match(str(dtext))
    if not m:
        return dtext, dtext
    try:
        d = dt.date(_y(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return dtext, dtext
    if m.group(4):
        v = dt.datetime(d.year, d.month, d.day, int(m.group(4)), int(m.group(5)))
        return v, {"datetime": v.isoformat(timespec="minutes")}
    return d, {"date": d.isoformat()}


def recorded(dtext, lag):
    i = interp(dtext)
    if not i:
        return None, ""
    d = dt.date.fromisoformat(i[0]) + dt.timedelta(days=lag)
    return d, {"date": d.isoformat()}


class Ctx:
    def __init__(self, case, child):
        self.case, self.child = case, child
        self.rows = []          # truth rows
        self.files = []

    def add_row(self, file, table, row, cells, spec, dtext, text):
        i = interp(dtext)
        x = {"file": file, "table": table, "row": row, "event": spec["eid"], "reject": i is None, "cells": cells}
        if i:
            x.update({"date": i[0], "precision": i[1], "approximate": i[2], "time": i[3],
                      "agency": spec["ag"], "child_seen": spec["seen"]})
        else:
            x.update({"date": None, "precision": None, "approximate": None, "time": None,
                      "agency": spec["ag"], "child_seen": spec["seen"]})
        self.rows.append(x)


def row_vals(spec, rnd):
    d = spec["d"]
    for k in sorted(spec["fix"]):
        if rnd >= k:
            d = spec["fix"][k]
    t = spec["text"]
    for k in sorted(spec["tfix"]):
        if rnd >= k:
            t = spec["tfix"][k]
    return d, t


def heading_info(ctx, agency_label, author):
    c = ctx.child
    return [("Name", f"{c['surname']}, {c['first_name']}"), ("DOB", c["dob_text"]), ("Address", c["address"]),
            ("Agency", agency_label), ("Author", author)]


def write_docx_dscb(ctx, path, rel, rows, rnd, agency_label, author, split_header):
    doc = Document()
    doc.add_heading("Multi-agency chronology", level=1)
    ht = doc.add_table(rows=0, cols=2)
    for k, v in heading_info(ctx, agency_label, author):
        cs = ht.add_row().cells
        cs[0].text, cs[1].text = k + ":", v
    doc.add_paragraph("")
    hdr = ["Date", "Event", "Source", "Who was involved", "Decisions/Actions Outcome", "Child seen", "Comments"]
    half = (len(rows) + 1) // 2 if len(rows) > 10 else len(rows)
    chunks = [rows[:half], rows[half:]] if half < len(rows) else [rows]
    tno = 1
    layout = []
    for ci, chunk in enumerate(chunks):
        tno += 1
        t = doc.add_table(rows=0, cols=len(hdr))
        t.style = "Table Grid"
        rn = 0
        hrows, brows = [], []
        if ci == 0 or split_header:
            rn += 1
            hrows.append(rn)
            for j, h in enumerate(hdr):
                t.add_row() if j == 0 else None
                t.rows[-1].cells[j].text = h
        for spec in chunk:
            d, txt = row_vals(spec, rnd)
            cells = [d, txt, spec["src"], spec["who"], spec["out"], SEEN_VOCAB["docx"][spec["seen"]], ""]
            cs = t.add_row().cells
            for j, v in enumerate(cells):
                cs[j].text = v
            rn += 1
            ctx.add_row(rel, tno, rn, cells, spec, d, txt)
        if ci == 0:
            t.add_row()
            rn += 1
            brows.append(rn)
            doc.add_page_break()
        layout.append({"table": tno, "role": "chronology", "header_rows": hrows, "blank_rows": brows,
                       "title_rows": [], "nrows": rn, "headers": hdr})
    doc.save(path)
    return [{"table": 1, "role": "heading", "nrows": 5}] + layout


def write_docx_paras(ctx, path, rel, rows, rnd, agency_label, author, split_header=None):
    doc = Document()
    doc.add_paragraph(f"{agency_label} – chronology of attendances")
    for k, v in heading_info(ctx, agency_label, author):
        doc.add_paragraph(f"{k}: {v}")
    hdr = ["Date/Time", "Presenting complaint / Event", "Outcome", "Seen by", "Child seen"]
    t = doc.add_table(rows=1, cols=len(hdr))
    t.style = "Table Grid"
    for j, h in enumerate(hdr):
        t.rows[0].cells[j].text = h
    rn, hrows = 1, [1]
    for i, spec in enumerate(rows):
        if i == 3:
            cs = t.add_row().cells
            for j, h in enumerate(hdr):
                cs[j].text = h
            rn += 1
            hrows.append(rn)
        d, txt = row_vals(spec, rnd)
        cells = [d, txt, spec["out"], spec["who"], SEEN_VOCAB["docx"][spec["seen"]]]
        cs = t.add_row().cells
        for j, v in enumerate(cells):
            cs[j].text = v
        rn += 1
        ctx.add_row(rel, 1, rn, cells, spec, d, txt)
    doc.add_paragraph("Compiled from the trust's ED system. Attendances at both sites are included.")
    doc.save(path)
    return [{"table": 1, "role": "chronology", "header_rows": hrows, "blank_rows": [], "title_rows": [],
             "nrows": rn, "headers": hdr}]


def _xl_write(ws, r, vals):
    for j, v in enumerate(vals, 1):
        c = ws.cell(row=r, column=j, value=v)
        if isinstance(v, dt.datetime):
            c.number_format = "dd/mm/yyyy hh:mm"
        elif isinstance(v, dt.date):
            c.number_format = "dd/mm/yyyy"


def write_xlsx_title(ctx, path, rel, rows, rnd, agency_label, author, split_header=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Chronology"
    c = ctx.child
    ws.cell(row=1, column=1, value=f"Chronology for {c['surname']}, {c['first_name']} (DOB {c['dob_text']}) – {agency_label}")
    hdr = ["No.", "Date recorded", "Date of event", "Event", "Child seen?", "Source", "Outcome"]
    _xl_write(ws, 3, hdr)
    r = 3
    for n, spec in enumerate(rows, 1):
        d, txt = row_vals(spec, rnd)
        dv, dtruth = date_cell(d)
        rv, rtruth = recorded(d, 1 + n % 3)
        r += 1
        vals = [n, rv, dv, txt, SEEN_VOCAB["xlsx"][spec["seen"]], spec["who"] or agency_label, spec["out"]]
        _xl_write(ws, r, vals)
        ctx.add_row(rel, "Chronology", r, [n, rtruth, dtruth, txt, vals[4], vals[5], vals[6]], spec, d, txt)
    wb.save(path)
    return [{"table": "Chronology", "role": "chronology", "header_rows": [3], "title_rows": [1], "blank_rows": [2],
             "max_row": r, "headers": hdr}]


def write_xlsx_cover(ctx, path, rel, rows, rnd, agency_label, author, split_header=None):
    wb = openpyxl.Workbook()
    ws0 = wb.active
    ws0.title = "Cover"
    c = ctx.child
    for i, (k, v) in enumerate(heading_info(ctx, agency_label, author), 1):
        ws0.cell(row=i, column=1, value=k)
        ws0.cell(row=i, column=2, value=v)
    ws0.cell(row=7, column=1, value="Data on the next sheet. Created dates are system dates, not event dates.")
    ws = wb.create_sheet("Data")
    hdr = ["Event date", "Category", "Details", "Seen (Y/N)", "Staff", "Created"]
    _xl_write(ws, 1, hdr)
    r = 1
    for n, spec in enumerate(rows, 1):
        d, txt = row_vals(spec, rnd)
        dv, dtruth = date_cell(d)
        rv, rtruth = recorded(d, 2 + n % 2)
        r += 1
        vals = [dv, spec.get("cat", "Note"), txt, SEEN_VOCAB["xlsx"][spec["seen"]], spec["who"], rv]
        _xl_write(ws, r, vals)
        ctx.add_row(rel, "Data", r, [dtruth, vals[1], txt, vals[3], vals[4], rtruth], spec, d, txt)
    wb.save(path)
    return [{"table": "Cover", "role": "cover"},
            {"table": "Data", "role": "chronology", "header_rows": [1], "title_rows": [], "blank_rows": [],
             "max_row": r, "headers": hdr}]


def write_xlsx_police(ctx, path, rel, rows, rnd, agency_label, author, split_header=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Occurrences"
    c = ctx.child
    ws.cell(row=1, column=1, value=f"Occurrence enquiry log – subject: {c['surname']}, {c['first_name']} ({c['dob_text']})")
    ws.cell(row=2, column=1, value=f"Date range searched: 01/01/2020 – {ctx.cutoff_text}")
    hdr = ["Ref", "Reported", "Occurrence type", "Summary", "OIC", "Children seen"]
    _xl_write(ws, 4, hdr)
    r = 4
    for n, spec in enumerate(rows, 1):
        d, txt = row_vals(spec, rnd)
        r += 1
        ref = f"{ctx.ref_prefix}{int(spec['eid'][1:]):05d}"
        vals = [ref, d, spec.get("cat", "Occurrence"), txt, spec["who"], SEEN_VOCAB["police"][spec["seen"]]]
        _xl_write(ws, r, vals)
        ctx.add_row(rel, "Occurrences", r, vals, spec, d, txt)
    wb.save(path)
    return [{"table": "Occurrences", "role": "chronology", "header_rows": [4], "title_rows": [1, 2],
             "blank_rows": [3], "max_row": r, "headers": hdr}]


def write_csv_gp(ctx, path, rel, rows, rnd, agency_label, author, split_header=None):
    hdr = ["Date", "Type", "Details", "Clinician", "Child seen"]
    lines = [",".join(hdr)]
    ln = 1
    for spec in rows:
        d, txt = row_vals(spec, rnd)
        typ = "Letter" if spec["seen"] == "unknown" else ("DNA" if spec["seen"] == "no" else "Consultation")
        vals = [d, typ, txt, spec["who"], SEEN_VOCAB["gp"][spec["seen"]]]
        lines.append(",".join('"' + v.replace('"', '""') + '"' if ("," in v or '"' in v) else v for v in vals))
        ln += 1
        ctx.add_row(rel, 1, ln, vals, spec, d, txt)
    with open(path, "wb") as fh:
        fh.write(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return [{"table": 1, "role": "chronology", "header_rows": [1], "blank_rows": [], "nlines": ln, "headers": hdr}], "cp1252"


def write_csv_cpoms(ctx, path, rel, rows, rnd, agency_label, author, split_header=None):
    hdr = ["Student", "Date/Time", "Categories", "Incident", "Action Taken", "Added by", "Seen"]
    lines = [",".join(hdr)]
    ln = 1
    c = ctx.child
    for spec in rows:
        d, txt = row_vals(spec, rnd)
        vals = [f"{c['first_name']} {c['surname']}", d, spec.get("cat", "Safeguarding"), txt, spec["out"],
                spec["who"], SEEN_VOCAB["xlsx"][spec["seen"]]]
        lines.append(",".join('"' + v.replace('"', '""') + '"' if ("," in v or '"' in v) else v for v in vals))
        ln += 1
        ctx.add_row(rel, 1, ln, vals, spec, d, txt)
    with open(path, "wb") as fh:
        fh.write(("\n".join(lines) + "\n").encode("utf-8-sig"))
    return [{"table": 1, "role": "chronology", "header_rows": [1], "blank_rows": [], "nlines": ln, "headers": hdr}], "utf-8-sig"


WRITERS = {"docx_dscb": write_docx_dscb, "docx_paras": write_docx_paras, "xlsx_title": write_xlsx_title,
           "xlsx_cover": write_xlsx_cover, "xlsx_police": write_xlsx_police, "csv_gp": write_csv_gp,
           "csv_cpoms": write_csv_cpoms}
EXT = {"docx_dscb": "docx", "docx_paras": "docx", "xlsx_title": "xlsx", "xlsx_cover": "xlsx",
       "xlsx_police": "xlsx", "csv_gp": "csv", "csv_cpoms": "csv"}

CASES = [
    dict(case_id="holdout_rd1", profile="recast: Warwickshire 'John' (2015) – toddler sibling",
         child=dict(name="Maisie ORTON", first_name="Maisie", surname="ORTON", dob="2023-05-09",
                    dob_text="09/05/2023", address="Room 4, Ashgrove House, Kingsmead KM4 2RT", sex="f"),
         rounds=[("2025-01", "2025-01-20"), ("2025-02", "2025-02-18"), ("2025-03", "2025-03-19")],
         events=RD1_EVENTS, control=False, subfolders=True,
         agencies={
             CSC: dict(layout="xlsx_title", label="Kingsmead Children's Services", src="CSC", author="SW Amir Khan",
                       name="CSC chronology - ORTON - {mon}"),
             HV: dict(layout="docx_dscb", label="0-19 Health Visiting Service", src="HV", author="HV Claire Dobson",
                      name="HV chronology Maisie O {mon}", split_header=False),
             GP: dict(layout="csv_gp", label="Calder Medical Practice", src="GP", author="Dr P Nair",
                      name="Calder MP - GP extract - ORTON {mon}"),
             ED: dict(layout="docx_paras", label="Kingsmead & St Luke's Hospitals NHS Trust – Emergency Care",
                      src="ED", author="Safeguarding Children Nurse", name="ED attendances MO {mon}"),
             HOU: dict(layout="xlsx_cover", label="Calder Housing Association", src="Housing",
                       author="Tenancy Sustainment Team", name="Housing chronology ORTON {mon}"),
             MW: dict(layout="docx_dscb", label="Kingsmead Maternity", src="Midwifery", author="Named Midwife",
                      name="Midwifery chron - Shannon ORTON re Maisie - {mon}", split_header=True),
         },
         refuse=("2025-02/Housing chronology ORTON Feb25 (1).docx", "corrupt", "truncated Word file (damaged zip)"),
         must_not_fire=["DOMESTIC_ABUSE_REPEAT", "SCHOOL_CHANGE", "GP_CHANGE", "MISSING_EPISODE", "SELF_HARM",
                        "INJURY_NON_MOBILE"],
         ambiguous=[]),
    dict(case_id="holdout_rd2", profile="recast: North Tyneside 'Claire/Anne' (2020) – eldest sibling",
         child=dict(name="Kayleigh DUNN", first_name="Kayleigh", surname="DUNN", dob="2012-09-03",
                    dob_text="03/09/2012", address="7 Larch Close, Eastfield, NG7 3LC", sex="f"),
         rounds=[("2025-04", "2025-04-17"), ("2025-05", "2025-05-20"), ("2025-06", "2025-06-18")],
         events=RD2_EVENTS, control=False, subfolders=False,
         agencies={
             SCH: dict(layout="csv_cpoms", label="Ridgeway High School", src="School", author="Mrs P Okoro (DSL)",
                       name="CPOMS export K Dunn {mon}"),
             CSC: dict(layout="docx_dscb", label="Northgate Children's Social Care", src="CSC",
                       author="SW Nadia Farrell", name="SW chronology - DUNN Kayleigh - {mon}", split_header=True),
             POL: dict(layout="xlsx_police", label="Northshire Police", src="Police", author="MASH police",
                       name="Police chronology DUNN {mon}"),
             GP: dict(layout="csv_gp", label="Eastfield Surgery", src="GP", author="Dr H Baig",
                      name="GP chronology - DUNN - {mon}"),
             ED: dict(layout="docx_paras", label="Northgate General Hospital – ED", src="ED",
                      author="Named Nurse Safeguarding", name="ED chronology KD {mon}"),
             PRO: dict(layout="xlsx_cover", label="Probation Service – Northgate PDU", src="Probation",
                       author="PP D Okafor", name="Probation chronology (Lee WARDLE) re K DUNN {mon}"),
         },
         refuse=("School chronology - Jodie DUNN - May25.docx", "different_child",
                 "sibling's chronology misfiled into the folder"),
         must_not_fire=["AE_REPEAT", "AE_MULTIPLE_SITES", "WAS_NOT_BROUGHT", "NO_ACCESS", "CHILD_NOT_SEEN",
                        "HOUSE_MOVES", "GP_CHANGE", "INJURY_NON_MOBILE"],
         ambiguous=[]),
    dict(case_id="holdout_rd3", profile="control: toddler on CIN plan, near-misses only",
         child=dict(name="Theo BRIGGS", first_name="Theo", surname="BRIGGS", dob="2022-10-17",
                    dob_text="17/10/2022", address="11 Orchard Way, Kingsmead KM2 8OW", sex="m"),
         rounds=[("2025-02", "2025-02-19"), ("2025-03", "2025-03-19"), ("2025-04", "2025-04-16")],
         events=RD3_EVENTS, control=True, subfolders=True,
         agencies={
             HV: dict(layout="docx_dscb", label="0-19 Health Visiting Service", src="HV", author="HV Anna Price",
                      name="HV chronology T Briggs {mon}", split_header=True),
             GP: dict(layout="csv_gp", label="Orchard Health Centre", src="GP", author="Dr K Lamb",
                      name="GP extract BRIGGS {mon}"),
             CSC: dict(layout="xlsx_title", label="Kingsmead Children's Services", src="CSC", author="SW Ben Ashworth",
                       name="CIN chronology Theo BRIGGS {mon}"),
             ED: dict(layout="docx_paras", label="Kingsmead General Hospital – ED", src="ED",
                      author="Paediatric Liaison", name="ED attendances TB {mon}"),
             POL: dict(layout="xlsx_police", label="Kingsmead Police", src="Police", author="MASH police",
                       name="Police chronology BRIGGS {mon}"),
             HOU: dict(layout="xlsx_cover", label="Kingsmead Council Housing", src="Housing",
                       author="Housing Officer M Tate", name="Housing chronology BRIGGS {mon}"),
         },
         refuse=("2025-03/Covering letter - GP chronology.docx", "no_table", "Word document with no chronology table"),
         must_not_fire=[], ambiguous=[]),
]

ALL_RULES = ["AE_REPEAT", "AE_MULTIPLE_SITES", "WAS_NOT_BROUGHT", "NO_ACCESS", "CHILD_NOT_SEEN",
             "DOMESTIC_ABUSE_REPEAT", "HOUSE_MOVES", "SCHOOL_CHANGE", "GP_CHANGE", "HOUSEHOLD_CHANGE",
             "MISSING_EPISODE", "SELF_HARM", "INJURY_NON_MOBILE"]


# ---------------------------------------------------------------------------
# flags from the truth rows (FLAG_RULES defaults)
# ---------------------------------------------------------------------------
def months_before(d, n):
    y, m = d.year, d.month - n
    while m <= 0:
        m += 12
        y -= 1
    day = min(d.day, [31, 29 if y % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1])
    return dt.date(y, m, day)


def threshold_clusters(items, n, months):
    """items: sorted [(date, eid, extra)].  Windows of >= n items within `months`; merge overlapping."""
    wins = []
    for i in range(len(items)):
        j = i
        while j + 1 < len(items) and items[j + 1][0] <= add_months(items[i][0], months):
            j += 1
        if j - i + 1 >= n:
            wins.append((i, j))
    merged = []
    for i, j in wins:
        if merged and i <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(j, merged[-1][1]))
        else:
            merged.append((i, j))
    return [items[i:j + 1] for i, j in merged]


def add_months(d, n):
    y, m = d.year, d.month + n
    while m > 12:
        m -= 12
        y += 1
    day = min(d.day, [31, 29 if y % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1])
    return dt.date(y, m, day)


def compute_flags(events, rows, child_dob, period_from, period_to):
    acc = [x for x in rows if not x["reject"]]
    edate = {}
    for x in acc:
        d = dt.date.fromisoformat(x["date"])
        edate[x["event"]] = min(edate.get(x["event"], d), d)
    kinds = {}
    for e in events:
        for k in filter(None, e["kinds"].split(";")):
            kinds.setdefault(k.split(":")[0], []).append((edate[e["id"]], e["id"], k.split(":", 1)[1] if ":" in k else ""))
    for v in kinds.values():
        v.sort()
    flags = []

    def add(rule, items):
        flags.append({"rule": rule, "start": items[0][0].isoformat(), "end": items[-1][0].isoformat(),
                      "events": [i[1] for i in items], "planted": True})
    ae = kinds.get("ae", [])
    for cl in threshold_clusters(ae, 3, 12):
        add("AE_REPEAT", cl)
    for cl in threshold_clusters(ae, 2, 12):
        if len({i[2] for i in cl}) >= 2:
            add("AE_MULTIPLE_SITES", cl)
    for cl in threshold_clusters(kinds.get("wnb", []), 2, 6):
        add("WAS_NOT_BROUGHT", cl)
    for cl in threshold_clusters(kinds.get("noaccess", []), 2, 3):
        add("NO_ACCESS", cl)
    for cl in threshold_clusters(kinds.get("da", []), 2, 6):
        add("DOMESTIC_ABUSE_REPEAT", cl)
    for cl in threshold_clusters(kinds.get("move", []), 2, 12):
        add("HOUSE_MOVES", cl)
    for cl in threshold_clusters(kinds.get("school", []), 2, 12):
        add("SCHOOL_CHANGE", cl)
    for rule, k in [("GP_CHANGE", "gpchange"), ("HOUSEHOLD_CHANGE", "household"), ("MISSING_EPISODE", "missing"),
                    ("SELF_HARM", "selfharm"), ("INJURY_NON_MOBILE", "injury_nm")]:
        for it in kinds.get(k, []):
            add(rule, [it])
    # child not seen: gaps > 28 days between seen entries, inside the period
    seen = sorted({(dt.date.fromisoformat(x["date"]), x["event"]) for x in acc if x["child_seen"] == "yes"})
    gaps = []
    for (a, ea), (b, eb) in zip(seen, seen[1:]):
        if b > period_from and a < period_to and (b - a).days > 28:
            flags.append({"rule": "CHILD_NOT_SEEN", "start": a.isoformat(), "end": b.isoformat(),
                          "events": [ea, eb], "planted": True})
            gaps.append((a, b))
    last = [s for s in seen if s[0] <= period_to][-1][0]
    assert (period_to - last).days <= 28, "child not seen at the end of the period"
    first_in = [s for s in seen if s[0] >= period_from]
    before = [s for s in seen if s[0] < period_from]
    assert before and (first_in[0][0] - before[-1][0]).days <= 28 or gaps, "gap across the period start"
    return flags


# ---------------------------------------------------------------------------
# building a case
# ---------------------------------------------------------------------------
def month_label(m):
    y, mo = m.split("-")
    return dt.date(int(y), int(mo), 1).strftime("%b%y")


def build(case, root):
    cid = case["case_id"]
    cdir = os.path.join(root, cid)
    if os.path.exists(cdir):
        shutil.rmtree(cdir)
    os.makedirs(cdir)
    ctx = Ctx(case, case["child"])
    ctx.ref_prefix = {"holdout_rd1": "KM/", "holdout_rd2": "NS/", "holdout_rd3": "KP/"}[cid]
    # flatten rows per agency, assign first round
    cut = [dt.date.fromisoformat(c) for _, c in case["rounds"]]
    per_ag = {a: [] for a in case["agencies"]}
    for e in case["events"]:
        for spec in e["rows"]:
            spec = dict(spec)
            spec["eid"] = e["id"]
            spec["src"] = case["agencies"][spec["ag"]]["src"]
            final = spec["fix"][max(spec["fix"])] if spec["fix"] else spec["d"]
            i = interp(final)
            if spec["r"] is None or i:
                d = dt.date.fromisoformat(i[0]) if i else None
                r0 = next(k + 1 for k, c in enumerate(cut) if d is None or d <= c)
                spec["r"] = max(spec["r"] or 1, r0)
            per_ag[spec["ag"]].append(spec)
    for a in per_ag:
        per_ag[a].sort(key=lambda s: (interp(s["fix"][max(s["fix"])] if s["fix"] else s["d"]) or ("9999",))[0])
    nround = len(case["rounds"])
    for ri, (mon, cutoff) in enumerate(case["rounds"], 1):
        ctx.cutoff_text = dt.date.fromisoformat(cutoff).strftime("%d/%m/%Y")
        for ai, (ag, conf) in enumerate(case["agencies"].items()):
            rows = [s for s in per_ag[ag] if s["r"] <= ri]
            if not rows:
                continue
            # later rounds: some agencies re-sort newest first (real exports do)
            if ri == nround and ai % 2 == 1:
                rows = list(reversed(rows))
            lay = conf["layout"]
            name = conf["name"].format(mon=month_label(mon)) + "." + EXT[lay]
            rel = f"{mon}/{name}" if case["subfolders"] else name
            path = os.path.join(cdir, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            res = WRITERS[lay](ctx, path, rel, rows, ri, conf["label"], conf["author"], conf.get("split_header"))
            enc = None
            if isinstance(res, tuple):
                res, enc = res
            f = {"file": rel, "agency": ag, "round": ri, "month": mon, "format": EXT[lay], "status": "ok",
                 "layout": lay, "tables": res, "rows": len(rows)}
            if enc:
                f["encoding"] = enc
            ctx.files.append(f)
    # the file to refuse
    rel, reason, detail = case["refuse"]
    path = os.path.join(cdir, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    extra = {}
    if reason == "corrupt":
        buf = io.BytesIO()
        d = Document()
        d.add_paragraph("Housing chronology")
        d.add_table(rows=2, cols=3)
        d.save(buf)
        data = buf.getvalue()
        with open(path, "wb") as fh:
            fh.write(data[: len(data) // 3])
    elif reason == "different_child":
        d = Document()
        d.add_heading("Safeguarding chronology", level=1)
        ht = d.add_table(rows=0, cols=2)
        for k, v in [("Name", "DUNN, Jodie"), ("DOB", "11/02/2016"), ("Address", "7 Larch Close, Eastfield, NG7 3LC"),
                     ("Agency", "Eastfield Primary School"), ("Author", "Mr A Rowe (DSL)")]:
            cs = ht.add_row().cells
            cs[0].text, cs[1].text = k + ":", v
        t = d.add_table(rows=1, cols=4)
        for j, h in enumerate(["Date", "Event", "Action", "Child seen"]):
            t.rows[0].cells[j].text = h
        for r in [("04/11/24", "Jodie started at Eastfield Primary (Y4)", "Induction", "Yes"),
                  ("20/11/24", "Op Encompass – DA at home 19/11", "Jodie seen by DSL", "Yes"),
                  ("13/02/25", "Jodie tearful, says sister is 'poorly'", "Passed to SW", "Yes")]:
            cs = t.add_row().cells
            for j, v in enumerate(r):
                cs[j].text = v
        d.save(path)
        extra = {"child": "Jodie DUNN", "dob": "2016-02-11"}
    elif reason == "no_table":
        d = Document()
        d.add_paragraph("Dear Mr Ashworth,")
        d.add_paragraph("Please find attached the GP chronology for Theo BRIGGS (DOB 17/10/2022) for the "
                        "core group on 20/03/2025. There have been no further attendances since the last update.")
        d.add_paragraph("Kind regards, Practice Safeguarding Lead, Orchard Health Centre")
        d.save(path)
    ctx.files.append({"file": rel, "status": "refused", "reason": reason, "detail": detail, **extra})
    refused = [{"file": rel, "reason": reason, "detail": detail}]

    rows = ctx.rows
    acc = [x for x in rows if not x["reject"]]
    latest = max(dt.date.fromisoformat(x["date"]) for x in acc)
    pfrom = months_before(latest, 12)
    flags = [] if case["control"] else compute_flags(case["events"], rows, case["child"]["dob"], pfrom, latest)
    if case["control"]:
        check = compute_flags(case["events"], rows, case["child"]["dob"], pfrom, latest)
        assert not check, f"control case fires: {check}"
    fired = {f["rule"] for f in flags}
    mnf = case["must_not_fire"] if not case["control"] else ALL_RULES
    assert not (fired & set(mnf)), fired & set(mnf)
    # events
    evs = []
    for e in case["events"]:
        er = [x for x in rows if x["event"] == e["id"]]
        ok = [x for x in er if not x["reject"]]
        evs.append({"id": e["id"], "date": min(x["date"] for x in ok) if ok else None, "kind": e["kinds"] or "note",
                    "summary": e["summary"], "tags": {}, "ambiguous": [],
                    "history": bool(ok) and min(x["date"] for x in ok) < pfrom.isoformat(),
                    "planted": e["kinds"] or None,
                    "agencies": sorted({x["agency"] for x in er}),
                    "rows": [[x["file"], x["table"], x["row"]] for x in ok],
                    "rejected_rows": [[x["file"], x["table"], x["row"]] for x in er if x["reject"]]})
    T = {
        "schema": "chrono-truth/1", "case_id": cid, "profile": case["profile"], "seed": None,
        "child": case["child"] | {"dob_text": case["child"]["dob_text"]},
        "period": {"from": pfrom.isoformat(), "to": latest.isoformat(),
                   "note": "12 months to the latest dated entry; CHILD_NOT_SEEN is judged inside it"},
        "rounds": [{"round": i, "month": m, "cutoff": c} for i, (m, c) in enumerate(case["rounds"], 1)],
        "agencies": list(case["agencies"]),
        "age_group": "under5" if case["child"]["dob"] > "2020" else "10plus",
        "control": case["control"],
        "planted": sorted(fired),
        "files": ctx.files, "refused_files": refused,
        "rows": rows,
        "rejected_rows": [[x["file"], x["table"], x["row"]] for x in rows if x["reject"]],
        "events": evs,
        "hard_negatives": [{"events": g, "why": w} for g, w in HARD[cid]],
        "expected_flags": flags,
        "must_not_fire": mnf,
        "ambiguous_rules": case["ambiguous"],
        "stats": {"rows": len(rows), "accepted": len(acc), "rejected": len(rows) - len(acc),
                  "files": len(ctx.files), "events": len(evs)},
    }
    with open(os.path.join(root, cid + ".truth.json"), "w", encoding="utf-8") as fh:
        json.dump(T, fh, indent=1, ensure_ascii=False, default=str)
    return T


def verify(root):
    """Reopen every written file and check each truth row's cells sit at its (table, row)."""
    import csv
    bad = n = 0
    for case in CASES:
        T = json.load(open(os.path.join(root, case["case_id"] + ".truth.json"), encoding="utf-8"))
        cache = {}
        for x in T["rows"]:
            p = os.path.join(root, case["case_id"], x["file"])
            if p not in cache:
                if p.endswith(".docx"):
                    cache[p] = [[[cl.text for cl in r.cells] for r in t.rows] for t in Document(p).tables]
                elif p.endswith(".xlsx"):
                    cache[p] = {ws.title: ws for ws in openpyxl.load_workbook(p)}
                else:
                    raw = open(p, "rb").read()
                    enc = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "cp1252"
                    cache[p] = list(csv.reader(io.StringIO(raw.decode(enc))))
            o = cache[p]
            if p.endswith(".docx"):
                got = o[x["table"] - 1][x["row"] - 1]
            elif p.endswith(".xlsx"):
                got = [o[x["table"]].cell(row=x["row"], column=j + 1).value for j in range(len(x["cells"]))]
            else:
                got = o[x["row"] - 1]

            def norm(v):
                if isinstance(v, dict):
                    return v.get("date") or v.get("datetime")
                if isinstance(v, dt.datetime):
                    return v.isoformat(timespec="minutes") if (v.hour or v.minute) else v.date().isoformat()
                if isinstance(v, dt.date):
                    return v.isoformat()
                return "" if v is None else str(v)
            n += 1
            if [norm(v) for v in x["cells"]] != [norm(v) for v in got][:len(x["cells"])]:
                bad += 1
                print("row mismatch:", case["case_id"], x["file"], x["table"], x["row"])
    print(f"verified {n} rows, {bad} mismatches")
    return bad == 0


def main(argv):
    check = "--check" in argv
    argv = [a for a in argv if a != "--check"]
    if len(argv) != 2:
        print(__doc__.split("\n\n")[1])
        return 2
    root = argv[1]
    os.makedirs(root, exist_ok=True)
    for case in CASES:
        T = build(case, root)
        print(f"{T['case_id']}: {T['stats']['rows']} rows ({T['stats']['rejected']} to reject), "
              f"{T['stats']['files']} files, flags: {[f['rule'] for f in T['expected_flags']]}")
    if check and not verify(root):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
