"""One agency's note that it was told of an incident, and the incident itself.

Out-of-hours teams, calls from a school's safeguarding lead, "notification
rec'd" and a parent ringing about last night: each must join the first-hand
account it reports. Invented names, places and wording.
"""

from __future__ import annotations

import pytest

from chrono.merge import merge_rows
from chrono.text import vocabulary_for

from .rowkit import make_row


@pytest.fixture(scope="module")
def lex(cfg):
    return vocabulary_for(cfg).folding


def concepts(lex, text):
    return lex.find_concepts(lex.tokens(text, True))


def together(result, a, b):
    where = {(r.provenance.file, r.provenance.row): e.id for e in result.events for r in e.sources}
    return where[a] == where[b]


def test_shortened_notice_words_expand(lex):
    assert lex.tokens("EDT call") == ["emergency", "duty", "team", "call"]
    for written in ("Referral rec'd", "Referral recd", "Referral recvd", "Referral rcvd"):
        assert lex.tokens(written) == ["referral", "received"], written


def test_scratching_and_staying_out_are_named(lex):
    assert "self_harm" in concepts(lex, "Told tutor he has been scratching his arms with a pen lid")
    assert "self_harm" in concepts(lex, "Open about self-harming since the summer")
    assert "self_harm" not in concepts(lex, "Denies self-harming")
    assert "missing" in concepts(lex, "Dad rang - T did not come home after the party")
    assert "missing" in concepts(lex, "Reported absent overnight by carer")
    assert "noise" in concepts(lex, "Complaint of loud music from the flat")
    assert "disclosure" in concepts(lex, "Pupil disclosed being hit at home")
    assert "disclosure" not in concepts(lex, "Nothing disclosed during the session")


def test_call_from_school_lead_joins_the_disclosure(cfg):
    rows = [
        make_row("school.csv", 4, "2025-01-20",
                 "M told form tutor he has been scratching his arms with a pen lid; marks seen, dad told", "School"),
        make_row("csc.csv", 9, "2025-01-20",
                 "Phone call from DSL - M disclosed scratching arms, no treatment needed. Advice given", "Children's Social Care"),
    ]
    assert together(merge_rows(rows, cfg), ("school.csv", 4), ("csc.csv", 9))


def test_out_of_hours_notice_joins_the_missing_report(cfg):
    rows = [
        make_row("police.csv", 3, "2025-02-02",
                 "Father reported D absent overnight, not returned from cousin's. Found by officers near the bus station",
                 "Police", time="03:10"),
        make_row("csc.csv", 5, "2025-02-02",
                 "EDT notification - D reported absent overnight, found by police, back with father", "Children's Social Care"),
    ]
    assert together(merge_rows(rows, cfg), ("police.csv", 3), ("csc.csv", 5))


def test_parent_ringing_about_last_night_joins_the_day_before(cfg):
    rows = [
        make_row("police.csv", 6, "2025-03-07",
                 "R did not return home after football. Logged as absent 21:30, traced to uncle's in Norbridge",
                 "Police"),
        make_row("school.csv", 2, "2025-03-08",
                 "Nan phoned school - R didn't come home last night, police involved, now back", "School"),
    ]
    assert together(merge_rows(rows, cfg), ("police.csv", 6), ("school.csv", 2))


def test_police_notice_of_a_noise_call_joins_the_call(cfg):
    rows = [
        make_row("police.csv", 8, "2025-04-11",
                 "Neighbour complained of loud music and raised voices 22:15. Officers attended, no offences, children in bed",
                 "Police", time="22:15"),
        make_row("csc.csv", 12, "2025-04-12",
                 "Police notification recvd re noise complaint - children well, no further action", "Children's Social Care"),
    ]
    assert together(merge_rows(rows, cfg), ("police.csv", 8), ("csc.csv", 12))


def test_disclosures_weeks_apart_stay_apart(cfg):
    rows = [
        make_row("school.csv", 4, "2025-01-06", "P disclosed to teacher that she has been scratching her arms", "School"),
        make_row("csc.csv", 9, "2025-01-27", "Call from DSL - P disclosed scratching her arms again", "Children's Social Care"),
    ]
    assert not together(merge_rows(rows, cfg), ("school.csv", 4), ("csc.csv", 9))
