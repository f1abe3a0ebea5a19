"""Finding the child-seen column by its heading wording, or by its Yes/No answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from chrono.config import load_config
from chrono.read import read_file
from chrono.read.headers import ColumnMapper

from .builders import write_xlsx


@pytest.fixture(scope="module")
def cfg():
    return load_config()


@pytest.fixture(scope="module")
def mapper(cfg):
    return ColumnMapper(cfg)


def read(path: Path, cfg):
    return read_file(path, path.name, cfg)


@pytest.mark.parametrize("heading", [
    "Student spoken with?", "Infant observed", "C/YP views", "Young person seen by staff",
    "Was the baby visited?", "Spoken to?", "Seen / spoken to", "Seen Y/N", "CYP seen alone",
])
def test_headings_about_seeing_the_child_are_the_seen_column(mapper, heading):
    hm = mapper.map(["Date", "What happened", heading])
    assert hm.roles.get("seen") == 2


@pytest.mark.parametrize("heading", ["Seen by", "Seen by (name)", "Child seen by (name)", "Child's name"])
def test_worker_and_name_headings_are_not_the_seen_column(mapper, heading):
    assert "seen" not in mapper.scores(heading)


def test_date_the_child_was_seen_stays_the_date(mapper):
    hm = mapper.map(["Date child seen", "Event", "Agency"])
    assert hm.roles["date"] == 0 and "seen" not in hm.roles


def _csv(tmp_path, lines):
    path = tmp_path / "log.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_unnamed_yes_no_column_becomes_seen(tmp_path, cfg):
    path = _csv(tmp_path, [
        "Date,Event,Outcome,Checked",
        "02/03/24,Home visit to the family,Review,Yes - on own in bedroom",
        "09/03/24,Call from school about lateness,None,N",
        "16/03/24,Visit with interpreter,Plan agreed,no - at nursery",
        "23/03/24,Strategy meeting held,Section 47,N/A",
    ])
    res = read(path, cfg)
    assert res.report.columns["1"]["seen"] == "Checked"
    assert [r.fields["seen"] for r in res.rows] == ["Yes - on own in bedroom", "N", "no - at nursery", "N/A"]
    assert len(res.rows) == 4  # nothing added or lost


def test_privacy_yes_no_column_is_never_seen(tmp_path, cfg):
    path = _csv(tmp_path, [
        "Date,Event,Outcome,Confidential",
        "02/03/24,Home visit to the family,Review,Y",
        "09/03/24,Disclosure from aunt,None,N",
        "16/03/24,Visit with interpreter,Plan agreed,N",
    ])
    res = read(path, cfg)
    assert "seen" not in res.report.columns["1"]
    assert "Confidential" in res.report.unmapped_columns


def test_free_text_column_is_not_taken_as_seen(tmp_path, cfg):
    path = _csv(tmp_path, [
        "Date,Event,Outcome,Worker notes",
        "02/03/24,Home visit to the family,Review,Mum tired but engaged",
        "09/03/24,Call from school about lateness,None,No concerns raised by school",
        "16/03/24,Visit with interpreter,Plan agreed,Interpreter booked again",
    ])
    assert "seen" not in read(path, cfg).report.columns["1"]


def test_two_yes_no_columns_only_the_one_about_seeing_is_taken(tmp_path, cfg):
    path = _csv(tmp_path, [
        "Date,Event,Referral made,Checked",
        "02/03/24,Home visit to the family,N,Yes - seen alone",
        "09/03/24,Call from school about lateness,Y,Not seen",
        "16/03/24,Visit with interpreter,N,Y",
    ])
    assert read(path, cfg).report.columns["1"]["seen"] == "Checked"
    ambiguous = _csv(tmp_path, [
        "Date,Event,Referral made,Checked",
        "02/03/24,Home visit to the family,N,Y",
        "09/03/24,Call from school about lateness,Y,N",
    ])
    assert "seen" not in read(ambiguous, cfg).report.columns["1"]


def test_workbook_pupil_heading_and_semicolon_police_heading(tmp_path, cfg):
    book = write_xlsx(tmp_path / "school.xlsx", {"Log": [
        ["Date of entry", "What happened", "Student spoken with?", "Next steps"],
        ["04/03/24", "Arrived late and upset", "yes - on her own", "Monitor"],
        ["05/03/24", "Parent phoned in", "No", ""],
    ]})
    res = read(book, cfg)
    assert res.report.columns["Log"]["seen"] == "Student spoken with?"
    assert [r.fields["seen"] for r in res.rows] == ["yes - on her own", "No"]
    police = tmp_path / "police.csv"
    police.write_text("Incident date/time;Circumstances;Officer;Young person seen by officers;Result\n"
                      "04/03/24 21:00;Missing from home, found at friend's;PC 1;Yes;Returned\n"
                      "06/03/24;Call from neighbour;;n/a;Advice\n", encoding="utf-8")
    res = read(police, cfg)
    cols = res.report.columns["1"]
    assert cols["seen"] == "Young person seen by officers"
    assert cols["date"] == "Incident date/time"
    assert res.rows[0].fields["date"].startswith("04/03/24")
