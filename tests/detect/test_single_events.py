"""Single-occurrence rules (SELF_HARM, MISSING_EPISODE, INJURY_NON_MOBILE, GP_CHANGE,
HOUSEHOLD_CHANGE): follow-up reports join the occurrence they report, and the
vocabulary of each category, with negation-safe counter-examples. Wording invented."""

import datetime as dt

import pytest

from chrono.config import load_config
from chrono.detect import find_flags, tag_events
from ..text.words import dates_in as _dates_in

from .helpers import chron, day, ev

CFG = load_config()


def cats(text, agency="Children's Social Care"):
    return tag_events([ev("2024-05-01", text, agency=agency)], CFG)[0].categories


def flags(events, rule, dob="2012-02-02"):
    c = chron(events, dob=dob)
    tag_events(c.events, CFG)
    return [f for f in find_flags(c, CFG) if f.rule == rule]


# ---------------------------------------------------------------- vocabulary

@pytest.mark.parametrize("text, category", [
    # missing
    ("Young person absent without permission from the children's home until 01:40", "missing"),
    ("Went AWOL from placement after tea, back by 23:00", "missing"),
    ("Not returned by curfew; carers rang the out of hours team", "missing"),
    ("Located by police at the retail park at 02:30", "missing"),
    ("Jodie found at a friend's address in Meadow Close by officers", "missing"),
    # self-harm
    ("Tied a ligature round her neck in the bathroom; staff intervened", "self_harm"),
    ("Superficial cuts to left forearm seen by school nurse", "self_harm"),
    ("Took tablets after an argument with mum, taken to hospital", "self_harm"),
    ("Deliberate ingestion of sertraline, admitted to the ward", "self_harm"),
    # school change
    ("Dual registered with Larkspur PRU from Monday", "school_change"),
    ("Started at Birchfield alternative provision three days a week", "school_change"),
    ("Parents have chosen elective home education; off roll from 05/05", "school_change"),
    ("In-year transfer to Harrowgate Primary confirmed", "school_change"),
    ("Taken off roll at Linden Academy", "school_change"),
    # GP change
    ("Registered with a new practice in Wexcombe", "gp_change"),
    ("Seen as a temporary resident at Elm Row Surgery", "gp_change"),
    ("Family deducted from the practice list after moving away", "gp_change"),
    # household
    ("Mum's partner now living at the address full time", "household_change"),
    ("Family have taken in a lodger", "household_change"),
    ("Maternal grandmother has moved in to help", "household_change"),
    ("Father released from prison and returned home to live with the family", "household_change"),
    ("Dad no longer living at the address", "household_change"),
    # injury
    ("Fingertip bruising to upper arms noted at bath time", "injury"),
    ("Petechiae around the eyes", "injury"),
    ("Torn frenulum seen by GP", "injury"),
    ("Scald to back of hand from a cup of tea", "injury"),
])
def test_practice_wording(text, category):
    assert category in cats(text)


@pytest.mark.parametrize("text, category", [
    ("Return home interview completed by the missing service", "missing"),
    ("RHI offered but declined", "missing"),
    ("Missing from home protocol explained to carers", "missing"),
    ("Missing person risk assessment updated", "missing"),
    ("Philomena protocol form completed with foster carer", "missing"),
    ("Trigger plan reviewed with the police missing co-ordinator", "missing"),
    ("Discussed previous missing episode with Jodie", "missing"),
    ("Not AWOL - staying at nan's with permission", "missing"),
    ("Takes her tablets as prescribed, reviewed in hospital clinic", "self_harm"),
    ("Accidental ingestion of Calpol by toddler, seen at hospital", "self_harm"),
    ("Denies self-harm; no ligature marks", "self_harm"),
    ("Ward is ligature free", "self_harm"),
    ("Core group. Managed move to Pike Hill Academy reviewed", "school_change"),
    ("Managed move review meeting - going well", "school_change"),
    ("Alternative provision being considered if things do not improve", "school_change"),
    ("EHE officer visit - curriculum seen", "school_change"),
    ("New birth registered at Holm Surgery", "gp_change"),
    ("Remains registered with us", "gp_change"),
    ("No lodger or other adults at the address", "household_change"),
    ("Grandmother visited for the afternoon", "household_change"),
    ("Mongolian blue spots on lower back documented", "injury"),
    ("Skin check - no petechiae, no bruising", "injury"),
    ("Summer safety plan gone through with him", "domestic_abuse_related"),
])
def test_related_negated_or_unrelated(text, category):
    assert category not in cats(text)


def test_missing_related_is_its_own_category():
    assert "missing_related" in cats("Return home interview completed")
    assert "missing_related" in cats("Philomena protocol completed")


# ---------------------------------------------------------------- weekday dates

def test_weekday_references_are_the_last_such_day():
    monday = dt.date(2024, 6, 10)
    assert _dates_in("took tablets on Friday night", monday) == [dt.date(2024, 6, 7)]
    assert _dates_in("missing over the weekend (Sat night)", monday) == [dt.date(2024, 6, 8)]
    assert _dates_in("next Friday evening", monday) == []
    assert _dates_in("visit booked for Friday", monday) == []


# ---------------------------------------------------------------- one occurrence, one flag

def test_discharge_summary_naming_the_date_joins_the_overdose():
    found = flags([ev("2024-03-04", "Call from ward: Jodie admitted overnight after an overdose"),
                   ev("2024-03-15", "Discharge summary: admitted 03/03 following paracetamol overdose", agency="GP")],
                  "SELF_HARM")
    assert len(found) == 1 and found[0].start == day("2024-03-03")


def test_a_later_letter_about_the_same_self_harm_is_not_a_second_flag():
    found = flags([ev("2024-03-04", "Jodie disclosed cutting her thighs, cuts seen by school nurse", agency="School"),
                   ev("2024-03-20", "CAMHS letter: seen following disclosure of self-harm", agency="GP")],
                  "SELF_HARM")
    assert len(found) == 1 and found[0].end == day("2024-03-20")


def test_a_new_episode_after_a_fortnight_is_a_second_flag():
    found = flags([ev("2024-03-04", "Overdose of paracetamol, admitted"),
                   ev("2024-03-18", "Took another overdose, taken to A&E by ambulance")],
                  "SELF_HARM")
    assert len(found) == 2


def test_return_home_interviews_are_not_episodes():
    found = flags([ev("2024-04-05", "Reported missing from home, found by police 02:00", agency="Police"),
                   ev("2024-04-08", "Home visit after missing episode"),
                   ev("2024-04-09", "Return home interview completed"),
                   ev("2024-04-10", "Return home interview completed")],
                  "MISSING_EPISODE")
    assert len(found) == 1 and found[0].start == day("2024-04-05")


def test_a_report_naming_an_earlier_missing_date_counts_then():
    found = flags([ev("2024-04-05", "Reported missing overnight, returned 07:00", agency="Police"),
                   ev("2024-04-19", "School informed Jodie was reported missing 05/04", agency="School")],
                  "MISSING_EPISODE")
    assert len(found) == 1


def test_gp_and_household_changes_reported_again_later_are_one_flag():
    gp = flags([ev("2024-05-02", "Registered with new GP (Ashby Surgery)", agency="GP"),
                ev("2024-05-27", "Letter from Ashby Surgery: registered with new GP 02/05")], "GP_CHANGE")
    hh = flags([ev("2024-05-02", "Mum's new partner has moved in"),
                ev("2024-06-12", "Mum told HV her new partner moved in on 02/05", agency="Health Visiting")],
               "HOUSEHOLD_CHANGE")
    assert len(gp) == 1 and len(hh) == 1


def test_injury_reported_again_in_a_later_letter_is_one_flag():
    found = flags([ev("2024-02-10", "Bruise to left cheek of non-mobile baby", agency="Health Visiting"),
                   ev("2024-02-20", "Letter from paediatrician re bruise to cheek seen 10/02", agency="GP")],
                  "INJURY_NON_MOBILE", dob="2023-12-01")
    assert len(found) == 1


def test_a_plain_new_missing_report_a_week_later_is_a_second_flag():
    found = flags([ev("2024-04-05", "Reported missing from home, found by police 02:00", agency="Police"),
                   ev("2024-04-12", "Reported missing after an argument, returned 01:00", agency="Police")],
                  "MISSING_EPISODE")
    assert len(found) == 2


def test_a_notification_of_a_new_episode_a_week_later_is_a_second_flag():
    found = flags([ev("2024-04-05", "Reported missing from home, found by police 02:00", agency="Police"),
                   ev("2024-04-12", "Police notification: reported missing overnight, found 03:00")],
                  "MISSING_EPISODE")
    assert len(found) == 2


@pytest.mark.parametrize("text, expected", [
    ("Said she took a whole packet of paracetamol because she wanted to die", True),
    ("Took tablets after an argument with her boyfriend", True),
    ("Swallowed a handful of pills, ambulance called", True),
    ("Toddler swallowed some of mum's tablets, taken to hospital", False),
    ("Took his tablets as prescribed; seen in hospital clinic", False),
    ("Taking medication for hay fever", False),
    ("Swallowed a coin, taken to hospital for x-ray", False),
])
def test_tablets_are_an_overdose_only_with_intent(text, expected):
    assert ("self_harm" in cats(text)) is expected


@pytest.mark.parametrize("text, category", [
    ("Previous overdose discussed with CAMHS worker", "self_harm"),
    ("History of cutting, none for three months", "self_harm"),
    ("Previously noted bruise to cheek has faded", "injury"),
    ("The bruise on her arm has now faded", "injury"),
])
def test_references_back_are_not_new_occurrences(text, category):
    assert category not in cats(text)


def test_a_new_bruise_beside_an_old_one_still_counts():
    assert "injury" in cats("Previous bruise faded; new bruise to left ear seen today")


@pytest.mark.parametrize("text, category", [
    ("Strategy meeting re missing episodes - CE screening to be completed", "missing"),
    ("Professionals meeting held following overdose; plan agreed", "self_harm"),
])
def test_meetings_about_episodes_are_not_episodes(text, category):
    assert category not in cats(text)


@pytest.mark.parametrize("text, category, expected", [
    ("Carers report Jo did not return by the 10pm curfew; back 23:40", "missing", True),
    ("Foster carer reported Jo absent from placement overnight", "missing", True),
    ("Jo stayed out until 3am without permission", "missing", True),
    ("Missing episode risk assessment reviewed - medium", "missing", False),
    ("Overdose risk discussed with CAMHS", "self_harm", False),
    ("Dad says he has registered both boys with Kestrel Surgery", "gp_change", True),
    ("Jo is registered with Kestrel Surgery", "gp_change", False),
    ("Petechial rash with fever - meningitis screen", "injury", False),
    ("Petechiae to the eyelids after mum's partner grabbed her neck", "injury", True),
])
def test_more_practice_wording(text, category, expected):
    assert (category in cats(text)) is expected


@pytest.mark.parametrize("text, expected", [
    ("Home visit - Jo says new school is 'ok', has made friends", False),
    ("Settling in well at her new school", False),
    ("Started at new school today (Parkside Academy)", True),
])
def test_how_the_new_school_is_going_is_not_a_change(text, expected):
    assert ("school_change" in cats(text)) is expected
