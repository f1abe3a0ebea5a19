"""End to end: files in, chronology.json out; nothing lost, nothing from the wrong child."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chrono.pipeline import CaseOptions, InputError, build_chronology, merge_case
from tests.builders import CHILD, d, entry, write_csv, write_docx, write_xlsx

NOW = dt.datetime(2024, 6, 1, 9, 0, tzinfo=dt.timezone.utc)
JSON_ONLY = CaseOptions(formats=("json",), now=NOW)


def _case(folder):
    folder.mkdir(exist_ok=True)
    write_docx(folder / "Police chronology - May24.docx", [
        entry("12/03/24 21:40", "Police attended home following report of domestic abuse", "Police", "Yes"),
        entry("TBC", "Follow-up call planned", "Police", "N/A"),
        entry("02/05/24", "Welfare check at home address, all well", "Police", "No"),
    ], agency="Brackenmoor Police")
    write_xlsx(folder / "HV chronology - May24.xlsx", [
        [dt.datetime(2024, 3, 14), "Home visit, child seen with mother", "HV", "Mother", "", "Yes", ""],
        ["20/04/24", "Was not brought to 2-year development review", "HV", "", "Rebook", "No", ""],
    ], agency="Health Visiting")
    write_csv(folder / "School chronology - May24.csv", [
        entry("13/03/24", "Sibling disclosed argument at home; DSL informed", "DSL", "N/A"),
    ])
    return folder


def _all_provenance(doc):
    rows = [(s["file"], s["table"], s["row"]) for e in doc["events"] for s in e["sources"]]
    rows += [(r["file"], r["table"], r["row"]) for r in doc["rejected"]]
    return rows


def test_every_row_read_is_in_an_event_or_rejected_exactly_once(tmp_path):
    outcome = merge_case([_case(tmp_path / "case")], tmp_path / "out", options=JSON_ONLY)
    doc = json.loads((tmp_path / "out" / "chronology.json").read_text())
    found = _all_provenance(doc)
    assert len(found) == len(set(found)) == 6
    assert [r["reason"] for r in doc["rejected"]] and "TBC" in doc["rejected"][0]["reason"]
    assert outcome.exit_code == 1  # a row was rejected: finished, but say so
    agencies = {s["agency"] for e in doc["events"] for s in e["sources"]}
    assert agencies == {"Police", "Health Visiting", "School"}


def test_a_different_childs_chronology_is_refused_and_none_of_its_rows_are_used(tmp_path):
    case = _case(tmp_path / "case")
    other = {"name": "Harvey WINTERBOURNE", "dob": "11/11/2016", "address": "9 Elsewhere Road"}
    write_docx(case / "GP chronology - May24.docx",
               [entry("01/04/24", "Seen at surgery for asthma review", "GP")], agency="GP", child=other)
    chron = build_chronology([case], options=JSON_ONLY)
    refused = {f.file: f for f in chron.files if f.status == "error"}
    assert "GP chronology - May24.docx" in refused
    assert "different child" in " ".join(refused["GP chronology - May24.docx"].problems).lower()
    assert all(s.provenance.file != "GP chronology - May24.docx" for e in chron.events for s in e.sources)
    assert chron.child.name.lower().startswith("tilly")


def test_cumulative_resubmission_is_folded_and_keeps_both_sources(tmp_path):
    case = tmp_path / "case"
    (case / "2024-04").mkdir(parents=True)
    (case / "2024-05").mkdir(parents=True)
    april = [entry("03/04/24", "CP visit, child seen alone in bedroom", "Social Care"),
             entry("10/04/24", "CP visit, child seen alone in bedroom", "Social Care")]
    may = april + [entry("17/04/24", "CP visit, child seen alone in bedroom", "Social Care")]
    write_docx(case / "2024-04" / "CSC chronology.docx", april, agency="Children's Social Care")
    write_docx(case / "2024-05" / "CSC chronology.docx", may, agency="Children's Social Care")
    chron = build_chronology([case], options=JSON_ONLY)
    assert len(chron.events) == 3  # weekly visits stay separate; resubmitted ones fold
    assert sorted(len(e.sources) for e in chron.events) == [1, 2, 2]
    assert {s.provenance.file for s in chron.events[0].sources} == {"2024-04/CSC chronology.docx",
                                                                   "2024-05/CSC chronology.docx"}


def test_input_order_does_not_change_the_output(tmp_path):
    case = _case(tmp_path / "case")
    files = sorted(case.iterdir())
    outputs = []
    for n in range(3):
        order = files[:]
        random.Random(n).shuffle(order)
        merge_case(order, tmp_path / f"out{n}", options=JSON_ONLY)
        outputs.append((tmp_path / f"out{n}" / "chronology.json").read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]


def test_merging_twice_into_the_same_folder_changes_nothing(tmp_path):
    case = _case(tmp_path / "case")
    merge_case([case], tmp_path / "out", options=CaseOptions(formats=("json",)))
    first = (tmp_path / "out" / "chronology.json").read_bytes()
    merge_case([case], tmp_path / "out", options=CaseOptions(formats=("json",)))
    assert (tmp_path / "out" / "chronology.json").read_bytes() == first


def test_no_such_input_is_a_usage_error_naming_the_path(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        build_chronology([tmp_path / "missing"])


_TEXTS = ["Home visit", "Police attended, domestic incident", "Was not brought to clinic",
          "Attended A&E with a cut to the hand", "Core group meeting", "School reports good attendance"]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 200), st.sampled_from(_TEXTS), st.sampled_from(["Yes", "No", ""]),
                          st.booleans(), st.sampled_from(["Police", "HV", "GP", "School"])),
                min_size=1, max_size=25))
def test_property_nothing_is_lost_and_order_does_not_matter(tmp_path_factory, entries):
    case = tmp_path_factory.mktemp("case")
    start = dt.date(2023, 1, 2)
    by_agency: dict[str, list] = {}
    for offset, text, seen, garbled, agency in entries:
        date = "unknown" if garbled and offset % 7 == 0 else d(start + dt.timedelta(days=offset))
        by_agency.setdefault(agency, []).append(entry(date, text, agency, seen))
    for n, (agency, rows) in enumerate(sorted(by_agency.items())):
        writer = (write_docx, write_xlsx)[n % 2]
        writer(case / f"{agency} chronology.{'docx' if n % 2 == 0 else 'xlsx'}", rows, agency=agency)
    chron = build_chronology([case], options=JSON_ONLY)
    seen_rows = [s.provenance for e in chron.events for s in e.sources] + [r.provenance for r in chron.rejected]
    assert len(seen_rows) == len(set(seen_rows)) == len(entries)
    shuffled = sorted(case.iterdir(), reverse=True)
    again = build_chronology(shuffled, options=JSON_ONLY)
    from chrono.report.jsonout import dumps
    assert dumps(again) == dumps(chron)


def test_files_passed_over_are_named_not_dropped_unseen(tmp_path):
    case = _case(tmp_path / "case")
    (case / "~$Police chronology - May24.docx").write_bytes(b"lock")
    chron = build_chronology([case], options=JSON_ONLY)
    assert any("~$Police chronology - May24.docx" in w for w in chron.warnings)
    assert all(f.file != "~$Police chronology - May24.docx" for f in chron.files)


def test_month_on_month_keeps_ids_and_reports_what_changed(tmp_path):
    case = tmp_path / "case"
    (case / "2024-04").mkdir(parents=True)
    april = [entry("03/04/24", "Home visit, child seen with mother", "HV"),
             entry("10/04/24", "Was not brought to clinic", "HV", "No"),
             entry("15/04/24", "Telephone call with mother re sleep routine", "HV", "No")]
    write_docx(case / "2024-04" / "HV chronology.docx", april, agency="Health Visiting")
    first = merge_case([case], tmp_path / "out", options=CaseOptions(formats=("json",)))
    ids = {e.event: e.id for e in first.chronology.events}

    (case / "2024-05").mkdir()
    may = [april[0], entry("10/04/24", "Was not brought to clinic; rebooked", "HV", "No"),
           entry("02/05/24", "Home visit, child seen alone", "HV")]  # the 15/04 call is gone
    write_docx(case / "2024-05" / "HV chronology.docx", may, agency="Health Visiting")
    second = merge_case([case], tmp_path / "out", options=CaseOptions(formats=("json",))).chronology
    assert {e.id for e in second.events if e.date.month == 4} >= {ids["Home visit, child seen with mother"]}
    new = [e for e in second.events if e.id in second.changes.new_events]
    assert [e.date for e in new] == [dt.date(2024, 5, 2)]
    assert second.changes.edited_events  # the outcome added to the WNB entry
    assert any(v.get("date") in ("2024-04-15", dt.date(2024, 4, 15)) for v in second.changes.vanished)


def test_expected_agencies_come_from_the_local_config_for_all_cases_and_per_case(tmp_path):
    from chrono.config import load_config
    from chrono.pipeline import expected_agencies

    user = tmp_path / "chrono.toml"
    user.write_text('[agencies.expected]\nall = ["Police"]\n"Tilly Q" = ["School", "Police"]\n')
    cfg = load_config(user)
    (tmp_path / "Tilly Q").mkdir()
    assert expected_agencies(cfg, [tmp_path / "Tilly Q"]) == ["Police", "School"]
    assert expected_agencies(cfg, [tmp_path]) == ["Police"]


def test_same_first_name_and_dob_with_another_surname_is_refused_and_a_headless_file_is_flagged(tmp_path):
    case = _case(tmp_path / "case")
    brown = {**CHILD, "name": "Tilly BROWN"}
    write_docx(case / "GP chronology - May24.docx",
               [entry("01/04/24", "Seen at surgery for asthma review", "GP")], agency="GP", child=brown)
    chron = build_chronology([case], options=JSON_ONLY)
    gp = next(f for f in chron.files if f.file == "GP chronology - May24.docx")
    assert gp.status == "error" and gp.problems[0].startswith("DIFFERENT CHILD")
    assert "BROWN" not in gp.problems[0] and gp.heading.name == "" and gp.heading.dob == ""
    school = next(f for f in chron.files if f.file.startswith("School"))
    assert "no heading naming the child" in school.identity_warning
    assert chron.child_basis == "named in 2 of 3 headings (the most); the others name 1 other child"


def test_chronos_own_outputs_are_skipped_wherever_they_are(tmp_path):
    case = _case(tmp_path / "case")
    merge_case([case], tmp_path / "out", options=CaseOptions(formats=("json", "docx", "xlsx"), now=NOW))
    for name in ("appendix.docx", "chronology.xlsx"):  # a copy dropped into the case folder, renamed
        (case / f"copy of {name}").write_bytes((tmp_path / "out" / name).read_bytes())
    (case / "old-out").mkdir()  # an earlier output folder inside the case, with an interrupted run's temp file
    for name in ("chronology.json", "timeline.png", ".chronology.k2j4h5g6.tmp.xlsx", ".chrono.lock"):
        (case / "old-out" / name).write_bytes((tmp_path / "out" / "chronology.xlsx").read_bytes())
    chron = build_chronology([case], options=JSON_ONLY)
    assert not any(f.file.startswith(("copy of", "old-out")) for f in chron.files)
    assert sum("written by chrono" in w for w in chron.warnings) == 4
    assert any("old-out/.chronology.k2j4h5g6.tmp.xlsx: not read (a temporary file" in w for w in chron.warnings)
    assert any("old-out/.chrono.lock: not read (chrono's lock file" in w for w in chron.warnings)


def test_nothing_is_created_when_the_child_cannot_be_settled(tmp_path):
    case = _case(tmp_path / "case")
    with pytest.raises(InputError, match="match none of the submissions' headings"):
        merge_case([case], tmp_path / "out", options=CaseOptions(child_name="Zara BLOGGS", formats=("json",)))
    assert not (tmp_path / "out").exists()


def _document_text(path):
    from docx import Document

    doc = Document(str(path))
    return [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]


def test_the_outputs_are_the_same_whether_the_appendix_is_written_in_a_second_process_or_not(tmp_path, monkeypatch):
    import subprocess
    import sys
    import textwrap
    from pathlib import Path

    from chrono import forked

    case = _case(tmp_path / "case")
    one, two = tmp_path / "one-process", tmp_path / "two-processes"
    monkeypatch.setattr(forked, "ENABLED", False)
    alone = merge_case([case], one, options=CaseOptions(now=NOW))
    # a fresh process: no thread another test left running stops it from forking
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(f"""
        import datetime as dt
        from chrono import forked
        from chrono.pipeline import CaseOptions, merge_case
        print(forked.can_fork())
        now = dt.datetime.fromisoformat({NOW.isoformat()!r})
        outcome = merge_case([{str(case)!r}], {str(two)!r}, options=CaseOptions(now=now))
        print(" ".join(sorted(p.name for p in outcome.written)))
    """)], capture_output=True, text=True, cwd=str(Path(__file__).resolve().parent.parent))
    assert done.returncode == 0, done.stderr[-2000:]
    forked_here, written = done.stdout.strip().splitlines()
    if sys.platform.startswith("linux"):
        assert forked_here == "True"
    assert written.split() == sorted(p.name for p in alone.written)
    assert {"appendix.docx", "timeline.png", "chronology.xlsx"} <= set(written.split())
    assert (one / "chronology.json").read_bytes() == (two / "chronology.json").read_bytes()
    assert _document_text(one / "appendix.docx") == _document_text(two / "appendix.docx")
    assert (one / "timeline.png").read_bytes() == (two / "timeline.png").read_bytes()
