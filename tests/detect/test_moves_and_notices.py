"""School changes written as a move between named schools, an adult moving back into
the family home (a household change, not the child's change of address), and police
notifications passed on days after a disclosure. All wording invented for these tests."""

import dataclasses

import pytest

from chrono.config import load_config
from chrono.detect import find_flags, tag_events
from ..text.words import dates_in as _dates_in

from .helpers import chron, day, ev

CFG = load_config()


def cats(text, agency="Children's Social Care"):
    return tag_events([ev("2024-05-01", text, agency=agency)], CFG)[0].categories


def flags(events, rule):
    c = chron(events)
    tag_events(c.events, CFG)
    return [f for f in find_flags(c, CFG) if f.rule == rule]


# ---------------------------------------------------------------- school changes

@pytest.mark.parametrize("text", [
    "Dad has moved Rhys from Larkfield Primary to St Oswald's, starts Monday.",
    "Records received: pupil moved from Copse Hill Academy by carer.",
    "Ellie started at St Anselm's this morning.",
    "First day at St Wilfrid's - tearful at drop off.",
    "Transferred from Dunmore Juniors to Ashgate Primary.",
    "Rhys joined Fellside in Year 5 after half term.",
    "Now on roll at Brookvale Academy.",
    "Mum reports Rhys left Ferncliffe Primary last Friday.",
    "Family say the children have changed schools.",
    "The boys transferred schools over the summer.",
    "New school place confirmed and attending from today.",
])
def test_moves_between_named_schools_are_school_changes(text):
    assert "school_change" in cats(text)


@pytest.mark.parametrize("text", [
    "Rhys left school at 3.15 with his older brother.",
    "Rhys is on roll at Brookvale Academy, attendance 91%.",
    "Walked out of class and left the school grounds at lunchtime.",
    "Left Ferncliffe Primary gates at 3pm with mum.",
])
def test_leaving_school_for_the_day_is_not_a_change(text):
    assert "school_change" not in cats(text)


def test_two_moves_between_named_schools_fire_school_change():
    events = [ev("2024-01-08", "Mum has moved Rhys from Larkfield Primary to St Oswald's. Started today."),
              ev("2024-01-08", "Rhys started at St Oswald's today, moved from Larkfield Primary.", agency="School"),
              ev("2024-06-03", "Managed move - Rhys started at Fellside Academy.", agency="School")]
    [flag] = flags(events, "SCHOOL_CHANGE")
    assert flag.summary.startswith("2 changes")


# ---------------------------------------------------------------- household change

@pytest.mark.parametrize("text", [
    "Call from probation: Lee D has moved back into the family home, licence address agreed.",
    "Licence address updated - LD moved back to family address 9 Thorn Road.",
    "PGF has moved back in after his hospital stay.",
    "Dad back living with mum since the weekend.",
    "Mr D released from HMP Ravensby on licence to the family address.",
    "Stepdad returned to live at the family home on Saturday.",
])
def test_an_adult_moving_back_in_is_a_household_change(text):
    found = cats(text)
    assert "household_change" in found
    assert "house_move" not in found


@pytest.mark.parametrize("text", [
    "The family moved back to the family home once repairs were done.",
    "Mum and the children moved back to the family home after two weeks in the refuge.",
    "Mum moved back to the family home with the children today.",
])
def test_the_family_moving_back_is_not_someone_joining_the_household(text):
    assert "household_change" not in cats(text)


def test_a_licence_address_change_is_not_the_childs_move():
    assert "house_move" not in cats("Licence address changed to 4 Park View.", agency="Probation")
    assert "house_move" in cats("Family moved to 4 Park View today.")


# ---------------------------------------------------------------- police notifications

def test_days_ago_counts_back_from_the_entry():
    assert _dates_in("PPN re DA 2 days ago", day("2024-07-21")) == [day("2024-07-19")]
    assert _dates_in("Neighbour dispute three days ago", day("2024-07-21")) == [day("2024-07-18")]
    assert _dates_in("Seen a week ago", day("2024-07-21")) == [day("2024-07-14")]


def test_a_ppn_about_an_earlier_disclosure_is_the_same_incident():
    # the police account names the day of the assault; the PPN two days after the
    # disclosure names no date at all
    disclosure = ev("2024-07-19", "Mother attended the station and disclosed domestic abuse: partner hit her on Wed (17/07). "
                                  "Partner arrested.", agency="Police")
    ppn = ev("2024-07-21", "PPN - mother disclosed domestic abuse to police, partner hit her. Partner bailed.")
    later = ev("2024-09-02", "Police called to a domestic at the address, mother assaulted.", agency="Police")
    [flag] = flags([disclosure, ppn, later], "DOMESTIC_ABUSE_REPEAT")
    assert flag.summary.startswith("2 domestic abuse incidents")
    again = ev("2024-07-21", "PPN re DA 2 days ago - partner hit mother, arrested.")
    [flag] = flags([disclosure, again, later], "DOMESTIC_ABUSE_REPEAT")
    assert flag.summary.startswith("2 domestic abuse incidents")


def test_one_merged_entry_with_a_dated_and_an_undated_account_is_one_incident():
    police = ev("2024-07-19", "Mother disclosed domestic abuse: partner hit her on Wed (17/07). Partner arrested.", agency="Police")
    social = ev("2024-07-19", "PPN - mother disclosed domestic abuse to police, partner hit her.")
    merged = dataclasses.replace(police, agencies=["Police", "Children's Social Care"],
                                 sources=police.sources + social.sources)
    later = ev("2024-09-02", "Police called to a domestic at the address, mother assaulted.", agency="Police")
    [flag] = flags([merged, later], "DOMESTIC_ABUSE_REPEAT")
    assert flag.summary.startswith("2 domestic abuse incidents")


def test_a_ppn_naming_no_date_a_fortnight_later_is_a_new_incident():
    first = ev("2024-07-01", "Police called to a domestic at the address, mother assaulted.", agency="Police")
    ppn = ev("2024-07-15", "PPN - verbal altercation between parents, police attended.")
    [flag] = flags([first, ppn], "DOMESTIC_ABUSE_REPEAT")
    assert flag.summary.startswith("2 domestic abuse incidents")
