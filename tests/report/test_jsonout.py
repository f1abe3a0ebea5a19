"""chronology.json is a public interface: the contract's shape, and a lossless round trip."""

import datetime as dt
import json

from chrono.model import Child, Chronology, Event, FileReport, Flag, Provenance, Rejected, Row
from chrono.report import jsonout


def _row(file, row, agency, seen="yes"):
    return Row(Provenance(file, 2, row), {"Date": "12/03/24 21:40", "Significant Event": "Police attended"},
               dt.date(2024, 3, 12), time="21:40", event="Police attended", agency=agency,
               agency_raw=agency, child_seen=seen, seen_text="Yes - seen alone", date_text="12/03/24 21:40")


def _chronology():
    rows = [_row("police.docx", 5, "Police"), _row("csc.docx", 9, "Children's Social Care")]
    event = Event("E0001", dt.date(2024, 3, 12), "day", False, "21:40", "Police attended",
                  ["Police", "Children's Social Care"], "Mother", "Referral to CSC", "yes", "", rows,
                  categories=["domestic_abuse"], confidence=0.91)
    return Chronology(
        child=Child("Jo BLOGGS", dt.date(2019, 4, 2), "1 Any Street"),
        period_from=dt.date(2023, 3, 12), period_to=dt.date(2024, 3, 12),
        files=[FileReport("police.docx", sha256="ab", agency="Police", rows_read=1),
               FileReport("bad.docx", status="error", problems=["damaged"])],
        events=[event],
        rejected=[Rejected(Provenance("police.docx", 2, 7), "date 'TBC' could not be read", {"Date": "TBC"})],
        flags=[Flag("F001", "DOMESTIC_ABUSE_REPEAT", "high", dt.date(2024, 1, 1), dt.date(2024, 3, 12),
                    "2 domestic abuse incidents", ["E0001"])],
        generated_at="2024-03-20T10:00:00+00:00",
    )


def test_contract_fields_are_present_and_typed():
    d = json.loads(jsonout.dumps(_chronology()))
    assert d["schema"] == "chrono/1"
    assert d["child"] == {"name": "Jo BLOGGS", "dob": "2019-04-02", "address": "1 Any Street"}
    e = d["events"][0]
    assert (e["date"], e["date_precision"], e["date_approximate"], e["time"]) == ("2024-03-12", "day", False, "21:40")
    assert e["agencies"] == ["Police", "Children's Social Care"]
    assert e["child_seen"] == "yes" and e["match"] == {"confidence": 0.91, "needs_review": False}
    assert [(s["file"], s["table"], s["row"]) for s in e["sources"]] == [("police.docx", 2, 5), ("csc.docx", 2, 9)]
    assert e["sources"][0]["text"]["Date"] == "12/03/24 21:40"
    assert d["files"][1]["status"] == "error" and d["files"][1]["problems"] == ["damaged"]
    assert d["rejected"][0] == {"file": "police.docx", "table": 2, "row": 7,
                                "reason": "date 'TBC' could not be read", "raw": {"Date": "TBC"}}
    assert d["flags"][0]["events"] == ["E0001"]


def test_round_trip_is_lossless_for_what_the_appendix_needs():
    chron = _chronology()
    again = jsonout.from_dict(json.loads(jsonout.dumps(chron)))
    assert jsonout.dumps(again) == jsonout.dumps(chron)
    assert again.events[0].sources[0].seen_text == "Yes - seen alone"


def test_process_clock_flags_are_kept_apart_from_the_contracts_pattern_flags():
    chron = _chronology()
    chron.flags.append(Flag("F002", "REVIEW_OVERDUE", "medium", dt.date(2024, 1, 1), dt.date(2024, 4, 1),
                            "No review conference recorded", ["E0001"]))
    d = json.loads(jsonout.dumps(chron))
    assert [f["rule"] for f in d["flags"]] == ["DOMESTIC_ABUSE_REPEAT"]
    assert [f["rule"] for f in d["process_flags"]] == ["REVIEW_OVERDUE"]
    assert [f.rule for f in jsonout.from_dict(d).flags] == ["DOMESTIC_ABUSE_REPEAT", "REVIEW_OVERDUE"]
