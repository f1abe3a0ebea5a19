"""Occurrences versus mentions, referenced dates, DA process entries, address changes
and attendance sites from columns. All wording invented for these tests."""

import datetime as dt

from chrono.config import load_config
from chrono.detect import find_flags, tag_events
from chrono.detect.lexicon import lexicon_for, occurrence_dates

from ..text.words import dates_in as _dates_in
from chrono.model import Event, Provenance, Row

from .helpers import chron, day, ev

CFG = load_config()
LEX = lexicon_for(CFG)


def cats(text, agency="Children's Social Care", comments=""):
    e = ev("2024-05-01", text, agency=agency)
    e.comments = comments
    return tag_events([e], CFG)[0].categories


def flags(events, rule):
    c = chron(events)
    tag_events(c.events, CFG)
    return [f for f in find_flags(c, CFG) if f.rule == rule]


def ed_row(date, cells, event="", eid=None):
    """An emergency department's own row, with its cells as written (no mapped event text)."""
    row = Row(provenance=Provenance("ed.xlsx", "Sheet1", hash(date + str(cells)) % 1000), raw=dict(cells),
              date=day(date), event=event, agency="Emergency Department", agency_raw="Emergency Department",
              who=next(iter(v for k, v in cells.items() if "complaint" in k.lower()), ""))
    return Event(id=eid or f"X{date}{len(cells)}", date=day(date), precision="day", approximate=False, time=None,
                 event=event, agencies=["Emergency Department"], who=row.who, outcome="", child_seen="yes",
                 comments="", sources=[row])


# ---------------------------------------------------------------- mentions are not occurrences

def test_reported_speech_about_an_attendance_is_a_mention():
    assert "ae_attendance" not in cats("Home visit. Dad told the SW about the A&E attendance at the weekend.")
    assert "ae_attendance" not in cats("CIN visit, mother spoke to me about ED attendance on 02/04 (scald).")
    assert "ae_attendance" in cats("Attended A&E with a scald to the hand.")


def test_retrospective_reference_is_a_mention():
    assert "ae_attendance" not in cats("SW visit. Toddler well after UTC attendances this week.")
    assert "ae_attendance" not in cats("Home visit following last week's A&E attendance.")
    assert "ae_attendance" in cats("Taken to A&E after a fall down the stairs this week.")


def test_meeting_that_reviews_missed_visits_is_not_a_missed_visit():
    text = "Professionals meeting. DNAs and failed home visits reviewed."
    assert "missed_appointment" not in cats(text) and "no_access" not in cats(text)
    assert "missed_appointment" not in cats("Home visit - missed clinic appointments discussed with dad.")
    assert "missed_appointment" in cats("Not brought to orthoptist appointment.")
    assert "no_access" in cats("Unannounced visit - no answer at the door.")


def test_visit_cancelled_at_short_notice_is_missed():
    assert "missed_appointment" in cats("Father cancelled the home visit at short notice, said child at nursery.")


def test_three_no_access_counts_ignore_a_meeting_that_discusses_them():
    events = [ev("2024-03-04", "Home visit - no access, card left."),
              ev("2024-05-20", "Core group. No access visits discussed with parents."),
              ev("2024-07-01", "Home visit - no access, curtains closed.")]
    assert flags(events, "NO_ACCESS") == []


# ---------------------------------------------------------------- referenced dates

def test_dates_in_text():
    ref = day("2024-03-10")
    assert _dates_in("Letter: attended A&E 04/03/24", ref) == [day("2024-03-04")]
    assert _dates_in("attended 04/03", ref) == [day("2024-03-04")]
    assert _dates_in("attended 28/12", ref) == [day("2023-12-28")]
    assert _dates_in("attended 04.03.24", ref) == [day("2024-03-04")]
    assert _dates_in("1.5 year check missed", ref) == []
    assert _dates_in("seen 4th March", ref) == [day("2024-03-04")]
    assert _dates_in("incident last night", ref) == [day("2024-03-09")]


def test_a_letter_counts_at_the_attendance_it_reports():
    letter = ev("2024-04-12", "A&E letter received: attended Fenwold Hospital A&E 08/04/24, discharged.", agency="GP")
    tag_events([letter], CFG)
    assert occurrence_dates(letter, "ae_attendance", LEX) == ([day("2024-04-08")], True)
    events = [ed_row("2024-04-08", {"Arrival": "08/04/2024 10:00", "Hospital": "Fenwold Hospital",
                                    "Presenting complaint": "Fever"}), letter,
              ed_row("2024-06-20", {"Arrival": "20/06/2024 10:00", "Hospital": "Fenwold Hospital",
                                    "Presenting complaint": "Rash"})]
    assert flags(events, "AE_REPEAT") == []


def test_letters_for_consecutive_days_stay_two_attendances():
    a = ed_row("2024-09-10", {"Arrival": "10/09/2024 01:00", "Site": "Fenwold Hospital", "Presenting complaint": "Wheeze"})
    b = ed_row("2024-09-11", {"Arrival": "11/09/2024 23:00", "Site": "Fenwold Hospital", "Presenting complaint": "Wheeze again"})
    l1 = ev("2024-09-13", "A&E letter: attended Fenwold Hospital A&E 10/09/24, nebulised.", agency="GP")
    l2 = ev("2024-09-13", "A&E letter: re-attended Fenwold Hospital A&E 11/09/24.", agency="GP")
    early = ed_row("2024-07-02", {"Arrival": "02/07/2024 09:00", "Site": "Fenwold Hospital", "Presenting complaint": "Cut"})
    [flag] = flags([early, a, b, l1, l2], "AE_REPEAT")
    assert flag.summary.endswith("02/07, 10/09, 11/09")
    assert (flag.start, flag.end) == (day("2024-07-02"), day("2024-09-11"))
    assert flags([a, b, l1, l2], "AE_REPEAT") == []


def test_a_ppn_days_later_is_the_same_da_incident():
    incident = ev("2024-02-03", "Domestic incident - police called, partner punched mother.", agency="Police")
    ppn = ev("2024-02-09", "PPN received re domestic abuse incident on 03/02.", agency="Children's Social Care")
    assert flags([incident, ppn], "DOMESTIC_ABUSE_REPEAT") == []
    second = ev("2024-04-15", "Police called to a domestic at the address, mother assaulted.", agency="Police")
    [flag] = flags([incident, ppn, second], "DOMESTIC_ABUSE_REPEAT")
    assert flag.summary.startswith("2 domestic abuse incidents")


# ---------------------------------------------------------------- DA process is not an incident

def test_marac_and_markers_are_related_not_incidents():
    assert "domestic_abuse" not in cats("MARAC meeting.")
    assert "domestic_abuse_related" in cats("MARAC meeting.")
    tenancy = cats("Tenancy offered and accepted.", agency="Housing", comments="MARAC flag to go on the file")
    assert "domestic_abuse" not in tenancy
    assert "domestic_abuse" not in cats("Safety plan reviewed with mother and IDVA.")
    assert "domestic_abuse" in cats("DA incident - police called after partner pushed mother.")
    events = [ev("2024-02-03", "Domestic incident - police called, partner punched mother.", agency="Police"),
              ev("2024-03-01", "MARAC meeting. Actions agreed.", agency="Police")]
    assert flags(events, "DOMESTIC_ABUSE_REPEAT") == []


# ---------------------------------------------------------------- address changes

def test_visits_at_a_new_address_and_plans_are_not_moves():
    assert "house_move" not in cats("Home visit at new address - baby seen asleep.")
    assert "house_move" not in cats("SW visited the family at their new flat in Dunmere.")
    assert "house_move" not in cats("Visit to new address, boxes everywhere.")
    assert "house_move" not in cats("Family getting ready to move to temporary accommodation next week.")
    assert "house_move" not in cats("Mother hoping to move to a bigger house.")
    assert "house_move" in cats("Family moved to temporary accommodation at Kestrel Court.")
    assert "house_move" in cats("Notified of change of address to 4 Linnet Row.")


def test_an_adult_moving_in_with_the_family_is_a_household_change():
    text = "Mr BRAMHALL reported change of address to 9 Wren Close (girlfriend and her baby)."
    assert "house_move" not in cats(text, agency="Probation")
    assert "household_change" in cats(text, agency="Probation")


def test_house_moves_count_distinct_moves_not_visits():
    events = [ev("2024-01-10", "Family placed in temporary accommodation at Kestrel Court.", agency="Housing"),
              ev("2024-02-05", "Home visit at new address, child seen."),
              ev("2024-03-20", "HV visit at the new address - damp noted.", agency="Health Visiting"),
              ev("2024-04-01", "Family packing up to move to a refuge.")]
    assert flags(events, "HOUSE_MOVES") == []


# ---------------------------------------------------------------- ED rows and site columns

def test_an_ed_row_with_an_arrival_column_is_an_attendance():
    row = ed_row("2024-05-01", {"Arrival date/time": "01/05/2024 03:10", "Presenting complaint": "Vomiting"})
    assert "ae_attendance" in tag_events([row], CFG)[0].categories
    other = ed_row("2024-05-01", {"Date": "01/05/2024", "Note": "Safeguarding supervision held"},
                   event="Safeguarding supervision held")
    assert "ae_attendance" not in tag_events([other], CFG)[0].categories


def test_site_column_names_the_hospital():
    a = ed_row("2024-05-01", {"Arrival": "01/05/2024", "Site": "Wexcombe District Hospital", "Presenting complaint": "Fever"})
    b = ed_row("2024-06-11", {"Arrival": "11/06/2024", "Hospital": "Pellow Royal Infirmary", "Presenting complaint": "Fall"})
    [flag] = flags([a, b], "AE_MULTIPLE_SITES")
    assert "Wexcombe" in flag.summary and "Pellow" in flag.summary
    c = ed_row("2024-06-11", {"Arrival": "11/06/2024", "Location": "Home", "Presenting complaint": "Fall"})
    assert flags([a, c], "AE_MULTIPLE_SITES") == []


def test_a_date_of_another_event_in_the_sentence_is_not_the_occurrence():
    ref = day("2024-03-10")
    assert _dates_in("attended A&E again, previous attendance 02/03", ref) == []
    assert _dates_in("DNA, rebooked for 12/03", ref) == []
    assert _dates_in("letter from Fenwold ED 04/03/24", ref) == [day("2024-03-04")]


def test_a_plan_after_the_hit_is_not_an_occurrence_but_a_noun_is():
    assert "house_move" not in cats("House move planned for the spring.")
    assert "missed_appointment" in cats("Not brought to appointment planned by the paediatrician.")
