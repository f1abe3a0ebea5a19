"""Queries, records checks, negated attendances, administrative notes, phone calls
and same-day cancellations. All wording invented for these tests."""

import pytest

from chrono.config import load_config
from chrono.detect import find_flags, tag_events
from chrono.detect.rules import attendance_sites
from chrono.model import Event, Provenance, Row

from .helpers import chron, day, ev, seen_every

CFG = load_config()


def cats(text, agency="Children's Social Care"):
    return tag_events([ev("2024-05-01", text, agency=agency)], CFG)[0].categories


def flags(events, rule, dob="2016-03-03"):
    c = chron(events, dob=dob)
    tag_events(c.events, CFG)
    return [f for f in find_flags(c, CFG) if f.rule == rule]


def own_row(date, cells, agency="Emergency Department", event="", eid=None):
    """An agency's own row, with its cells as written."""
    row = Row(provenance=Provenance("ed.xlsx", "Sheet1", hash(date + str(cells)) % 1000), raw=dict(cells),
              date=day(date), event=event, agency=agency, agency_raw=agency)
    return Event(id=eid or f"R{date}", date=day(date), precision="day", approximate=False, time=None,
                 event=event, agencies=[agency], who="", outcome="", child_seen="unknown",
                 comments="", sources=[row])


# ---------------------------------------------------------------- GP change: queries and standing registrations

@pytest.mark.parametrize("text", [
    "Dad asked at reception about the child's registration - records checked, registered at Holm Lane Surgery since birth.",
    "Records checked: registered with Pennyfold Medical Centre for the last 6 years. No change.",
    "Carer queried whether the children had been moved to a new GP practice - they have not.",
    "Mum enquired about changing practice after the move.",
    "Registration details confirmed - remains registered with Heathgate practice.",
])
def test_a_query_or_records_check_is_not_a_gp_change(text):
    assert "gp_change" not in cats(text, agency="GP")


def test_a_real_gp_change_still_counts():
    assert "gp_change" in cats("Children registered with a new GP (Corbel Road Surgery) this week.", agency="GP")
    assert "gp_change" in cats("GP2GP transfer received - now registered at Linthorpe Surgery.", agency="GP")


def test_a_records_check_row_raises_no_gp_change_flag():
    events = seen_every("2024-01-01", "2024-12-31") + [
        ev("2024-06-12", "Carer queried the child's GP registration - records checked, registered at Holm Lane "
                         "Surgery since birth. No change.", agency="GP")]
    assert flags(events, "GP_CHANGE") == []


# ---------------------------------------------------------------- queries for other change categories

def test_queries_do_not_make_moves_or_household_changes():
    assert "house_move" not in cats("Dad asked whether the change of address had been passed on to school.")
    assert "household_change" not in cats("SW queried whether a new partner was staying at the address.")
    assert "school_change" not in cats("Mum enquired about a managed move to another school.")
    # but a query about an injury seen is still an injury seen
    assert "injury" in cats("School nurse queried a bruise to the left shin - child said he fell at football.")


# ---------------------------------------------------------------- A&E: records checks and negated attendances

def test_a_records_check_row_is_not_an_attendance():
    check = own_row("2024-09-02", {"Date/time of attendance": "02/09/2024",
                                   "Details": "Liaison records check: no further attendances at Orchard Vale "
                                              "Hospital or Tillbrook UTC this year other than 04/05/24."})
    assert tag_events([check], CFG)[0].categories == []
    assert "ae_attendance" not in cats("Records check - no previous attendances at Greyford ED.",
                                       agency="Emergency Department")
    assert "ae_attendance" not in cats("Records check: not attended here in the past year.", agency="Urgent Care")


def test_sites_in_a_negated_clause_are_not_sites():
    e = ev("2024-09-02", "Attended Orchard Vale Hospital ED with a cut lip; no other attendances at Tillbrook UTC "
                         "or Ridgemoor Hospital in past year.", agency="Emergency Department")
    tag_events([e], CFG)
    sites = attendance_sites(e)
    assert any("orchard" in s for s in sites)
    assert not any("tillbrook" in s or "ridgemoor" in s for s in sites)
    advised = ev("2024-09-03", "Seen at Orchard Vale Hospital, advised to attend Tillbrook UTC if worse.",
                 agency="GP")
    assert not any("tillbrook" in s for s in attendance_sites(advised))


def test_one_attendance_and_a_records_check_naming_two_sites_do_not_fire_multiple_sites():
    visit = own_row("2024-05-04", {"Date/time of attendance": "04/05/2024 10:15",
                                   "Presentation": "Fell off trampoline, graze to knee, cleaned. Discharged home."},
                    agency="Emergency Department", eid="A1")
    check = own_row("2024-09-02", {"Date/time of attendance": "02/09/2024",
                                   "Presentation": "Liaison records check: no other attendances at Orchard Vale "
                                                   "Hospital or Tillbrook UTC in 12 months apart from 04/05/24."},
                    eid="A2")
    events = seen_every("2024-01-01", "2024-12-31") + [visit, check]
    assert flags(events, "AE_MULTIPLE_SITES") == []
    assert flags(events, "AE_REPEAT") == []


# ---------------------------------------------------------------- A&E: the department's own presentation rows

@pytest.mark.parametrize("agency, text", [
    ("Emergency Department", "Brought by grandad after a fall from a bunk bed. Swollen wrist, x-ray clear. Discharged home."),
    ("Emergency Department", "3/12 old, presented with poor feeding and fever, obs stable."),
    ("Emergency Department", "Self-presented with aunt, earache for 2 days."),
    ("Emergency Department", "Seen in paeds ED - croup, dexamethasone given."),
    ("Urgent Care", "Brought by dad with a burn to the palm, dressed, discharged home."),
])
def test_an_ed_or_urgent_care_presentation_row_is_an_attendance(agency, text):
    assert "ae_attendance" in cats(text, agency=agency)


@pytest.mark.parametrize("text", [
    "Liaison HV informed of attendance on 03/04 by email.",
    "Paediatric liaison: school nurse notified of the attendance.",
    "Discharge letter sent to GP.",
])
def test_an_ed_administrative_note_is_not_an_attendance(text):
    assert "ae_attendance" not in cats(text, agency="Emergency Department")


def test_an_administrative_note_describing_the_presentation_still_counts():
    assert "ae_attendance" in cats("Liaison note: brought by mum at 02:00 with a head injury.",
                                   agency="Emergency Department")


def test_the_presentation_not_the_liaison_note_is_the_evidence():
    visit = ev("2024-03-10", "Brought by mum with wheeze, nebulised, home after obs.",
               agency="Emergency Department", eid="V1")
    note = ev("2024-03-11", "Liaison HV notified of attendance 10/03 via liaison form.",
              agency="Emergency Department", eid="N1")
    others = [ev("2024-05-02", "Attended A&E at Greyford Hospital with a rash", agency="GP", eid="V2"),
              ev("2024-07-19", "Attended A&E at Greyford Hospital - vomiting", agency="GP", eid="V3")]
    [flag] = flags(seen_every("2024-01-01", "2024-12-31") + [visit, note] + others, "AE_REPEAT")
    assert "V1" in flag.events and "N1" not in flag.events


# ---------------------------------------------------------------- NO_ACCESS: calls are not visits

@pytest.mark.parametrize("text", [
    "Phoned mum - no answer, voicemail left.",
    "Rang dad's mobile twice, no reply.",
    "Text sent to mum to arrange home visit - no reply.",
    "Emailed carer about the review, no response.",
])
def test_an_unanswered_call_or_message_is_not_no_access(text):
    assert "no_access" not in cats(text)


def test_a_visit_with_no_access_still_counts_beside_a_call():
    assert "no_access" in cats("Home visit - no answer at the door; rang mum's mobile, no answer.")
    assert "no_access" in cats("Called at the address - no answer, card left.")


def test_one_no_access_visit_and_an_unanswered_call_do_not_fire():
    events = seen_every("2024-01-01", "2024-12-31") + [
        ev("2024-04-02", "Unannounced visit to the flat - no answer, neighbour said family away."),
        ev("2024-04-06", "Phone call to mum - no answer, VM left.")]
    assert flags(events, "NO_ACCESS") == []


# ---------------------------------------------------------------- missed appointments: same-day cancellations

@pytest.mark.parametrize("text", [
    "Orthoptics appt cancelled by dad on the day - no childcare.",
    "Booster vaccinations cancelled by carer same day.",
    "Speech therapy appointment rearranged by mum at short notice.",
    "Mum cancelled the 2 year review last minute.",
    "Same-day cancellation of dietitian appointment by mum.",
])
def test_a_family_cancellation_on_the_day_is_a_missed_appointment(text):
    assert "missed_appointment" in cats(text, agency="Health Visiting")


@pytest.mark.parametrize("text", [
    "Clinic cancelled by the hospital on the day due to staff sickness.",
    "HV cancelled visit on the day - HV unwell.",
    "Mum rescheduled the appointment a fortnight in advance.",
    "Mum changed her mind on the day and came to clinic after all.",
])
def test_service_cancellations_and_early_rearrangements_are_not_missed(text):
    assert "missed_appointment" not in cats(text, agency="Health Visiting")
