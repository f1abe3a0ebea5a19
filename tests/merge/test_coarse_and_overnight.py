"""Rows dated only by year or month, and "o/n" as a reference to the night before.

Invented people, places and wording.
"""

from __future__ import annotations

import datetime as dt

import pytest

from chrono.merge import merge_rows
from chrono.text import vocabulary_for

from ..text.words import referenced_days

from .rowkit import make_row


@pytest.fixture(scope="module")
def rules(cfg):
    return vocabulary_for(cfg)


def test_year_only_history_row_does_not_join_another_agencys_dated_row(cfg):
    rows = [
        make_row("ss_jan.docx", 2, "2023-01-01", "Earlier CIN plan - DA between mum (Gemma) and ex-partner Dean WARBURTON. Closed when Dean left",
                 "Children's Social Care", precision="year", outcome="CIN closed"),
        make_row("constab.docx", 4, "2023-06-12", "Intel - Dean WARBURTON linked to DA with earlier partner (Hull)",
                 "Police", outcome="Intel logged", approximate=True),
    ]
    assert len(merge_rows(rows, cfg).events) == 2


def test_month_only_row_of_a_distinctive_event_still_joins_another_agency(cfg):
    rows = [
        make_row("constab.docx", 3, "2022-10-01", "Dean WARBURTON sentenced at Crown Court - 2 yrs custody for GBH (victim Gemma)",
                 "Police", precision="month"),
        make_row("probation.docx", 6, "2022-10-21", "Sentenced Eastfield Crown Court: 24 months for GBH on partner Gemma",
                 "Probation"),
    ]
    assert len(merge_rows(rows, cfg).events) == 1


def test_year_only_row_resubmitted_by_the_same_agency_still_joins(cfg):
    text = "Earlier child protection plan: violence between Gemma and former partner Dean. Closed on his leaving"
    rows = [
        make_row("ss_jan.docx", 2, "2023-01-01", text, "Children's Social Care", precision="year"),
        make_row("ss_feb.docx", 5, "2023-01-01", text, "Children's Social Care", precision="year"),
    ]
    assert len(merge_rows(rows, cfg).events) == 1


@pytest.mark.parametrize("text", ["Notification in - officers attended flat o/n, DA, partner detained",
                                  "Police attended during the night re DA",
                                  "Police called out overnight, DA"])
def test_overnight_names_the_previous_day(rules, text):
    on = dt.date(2023, 3, 8)
    assert (on - dt.timedelta(days=1)).toordinal() in referenced_days(text, on, rules).days


def test_next_day_notice_of_an_overnight_incident_joins_the_police_account(cfg):
    rows = [
        make_row("constab.docx", 9, "2023-03-07", "Caller reports shouting at 12 Elm Row. Gemma assaulted by Dean WARBURTON. Baby asleep, unhurt",
                 "Police", time="23:40", outcome="Dean arrested. PPN submitted"),
        make_row("ss.docx", 11, "2023-03-08", "PPN rec'd - police at home address o/n, DA, Dean arrested. Baby not hurt",
                 "Children's Social Care", outcome="Strategy discussion"),
    ]
    assert len(merge_rows(rows, cfg).events) == 1


def test_year_only_rule_applies_only_across_agencies_and_precisions(cfg):
    from chrono.merge.scoring import Scorer
    year_ss = make_row("ss.docx", 1, "2020-01-01", "Police notification: shouting between mother and father at 4 Wren Close",
                       "Children's Social Care", precision="year")
    year_police = make_row("constab.docx", 1, "2020-01-01", "DA incident: shouting between Tara HOLME and Lee VANCE at 4 Wren Close",
                           "Police", precision="year")
    day_police = make_row("constab2.docx", 2, "2020-07-09", "DA incident: shouting at 4 Wren Close", "Police")
    day_ss = make_row("ss2.docx", 3, "2020-03-02", "Police notification: shouting between mother and father at 4 Wren Close",
                      "Children's Social Care")
    scorer = Scorer([year_ss, year_police, day_police, day_ss], cfg)
    assert not scorer.forbidden(0, 1)  # two year-only histories: judged on their words as before
    assert scorer.forbidden(0, 2)      # a year-only row and another agency's dated row, other words
    assert not scorer.forbidden(0, 3)  # same agency: perhaps a resubmission with a re-typed date
