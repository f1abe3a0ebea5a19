"""Agency names resolve to one canonical name however a submission writes them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chrono.config import load_config
from chrono.normalise.agencies import AgencyResolver, Resolved


@pytest.fixture(scope="module")
def resolver():
    return AgencyResolver(load_config())


@pytest.mark.parametrize("text, canonical", [
    ("HV", "Health Visiting"), ("0-19 Service", "Health Visiting"), ("Health Visitor", "Health Visiting"),
    ("0-19 Service (Health Visiting)", "Health Visiting"),
    ("CSC", "Children's Social Care"), ("Children's Services", "Children's Social Care"),
    ("childrens services", "Children's Social Care"), ("SW", "Children's Social Care"),
    ("Social Worker", "Children's Social Care"),
    ("DSL", "School"), ("Designated Safeguarding Lead", "School"), ("Education", "School"),
    ("ED", "Emergency Department"), ("A&E", "Emergency Department"), ("A and E", "Emergency Department"),
    ("Accident & Emergency", "Emergency Department"), ("ED liaison", "Emergency Department"),
    ("Paediatric liaison", "Emergency Department"),
    ("Maternity", "Midwifery"), ("Midwife", "Midwifery"),
    ("Probation Service", "Probation"), ("CRC", "Probation"), ("NPS", "Probation"),
    ("Offender Manager", "Probation"),
    ("Housing Association", "Housing"), ("Housing Officer", "Housing"),
    ("Police Service", "Police"), ("PC", "Police"), ("DC", "Police"), ("PCSO", "Police"),
    ("GP surgery", "GP"), ("YOT", "Youth Justice"), ("CAMHS", "CAMHS"), ("IDVA", "Domestic Abuse Service"),
])
def test_aliases(resolver, text, canonical):
    assert resolver.resolve(text) == Resolved(canonical, True)


@pytest.mark.parametrize("text, canonical", [
    ("GP - Riverside Surgery", "GP"),
    ("Oakfield Medical Centre", "GP"),
    ("Northgate Health Centre", "GP"),
    ("The Willows Practice", "GP"),
    ("Greenbank Primary", "School"),
    ("Hilltop Academy", "School"),
    ("St Bede's RC School", "School"),
    ("Lakeside College", "School"),
    ("Meadow Infants", "School"),
    ("Little Owls Nursery", "School"),
    ("Eastvale Homes", "Housing"),
    ("Riverside Housing Trust", "Housing"),
    ("Northshire Police", "Police"),
    ("Westshire Constabulary", "Police"),
    ("Police - DA unit", "Police"),
    ("Northshire General Hospital - Emergency Department", "Emergency Department"),
    ("Paediatric Liaison, Northshire General Hospital", "Emergency Department"),
    ("Maternity Services, Northshire General Hospital", "Midwifery"),
    ("Northshire General Hospital", "Hospital (non-ED)"),
    ("Adult Social Care", "Adult Social Care"),
    ("School Nurse - Hilltop Academy", "Health Visiting"),
])
def test_local_names_by_pattern(resolver, text, canonical):
    assert resolver.resolve(text) == Resolved(canonical, True)


@pytest.mark.parametrize("text, canonical", [
    ("Polcie", "Police"), ("Heath Visitor", "Health Visiting"), ("Probaton", "Probation"),
    ("Northshire Polcie", "Police"), ("Midwfiery", "Midwifery"),
])
def test_misspellings(resolver, text, canonical):
    assert resolver.resolve(text) == Resolved(canonical, True)


@pytest.mark.parametrize("text", ["Mum", "Dr Patel", "Policy team", "XYZ", "PS"])
def test_unknown_names_are_kept_as_written(resolver, text):
    assert resolver.resolve(text) == Resolved(text, False)


def test_blank_is_unknown(resolver):
    assert resolver.resolve("  ") == Resolved("", False)


def test_a_users_aliases_and_patterns_win(tmp_path):
    user = tmp_path / "chrono.toml"
    user.write_text(
        '[agencies.aliases]\n"Kestrel Team" = "Early Help"\n"ED" = "Educational Psychology"\n'
        "[agencies.patterns]\n'\\bhospital\\b' = \"Paediatrics\"\n", "utf-8")
    resolver = AgencyResolver(load_config(user))
    assert resolver.resolve("Kestrel Team").name == "Early Help"
    assert resolver.resolve("ED").name == "Educational Psychology"
    assert resolver.resolve("Northshire General Hospital").name == "Paediatrics"


def test_agency_from_a_file_name(resolver):
    assert resolver.find_in_name("2024-05/St_Marys_ED_chronology_SMITH_May_2024.docx").name == "Emergency Department"
    assert resolver.find_in_name("Oakfield Medical Centre chronology - Oct23.xlsx").name == "GP"
    assert resolver.find_in_name("SW chronology - Feb25.xlsx").name == "Children's Social Care"
    assert resolver.find_in_name("Book1.xlsx") == Resolved("", False)


def test_row_agency_falls_back_to_the_submitter(resolver):
    ed = Resolved("Emergency Department", True)
    assert resolver.row_agency("", ed) == ed
    assert resolver.row_agency("Nurse Jones", ed) == ed
    # a generic hospital name in a hospital service's file is that service
    assert resolver.row_agency("Northshire General Hospital", ed) == ed
    # a known submitter wins: "Police" in an ED file says where the information came from
    assert resolver.row_agency("Police", ed) == ed
    # only a file with no known agency takes the row's own cell
    assert resolver.row_agency("Police", Resolved("", False)) == Resolved("Police", True)


def test_file_agency_prefers_the_heading(resolver):
    found = resolver.file_agency("Maternity Services, Northshire General Hospital", "", "GP chronology.docx")
    assert found == Resolved("Midwifery", True)
    assert resolver.file_agency("", "", "Police chronology.docx") == Resolved("Police", True)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_resolves_without_raising(text):
    resolver = _shared_resolver()
    found = resolver.resolve(text)
    assert found.known or found.name == " ".join(text.replace("\u00a0", " ").split())


_RESOLVER = []


def _shared_resolver():
    if not _RESOLVER:
        _RESOLVER.append(AgencyResolver(load_config()))
    return _RESOLVER[0]


@pytest.mark.parametrize("name", [
    "Ashcombe MP chronology Oct25.csv", "Ashcombe Med Pract - chronology.xlsx", "Tollbridge PCN chronology.docx",
    "Hatherley Surgery chronology.xlsx", "Brookside Health Centre.docx", "Ravelstone Family Practice.csv",
    "Ravelstone Medical Practice chronology.docx",
])
def test_practices_named_in_file_names_are_gp(resolver, name):
    assert resolver.find_in_name(name) == Resolved("GP", True)


def test_mp_that_is_not_a_practice(resolver):
    assert resolver.resolve("Police MP team").name == "Police"
    assert not resolver.resolve("Missing MP").known
    assert not resolver.resolve("MP").known


def test_agency_inferred_from_entries_with_a_clear_margin(resolver):
    gp = ["6 week immunisations given by practice nurse", "Telephone consultation with mum about rash",
          "Letter from the hospital: attended ED with a cough", "Repeat prescription issued"]
    found, why = resolver.infer(gp, ["Date", "Summary", "Clinician"])
    assert found == Resolved("GP", True) and "GP" in why
    police = ["Officers attended following a 999 call", "Crime reference 1234 created", "Father arrested"]
    assert resolver.infer(police)[0] == Resolved("Police", True)
    # mixed or thin evidence: no answer
    assert not resolver.infer(["Practice nurse visit", "Officers attended"])[0].known
    assert not resolver.infer(["Mum phoned"])[0].known
    # capitals-only codes do not match ordinary words ("ed" in "visited")
    assert not resolver.infer(["visited", "edited", "posted"])[0].known


@pytest.mark.parametrize("text", [
    "Nursery", "Bluebell Day Nursery", "Riverside Nursery School", "Oak Tree Pre-School", "Tiny Steps Playgroup",
    "Childminder - Mrs Khan", "Early Years setting", "Eastgate Children's Centre Nursery", "EWO",
    "Attendance Team",
])
def test_early_years_settings_and_attendance_are_education(resolver, text):
    assert resolver.resolve(text) == Resolved("School", True)


@pytest.mark.parametrize("text, canonical", [
    ("Urgent Treatment Centre", "Emergency Department"), ("Northgate Walk-in Centre", "Emergency Department"),
    ("Minor Injuries Unit, Eastvale", "Emergency Department"), ("MIU", "Emergency Department"),
    ("School Nursing Service", "Health Visiting"), ("5-19 Service", "Health Visiting"),
    ("Community Nursery Nurse - Jo", "Health Visiting"),
    ("Out of hours GP", "GP"),
    ("Out of hours social work team", "Children's Social Care"),
    ("Eastgate Children's Centre", "Early Help"),
])
def test_services_that_are_one_of_the_core_agencies(resolver, text, canonical):
    assert resolver.resolve(text) == Resolved(canonical, True)


@pytest.mark.parametrize("text, canonical", [
    ("CAMHS", "CAMHS"), ("Youth Offending Team", "Youth Justice"), ("Early Help Hub", "Early Help"),
    ("Community Mental Health Team", "Adult Mental Health"), ("CGL", "Substance Misuse Service"),
    ("Paediatric ward", "Paediatrics"), ("North West Ambulance Service", "Ambulance Service"),
    ("NHS 111", "NHS 111"),
])
def test_genuinely_different_agencies_keep_their_own_names(resolver, text, canonical):
    assert resolver.resolve(text) == Resolved(canonical, True)


def test_no_alias_or_pattern_points_at_a_name_that_is_not_canonical():
    resolver = AgencyResolver(load_config())
    targets = set(resolver.aliases.values()) | {name for _, name in resolver.patterns} | set(resolver.hints)
    assert targets <= set(resolver.canonical)
