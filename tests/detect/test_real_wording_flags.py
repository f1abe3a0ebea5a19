"""Flags on wording recast from published case reviews' kinds (all wording invented here):
a carer's explanation is not a baby's self-harm; a carer who mentions a baby's bruise is
telling of the baby's injury."""

from __future__ import annotations

from chrono.config import load_config
from chrono.detect import find_flags, tag_events

from .helpers import chron, ev

CFG = load_config()


def rules(events, dob):
    c = chron(events, dob=dob)
    tag_events(c.events, CFG)
    return [f.rule for f in find_flags(c, CFG)]


def test_carers_self_inflicted_explanation_for_a_baby_is_not_self_harm():
    text = "Seen at out of hours: marks on both arms, father says she scratches herself, self-inflicted"
    assert "SELF_HARM" not in rules([ev("2024-04-10", text, agency="GP")], dob="2024-01-15")


def test_a_teenagers_self_harm_still_fires():
    text = "Superficial cuts to left forearm, self-inflicted, school nurse informed"
    assert "SELF_HARM" in rules([ev("2024-04-10", text, agency="School")], dob="2009-06-01")


def test_a_carers_own_overdose_fires_whatever_the_childs_age():
    text = "Mother took an overdose of paracetamol last night, admitted to the ward"
    assert "SELF_HARM" in rules([ev("2024-04-10", text)], dob="2024-01-15")


def test_carer_mentioning_a_babys_bruise_is_the_babys_injury():
    text = "Weighed at clinic. Father mentioned a small bruise on her cheek, says she knocked it on the cot"
    assert "INJURY_NON_MOBILE" in rules([ev("2024-03-01", text, agency="Health Visiting")], dob="2024-01-15")


def test_carers_own_bruise_is_not_the_babys():
    text = "Home visit, baby well. Mum had bruising to her arm, says she fell at work"
    assert "INJURY_NON_MOBILE" not in rules([ev("2024-03-01", text, agency="Health Visiting")], dob="2024-01-15")


def test_gp_export_transfer_in_is_a_change_of_gp():
    e = ev("2024-05-02", "Transfer in. New patient - previously Brookfold Medical Centre", agency="GP")
    assert "GP_CHANGE" in rules([e], dob="2020-01-01")


def test_a_newborns_first_registration_is_not_a_change_of_gp():
    e = ev("2024-01-20", "New registration - baby registered at Brookfold Medical Centre", agency="GP")
    assert "GP_CHANGE" not in rules([e], dob="2024-01-10")


def test_release_on_licence_to_the_childs_home_is_a_household_change():
    e = ev("2024-05-02", "Released on licence, approved address Flat 3 Lime Court with his partner and their son",
           agency="Probation")
    assert "HOUSEHOLD_CHANGE" in rules([e], dob="2018-01-01")
    added = ev("2024-05-03", "Mr Q added to the tenancy after release", agency="Housing")
    assert "HOUSEHOLD_CHANGE" in rules([added], dob="2018-01-01")


def test_release_to_a_hostel_alone_is_not_a_household_change():
    e = ev("2024-05-02", "Released on licence, approved address Carrow House hostel", agency="Probation")
    assert "HOUSEHOLD_CHANGE" not in rules([e], dob="2018-01-01")


def test_trauma_centre_and_a_general_hospital_are_two_sites():
    a = ev("2024-02-03", "Conveyed to Wellmere General ED after a fall from a wall", agency="Police")
    b = ev("2024-06-09", "Ambulance to St Brannoc's MTC ED, stab wound to arm", agency="Police")
    assert "AE_MULTIPLE_SITES" in rules([a, b], dob="2009-01-01")


def test_a_hospital_and_its_initials_are_one_site():
    a = ev("2024-02-03", "Attended Wellmere General Hospital ED, cut to hand", agency="Emergency Department")
    b = ev("2024-06-09", "Attended WGH ED with a sprained ankle", agency="Emergency Department")
    assert "AE_MULTIPLE_SITES" not in rules([a, b], dob="2009-01-01")
