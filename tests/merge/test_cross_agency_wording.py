"""Two agencies' words for one incident: vocabulary that must name the same event.

Invented people, places and phrasing; each case pairs a first-hand account with
another agency's account written the same day or shortly after.
"""

from __future__ import annotations

import datetime as dt

import pytest

from chrono.merge import merge_rows
from chrono.text import vocabulary_for

from ..text.words import referenced_days

from .rowkit import make_row


@pytest.fixture(scope="module")
def lex(cfg):
    return vocabulary_for(cfg).folding


@pytest.fixture(scope="module")
def rules(cfg):
    return vocabulary_for(cfg)


def concepts(lex, text):
    return lex.find_concepts(lex.tokens(text, True))


def together(result, a, b):
    where = {(r.provenance.file, r.provenance.row): e.id for e in result.events for r in e.sources}
    return where[a] == where[b]


def test_strangulation_is_domestic_abuse(lex):
    assert "domestic_abuse" in concepts(lex, "Victim says ex-partner strangled her on the landing")
    assert "domestic_abuse" in concepts(lex, "Non-fatal strangulation disclosed to officer")


def test_moving_back_is_a_household_move(lex):
    assert "house_move" in concepts(lex, "Uncle has moved back into the flat")
    assert "school_change" in concepts(lex, "Dad took R out of Oakfield Primary to Brook Lane Academy")


def test_abbreviated_weekend_names_the_weekend(rules):
    monday = dt.date(2024, 9, 16)
    got = referenced_days("Aunt mentioned a hospital trip at w/end", monday, rules).days
    assert dt.date(2024, 9, 14).toordinal() in got and dt.date(2024, 9, 15).toordinal() in got


def test_welfare_check_and_its_notification_next_day_merge(cfg):
    rows = [
        make_row("police.docx", 2, "2024-09-03", "Concern for welfare call from aunt: officers attended, "
                 "father and R found safe, phone out of charge.", "Police"),
        make_row("csc.docx", 2, "2024-09-04", "Notification from police - welfare check overnight at aunt's "
                 "request, no concerns", "Children's Social Care"),
        make_row("csc.docx", 3, "2024-09-04", "Home visit, R seen, room tidy", "Children's Social Care"),
    ]
    res = merge_rows(rows, cfg)
    assert together(res, ("police.docx", 2), ("csc.docx", 2))
    assert not together(res, ("police.docx", 2), ("csc.docx", 3))


def test_ppn_two_days_after_a_strangulation_disclosure_merges(cfg):
    rows = [
        make_row("police.docx", 2, "2024-10-05", "Father walked into Eastgate station and disclosed partner "
                 "strangled him during row. Dean K arrested and bailed.", "Police"),
        make_row("csc.docx", 2, "2024-10-07", "PPN - father told police that Dean K strangled him. Bailed.",
                 "Children's Social Care"),
    ]
    res = merge_rows(rows, cfg)
    assert together(res, ("police.docx", 2), ("csc.docx", 2))


def test_same_day_move_back_told_by_two_agencies_merges(cfg):
    rows = [
        make_row("prob.docx", 2, "2024-11-12", "Approved address updated - DK moved back to 9 Fenn Road", "Probation"),
        make_row("csc.docx", 2, "2024-11-12", "Call from probation - Dean K has moved back in with the family today",
                 "Children's Social Care"),
    ]
    res = merge_rows(rows, cfg)
    assert together(res, ("prob.docx", 2), ("csc.docx", 2))


def test_two_weeks_apart_strangulation_reports_stay_apart(cfg):
    rows = [
        make_row("police.docx", 2, "2024-10-05", "Mother disclosed partner strangled her. Partner arrested.", "Police"),
        make_row("csc.docx", 2, "2024-10-19", "PPN - mother says partner strangled her again last night",
                 "Children's Social Care"),
    ]
    res = merge_rows(rows, cfg)
    assert not together(res, ("police.docx", 2), ("csc.docx", 2))
