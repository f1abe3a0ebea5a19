"""Reports that name the incident's day: "discharge letter received: attended 14/02"."""

from __future__ import annotations

import datetime as dt

import pytest

from chrono.merge import merge_rows
from chrono.text import vocabulary_for

from ..text.words import is_report, referenced_days

from .rowkit import make_row


@pytest.fixture(scope="module")
def rules(cfg):
    return vocabulary_for(cfg)


def _days(text, on, rules, slack=0):
    return sorted(dt.date.fromordinal(o).isoformat() for o in referenced_days(text, dt.date.fromisoformat(on), rules, slack).days)


def by_source(result):
    return {(r.provenance.file, r.provenance.row): e.id for e in result.events for r in e.sources}


# -- what a text names -------------------------------------------------------

def test_explicit_dates_in_the_forms_people_type(rules):
    assert _days("Letter from Pellham Infirmary: seen 02/10", "2023-10-05", rules) == ["2023-10-02"]
    assert _days("Notified of attendance 02/10/23", "2023-10-05", rules) == ["2023-10-02"]
    assert _days("Notified of attendance 02.10.2023", "2023-10-05", rules) == ["2023-10-02"]
    assert _days("Summary received re admission on 2nd October", "2023-10-05", rules) == ["2023-10-02"]
    assert _days("Summary received re admission October 2nd 2023", "2023-10-05", rules) == ["2023-10-02"]


def test_a_missing_year_is_the_latest_not_after_the_row(rules):
    # written in January about late December
    assert _days("Letter received: attended Brookvale MIU 29/12", "2024-01-04", rules) == ["2023-12-29"]


def test_future_far_past_and_decimal_numbers_are_not_named_days(rules):
    text = "Letter received: follow up booked 20/10/23; 1.5 year check; previous attendance 01/01/23"
    assert _days(text, "2023-10-05", rules) == []


def test_an_approximate_row_may_name_a_day_just_after_its_own(rules):
    assert _days("Notification received: attended 11/04/23", "2023-04-10", rules, slack=7) == ["2023-04-11"]
    assert _days("Notification received: attended 11/04/23", "2023-04-10", rules) == []


def test_relative_references(rules):
    # 2023-10-09 is a Monday
    assert _days("Call from police re incident last night", "2023-10-09", rules) == ["2023-10-08"]
    assert _days("Police notification re incident at the weekend", "2023-10-09", rules) == ["2023-10-07", "2023-10-08"]
    assert _days("Notified that father was arrested on Saturday", "2023-10-09", rules) == ["2023-10-07"]
    assert _days("Notified that father was arrested on Monday", "2023-10-09", rules) == ["2023-10-02"]


def test_a_letters_own_date_is_not_the_incidents(rules):
    assert _days("Letter dated 03/10/23 received re attendance", "2023-10-05", rules) == []


def test_report_or_event_of_its_own(rules):
    assert is_report("Discharge summary from Pellham Infirmary: fractured wrist", rules)
    assert is_report("Notified by police that step-father was arrested 02/10", rules)
    assert is_report("VPRF received re concern for welfare", rules)
    assert not is_report("Home visit. Grandmother said the child had been to A&E on 02/10", rules)
    assert not is_report("Core group meeting - school informed of plan", rules)
    assert not is_report("Seen in clinic; letter to follow", rules)


# -- merging ---------------------------------------------------------------

def _ae_case():
    return [
        make_row("MIU Oct.xlsx", 5, "2023-10-02", "Fall from scooter, grazed knee and cut chin, glued", "Emergency Department", time="17:20"),
        make_row("MIU Oct.xlsx", 6, "2023-10-03", "Re-attended: chin wound reopened, re-glued", "Emergency Department", time="09:05"),
        make_row("GP Oct.csv", 7, "2023-10-06", "Letter received from Brookvale MIU: attended 02/10/23 - cut chin, glued", "GP", time="11:00"),
        make_row("GP Oct.csv", 8, "2023-10-06", "Letter received from Brookvale MIU: re-attended 03/10/23 - wound reopened", "GP", time="11:00"),
        make_row("SW Oct.docx", 9, "2023-10-12", "Home visit. Grandmother said Tia went to MIU on 02/10 after a fall", "Children's Social Care"),
        make_row("SW Oct.docx", 10, "2023-10-06", "CIN visit - Tia seen, chin healing after MIU attendances", "Children's Social Care"),
    ]


def test_a_letter_joins_the_attendance_on_the_day_it_names(cfg):
    ids = by_source(merge_rows(_ae_case(), cfg))
    assert ids[("GP Oct.csv", 7)] == ids[("MIU Oct.xlsx", 5)]
    assert ids[("GP Oct.csv", 8)] == ids[("MIU Oct.xlsx", 6)]


def test_attendances_on_consecutive_days_stay_apart_with_their_letters(cfg):
    ids = by_source(merge_rows(_ae_case(), cfg))
    assert ids[("MIU Oct.xlsx", 5)] != ids[("MIU Oct.xlsx", 6)]
    assert ids[("GP Oct.csv", 7)] != ids[("MIU Oct.xlsx", 6)]


def test_a_visit_that_mentions_the_attendance_stays_its_own_event(cfg):
    result = merge_rows(_ae_case(), cfg)
    ids = by_source(result)
    for row in (9, 10):  # a later visit naming the day, and a visit on the letter's own day
        assert ids[("SW Oct.docx", row)] not in {ids[("MIU Oct.xlsx", 5)], ids[("MIU Oct.xlsx", 6)]}
    assert not any(("SW Oct.docx" in (r.left.provenance.file, r.right.provenance.file)) for r in result.review)


def test_reports_dated_days_later_join_the_incident(cfg):
    rows = [
        make_row("Police.xlsx", 3, "2023-11-04", "Domestic incident: step-father punched mother, arrested at scene", "Police", time="22:40"),
        make_row("Police.xlsx", 4, "2023-11-05", "Step-father interviewed and released on bail", "Police"),
        make_row("CSC.docx", 5, "2023-11-07", "VPRF received re DV incident 04/11 - strategy discussion held", "Children's Social Care", time="10:00"),
        make_row("Probation.docx", 6, "2023-11-07", "Informed by police of PoP's arrest on 4th November for assault on partner", "Probation"),
    ]
    result = merge_rows(rows, cfg)
    ids = by_source(result)
    assert ids[("CSC.docx", 5)] == ids[("Police.xlsx", 3)] == ids[("Probation.docx", 6)]
    assert ids[("Police.xlsx", 4)] != ids[("Police.xlsx", 3)]
    event = next(e for e in result.events if e.id == ids[("Police.xlsx", 3)])
    assert event.date == dt.date(2023, 11, 4)  # the incident's day, not the day the news came
    assert event.conflicts["date"] == ["2023-11-04", "2023-11-07"]


def test_relative_reference_at_the_weekend(cfg):
    rows = [
        make_row("Police.xlsx", 3, "2023-10-07", "Domestic incident at flat: partner removed from address", "Police", time="01:10"),
        make_row("School.docx", 4, "2023-10-09", "Operation Encompass notification: police called to home at the weekend", "School"),
    ]
    ids = by_source(merge_rows(rows, cfg))
    assert ids[("School.docx", 4)] == ids[("Police.xlsx", 3)]


def test_a_report_naming_a_day_needs_the_same_kind_of_event(cfg):
    rows = [
        make_row("CSC.docx", 3, "2023-10-02", "Core group meeting held at school", "Children's Social Care"),
        make_row("GP.csv", 4, "2023-10-06", "Letter received: attended Brookvale MIU 02/10 - earache", "GP"),
    ]
    assert len(merge_rows(rows, cfg).events) == 2


def test_mis_mapped_columns_still_compare_all_text(cfg):
    # one month the entry lands under "who", the next the comment lands under "event"
    a = make_row("ED Jun.xlsx", 3, "2023-06-11", "", "Emergency Department")
    a.who = "Scald to forearm from kettle, dressed"
    a.outcome = "Discharged, HV informed"
    b = make_row("ED Jul.xlsx", 3, "2023-06-11", "Reviewed at safeguarding meeting 20/06/23", "Emergency Department")
    b.who = "Scald to forearm from kettle, dressed"
    b.outcome = "Discharged, HV informed"
    c = make_row("GP.csv", 4, "2023-06-14", "A&E letter received: attended 11/06/23 with scald to forearm", "GP")
    ids = by_source(merge_rows([a, b, c], cfg))
    assert ids[("ED Jun.xlsx", 3)] == ids[("ED Jul.xlsx", 3)] == ids[("GP.csv", 4)]


def test_a_referral_received_naming_the_injury_day_still_joins_the_referral_made_that_day(cfg):
    rows = [
        make_row("School.docx", 3, "2023-03-13", "Referral made to MASH re bruising to Jay's cheek", "School"),
        make_row("CSC.docx", 4, "2023-03-13", "Contact received from school: bruising to cheek noticed 10/03", "Children's Social Care"),
    ]
    ids = by_source(merge_rows(rows, cfg))
    assert ids[("School.docx", 3)] == ids[("CSC.docx", 4)]


def test_a_letter_dated_the_day_of_a_second_attendance_stays_with_the_first(cfg):
    rows = [
        make_row("ED.xlsx", 3, "2023-09-04", "Wheeze, salbutamol given", "Emergency Department"),
        make_row("ED.xlsx", 4, "2023-09-06", "Re-attended: wheeze, admitted overnight", "Emergency Department"),
        make_row("GP.csv", 5, "2023-09-06", "A&E letter received: attended 04/09 - wheeze, salbutamol", "GP"),
    ]
    ids = by_source(merge_rows(rows, cfg))
    assert ids[("GP.csv", 5)] == ids[("ED.xlsx", 3)]
    assert ids[("ED.xlsx", 4)] != ids[("ED.xlsx", 3)]


def test_news_without_a_day_may_come_two_days_after_the_event(cfg):
    rows = [
        make_row("Housing.xlsx", 3, "2023-05-02", "Family moved to temporary accommodation at 4 Fenwick Court", "Housing"),
        make_row("HV.docx", 4, "2023-05-04", "Notified of change of address to 4 Fenwick Court", "Health Visiting"),
    ]
    assert len(merge_rows(rows, cfg).events) == 1


def test_two_first_hand_accounts_two_days_apart_are_not_proposed(cfg):
    rows = [
        make_row("Housing.xlsx", 3, "2023-05-02", "Family moved to temporary accommodation at 4 Fenwick Court", "Housing"),
        make_row("HV.docx", 4, "2023-05-04", "Home visit at new address 4 Fenwick Court, moved to temporary accommodation", "Health Visiting"),
    ]
    assert len(merge_rows(rows, cfg).events) == 2
