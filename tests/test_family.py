"""A family chronology: a sibling group of three, per-child and family submissions, one intruder.

What a key worker would notice: every declared child's file is merged, the
stranger's is refused and named nowhere, each child's "seen" and flags are
their own, and the workbook can be filtered by child.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chrono.cli import app
from chrono.family import heading_people, match_heading
from chrono.model import Child, Heading
from chrono.pipeline import CaseOptions, merge_case
from chrono.report.schema import problems
from tests.builders import entry, write_docx, write_xlsx

ADDRESS = "1 Any Road, Fictown, ZZ1 1ZZ"
TILLY = {"name": "Tilly MARSH", "dob": "03/02/2021", "address": ADDRESS}
KAI = {"name": "Kai MARSH", "dob": "10/10/2022", "address": ADDRESS}
AVA = {"name": "Ava MARSH", "dob": "15/01/2024", "address": ADDRESS}
FAMILY = {"name": "Tilly MARSH (DOB 03/02/21), Kai MARSH (DOB 10/10/22), Ava MARSH (DOB 15/01/24)",
          "dob": "", "address": ADDRESS}
STRANGER = {"name": "Zara PENNYWORTH", "dob": "01/01/2019", "address": "9 Else Street, Othertown"}
DECLARED = [("Tilly MARSH", dt.date(2021, 2, 3)), ("Kai MARSH", dt.date(2022, 10, 10)),
            ("Ava MARSH", dt.date(2024, 1, 15))]
TOML = """[[children]]
name = "Tilly MARSH"
dob = "03/02/2021"

[[children]]
name = "Kai MARSH"
dob = "10/10/2022"

[[children]]
name = "Ava MARSH"
dob = "15/01/2024"
"""


def build_case(folder: Path) -> Path:
    """Kai and Ava are seen at least every four weeks; Tilly is not seen from 01/04 to 28/06."""
    folder.mkdir(parents=True, exist_ok=True)
    write_docx(folder / "school_kai.docx", [
        entry("20/02/24 10:00", "Kai came into nursery with a bruise to his forearm; mother said he fell",
              "School", "Yes", "Kai, mother"),
        *[entry(day, "Kai seen at nursery, settled", "School", "Yes", "Kai")
          for day in ("01/04/24", "20/04/24", "10/05/24", "30/05/24", "19/06/24")],
    ], "School", KAI)
    write_xlsx(folder / "health_visiting_ava.xlsx", [
        entry("10/03/24", "Health visitor home visit: bruise noted to Ava's cheek, referred to paediatrician",
              "Health Visiting", "Yes", "Ava, mother"),
        *[entry(day, "Health visitor home visit, Ava weighed", "Health Visiting", "Yes", "Ava, mother")
          for day in ("01/04/24", "25/04/24", "20/05/24", "15/06/24")],
    ], "Health Visiting", AVA)
    write_docx(folder / "police_family.docx", [
        entry("12/03/24 21:40", "Police attended the home after a report of domestic abuse; the children were present",
              "Police", "Yes", "Mother, partner, the children"),
        entry("01/04/24", "Tilly seen at home by an officer during a welfare check", "Police", "Yes", "Tilly, mother"),
    ], "Police", FAMILY)
    write_docx(folder / "social_care_tilly.docx", [
        entry("14/03/24", "Social worker home visit, Tilly seen alone in her bedroom", "Children's Social Care",
              "Yes", "Tilly"),
        entry("28/06/24", "Social worker home visit, Tilly, Kai and Ava seen with mother", "Children's Social Care",
              "Yes", "Tilly, Kai, Ava, mother"),
    ], "Children's Social Care", TILLY)
    write_docx(folder / "gp_stranger.docx", [
        entry("02/02/24", "GP asthma review", "GP", "Yes", "Zara, mother"),
    ], "GP", STRANGER)
    return folder


@pytest.fixture(scope="module")
def family(tmp_path_factory):
    root = tmp_path_factory.mktemp("family")
    case = build_case(root / "case")
    outcome = merge_case([case], root / "out", options=CaseOptions(children=list(DECLARED)))
    document = json.loads((root / "out" / "chronology.json").read_text("utf-8"))
    assert not problems(document)
    return root, outcome.chronology, document


def _text_layers(folder: Path) -> str:
    out = []
    for path in folder.iterdir():
        if path.suffix in (".json", ".html"):
            out.append(path.read_text("utf-8"))
        elif path.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(path) as z:
                out += [z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml")]
    return "\n".join(out)


def test_every_declared_childs_file_is_merged_and_the_stranger_refused_and_never_named(family):
    root, chron, document = family
    status = {f["file"]: f["status"] for f in document["files"]}
    assert status == {"gp_stranger.docx": "error", "health_visiting_ava.xlsx": "ok", "police_family.docx": "ok",
                      "school_kai.docx": "ok", "social_care_tilly.docx": "ok"}
    refused = next(f for f in document["files"] if f["status"] == "error")
    assert "DIFFERENT CHILD" in refused["problems"][0]
    text = _text_layers(root / "out")
    assert "PENNYWORTH" not in text.upper() and "Zara" not in text and "asthma" not in text


def test_the_children_are_listed_with_ids_and_child_is_the_first(family):
    _, _, document = family
    assert [(c["id"], c["name"], c["dob"]) for c in document["children"]] == [
        ("C1", "Tilly MARSH", "2021-02-03"), ("C2", "Kai MARSH", "2022-10-10"), ("C3", "Ava MARSH", "2024-01-15")]
    assert document["child"]["name"] == "Tilly MARSH"
    files = {f["file"]: f.get("children") for f in document["files"]}
    assert files["police_family.docx"] == ["C1", "C2", "C3"] and files["school_kai.docx"] == ["C2"]


def test_a_family_files_rows_concern_the_children_they_name_else_all(family):
    _, _, document = family
    by_text = {s["fields"]["event"]: s["children"] for e in document["events"] for s in e["sources"]}
    assert by_text["Tilly seen at home by an officer during a welfare check"] == ["C1"]
    assert by_text["Police attended the home after a report of domestic abuse; the children were present"] == [
        "C1", "C2", "C3"]


def test_the_bruise_to_the_baby_flags_for_the_baby_only(family):
    _, _, document = family
    injury = [f for f in document["flags"] if f["rule"] == "INJURY_NON_MOBILE"]
    assert [f["child"] for f in injury] == ["C3"]
    assert injury[0]["summary"].startswith("Ava")


def test_only_the_child_with_the_gap_is_flagged_not_seen(family):
    _, _, document = family
    gaps = [f for f in document["flags"] if f["rule"] == "CHILD_NOT_SEEN"]
    assert [(f["child"], f["start"], f["end"]) for f in gaps] == [("C1", "2024-04-01", "2024-06-28")]
    assert gaps[0]["summary"].startswith("Tilly not recorded as seen for 88 days")


def test_each_child_has_its_own_seen_dates(family):
    from chrono.detect import seen_summary

    _, chron, _ = family
    seen = {kid.name: [v.date.isoformat() for v in seen_summary(chron.events, child=kid)] for kid in chron.children}
    assert seen["Tilly MARSH"] == ["2024-03-12", "2024-03-14", "2024-04-01", "2024-06-28"]
    assert seen["Kai MARSH"][:3] == ["2024-02-20", "2024-03-12", "2024-04-01"]
    assert "2024-03-14" not in seen["Kai MARSH"] and "2024-03-10" in seen["Ava MARSH"]


def test_the_appendix_names_every_child_and_has_a_seen_section_each(family):
    from docx import Document

    root, _, _ = family
    doc = Document(str(root / "out" / "appendix.docx"))
    paragraphs = [p.text for p in doc.paragraphs]
    for name in ("Tilly MARSH", "Kai MARSH", "Ava MARSH"):
        assert f"When {name} was seen in this period" in paragraphs
    title = "\n".join(c.text for r in doc.tables[0].rows for c in r.cells)
    assert "Ava MARSH (DOB 15/01/2024)" in title and "Kai MARSH (DOB 10/10/2022)" in title


def test_the_workbook_can_be_filtered_by_child(family):
    from openpyxl import load_workbook

    root, _, _ = family
    ws = load_workbook(root / "out" / "chronology.xlsx")["Timeline"]
    header = [c.value for c in ws[2]]
    column = header.index("Child")
    assert ws.auto_filter.ref.split(":")[1].rstrip("0123456789") >= ws.cell(2, column + 1).column_letter
    children = {row[column] for row in ws.iter_rows(min_row=3, values_only=True)}
    assert {"Tilly", "Kai", "Ava", "Tilly, Kai, Ava"} <= children


def test_a_heading_naming_several_children_is_split_not_garbled():
    people = heading_people(Heading(name="Tilly and Kai MARSH"))
    assert [p.display() for p, _, _ in people] == ["Tilly MARSH", "Kai MARSH"]
    people = heading_people(Heading(name=FAMILY["name"]))
    assert [(p.display(), born) for p, born, _ in people][1] == ("Kai MARSH", dt.date(2022, 10, 10))
    assert [p.display() for p, _, _ in heading_people(Heading(name="MARSH, Tilly"))] == ["Tilly MARSH"]
    kids = [Child("Tilly MARSH", dt.date(2021, 2, 3), id="C1"), Child("Kai MARSH", dt.date(2022, 10, 10), id="C2")]
    assert match_heading(Heading(name="Tilly and Kai MARSH"), kids) == (["C1", "C2"], None)
    ids, reason = match_heading(Heading(name="Tilly and Zara MARSH"), kids)
    assert ids == [] and "DIFFERENT CHILD" in reason and "Zara" not in reason


def test_without_declared_children_a_family_file_is_refused_and_the_name_not_garbled(tmp_path):
    case = tmp_path / "case"
    case.mkdir()
    write_docx(case / "csc.docx", [entry("14/03/24", "Home visit, Tilly seen", "Children's Social Care")],
               "Children's Social Care", TILLY)
    write_docx(case / "police.docx", [entry("12/03/24", "Police attended the home", "Police")], "Police",
               {"name": "Tilly and Kai MARSH", "dob": "", "address": ADDRESS})
    chron = merge_case([case], tmp_path / "out").chronology
    assert chron.child.name == "Tilly MARSH"
    police = next(f for f in chron.files if f.file == "police.docx")
    assert police.status == "error" and "declare every child" in police.problems[0]
    assert "children" not in json.loads((tmp_path / "out" / "chronology.json").read_text("utf-8"))


def test_children_listed_in_the_cases_chrono_toml_are_used_by_check(tmp_path):
    case = build_case(tmp_path / "case")
    (case / "chrono.toml").write_text(TOML, "utf-8")
    result = CliRunner().invoke(app, ["check", str(case)])
    assert result.exit_code == 1, result.output
    assert re.search(r"REFUSED\s+gp_stranger.docx", result.output)
    for name in ("school_kai.docx", "police_family.docx", "health_visiting_ava.xlsx", "social_care_tilly.docx"):
        assert re.search(rf"OK\s+{re.escape(name)}", result.output), result.output


def test_a_child_without_its_dob_is_a_one_line_usage_error(tmp_path):
    case = build_case(tmp_path / "case")
    result = CliRunner().invoke(app, ["merge", str(case), "-o", str(tmp_path / "out"),
                                      "--child", "Tilly MARSH", "--child", "Kai MARSH", "--dob", "03/02/2021"])
    assert result.exit_code == 2 and "one --dob after each --child" in result.output
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- last period's chronology imported

def _events(document: dict) -> list[tuple]:
    return [(e["date"], tuple(e["agencies"]), e["event"], e["child_seen"],
             tuple(sorted((s["file"], str(s["table"]), s["row"], tuple(s.get("children", [])))
                          for s in e["sources"])))
            for e in document["events"]]


def _next_month(folder: Path) -> Path:
    folder.mkdir(parents=True)
    write_docx(folder / "school_kai_july.docx", [entry("10/07/24", "Kai seen at nursery, happy", "School", "Yes",
                                                       "Kai")], "School", KAI)
    return folder


@pytest.mark.parametrize("kind", ["json", "xlsx"])
def test_last_periods_chronology_imported_gives_the_same_events_plus_the_new(family, tmp_path, kind):
    root, _, before = family
    case = _next_month(tmp_path / "july")
    options = CaseOptions(children=list(DECLARED))
    if kind == "json":
        (case / "previous").mkdir()
        (case / "previous" / "chronology.json").write_bytes((root / "out" / "chronology.json").read_bytes())
    else:
        options.previous = [root / "out" / "chronology.xlsx"]
    after = merge_case([case], tmp_path / "out", options=options).chronology
    document = json.loads((tmp_path / "out" / "chronology.json").read_text("utf-8"))
    assert _events(document)[:-1] == _events(before)
    assert _events(document)[-1][:3] == ("2024-07-10", ("School",), "Kai seen at nursery, happy")
    assert "?" not in {a for e in document["events"] for a in e["agencies"]}
    assert [(f["rule"], f.get("child")) for f in document["flags"] if f["rule"] != "AGENCY_SILENT"] == \
        [(f["rule"], f.get("child")) for f in before["flags"] if f["rule"] != "AGENCY_SILENT"]
    assert any(f.format == f"chrono-{kind}" for f in after.files)
    assert not any("previous" in w for w in after.warnings)


def test_the_history_keeps_its_ids_across_an_import(family, tmp_path):
    import shutil

    root, _, before = family
    out = tmp_path / "out"
    shutil.copytree(root / "out", out)
    case = _next_month(tmp_path / "july")
    merge_case([case], out, options=CaseOptions(children=list(DECLARED), previous=[root / "out" / "chronology.json"]))
    document = json.loads((out / "chronology.json").read_text("utf-8"))
    assert document["changes"]["new_events"] == [document["events"][-1]["id"]]
    assert document["changes"]["vanished"] == [] and document["changes"]["edited_events"] == []
    assert [e["id"] for e in document["events"][:-1]] == [e["id"] for e in before["events"]]


def test_a_file_that_is_not_a_chrono_chronology_is_a_usage_error(tmp_path):
    case = _next_month(tmp_path / "july")
    other = tmp_path / "export.json"
    other.write_text('{"cases": []}', "utf-8")
    result = CliRunner().invoke(app, ["merge", str(case), "-o", str(tmp_path / "out"), "--previous", str(other)])
    assert result.exit_code == 2 and "not a chronology.json chrono wrote" in result.output
    assert len(result.output.strip().splitlines()) <= 3


def test_children_in_the_case_folders_chrono_toml_make_a_family_without_options(tmp_path):
    """As ``chrono batch`` merges a case: only the case folder's own chrono.toml declares the children."""
    case = build_case(tmp_path / "case")
    (case / "chrono.toml").write_text(TOML, "utf-8")
    chron = merge_case([case], tmp_path / "out").chronology
    assert [c.name for c in chron.children] == ["Tilly MARSH", "Kai MARSH", "Ava MARSH"]
    assert "listed in chrono.toml" in chron.child_basis
    assert [f.file for f in chron.files if f.status != "ok"] == ["gp_stranger.docx"]


def test_a_family_chronology_anonymises_every_child_and_personalises_back(family, tmp_path):
    import shutil

    from chrono.pipeline import anonymise_outputs, personalise_outputs

    root, _, before = family
    out = tmp_path / "out"
    shutil.copytree(root / "out", out)
    anonymise_outputs(out)
    text = _text_layers(out / "anonymised")
    for secret in ("Tilly", "Kai", "Ava", "MARSH", "2022-10-10", "2024-01-15", "10/10/22", "15/01/24"):
        assert not re.search(rf"(?<![\w_]){re.escape(secret)}(?![\w.])", text), secret
    personalise_outputs(out / "anonymised", out / "glossary.csv", tmp_path / "back")
    assert json.loads((tmp_path / "back" / "chronology.json").read_text("utf-8")) == before


def test_the_page_can_show_one_childs_entries(family):
    from chrono.report.html import page_data, render_page

    _, chron, _ = family
    data = page_data(chron)
    assert [c["name"] for c in data["children"]] == ["Tilly MARSH", "Kai MARSH", "Ava MARSH"]
    kai = [e for e in data["events"] if "C2" in e.get("children", [])]
    assert kai and all("C1" not in e["children"] for e in kai if e["text"].startswith("Kai seen"))
    assert 'id="child"' in render_page(chron)


@pytest.mark.parametrize("kind", ["json", "xlsx"])
def test_another_childs_earlier_chronology_is_refused_and_not_named(tmp_path, kind):
    other = tmp_path / "other"
    other.mkdir()
    write_docx(other / "gp.docx", [entry("02/02/24", "GP asthma review", "GP", "Yes", "Zara, mother")], "GP",
               STRANGER)
    merge_case([other], tmp_path / "other-out")
    case = _next_month(tmp_path / "july")
    chron = merge_case([case], tmp_path / "out", options=CaseOptions(
        children=list(DECLARED), previous=[tmp_path / "other-out" / f"chronology.{kind}"])).chronology
    refused = [f for f in chron.files if f.status != "ok"]
    assert [f.format for f in refused] == [f"chrono-{kind}"] and "DIFFERENT CHILD" in refused[0].problems[0]
    assert len(chron.events) == 1
    text = _text_layers(tmp_path / "out")
    assert "PENNYWORTH" not in text.upper() and "asthma" not in text


def test_a_non_mobile_injury_in_a_households_account_is_the_babys_alone(tmp_path):
    case = tmp_path / "case"
    case.mkdir()
    write_docx(case / "police.docx", [
        entry("12/03/24", "Police attended; the non-mobile baby had a bruise to the cheek", "Police", "Yes",
              "Mother, the children")], "Police", FAMILY)
    chron = merge_case([case], tmp_path / "out", options=CaseOptions(children=list(DECLARED))).chronology
    assert [f.child for f in chron.flags if f.rule == "INJURY_NON_MOBILE"] == ["C3"]


def test_one_incident_told_about_kai_and_about_the_household_is_one_event(tmp_path):
    case = tmp_path / "case"
    case.mkdir()
    write_docx(case / "police.docx", [
        entry("12/03/24 21:40", "Police attended the home address following a report of domestic abuse; "
              "partner arrested", "Police", "Yes", "Mother, partner, the children")], "Police", FAMILY)
    write_docx(case / "school.docx", [
        entry("12/03/24 21:40", "Police attended the home address following a report of domestic abuse; "
              "partner arrested. Kai was present", "School", "No", "Kai, mother, partner")], "School", KAI)
    chron = merge_case([case], tmp_path / "out", options=CaseOptions(children=list(DECLARED))).chronology
    assert len(chron.events) == 1
    assert chron.events[0].children == ["C1", "C2", "C3"]
    assert sorted(tuple(r.children) for r in chron.events[0].sources) == [("C1", "C2", "C3"), ("C2",)]


def test_declared_children_no_heading_names_stop_before_anything_is_written(tmp_path):
    case = build_case(tmp_path / "case")
    result = CliRunner().invoke(app, ["merge", str(case), "-o", str(tmp_path / "out"),
                                      "--child", "Poppy GRANT", "--dob", "01/05/2020",
                                      "--child", "Rory GRANT", "--dob", "02/06/2021"])
    assert result.exit_code == 2 and "none of the submissions' headings names the 2 declared children" in result.output
    assert not (tmp_path / "out").exists()
