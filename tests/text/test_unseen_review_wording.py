"""The annotate stage on kinds of wording met on review cases chrono had never seen
(wording invented here): a child and parent moving into a numbered address is a change of
address, an adult moving in is not; news of a ward discharge with its day folds with the
ward's own account of the discharge."""

from __future__ import annotations

from .test_annotate import annotated


def test_child_and_mother_moving_into_a_numbered_address_is_a_move():
    ann = annotated("Jaden and his mother moved into 27 Coldharbour Lane, flat above the shop")
    assert "house_move" in ann.categories


def test_a_boyfriend_moving_in_is_a_household_change_not_a_move():
    ann = annotated("Mother's boyfriend moved in 3 weeks ago, staying most nights")
    assert "house_move" not in ann.categories
    assert "household_change" in ann.categories


def test_news_of_a_ward_discharge_with_its_day_is_the_discharge():
    ann = annotated("Discharge notification from the children's hospital - discharged 14/02 to foster carers",
                    agency="Health Visiting")
    assert dict(ann.folding.modes).get("hospital_discharge") == "occurred"


def test_no_discharge_notification_is_not_news_of_one():
    ann = annotated("No discharge notification received from the ward, rang for an update",
                    agency="Health Visiting")
    assert dict(ann.folding.modes).get("hospital_discharge") != "occurred"


def test_missing_since_a_day_names_the_day_the_episode_began():
    import datetime as dt

    from .words import dates_in
    on = dt.date(2025, 2, 10)
    assert dt.date(2025, 2, 7) in dates_in("Missing notification: missing since 07/02 pm, home 09/02", on)
    assert dt.date(2025, 2, 7) not in dates_in("Not seen at school since 07/02, no reply from mum", on)
