"""Flags on kinds of wording met on review cases chrono had never seen (all wording invented
here): "missing" said of a thing, a partner of a firm, a parent described as separated, a
change of doctor inside one practice, temporary accommodation written as TA, an urgent
treatment centre's letter, a hospital named "<Town> Royal", and a ward discharge days after
the attendance. Each kind: one account that must flag and a near miss that must not."""

from __future__ import annotations

from chrono.config import load_config
from chrono.detect import find_flags, tag_events

from .helpers import chron, ev

CFG = load_config()


def rules(events, dob="2016-03-01"):
    c = chron(events, dob=dob)
    tag_events(c.events, CFG)
    return [f.rule for f in find_flags(c, CFG)]


# -- MISSING_EPISODE: a thing that goes missing is no missing episode

def test_a_lost_scooter_or_kit_is_not_a_missing_episode():
    lost = [ev("2024-09-10", "Dad reports the boy's scooter 'went missing' from outside the flats", agency="Police"),
            ev("2024-10-02", "Back after half term, his reading book and kit missing again", agency="School")]
    assert "MISSING_EPISODE" not in rules(lost)
    told = [ev("2024-11-12", "Games console reported missing from the flat, crime reference given", agency="Police"),
            ev("2024-12-01", "Tablet gone missing, mum thinks it was sold", agency="Police")]
    assert "MISSING_EPISODE" not in rules(told)


def test_a_child_who_goes_missing_with_his_phone_still_fires():
    e = ev("2024-09-10", "Went missing after school, phone switched off, found by police at 23:40", agency="Police")
    assert "MISSING_EPISODE" in rules([e])


# -- HOUSEHOLD_CHANGE: a partner of a practice, a parent described as separated

def test_a_new_partner_at_the_surgery_is_no_household_change():
    e = ev("2024-04-03", "Reviewed by Dr Aske, new partner at the surgery. Ear infection, antibiotics",
           agency="GP")
    assert "HOUSEHOLD_CHANGE" not in rules([e])


def test_mums_new_partner_moving_in_still_fires():
    e = ev("2024-04-03", "Mum's new partner has moved in with her and the children", agency="Health Visiting")
    assert "HOUSEHOLD_CHANGE" in rules([e])


def test_a_parent_described_as_separated_is_no_household_change():
    e = ev("2024-06-11", "Notification: mother (separated) reports the children's father was abusive on the phone",
           agency="School")
    assert "HOUSEHOLD_CHANGE" not in rules([e])


def test_parents_separating_still_fires():
    e = ev("2024-06-11", "Parents separated this weekend, father has left the family home", agency="School")
    assert "HOUSEHOLD_CHANGE" in rules([e])


# -- GP_CHANGE: another doctor of the same practice is no change of practice

def test_a_new_named_doctor_inside_one_practice_is_no_change_of_gp():
    e = ev("2024-07-01", "Usual GP changed from Dr Pell to Dr Vane within Ashdown Medical Centre", agency="GP")
    assert "GP_CHANGE" not in rules([e])


def test_a_move_to_another_practice_still_fires():
    e = ev("2024-07-01", "Registered with a new practice - Ferncliff Surgery, records requested", agency="GP")
    assert "GP_CHANGE" in rules([e])


# -- HOUSE_MOVES: temporary accommodation written as TA

def test_placed_in_emergency_ta_is_a_change_of_address():
    evs = [ev("2024-02-05", "Homeless duty accepted. Placed in emergency TA, Rooms 4-5 at a guest house",
              agency="Housing"),
           ev("2024-05-20", "Moved from the guest house to a two-bed flat, Unit 7 Corder Way", agency="Housing")]
    assert "HOUSE_MOVES" in rules(evs)


def test_a_ta_review_is_not_a_move():
    evs = [ev("2024-02-05", "TA review meeting - family remain at the guest house", agency="Housing"),
           ev("2024-05-20", "Moved from the guest house to a two-bed flat, Unit 7 Corder way", agency="Housing")]
    assert "HOUSE_MOVES" not in rules(evs)


# -- AE_MULTIPLE_SITES: a UTC's letter and a hospital named "<Town> Royal"

def test_a_utc_letter_and_a_town_royal_hospital_are_two_sites():
    evs = [ev("2024-03-04", "A&E letter Dunmere Royal: sprained wrist, fell from climbing frame. Discharged",
              agency="GP"),
           ev("2024-08-19", "Letter Halsey UTC: attended 17/08/24 - high temperature. Discharged with advice",
              agency="GP")]
    assert "AE_MULTIPLE_SITES" in rules(evs)


def test_two_letters_from_one_royal_hospital_are_one_site():
    evs = [ev("2024-03-04", "A&E letter Dunmere Royal: sprained wrist, fell from climbing frame. Discharged",
              agency="GP"),
           ev("2024-08-19", "A&E letter Dunmere Royal: high temperature. Discharged with advice", agency="GP")]
    assert "AE_MULTIPLE_SITES" not in rules(evs)


# -- AE_REPEAT: the ward's discharge two days after the attendance is the same stay

def _attendance(date, text="Attended ED with a head bump, observed, discharged home"):
    return ev(date, text, agency="Emergency Department")


def test_a_ward_discharge_two_days_later_is_the_same_attendance():
    evs = [_attendance("2024-01-10"),
           _attendance("2024-04-02", "Brought in by mum with a burn to the hand, admitted to the ward"),
           _attendance("2024-04-04", "Bloods and x-ray normal. Discharged home from the ward")]
    assert "AE_REPEAT" not in rules(evs)


def test_a_reattendance_two_days_later_still_counts():
    evs = [_attendance("2024-01-10"),
           _attendance("2024-04-02", "Brought in by mum with a burn to the hand, admitted to the ward"),
           _attendance("2024-04-04", "Re-attended with the dressing soaked, redressed and discharged home")]
    assert "AE_REPEAT" in rules(evs)


# -- WAS_NOT_BROUGHT: a school's admissions meeting for the child is the child's appointment

def test_missing_a_school_admissions_meeting_counts_as_not_brought():
    evs = [ev("2024-05-07", "Induction meeting for the new school - mother and child did not attend", agency="School"),
           ev("2024-07-15", "Dental check - was not brought", agency="GP")]
    assert "WAS_NOT_BROUGHT" in rules(evs)


def test_a_parent_missing_a_professionals_meeting_does_not():
    evs = [ev("2024-05-07", "Team meeting at school - mother did not attend", agency="School"),
           ev("2024-07-15", "Dental check - was not brought", agency="GP")]
    assert "WAS_NOT_BROUGHT" not in rules(evs)


def test_the_flag_names_the_site_without_the_letter_that_opened_the_entry():
    evs = [ev("2024-03-04", "A&E letter Dunmere Royal: sprained wrist, fell from climbing frame. Discharged",
              agency="GP"),
           ev("2024-08-19", "Letter Halsey UTC: attended 17/08/24 - high temperature. Discharged with advice",
              agency="GP")]
    c = chron(evs)
    tag_events(c.events, CFG)
    summary = next(f.summary for f in find_flags(c, CFG) if f.rule == "AE_MULTIPLE_SITES")
    assert "Halsey UTC" in summary and "Letter Halsey" not in summary


# -- HOUSEHOLD_CHANGE: a relative's short stay is a visit, not a change in the household

def test_a_relative_staying_a_weekend_is_no_household_change():
    e = ev("2024-08-03", "Paternal aunt staying at the flat for the weekend to help with the baby",
           agency="Health Visiting")
    assert "HOUSEHOLD_CHANGE" not in rules([e])


def test_a_partner_staying_most_nights_still_fires():
    e = ev("2024-08-03", "Mum's new partner staying at the address most nights", agency="Health Visiting")
    assert "HOUSEHOLD_CHANGE" in rules([e])


def test_a_health_visitor_noting_the_new_practice_is_a_change_of_gp():
    e = ev("2024-07-04", "GP now Ferncliff Surgery - our records updated", agency="Health Visiting")
    assert "GP_CHANGE" in rules([e])


def test_a_health_visitor_noting_the_same_practice_is_not():
    e = ev("2024-07-04", "GP still Ferncliff Surgery - records checked", agency="Health Visiting")
    assert "GP_CHANGE" not in rules([e])
