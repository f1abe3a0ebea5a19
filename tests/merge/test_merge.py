"""The merge as a key worker sees it: one event per incident, different events kept apart."""

from __future__ import annotations

from chrono.merge import merge_rows
from chrono.merge.review import pair_fingerprint

from .rowkit import make_row

SEP, OCT = "Police - Sep.docx", "Police - Oct.docx"


def by_source(result):
    """(file, row) -> event id."""
    return {(r.provenance.file, r.provenance.row): e.id for e in result.events for r in e.sources}


def test_two_ae_attendances_on_consecutive_days_stay_apart(cfg):
    rows = [
        make_row("ED Sep.xlsx", 3, "2024-04-01", "ED attendance - vomiting and diarrhoea", "Emergency Department", time="04:05"),
        make_row("ED Sep.xlsx", 4, "2024-04-02", "Re-attended ED - still vomiting, admitted for IV fluids", "Emergency Department"),
        make_row("ED Oct.xlsx", 3, "2024-04-01", "ED attendance - vomiting and diarrhoea", "Emergency Department", time="04:05"),
        make_row("ED Oct.xlsx", 4, "2024-04-02", "Re-attended ED - still vomiting, admitted for IV fluids", "Emergency Department"),
    ]
    ids = by_source(merge_rows(rows, cfg))
    assert ids[("ED Sep.xlsx", 3)] == ids[("ED Oct.xlsx", 3)]
    assert ids[("ED Sep.xlsx", 4)] == ids[("ED Oct.xlsx", 4)]
    assert ids[("ED Sep.xlsx", 3)] != ids[("ED Sep.xlsx", 4)]


def test_weekly_cp_visits_with_identical_wording_stay_apart(cfg):
    text = "CP visit, child seen alone"
    dates = ["2024-03-04", "2024-03-11", "2024-03-18", "2024-03-25"]
    rows = [make_row("CSC Mar.docx", 2 + k, d, text, "Children's Social Care", seen="yes") for k, d in enumerate(dates)]
    rows += [make_row("CSC Apr.docx", 2 + k, d, text, "Children's Social Care", seen="yes") for k, d in enumerate(dates)]
    result = merge_rows(rows, cfg)
    assert len(result.events) == 4
    assert all(len(e.sources) == 2 for e in result.events)


def test_one_file_never_repeats_itself(cfg):
    rows = [make_row("HV.docx", 2, "2024-05-01", "Core group meeting", "Health Visiting"),
            make_row("HV.docx", 3, "2024-05-01", "Core group meeting", "Health Visiting")]
    assert len(merge_rows(rows, cfg).events) == 2


def test_cumulative_resubmission_with_edits_keeps_the_latest_wording(cfg):
    rows = [
        make_row(SEP, 2, "2024-03-12", "DA incident - verbal agrument between mother and partner", "Police", submitted="2024-09-01"),
        make_row(OCT, 2, "2024-03-12", "DA incident - verbal argument between mother and partner", "Police",
                 outcome="Partner arrested", submitted="2024-10-01"),
        make_row(OCT, 3, "2024-09-20", "Concern for welfare call", "Police", submitted="2024-10-01"),
    ]
    result = merge_rows(rows, cfg)
    assert len(result.events) == 2
    first = result.events[0]
    assert len(first.sources) == 2
    assert first.event == "DA incident - verbal argument between mother and partner"
    assert first.outcome == "Partner arrested"
    assert first.id in result.changes.edited_events


def test_date_retyped_in_resubmission_is_still_one_event(cfg):
    rows = [make_row(SEP, 5, "2024-03-12", "Welfare check at home address", "Police", submitted="2024-09-01"),
            make_row(OCT, 5, "2024-03-14", "Welfare check at home address", "Police", submitted="2024-10-01")]
    result = merge_rows(rows, cfg)
    assert len(result.events) == 1
    assert result.events[0].date.isoformat() == "2024-03-14"  # the agency's correction wins


def test_cross_agency_reports_a_day_apart_are_one_event(cfg):
    rows = [
        make_row("Police.xlsx", 4, "2024-06-01", "Report of DA at address. Partner arrested", "Police", time="21:40"),
        make_row("CSC.docx", 9, "2024-06-02", "PPN received re DA incident last night", "Children's Social Care"),
        make_row("School.docx", 7, "2024-06-02", "Operation Encompass notification - police called to home", "School"),
        make_row("GP.docx", 3, "2024-06-02", "GP appt - eczema review", "GP", seen="yes"),
    ]
    result = merge_rows(rows, cfg)
    incident = next(e for e in result.events if len(e.sources) > 1)
    assert incident.agencies == ["Police", "Children's Social Care", "School"]
    assert incident.date.isoformat() == "2024-06-01" and incident.time == "21:40"
    assert "date" in incident.conflicts
    assert len(result.events) == 2


def test_two_agencies_visits_same_day_at_different_times_stay_apart(cfg):
    rows = [make_row("HV.docx", 2, "2024-09-13", "HV home visit - child seen, weight checked", "Health Visiting", time="09:30"),
            make_row("CSC.docx", 2, "2024-09-13", "Home visit - child seen, home cluttered", "Children's Social Care", time="15:45")]
    assert len(merge_rows(rows, cfg).events) == 2


def test_child_seen_disagreement_is_shown_not_resolved(cfg):
    rows = [make_row("CSC.docx", 2, "2024-08-30", "Joint home visit with HV", "Children's Social Care", seen="no"),
            make_row("HV.docx", 4, "2024-08-30", "Joint visit with SW", "Health Visiting", seen="yes", submitted="2024-10-01")]
    (event,) = merge_rows(rows, cfg).events
    assert event.needs_review
    assert sorted(event.conflicts["child_seen"]) == ["Children's Social Care: no", "Health Visiting: yes"]


def test_decisions_survive_a_resubmission_with_shifted_rows(cfg):
    left = make_row("CSC Sep.docx", 12, "2024-02-05", "Mother reports partner has left the home", "Children's Social Care")
    right = make_row("HV Sep.docx", 6, "2024-02-05", "Mother says partner moved out last week", "Health Visiting")
    decisions = {pair_fingerprint(left, right): "same"}
    # next month: the same entries, further down new files
    moved_left = make_row("CSC Oct.docx", 19, "2024-02-05", "Mother reports partner has left the home", "Children's Social Care")
    moved_right = make_row("HV Oct.docx", 11, "2024-02-05", "Mother says partner moved out last week", "Health Visiting")
    assert len(merge_rows([moved_left, moved_right], cfg).events) == 2
    assert len(merge_rows([moved_left, moved_right], cfg, decisions=decisions).events) == 1
    twins = [make_row("CSC Oct.docx", 3, "2024-02-09", "Core group meeting", "Children's Social Care"),
             make_row("School Oct.docx", 4, "2024-02-09", "Core group attended", "School")]
    assert len(merge_rows(twins, cfg).events) == 1
    apart = {pair_fingerprint(*twins): "different"}
    assert len(merge_rows(twins, cfg, decisions=apart).events) == 2


def filler(n: int) -> list:
    """A case's other entries, weeks away: they make common words common."""
    words = ["GP appt", "HV clinic contact", "School attendance", "Home visit", "Supervision"]
    return [make_row(f"Other {k % 4}.docx", k, f"2023-{1 + k % 12:02d}-{1 + k % 27:02d}",
                     f"{words[k % 5]} - mother and partner seen, entry {k}", "Other") for k in range(n)]


def test_middling_pairs_go_to_review_with_both_rows(cfg):
    rows = [make_row("Police.xlsx", 4, "2024-06-01", "Concern for welfare - neighbour reports shouting", "Police"),
            make_row("Housing.xlsx", 7, "2024-06-01", "Neighbour complaint - shouting at the property", "Housing")]
    result = merge_rows(rows + filler(120), cfg)
    mine = [e for e in result.events if e.date.year == 2024]
    assert len(mine) == 2
    assert len(result.review) == 1
    item = result.review[0]
    assert {item.left.agency, item.right.agency} == {"Police", "Housing"}
    assert item.fingerprint == pair_fingerprint(rows[0], rows[1])
    assert all(e.needs_review for e in mine)


def test_few_rows_sharing_common_words_are_not_merged(cfg):
    rows = [make_row("Police.xlsx", 4, "2024-06-01", "Mother seen in town with new partner", "Police"),
            make_row("Housing.xlsx", 7, "2024-06-01", "Mother says new partner moved in", "Housing")]
    assert len(merge_rows(rows, cfg).events) == 2


def test_month_precision_account_joins_the_day_account_of_the_same_agency(cfg):
    rows = [make_row("GP Sep.docx", 2, "2013-10-01", "Mother diagnosed postnatal depression", "GP", precision="month"),
            make_row("GP Oct.docx", 2, "2013-10-14", "Mother diagnosed postnatal depression", "GP")]
    (event,) = merge_rows(rows, cfg).events
    assert event.precision == "day" and event.date.isoformat() == "2013-10-14"


def test_confidential_if_any_account_is(cfg):
    rows = [make_row("Police.xlsx", 4, "2024-06-01", "Strategy discussion held", "Police", confidential=True),
            make_row("CSC.docx", 9, "2024-06-01", "Strategy meeting - S47 agreed", "Children's Social Care")]
    (event,) = merge_rows(rows, cfg).events
    assert event.confidential


def test_an_entry_reworded_next_month_is_still_its_resubmission(cfg):
    sep = [make_row(SEP, 2, "2024-03-12", "Call from mother re partner's behaviour", "Police", submitted="2024-09-01"),
           make_row(SEP, 3, "2024-03-12", "Intel report - partner seen at address", "Police", submitted="2024-09-01")]
    octo = [make_row(OCT, 2, "2024-03-12", "Mother phoned police - concerned about partner's behaviour, advice given", "Police", submitted="2024-10-01"),
            make_row(OCT, 3, "2024-03-12", "Intel report - partner seen at address", "Police", submitted="2024-10-01")]
    result = merge_rows(sep + octo, cfg)
    assert len(result.events) == 2
    assert all(len(e.sources) == 2 for e in result.events)
    # the reworded entry shows as an edit of the same event, in the agency's latest words
    assert any(e.event.startswith("Mother phoned police") for e in result.events)


def test_a_notifications_no_does_not_undo_a_visits_yes(cfg):
    rows = [make_row("Police.docx", 2, "2024-08-30", "Missing episode - located by patrol at a friend's flat, spoken to alone",
                     "Police", seen="yes"),
            make_row("CSC.docx", 3, "2024-08-30", "EDT notification - reported missing to police, found at a friend's flat",
                     "Children's Social Care", seen="no")]
    (event,) = merge_rows(rows, cfg).events
    assert event.child_seen == "yes"
    assert "child_seen" not in event.conflicts


def test_the_merge_thresholds_are_configuration(tmp_path):
    from chrono.config import load_config

    rows = [make_row("Police.docx", 2, "2024-05-01", "Domestic incident at the address, police attended, father arrested",
                     "Police"),
            make_row("CSC.docx", 2, "2024-05-02", "PPN received: domestic incident, father arrested",
                     "Children's Social Care")]
    assert len(merge_rows(rows, load_config()).events) == 1
    user = tmp_path / "chrono.toml"
    user.write_text("[merge]\ncross_agency_max_days = 0\n", "utf-8")
    assert len(merge_rows(rows, load_config(user)).events) == 2
