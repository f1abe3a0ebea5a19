"""One attendance is one site; a family moving home is a house move; a kept registration is no GP change."""

import pytest

from chrono.config import load_config
from chrono.detect import find_flags, tag_events

from .helpers import chron, ev

CFG = load_config()


def flags(events, rule):
    c = chron(events)
    tag_events(c.events, CFG)
    return [f for f in find_flags(c, CFG) if f.rule == rule]


def cats(text, agency="Children's Social Care"):
    return tag_events([ev("2024-05-01", text, agency=agency)], CFG)[0].categories


def merged(date, *accounts):
    """One event reported by several agencies, each naming the place its own way."""
    first, *rest = [ev(date, text, agency=agency) for agency, text in accounts]
    for other in rest:
        first.sources += other.sources
        first.agencies.append(other.agencies[0])
    return first


def test_one_attendance_named_two_ways_is_not_two_sites():
    one = merged("2024-03-02",
                 ("GP", "A&E letter: seen at Pellowby Royal Infirmary with a scald, discharged"),
                 ("Health Visiting", "Attended Trewick District Hospital ED overnight - scald"))
    assert flags([one], "AE_MULTIPLE_SITES") == []


def test_two_attendances_at_two_sites_still_fire():
    a = merged("2024-03-02",
               ("GP", "A&E letter: seen at Pellowby Royal Infirmary with a scald, discharged"),
               ("Health Visiting", "Attended Trewick District Hospital ED overnight - scald"))
    b = ev("2024-07-19", "Attended A&E at Pellowby Royal Infirmary - fall", agency="Emergency Department")
    [flag] = flags([a, b], "AE_MULTIPLE_SITES")
    assert "2 different sites" in flag.summary


@pytest.mark.parametrize("text", [
    "Keys handed over for the 3-bed house today, moved in. Temporary accommodation placement ended",
    "Tenancy signed on Ashgrove Rd and moved in the same day",
    "Mother and the children moved in to the new house on Quarry Lane",
    "B&B placement ended - moved to a housing association flat",
])
def test_family_moving_into_a_new_home_is_a_house_move(text):
    got = cats(text, agency="Housing")
    assert "house_move" in got
    assert "household_change" not in got and "looked_after_end" not in got


def test_an_adult_moving_in_stays_a_household_change():
    got = cats("Mum's boyfriend has moved in to the new flat")
    assert "household_change" in got and "house_move" not in got


@pytest.mark.parametrize("text", [
    "New address noted; children staying registered with Fenwick Road Surgery",
    "Mum says they will stay registered at Orchard Practice after the move",
    "Remaining registered with Tollgate Medical Centre, no change of GP",
    "No change of GP practice",
])
def test_keeping_a_registration_is_not_a_gp_change(text):
    assert "gp_change" not in cats(text, agency="GP")


def test_a_real_gp_change_still_tags():
    assert "gp_change" in cats("Now registered with a new practice - Linden Surgery", agency="GP")
