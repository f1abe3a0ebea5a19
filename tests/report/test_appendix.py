"""The Word appendix, opened again with python-docx as a reader would see it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from chrono.model import Child, Chronology, Event, FileReport, Provenance, Row
from chrono.report.chart import write_chart
from chrono.report.docx import COLUMNS, write_appendix
from chrono.report.style import rule_name
from chrono.report.style import agency_colours, chronology_agencies, contrast_ratio

HEADINGS = [name for name, _ in COLUMNS]


def _write(tmp_path, chron, cfg, name="appendix.docx", **kwargs):
    path = tmp_path / name
    info = write_appendix(chron, path, cfg, **kwargs)
    return Document(str(path)), info


def _chronology_table(doc):
    for table in doc.tables:
        if [c.text for c in table.rows[0].cells] == HEADINGS:
            return table
    raise AssertionError("no chronology table")


def _lead_rows(table):
    """The rows that open an event (the others are further agencies' accounts of it)."""
    return [r for r in table.rows[1:] if not r.cells[0].text.startswith("same event")]


def _all_text(doc) -> str:
    """Every piece of text in the package's main parts (body, headers, footers)."""
    parts = [doc.element]
    for section in doc.sections:
        parts += [section.header._element, section.footer._element]
    return "\n".join("".join(part.xpath(".//w:t/text()")) for part in parts)


def _part_text(part) -> str:
    return "\n".join(p.text for p in part.paragraphs)


def test_pages_are_a4_landscape(tmp_path, case, cfg):
    doc, _ = _write(tmp_path, case, cfg)
    for section in doc.sections:
        assert section.orientation == WD_ORIENT.LANDSCAPE
        assert section.page_width > section.page_height
        assert abs(section.page_width.cm - 29.7) < 0.05 and abs(section.page_height.cm - 21.0) < 0.05


def test_marking_child_period_and_page_numbers_on_every_section(tmp_path, case, cfg):
    doc, _ = _write(tmp_path, case, cfg)
    marking = cfg.section("privacy")["marking"]
    for section in doc.sections:
        assert not section.header.is_linked_to_previous
        header, footer = _part_text(section.header), _part_text(section.footer)
        assert marking in header and marking in footer
        assert "Alfie TESTCHILD" in header and "01/11/2025 to 31/10/2026" in header
        instructions = " ".join(section.footer._element.xpath(".//w:instrText/text()"))
        assert "PAGE" in instructions.split() and "NUMPAGES" in instructions.split()
        assert "Page" in footer and " of " in footer


def test_header_row_repeats_and_rows_do_not_split(tmp_path, case, cfg):
    doc, _ = _write(tmp_path, case, cfg)
    table = _chronology_table(doc)
    first = table.rows[0]._tr.trPr
    assert first.find(qn("w:tblHeader")) is not None
    for row in table.rows:
        assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None


def test_columns_have_fixed_widths_that_fill_the_page(tmp_path, case, cfg):
    doc, _ = _write(tmp_path, case, cfg)
    table = _chronology_table(doc)
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    grid = [int(c.get(qn("w:w"))) / 567 for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert abs(sum(grid) - 26.7) < 0.1  # the text width of landscape A4 with 1.5 cm margins
    assert max(grid) == grid[HEADINGS.index("Significant event")]
    for row in table.rows[1:4]:
        widths = [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) / 567 for tc in row._tr.tc_lst]
        assert widths == pytest.approx(grid, abs=0.01)


def test_every_event_is_in_the_table_with_all_its_agencies(tmp_path, case, cfg):
    doc, info = _write(tmp_path, case, cfg)
    table = _chronology_table(doc)
    rows = _lead_rows(table)
    assert len(rows) == len(case.events) == info.events_shown
    assert len(table.rows) - 1 == sum(len({r.agency for r in e.sources}) for e in case.events)
    by_text = {}
    for row in rows:
        cells = [c.text for c in row.cells]
        by_text.setdefault(cells[1].splitlines()[-1], []).append(cells)
    for event in case.events:
        assert event.event in by_text, event.id
        assert any(cells[2].splitlines()[0] == event.agencies[0] for cells in by_text[event.event]), event.id


def test_imprecise_and_approximate_dates_read_as_written(tmp_path, case, cfg):
    doc, _ = _write(tmp_path, case, cfg)
    dates = [row.cells[0].text.splitlines()[0] for row in _lead_rows(_chronology_table(doc))]
    assert "1988" in dates and "March 2019" in dates
    approximate = next(e for e in case.events if e.approximate)
    assert f"c. {approximate.date:%d/%m/%Y}" in dates
    month = next(e for e in case.events if e.precision == "month" and e.date.year == 2026)
    assert month.date.strftime("%B %Y") in dates


def test_disputed_and_unconfirmed_events_are_marked(tmp_path, case, cfg):
    doc, _ = _write(tmp_path, case, cfg)
    marked = [row.cells[1].text for row in _lead_rows(_chronology_table(doc)) if "CHECK" in row.cells[1].text]
    disputed = [e for e in case.events if e.needs_review or e.conflicts]
    assert len(marked) == len(disputed) == 2
    assert all("accounts differ on date" in text for text in marked)


def test_rows_are_tinted_by_first_agency_with_readable_contrast(tmp_path, case, cfg):
    doc, _ = _write(tmp_path, case, cfg)
    colours = agency_colours(chronology_agencies(case))
    table = _chronology_table(doc)
    for row in table.rows[1:]:
        agency = row.cells[2].text.splitlines()[0]
        fill = row.cells[1]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill"))
        assert fill == colours[agency]
    fills = {el.get(qn("w:fill")) for el in doc.element.body.iter(qn("w:shd"))}
    assert len(fills) > 5
    for fill in fills:
        assert contrast_ratio("000000", fill) >= 4.5, fill


def test_a_colour_key_names_every_agency_in_the_table(tmp_path, case, cfg):
    doc, _ = _write(tmp_path, case, cfg)
    colours = agency_colours(chronology_agencies(case))
    key = next(t for t in doc.tables if {c.text for c in t.rows[0].cells} & {"A&E"} and len(t.rows) <= 3)
    shown = {c.text: c._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) for r in key.rows for c in r.cells if c.text}
    assert shown == {a: colours[a] for a in {a for e in case.events for a in e.agencies}}


def test_title_contributors_flags_and_child_seen(tmp_path, case, cfg):
    doc, info = _write(tmp_path, case, cfg)
    text = _all_text(doc)
    assert "14/05/2021" in text and "1 Fictional Road, Anytown AB1 2CD" in text
    assert "Date produced" in text and "01/11/2026" in text
    # contributors: author and latest submission; Housing last sent in August
    assert "PC A Example" in text and "28/10/2026" in text
    assert info.silent_agencies == ["Housing"]
    assert re.search(r"silent this month: Housing", text)
    assert info.quorum_met and "Quorum of agencies: met" in text
    for flag in case.flags:
        assert flag.summary in text and rule_name(flag.rule) in text and flag.rule not in text
    seen_table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Date"
                      and t.rows[0].cells[1].text == "Seen by")
    seen_dates = {re.search(r"\d\d/\d\d/\d{4}", r.cells[0].text).group(0) for r in seen_table.rows[1:]}
    expected = {e.date.strftime("%d/%m/%Y") for e in case.events if e.child_seen == "yes"}
    assert seen_dates == expected


def test_sources_list_files_with_hash_and_refused_files_with_reason(tmp_path, case, cfg):
    doc, _ = _write(tmp_path, case, cfg)
    text = _all_text(doc)
    for report in case.files:
        assert report.file in text
        if report.status == "ok":
            assert report.sha256 in text
    assert "the heading names a different child" in text


def test_expected_agencies_that_sent_nothing_are_named(tmp_path, case, cfg):
    doc, info = _write(tmp_path, case, cfg, expected_agencies=["Police", "Youth Offending Service", "Housing"])
    assert info.silent_agencies == ["Youth Offending Service", "Housing"]
    assert "silent this month: Youth Offending Service, Housing." in _all_text(doc)


def test_quorum_not_met_without_social_care(tmp_path, cfg):
    def event(n, agency):
        row = Row(Provenance("f.csv", 1, n), {}, dt.date(2026, 1, n), event=f"Entry {n}", agency=agency)
        return Event(f"E{n}", row.date, "day", False, None, row.event, [agency], "", "", "unknown", "", [row])

    chron = Chronology(Child("Test CHILD"), None, None,
                       [FileReport("p.csv", agency="Police", submitted=dt.date(2026, 1, 20))],
                       [event(1, "Police"), event(2, "School"), event(3, "GP")], [])
    doc, info = _write(tmp_path, chron, cfg)
    assert not info.quorum_met
    assert "NOT met: there is no entry from Children's Social Care" in _all_text(doc)


def test_chart_is_embedded_when_given(tmp_path, case, cfg):
    chart = tmp_path / "timeline.png"
    write_chart(case, chart)
    doc, _ = _write(tmp_path, case, cfg, chart=chart)
    assert len(doc.inline_shapes) == 1
    assert doc.inline_shapes[0].width.cm <= 26.7


def test_period_filter_shows_only_the_period_and_says_what_is_left_out(tmp_path, case, cfg):
    since, until = dt.date(2026, 3, 1), dt.date(2026, 6, 30)
    doc, info = _write(tmp_path, case, cfg, since=since, until=until)
    inside = [e for e in case.events if since <= e.date <= until]
    rows = _lead_rows(_chronology_table(doc))
    assert len(rows) == len(inside) == info.events_shown
    before = sum(1 for e in case.events if e.date < since)
    assert info.omitted_before == before
    text = _all_text(doc)
    assert f"{before} earlier entries (before 01/03/2026" in text
    assert "Period 01/03/2026 to 30/06/2026" in _part_text(doc.sections[0].header)


def test_parents_copy_withholds_confidential_entries_and_other_adults_records(tmp_path, case, cfg):
    confidential = [e for e in case.events if e.confidential]
    probation_only = [e for e in case.events if not e.confidential and {r.agency for r in e.sources} == {"Probation"}]
    assert len(confidential) == 3 and probation_only
    doc, info = _write(tmp_path, case, cfg, name="parents.docx", parents_copy=True)
    assert info.withheld == len(confidential) + len(probation_only)
    rows = _lead_rows(_chronology_table(doc))
    assert len(rows) == len(case.events) - info.withheld
    text = _all_text(doc)
    for event in confidential + probation_only:
        assert event.event not in text
    assert "[THIRD PARTY]" not in text and "Probation" not in text
    hidden = {e.id for e in confidential + probation_only}
    shown = [r.cells[1].text.splitlines()[-1] for r in rows]
    assert shown == [e.event for e in case.events if e.id not in hidden]
    assert f"Left out of this copy: {info.withheld} entries" in text
    # the flag resting only on withheld entries goes too; the others stay
    assert info.flags_withheld == 1 and "HOUSEHOLD_CHANGE" not in text
    assert rule_name("AE_REPEAT") in text and "AE_REPEAT" not in text
    # no event ids whose gaps would show where entries were withheld
    assert not re.search(r"\bE00\d\d\b", text)
    # the refused file's reason (about another child) is not in the parents' copy
    assert "different child" not in text


def test_parents_copy_is_marked_on_every_page(tmp_path, case, cfg):
    doc, _ = _write(tmp_path, case, cfg, name="parents.docx", parents_copy=True)
    for section in doc.sections:
        assert "PARENTS' COPY" in _part_text(section.header).upper()
        assert "PARENTS' COPY" in _part_text(section.footer).upper()


def test_parents_copy_redraws_the_chart_without_withheld_entries(tmp_path, case, cfg):
    chart = tmp_path / "timeline.png"
    write_chart(case, chart)
    doc, _ = _write(tmp_path, case, cfg, name="parents.docx", parents_copy=True, chart=chart)
    embedded = doc.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    blob = doc.part.related_parts[embedded].blob
    assert blob != chart.read_bytes()


@pytest.mark.parametrize("parents_copy", [False, True])
def test_professional_copy_has_no_parents_label(tmp_path, case, cfg, parents_copy):
    doc, _ = _write(tmp_path, case, cfg, parents_copy=parents_copy)
    assert ("PARENTS' COPY" in _part_text(doc.sections[0].header)) is parents_copy


def test_an_empty_case_still_gives_a_readable_appendix(tmp_path, cfg):
    chron = Chronology(Child(), None, None, [], [], [])
    doc, info = _write(tmp_path, chron, cfg)
    text = _all_text(doc)
    assert info.events_shown == 0 and "0 entries" in text
    assert "No pattern was flagged in this period." in text
    assert "No entry in this period records that the child was seen." in text
    assert "NOT met" in text


def test_a_huge_background_history_is_counted_not_listed_and_the_appendix_covers_the_period(tmp_path):
    from chrono.config import load_config
    from tests.report.report_case import make_case

    case = make_case()  # three background entries from before the period
    background = [e for e in case.events if e.date < case.period_from]
    assert len(background) == 3
    doc, _ = _write(tmp_path, case, load_config(), "listed.docx")
    assert "The first 3 entries are background history" in _all_text(doc)
    assert len(_lead_rows(_chronology_table(doc))) == len(case.events)

    short = load_config(extra={"wording": {"appendix": {"background_entries_listed": 2}}})
    doc, info = _write(tmp_path, case, short, "counted.docx")
    text = _all_text(doc)
    assert "Not shown here: 3 earlier entries" in text and "in the workbook and chronology.json" in text
    assert info.omitted_before == 3
    assert len(_lead_rows(_chronology_table(doc))) == len(case.events) - 3
