#!/usr/bin/env python3
"""Build the fictional sample case in ``samples/`` (or OUTDIR).

    python scripts/make_samples.py [OUTDIR] [--truth PATH]

One child (Marnie ASHGROVE, aged 2, older brother Riley), eight agencies,
three cumulative monthly rounds (2025-07, 2025-08, 2025-09) in Word, Excel
and CSV, with the mess of real submissions and planted cross-agency patterns.
Everything here is invented: people, places, schools, practices, hospitals.
The output is fixed content (no randomness); document timestamps are pinned.

Each agency's rows are listed once.  A row appears from round ``r`` onward;
``ch`` holds edits that apply from a given round onward (a typo fixed, an
outcome added, a date re-typed), which is what makes the submissions
cumulative but not identical.
"""
from __future__ import annotations

import csv
import re
import datetime as dt
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Font

ROUNDS = {1: "2025-07", 2: "2025-08", 3: "2025-09"}
FIXED_TS = dt.datetime(2025, 10, 1, 9, 0, 0)

CHILD = "Marnie ASHGROVE"
DOB = "03/11/22"
ADDR_TA = "Flat 3, Corran House, Mill Lane, Thistlewick XT2 1AB"
ADDR_NEW = "22 Tansy Walk, Thistlewick XT5 6NN"

TEMPLATE_COLS = ["Date and Time", "Significant Event", "Professional/Agency",
                 "Who was involved", "Decisions/Actions Outcome",
                 "Child Seen/View obtained", "Author comments"]
FIELDS = ["date", "event", "prof", "who", "outcome", "seen", "comment"]


def R(r, date, event, prof="", who="", outcome="", seen="", comment="", ch=None, **extra):
    row = dict(r=r, date=date, event=event, prof=prof, who=who, outcome=outcome,
               seen=seen, comment=comment, ch=ch or {})
    row.update(extra)
    return row


def rows_for(rows, rnd):
    """The rows an agency submits in round ``rnd``, edits applied."""
    out = []
    for row in rows:
        if row is None:                       # a blank row in the submission
            out.append(None)
            continue
        if isinstance(row, str):              # a marker (repeated header, page break)
            out.append(row)
            continue
        if row["r"] > rnd:
            continue
        cur = {k: v for k, v in row.items() if k not in ("r", "ch")}
        for k in sorted(row["ch"]):
            if k <= rnd:
                cur.update(row["ch"][k])
        cur["_src"] = row                     # for the truth file only; never written
        out.append(cur)
    # drop markers/blank rows that only make sense once later rows exist
    return out


def dtv(*a):
    return dt.datetime(*a)


# --------------------------------------------------------------------------
# Children's Social Care (Word, heading table, template columns;
# header repeated mid-table from round 2, blank rows)
# --------------------------------------------------------------------------
SW = "Jodie Pemberton, SW"
CSC_PROF = "Children's Social Care"
CSC = [
    R(1, "14/02/91", "Kerry ASHGROVE (mother) born.", CSC_PROF, "Mother", "", "N/A",
      "Family history"),
    R(1, "22/09/88", "Dean WRAYFORD (father of Riley and Marnie) born.", CSC_PROF, "Father", "",
      "N/A", "Family history"),
    R(1, "2006", "Mother known to Thistlewick CSC as a teenager - Child in Need plan (neglect), "
      "closed 2007.", "CSC records", "Mother, maternal grandmother", "Case closed", "N/A",
      "Historic record, summary only"),
    R(1, "17/05/17", "Riley ASHGROVE born (sibling).", CSC_PROF, "Mother, father", "", "N/A", ""),
    R(1, "2019", "Police notification: verbal argument between mother and father at 7 Rook Street. "
      "No offences disclosed.", "Police notification", "Mother, father",
      "Single agency advice - NFA", "N/A", "Domestic abuse history"),
    R(1, "03/11/22", "Marnie born at Gorsebury Royal Infirmary, term, no concerns noted.",
      "Midwifery record (via CSC)", "Mother", "", "N/A", ""),
    R(1, "March 2024", "Father left the family home following separation. Mother reports he still "
      "visits the children informally.", SW, "Mother, father", "", "N/A",
      "Reported by mother at assessment"),
    R(1, "03/10/24", "Referral from Health Visitor: concerns re home conditions and mother's low "
      "mood.", "HV", "Mother, HV", "Child and Family Assessment agreed", "N/A", ""),
    R(1, "10/10/24", "Assessment home visit. Marnie observed playing with blocks, appropriately "
      "dressed. Kitchen cluttered, unwashed dishes.", SW, "Mother, Marnie",
      "Continue assessment", "Yes", "Marnie too young to give views; observed relaxed with mum"),
    R(1, "05/11/24", "Assessment visit 2. Marnie seen at home; Riley seen at school.", SW,
      "Mother, Marnie, Riley", "Assessment concluded - Child in Need plan", "Yes", ""),
    R(1, "17/12/24", "CIN visit. Home conditions improved; mother engaging with HV.", SW,
      "Mother, Marnie", "CIN plan continues", "Yes", "Protective factor: engagement"),
    R(1, "28/01/25", "CIN visit. Mother shared section 21 notice from private landlord.", SW,
      "Mother, Marnie", "Mother supported to contact Housing Options", "Y", ""),
    R(1, "20/02/25", "CIN visit at 7 Rook Street. Family packing to move to temporary "
      "accommodation.", SW, "Mother, Marnie, Riley", "", "Yes", ""),
    R(1, "02/04/25", "CIN visit at Corran House. Mother told SW about ED attendence on 18/03 "
      "(fall from sofa).", SW, "Mother, Marnie", "HV informed", "Seen with mum", "",
      ch={2: {"event": "CIN visit at Corran House. Mother told SW about ED attendance on 18/03 "
              "(fall from sofa)."}}),
    R(1, "14/05/25", "PPN received re domestic abuse incident at home last night - father "
      "damaged front door. Strategy discussion held.", CSC_PROF, "Police, HV, school, SW",
      "Section 47 enquiries agreed", "N/A", "",
      ch={2: {"date": "14.05.25"}}),
    R(1, "14/05/25 @ 4pm", "Section 47 home visit. Marnie seen in her bedroom; no marks seen.",
      SW, "Mother, Marnie", "", "Yes - seen alone", "Seen alone for 10 mins while mum in kitchen"),
    R(1, "04/06/25", "Initial Child Protection Conference.", "Chair, CP Conference",
      "Mother, SW, HV, school, police, GP report",
      "Marnie and Riley subject to CP plans, category neglect.", "N/A", "",
      ch={2: {"outcome": "Marnie and Riley subject to CP plans, category neglect. "
              "First core group 17/06/25."}}),
    R(1, "10/06/25", "CP home visit. Marnie seen, home conditions adequate. Plan discussed with "
      "mum.", SW, "Mother, Marnie", "", "Yes", ""),
    R(1, "17/06/25", "CP home visit. Marnie seen, home conditions adequate. Plan discussed with "
      "mum.", SW, "Mother, Marnie", "", "Yes", ""),
    R(1, "17/06/25", "First core group meeting.", CSC_PROF, "Mother, SW, HV, school DSL",
      "Monthly chronology submissions agreed", "N/A", ""),
    R(1, "24/06/25", "CP home visit. Marnie seen, home conditions adequate. Plan discussed with "
      "mum.", SW, "Mother, Marnie", "", "Yes", ""),
    None,
    R(1, "01/07/25", "CP home visit. Marnie seen, home conditions adequate. Plan discussed with "
      "mum.", SW, "Mother, Marnie", "", "Yes", ""),
    R(1, "08/07/25", "CP home visit. Mother disclosed new partner Lewis CARDEW moved in w/e "
      "05/07/25.", SW, "Mother, Marnie, Lewis CARDEW",
      "Checks requested with police and probation", "Yes", "",
      ch={2: {"outcome": "Checks requested with police and probation. Police check returned "
              "09/07/25 - previous violence."}}),
    R(1, "TBC", "Family Group Conference to be arranged.", "FGC coordinator", "Mother, wider "
      "family", "Referral made", "N/A", "",
      ch={2: {"date": "21/08/25", "event": "Family Group Conference held.",
              "outcome": "Maternal grandmother offered weekend support; family plan agreed.",
              "seen": "N/A - children with aunt during meeting"}}),
    R(1, "22/07/25", "CP home visit. Marnie seen playing in garden area; Lewis present.", SW,
      "Mother, Lewis, Marnie", "", "Y", ""),
    None,
    "HEADER",
    R(2, "30/07/25", "Unannounced CP visit - no access. Curtains drawn, no answer. Card left.",
      SW, "", "Visit rebooked", "No", ""),
    R(2, "w/c 04/08/25", "Telephone calls to mother unanswered; text sent re visit.", SW,
      "Mother", "", "No", ""),
    R(2, "11/08/25", "PPN received re domestic abuse incident 09/08 - Lewis arrested. Strategy "
      "discussion held.", CSC_PROF, "Police, HV, probation, SW",
      "Section 47 agreed; safety plan - Lewis not to return to the address", "N/A", ""),
    R(2, "12/08/25", "Mother cancelled CP visit at short notice, said Marnie at maternal "
      "grandmother's in Gorsebury.", SW, "Mother", "Visit rebooked", "No",
      "Marnie not seen since 22/07"),
    R(2, "28/08/25", "CP home visit. Marnie seen, recovering from croup after ED attendances this "
      "week.", SW, "Mother, Marnie", "", "Yes", ""),
    None,
    R(3, "02/09/25", "Core group meeting. Missed appointments and no access visits discussed.",
      CSC_PROF, "Mother, SW, HV, school, probation", "Written agreement re visits", "N/A", ""),
    R(3, "09/09/25", "CP home visit. Marnie seen, said 'Lewis shouted'.", SW, "Mother, Marnie",
      "Discussed with mother", "Yes - seen alone", "Marnie's words recorded verbatim"),
    R(3, "15/09/25", "Family moved to permanent tenancy at 22 Tansy Walk.", CSC_PROF,
      "Mother, Marnie, Riley", "Address updated on system", "N/A", ""),
    R(3, "16/09/25", "CP visit at new address. Marnie seen, showed SW her bedroom.", SW,
      "Mother, Marnie", "", "Yes", ""),
    R(3, "23/09/25", "CP visit. Marnie seen; Lewis not present, mother says he is staying with his "
      "mother.", SW, "Mother, Marnie", "", "Yes", ""),
]

# --------------------------------------------------------------------------
# Police (Excel: cover sheet, title rows, reordered + extra columns, datetime
# cells, Confidential column)
# --------------------------------------------------------------------------
POL = [
    R(1, "2019", "DA incident: verbal argument between Kerry ASHGROVE and Dean WRAYFORD at "
      "7 Rook Street. No offences disclosed.", "PC 3318 Brandle", "Mother, father",
      "DASH standard. PPN to CSC.", "N/A", "", ref="DA/19/0412", conf=""),
    R(1, dtv(2025, 5, 13, 23, 10), "DA incident: neighbour reported male shouting. Dean WRAYFORD "
      "(ex-partner) at Corran House intoxicated, kicked front door and broke glass panel.",
      "PC 4471 Garside", "Mother, father, Marnie, Riley",
      "Father arrested for criminal damage. DASH medium. PPN submitted.",
      "Yes - both children seen by officers, no injuries", "",
      ref="DA/25/1187", conf="",
      ch={2: {"outcome": "Father arrested for criminal damage. DASH medium. PPN submitted. "
              "Charged 14/05/25; bail conditions not to attend Corran House."}}),
    R(1, "09/07/25", "Police check re Lewis CARDEW requested by CSC: previous convictions for ABH "
      "(2016) and breach of a restraining order (2021) relating to a previous partner.",
      "DC 2290 Tallis", "Lewis CARDEW", "Information shared with CSC by secure email", "N/A",
      "Previous partner's details not to be shared with family", ref="INT/25/0781", conf="Yes"),
    R(2, dtv(2025, 8, 9, 21, 45), "DA incident: Kerry ASHGROVE reported partner Lewis CARDEW "
      "pushed her against a wall during an argument. Redness to upper arm.",
      "PC 4471 Garside", "Mother, Lewis CARDEW",
      "Lewis arrested for common assault. DASH high - MARAC referral. PPN submitted.",
      "No - children asleep upstairs, not seen by officers", "", ref="DA/25/2044", conf=""),
    R(2, "10/08/25", "Lewis CARDEW interviewed and released on bail.", "DC 2290 Tallis",
      "Lewis CARDEW", "Bail conditions: not to contact Kerry ASHGROVE or attend Corran House",
      "N/A", "", ref="DA/25/2044", conf=""),
    R(3, "04/09/25", "MARAC meeting.", "DV Coordinator", "Police, CSC, IDVA, probation, housing",
      "IDVA allocated to mother; marker placed on address", "N/A", "", ref="MARAC/25/166",
      conf=""),
]

# --------------------------------------------------------------------------
# Health Visiting (Word: "Name:" paragraphs, varied column names, table split
# across a page break: round 1 without a repeated header, later with one)
# --------------------------------------------------------------------------
HV_PROF = "HV - Bryony Crossley"
HV = [
    R(1, "17/09/24", "Home visit, 2 year review started. Marnie seen. Home cluttered, dog faeces in "
      "garden; mother presents with low mood.", HV_PROF, "Mother, Marnie",
      "Advised GP re mood; revisit 2 weeks", "Yes", ""),
    R(1, "02/10/24 @ 10am", "Home visit - home conditions deteriorated, no food in fridge.", HV_PROF,
      "Mother, Marnie", "Referral to CSC made 03/10/24 with mother's consent", "Yes", ""),
    R(1, "26/11/24", "Clinic: weight and height checked, 2 year review completed. Speech delay "
      "noted (about 10 words).", HV_PROF, "Mother, Marnie", "Review in 3 months", "Yes", ""),
    R(1, "26.02.25", "Notified of change of address to Flat 3 Corran House (temporary "
      "accommodation).", "Health Visiting admin", "Mother", "Records updated", "N/A", ""),
    R(1, "11/03/25", "Home visit at new address - Marnie seen. One room, damp on bedroom wall.",
      HV_PROF, "Mother, Marnie", "Housing informed re damp", "Yes", ""),
    R(1, "w/c 17/03/25", "ED notification received: Marnie attended Thistlewick General ED "
      "18/03/25 with head injury after fall from sofa.", "HV / paediatric liaison",
      "Mother, Marnie", "Follow-up visit arranged", "N/A", ""),
    "PAGEBREAK",
    R(1, "29/04/25", "Home visit. Marnie seen; healing bruise to left shin, mother says fall at "
      "the park. Marnie walking and climbing well.", HV_PROF, "Mother, Marnie",
      "Explanation consistent with mobility", "Yes", ""),
    R(1, "22/05/25", "2.5 year review appointment - Marnie was not brought. Letter sent.", HV_PROF,
      "Mother", "Rebooked for 03/07/25", "No", "",
      ch={2: {"date": "22nd May 2025"}}),
    R(1, "31/06/25", "Telephone call with mother re rebooked review; mother said she would attend.",
      HV_PROF, "Mother", "", "N/A", "",
      ch={3: {"date": "30/06/25"}}),
    R(1, "03/07/25", "Rebooked 2.5 year review - was not brought. No contact from mother.", HV_PROF,
      "Mother", "Discussed with SW", "No", ""),
    R(2, "05/08/25", "Telephone contact with mother; she declined home visit, says Marnie is "
      "well.", HV_PROF, "Mother", "Visit booked for 14/08", "No", ""),
    R(2, "14/08/25", "Planned home visit - no access. Card left.", HV_PROF, "", "SW informed", "No",
      ""),
    R(3, "11/09/25", "2.5 year review completed at home. Speech still delayed.", HV_PROF,
      "Mother, Marnie", "Referral to Speech and Language Therapy", "Seen with mum", ""),
    R(3, "?18/09/25", "Visit to new address 22 Tansy Walk - Marnie seen, home clean, carpets "
      "being fitted.", HV_PROF, "Mother, Marnie", "", "Yes", "Date from diary, to be confirmed"),
]

# --------------------------------------------------------------------------
# GP (CSV exported from Excel: round 1 UTF-8 with BOM, later Windows-1252)
# --------------------------------------------------------------------------
GP_PROF = "Dr M Haverstock, Quillmere Road Surgery"
GP = [
    R(1, "09/01/25", "Seen by GP \u2013 chest infection, antibiotics prescribed.", GP_PROF,
      "Mother, Marnie", "Review if not improving", "Seen with mum", ""),
    R(1, "20/03/25", "ED discharge letter received: attended Thistlewick Generel ED 18/03/25 "
      "\u2013 minor head injury, discharged with advice.", "GP practice", "Marnie",
      "Filed, no action", "N/A", "",
      ch={2: {"event": "ED discharge letter received: attended Thistlewick General ED 18/03/25 "
              "\u2013 minor head injury, discharged with advice."}}),
    R(1, "06/06/25", "Discharge letter from Gorsebury Royal Infirmary ED: attended 05/06/25, 2cm "
      "laceration to forehead, steri-strips.", "GP practice", "Marnie",
      "Safeguarding lead informed", "N/A", ""),
    R(1, "16/06/25 @ 2pm", "Telephone consultation with mother re low mood; sertraline dose "
      "increased.", GP_PROF, "Mother", "Review 4 weeks", "N/A", "Parent's own health"),
    R(1, "10/07/25", "Eczema review \u2013 Marnie was not brought (WNB).", GP_PROF, "Mother",
      "Letter sent, HV informed", "No", "",
      ch={2: {"outcome": "Letter sent, HV informed. Not rebooked by mother."}}),
    R(2, "28/08/25", "ED letter: attended Thistlewick General ED 26/08/25 \u2013 croup, "
      "dexamethasone given, discharged.", "GP practice", "Marnie", "Filed", "N/A", ""),
    R(2, "28/08/25", "ED letter: re-attended Thistlewick General ED 27/08/25 \u2013 stridor, "
      "observed 4 hours, discharged.", "GP practice", "Marnie", "Filed", "N/A", ""),
    R(3, "12/09/25", "Seen by GP \u2013 croup resolved. Mother asks about speech referral.", GP_PROF,
      "Mother, Marnie", "HV already referring to SALT", "Yes", ""),
]

# --------------------------------------------------------------------------
# Emergency Department / paediatric liaison (Excel: datetime cells, columns in
# another order, extra Worker and Site columns)
# --------------------------------------------------------------------------
ED = [
    R(1, dtv(2025, 3, 18, 19, 40), "Head injury - fall from sofa onto laminate floor per mother. "
      "GCS 15, no loss of consciousness.", "ED", "Mother", "Discharged with head injury advice. "
      "Paediatric liaison notified HV and GP.", "Yes", "", site="Thistlewick General Hospital",
      worker="S. Pollitt, paediatric liaison",
      ch={2: {"date": "18/03/2025 19:40"}}),
    R(1, dtv(2025, 6, 5, 11, 15), "2cm laceration to forehead - fell against coffee table per "
      "mother. Explanation consistent with injury and with a walking toddler.", "ED",
      "Mother", "Steri-strips. CP-IS alert seen; SW informed by phone.", "Yes",
      "", site="Gorsebury Royal Infirmary", worker="S. Pollitt, paediatric liaison",
      ch={3: {"comment": "Discussed at safeguarding supervision 12/06/25, no further concerns."}}),
    R(2, dtv(2025, 8, 26, 2, 30), "Barking cough and stridor - croup.", "ED", "Mother",
      "Dexamethasone given, discharged.", "Yes", "", site="Thistlewick General Hospital",
      worker="S. Pollitt, paediatric liaison"),
    R(2, dtv(2025, 8, 27, 22, 10), "Re-attendance: stridor at rest, croup.", "ED",
      "Mother, Lewis CARDEW", "Observed 4 hours, discharged. SW informed of both attendances.",
      "Yes", "Lewis present despite bail conditions - shared with SW and police",
      site="Thistlewick General Hospital", worker="S. Pollitt, paediatric liaison"),
]

# --------------------------------------------------------------------------
# School (sibling Riley; Word heading table, "Date" column, blank rows)
# --------------------------------------------------------------------------
DSL = "Mrs L Quennell, DSL"
SCH = [
    R(1, "06/01/25", "Riley late 6 times this half term; attendance 88%.", "Ormsworth Primary "
      "School", "Riley, mother", "Attendance letter sent", "N/A", ""),
    None,
    R(1, "14.05.25", "Riley tired and upset, told class teacher 'the police came because daddy "
      "broke the door'.", DSL, "Riley, class teacher", "Logged; CSC informed", "N/A",
      "Riley's words recorded verbatim"),
    R(1, "w/c 09/06/25", "Riley's attendance improving; breakfast club place offered and "
      "accepted.", DSL, "Riley, mother", "", "N/A", "Protective factor"),
    R(1, "18/07/25", "End of term. Holiday activities place booked for Riley.", DSL, "Riley, mother",
      "", "N/A", "",
      ch={3: {"outcome": "Riley attended 6 of 8 sessions."}}),
    None,
    R(3, "04/09/25", "Riley returned to school; uniform unwashed, said he had no breakfast.", DSL,
      "Riley", "Breakfast given; SW informed", "N/A", ""),
    R(3, "17th September 2025", "Riley told teacher they have moved to 'a house with a garden'.",
      "Class teacher", "Riley", "", "N/A", ""),
    R(3, "25/09/25", "Attendance meeting with mother; attendance this term 96%.", DSL,
      "Mother, DSL", "Praise given", "N/A", "Protective factor"),
]

# --------------------------------------------------------------------------
# Housing (Excel: heading block and title rows above the header, mixed cells)
# --------------------------------------------------------------------------
HOU_PROF = "Owain Jarrold, Housing Officer"
HOU = [
    R(1, "28.01.25", "Section 21 notice served by private landlord at 7 Rook Street. Homelessness "
      "application taken.", HOU_PROF, "Mother", "Prevention duty accepted", "N/A", ""),
    R(1, dt.date(2025, 2, 24), "Family placed in temporary accommodation at Flat 3, Corran House, "
      "Mill Lane.", HOU_PROF, "Mother, Marnie, Riley", "TA licence signed", "N/A", ""),
    R(1, "March 2025", "Damp reported in bedroom at Corran House.", "Repairs team", "Mother",
      "Repair raised", "N/A", "",
      ch={2: {"outcome": "Repair raised; completed 02/05/25."}}),
    R(2, "20/08/25", "Offer of permanent tenancy at 22 Tansy Walk made and accepted.", HOU_PROF,
      "Mother", "Sign-up booked", "N/A", "MARAC marker to be added"),
    R(3, dt.date(2025, 9, 15), "Tenancy sign-up and move to 22 Tansy Walk. Marnie present with "
      "mum.", HOU_PROF, "Mother, Marnie", "Keys handed over", "Y", ""),
]

# --------------------------------------------------------------------------
# Probation (Word from round 2: heading table, Ref and Worker columns, other
# order, a [THIRD PARTY] row)
# --------------------------------------------------------------------------
PROB_W = "Nadia Rushworth, PO"
PROB = [
    R(2, "2021", "[THIRD PARTY] Restraining order in favour of Lewis CARDEW's previous partner; "
      "details held on probation record.", PROB_W, "Lewis CARDEW, previous partner",
      "Not for disclosure to family", "N/A", "Third party information", ref="PR-01"),
    R(2, "07/07/25", "Lewis CARDEW reported change of address to Flat 3, Corran House (partner "
      "and two children).", PROB_W, "Lewis CARDEW", "Address check and safeguarding enquiry to CSC",
      "N/A", "", ref="PR-02"),
    R(2, "11/08/25", "Notified by police of Lewis's arrest on 09/08/25 for common assault on "
      "partner.", PROB_W, "Lewis CARDEW", "Breach proceedings considered; risk review",
      "N/A", "", ref="PR-03"),
    R(3, "01/09/25", "Supervision: Lewis states he is staying with his mother in Gorsebury; "
      "address confirmed.", PROB_W, "Lewis CARDEW", "Risk assessment updated", "N/A", "",
      ref="PR-04"),
]


# --------------------------------------------------------------------------
# writers
# --------------------------------------------------------------------------
def fmt_cell(v):
    if isinstance(v, dt.datetime):
        return v.strftime("%d/%m/%y %H:%M")
    if isinstance(v, dt.date):
        return v.strftime("%d/%m/%y")
    return v


def new_doc():
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Cm(1.5))
    doc.styles["Normal"].font.size = Pt(9)
    cp = doc.core_properties
    cp.created = cp.modified = FIXED_TS
    cp.last_modified_by = cp.author = "chrono sample generator"
    return doc


def heading_table(doc, pairs):
    t = doc.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    _note_table(len(doc.tables), "heading", nrows=len(pairs))
    for k, v in pairs:
        cells = t.add_row().cells
        cells[0].text = k
        cells[1].text = v
        cells[0].paragraphs[0].runs[0].bold = True
    doc.add_paragraph()
    return t


def add_header(t, cols):
    cells = t.add_row().cells
    for c, h in zip(cells, cols):
        c.text = h
        c.paragraphs[0].runs[0].bold = True


def add_cells(t, values):
    cells = t.add_row().cells
    for c, v in zip(cells, values):
        c.text = "" if v is None else str(fmt_cell(v))


def word_chronology(doc, rows, cols, order, split_header=True):
    """Write rows into a table; "PAGEBREAK" starts a new table after a page
    break (with the header repeated if split_header), "HEADER" repeats the
    header inside the table."""
    t = doc.add_table(rows=0, cols=len(cols))
    t.style = "Table Grid"
    add_header(t, cols)
    lay = _note_table(len(doc.tables), "chronology", header_rows=[1], columns=order, headers=cols)
    n = 0
    for row in rows:
        if row is None:
            add_cells(t, [""] * len(cols))
            _note_blank(lay, len(t.rows))
        elif row == "HEADER":
            add_header(t, cols)
            _note_header(lay, len(t.rows))
        elif row == "PAGEBREAK":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            t = doc.add_table(rows=0, cols=len(cols))
            t.style = "Table Grid"
            lay = _note_table(len(doc.tables), "chronology", header_rows=[], columns=order,
                              headers=cols)
            if split_header:
                add_header(t, cols)
                _note_header(lay, len(t.rows))
        else:
            add_cells(t, [row.get(k, "") for k in order])
            _note_row(lay, len(t.rows), row, [row.get(k, "") for k in order])
            n += 1
    return n


def pin_zip(path):
    """Rewrite an .docx/.xlsx package with fixed member timestamps (and fixed
    core-property dates) so that the same script gives the same bytes."""
    with zipfile.ZipFile(path) as z:
        members = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    stamp = FIXED_TS.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                              lambda m: m.group(1) + stamp, data)
            info = zipfile.ZipInfo(name, date_time=FIXED_TS.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)


def save_doc(doc, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    pin_zip(path)


def new_wb():
    wb = Workbook()
    wb.properties.created = wb.properties.modified = FIXED_TS
    wb.properties.creator = "chrono sample generator"
    return wb


def put(ws, r, c, v):
    cell = ws.cell(row=r, column=c, value=v)
    if isinstance(v, dt.datetime):
        cell.number_format = "dd/mm/yyyy hh:mm"
    elif isinstance(v, dt.date):
        cell.number_format = "dd/mm/yyyy"
    return cell


def clean(rows):
    return [r for r in rows if isinstance(r, dict)]


# ---- per-agency ----------------------------------------------------------
def write_csc(out, rnd):
    doc = new_doc()
    doc.add_heading("Multi-Agency Chronology", level=1)
    heading_table(doc, [("Name", CHILD), ("DOB", DOB),
                        ("Address", ADDR_NEW if rnd == 3 else ADDR_TA),
                        ("Agency", "Children's Social Care, Thistlewick Council"),
                        ("Author", "Jodie Pemberton, Social Worker")])
    rows = rows_for(CSC, rnd)
    if rnd == 1:   # the mid-table header and trailing blanks come with round 2
        rows = [r for r in rows if r != "HEADER"]
    n = word_chronology(doc, rows, TEMPLATE_COLS, FIELDS)
    doc.add_paragraph("Chronology to be read alongside the CP plan. Key worker: J Pemberton.")
    name = {1: "CSC chronology - ASHGROVE - July 2025.docx",
            2: "CSC chronology - ASHGROVE - Aug 2025.docx",
            3: "CSC chronology - ASHGROVE - Sept 2025 FINAL.docx"}[rnd]
    save_doc(doc, out / ROUNDS[rnd] / name)
    return name, n


def write_hv(out, rnd):
    doc = new_doc()
    doc.add_paragraph("Thistlewick 0-19 Service - Health Visiting chronology").runs[0].bold = True
    for line in (f"Name: {CHILD}", f"DOB: {DOB}", f"Address: {ADDR_TA}",
                 "Agency: Health Visiting (0-19 Service)", "Author: Bryony Crossley, Health Visitor"):
        doc.add_paragraph(line)
    cols = ["Date & Time", "Details of event", "Professional", "Who was involved",
            "Action taken", "Seen?", "Comments"]
    n = word_chronology(doc, rows_for(HV, rnd), cols, FIELDS, split_header=(rnd > 1))
    name = f"HV chronology Marnie A {rnd + 6:02d}.25.docx"
    save_doc(doc, out / ROUNDS[rnd] / name)
    return name, n


def write_school(out, rnd):
    doc = new_doc()
    doc.add_heading("Ormsworth Primary School - safeguarding chronology", level=2)
    heading_table(doc, [("Name", f"{CHILD} (sibling Riley ASHGROVE, Year 3)"), ("DOB", DOB),
                        ("Address", ADDR_NEW if rnd == 3 else ADDR_TA),
                        ("Agency", "Ormsworth Primary School"),
                        ("Author", "Mrs L Quennell, Designated Safeguarding Lead")])
    cols = ["Date", "Significant Event", "Professional/Agency", "Who was involved",
            "Decisions/Actions Outcome", "Child Seen/View obtained", "Author comments"]
    n = word_chronology(doc, rows_for(SCH, rnd), cols, FIELDS)
    doc.add_paragraph("Marnie is not on roll at this school; entries concern her brother Riley.")
    name = f"Ormsworth PS chronology {ROUNDS[rnd]}.docx"
    save_doc(doc, out / ROUNDS[rnd] / name)
    return name, n


def write_probation(out, rnd):
    doc = new_doc()
    heading_table(doc, [("Name", CHILD), ("DOB", DOB), ("Address", ADDR_TA),
                        ("Agency", "Probation Service - Thistlewick PDU"),
                        ("Author", "Nadia Rushworth, Probation Officer (re: Lewis CARDEW)")])
    cols = ["Ref", "Date", "Worker", "Event", "Outcome", "Who was involved", "Child Seen",
            "Comments"]
    order = ["ref", "date", "prof", "event", "outcome", "who", "seen", "comment"]
    n = word_chronology(doc, rows_for(PROB, rnd), cols, order)
    name = f"Probation chronology CARDEW household {ROUNDS[rnd]}.docx"
    save_doc(doc, out / ROUNDS[rnd] / name)
    return name, n


def write_police(out, rnd):
    wb = new_wb()
    cover = wb.active
    cover.title = "Cover"
    for i, line in enumerate([
            "Wendlecombe Police - Public Protection Unit",
            "Multi-agency chronology return",
            f"Subject child: {CHILD}   DOB {DOB}",
            f"Address: {ADDR_TA}",
            "Author: DC 2290 M Tallis",
            "",
            "OFFICIAL-SENSITIVE. Rows marked Confidential = Yes must not be shared with the family.",
            ], start=1):
        cover.cell(row=i, column=1, value=line)
    ws = wb.create_sheet("Chronology")
    ws.cell(row=1, column=1, value="WENDLECOMBE POLICE - CHRONOLOGY").font = Font(bold=True)
    ws.cell(row=2, column=1, value=f"Re: {CHILD} ({DOB}) - return for core group "
            f"{ROUNDS[rnd]}")
    cols = ["Ref", "Date/Time", "Officer", "Details of incident", "Persons involved",
            "Action taken", "Children present/seen", "Confidential", "Comments"]
    order = ["ref", "date", "prof", "event", "who", "outcome", "seen", "conf", "comment"]
    hdr = 4
    for c, h in enumerate(cols, 1):
        ws.cell(row=hdr, column=c, value=h).font = Font(bold=True)
    lay = _note_table("Chronology", "chronology", header_rows=[hdr], title_rows=[1, 2],
                      blank_rows=[3], columns=order, headers=cols, cover_sheets=["Cover"])
    r = hdr + 1
    for row in clean(rows_for(POL, rnd)):
        for c, k in enumerate(order, 1):
            put(ws, r, c, row.get(k, ""))
        _note_row(lay, r, row, [row.get(k, "") for k in order])
        r += 1
    ws.column_dimensions["B"].width = 18
    ws.column_dimensions["D"].width = 60
    name = f"Police_Chronology_MA_{['', 'Jul', 'Aug', 'Sep'][rnd]}25.xlsx"
    (out / ROUNDS[rnd]).mkdir(parents=True, exist_ok=True)
    wb.save(out / ROUNDS[rnd] / name)
    pin_zip(out / ROUNDS[rnd] / name)
    return name, r - hdr - 1


def write_ed(out, rnd):
    wb = new_wb()
    ws = wb.active
    ws.title = "Attendances"
    cols = ["Worker", "Arrival date/time", "Site", "Presenting complaint / significant event",
            "Accompanied by", "Outcome / safeguarding action", "Child seen", "Notes"]
    order = ["worker", "date", "site", "event", "who", "outcome", "seen", "comment"]
    for c, h in enumerate(cols, 1):
        ws.cell(row=1, column=c, value=h).font = Font(bold=True)
    lay = _note_table("Attendances", "chronology", header_rows=[1], columns=order, headers=cols)
    r = 2
    for row in clean(rows_for(ED, rnd)):
        for c, k in enumerate(order, 1):
            put(ws, r, c, row.get(k, ""))
        _note_row(lay, r, row, [row.get(k, "") for k in order])
        r += 1
    ws.column_dimensions["B"].width = 18
    name = f"ED paediatric liaison - Marnie Ashgrove - {ROUNDS[rnd]}.xlsx"
    (out / ROUNDS[rnd]).mkdir(parents=True, exist_ok=True)
    wb.save(out / ROUNDS[rnd] / name)
    pin_zip(out / ROUNDS[rnd] / name)
    return name, r - 2


def write_housing(out, rnd):
    wb = new_wb()
    ws = wb.active
    ws.title = "Chronology"
    head = [("Name", CHILD), ("DOB", DOB), ("Address", ADDR_NEW if rnd == 3 else ADDR_TA),
            ("Agency", "Thistlewick Homes (Housing)"), ("Author", "Owain Jarrold")]
    for i, (k, v) in enumerate(head, 1):
        ws.cell(row=i, column=1, value=k).font = Font(bold=True)
        ws.cell(row=i, column=2, value=v)
    hdr = 7
    for c, h in enumerate(TEMPLATE_COLS, 1):
        ws.cell(row=hdr, column=c, value=h).font = Font(bold=True)
    lay = _note_table("Chronology", "chronology", header_rows=[hdr], title_rows=[1, 2, 3, 4, 5],
                      blank_rows=[6], columns=FIELDS, headers=TEMPLATE_COLS)
    r = hdr + 1
    for row in clean(rows_for(HOU, rnd)):
        for c, k in enumerate(FIELDS, 1):
            put(ws, r, c, row.get(k, ""))
        _note_row(lay, r, row, [row.get(k, "") for k in FIELDS])
        r += 1
    name = f"Housing chronology {ROUNDS[rnd]}.xlsx"
    (out / ROUNDS[rnd]).mkdir(parents=True, exist_ok=True)
    wb.save(out / ROUNDS[rnd] / name)
    pin_zip(out / ROUNDS[rnd] / name)
    return name, r - hdr - 1


def write_gp(out, rnd):
    cols = ["Date", "Significant Event", "Professional/Agency", "Who was involved",
            "Outcome", "Child seen", "Author comments"]
    enc = "utf-8-sig" if rnd == 1 else "cp1252"
    name = f"GP chronology Ashgrove M {ROUNDS[rnd]}.csv"
    path = out / ROUNDS[rnd] / name
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = clean(rows_for(GP, rnd))
    with open(path, "w", encoding=enc, newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(cols)
        lay = _note_table(1, "chronology", header_rows=[1], columns=FIELDS, headers=cols,
                          encoding=enc)
        for line, row in enumerate(rows, 2):
            w.writerow([fmt_cell(row[k]) for k in FIELDS])
            _note_row(lay, line, row, [fmt_cell(row[k]) for k in FIELDS])
    return name, len(rows)


COVER_EMAIL = """\
From: Quillmere Road Surgery <practice.manager@quillmere-surgery.example>
Sent: 26 August 2025 16:52
To: Jodie Pemberton <j.pemberton@thistlewick-csc.example>
Subject: RE: Chronology for core group - ASHGROVE

Hi Jodie,

Please find attached the GP chronology for Marnie for this month's core group.
Dr Haverstock has checked it. Apologies it is a CSV, our system will not
export to Word. Any problems please call the practice on the usual number.

Kind regards

Practice Manager
Quillmere Road Surgery

This email and any attachments are confidential and intended solely for the
addressee.
"""


def write_readme(out, summary):
    lines = ["| round | file | data rows |", "|---|---|---|"]
    for rnd, name, n in summary:
        lines.append(f"| {ROUNDS[rnd]} | `{name}` | {n} |")
    # The description lives in docs/, so the samples folder holds only submissions.
    docs = Path(__file__).resolve().parent.parent / "docs" / "SAMPLES.md"
    docs.write_text(README.replace("@@FILES@@", "\n".join(lines)), encoding="utf-8")


README = """\
# Sample case: Marnie ASHGROVE (fictional)

Generated by `python scripts/make_samples.py [OUTDIR]`; do not edit by hand.
**Everything is invented**: the family, the professionals, Thistlewick and
Gorsebury, Ormsworth Primary School, Quillmere Road Surgery, Thistlewick
General Hospital, Gorsebury Royal Infirmary, Wendlecombe Police, Thistlewick
Homes. Postcodes use the non-existent `XT` area.

## The case
- Child: **Marnie ASHGROVE**, DOB **03/11/22** (aged 2). Brother Riley
  (17/05/17, Year 3). Mother Kerry ASHGROVE (14/02/91). Father Dean WRAYFORD
  (22/09/88), left March 2024. Mother's new partner Lewis CARDEW moves in
  w/e 05/07/25 (on probation).
- Open to CSC from the HV referral of 03/10/24 (CIN), s47 after the
  13/05/25 DA incident, CP plans from the ICPC of 04/06/25.
- Addresses: 7 Rook Street -> Flat 3, Corran House (24/02/25) ->
  22 Tansy Walk (15/09/25). Round-3 headings of CSC, school and housing show
  the new address; the others still show Corran House.
- 8 agencies, 3 cumulative monthly rounds (`2025-07/`, `2025-08/`,
  `2025-09/`): Children's Social Care (Word), Police (Excel), Health Visiting
  (Word), GP (CSV), Emergency Department / paediatric liaison (Excel),
  School (Word; July and September only: no August return in the summer
  holiday), Housing (Excel), Probation (Word; from August).

## Files
@@FILES@@

"Data rows" exclude heading, title, header and blank rows and include the
3 rows that must be rejected: the CSC `TBC` row (July) and the HV
`31/06/25` row (July and August). 200 data rows in all.

Refused: `2025-08/RE_ Chronology for core group - ASHGROVE.txt` (the GP
practice's covering email saved as text: not a chronology).

Run it on the case folder:

    chrono merge samples -o out/samples

## Mess to expect
- CSC: template heading table; blank rows; from August a header row repeated
  mid-table; typo `attendence` fixed in August; `TBC` FGC row (rejected in
  July) dated 21/08/25 in August; `14/05/25` re-typed `14.05.25`; ICPC
  outcome extended; `2006`, `2019`, `March 2024`, `14/05/25 @ 4pm`,
  `w/c 04/08/25`; parents' births `14/02/91`, `22/09/88`.
- HV: `Name:` paragraphs instead of a heading table; headings `Date & Time`,
  `Details of event`, `Action taken`, `Seen?`; table split at a page break
  (second part without header in July, with a repeated header later);
  `02/10/24 @ 10am`, `26.02.25`, `w/c 17/03/25`, `22nd May 2025` (re-typed
  from 22/05/25), `?18/09/25`; **`31/06/25` (impossible, rejected in July and
  August), corrected to 30/06/25 in September**.
- Police: cover sheet + `Chronology` sheet with 2 title rows and a blank row
  above the header (row 4); columns Ref, Date/Time, Officer, ... ,
  Confidential; incidents as real datetime cells, others text (`2019`).
  **`Confidential` = Yes** on the 09/07/25 check on Lewis CARDEW.
- ED: no heading; worker and site columns first; the date column is headed
  `Arrival date/time`; datetime cells; the 18/03/25 row re-typed as text `18/03/2025 19:40` from August.
- Housing: heading block (Name..Author) and a blank row above the header on
  row 7; date cells mixed with `28.01.25` and `March 2025`.
- GP: CSV, July UTF-8 with BOM, August/September Windows-1252 (en dashes);
  typo `Generel` fixed in August; `16/06/25 @ 2pm`.
- Probation: columns Ref, Date, Worker, Event, Outcome, Who, Child Seen;
  a row starting **`[THIRD PARTY]`** (parents' copy must exclude it).
- Child seen: `Yes`, `Y`, `No`, `N/A`, `Yes - seen alone`, `Seen with mum`,
  `Yes - both children seen by officers`, `No - children asleep ...`.
  School rows are about Riley and say `N/A`.

## Cross-agency reports of one incident
- DA 13/05/25 23:10: police; CSC PPN 14/05; school 14.05.25 (Riley).
- DA 09/08/25 21:45: police; CSC 11/08 strategy; probation 11/08 (the
  police 10/08 bail row is a separate follow-up event).
- DA 2019 (year only): police and CSC.
- ED 18/03/25 TGH: ED; GP letter 20/03; HV w/c 17/03 (the CSC 02/04 CIN
  visit only mentions it).
- ED 05/06/25 GRI: ED; GP letter 06/06.
- ED 26/08 and 27/08: ED; two GP letter rows both dated 28/08.
- Partner moves in: CSC 08/07; probation 07/07 (change of address).
- Move to Tansy Walk 15/09: housing, CSC, school 17th September (Riley).
- Move to Corran House 24/02: housing; HV 26.02.25.

## Planted patterns (expected flags)
- `AE_REPEAT`, `AE_MULTIPLE_SITES`: 18/03, 05/06, 26/08, 27/08/25 at
  Thistlewick General and Gorsebury Royal Infirmary.
- `WAS_NOT_BROUGHT`: HV 22/05, HV 03/07, GP 10/07 (and CSC visit cancelled
  at short notice 12/08).
- `NO_ACCESS`: CSC 30/07, HV 14/08.
- `DOMESTIC_ABUSE_REPEAT`: 13/05/25 and 09/08/25 (2019 is history).
- `HOUSE_MOVES`: 24/02/25 and 15/09/25.
- `HOUSEHOLD_CHANGE`: Lewis CARDEW moves in w/e 05/07/25 (father leaving
  March 2024 is background).
- `CHILD_NOT_SEEN`: seen 22/07/25 (CSC), next seen 26/08/25 (ED): 35 days.
  Elsewhere from 17/09/24 the child is seen at least every 27 days.
- Not planted (must not fire): GP_CHANGE, SCHOOL_CHANGE, MISSING_EPISODE,
  SELF_HARM, INJURY_NON_MOBILE (the bruise 29/04/25 and laceration 05/06/25
  are on a walking 2-year-old).

## Hard negatives (must not be merged)
- ED 26/08/25 and 27/08/25: two attendances on consecutive days, and the
  two GP letter rows dated 28/08 that report them.
- CSC weekly CP visits 10/06, 17/06, 24/06, 01/07/25 with identical wording
  (and the core group on 17/06, same date as a visit).
- CSC 14/05/25: PPN/strategy discussion and the s47 visit the same day.
"""


# --------------------------------------------------------------------------
# truth file (--truth PATH): the answer key in the format of
# shared/eval/score.py, derived from the rows above and from the layout the
# writers record while they write (never from running the product)
# --------------------------------------------------------------------------
_TRACE = []          # tables noted by the writer currently running


def _note_table(table, role, **info):
    lay = dict(table=table, role=role, **info)
    if role == "chronology":
        lay.setdefault("header_rows", [])
        lay.setdefault("blank_rows", [])
        lay.setdefault("title_rows", [])
        lay["data"] = []
    _TRACE.append(lay)
    return lay


def _note_row(lay, rowno, row, cells):
    lay["data"].append((rowno, row, cells))


def _note_blank(lay, rowno):
    lay["blank_rows"].append(rowno)


def _note_header(lay, rowno):
    lay["header_rows"].append(rowno)


# The real-world event each submitted row describes, in the order of each
# agency's list (rows repeated in later rounds keep their event).
EVENT_OF = {
    "CSC": ["mother-born", "father-born", "mother-cin-2006", "riley-born", "da-2019", "marnie-born",
            "father-left", "csc-referral", "csc-visit-241010", "csc-visit-241105",
            "csc-visit-241217", "csc-visit-250128", "csc-visit-250220", "csc-visit-250402",
            "da-250513", "csc-s47-250514", "icpc", "csc-cp-250610", "csc-cp-250617",
            "core-group-250617", "csc-cp-250624", "csc-cp-250701", "partner-moves-in", "fgc",
            "csc-cp-250722", "csc-noaccess-250730", "csc-calls-250804", "da-250809",
            "csc-cancelled-250812", "csc-cp-250828", "core-group-250902", "csc-cp-250909",
            "move-tansy", "csc-cp-250916", "csc-cp-250923"],
    "POL": ["da-2019", "da-250513", "police-check-cardew", "da-250809", "cardew-bail", "marac"],
    "HV": ["hv-visit-240917", "hv-visit-241002", "hv-clinic-241126", "move-corran",
           "hv-visit-250311", "ed-250318", "hv-visit-250429", "hv-wnb-250522", "hv-call-250630",
           "hv-wnb-250703", "hv-call-250805", "hv-noaccess-250814", "hv-review-250911",
           "hv-visit-250918"],
    "GP": ["gp-250109", "ed-250318", "ed-250605", "gp-250616", "gp-wnb-250710", "ed-250826",
           "ed-250827", "gp-250912"],
    "ED": ["ed-250318", "ed-250605", "ed-250826", "ed-250827"],
    "SCH": ["sch-250106", "da-250513", "sch-250609", "sch-250718", "sch-250904", "move-tansy",
            "sch-250925"],
    "HOU": ["hou-s21", "move-corran", "hou-damp", "hou-offer", "move-tansy"],
    "PROB": ["prob-ro-2021", "partner-moves-in", "da-250809", "prob-sup-250901"],
}

# Planted patterns: rule -> evidence events (all inside the default window of
# FLAG_RULES.md; checked in build_truth).  CHILD_NOT_SEEN is computed.
PLANTED = {
    "AE_REPEAT": (["ed-250318", "ed-250605", "ed-250826", "ed-250827"], 365),
    "AE_MULTIPLE_SITES": (["ed-250318", "ed-250605", "ed-250826", "ed-250827"], 365),
    "WAS_NOT_BROUGHT": (["hv-wnb-250522", "hv-wnb-250703", "gp-wnb-250710",
                         "csc-cancelled-250812"], 183),
    "NO_ACCESS": (["csc-noaccess-250730", "hv-noaccess-250814"], 92),
    "DOMESTIC_ABUSE_REPEAT": (["da-250513", "da-250809"], 183),
    "HOUSE_MOVES": (["move-corran", "move-tansy"], 365),
    "HOUSEHOLD_CHANGE": (["partner-moves-in"], None),
}
MUST_NOT_FIRE = ["SCHOOL_CHANGE", "GP_CHANGE", "MISSING_EPISODE", "SELF_HARM", "INJURY_NON_MOBILE"]
AMBIGUOUS_RULES = []
HARD_NEGATIVES = [
    (["ed-250826", "ed-250827"], "two ED attendances on consecutive days (and the two GP letters "
     "dated 28/08 that report them)"),
    (["csc-cp-250610", "csc-cp-250617", "csc-cp-250624", "csc-cp-250701"],
     "identical wording on different dates"),
    (["csc-cp-250617", "core-group-250617"], "same agency, same day, different events"),
    (["da-250513", "csc-s47-250514"], "CSC PPN/strategy and s47 visit on the same day"),
]

_MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june",
                                       "july", "august", "september", "october", "november",
                                       "december"], 1)}


def _year(y):
    y = int(y)
    return y if y > 99 else (1900 + y if y > 30 else 2000 + y)


def read_date(v):
    """(date, precision, approximate, time) of a date cell as written by the
    generator, or None when it cannot be read (the row must be rejected)."""
    if isinstance(v, dt.datetime):
        return v.date().isoformat(), "day", False, v.strftime("%H:%M")
    if isinstance(v, dt.date):
        return v.isoformat(), "day", False, None
    s = v.strip()
    approx = False
    if s.startswith("?"):
        approx, s = True, s[1:]
    elif s.lower().startswith("w/c "):
        approx, s = True, s[4:]
    tm = None
    m = re.fullmatch(r"(.*?)\s*@\s*(\d{1,2})(am|pm)", s)
    if m:
        h = int(m.group(2)) % 12 + (12 if m.group(3) == "pm" else 0)
        s, tm = m.group(1), f"{h:02d}:00"
    m = re.fullmatch(r"(.*?)\s+(\d{1,2}):(\d{2})", s)
    if m:
        s, tm = m.group(1), f"{int(m.group(2)):02d}:{m.group(3)}"
    try:
        m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})", s)
        if m:
            d = dt.date(_year(m.group(3)), int(m.group(2)), int(m.group(1)))
            return d.isoformat(), "day", approx, tm
        m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]+) (\d{4})", s)
        if m:
            d = dt.date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
            return d.isoformat(), "day", approx, tm
    except ValueError:
        return None                      # 31/06/25
    m = re.fullmatch(r"([A-Za-z]+) (\d{4})", s)
    if m and m.group(1).lower() in _MONTHS:
        return f"{m.group(2)}-{_MONTHS[m.group(1).lower()]:02d}-01", "month", approx, tm
    if re.fullmatch(r"(19|20)\d\d", s):
        return f"{s}-01-01", "year", approx, tm
    return None                          # TBC


def read_seen(v):
    s = (v or "").strip().lower()
    if s.startswith(("yes", "y", "seen")) and not s.startswith("n/a"):
        return "yes"
    if s.startswith("no") or s == "n":
        return "no"
    return "unknown"                      # N/A ..., blank


def _cell_json(v):
    if isinstance(v, dt.datetime):
        return {"datetime": v.strftime("%Y-%m-%dT%H:%M")}
    if isinstance(v, dt.date):
        return {"date": v.isoformat()}
    return "" if v is None else str(v)


AGENCY_OF = {"write_csc": ("CSC", "Children's Social Care", "docx"),
             "write_police": ("POL", "Police", "xlsx"),
             "write_hv": ("HV", "Health Visiting", "docx"),
             "write_gp": ("GP", "GP", "csv"),
             "write_ed": ("ED", "Emergency Department", "xlsx"),
             "write_school": ("SCH", "School", "docx"),
             "write_housing": ("HOU", "Housing", "xlsx"),
             "write_probation": ("PROB", "Probation", "docx")}
REFUSED_TXT = "RE_ Chronology for core group - ASHGROVE.txt"


def build_truth(written):
    """written: [(writer name, round, file name, tables noted)] in writing order."""
    lists = {"CSC": CSC, "POL": POL, "HV": HV, "GP": GP, "ED": ED, "SCH": SCH, "HOU": HOU,
             "PROB": PROB}
    ev_of = {}
    for key, rows in lists.items():
        src = [r for r in rows if isinstance(r, dict)]
        assert len(src) == len(EVENT_OF[key]), key
        for r, e in zip(src, EVENT_OF[key]):
            ev_of[id(r)] = e
    files, rows = [], []
    for fn, rnd, name, tables in written:
        key, agency, fmt = AGENCY_OF[fn]
        rel = f"{ROUNDS[rnd]}/{name}"
        ftabs, n = [], 0
        for lay in tables:
            t = {k: v for k, v in lay.items() if k != "data"}
            if lay["role"] == "chronology":
                last = max([x[0] for x in lay["data"]] + t["header_rows"] + t["blank_rows"]
                           + t["title_rows"])
                t["nrows" if fmt == "docx" else ("max_row" if fmt == "xlsx" else "nlines")] = last
                for rowno, row, cells in lay["data"]:
                    got = read_date(row["date"])
                    x = {"file": rel, "table": lay["table"], "row": rowno,
                         "event": ev_of[id(row["_src"])], "reject": got is None,
                         "date": got[0] if got else None, "precision": got[1] if got else None,
                         "approximate": got[2] if got else False, "time": got[3] if got else None,
                         "agency": agency, "child_seen": read_seen(row.get("seen")),
                         "cells": [_cell_json(c) for c in cells]}
                    if got is None:
                        x["reject_reason"] = f"date {row['date']!r} cannot be read"
                    rows.append(x)
                    n += 1
            ftabs.append(t)
        files.append({"file": rel, "agency": agency, "round": rnd, "month": ROUNDS[rnd],
                      "format": fmt, "status": "ok", "tables": ftabs, "rows": n})
    refused = [{"file": f"{ROUNDS[2]}/{REFUSED_TXT}", "reason": "not_chronology", "agency": "GP",
                "round": 2, "detail": "the GP practice's covering e-mail saved as text"}]
    files.append({"file": refused[0]["file"], "agency": "GP", "round": 2, "month": ROUNDS[2],
                  "format": "txt", "status": "refused", "tables": [], "rows": 0})
    acc = [x for x in rows if not x["reject"]]
    latest = max(dt.date.fromisoformat(x["date"]) for x in acc)
    p_from = latest.replace(year=latest.year - 1)
    # events: date = earliest accepted row date (the incident itself where reported)
    events = {}
    for x in rows:
        e = events.setdefault(x["event"], {"id": x["event"], "rows": [], "rejected_rows": [],
                                           "agencies": []})
        (e["rejected_rows"] if x["reject"] else e["rows"]).append([x["file"], x["table"], x["row"]])
        if x["agency"] not in e["agencies"]:
            e["agencies"].append(x["agency"])
    for e in events.values():
        ds = sorted(x["date"] for x in acc if x["event"] == e["id"])
        e["date"] = ds[0] if ds else None
        e["history"] = bool(ds) and ds[0] < p_from.isoformat()
        e["planted"] = next((r for r, (evs, _) in PLANTED.items() if e["id"] in evs), None)
    flags = []
    for rule, (evs, window) in PLANTED.items():
        ds = sorted(x["date"] for x in acc if x["event"] in evs)
        ev_dates = sorted(events[e]["date"] for e in evs)
        if window:
            span = (dt.date.fromisoformat(ev_dates[-1]) - dt.date.fromisoformat(ev_dates[0])).days
            assert span <= window, (rule, span)
        flags.append({"rule": rule, "start": ds[0], "end": ds[-1], "events": evs, "planted": True})
    seen = sorted({x["date"] for x in acc if x["child_seen"] == "yes" and x["precision"] == "day"})
    for a, b in zip(seen, seen[1:]):
        da, db = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
        if (db - da).days > 28 and db > p_from:
            flags.append({"rule": "CHILD_NOT_SEEN", "start": a, "end": b, "events": [],
                          "planted": True})
    assert sum(f["rule"] == "CHILD_NOT_SEEN" for f in flags) == 1
    ev_list = sorted(events.values(), key=lambda e: (e["date"] or "9999", e["id"]))
    return {
        "schema": "chrono-eval-truth/1", "case_id": "samples_case", "profile": "holdout",
        "child": {"name": CHILD, "first_name": "Marnie", "surname": "ASHGROVE",
                  "dob": "2022-11-03", "address": ADDR_TA, "sex": "f"},
        "period": {"from": p_from.isoformat(), "to": latest.isoformat(),
                   "note": "12 months to the latest dated entry; CHILD_NOT_SEEN is judged inside it"},
        "rounds": [{"round": r, "month": m} for r, m in ROUNDS.items()],
        "agencies": list(dict.fromkeys(a for _, a, _ in AGENCY_OF.values())),
        "control": False,
        "planted": sorted({f["rule"] for f in flags}),
        "files": files, "refused_files": refused, "rows": rows,
        "rejected_rows": [[x["file"], x["table"], x["row"]] for x in rows if x["reject"]],
        "events": ev_list,
        "hard_negatives": [{"events": evs, "why": why} for evs, why in HARD_NEGATIVES],
        "expected_flags": flags, "must_not_fire": MUST_NOT_FIRE,
        "ambiguous_rules": AMBIGUOUS_RULES,
        "stats": {"files": len(files), "accepted_files": len(files) - len(refused),
                  "refused_files": len(refused), "rows": len(rows),
                  "rejected_rows": sum(x["reject"] for x in rows), "events": len(ev_list)},
    }


def main(argv):
    args = list(argv[1:])
    truth = None
    if "--truth" in args:
        i = args.index("--truth")
        truth = Path(args[i + 1])
        del args[i:i + 2]
    out = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "samples"
    out.mkdir(parents=True, exist_ok=True)
    summary, written = [], []
    for rnd in ROUNDS:
        for fn in (write_csc, write_police, write_hv, write_gp, write_ed, write_school,
                   write_housing, write_probation):
            if fn is write_school and rnd == 2:
                continue            # no school return in the summer holiday
            if fn is write_probation and rnd == 1:
                continue            # probation joins once the partner is known
            del _TRACE[:]
            name, n = fn(out, rnd)
            written.append((fn.__name__, rnd, name, list(_TRACE)))
            summary.append((rnd, name, n))
    (out / ROUNDS[2] / REFUSED_TXT).write_text(COVER_EMAIL, encoding="utf-8")
    if not args:
        write_readme(out, summary)
    total = sum(n for _, _, n in summary)
    for rnd, name, n in summary:
        print(f"{ROUNDS[rnd]}  {n:3d}  {name}")
    print(f"total data rows: {total}")
    if truth is not None:
        import json
        T = build_truth(written)
        assert len(T["rows"]) == total, (len(T["rows"]), total)
        truth.parent.mkdir(parents=True, exist_ok=True)
        truth.write_text(json.dumps(T, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"truth: {truth} ({len(T['rows'])} rows, {len(T['events'])} events, "
              f"{len(T['expected_flags'])} expected flags)")


if __name__ == "__main__":
    main(sys.argv)
