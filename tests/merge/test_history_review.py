"""Ids that stay put month to month, what changed, and the decisions file."""

from __future__ import annotations

import random

from hypothesis import given, settings, strategies as st

from chrono.merge import MergeResult, merge_rows
from chrono.merge.review import apply_review_csv, load_decisions, pair_fingerprint, save_decisions

from .rowkit import make_row


def as_previous(result: MergeResult) -> dict:
    """The parts of chronology.json the merge reads back."""
    return {"generated_at": "2024-10-01T09:00:00+00:00", "events": [
        {"id": e.id, "date": e.date.isoformat(), "sources": [
            {"file": r.provenance.file, "table": r.provenance.table, "row": r.provenance.row,
             "agency": r.agency, "date": r.date.isoformat(), "text": {"event": r.event}}
            for r in e.sources]} for e in result.events]}


def month_one():
    return [make_row("CSC Sep.docx", 2, "2024-08-05", "Strategy discussion held - S47 agreed", "Children's Social Care", submitted="2024-09-01"),
            make_row("CSC Sep.docx", 3, "2024-08-20", "ICPC - child made subject of CP plan", "Children's Social Care", submitted="2024-09-01"),
            make_row("CSC Sep.docx", 4, "2024-09-02", "Home visit - no access", "Children's Social Care", submitted="2024-09-01")]


def test_ids_survive_next_month_and_new_events_get_new_ids(cfg):
    first = merge_rows(month_one(), cfg)
    assert [e.id for e in first.events] == ["E0001", "E0002", "E0003"]
    # October: a new entry dated before the others, rows shifted, one entry dropped, one edited
    october = [make_row("CSC Oct.docx", 2, "2024-07-30", "Referral received from school", "Children's Social Care", submitted="2024-10-01"),
               make_row("CSC Oct.docx", 3, "2024-08-05", "Strategy discussion held - S47 agreed", "Children's Social Care", submitted="2024-10-01"),
               make_row("CSC Oct.docx", 4, "2024-08-20", "ICPC - child made subject of CP plan (neglect)", "Children's Social Care", submitted="2024-10-01")]
    second = merge_rows(month_one() + october, cfg, previous=as_previous(first))
    ids = {e.event: e.id for e in second.events}
    assert ids["Strategy discussion held - S47 agreed"] == "E0001"
    assert ids["ICPC - child made subject of CP plan (neglect)"] == "E0002"
    assert ids["Referral received from school"] == "E0004"
    assert second.changes.new_events == ["E0004"]
    assert second.changes.edited_events == ["E0002"]
    (gone,) = second.changes.vanished
    assert gone["event"] == "E0003" and gone["file"] == "CSC Sep.docx" and gone["row"] == 4
    assert gone["agency"] == "Children's Social Care"


def test_a_previous_row_missing_from_every_file_is_reported(cfg):
    first = merge_rows(month_one(), cfg)
    later = merge_rows(month_one()[:2], cfg, previous=as_previous(first))
    assert [v["event"] for v in later.changes.vanished] == ["E0003"]
    assert [e.id for e in later.events] == ["E0001", "E0002"]


def test_decisions_file_round_trip_keeps_no_entry_text(tmp_path, cfg):
    a = make_row("CSC.docx", 2, "2024-02-05", "Mother reports partner has left", "Children's Social Care")
    b = make_row("HV.docx", 6, "2024-02-05", "Partner moved out per mother", "Health Visiting")
    fp = pair_fingerprint(a, b)
    path = tmp_path / "decisions.csv"
    save_decisions(path, {fp: "same"}, {fp: (str(a.provenance), str(b.provenance))})
    assert load_decisions(path) == {fp: "same"}
    assert "partner" not in path.read_text().lower()
    assert load_decisions(tmp_path / "none-yet.csv") == {}


def test_review_sheet_csv_is_read_whatever_people_type(tmp_path):
    sheet = tmp_path / "review.csv"
    sheet.write_text("\ufeffFingerprint,Left,Right,Decision\nabc,x,y,Same\ndef,x,y, different \nghi,x,y,\n", encoding="utf-8")
    assert apply_review_csv(sheet) == {"abc": "same", "def": "different"}


def _case():
    rows = []
    for month, sub in (("Sep", "2024-09-01"), ("Oct", "2024-10-01")):
        rows += [make_row(f"Police {month}.xlsx", 2, "2024-06-01", "Report of DA at address, partner arrested", "Police", time="21:40", submitted=sub),
                 make_row(f"CSC {month}.docx", 2, "2024-06-02", "PPN received re DA last night", "Children's Social Care", submitted=sub),
                 make_row(f"CSC {month}.docx", 3, "2024-06-03", "CP visit, child seen alone", "Children's Social Care", seen="yes", submitted=sub),
                 make_row(f"CSC {month}.docx", 4, "2024-06-10", "CP visit, child seen alone", "Children's Social Care", seen="yes", submitted=sub),
                 make_row(f"ED {month}.docx", 2, "2024-06-04", "ED attendance - head injury", "Emergency Department", seen="yes", submitted=sub),
                 make_row(f"ED {month}.docx", 3, "2024-06-05", "Re-attended ED - head injury", "Emergency Department", seen="yes", submitted=sub),
                 make_row(f"GP {month}.docx", 2, "2024-06-05", "A&E letter - head injury", "GP", submitted=sub)]
    return rows


def _signature(result: MergeResult):
    return [(e.id, e.date, e.event, e.child_seen, tuple(r.provenance for r in e.sources), sorted(e.conflicts))
            for e in result.events], [(i.fingerprint, i.score) for i in result.review]


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False))
def test_row_order_changes_nothing(cfg, rnd: random.Random):
    rows = _case()
    expected = _signature(merge_rows(rows, cfg))
    shuffled = rows[:]
    rnd.shuffle(shuffled)
    assert _signature(merge_rows(shuffled, cfg)) == expected


def test_merging_the_output_again_changes_nothing(cfg):
    once = merge_rows(_case(), cfg)
    twice = merge_rows([r for e in once.events for r in e.sources], cfg)
    assert _signature(twice) == _signature(once)
    attendances = [e for e in once.events if "Emergency Department" in e.agencies]
    assert len(attendances) == 2  # the GP's letter may join one, never fold the two together
    assert sum("Police" in e.agencies for e in once.events) == 1
