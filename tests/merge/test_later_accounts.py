"""First-hand later accounts: "Dad phoned to say ...", "Gran says she has registered ...".

Another agency hears of an incident a day or more later and writes it down in
its own words, with no "letter received" wording; these tests use invented
people, places and phrasing.
"""

from __future__ import annotations

import datetime as dt

import pytest

from chrono.merge import merge_rows
from chrono.text import vocabulary_for

from ..text.words import is_report, referenced_days

from .rowkit import make_row


@pytest.fixture(scope="module")
def lex(cfg):
    return vocabulary_for(cfg).folding


@pytest.fixture(scope="module")
def rules(cfg):
    return vocabulary_for(cfg)


def by_source(result):
    return {(r.provenance.file, r.provenance.row): e.id for e in result.events for r in e.sources}


def concepts(lex, text):
    return lex.find_concepts(lex.tokens(text, True))


# -- denials -------------------------------------------------------------------

def test_a_denied_concept_is_not_named(lex):
    assert "self_harm" not in concepts(lex, "Medication review. Denies any current self-harm")
    assert "self_harm" not in concepts(lex, "Nil self harm reported this term")
    assert "injury" not in concepts(lex, "Seen at home, no bruises or injuries noted")
    assert "self_harm" in concepts(lex, "Self harm disclosed to tutor")


def test_a_denial_reaches_no_further_than_its_clause(lex):
    assert "injury" in concepts(lex, "No concerns raised by mother. Bruise to left cheek seen")


def test_negative_concepts_are_never_denied(lex):
    assert "no_access" in concepts(lex, "Child not seen - no access at door")
    assert "missed_appointment" in concepts(lex, "No show: was not brought to clinic")


def test_two_rows_that_both_deny_something_are_not_one_event(cfg):
    rows = [
        make_row("GP.csv", 3, "2024-02-05", "Asthma review with Priya. Denies current self harm, mood better", "GP"),
        make_row("CSC.docx", 4, "2024-02-06", "Core group. Priya denies any self harm since last meeting", "Children's Social Care"),
    ]
    assert len(merge_rows(rows, cfg).events) == 2


# -- a meeting is its own event ------------------------------------------------

def test_a_meeting_is_never_another_agencys_account_of_something_else(cfg):
    rows = [
        make_row("Police.xlsx", 3, "2024-02-05", "Concern for welfare call - Priya found at Wexley Park after overdose of sertraline", "Police"),
        make_row("CSC.docx", 4, "2024-02-06", "Strategy meeting. Police shared Priya found at Wexley Park after overdose of sertraline", "Children's Social Care"),
    ]
    assert len(merge_rows(rows, cfg).events) == 2


def test_agencies_at_one_meeting_still_join(cfg):
    rows = [
        make_row("CSC.docx", 3, "2024-02-06", "Core group meeting at Hobbs Lane school", "Children's Social Care"),
        make_row("School.docx", 4, "2024-02-06", "DSL attended core group at Hobbs Lane", "School"),
    ]
    assert len(merge_rows(rows, cfg).events) == 1


# -- report words and the days they name ---------------------------------------

def test_first_hand_later_accounts_are_reports(rules):
    assert is_report("Dad phoned to say Priya was in hospital", rules)
    assert is_report("Gran says she has registered the boys with Tilbury Surgery", rules)
    assert is_report("Ward staff confirm Priya started there yesterday", rules)
    assert is_report("Call from the youth worker - Priya missing again", rules)
    assert is_report("Kai told his tutor the police came round", rules)
    assert not is_report("Home visit. Dad said all well", rules)


def test_part_of_a_named_day(rules):
    # 2024-02-12 is a Monday
    def days(text):
        return sorted(dt.date.fromordinal(o).isoformat()
                      for o in referenced_days(text, dt.date(2024, 2, 12), rules).days)
    assert days("Dad phoned: Kai did not come home Sat night") == ["2024-02-10"]
    assert days("Informed that Kai was arrested on Friday evening") == ["2024-02-09"]


def test_reports_naming_one_day_join_each_other_without_a_row_of_that_day(cfg):
    # the first-hand account of the 9th is missing (its file was refused): the three reports still meet
    rows = [
        make_row("CSC.docx", 3, "2024-03-10", "Call from ward nurse - Kai admitted overnight after an overdose of ibuprofen", "Children's Social Care"),
        make_row("School.docx", 4, "2024-03-12", "Dad rang to say Kai is in hospital after taking tablets on Saturday night", "School"),
        make_row("GP.csv", 5, "2024-03-18", "Discharge summary received: admitted 09/03 with ibuprofen overdose", "GP"),
    ]
    assert len(merge_rows(rows, cfg).events) == 1


def test_a_report_naming_the_day_joins_a_stop_and_search(cfg):
    rows = [
        make_row("Police.xlsx", 3, "2024-04-06", "Stopped and searched outside Bramley Arcade with an adult male; knife found on adult", "Police"),
        make_row("CSC.docx", 4, "2024-04-09", "Police information received re stop search of Kai on 06/04 at Bramley Arcade", "Children's Social Care"),
    ]
    assert len(merge_rows(rows, cfg).events) == 1


def test_a_first_hand_account_without_report_words_joins_on_the_day_named(cfg):
    rows = [
        make_row("School.docx", 3, "2024-01-08", "Transferred to Ridgeway Academy on a managed move", "School"),
        make_row("CSC.docx", 4, "2024-01-09", "Ridgeway Academy confirm Kai began there yesterday on the managed move", "Children's Social Care"),
    ]
    assert len(merge_rows(rows, cfg).events) == 1


def test_a_disclosure_emailed_the_next_day(cfg):
    rows = [
        make_row("School.docx", 3, "2024-05-02", "Kai disclosed to tutor he has been cutting his legs; first aid given", "School"),
        make_row("CSC.docx", 4, "2024-05-03", "Email from the DSL: Kai has been cutting his legs, first aid in school", "Children's Social Care"),
    ]
    assert len(merge_rows(rows, cfg).events) == 1


# -- news naming no day comes late ----------------------------------------------

def test_news_of_a_registration_three_days_later(cfg):
    rows = [
        make_row("GP.csv", 3, "2024-06-03", "New patient registration at Tilbury Surgery, transferred from Orchard Practice", "GP"),
        make_row("CSC.docx", 4, "2024-06-06", "Gran says she has registered the boys with Tilbury Surgery", "Children's Social Care"),
    ]
    assert len(merge_rows(rows, cfg).events) == 1


def test_two_first_hand_accounts_three_days_apart_stay_apart(cfg):
    # no place named by both: three days apart, two first-hand accounts are two events
    rows = [
        make_row("GP.csv", 3, "2024-06-03", "New patient registration at Tilbury Surgery", "GP"),
        make_row("CSC.docx", 4, "2024-06-06", "Registered with a new practice, GP2GP transfer", "Children's Social Care"),
    ]
    assert len(merge_rows(rows, cfg).events) == 2


def test_first_hand_accounts_three_days_apart_naming_one_practice_are_one(cfg):
    # a once-in-a-while event at one rare named place: there were not two registrations there in three days
    rows = [
        make_row("GP.csv", 3, "2024-06-03", "New patient registration at Tilbury Surgery", "GP"),
        make_row("CSC.docx", 4, "2024-06-06", "Registered with Tilbury Surgery, GP2GP transfer", "Children's Social Care"),
    ]
    assert len(merge_rows(rows, cfg).events) == 1


def test_news_of_a_house_move_two_days_later(cfg):
    rows = [
        make_row("Housing.xlsx", 3, "2024-07-01", "Keys handed over, family moved to 14 Alder Close", "Housing"),
        make_row("School.docx", 4, "2024-07-03", "Kai told teacher they have moved to a flat with a balcony", "School"),
    ]
    assert len(merge_rows(rows, cfg).events) == 1


# -- precision -------------------------------------------------------------------

def test_missing_on_consecutive_nights_with_a_report_of_the_second(cfg):
    rows = [
        make_row("Police.xlsx", 3, "2024-08-02", "Kai reported missing by dad, found at Fenby station 02:00", "Police", time="21:30"),
        make_row("Police.xlsx", 4, "2024-08-03", "Kai reported missing again, returned himself at 01:15", "Police", time="22:00"),
        make_row("CSC.docx", 5, "2024-08-04", "Dad rang to say Kai went missing again last night", "Children's Social Care"),
    ]
    ids = by_source(merge_rows(rows, cfg))
    assert ids[("Police.xlsx", 3)] != ids[("Police.xlsx", 4)]
    assert ids[("CSC.docx", 5)] == ids[("Police.xlsx", 4)]


def test_attendances_on_consecutive_days_stay_apart_with_a_phoned_report(cfg):
    rows = [
        make_row("ED.xlsx", 3, "2024-09-14", "Attended with wrist pain after fall from bike", "Emergency Department", time="15:00"),
        make_row("ED.xlsx", 4, "2024-09-15", "Re-attended: wrist x-ray, buckle fracture", "Emergency Department", time="10:00"),
        make_row("School.docx", 5, "2024-09-16", "Mum rang to say Kai in hospital yesterday with fracture to wrist", "School"),
    ]
    ids = by_source(merge_rows(rows, cfg))
    assert ids[("ED.xlsx", 3)] != ids[("ED.xlsx", 4)]
    assert ids[("School.docx", 5)] != ids[("ED.xlsx", 3)]


def test_a_row_with_its_entry_in_an_unrecognised_column(cfg):
    police = make_row("Police.xlsx", 3, "2024-10-04", "", "Police")
    police.raw = {"Occurrence": "Kai reported missing from home by dad at 22:00, located in Fenby at 03:00",
                  "Officer": "PC 12"}
    rows = [police, make_row("CSC.docx", 4, "2024-10-05", "PPN received: Kai missing last night, located in Fenby",
                             "Children's Social Care")]
    assert len(merge_rows(rows, cfg).events) == 1


def test_more_ways_of_naming_an_earlier_day(rules):
    # 2024-02-12 is a Monday
    def days(text):
        return sorted(dt.date.fromordinal(o).isoformat()
                      for o in referenced_days(text, dt.date(2024, 2, 12), rules).days)
    assert days("Dad texted: Kai ran off on Sat") == ["2024-02-10"]
    assert days("Mum advised the police came two days ago") == ["2024-02-10"]
    assert days("Gran reports Kai stayed out the day before yesterday") == ["2024-02-10"]


def test_news_of_a_common_kind_of_incident_three_days_later_is_not_proposed(cfg):
    rows = [
        make_row("Police.xlsx", 3, "2024-11-01", "Domestic incident: shouting at Linden Flats, partner arrested", "Police"),
        make_row("CSC.docx", 4, "2024-11-04", "Mum says partner assaulted her again at Linden Flats", "Children's Social Care"),
    ]
    assert len(merge_rows(rows, cfg).events) == 2


def test_a_meeting_someone_missed_still_happened(lex):
    assert "core_group" in concepts(lex, "Dad not present at core group, apologies sent")


# -- an absence explained by an emergency attendance ------------------------------

def _merged(result, a, b):
    ids = by_source(result)
    return ids[a] == ids[b]


def test_an_absence_explained_by_an_attendance_joins_that_attendance(cfg):
    rows = [
        make_row("ED Oct.csv", 2, "2024-10-09", "Scald to R hand from kettle, cooled, dressed, home with dad", "Emergency Department"),
        make_row("School Oct.xlsx", 5, "2024-10-10",
                 "Kai off yesterday - dad phoned, took him to the walk-in centre, hand bandaged today", "School"),
    ]
    assert _merged(merge_rows(rows, cfg), ("ED Oct.csv", 2), ("School Oct.xlsx", 5))


def test_an_absence_on_a_named_weekday_joins_that_days_attendance(cfg):
    # 2024-10-17 is a Thursday; "absent Monday" is the 14th, too far back to link by date alone
    rows = [
        make_row("ED Oct.csv", 7, "2024-10-14", "Fall from climbing frame, wrist x-ray NAD, sling", "Emergency Department"),
        make_row("School Oct.xlsx", 9, "2024-10-17",
                 "Absent Monday, mum said he was at the walk-in centre with his wrist", "School"),
    ]
    assert referenced_days("Absent Monday, mum said he was at the walk-in centre", dt.date(2024, 10, 17),
                           vocabulary_for(cfg)).days \
        == {dt.date(2024, 10, 14).toordinal()}
    assert _merged(merge_rows(rows, cfg), ("ED Oct.csv", 7), ("School Oct.xlsx", 9))


def test_an_absence_joins_the_attendance_of_the_day_named_not_the_day_before(cfg):
    rows = [
        make_row("ED Oct.csv", 2, "2024-10-09", "Scald to R hand from kettle, cooled, dressed, home with dad", "Emergency Department"),
        make_row("ED Oct.csv", 3, "2024-10-10", "Reattended: dressing soaked through, redressed, plastics review booked", "Emergency Department"),
        make_row("School Oct.xlsx", 5, "2024-10-11",
                 "Kai off yesterday - dad phoned, he was back at A&E with his hand", "School"),
    ]
    got = merge_rows(rows, cfg)
    assert _merged(got, ("ED Oct.csv", 3), ("School Oct.xlsx", 5))
    assert not _merged(got, ("ED Oct.csv", 2), ("School Oct.xlsx", 5))


def test_an_absence_for_another_reason_stays_apart_from_an_attendance(cfg):
    rows = [
        make_row("ED Oct.csv", 2, "2024-10-09", "Scald to R hand from kettle, cooled, dressed, home with dad", "Emergency Department"),
        make_row("School Oct.xlsx", 5, "2024-10-10", "Kai off yesterday - mum said dentist appointment in town", "School"),
    ]
    assert not _merged(merge_rows(rows, cfg), ("ED Oct.csv", 2), ("School Oct.xlsx", 5))


def test_an_absence_explained_by_an_attendance_is_not_another_event_of_that_day(cfg):
    rows = [
        make_row("Police Oct.xlsx", 4, "2024-10-09", "Domestic incident at the address, both adults spoken to, NFA", "Police"),
        make_row("School Oct.xlsx", 5, "2024-10-10",
                 "Kai off yesterday - dad phoned, took him to the walk-in centre after a fall", "School"),
    ]
    assert not _merged(merge_rows(rows, cfg), ("Police Oct.xlsx", 4), ("School Oct.xlsx", 5))


def test_a_visit_hearing_of_an_attendance_is_still_a_visit(cfg):
    rows = [
        make_row("ED Oct.csv", 2, "2024-10-09", "Scald to R hand from kettle, cooled, dressed, home with dad", "Emergency Department"),
        make_row("CSC Oct.docx", 6, "2024-10-10",
                 "Home visit. Dad said Kai was at the walk-in centre yesterday with his hand; dressing seen", "Children's Social Care"),
    ]
    assert not _merged(merge_rows(rows, cfg), ("ED Oct.csv", 2), ("CSC Oct.docx", 6))


def test_an_absence_naming_one_attendance_is_no_account_of_the_one_before(cfg):
    from chrono.merge.scoring import Scorer
    rows = [
        make_row("ED Oct.csv", 2, "2024-10-09", "Attended ED: scald to R hand, dressed", "Emergency Department"),
        make_row("ED Nov.csv", 3, "2024-10-10", "Reattended ED: scald to R hand, redressed", "Emergency Department"),
        make_row("School Oct.xlsx", 5, "2024-10-11", "Off yesterday - back at A&E with the scald to his hand", "School"),
    ]
    scorer = Scorer(rows, cfg)
    assert scorer.referenced(2, 1) is True
    assert scorer.referenced(2, 0) is False
    assert scorer.score(2, 0) == 0.0


def test_an_absence_at_the_hospital_joins_the_attendance(cfg, lex):
    assert "ae_attendance" in concepts(lex, "Off school yesterday - was at the hospital after a fall")
    assert "ae_attendance" not in concepts(lex, "Missed PE - hearing test appointment at the hospital")
    rows = [
        make_row("ED Oct.csv", 2, "2024-11-04", "Fall down stairs at home, head CT clear, observed 4h, home", "Emergency Department"),
        make_row("School Nov.xlsx", 5, "2024-11-05", "Off school yesterday - was at the hospital after a fall", "School"),
    ]
    assert _merged(merge_rows(rows, cfg), ("ED Oct.csv", 2), ("School Nov.xlsx", 5))


@pytest.mark.parametrize("text, back", [
    ("Not in school Monday - nan says she had a temperature", 2),
    ("Missed Tues, no call from home", 1),
    ("Off school Fri, at the walk-in centre per dad", 5),
    ("Absent Monday", 2),
])
def test_an_absence_names_its_weekday(rules, text, back):
    on = dt.date(2025, 1, 15)  # a Wednesday
    assert referenced_days(text, on, rules).days == {(on - dt.timedelta(days=back)).toordinal()}
