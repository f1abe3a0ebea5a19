"""Which child the case is about, and refusing another child's chronology."""

from __future__ import annotations

import datetime as dt

from chrono.model import Child, FileReport, Heading
from chrono.normalise.identity import choose_child, mismatch, missing_identity, split_name

CHILD = Child("Tilly QUARRINGTON", dt.date(2021, 2, 3), "7 Nowhere Lane")


def report(name: str, dob: str, address: str = "7 Nowhere Lane") -> FileReport:
    return FileReport(file=f"{name}.docx", heading=Heading(name=name, dob=dob, address=address))


def test_name_forms_agree():
    a, b, c = split_name("QUARRINGTON, Tilly"), split_name("Tilly QUARRINGTON"), split_name("QUARRINGTON Tilly")
    assert a.tokens == b.tokens == c.tokens == {"tilly", "quarrington"}
    assert a.surname == ("quarrington",)


def test_choose_child_by_agreement_between_headings():
    reports = [
        report("QUARRINGTON, Tilly", "03/02/21"),
        report("Tilly Quarrington", "3 February 2021"),
        report("QUARRINGTON Tilly", "03/02/2021"),
        report("Jack QUARRINGTON", "14/09/2016"),  # a sibling's chronology misfiled
        FileReport(file="no heading.xlsx"),
    ]
    child = choose_child(reports)
    assert child.name == "Tilly QUARRINGTON"
    assert child.dob == dt.date(2021, 2, 3)
    assert child.address == "7 Nowhere Lane"


def test_command_line_child_wins_over_the_majority():
    reports = [report("Jack QUARRINGTON", "14/09/16")] * 3 + [report("Tilly QUARRINGTON", "03/02/21")]
    assert choose_child(reports).dob == dt.date(2016, 9, 14)
    chosen = choose_child(reports, name="Tilly Quarrington")
    assert chosen.dob == dt.date(2021, 2, 3)
    assert choose_child(reports, dob=dt.date(2021, 2, 3)).name == "Tilly QUARRINGTON"


def test_same_child_in_any_format_is_not_a_mismatch():
    for name, dob in [("QUARRINGTON, Tilly", "03/02/21"), ("Tilly Mae QUARRINGTON", "3 February 2021"),
                      ("", "03/02/2021"), ("Tilly Quarrington", ""), ("", "")]:
        assert mismatch(Heading(name=name, dob=dob), CHILD) is None, name


def test_sibling_is_refused_loudly():
    reason = mismatch(Heading(name="Jack QUARRINGTON", dob="14/09/16"), CHILD)
    assert reason.startswith("DIFFERENT CHILD")
    assert "'Jack QUARRINGTON'" in reason and "Tilly QUARRINGTON" in reason
    assert "NOT been merged" in reason and "data breach" in reason
    assert "sibling" in reason


def test_twin_with_same_dob_but_other_first_name_is_refused():
    assert mismatch(Heading(name="Jack QUARRINGTON", dob="03/02/21"), CHILD) is not None


def test_unrelated_child_is_refused():
    assert mismatch(Heading(name="Zara BLOGGS", dob="07/12/19"), CHILD) is not None
    assert mismatch(Heading(name="Zara BLOGGS", dob=""), CHILD) is not None
    assert mismatch(Heading(name="", dob="07/12/19"), CHILD) is not None


def test_right_name_wrong_dob_is_refused():
    assert mismatch(Heading(name="Tilly QUARRINGTON", dob="03/02/19"), CHILD) is not None


def test_missing_identity_warns():
    assert missing_identity(Heading()) is not None
    assert missing_identity(Heading(name="Tilly QUARRINGTON")) is None


def test_a_tie_between_two_children_goes_to_the_one_the_file_names_carry():
    reports = [report("Zara BLOGGS", "07/12/19"), report("Tilly QUARRINGTON", "03/02/21"),
               FileReport(file="Police chronology QUARRINGTON May.csv")]
    assert choose_child(reports).name == "Tilly QUARRINGTON"
