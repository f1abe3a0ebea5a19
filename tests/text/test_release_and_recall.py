"""A household adult released to the family's address, or leaving it for custody, is a household change
(probation wording), and probation's and social care's accounts of one release fold."""

from __future__ import annotations

import datetime as dt

from chrono.config import load_config
from chrono.merge import merge_rows
from chrono.text import annotate_rows
from tests.merge.rowkit import make_row

CFG = load_config()


def _categories(text: str, agency: str = "Probation") -> set[str]:
    r = make_row("p.docx", 2, "2024-05-02", text, agency)
    annotate_rows([r], CFG)
    return set(r.annotation.categories)


def test_an_approved_address_shared_with_the_partner_and_children_is_a_household_change():
    assert "household_change" in _categories(
        "Mr Tanfield released on licence. Approved address: 4 Quarry Row (partner Nina and her children)")
    assert "household_change" in _categories("Released on licence, approved address - with his partner and baby")


def test_an_approved_address_of_his_own_is_not():
    assert "household_change" not in _categories("Released on licence. Approved address: Bridge Street hostel")


def test_an_adult_who_will_not_return_to_the_home_is_a_household_change_but_a_child_and_school_are_not():
    assert "household_change" in _categories("Recalled to custody. He will not return to the family home")
    assert "household_change" not in _categories("Excluded for five days; will not return to school until Monday",
                                                 agency="School")


def test_probations_release_and_social_cares_news_of_it_the_next_day_fold():
    rows = [make_row("probation.docx", 2, "2024-05-02", "Mr Tanfield released on licence from HMP Eastgate. "
                     "Approved address: 4 Quarry Row (partner Nina and her children)", "Probation"),
            make_row("csc.docx", 5, "2024-05-03", "Probation inform Mr Tanfield released on licence to live at "
                     "the family home", "Children's Social Care")]
    annotate_rows(rows, CFG)
    events = merge_rows(rows, CFG).events
    assert len(events) == 1


def test_two_releases_months_apart_stay_two():
    rows = [make_row("probation.docx", 2, "2024-05-02", "Released on licence, approved address 4 Quarry Row",
                     "Probation"),
            make_row("csc.docx", 5, "2024-09-03", "Probation inform he was released on licence again",
                     "Children's Social Care")]
    annotate_rows(rows, CFG)
    assert len(merge_rows(rows, CFG).events) == 2
