#!/usr/bin/env python3
"""Hold-out cases "reviews_e": two recast child safeguarding practice reviews.

    python3 scripts/holdout_reviews_e.py OUTDIR [--check]

Writes OUTDIR/he_01/..., OUTDIR/he_02/... (monthly cumulative agency submissions, .docx and
.xlsx) and OUTDIR/he_01.truth.json, OUTDIR/he_02.truth.json in the chrono-truth/1 format of
shared/eval/README.md.  Deterministic.  --check reopens every file and checks that each
truth row's (table, row) holds its cells.

Sources (read for the shape of events and for how agencies word their records; nothing is
copied; every person, place, school, practice, hospital and date is invented):

* he_01 recasts
  "BSCP2020-21-01: Never, Ever Shake a Baby" - Local Child Safeguarding Practice Review,
  Birmingham Safeguarding Children Partnership, published 17 December 2024,
  https://lscpbirmingham.org.uk/bscp2020-21-01  (also https://lscpbirmingham.org.uk/?p=4318).
  A one-month-old baby sustained non-accidental injuries in his parents' care; domestic
  abuse had been witnessed by health professionals and referred, but incorrect information
  in the referral led to a step-down to early help with no strategy discussion; the
  father's history (shared by police) was not considered; the mother's denial was
  accepted; the referrers' escalation took too long.
  Recast as baby Riley HOLLAND.  The review's shape is kept (DA witnessed by the community
  midwife at a postnatal visit, MASH referral saying the parents had separated, step-down
  to Early Help, HV escalation, father's DA history and a child of his on a CP plan, a
  6-week-old with head injury and rib fractures, s47, arrests, ICPC, placement with the
  maternal grandmother).  INVENTED to plant patterns the story supports: the police DA
  call-out in pregnancy and a second one after the birth (DOMESTIC_ABUSE_REPEAT), the
  missed antenatal appointments and the cancelled Early Help meeting (WAS_NOT_BROUGHT),
  the two no-access visits (NO_ACCESS), a facial bruise at 4 weeks accepted on the
  mother's explanation (INJURY_NON_MOBILE, twice with the NAI), the father moving back in
  (HOUSEHOLD_CHANGE) and a 6-week gap in anyone seeing the baby after placement
  (CHILD_NOT_SEEN).
* he_02 recasts
  "Child Safeguarding Practice Review: Sydney" (CSPR DevLancs), Devon Children and
  Families Partnership with Lancashire, c. 2024 (incident April 2023, reviewed under
  Working Together 2023), https://www.devonscp.org.uk/document/cspr-devlancs-sydney/ .
  A looked-after teenager placed out of county in a residential children's home went
  missing with another resident from an outing, was reported high-risk missing, located
  by police five days later and disclosed sexual assault, alcohol and drugs.
  Recast as Tegan WALSH (14), looked after by an invented county and placed in an
  invented residential home in another county.  INVENTED around that shape: the foster
  placement breakdown and two placement moves (HOUSE_MOVES), two school changes
  (SCHOOL_CHANGE), the GP re-registration (GP_CHANGE), the earlier missing episodes
  (MISSING_EPISODE), the disclosed cutting and the paracetamol overdose (SELF_HARM), three
  ED attendances at two hospitals (AE_REPEAT, AE_MULTIPLE_SITES), a missed CAMHS
  appointment and a missed review health assessment (WAS_NOT_BROUGHT), and a 7-week gap
  with nobody recording seeing her (CHILD_NOT_SEEN).

Wording follows the clipped style of agency chronologies (PPN, MASH, DASH, NFA, DNA, WNB,
s47, ICPC, CIN/CP, EH, HV, CMW, NBV, MFH, S&W, RHI, PEP, CLA, IRO, EDT, SARC).  Layouts
differ per agency: DSCB-style Word tables (heading table, split tables, repeated
headers, blank row), HV Word table under "Name:" paragraphs, ED attendance table, school
Word log newest first, GP clinical-system Excel export with coded entries, police
occurrence log with date-time cells, social-care Excel export with cover sheet and a
"date entered" column.  Dates as typed (12/03/25, 12.03.25, 1st March 2025, March 2025,
2019, "14/12/24 23:10"), real Excel dates, and a few unreadable dates (TBC, 31/09/24,
unknown, ??/10/24) that must be rejected.  Child-seen columns carry Y/N/Yes/No/Seen/
"seen asleep"/blank/n/k.  One file per case must be refused.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import sys

import openpyxl
from docx import Document

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"])}
MON3 = {k[:3]: v for k, v in MONTHS.items()}
MON3["sep"] = 9


def _y(y):
    y = int(y)
    return y + 2000 if y < 100 else y


def interp(t):
    """(iso, precision, approximate, time) or None when the date cannot be read."""
    s = str(t).strip()
    approx = False
    if s.startswith("?") and not s.startswith("??"):
        approx, s = True, s[1:].strip()
    if s.lower().startswith("w/c "):
        approx, s = True, s[4:].strip()
    tm = None
    m = re.search(r"\s+(?:@\s*)?(\d{2})[:.](\d{2})(?:hrs)?$", s)
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
            mo = MONTHS.get(m.group(1).lower()) or MON3.get(m.group(1).lower()[:3])
            if not mo:
                return None
            return dt.date(int(m.group(2)), mo, 1).isoformat(), "month", approx, None
        m = re.fullmatch(r"(\d{4})", s)
        if m:
            return f"{m.group(1)}-01-01", "year", approx, None
    except (ValueError, TypeError):
        return None
    return None


PLAIN = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?: (\d{2}):(\d{2}))?$")

CSC, HV, GP, ED, HOU, MW, POL, SCH, PRO = ("Children's Social Care", "Health Visiting", "GP",
                                          "Emergency Department", "Housing", "Midwifery", "Police",
                                          "School", "Probation")


def R(ag, d, text, seen="u", r=None, who="", out="", fix=None, tfix=None, sv=None, cat=""):
    """One agency's row.  d: date as typed; seen y/n/u; sv: child-seen cell text if not the
    layout's default; fix/tfix: {round: date/text from that round on}; r: first round."""
    return dict(ag=ag, d=d, text=text, seen={"y": "yes", "n": "no", "u": "unknown"}[seen], r=r,
                who=who, out=out, fix=fix or {}, tfix=tfix or {}, sv=sv, cat=cat)


def E(eid, kinds, summary, *rows):
    return dict(id=eid, kinds=kinds, summary=summary, rows=list(rows))


# ---------------------------------------------------------------------------
# he_01: baby, DA witnessed by health, step-down, NAI (recast of Birmingham BSCP2020-21-01)
# ---------------------------------------------------------------------------
HE1 = [
    E("H01", "", "Father's DA conviction re previous partner (history)",
      R(POL, "2019", "PRICE, Jordan – DA assault on ex-partner (Kayla) – charged ABH, convicted, 12m community order. Bail conds not to contact", "u", who="PNC/Niche", cat="Domestic – assault")),
    E("H02", "", "Father's older child on CP plan (history)",
      R(CSC, "March 2021", "Historic: Jordan PRICE is father of a child (other LA) made subject to CP plan – physical abuse, injuries to 10wk old. Info from Ravensholm CSC 2021", "u", who="Archive")),
    E("H03", "", "Antenatal booking",
      R(MW, "26/09/24", "Booking appt. Chloe 11+2/40 G1P0. FOB Jordan PRICE – Chloe says 'not together, he just visits'. Routine enquiry DA not asked – FOB present throughout. Hx anxiety", "u", who="CMW R Begum")),
    E("H04", "", "GP: pregnancy, low mood",
      R(GP, "03/10/24", "Chloe (mother) – preg confirmed. Low mood, poor sleep. Sertraline 50mg OD. Denies thoughts of self harm. Review 4/52", "u", who="Dr H Lister")),
    E("H05", "", "Antenatal clinic attended",
      R(MW, "24.10.24", "ANC 15/40 – attended alone. BP/urine NAD. Asked re DA – 'no, never'. Leaflet given", "u", who="CMW R Begum")),
    E("H06", "wnb", "Antenatal DNA 1 (anomaly scan)",
      R(MW, "20/11/24", "20/40 anomaly scan – DNA. No contact. Letter + text. Rebooked 27/11", "u", who="Fetal med admin")),
    E("H07", "da", "DA call-out in pregnancy (police)",
      R(POL, "14/12/24 23:10", "Call from neighbour – shouting/banging at Flat 3, 22 Kestrel Rd. HOLLAND, Chloe (approx 22/40 pregnant) states verbal arg only, no injuries seen. PRICE, Jordan left prior to arrival. DASH standard. PPN submitted", "u", who="PC 4471 Grady", cat="Domestic – verbal"),
      R(CSC, "16/12/24", "PPN received MASH re verbal DA 14/12/24, Chloe pregnant. Standard risk. Info to CMW. NFA CSC", "u", who="MASH SW T Oyelaran"),
      R(MW, "17/12/24", "MASH notification – police called to home address 14/12 (verbal arg with FOB). To discuss at next ANC", "u", who="Safeguarding MW")),
    E("H08", "", "Antenatal clinic, DA discussed",
      R(MW, "18th December 2024", "ANC 23/40. Discussed police call-out – Chloe says 'just a row, he's gone now'. DA helpline info given. Plan: CMW home visit", "u", who="CMW R Begum")),
    E("H09", "wnb", "Antenatal DNA 2",
      R(MW, "08/01/25", "ANC 26/40 + GTT – DNA (2nd missed appt). CMW to visit", "u", who="CMW R Begum")),
    E("H10", "", "CMW home visit antenatal",
      R(MW, "15/01/25", "CMW HV – Chloe seen alone. BP 118/72, FH heard. Denies DA. Says Jordan 'stays sometimes'. Men's trainers in hall", "u", who="CMW R Begum")),
    E("H11", "", "HV antenatal contact",
      R(HV, "05/02/25", "Antenatal contact. Chloe at home; Jordan present and answered most questions for her. Unable to do RE. Plan – see Chloe alone at NBV", "u", who="HV Joanne Pike")),
    E("H12", "", "Birth",
      R(MW, "14/03/25", "SVD 39+1 at Hallbridge Maternity Unit. Live male infant, 3.28kg. Apgars 9/10. Both parents present. Feeding: breast", "y", who="Delivery suite MW"),
      R(HV, "14th March 2025", "Birth notification received – Riley, male, 3.28kg", "u", who="HV admin"),
      R(GP, "17/03/25", "New baby registration – Riley HOLLAND, born 14/03/25 Hallbridge MU", "u", who="Reception")),
    E("H13", "da", "DA witnessed by CMW at postnatal visit day 5",
      R(MW, "19/03/25", "PN day 5 visit. Riley seen – feeding, jaundice mild. On arrival heard Jordan shouting; Jordan pushed Chloe against door frame in CMW presence, then left. Chloe said 'he's just stressed'. Referral to MASH same day", "y", who="CMW Dawn Felton"),
      R(CSC, "19/03/25", "MASH contact from CMW – DA witnessed at PN visit. Referral states parents separated and father does not live at address", "u", who="MASH SW T Oyelaran")),
    E("H14", "", "Police MASH research on father",
      R(POL, "20/03/25", "MASH research – PRICE, Jordan: previous DA (ex-partner) 2019, ABH conviction; child from previous relationship on CP plan 2021 (Ravensholm). Shared with MASH", "u", who="MASH DC Aziz", cat="Intel/MASH")),
    E("H15", "", "MASH step-down to Early Help",
      R(CSC, "21/03/25", "MASH decision: threshold for s47 not met – parents separated, mother protective. No strategy discussion. Step down to Early Help (Family Hub)", "u", who="MASH TM K Allen")),
    E("H16", "", "HV new birth visit",
      R(HV, "26/03/25", "NBV – Riley seen and handled, wt 3.41kg, no marks seen. Chloe denies DA, says Jordan moved to his mum's. Vape & men's jacket in lounge. HV concerned – will escalate", "y", who="HV Joanne Pike")),
    E("H17", "", "HV escalation to CSC",
      R(CSC, "27/03/25", "Call from HV – disagrees with step down, asks for strat discussion given father's hx. Passed to TM", "u", who="MASH SW T Oyelaran"),
      R(HV, "27/03/2025", "Tel to MASH – escalated concerns (DA witnessed + father's hx). Awaiting TM decision. Named nurse informed", "u", who="HV Joanne Pike")),
    E("H18", "", "GP postnatal, mother's mood",
      R(GP, "02/04/25", "Chloe – PN check. EPDS 14. Sertraline restarted. Denies self-harm thoughts. Baby not brought to this appt (not needed)", "u", who="Dr H Lister")),
    E("H19", "noaccess", "Early Help visit no access",
      R(CSC, "08/04/25", "EH worker planned home visit – no answer, curtains drawn, music heard. Card left", "n", who="EH worker Lisa Crane")),
    E("H20", "noaccess", "HV visit no access",
      R(HV, "11/04/25", "Planned home visit – no access. Text sent to mum. Will offer clinic", "n", who="HV Joanne Pike")),
    E("H21", "wnb", "Early Help first meeting cancelled",
      R(CSC, "14/04/25", "EH first meeting at Family Hub – cancelled by Chloe 1 hr before ('baby unsettled'). Rebooked", "n", who="EH worker Lisa Crane")),
    E("H22", "injury_nm", "Bruise on cheek at 4 weeks",
      R(HV, "15/04/25", "Baby clinic – Riley (4/52) seen, wt 4.1kg. 1cm bruise L cheek – mum says scratched himself with nails. Explanation accepted, advice re scratch mitts", "y", who="CN Gail Moss")),
    E("H23", "da", "Second police DA call-out after birth",
      R(POL, "20/04/25 02:15", "Concern for welfare – female heard screaming at Flat 3, 22 Kestrel Rd. Chloe and Jordan PRICE both present, deny arg. Baby in moses basket. DASH medium. PPN", "y", who="PC 3390 Nwosu", sv="Y - seen asleep", cat="Domestic – CFW"),
      R(CSC, "22/04/25", "PPN rec'd – 2nd DA call-out, baby (5/52) present, father at address. To TM for strategy discussion", "u", who="MASH SW T Oyelaran"),
      R(HV, "23/04/25", "Notification of police attendance 20/04 received via MASH", "u", who="HV Joanne Pike")),
    E("H24", "household", "Father back living in the home",
      R(CSC, "23/04/25", "EH worker tel call – Chloe confirms Jordan moved back in 'beginning of April'. Case to be re-referred to CSC", "u", who="EH worker Lisa Crane")),
    E("H25", "injury_nm;ae:Hallbridge Children's Hospital", "NAI: head injury and rib fractures at 6 weeks",
      R(ED, "28/04/25 19:52", "Arrived by ambulance. Riley (6/52) floppy, vomiting x3. Mother states fell from sofa. CT head: acute SDH. Skeletal survey: posterior rib #s. Admitted PICU. Safeguarding referral made", "y", who="Dr M Ferris (PEM)", out="Admitted PICU"),
      R(POL, "28/04/25 21:40", "Call from Hallbridge Children's Hospital – 6wk old, suspected NAI (SDH, rib fractures). CID allocated. Scene secured", "u", who="DS 2018 Ward", cat="Child protection"),
      R(CSC, "28/04/25", "EDT – referral from hospital SW: 6wk old admitted, head injury + fractures, explanation inconsistent", "u", who="EDT SW"),
      R(HV, "29/04/25", "Informed by hospital safeguarding team – Riley admitted 28/04 ?NAI", "u", who="HV Joanne Pike"),
      R(GP, "30/04/25", "Notification from Hallbridge Children's Hosp – admitted 28/04 head injury, ?NAI", "u", who="Safeguarding admin")),
    E("H26", "", "Strategy discussion / s47",
      R(CSC, "29/04/25", "Strategy discussion (police, hosp, HV, CSC) – s47 single agency? no, joint. s47 initiated, ICPC to be convened", "u", who="TM K Allen"),
      R(POL, "29/04/2025 10:00", "Strategy discussion attended – joint s47 agreed", "u", who="DS 2018 Ward", cat="Child protection")),
    E("H27", "", "Parents arrested",
      R(POL, "29/04/25 16:30", "PRICE, Jordan and HOLLAND, Chloe arrested on susp. GBH (child). Interviewed, released on bail – no unsupervised contact", "u", who="DS 2018 Ward", cat="Arrest")),
    E("H28", "", "CSC case note with bad date",
      R(CSC, "31/04/25", "Call to MGM Sandra HOLLAND re viability for placement", "u", who="SW Priya Nandra", fix={3: "30/04/25"})),
    E("H29", "", "ICPC",
      R(CSC, "09/05/25", "ICPC – Riley subject to CP plan (physical abuse). Plan: discharge to MGM under s20, supervised contact only", "u", who="Chair IRO B Hart"),
      R(HV, "09/05/25", "Attended ICPC – CP plan, physical abuse. HV to visit MGM", "u", who="HV Joanne Pike")),
    E("H30", "move", "Discharged to maternal grandmother (change of address)",
      R(ED, "12/05/25 14:00", "Ward discharge – to care of MGM at 41 Sorrel Way, Hallbridge. Follow-up ophthalmology & neuro clinic", "y", who="Ward 4 nurse", out="Discharged to MGM"),
      R(CSC, "12/05/25", "Riley discharged to MGM (s20). SW at placement – Riley seen, settled", "y", who="SW Priya Nandra"),
      R(GP, "14/05/25", "Change of address – Riley c/o MGM, 41 Sorrel Way. Remains registered at this practice", "u", who="Reception")),
    E("H31", "", "SW visit to MGM",
      R(CSC, "20/05/25", "Statutory CP visit – Riley seen awake, in bouncer. MGM coping well", "y", who="SW Priya Nandra")),
    E("H32", "", "Father charged",
      R(POL, "02/06/25", "PRICE, Jordan charged s18 GBH – remanded. HOLLAND, Chloe RUI", "u", who="DS 2018 Ward", cat="Charge")),
    E("H33", "", "Core group 1 (virtual)",
      R(CSC, "06/06/25", "Core group 1 (Teams). Riley not seen. MGM reports he's well", "n", who="SW Priya Nandra"),
      R(HV, "06/06/25", "Core group (virtual) attended", "n", who="HV Joanne Pike")),
    E("H34", "", "CP visit cancelled (SW sick)",
      R(CSC, "13/06/25", "CP visit cancelled – SW off sick. Not re-arranged", "n", who="Duty")),
    E("H35", "", "HV phone call to MGM",
      R(HV, "17/06/25", "Tel contact MGM – Riley 'feeding well'. Clinic booked 1/7", "n", who="HV Joanne Pike")),
    E("H36", "", "GP letter about missed 6-8 week check",
      R(GP, "20/06/25", "6-8 wk check not done (inpatient). Rebooked with imms", "u", who="Practice nurse")),
    E("H37", "", "HV clinic with MGM",
      R(HV, "01/07/25", "Clinic – Riley seen with MGM. Wt 6.2kg. No new marks", "y", who="CN Gail Moss")),
    E("H38", "", "GP 6-8 week check and imms",
      R(GP, "08/07/25", "Baby check + 8wk & 12wk imms (catch-up). Hips/eyes NAD. Seen with MGM", "y", who="Dr H Lister")),
    E("H39", "", "CP visit July",
      R(CSC, "15/07/25", "CP visit – Riley seen, smiling, interacting with MGM", "y", who="SW Priya Nandra")),
    E("H40", "", "Core group 2",
      R(CSC, "18/07/25", "Core group 2 at MGM's – Riley present", "y", who="SW Priya Nandra"),
      R(HV, "18/07/25", "Core group at MGM home – Riley seen", "y", who="HV Joanne Pike")),
    E("H41", "", "HV home visit at MGM (TBC then dated)",
      R(HV, "TBC", "Home visit MGM – Riley seen asleep in cot, MGM well supported", "y", who="HV Joanne Pike", sv="seen asleep", fix={3: "10/07/25"}, r=2)),
    E("H42", "", "Police intel with no date",
      R(POL, "unknown", "Intel – PRICE believed to use cannabis daily, associates with known suppliers", "u", who="Intel unit", cat="Intelligence")),
    E("H43", "", "CP visit August",
      R(CSC, "12/08/25", "CP visit – Riley seen, wt per red book 7.0kg", "y", who="SW Priya Nandra")),
    E("H44", "", "GP seen URTI",
      R(GP, "14/08/25", "Seen with MGM – coryzal 3/7, chest clear, feeding ok. Safety net", "y", who="Dr A Moore")),
]

HARD_E = {
    "he_01": [
        (["H07", "H23"], "two different domestic-abuse call-outs four months apart"),
        (["H13", "H14"], "DA witnessed by the midwife vs police MASH research on the father next day"),
        (["H22", "H25"], "bruise accepted at clinic vs NAI admission two weeks later"),
        (["H19", "H20"], "two different no-access visits by different agencies"),
        (["H06", "H09"], "two different missed antenatal appointments"),
        (["H15", "H17"], "MASH step-down decision vs HV escalation against it"),
        (["H33", "H34"], "virtual core group vs cancelled CP visit a week later"),
        (["H26", "H27"], "strategy discussion vs arrests the same day"),
    ],
}

# ---------------------------------------------------------------------------
# he_02: looked-after teenager, out-of-county residential, missing (recast of CSPR "Sydney")
# ---------------------------------------------------------------------------
HE2 = [
    E("T01", "", "Accommodated s20 (history)",
      R(CSC, "June 2022", "Tegan accommodated s20 following mother's alcohol misuse & neglect. Placed with foster carers (Mr & Mrs Yeo)", "u", who="SW archive")),
    E("T02", "", "Care order (history)",
      R(CSC, "14.09.23", "Final care order (s31) granted. Care plan long-term fostering", "u", who="SW archive")),
    E("T03", "", "SW visit May",
      R(CSC, "02/05/24", "CLA visit at foster home – Tegan seen alone in bedroom. Says 'fine'. Arguments with FC re phone", "y", who="SW Megan Tilley")),
    E("T04", "", "PEP summer term",
      R(SCH, "29/05/24", "PEP meeting – Tegan attended. Attendance 84%. Y9. Concerns re older friends at gate", "y", who="DT Mr Keane (Coombe Vale)", out="PEP targets set")),
    E("T05", "", "SW visit June",
      R(CSC, "20/06/24", "CLA visit – seen. FC reports staying out past curfew x3", "y", who="SW Megan Tilley")),
    E("T06", "", "GP acne",
      R(GP, "15/07/24", "Acne – lymecycline 408mg OD 3/12. Seen with FC", "y", who="Dr S Quarrie")),
    E("T07", "", "Foster carers give notice",
      R(CSC, "08/08/24", "FC gave 28 days notice. Disruption mtg. Tegan seen – angry, tearful", "y", who="SW Megan Tilley")),
    E("T08", "move", "Move 1: emergency residential placement (Harton Lodge)",
      R(CSC, "14/08/24", "Placement move – emergency residential, Harton Lodge, Westmoor. SW transported, Tegan seen", "y", who="SW Megan Tilley"),
      R(GP, "19/08/24", "Change of address notified by CSC – Harton Lodge. Remains registered", "u", who="Reception"),
      R(SCH, "15/08/2024", "VS notified of placement move to Harton Lodge – too far for Coombe Vale, new school to be sought", "u", who="Virtual School caseworker")),
    E("T09", "school", "School change 1: starts at St Aldhelm's",
      R(SCH, "09/09/24", "Started at St Aldhelm's School (Y10) – induction with HoY. Seen", "y", who="VS caseworker", out="Admitted")),
    E("T10", "missing", "Missing episode 1",
      R(POL, "22/09/24 21:30", "MFH – WALSH, Tegan (13) from Harton Lodge. Medium risk. Believed with older males in town centre", "n", who="PS 1120 Hoyle", cat="Missing person"),
      R(CSC, "23/09/24", "Harton Lodge notified missing from 21:00 22/09, returned 10:00 23/09 by police", "u", who="SW Megan Tilley")),
    E("T11", "", "Return home interview 1",
      R(CSC, "24/09/24", "RHI – Tegan seen, would not say where she had been. 'Just with mates'", "y", who="RHI worker (commissioned)")),
    E("T12", "", "CSC note with impossible date",
      R(CSC, "31/09/24", "Strategy discussion re CSE risk – CSE screening tool: medium", "u", who="TM J Rudd")),
    E("T13", "selfharm", "Disclosed cutting at school",
      R(SCH, "10/10/24", "Tegan disclosed cutting to forearms. Wounds seen by school nurse – superficial, dressed. DSL informed SW + home", "y", who="DSL Mrs Hanley", out="SW informed; CAMHS referral"),
      R(CSC, "10/10/24", "Call from St Aldhelm's DSL – T disclosed SH (cutting). CAMHS referral made", "u", who="SW Megan Tilley")),
    E("T14", "", "School entry with unreadable date",
      R(SCH, "??/10/24", "Tegan seen by DSL re friendship fallout – no concerns", "y", who="DSL Mrs Hanley")),
    E("T15", "", "Assault on staff at Harton Lodge",
      R(POL, "28/10/24 19:05", "Call from Harton Lodge – Tegan assaulted staff member (slap) after phone confiscated. Resolved – restorative, NFA", "y", who="PC 2210 Field", cat="Assault – NFA"),
      R(CSC, "29/10/24", "Home report: T slapped key worker 28/10, police attended, NFA", "u", who="SW Megan Tilley")),
    E("T16", "missing", "Missing episode 2",
      R(POL, "03/11/24 17:45", "MFH – WALSH Tegan from Harton Lodge. Medium risk. Not answering phone. Last seen getting into grey Astra", "n", who="PS 1120 Hoyle", cat="Missing person"),
      R(CSC, "4th November 2024", "Missing since 03/11 – Philomena protocol info given to police. Located 05/11", "n", who="SW Megan Tilley")),
    E("T16b", "", "Located after missing episode 2, safe and well check",
      R(POL, "05/11/24 14:20", "MFH located at address of adult male (Station Rd) – CSE concern, intel submitted. S&W check completed, returned to Harton Lodge", "y", who="PC 3302 Lamb", cat="Missing – found")),
    E("T17", "wnb", "CAMHS initial appointment DNA",
      R(CSC, "18/11/24", "CAMHS choice appt – DNA, Tegan refused to get in car. CAMHS will offer one more", "n", who="SW Megan Tilley"),
      R(GP, "21/11/24", "CAMHS letter – DNA initial choice appt 18/11/24", "u", who="Docman")),
    E("T18", "", "SW visit, Tegan out",
      R(CSC, "06/12/24", "CLA visit to Harton Lodge – Tegan out with staff, not seen. Spoke to manager", "n", who="SW Megan Tilley")),
    E("T19", "", "Placement search",
      R(CSC, "13/12/24", "Placement panel – residential out of county agreed. No local beds", "u", who="TM J Rudd")),
    E("T20", "selfharm;ae:Westmoor District Hospital", "Overdose, Westmoor District Hospital",
      R(CSC, "27/12/24", "EDT: T taken to Westmoor District Hosp by staff after saying she took tablets. EDT SW saw Tegan on ward", "y", who="EDT SW"),
      R(GP, "30/12/24", "A&E letter Westmoor District Hosp 27/12: intentional OD 15 x paracetamol. Levels below treatment line. CAMHS r/v prior to d/c", "u", who="Docman")),
    E("T21", "move", "Move 2: out-of-county residential (Fellside House)",
      R(CSC, "09/01/25", "Placement move – Fellside House, Ormbridge (out of county). SW transported, seen", "y", who="SW Megan Tilley"),
      R(POL, "10/01/25", "Notification – CLA placed into force area at Fellside House. Vulnerable/missing flags added", "u", who="Missing coordinator", cat="Information")),
    E("T22", "gpchange", "GP change to Fellgate Surgery",
      R(GP, "20/01/25", "New patient registration (from Westmoor Vale Practice). Summary awaited. CLA", "u", who="Fellgate Surgery reception"),
      R(CSC, "22/01/25", "Tegan registered with Fellgate Surgery, Ormbridge", "u", who="SW Megan Tilley")),
    E("T23", "school", "School change 2: Ormbridge Learning Centre",
      R(SCH, "27/01/25", "On roll Ormbridge Learning Centre (AP) – part-time timetable 15hrs. Seen at induction", "y", who="VS caseworker", out="Admitted – PT timetable"),
      R(CSC, "27/01/25", "T started Ormbridge Learning Centre today", "u", who="SW Megan Tilley")),
    E("T24", "", "SW statutory visit new placement",
      R(CSC, "05/02/25", "CLA visit Fellside – seen alone. Misses friends, says staff 'ok'. Friend J (resident) 'like a sister'", "y", who="SW Megan Tilley")),
    E("T25", "missing", "Missing episode 3",
      R(POL, "15/02/25 20:10", "MFH from Fellside House with another resident. Medium risk. Returned by police 02:30, intoxicated", "n", who="PC 881 Rowe", cat="Missing person"),
      R(CSC, "17/02/25", "Fellside notification – missing 15/02 with resident J, returned intoxicated", "n", who="SW Megan Tilley")),
    E("T26", "ae:Ormbridge Royal Infirmary", "ED: intoxicated after return",
      R(ED, "16/02/25 03:05", "Brought by police/staff – alcohol intoxication, GCS 14. Obs overnight. No injuries. Safeguarding form", "y", who="Dr E Hale", out="Discharged am to Fellside")),
    E("T27", "", "Bruising to wrists noted at school",
      R(SCH, "19/02/25", "Staff noticed bruising both wrists. T says 'play fighting' with J. Body map. Info to SW", "y", who="DSL Mr Oduya (OLC)", out="Body map, SW informed")),
    E("T28", "wnb", "Review health assessment not brought",
      R(GP, "05/03/25", "RHA (CLA) – was not brought. Home staff 'forgot'. Rebooked", "n", who="CLA nurse", sv="Not seen")),
    E("T29", "", "CLA review",
      R(CSC, "11/03/25", "CLA review – T attended part. IRO concerned re missing + CSE. Plan: tracking, MACE", "y", who="IRO D Chaudhry")),
    E("T30", "", "SW visit April",
      R(CSC, "02/04/25", "CLA visit – seen. Bowling trip planned Saturday", "y", who="SW Megan Tilley")),
    E("T31", "missing", "Missing episode 4: high-risk missing from outing",
      R(POL, "12/04/25 16:40", "MFH – WALSH Tegan & resident J from bowling alley trip. HIGH RISK. Phones off. CSE markers", "n", who="Insp Carver", cat="Missing person – high"),
      R(CSC, "12/04/25", "EDT – Fellside report T and J missing from bowling. High risk. Strategy mtg convened", "n", who="EDT SW"),
      R(SCH, "14/04/25", "Not in school – home report missing since Sat", "n", who="DSL Mr Oduya (OLC)")),
    E("T32", "", "Police TBC entry",
      R(POL, "TBC", "Intelligence re adult males at address on Mill Rd – links to missing", "u", who="Intel", cat="Intelligence")),
    E("T33", "ae:Ormbridge Royal Infirmary", "Located after 5 days, ED and SARC referral",
      R(POL, "17/04/25 11:20", "Located with J at address Mill Rd. Disclosures of sexual assault by several males, alcohol & drugs. 1 male arrested – rape. SARC referral", "y", who="DS Patel", cat="Missing – found"),
      R(ED, "17/04/25 13:45", "Attended with police. Dehydrated, not eaten for days. Medically cleared for SARC", "y", who="Dr E Hale", out="To SARC"),
      R(CSC, "17/04/25", "T located by police, taken to ORI then SARC. SW travelling", "u", who="SW Megan Tilley")),
    E("T34", "", "Return home interview 2",
      R(CSC, "22/04/25", "RHI – T seen, very withdrawn. Does not want to talk about Mill Rd", "y", who="RHI worker")),
    E("T35", "", "GP note with no date",
      R(GP, "unknown", "Summary from previous practice – childhood imms complete", "u", who="Summariser")),
    E("T36", "", "SW visit May",
      R(CSC, "06/05/25", "CLA visit – seen alone. Sleeping better. Staff 2:1 in community", "y", who="SW Megan Tilley")),
    E("T37", "", "GP sexual health follow-up",
      R(GP, "15/05/25", "Seen with keyworker – post-SARC follow up, results neg. Emotional support, CAMHS urgent referral", "y", who="Dr L Hurst")),
]

HARD_E["he_02"] = [
    (["T10", "T16"], "two different missing episodes six weeks apart"),
    (["T25", "T26"], "missing episode vs ED attendance after return"),
    (["T13", "T20"], "cutting disclosed at school vs overdose attendance"),
    (["T08", "T21"], "two different placement moves"),
    (["T09", "T23"], "two different school starts"),
    (["T26", "T33"], "two attendances at the same ED"),
    (["T31", "T33"], "start of high-risk missing episode vs location five days later"),
    (["T11", "T34"], "two return home interviews"),
]

# ---------------------------------------------------------------------------
# layouts
# ---------------------------------------------------------------------------
SEEN = {
    "dscb": {"yes": "Yes", "no": "No", "unknown": ""},
    "hv": {"yes": "Y", "no": "N", "unknown": "N/A"},
    "ed": {"yes": "Yes", "no": "No", "unknown": ""},
    "school": {"yes": "Y", "no": "N", "unknown": ""},
    "gp": {"yes": "Seen", "no": "Not seen", "unknown": ""},
    "police": {"yes": "Y", "no": "N", "unknown": "n/k"},
    "csc": {"yes": "Y", "no": "N", "unknown": ""},
}


def seen_txt(spec, voc):
    return spec["sv"] if spec["sv"] is not None else SEEN[voc][spec["seen"]]


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
    def __init__(self, case):
        self.case, self.child = case, case["child"]
        self.rows, self.files = [], []

    def add_row(self, file, table, row, cells, spec, dtext):
        i = interp(dtext)
        x = {"file": file, "table": table, "row": row, "event": spec["eid"], "reject": i is None, "cells": cells}
        if i:
            x.update({"date": i[0], "precision": i[1], "approximate": i[2], "time": i[3]})
        else:
            x.update({"date": None, "precision": None, "approximate": None, "time": None})
        x.update({"agency": spec["ag"], "child_seen": spec["seen"]})
        self.rows.append(x)


def row_vals(spec, rnd):
    d, t = spec["d"], spec["text"]
    for k in sorted(spec["fix"]):
        if rnd >= k:
            d = spec["fix"][k]
    for k in sorted(spec["tfix"]):
        if rnd >= k:
            t = spec["tfix"][k]
    return d, t


def heading_info(ctx, label, author):
    c = ctx.child
    return [("Child's name", f"{c['first_name']} {c['surname']}"), ("DOB", c["dob_text"]), ("Address", c["address"]),
            ("Agency", label), ("Completed by", author)]


def _docx_table(doc, hdr):
    t = doc.add_table(rows=0, cols=len(hdr))
    t.style = "Table Grid"
    return t


def _put(t, vals):
    cs = t.add_row().cells
    for j, v in enumerate(vals):
        cs[j].text = "" if v is None else str(v)


def write_docx_dscb(ctx, path, rel, rows, rnd, label, author, opt):
    """DSCB template: heading table, chronology split over a page break."""
    doc = Document()
    doc.add_heading("Multi-Agency Chronology", level=1)
    ht = doc.add_table(rows=0, cols=2)
    for k, v in heading_info(ctx, label, author):
        _put(ht, [k + ":", v])
    doc.add_paragraph("Please list significant events only, most recent last.")
    hdr = ["Date", "Source of information", "Significant event / incident", "Action taken / outcome", "Child seen?", "Initials"]
    half = (len(rows) + 1) // 2 if len(rows) > 8 else len(rows)
    chunks = [rows[:half], rows[half:]] if half < len(rows) else [rows]
    layout, tno = [], 1
    for ci, chunk in enumerate(chunks):
        tno += 1
        t = _docx_table(doc, hdr)
        rn, hrows, brows = 0, [], []
        if ci == 0 or opt.get("split_header"):
            _put(t, hdr)
            rn += 1
            hrows.append(rn)
        for k, spec in enumerate(chunk):
            if ci == 0 and k == 4 and len(chunk) > 6:
                _put(t, [""] * len(hdr))
                rn += 1
                brows.append(rn)
            d, txt = row_vals(spec, rnd)
            cells = [d, opt["src"], txt, spec["out"], seen_txt(spec, "dscb"),
                     "".join(w[0] for w in spec["who"].split()[-2:]) if spec["who"] else ""]
            _put(t, cells)
            rn += 1
            ctx.add_row(rel, tno, rn, cells, spec, d)
        if ci == 0 and len(chunks) > 1:
            doc.add_page_break()
        layout.append({"table": tno, "role": "chronology", "header_rows": hrows, "blank_rows": brows,
                       "title_rows": [], "nrows": rn, "headers": hdr})
    doc.save(path)
    return [{"table": 1, "role": "heading", "nrows": 5}] + layout


def write_docx_hv(ctx, path, rel, rows, rnd, label, author, opt):
    """HV record summary: Name:/DOB: paragraphs, one table, header repeated after row 5."""
    doc = Document()
    doc.add_paragraph(f"{label} – Chronology of contacts")
    c = ctx.child
    doc.add_paragraph(f"Name: {c['first_name']} {c['surname']}    DOB: {c['dob_text']}    NHS No: {c['nhs']}")
    doc.add_paragraph(f"Address: {c['address']}")
    hdr = ["Date of contact", "Contact type", "Summary of contact / concerns identified", "Child seen (Y/N)", "Practitioner", "Plan"]
    t = _docx_table(doc, hdr)
    _put(t, hdr)
    rn, hrows = 1, [1]
    for i, spec in enumerate(rows):
        if i == 5:
            _put(t, hdr)
            rn += 1
            hrows.append(rn)
        d, txt = row_vals(spec, rnd)
        cells = [d, spec["cat"] or "Contact", txt, seen_txt(spec, "hv"), spec["who"], spec["out"]]
        _put(t, cells)
        rn += 1
        ctx.add_row(rel, 1, rn, cells, spec, d)
    doc.add_paragraph(f"Signed: {author}")
    doc.save(path)
    return [{"table": 1, "role": "chronology", "header_rows": hrows, "blank_rows": [], "title_rows": [],
             "nrows": rn, "headers": hdr}]


def write_docx_ed(ctx, path, rel, rows, rnd, label, author, opt):
    doc = Document()
    doc.add_paragraph(f"{label}")
    doc.add_paragraph("Paediatric liaison – attendances and admissions")
    c = ctx.child
    doc.add_paragraph(f"Patient: {c['surname']}, {c['first_name']}   D.O.B. {c['dob_text']}")
    hdr = ["Arrival", "Presenting complaint / summary", "Disposal", "Clinician", "Pt seen"]
    t = _docx_table(doc, hdr)
    _put(t, hdr)
    rn = 1
    for spec in rows:
        d, txt = row_vals(spec, rnd)
        cells = [d, txt, spec["out"], spec["who"], seen_txt(spec, "ed")]
        _put(t, cells)
        rn += 1
        ctx.add_row(rel, 1, rn, cells, spec, d)
    doc.save(path)
    return [{"table": 1, "role": "chronology", "header_rows": [1], "blank_rows": [], "title_rows": [],
             "nrows": rn, "headers": hdr}]


def write_docx_school(ctx, path, rel, rows, rnd, label, author, opt):
    """Virtual School / DSL log, newest first."""
    doc = Document()
    c = ctx.child
    doc.add_heading(f"Education chronology – {c['first_name']} {c['surname']} (DOB {c['dob_text']})", level=2)
    doc.add_paragraph(f"Compiled by {author}, {label}. Most recent entries first.")
    hdr = ["Date", "Concern / incident / event", "Action taken", "Recorded by", "Pupil seen?"]
    t = _docx_table(doc, hdr)
    _put(t, hdr)
    rn = 1
    for spec in reversed(rows):
        d, txt = row_vals(spec, rnd)
        cells = [d, txt, spec["out"], spec["who"], seen_txt(spec, "school")]
        _put(t, cells)
        rn += 1
        ctx.add_row(rel, 1, rn, cells, spec, d)
    doc.save(path)
    return [{"table": 1, "role": "chronology", "header_rows": [1], "blank_rows": [], "title_rows": [],
             "nrows": rn, "headers": hdr}]


def _xl_write(ws, r, vals):
    for j, v in enumerate(vals, 1):
        c = ws.cell(row=r, column=j, value=v)
        if isinstance(v, dt.datetime):
            c.number_format = "dd/mm/yyyy hh:mm"
        elif isinstance(v, dt.date):
            c.number_format = "dd/mm/yyyy"


def _tcell(v, truth):
    return truth if isinstance(truth, dict) else v


def write_xlsx_gp(ctx, path, rel, rows, rnd, label, author, opt):
    """Clinical-system export: title rows, coded entries, Excel date cells."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Journal"
    c = ctx.child
    ws.cell(row=1, column=1, value=f"{label} – Patient record extract (safeguarding)")
    ws.cell(row=2, column=1, value=f"{c['surname'].upper()}, {c['first_name']}  DOB {c['dob_text']}  NHS {c['nhs']}")
    hdr = ["Date", "Consultation type", "Clinician", "Code", "Free text", "Patient seen"]
    _xl_write(ws, 4, hdr)
    r = 4
    for spec in rows:
        d, txt = row_vals(spec, rnd)
        dv, dtruth = date_cell(d)
        typ = {"yes": "Face to face", "no": "Did not attend", "unknown": "Document / admin"}[spec["seen"]]
        code = spec["cat"] or {"yes": "Consultation", "no": "Child not brought to appt", "unknown": "Letter received"}[spec["seen"]]
        r += 1
        vals = [dv, typ, spec["who"], code, txt, seen_txt(spec, "gp")]
        _xl_write(ws, r, vals)
        ctx.add_row(rel, "Journal", r, [dtruth] + vals[1:], spec, d)
    wb.save(path)
    return [{"table": "Journal", "role": "chronology", "header_rows": [4], "title_rows": [1, 2], "blank_rows": [3],
             "max_row": r, "headers": hdr}]


def write_xlsx_police(ctx, path, rel, rows, rnd, label, author, opt):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Niche extract"
    c = ctx.child
    ws.cell(row=1, column=1, value=f"{label} – occurrences linked to subject and household")
    ws.cell(row=2, column=1, value=f"Subject: {c['surname'].upper()} {c['first_name']} ({c['dob_text']}). Searched to {ctx.cutoff_text}")
    hdr = ["Occurrence No", "Date/Time", "Type", "Details", "Officer", "Child present / seen"]
    _xl_write(ws, 3, hdr)
    r = 3
    for spec in rows:
        d, txt = row_vals(spec, rnd)
        dv, dtruth = date_cell(d)
        r += 1
        num = int(re.sub(r'\D', '', spec['eid'])) * 37 + (7 if spec['eid'][-1].isalpha() else 0) + 10000
        yy = dt.date.fromisoformat(interp(d)[0]).strftime('%y') if interp(d) else 'XX'
        ref = f"{opt['ref']}/{num:06d}/{yy}"
        vals = [ref, dv, spec["cat"] or "Occurrence", txt, spec["who"], seen_txt(spec, "police")]
        _xl_write(ws, r, vals)
        ctx.add_row(rel, "Niche extract", r, [ref, dtruth] + vals[2:], spec, d)
    wb.save(path)
    return [{"table": "Niche extract", "role": "chronology", "header_rows": [3], "title_rows": [1, 2],
             "blank_rows": [], "max_row": r, "headers": hdr}]


def write_xlsx_csc(ctx, path, rel, rows, rnd, label, author, opt):
    """Case-management export: cover sheet, data sheet with 'Date entered' column."""
    wb = openpyxl.Workbook()
    ws0 = wb.active
    ws0.title = "Cover"
    for i, (k, v) in enumerate(heading_info(ctx, label, author), 1):
        ws0.cell(row=i, column=1, value=k)
        ws0.cell(row=i, column=2, value=v)
    ws0.cell(row=7, column=1, value="'Date entered' is the system date, not the date of the event.")
    ws = wb.create_sheet("Case notes")
    hdr = ["Case note date", "Type", "Summary", "Child seen (Y/N)", "Worker", "Date entered"]
    _xl_write(ws, 1, hdr)
    r = 1
    for n, spec in enumerate(rows, 1):
        d, txt = row_vals(spec, rnd)
        dv, dtruth = date_cell(d)
        rv, rtruth = recorded(d, n % 4)
        r += 1
        vals = [dv, spec["cat"] or "Case note", txt, seen_txt(spec, "csc"), spec["who"], rv]
        _xl_write(ws, r, vals)
        ctx.add_row(rel, "Case notes", r, [dtruth] + vals[1:5] + [rtruth], spec, d)
    wb.save(path)
    return [{"table": "Cover", "role": "cover"},
            {"table": "Case notes", "role": "chronology", "header_rows": [1], "title_rows": [], "blank_rows": [],
             "max_row": r, "headers": hdr}]


WRITERS = {"docx_dscb": write_docx_dscb, "docx_hv": write_docx_hv, "docx_ed": write_docx_ed,
           "docx_school": write_docx_school, "xlsx_gp": write_xlsx_gp, "xlsx_police": write_xlsx_police,
           "xlsx_csc": write_xlsx_csc}
EXT = {k: k.split("_")[0] for k in WRITERS}

ALL_RULES = ["AE_REPEAT", "AE_MULTIPLE_SITES", "WAS_NOT_BROUGHT", "NO_ACCESS", "CHILD_NOT_SEEN",
             "DOMESTIC_ABUSE_REPEAT", "HOUSE_MOVES", "SCHOOL_CHANGE", "GP_CHANGE", "HOUSEHOLD_CHANGE",
             "MISSING_EPISODE", "SELF_HARM", "INJURY_NON_MOBILE"]

CASES = [
    dict(case_id="he_01", profile="recast: Birmingham BSCP2020-21-01 'Never, Ever Shake a Baby' (2024) – infant NAI after DA",
         child=dict(name="Riley HOLLAND", first_name="Riley", surname="HOLLAND", dob="2025-03-14",
                    dob_text="14/03/2025", address="Flat 3, 22 Kestrel Road, Hallbridge HB6 4NW", sex="m",
                    nhs="000 412 7731"),
         rounds=[("2025-06", "2025-06-16"), ("2025-07", "2025-07-18"), ("2025-08", "2025-08-19")],
         events=HE1, subfolders=True,
         agencies={
             MW: dict(layout="docx_dscb", label="Hallbridge Maternity Services", src="Midwifery", author="Safeguarding Midwife",
                      name="Midwifery chronology - HOLLAND - {mon}", split_header=True),
             HV: dict(layout="docx_hv", label="Hallbridge 0-19 Service (Health Visiting)", author="HV Joanne Pike",
                      name="HV chron Riley H {mon}"),
             GP: dict(layout="xlsx_gp", label="Kestrel Medical Practice", author="Practice safeguarding lead",
                      name="Kestrel MP GP extract HOLLAND {mon}"),
             POL: dict(layout="xlsx_police", label="Hallbridge Police", author="MASH police", ref="HB",
                       name="Police chronology HOLLAND-PRICE {mon}"),
             CSC: dict(layout="xlsx_csc", label="Hallbridge Children's Services", author="SW Priya Nandra",
                       name="CSC chronology Riley HOLLAND {mon}"),
             ED: dict(layout="docx_ed", label="Hallbridge Children's Hospital NHS FT – Emergency Department", author="Paediatric liaison",
                      name="ED - paeds liaison - RH {mon}", first_round=2),
         },
         refuse=("2025-07/Police chronology HOLLAND-PRICE Jul25 (copy).xlsx", "empty", "0-byte file"),
         must_not_fire=["AE_REPEAT", "AE_MULTIPLE_SITES", "HOUSE_MOVES", "SCHOOL_CHANGE", "GP_CHANGE",
                        "MISSING_EPISODE", "SELF_HARM"],
         ambiguous=[],
         notes="Riley is born mid-period: the months before his birth (unborn) carry no seen entries. The expected "
               "CHILD_NOT_SEEN flag is only the post-birth gap; a pre-birth flag is neither expected nor forbidden."),
    dict(case_id="he_02", profile="recast: Devon/Lancashire CSPR 'Sydney' (c.2024) – looked-after teenager, missing from out-of-county residential",
         child=dict(name="Tegan WALSH", first_name="Tegan", surname="WALSH", dob="2010-11-02",
                    dob_text="02/11/2010", address="Fellside House, 4 Quarry Lane, Ormbridge OR3 9FH", sex="f",
                    nhs="000 733 1904"),
         rounds=[("2025-03", "2025-03-14"), ("2025-04", "2025-04-22"), ("2025-05", "2025-05-20")],
         events=HE2, subfolders=False,
         agencies={
             CSC: dict(layout="docx_dscb", label="Westmoor County Council – Children in Care Team", src="CSC (LAC team)",
                       author="SW Megan Tilley", name="Westmoor CSC chronology - WALSH T - {mon}", split_header=False),
             POL: dict(layout="xlsx_police", label="Westmoor & Ormbridge Police (joint extract)", author="Missing coordinator", ref="WP",
                       name="Police - WALSH - {mon}"),
             SCH: dict(layout="docx_school", label="Westmoor Virtual School", author="VS caseworker A Dunne",
                       name="Education chronology (VS) Tegan W {mon}"),
             GP: dict(layout="xlsx_gp", label="Fellgate Surgery", author="GP safeguarding lead",
                      name="GP record extract WALSH {mon}"),
             ED: dict(layout="docx_ed", label="Ormbridge Royal Infirmary – Emergency Department", author="Paediatric liaison",
                      name="ORI ED attendances - T Walsh - {mon}"),
         },
         refuse=("Fellside House daily log - resident J.docx", "different_child", "another resident's chronology misfiled"),
         must_not_fire=["DOMESTIC_ABUSE_REPEAT", "NO_ACCESS", "INJURY_NON_MOBILE"],
         ambiguous=[]),
]


# ---------------------------------------------------------------------------
# flags from the truth rows (FLAG_RULES defaults)
# ---------------------------------------------------------------------------
def add_months(d, n):
    y, m = d.year, d.month + n
    while m > 12:
        m -= 12
        y += 1
    while m <= 0:
        m += 12
        y -= 1
    day = min(d.day, [31, 29 if y % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1])
    return dt.date(y, m, day)


def threshold_clusters(items, n, months):
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


def compute_flags(events, rows, dob, pfrom, pto):
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
    for rule, k, n, mo in [("WAS_NOT_BROUGHT", "wnb", 2, 6), ("NO_ACCESS", "noaccess", 2, 3),
                           ("DOMESTIC_ABUSE_REPEAT", "da", 2, 6), ("HOUSE_MOVES", "move", 2, 12),
                           ("SCHOOL_CHANGE", "school", 2, 12)]:
        for cl in threshold_clusters(kinds.get(k, []), n, mo):
            add(rule, cl)
    for rule, k in [("GP_CHANGE", "gpchange"), ("HOUSEHOLD_CHANGE", "household"), ("MISSING_EPISODE", "missing"),
                    ("SELF_HARM", "selfharm"), ("INJURY_NON_MOBILE", "injury_nm")]:
        for it in kinds.get(k, []):
            if rule == "INJURY_NON_MOBILE":
                assert (it[0] - dob).days < 183, it
            add(rule, [it])
    # child not seen: only from the child's birth on (an unborn child cannot be seen)
    seen = sorted({(dt.date.fromisoformat(x["date"]), x["event"]) for x in acc
                   if x["child_seen"] == "yes" and x["precision"] == "day"})
    seen = [s for s in seen if s[0] >= dob]
    for (a, ea), (b, eb) in zip(seen, seen[1:]):
        if b > pfrom and a < pto and (b - a).days > 28:
            flags.append({"rule": "CHILD_NOT_SEEN", "start": a.isoformat(), "end": b.isoformat(),
                          "events": [ea, eb], "planted": True})
    assert (pto - seen[-1][0]).days <= 28, "child not seen at the end of the period"
    if dob < pfrom:
        before = [s for s in seen if s[0] < pfrom]
        first_in = [s for s in seen if s[0] >= pfrom]
        assert before and (first_in[0][0] - before[-1][0]).days <= 28, "gap across the period start"
    return flags


def month_label(m):
    y, mo = m.split("-")
    return dt.date(int(y), int(mo), 1).strftime("%b%y")


def write_refused(path, reason):
    if reason == "empty":
        open(path, "wb").close()
        return {}
    if reason == "different_child":
        d = Document()
        d.add_heading("Fellside House – incident / daily log extract", level=1)
        ht = d.add_table(rows=0, cols=2)
        for k, v in [("Child's name", "Jade ROURKE"), ("DOB", "21/06/2010"),
                     ("Address", "Fellside House, 4 Quarry Lane, Ormbridge OR3 9FH"),
                     ("Agency", "Fellside House (provider)"), ("Completed by", "Registered Manager")]:
            _put(ht, [k + ":", v])
        t = d.add_table(rows=1, cols=4)
        for j, h in enumerate(["Date", "Event", "Action", "Child seen"]):
            t.rows[0].cells[j].text = h
        for r in [("15/02/25", "Jade missing with another resident, returned 02:30 by police", "MFH report", "Yes"),
                  ("12/04/25", "Jade missing from bowling trip – high risk", "Police informed", "No"),
                  ("17/04/25", "Jade located by police", "SARC", "Yes")]:
            _put(t, r)
        d.save(path)
        return {"child": "Jade ROURKE", "dob": "2010-06-21"}
    raise ValueError(reason)


def build(case, root):
    cid = case["case_id"]
    cdir = os.path.join(root, cid)
    if os.path.exists(cdir):
        shutil.rmtree(cdir)
    os.makedirs(cdir)
    ctx = Ctx(case)
    cut = [dt.date.fromisoformat(c) for _, c in case["rounds"]]
    per_ag = {a: [] for a in case["agencies"]}
    for e in case["events"]:
        for spec in e["rows"]:
            spec = dict(spec)
            spec["eid"] = e["id"]
            final = spec["fix"][max(spec["fix"])] if spec["fix"] else spec["d"]
            i = interp(final)
            d = dt.date.fromisoformat(i[0]) if i else None
            r0 = next((k + 1 for k, c in enumerate(cut) if d is None or d <= c), None)
            assert r0 is not None, (e["id"], final)
            spec["r"] = max(spec["r"] or 1, r0)
            per_ag[spec["ag"]].append(spec)
    for a in per_ag:
        per_ag[a].sort(key=lambda s: (interp(s["fix"][max(s["fix"])] if s["fix"] else s["d"]) or ("9999",))[0])
    nround = len(case["rounds"])
    for ri, (mon, cutoff) in enumerate(case["rounds"], 1):
        ctx.cutoff_text = dt.date.fromisoformat(cutoff).strftime("%d/%m/%Y")
        for ag, conf in case["agencies"].items():
            if ri < conf.get("first_round", 1):
                continue
            rows = [s for s in per_ag[ag] if s["r"] <= ri]
            if not rows:
                continue
            lay = conf["layout"]
            name = conf["name"].format(mon=month_label(mon)) + "." + EXT[lay]
            rel = f"{mon}/{name}" if case["subfolders"] else name
            path = os.path.join(cdir, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            opt = dict(conf)
            opt.setdefault("src", conf["label"])
            res = WRITERS[lay](ctx, path, rel, rows, ri, conf["label"], conf["author"], opt)
            ctx.files.append({"file": rel, "agency": ag, "round": ri, "month": mon, "format": EXT[lay], "status": "ok",
                              "layout": lay, "tables": res, "rows": len(rows)})
    rel, reason, detail = case["refuse"]
    path = os.path.join(cdir, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    extra = write_refused(path, reason)
    ctx.files.append({"file": rel, "status": "refused", "reason": reason, "detail": detail, **extra})
    refused = [{"file": rel, "reason": reason, "detail": detail}]

    rows = ctx.rows
    acc = [x for x in rows if not x["reject"]]
    latest = max(dt.date.fromisoformat(x["date"]) for x in acc)
    pfrom = add_months(latest, -12)
    dob = dt.date.fromisoformat(case["child"]["dob"])
    flags = compute_flags(case["events"], rows, dob, pfrom, latest)
    fired = {f["rule"] for f in flags}
    assert not (fired & set(case["must_not_fire"])), fired & set(case["must_not_fire"])
    evs = []
    for e in case["events"]:
        er = [x for x in rows if x["event"] == e["id"]]
        ok = [x for x in er if not x["reject"]]
        evs.append({"id": e["id"], "date": min(x["date"] for x in ok) if ok else None, "kind": e["kinds"] or "note",
                    "summary": e["summary"], "tags": {}, "ambiguous": [],
                    "history": bool(ok) and min(x["date"] for x in ok) < pfrom.isoformat(),
                    "planted": e["kinds"] or None, "agencies": sorted({x["agency"] for x in er}),
                    "rows": [[x["file"], x["table"], x["row"]] for x in ok],
                    "rejected_rows": [[x["file"], x["table"], x["row"]] for x in er if x["reject"]]})
    T = {
        "schema": "chrono-truth/1", "case_id": cid, "profile": case["profile"], "seed": None,
        "child": {k: v for k, v in case["child"].items() if k != "nhs"},
        "period": {"from": pfrom.isoformat(), "to": latest.isoformat(),
                   "note": "12 months to the latest dated entry; CHILD_NOT_SEEN is judged inside it"},
        "rounds": [{"round": i, "month": m, "cutoff": c} for i, (m, c) in enumerate(case["rounds"], 1)],
        "agencies": list(case["agencies"]),
        "age_group": "under5" if case["child"]["dob"] > "2020" else "10plus",
        "control": False, "planted": sorted(fired),
        "files": ctx.files, "refused_files": refused, "rows": rows,
        "rejected_rows": [[x["file"], x["table"], x["row"]] for x in rows if x["reject"]],
        "events": evs,
        "hard_negatives": [{"events": g, "why": w} for g, w in HARD_E[cid]],
        "expected_flags": flags, "must_not_fire": case["must_not_fire"], "ambiguous_rules": case["ambiguous"], "notes": case.get("notes", ""),
        "stats": {"rows": len(rows), "accepted": len(acc), "rejected": len(rows) - len(acc),
                  "files": len(ctx.files), "events": len(evs)},
    }
    with open(os.path.join(root, cid + ".truth.json"), "w", encoding="utf-8") as fh:
        json.dump(T, fh, indent=1, ensure_ascii=False, default=str)
    return T


def verify(root):
    bad = n = 0
    for case in CASES:
        T = json.load(open(os.path.join(root, case["case_id"] + ".truth.json"), encoding="utf-8"))
        cache = {}
        for x in T["rows"]:
            p = os.path.join(root, case["case_id"], x["file"])
            if p not in cache:
                if p.endswith(".docx"):
                    cache[p] = [[[cl.text for cl in r.cells] for r in t.rows] for t in Document(p).tables]
                else:
                    cache[p] = {ws.title: ws for ws in openpyxl.load_workbook(p)}
            o = cache[p]
            if p.endswith(".docx"):
                got = o[x["table"] - 1][x["row"] - 1]
            else:
                got = [o[x["table"]].cell(row=x["row"], column=j + 1).value for j in range(len(x["cells"]))]

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
                print("row mismatch:", case["case_id"], x["file"], x["table"], x["row"], x["cells"], got)
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
              f"{T['stats']['events']} events, {T['stats']['files']} files, "
              f"flags: {[(f['rule'], f['start'], f['end']) for f in T['expected_flags']]}")
    if check and not verify(root):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
