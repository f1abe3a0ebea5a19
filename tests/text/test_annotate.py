"""The annotate stage: what one row's text says, read once.

Each concept is checked in the four ways an agency writes about it: it
happened, it did not, it may happen, or someone passed on news of it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from chrono.config import load_config
from chrono.model import Provenance, Row
from chrono.text import annotate_rows, vocabulary_for

CFG = load_config()
ON = dt.date(2024, 3, 11)  # a Monday


def annotated(text: str, agency: str = "Children's Social Care", **fields):
    row = Row(provenance=Provenance("x.docx", 2, 2), raw={}, date=ON, event=text, agency=agency, **fields)
    annotate_rows([row], CFG)
    return row.annotation


def modes(ann, concept):
    return {h.mode for h in ann.hits if h.concept == concept}


# concept, happened, did not happen, may happen, news of it (with the day it names)
WORDING = [
    ("domestic_abuse", "Officers attended after a domestic incident at the flat, partner arrested",
     "No domestic abuse disclosed at the visit",
     "Mum worried there will be a domestic incident if he is released",
     "PPN received: domestic incident at the address last night", dt.date(2024, 3, 10)),
    ("missed_appointment", "Was not brought to the audiology appointment",
     "Not a missed appointment - clinic cancelled by the hospital",
     "Advised that if she is not brought again a WNB letter will follow",
     "Letter from the eye clinic: child was not brought on 04/03", dt.date(2024, 3, 4)),
    ("house_move", "Family moved to a new address on Beech Road",
     "Not moved address, still at Beech Road",
     "Mum plans to move to a new address next month",
     "Housing officer rang: family moved address on Friday", dt.date(2024, 3, 8)),
    ("self_harm", "Took an overdose of paracetamol, seen in resus",
     "Denies any self-harm, arms checked",
     "Safety plan agreed in case of self harm",
     "Call from the school nurse: she disclosed self harm yesterday", dt.date(2024, 3, 10)),
    ("ae_attendance", "Attended A&E with a cut to the head after a fall",
     "No A&E attendances since the last core group",
     "Advised to attend A&E if the rash spreads",
     "ED discharge letter received: attended 12/02 with a head injury", dt.date(2024, 2, 12)),
    ("injury", "Bruise to the left cheek seen by the teacher",
     "No bruises or marks seen on the body map",
     "Injury prevention leaflet given",
     "Letter from the GP: bruising to the arm seen on 03/03", dt.date(2024, 3, 3)),
]


@pytest.mark.parametrize("concept, happened, _no, _maybe, _news, _day", WORDING)
def test_an_account_of_it_happening_counts(concept, happened, _no, _maybe, _news, _day):
    ann = annotated(happened)
    assert concept in ann.categories
    assert "occurred" in modes(ann, concept)
    assert not ann.notice


@pytest.mark.parametrize("concept, _yes, denied, _maybe, _news, _day", WORDING)
def test_a_denial_does_not_count(concept, _yes, denied, _maybe, _news, _day):
    ann = annotated(denied)
    assert concept not in ann.categories
    assert modes(ann, concept) <= {"negated", "mentioned", "planned"}


@pytest.mark.parametrize("concept, _yes, _no, maybe, _news, _day", WORDING)
def test_a_plan_or_a_possibility_does_not_count(concept, _yes, _no, maybe, _news, _day):
    ann = annotated(maybe)
    assert concept not in ann.categories


@pytest.mark.parametrize("concept, _yes, _no, _maybe, news, day", WORDING)
def test_news_passed_on_counts_second_hand_at_the_day_it_names(concept, _yes, _no, _maybe, news, day):
    ann = annotated(news)
    assert ann.notice
    assert concept in ann.categories
    hit = next(h for h in ann.hits if h.concept == concept and h.counts)
    assert hit.mode == "reported"
    assert day in {d for n in hit.dates for d in n.resolve(ON)}


def test_a_denial_reaches_no_further_than_its_clause():
    ann = annotated("No bruises on the arms, but a burn to the back of the hand")
    assert "injury" in ann.categories


def test_the_evidence_is_the_clause_that_names_it():
    ann = annotated("Home visit, all well. Later that day mum rang: partner assaulted her in the kitchen")
    [hit] = [h for h in ann.hits if h.concept == "domestic_abuse" and h.counts]
    assert "assaulted her" in hit.clause and "Home visit" not in hit.clause


def test_a_night_links_to_the_day_before_but_is_no_occurrence_date():
    ann = annotated("Police notification: missing overnight, now home")
    [night] = [n for n in ann.dates if n.spans_night]
    assert night.resolve(ON) == (ON - dt.timedelta(days=1),)


def test_dates_of_other_things_are_not_the_incidents():
    ann = annotated("Letter dated 01/03 received; rebooked for 20/03; previous attendance 02/02")
    assert ann.dates == ()


def test_people_and_the_child_seen_with_whom():
    ann = annotated("Joint visit with HV, stepdad present", seen_text="Seen with mum and stepdad", child_seen="yes")
    assert {"health_visitor", "step_parent"} <= set(ann.people)
    assert ann.seen_alone is False and ann.seen_present == "mum and stepdad"


def test_repeated_text_is_annotated_once_and_the_vocabulary_compiled_once_per_content():
    first, again = annotated("Core group held, plan reviewed"), annotated("Core group held, plan reviewed")
    assert first is again
    assert vocabulary_for(load_config()) is vocabulary_for(load_config())
    changed = load_config(extra={"lexicon": {"categories": {"missing": {"phrases": ["went walkabout"]}}}})
    assert vocabulary_for(changed) is not vocabulary_for(CFG)


def test_times_the_entry_names():
    ann = annotated("Reported missing by mum at 21:25, found by police at 2am; 04.03.24 review")
    assert ann.times == ("21:25", "02:00")
