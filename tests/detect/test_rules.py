import datetime as dt

from chrono.config import load_config
from chrono.detect import find_flags, tag_events
from chrono.model import FileReport

from .helpers import chron, day, ev, seen_every

CFG = load_config()


def flags(events, rule=None, cfg=CFG, **kw):
    c = chron(events, **kw)
    tag_events(c.events, cfg)
    out = find_flags(c, cfg)
    return [f for f in out if rule is None or f.rule == rule]


def ae(date, site="Brackley General Hospital", **kw):
    return ev(date, f"Attended A&E at {site} - cough", agency="Emergency Department", seen="yes", **kw)


def test_three_attendances_in_twelve_months_fire_two_do_not():
    two = [ae("2024-01-04"), ae("2024-02-19")]
    assert flags(two, "AE_REPEAT") == []
    three = two + [ae("2024-05-30")]
    [flag] = flags(three, "AE_REPEAT")
    assert (flag.start, flag.end) == (day("2024-01-04"), day("2024-05-30"))
    assert flag.summary.startswith("3 A&E or urgent care attendances")
    assert "cough" not in flag.summary


def test_attendances_more_than_twelve_months_apart_do_not_fire():
    spread = [ae("2023-01-04"), ae("2023-09-19"), ae("2024-01-05")]
    assert flags(spread, "AE_REPEAT") == []
    assert len(flags(spread[:2] + [ae("2024-01-04")], "AE_REPEAT")) == 1   # the day the window closes


def test_overlapping_windows_give_one_flag():
    many = [ae(f"2024-{m:02d}-10") for m in range(1, 8)]
    assert len(flags(many, "AE_REPEAT")) == 1


def test_one_attendance_reported_by_three_agencies_is_one():
    report = [ae("2024-03-01"),
              ev("2024-03-01", "ED discharge letter received - attended Brackley General", agency="GP"),
              ev("2024-03-01", "Notification of ED attendance at Brackley General", agency="Health Visiting")]
    assert flags(report, "AE_REPEAT") == []
    assert flags(report, "AE_MULTIPLE_SITES") == []


def test_two_sites_fire_multiple_sites_and_name_them():
    [flag] = flags([ae("2024-01-04"), ae("2024-03-01", site="Kirkby Royal Infirmary")], "AE_MULTIPLE_SITES")
    assert "Brackley" in flag.summary and "Kirkby" in flag.summary
    assert flags([ae("2024-01-04"), ae("2024-03-01", site="Brackley General")], "AE_MULTIPLE_SITES") == []


def test_missed_appointments_within_six_months():
    one = [ev("2024-02-01", "WNB audiology", agency="GP", seen="no")]
    assert flags(one, "WAS_NOT_BROUGHT") == []
    assert len(flags(one + [ev("2024-07-20", "DNA dental appt", agency="GP")], "WAS_NOT_BROUGHT")) == 1
    assert flags(one + [ev("2024-08-20", "DNA dental appt", agency="GP")], "WAS_NOT_BROUGHT") == []


def test_no_access_twice_in_three_months():
    visits = [ev("2024-02-01", "Planned home visit - no access", seen="no"),
              ev("2024-04-25", "Unannounced visit - no answer, card left", seen="no")]
    assert len(flags(visits, "NO_ACCESS")) == 1
    visits[1] = ev("2024-05-25", "Unannounced visit - no answer, card left", seen="no")
    assert flags(visits, "NO_ACCESS") == []


def test_child_not_seen_gap_inside_the_period_only():
    seen = seen_every("2024-01-01", "2024-03-01", 14) + seen_every("2024-05-01", "2024-12-31", 14)
    [flag] = flags(seen, "CHILD_NOT_SEEN")
    assert flag.start == day("2024-02-26") and flag.end == day("2024-05-01")
    # the same gap a year earlier is background history, outside the 12-month period
    old = seen_every("2022-01-01", "2022-03-01", 14) + seen_every("2022-05-01", "2023-12-31", 14)
    assert flags(old, "CHILD_NOT_SEEN") == []


def test_child_not_seen_at_28_days_is_fine_29_is_not():
    assert flags(seen_every("2024-01-01", "2024-12-31", 28), "CHILD_NOT_SEEN") == []
    assert flags(seen_every("2024-01-01", "2024-12-31", 29), "CHILD_NOT_SEEN")


def test_domestic_abuse_repeat():
    one = [ev("2024-01-10", "DA incident - police attended, verbal argument", agency="Police")]
    assert flags(one, "DOMESTIC_ABUSE_REPEAT") == []
    two = one + [ev("2024-05-02", "Police notification (DA) - altercation at home", agency="Police")]
    assert flags(two, "DOMESTIC_ABUSE_REPEAT")[0].severity == "high"


def test_single_event_rules():
    evs = [ev("2024-03-01", "Registered with Oakfield Surgery (transferred from Hill Practice)", agency="GP"),
           ev("2024-04-01", "New partner (Dean) now living at the address"),
           ev("2024-05-01", "Reported missing from home, returned next morning", agency="Police"),
           ev("2024-06-01", "Mother admitted following an overdose", agency="Emergency Department")]
    rules = {f.rule for f in flags(evs)}
    assert {"GP_CHANGE", "HOUSEHOLD_CHANGE", "MISSING_EPISODE", "SELF_HARM"} <= rules


def test_injury_to_a_baby_fires_but_not_to_a_walking_toddler():
    baby = [ev("2024-05-01", "HV visit - bruise to right cheek noted", agency="Health Visiting", seen="yes")]
    [flag] = flags(baby, "INJURY_NON_MOBILE", dob="2024-01-10")
    assert flag.severity == "high"
    assert flags(baby, "INJURY_NON_MOBILE", dob="2022-01-10") == []
    described = [ev("2024-05-01", "Bruise to ear of non-mobile baby", agency="Health Visiting")]
    assert flags(described, "INJURY_NON_MOBILE", dob=None)


def test_agency_silent_in_the_latest_month():
    files = [FileReport(file="a", agency="School", submitted=day("2024-04-15")),
             FileReport(file="b", agency="Police", submitted=day("2024-04-15")),
             FileReport(file="c", agency="Police", submitted=day("2024-05-15")),
             FileReport(file="d", agency="School", submitted=day("2024-05-15"), status="error")]
    [flag] = flags([ev("2024-05-01", "Core group meeting")], "AGENCY_SILENT", files=files)
    assert "School" in flag.summary


def _plan(core_groups: list[str], reviews: list[str], end: str = "2024-12-20"):
    evs = [ev("2024-01-05", "ICPC - child made subject of a CP plan")]
    evs += [ev(d, "Core group meeting held") for d in core_groups]
    evs += [ev(d, "RCPC - plan continues") for d in reviews]
    evs += [ev(end, "Pastoral check-in", agency="School")]
    return evs


def test_review_overdue_and_core_group_gap():
    on_time = _plan(["2024-01-18", "2024-02-15", "2024-03-14", "2024-04-11", "2024-05-09", "2024-06-06",
                     "2024-07-04", "2024-08-01", "2024-08-29", "2024-09-26", "2024-10-24", "2024-11-21",
                     "2024-12-19"], ["2024-04-04", "2024-10-03"])
    assert flags(on_time, "REVIEW_OVERDUE") == [] and flags(on_time, "CORE_GROUP_GAP") == []
    late = _plan(["2024-01-25"], ["2024-05-20"])
    assert flags(late, "REVIEW_OVERDUE")
    gaps = flags(late, "CORE_GROUP_GAP")
    assert gaps[0].start == day("2024-01-05")        # first core group after 10 working days


def test_area_presets_change_the_visit_standard():
    evs = [ev("2024-01-05", "ICPC - CP plan")] + \
          [ev(d, "CP home visit - child seen", seen="yes") for d in ("2024-01-10", "2024-02-02", "2024-02-28")] + \
          [ev("2024-03-01", "Core group meeting held")]
    assert flags(evs, "VISIT_FREQUENCY")                                    # default: 10 working days
    assert flags(evs, "VISIT_FREQUENCY", cfg=load_config(area="dudley")) == []   # Dudley: 28 days


def test_flag_ids_are_in_order():
    out = flags([ae("2024-01-04"), ae("2024-02-19"), ae("2024-05-30", site="Kirkby Royal Infirmary")])
    assert [f.id for f in out] == [f"F{i:03d}" for i in range(1, len(out) + 1)]


def test_a_carers_own_attendance_is_not_the_childs():
    carer = ev("2024-03-01", "Mother attended ED following an overdose. Child cared for by grandmother",
               agency="Emergency Department")
    evs = [ae("2024-01-04"), ae("2024-02-19"), carer]
    assert flags(evs, "AE_REPEAT") == []
    assert flags(evs, "SELF_HARM")


def test_a_discharge_letter_days_later_is_the_same_attendance():
    evs = [ae("2024-01-04"), ae("2024-02-19"),
           ev("2024-02-21", "ED discharge letter received - attended Brackley General", agency="GP")]
    assert flags(evs, "AE_REPEAT") == []


def test_a_misspelt_or_shortened_site_name_is_the_same_site():
    evs = [ae("2024-01-04", site="St Aldhelm's Hospital"),
           ev("2024-03-01", "Notification of ED attendance at Aldhelms", agency="Health Visiting"),
           ev("2024-05-01", "A&E letter (St Aldhem's) - wheeze", agency="GP")]
    assert len(flags(evs, "AE_REPEAT")) == 1
    assert flags(evs, "AE_MULTIPLE_SITES") == []


def test_a_utc_and_a_hospital_in_one_town_are_two_sites():
    evs = [ae("2024-01-04", site="Kirkby General Hospital"), ae("2024-02-01", site="Kirkby UTC")]
    assert flags(evs, "AE_MULTIPLE_SITES")


def test_a_carers_injury_is_not_the_babys():
    evs = [ev("2024-05-01", "Police attended DA incident. Mum had bruising to her face. Baby asleep upstairs",
              agency="Police")]
    assert flags(evs, "INJURY_NON_MOBILE", dob="2024-02-01") == []


def test_christmas_bank_holidays_inside_the_first_core_group_window():
    # ICPC Thursday 21/12/23: with Christmas, Boxing Day and New Year's Day, 10 working days end 09/01/24
    def plan(core_group):
        return [ev("2023-12-21", "ICPC - CP plan"), ev(core_group, "Core group meeting held"),
                ev("2024-01-25", "Pastoral check-in", agency="School")]
    assert flags(plan("2024-01-09"), "CORE_GROUP_GAP") == []
    [late] = flags(plan("2024-01-10"), "CORE_GROUP_GAP")
    assert "11 working days" in late.summary
