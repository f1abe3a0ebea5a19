"""Which child the case is about, and refusing another child's chronology."""

from __future__ import annotations

import datetime as dt

from chrono.model import Child, FileReport, Heading
from chrono.normalise.identity import choose_child, identify, identity_warning, mismatch, missing_identity, split_name

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
    # the reason is shown in the chair's copy: it never names either child
    assert "Jack" not in reason and "QUARRINGTON" not in reason and "14/09" not in reason
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
    assert "no date of birth" in missing_identity(Heading(name="Tilly QUARRINGTON"))
    assert missing_identity(Heading(name="Tilly QUARRINGTON", dob="03/02/21")) is None


def test_same_first_name_and_dob_but_another_surname_is_refused():
    jayden = Child("Jayden SMITH", dt.date(2020, 1, 6))
    reason = mismatch(Heading(name="Jayden BROWN", dob="06/01/2020"), jayden)
    assert reason and reason.startswith("DIFFERENT CHILD") and "BROWN" not in reason
    assert mismatch(Heading(name="Kayden SMITH", dob="06/01/2020"), jayden) is not None


def test_a_typo_in_the_name_is_merged_with_a_warning_not_refused():
    child = Child("Tilly QUARRINGTON", dt.date(2021, 2, 3))
    heading = Heading(name="Tilly QUARRINGTOM", dob="03/02/21")
    assert mismatch(heading, child) is None
    assert "typo" in identity_warning(heading, child)
    initial = Heading(name="T. QUARRINGTON", dob="03/02/21")
    assert mismatch(initial, child) is None and "an initial" in identity_warning(initial, child)
    assert mismatch(Heading(name="J. QUARRINGTON", dob="03/02/21"), child) is not None


def test_the_guard_fails_closed(monkeypatch):
    import chrono.normalise.identity as identity

    def broken(*_):
        raise RuntimeError("boom")

    monkeypatch.setattr(identity, "_mismatch", broken)
    assert identity.mismatch(Heading(name="Tilly QUARRINGTON", dob="03/02/21"), CHILD).startswith("DIFFERENT CHILD?")


def test_a_wrong_child_option_that_matches_no_heading_is_a_conflict_naming_the_headings_child():
    reports = [report("Tilly QUARRINGTON", "03/02/21")] * 3
    found = identify(reports, name="Jayden Smith", dob=dt.date(2020, 1, 6))
    assert "Tilly QUARRINGTON (DOB 03/02/2021) in 3 of 3 headings" in found.conflict
    assert identify(reports).basis == "named in 3 of 3 headings" and not identify(reports).conflict


def test_a_tie_between_two_children_goes_to_the_one_the_file_names_carry():
    reports = [report("Zara BLOGGS", "07/12/19"), report("Tilly QUARRINGTON", "03/02/21"),
               FileReport(file="Police chronology QUARRINGTON May.csv")]
    assert choose_child(reports).name == "Tilly QUARRINGTON"
