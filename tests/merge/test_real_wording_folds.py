"""Kinds of cross-agency wording met in published case reviews' chronologies, each as a
folding pair and a near miss that must stay apart. All people, places and phrasing invented."""

from __future__ import annotations

import pytest

from chrono.merge import merge_rows

from .rowkit import make_row


def events(cfg, *rows):
    return len(merge_rows(list(rows), cfg).events)


# kind: a notification naming the incident's day, recorded days later by another agency
def test_notify_naming_the_day_folds_with_that_days_police_log(cfg):
    police = make_row("Police.csv", 2, "2024-03-04", "Domestic - verbal only. Neighbours called about raised voices", "Police")
    notify = make_row("Probation.docx", 3, "2024-03-06", "Police notify DA incident 04/03 - warning given", "Probation")
    assert events(cfg, police, notify) == 1


def test_notify_naming_another_day_stays_apart(cfg):
    police = make_row("Police.csv", 2, "2024-03-02", "Domestic - verbal only. Neighbours called about raised voices", "Police")
    notify = make_row("Probation.docx", 3, "2024-03-06", "Police notify DA incident 04/03 - warning given", "Probation")
    assert events(cfg, police, notify) == 2


def test_mash_info_naming_the_day_folds(cfg):
    police = make_row("Police.csv", 2, "2024-02-10", "CONCERN FOR SAFETY - caller heard a toddler crying for an hour. Officers attended, child asleep", "Police")
    hv = make_row("HV.docx", 3, "2024-02-11", "MASH info: police attended 10/02, child crying, no offences", "Health Visiting")
    assert events(cfg, police, hv) == 1


# kind: second-hand accounts naming a weekday at the end of a clause
def test_weekday_ending_a_clause_folds_with_that_days_attendance(cfg):
    ed = make_row("ED.xlsx", 2, "2024-03-09", "Fell from climbing frame, sprain L wrist, discharged", "Emergency Department")
    school = make_row("School.docx", 3, "2024-03-11",
                      "Wrist bandaged - dad says she fell off the climbing frame Saturday, seen at A&E", "School")
    assert events(cfg, ed, school) == 1


def test_weekday_naming_another_day_stays_apart(cfg):
    ed = make_row("ED.xlsx", 2, "2024-03-07", "Fell from climbing frame, sprain L wrist, discharged", "Emergency Department")
    school = make_row("School.docx", 3, "2024-03-11",
                      "Wrist bandaged - dad says she fell off the climbing frame Saturday, seen at A&E", "School")
    assert events(cfg, ed, school) == 2


# kind: a practical event told by two agencies days apart naming one rare place
def test_placement_naming_one_hostel_folds_three_days_apart(cfg):
    housing = make_row("Housing.csv", 2, "2024-04-02", "Placed in TA - Larchmont Lodge rm 4 (B&B)", "Housing")
    csc = make_row("CSC.xlsx", 3, "2024-04-05", "Family placed in temporary accommodation at Larchmont Lodge", "Children's Social Care")
    assert events(cfg, housing, csc) == 1


def test_placements_naming_different_hostels_stay_apart(cfg):
    housing = make_row("Housing.csv", 2, "2024-04-02", "Placed in TA - Larchmont Lodge rm 4 (B&B)", "Housing")
    csc = make_row("CSC.xlsx", 3, "2024-04-05", "Family placed in temporary accommodation at Wrenfield House", "Children's Social Care")
    assert events(cfg, housing, csc) == 2


def test_a_workers_first_visit_to_the_new_address_is_not_the_move(cfg):
    housing = make_row("Housing.csv", 2, "2024-04-02", "Placed in TA - Larchmont Lodge rm 4 (B&B)", "Housing")
    hv = make_row("HV.docx", 3, "2024-04-04", "Home visit to Larchmont Lodge - baby seen, family moved in", "Health Visiting")
    assert events(cfg, housing, hv) == 2


# kind: shorthand of another profession
def test_midwifes_nvd_is_the_birth_the_health_visitor_is_notified_of(cfg):
    mw = make_row("MW.docx", 2, "2024-05-10", "NVD 38+2, boy 3.1kg", "Midwifery")
    hv = make_row("HV.docx", 3, "2024-05-12", "Birth notification - born 10/05/24 at Wexcombe, 3.1kg", "Health Visiting")
    assert events(cfg, mw, hv) == 1


def test_a_birth_notification_of_another_day_stays_apart(cfg):
    mw = make_row("MW.docx", 2, "2024-05-10", "NVD 38+2, boy 3.1kg", "Midwifery")
    hv = make_row("HV.docx", 3, "2024-05-12", "Birth notification - born 02/05/24 at Wexcombe, 3.1kg", "Health Visiting")
    assert events(cfg, mw, hv) == 2


# kind: a referral told by the referrer and by the agency it informed the next day
def test_camhs_referral_told_by_referrer_and_the_informed_agency(cfg):
    school = make_row("School.docx", 2, "2024-06-03", "Urgent referral to CAMHS - low mood, talk of not wanting to be here", "School")
    csc = make_row("CSC.xlsx", 3, "2024-06-04", "School made urgent CAMHS referral - CSC informed", "Children's Social Care")
    assert events(cfg, school, csc) == 1


def test_a_camhs_referral_and_a_referral_to_social_care_stay_apart(cfg):
    school = make_row("School.docx", 2, "2024-06-03", "Urgent referral to CAMHS - low mood", "School")
    csc = make_row("CSC.xlsx", 3, "2024-06-04", "Referral to CSC from GP re weight loss", "Children's Social Care")
    assert events(cfg, school, csc) == 2


# kind: a child found alone, and the notification of it naming the day
@pytest.mark.parametrize("named, expected", [("30/06", 1), ("27/06", 2)])
def test_child_found_alone_and_its_notification(cfg, named, expected):
    police = make_row("Police.csv", 2, "2024-06-30", "Concern for welfare - girl (6) found alone outside the flat", "Police")
    csc = make_row("CSC.xlsx", 3, "2024-07-01", f"Police notification - found alone outside {named}", "Children's Social Care")
    assert events(cfg, police, csc) == expected


# kind: never merge two events of consecutive days in different settings
def test_out_of_hours_report_of_the_day_before_is_not_the_next_days_999_call(cfg):
    ooh = make_row("GP.csv", 2, "2024-03-06", "OOH report: seen 05/03 at the out of hours base - cold; bruise to cheek", "GP")
    ed = make_row("ED.xlsx", 3, "2024-03-06", "999 - not breathing. Resus. Bruises to face and chest", "Emergency Department")
    assert events(cfg, ooh, ed) == 2


# kind: a discharge to foster carers told by the hospital and social care
def test_discharge_to_foster_carers_told_by_two_agencies(cfg):
    ward = make_row("Ward.xlsx", 2, "2024-08-09", "Discharged to foster carers (s20) - summary to GP", "Emergency Department")
    csc = make_row("CSC.xlsx", 3, "2024-08-09", "Discharged from the ward to foster carers, s20 agreed by father", "Children's Social Care")
    assert events(cfg, ward, csc) == 1


# kind: a 999 call logged by police and the emergency department's own record of it
def test_ambulance_request_and_the_eds_resus_record_fold(cfg):
    police = make_row("Police.csv", 2, "2024-09-02", "Ambulance request - toddler not breathing at home address", "Police", time="06:40")
    ed = make_row("ED.xlsx", 3, "2024-09-02", "Brought in by ambulance, not breathing on arrival, resus", "Emergency Department", time="07:05")
    assert events(cfg, police, ed) == 1


def test_a_referral_from_the_hospital_later_that_day_is_news_not_a_time_clash(cfg):
    ed = make_row("ED.xlsx", 2, "2024-09-02", "Brought in by ambulance, not breathing on arrival, resus. Bruising to chest",
                  "Emergency Department", time="07:05")
    csc = make_row("CSC.xlsx", 3, "2024-09-02", "EDT referral from the hospital - admitted after a 999 call, not breathing, bruising to chest",
                   "Children's Social Care", time="11:30")
    assert events(cfg, ed, csc) == 1


def test_two_first_hand_accounts_hours_apart_still_clash(cfg):
    police = make_row("Police.csv", 2, "2024-09-02", "Ambulance request - toddler not breathing at home address", "Police", time="06:40")
    ed = make_row("ED.xlsx", 3, "2024-09-02", "Brought in by ambulance, not breathing on arrival, resus", "Emergency Department", time="18:05")
    assert events(cfg, police, ed) == 2


# kind: a year group's start told by the school and by social care
def test_starting_year_7_told_by_school_and_social_care(cfg):
    school = make_row("School.docx", 2, "2024-09-04", "Started Y7 at Hollins Park Academy - settled well", "School")
    csc = make_row("CSC.xlsx", 3, "2024-09-05", "Started Y7 at Hollins Park Academy (transition from Fernlea Primary)", "Children's Social Care")
    assert events(cfg, school, csc) == 1


# kind: an episode written as a date range, its text naming only the last day
def test_an_episode_row_starts_on_its_own_date(cfg):
    ed = make_row("ED.xlsx", 2, "2024-01-11", "Wellmere MTC ED - stab wound to thigh, admitted under trauma team", "Emergency Department")
    csc = make_row("CSC.xlsx", 3, "2024-01-11", "Notification from the Wellmere safeguarding team: admitted with stab wound to thigh, discharged 13/01",
                   "Children's Social Care")
    csc.date_end = csc.date.replace(day=13)
    assert events(cfg, ed, csc) == 1
    # without the range, the discharge day written out is another day than the attendance
    plain = make_row("CSC.xlsx", 3, "2024-01-13", "Notification from the Wellmere safeguarding team: discharged 13/01 after a fall",
                     "Children's Social Care")
    assert events(cfg, ed, plain) == 2


def _filler(n=70):
    # a case's other entries, months away: they make the named school's words rare, as in a real case
    return [make_row("Other.docx", k + 10, f"2023-{1 + k % 9:02d}-{1 + k % 27:02d}",
                     f"Routine entry number {k} about item {k * 7} and topic {k * 13}", "Children's Social Care")
            for k in range(n)]


@pytest.mark.parametrize("school, expected", [("Ridgeholm Primary", 1), ("Ashcombe Primary", 2)])
def test_one_rare_school_named_by_both_accounts_the_same_day(cfg, school, expected):
    csc = make_row("CSC.xlsx", 2, "2024-03-04", "Ollie started Ridgeholm Primary near the TA", "Children's Social Care")
    other = make_row("School.docx", 3, "2024-03-04", f"Started at {school} - records requested", "School")
    merged = merge_rows(_filler() + [csc, other], cfg).events
    together = [e for e in merged if len(e.sources) > 1]
    assert len(together) == (1 if expected == 1 else 0)


# kind: a parent's second-hand word naming the hospital and the weekend
@pytest.mark.parametrize("note_day, expected", [("2024-10-21", 1), ("2024-10-28", 2)])
def test_school_told_of_a_weekend_in_a_named_hospital(cfg, note_day, expected):
    hospital = make_row("CSC.xlsx", 2, "2024-10-21", "Notification from Brackenfield Hospital - overdose 19/10, admitted overnight",
                        "Children's Social Care")
    school = make_row("School.docx", 3, note_day, "J absent - dad says she was in Brackenfield hospital at the weekend", "School")
    assert events(cfg, hospital, school) == expected


# kind: a once-only event noted by a second agency two days later
def test_change_of_gp_noted_by_social_care_two_days_later(cfg):
    gp = make_row("GP.csv", 2, "2024-02-24", "Transfer in. New patient - previously Elmfield Surgery", "GP")
    csc = make_row("CSC.xlsx", 3, "2024-02-26", "GP changed - children now registered Brookvale Medical Centre", "Children's Social Care")
    assert events(cfg, gp, csc) == 1


def test_two_gp_changes_a_week_apart_stay_apart(cfg):
    gp = make_row("GP.csv", 2, "2024-02-17", "Transfer in. New patient - previously Elmfield Surgery", "GP")
    csc = make_row("CSC.xlsx", 3, "2024-02-26", "GP changed - children now registered Brookvale Medical Centre", "Children's Social Care")
    assert events(cfg, gp, csc) == 2


def test_a_newborns_registration_with_the_gp_is_not_the_birth(cfg):
    mw = make_row("MW.docx", 2, "2024-05-10", "Baby boy born at Fernhill Maternity Unit, SVD, 3.3kg", "Midwifery")
    gp = make_row("GP.csv", 3, "2024-05-12", "New birth registered at Oakway Surgery", "GP")
    assert events(cfg, mw, gp) == 2


# kind: another agency's administrative update of a move (a GP's or school's "change of address")
@pytest.mark.parametrize("noted, expected", [("2024-02-17", 1), ("2024-02-25", 2)])
def test_a_change_of_address_update_is_news_of_the_move(cfg, noted, expected):
    housing = make_row("Housing.csv", 2, "2024-02-14", "Placed in TA - Copperfield Lodge room 2 (B&B)", "Housing")
    gp = make_row("GP.csv", 3, noted, "Change of address (temporary accommodation). Stays registered - within area", "GP")
    assert events(cfg, housing, gp) == expected
